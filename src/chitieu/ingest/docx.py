"""Word documents (.docx): paragraphs and tables in document order, numbering, footnotes.

python-docx gives us a safe parser (lxml, no entity resolution, nothing executed) and the
package parts; the reading itself walks the body XML because python-docx's ``paragraphs`` and
``tables`` lists lose the order between them, drop automatic list numbers ("1.", "a)") that
Vietnamese plans use as task identifiers, and ignore footnotes, where reports put details.

What lands in ``RawDocument.text``:

* one line per paragraph, prefixed with its computed list label when Word numbers it;
* one line per table row, cells joined by ``CELL_SEPARATOR`` (structured rows and their text
  offsets are kept in ``RawDocument.tables``);
* a superscript number (``¹``) where a footnote is referenced; the footnote's own text goes to
  ``RawDocument.footnotes`` with the same mark;
* runs typed in legacy 8-bit fonts (``.VnTime`` = TCVN3, ``VNI-Times`` = VNI) converted to
  Unicode, so a 1990s template with a modern paragraph reads as one text.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chitieu.errors import UnreadableDocument
from chitieu.ingest.base import CELL_SEPARATOR, Footnote, RawDocument, Table, shares
from chitieu.ingest.limits import check_zip_container
from chitieu.text.legacy import convert_legacy, legacy_font

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
FOOTNOTES_RELTYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"

SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _attr(el: Any, name: str) -> str | None:
    if el is None:
        return None
    value = el.get(w(name))
    return None if value is None else str(value)


def superscript(number: int) -> str:
    return str(number).translate(SUPERSCRIPT_DIGITS)


# --------------------------------------------------------------------------- numbering


def _to_roman(n: int) -> str:
    if n <= 0:
        return str(n)
    pairs = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
             (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for value, letters in pairs:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _to_letters(n: int) -> str:
    # Word's letter numbering: a..z, then aa..zz, aaa.. (repeated letter, not base 26).
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf076": "❖", "\uf0fc": "✓", "o": "o", "\uf02d": "-"}


def format_number(value: int, fmt: str) -> str:
    if fmt in ("decimal", "decimalEnclosedCircle", "decimalHalfWidth", "decimalFullWidth"):
        return str(value)
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "lowerLetter":
        return _to_letters(value)
    if fmt == "upperLetter":
        return _to_letters(value).upper()
    if fmt == "lowerRoman":
        return _to_roman(value).lower()
    if fmt == "upperRoman":
        return _to_roman(value)
    if fmt == "none":
        return ""
    return str(value)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0 = never


@dataclass
class _Numbering:
    """Word's list definitions and the running counters, in document order."""

    abstract_levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    num_to_abstract: dict[str, str] = field(default_factory=dict)
    start_overrides: dict[str, dict[int, int]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    seen_nums: set[str] = field(default_factory=set)

    @classmethod
    def from_element(cls, root: Any) -> _Numbering:
        numbering = cls()
        if root is None:
            return numbering
        for absn in root.iter(w("abstractNum")):
            aid = _attr(absn, "abstractNumId")
            if aid is None:
                continue
            levels: dict[int, _Level] = {}
            for lvl in absn.findall(w("lvl")):
                ilvl = int(_attr(lvl, "ilvl") or 0)
                level = _Level()
                start = lvl.find(w("start"))
                if start is not None:
                    level.start = int(_attr(start, "val") or 1)
                fmt = lvl.find(w("numFmt"))
                if fmt is not None:
                    level.fmt = _attr(fmt, "val") or "decimal"
                text = lvl.find(w("lvlText"))
                if text is not None:
                    level.text = _attr(text, "val") or ""
                restart = lvl.find(w("lvlRestart"))
                if restart is not None:
                    level.restart = int(_attr(restart, "val") or 0)
                levels[ilvl] = level
            numbering.abstract_levels[aid] = levels
        for num in root.iter(w("num")):
            nid = _attr(num, "numId")
            ref = num.find(w("abstractNumId"))
            if nid is None or ref is None:
                continue
            numbering.num_to_abstract[nid] = _attr(ref, "val") or ""
            for override in num.findall(w("lvlOverride")):
                start = override.find(w("startOverride"))
                if start is not None:
                    ilvl = int(_attr(override, "ilvl") or 0)
                    numbering.start_overrides.setdefault(nid, {})[ilvl] = int(_attr(start, "val") or 1)
        return numbering

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter of ``(num_id, ilvl)`` and return the rendered label ("2.", "b)", "•").

        Lists that share an abstract definition continue each other, as Word does, unless the
        list instance restarts a level with ``startOverride``.
        """
        aid = self.num_to_abstract.get(num_id)
        if aid is None or aid not in self.abstract_levels:
            return ""
        levels = self.abstract_levels[aid]
        level = levels.get(ilvl, _Level())
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.seen_nums:
            self.seen_nums.add(num_id)
            for lvl_index, start in self.start_overrides.get(num_id, {}).items():
                counters[lvl_index] = start - 1
                for deeper in [k for k in counters if k > lvl_index]:
                    del counters[deeper]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels.get(deeper, _Level()).restart
            if restart != 0:
                del counters[deeper]
        if level.fmt == "bullet":
            return _BULLETS.get(level.text, level.text or "•")
        if level.fmt == "none" and "%" not in level.text:
            return level.text

        def repl(match: re.Match[str]) -> str:
            ref = int(match.group(1)) - 1
            ref_level = levels.get(ref, _Level())
            value = counters.get(ref, ref_level.start)
            return format_number(value, ref_level.fmt if ref != ilvl else level.fmt)

        return re.sub(r"%(\d)", repl, level.text)


# --------------------------------------------------------------------------- styles


@dataclass
class _Styles:
    """What we need from styles.xml: each style's font, numbering and parent."""

    fonts: dict[str, str] = field(default_factory=dict)
    based_on: dict[str, str] = field(default_factory=dict)
    num_pr: dict[str, tuple[str, int]] = field(default_factory=dict)
    default_font: str | None = None
    default_paragraph_style: str | None = None

    @classmethod
    def from_element(cls, root: Any) -> _Styles:
        styles = cls()
        if root is None:
            return styles
        defaults = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('rFonts')}")
        styles.default_font = _font_of_rfonts(defaults)
        for style in root.findall(w("style")):
            sid = _attr(style, "styleId")
            if sid is None:
                continue
            if _attr(style, "type") == "paragraph" and _attr(style, "default") in ("1", "true"):
                styles.default_paragraph_style = sid
            based = style.find(w("basedOn"))
            if based is not None and _attr(based, "val"):
                styles.based_on[sid] = _attr(based, "val") or ""
            font = _font_of_rfonts(style.find(f"{w('rPr')}/{w('rFonts')}"))
            if font:
                styles.fonts[sid] = font
            num_pr = style.find(f"{w('pPr')}/{w('numPr')}")
            if num_pr is not None:
                num_id = _attr(num_pr.find(w("numId")), "val")
                ilvl = _attr(num_pr.find(w("ilvl")), "val")
                if num_id is not None:
                    styles.num_pr[sid] = (num_id, int(ilvl or 0))
        return styles

    def _chain(self, style_id: str | None) -> Iterator[str]:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            yield style_id
            style_id = self.based_on.get(style_id)

    def font(self, run_style: str | None, paragraph_style: str | None) -> str | None:
        for sid in self._chain(run_style):
            if sid in self.fonts:
                return self.fonts[sid]
        for sid in self._chain(paragraph_style or self.default_paragraph_style):
            if sid in self.fonts:
                return self.fonts[sid]
        return self.default_font

    def numbering(self, paragraph_style: str | None) -> tuple[str, int] | None:
        for sid in self._chain(paragraph_style):
            if sid in self.num_pr:
                return self.num_pr[sid]
        return None


def _font_of_rfonts(rfonts: Any) -> str | None:
    if rfonts is None:
        return None
    return _attr(rfonts, "ascii") or _attr(rfonts, "hAnsi") or _attr(rfonts, "cs")


# --------------------------------------------------------------------------- reader

_RUN_CONTAINERS = {w(t) for t in ("hyperlink", "ins", "smartTag", "fldSimple", "customXml", "moveTo", "sdtContent", "sdt")}
_SKIPPED = {w(t) for t in ("del", "moveFrom", "pPr", "rPr", "sdtPr", "sdtEndPr")}


class _Reader:
    def __init__(self, styles: _Styles, numbering: _Numbering, footnote_ids: set[str]) -> None:
        self.styles = styles
        self.numbering = numbering
        self.footnote_ids = footnote_ids
        self.parts: list[str] = []
        self.length = 0
        self.tables: list[Table] = []
        self.footnote_order: list[tuple[str, str]] = []  # (footnote id, mark)
        self.legacy: set[str] = set()

    # -- output
    def emit_line(self, line: str) -> None:
        self.parts.append(line + "\n")
        self.length += len(line) + 1

    def text(self) -> str:
        return "".join(self.parts)

    # -- body
    def read_block_children(self, parent: Any) -> None:
        for child in parent:
            tag = child.tag
            if tag == w("p"):
                line, boxes = self.paragraph(child, with_numbering=True, with_footnotes=True)
                self.emit_line(line)
                for box_line in boxes:
                    self.emit_line(box_line)
            elif tag == w("tbl"):
                self.table(child)
            elif tag in (w("sdt"), w("customXml")):
                content = child.find(w("sdtContent")) if tag == w("sdt") else child
                if content is not None:
                    self.read_block_children(content)

    def table(self, tbl: Any) -> None:
        rows = self.table_rows(tbl)
        if not rows:
            return
        start = self.length
        row_spans = []
        for row in rows:
            line = CELL_SEPARATOR.join(row)
            row_spans.append((self.length, self.length + len(line)))
            self.emit_line(line)
        self.tables.append(Table(rows=rows, start=start, end=self.length - 1, row_spans=row_spans,
                                 widths=_grid_widths(tbl)))

    def table_rows(self, tbl: Any) -> list[list[str]]:
        rows: list[list[str]] = []
        for tr in _rows(tbl):
            cells: list[str] = []
            tr_pr = tr.find(w("trPr"))
            before = _attr(tr_pr.find(w("gridBefore")) if tr_pr is not None else None, "val")
            cells.extend([""] * int(before or 0))
            for tc in _cells(tr):
                cells.append(self.cell_text(tc))
                tc_pr = tc.find(w("tcPr"))
                span = _attr(tc_pr.find(w("gridSpan")) if tc_pr is not None else None, "val")
                cells.extend([""] * (int(span or 1) - 1))
            after = _attr(tr_pr.find(w("gridAfter")) if tr_pr is not None else None, "val")
            cells.extend([""] * int(after or 0))
            rows.append(cells)
        return rows

    def cell_text(self, tc: Any) -> str:
        pieces: list[str] = []
        for child in tc:
            if child.tag == w("p"):
                line, boxes = self.paragraph(child, with_numbering=True, with_footnotes=True)
                pieces.append(line)
                pieces.extend(boxes)
            elif child.tag == w("tbl"):
                pieces.extend("; ".join(c for c in row if c) for row in self.table_rows(child))
            elif child.tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    pieces.extend(self.paragraph(p, True, True)[0] for p in content.iter(w("p")))
        text = " ".join(p.strip() for p in pieces if p.strip())
        return re.sub(r"[\t\n\r]+", " ", text)

    # -- paragraphs
    def paragraph(self, p: Any, with_numbering: bool, with_footnotes: bool) -> tuple[str, list[str]]:
        ppr = p.find(w("pPr"))
        pstyle = _attr(ppr.find(w("pStyle")) if ppr is not None else None, "val")
        label = self.list_label(ppr, pstyle) if with_numbering else ""
        boxes: list[str] = []
        pieces: list[str] = []
        state = {"custom_mark": None}
        for run in _runs(p):
            pieces.append(self.run_text(run, pstyle, boxes, with_footnotes, state))
        text = "".join(pieces)
        if label:
            text = f"{label} {text}" if text else label
        return text, boxes

    def list_label(self, ppr: Any, pstyle: str | None) -> str:
        num_pr = ppr.find(w("numPr")) if ppr is not None else None
        num_id: str | None = None
        ilvl = 0
        if num_pr is not None:
            num_id = _attr(num_pr.find(w("numId")), "val")
            ilvl = int(_attr(num_pr.find(w("ilvl")), "val") or 0)
        if num_id is None:
            from_style = self.styles.numbering(pstyle)
            if from_style is None:
                return ""
            num_id, style_ilvl = from_style
            if num_pr is None or num_pr.find(w("ilvl")) is None:
                ilvl = style_ilvl
        if num_id == "0":
            return ""
        return self.numbering.label(num_id, ilvl)

    def run_text(self, run: Any, pstyle: str | None, boxes: list[str], with_footnotes: bool, state: dict[str, Any]) -> str:
        rpr = run.find(w("rPr"))
        out: list[str] = []
        for child in run:
            tag = child.tag
            if tag == w("t"):
                # An unresolved entity reference (a hostile DTD; entities are never resolved)
                # is a child node: skip it but keep the text after it.
                text = (child.text or "") + "".join(node.tail or "" for node in child)
                if state.get("custom_mark") is not None and text.strip():
                    fid = state["custom_mark"]
                    state["custom_mark"] = None
                    self.footnote_order.append((fid, text.strip()))
                out.append(text)
            elif tag in (w("tab"), w("ptab")):
                out.append("\t")
            elif tag in (w("br"), w("cr")):
                out.append("\n")
            elif tag == w("noBreakHyphen"):
                out.append("-")
            elif tag == w("footnoteReference") and with_footnotes:
                fid = _attr(child, "id")
                if fid is None or fid not in self.footnote_ids:
                    continue
                if _attr(child, "customMarkFollows") in ("1", "true"):
                    state["custom_mark"] = fid
                    continue
                number = sum(1 for _, m in self.footnote_order if m.isdigit()) + 1
                self.footnote_order.append((fid, str(number)))
                out.append(superscript(number))
            elif tag in (w("drawing"), w("pict"), f"{{{MC_NS}}}AlternateContent"):
                boxes.extend(self.textbox_lines(child))
        text = "".join(out)
        return self.convert_font(text, rpr, pstyle) if text else text

    def textbox_lines(self, el: Any) -> list[str]:
        if el.tag == f"{{{MC_NS}}}AlternateContent":
            choice = el.find(f"{{{MC_NS}}}Choice")
            el = choice if choice is not None else el
        lines: list[str] = []
        for box in el.iter(w("txbxContent")):
            for p in box.iter(w("p")):
                line, _ = self.paragraph(p, with_numbering=False, with_footnotes=False)
                if line.strip():
                    lines.append(line)
        return lines

    def convert_font(self, text: str, rpr: Any, pstyle: str | None) -> str:
        font = _font_of_rfonts(rpr.find(w("rFonts")) if rpr is not None else None)
        if font is None:
            rstyle = _attr(rpr.find(w("rStyle")) if rpr is not None else None, "val")
            font = self.styles.font(rstyle, pstyle)
        legacy = legacy_font(font)
        if legacy is None or not text.strip():
            return text
        self.legacy.add(legacy.encoding)
        converted = convert_legacy(text, legacy.encoding)
        # ".VnTimeH"-style fonts draw capitals for the lower-case codes
        return converted.upper() if legacy.capitals else converted


def _grid_widths(tbl: Any) -> tuple[float, ...]:
    """The columns' shares of the table's width from its grid (``w:tblGrid``), () when unset."""
    grid = tbl.find(w("tblGrid"))
    if grid is None:
        return ()
    sizes = []
    for column in grid.findall(w("gridCol")):
        value = _attr(column, "w") or ""
        if not value.isdigit():
            return ()
        sizes.append(float(value))
    return shares(sizes)


def _rows(tbl: Any) -> Iterator[Any]:
    """Direct rows of a table (rows of nested tables are read as part of their cell)."""
    for child in tbl:
        if child.tag == w("tr"):
            yield child
        elif child.tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if content is not None:
                yield from (r for r in content if r.tag == w("tr"))


def _cells(tr: Any) -> Iterator[Any]:
    for child in tr:
        if child.tag == w("tc"):
            yield child
        elif child.tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if content is not None:
                yield from (c for c in content if c.tag == w("tc"))


def _runs(el: Any) -> Iterator[Any]:
    """The runs of a paragraph in reading order, through hyperlinks, insertions and fields."""
    for child in el:
        tag = child.tag
        if tag == w("r"):
            yield child
        elif tag in _SKIPPED:
            continue
        elif tag in _RUN_CONTAINERS:
            yield from _runs(child)


# --------------------------------------------------------------------------- entry point


def _read_footnotes(document: Any) -> dict[str, Any]:
    """Footnote id → its ``w:footnote`` element (separators excluded)."""
    from docx.oxml import parse_xml

    for rel in document.part.rels.values():
        if rel.reltype != FOOTNOTES_RELTYPE or rel.is_external:
            continue
        part = rel.target_part
        root = getattr(part, "element", None)
        if root is None:
            root = parse_xml(part.blob)
        notes = {}
        for note in root.findall(w("footnote")):
            if _attr(note, "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            fid = _attr(note, "id")
            if fid is not None:
                notes[fid] = note
        return notes
    return {}


def _declared_pages(archive: zipfile.ZipFile) -> int:
    """The page count Word saved in docProps/app.xml (1 when absent or implausible)."""
    try:
        info = archive.getinfo("docProps/app.xml")
    except KeyError:
        return 1
    if info.file_size > 1_000_000:
        return 1
    match = re.search(rb"<(?:\w+:)?Pages>(\d{1,5})</", archive.read(info))
    return max(1, int(match.group(1))) if match else 1


def load_docx(path: Path) -> RawDocument:
    from docx import Document as open_docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    archive = check_zip_container(path, "DOCX")
    with archive:
        names = set(archive.namelist())
        if "word/document.xml" not in names and "[Content_Types].xml" not in names:
            raise UnreadableDocument(f"tệp {path.name} là tệp ZIP nhưng không phải văn bản Word (DOCX)")
        # Macros (word/vbaProject.bin) are never run: only the XML text parts are read.
        pages = _declared_pages(archive)
    try:
        document = open_docx(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise UnreadableDocument(f"tệp {path.name} không phải là văn bản Word (DOCX) hợp lệ") from exc
    except etree.XMLSyntaxError as exc:
        raise UnreadableDocument(f"tệp {path.name} bị hỏng (XML không hợp lệ)") from exc
    try:
        styles = _Styles.from_element(document.styles.element)
        numbering_root = None
        try:
            numbering_root = document.part.numbering_part.element
        except (NotImplementedError, KeyError):
            numbering_root = None
        numbering = _Numbering.from_element(numbering_root)
        notes = _read_footnotes(document)
        reader = _Reader(styles, numbering, set(notes))
        reader.read_block_children(document.element.body)
        footnotes: list[Footnote] = []
        for fid, mark in reader.footnote_order:
            note = notes.get(fid)
            if note is None:
                continue
            note_reader = _Reader(styles, _Numbering(), set())
            paragraphs = [note_reader.paragraph(p, with_numbering=False, with_footnotes=False)[0] for p in note.iter(w("p"))]
            reader.legacy |= note_reader.legacy
            text = " ".join(p.strip() for p in paragraphs if p.strip())
            footnotes.append(Footnote(mark=mark, text=text))
    except etree.XMLSyntaxError as exc:
        raise UnreadableDocument(f"tệp {path.name} bị hỏng (XML không hợp lệ)") from exc
    text = reader.text()
    if not text.strip():
        raise UnreadableDocument(f"tệp {path.name} không có nội dung văn bản")
    encoding = "+".join(sorted(reader.legacy)) if reader.legacy else None
    return RawDocument(
        path=path,
        format="docx",
        text=text,
        tables=reader.tables,
        footnotes=footnotes,
        pages=pages,
        encoding=encoding,
    )
