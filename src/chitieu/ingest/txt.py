"""Plain text and Markdown exports: bytes → Unicode, refusing binaries.

Provincial text files come as UTF-8, UTF-16 (Windows "Unicode" export, with or without BOM)
or legacy 8-bit encodings (TCVN3, VNI, cp1258). UTF-16 is recognised here because it is a
property of the bytes (NUL in every other position); everything else is decided by
``chitieu.text.legacy.decode_bytes``, which knows the Vietnamese legacy code pages.

The decoded text is kept as it is (no normalisation), so offsets of later stages map back to it.
Markdown tables (``| a | b |`` with a ``|---|`` rule) are reported in ``RawDocument.tables``
with their offsets; the text itself stays the file's text.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from chitieu.errors import UnreadableDocument
from chitieu.ingest.base import RawDocument, Table

MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown"})

_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
# Share of characters that may be control or replacement characters before we call it binary.
_MAX_JUNK_RATIO = 0.005


def detect_utf16(data: bytes) -> str | None:
    """``"utf-16"`` (BOM), ``"utf-16-le"`` / ``"utf-16-be"`` (by NUL pattern) or ``None``.

    Vietnamese text is mostly ASCII letters, so UTF-16 without BOM has NUL in most odd (LE)
    or even (BE) positions and almost none in the others; binary data has no such parity.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:8192]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.2 and even < 0.01:
        return "utf-16-le"
    if even > 0.2 and odd < 0.01:
        return "utf-16-be"
    return None


# Control characters (Unicode category Cc) other than the allowed ones, and U+FFFD; a regex
# counts them at C speed (a per-character loop costs seconds on a 5 MB file).
_JUNK = re.compile(
    "[\ufffd" + "".join(re.escape(chr(c)) for c in (*range(0x20), *range(0x7F, 0xA0))
                          if chr(c) not in _ALLOWED_CONTROLS) + "]"
)


def _junk_ratio(text: str) -> float:
    if not text:
        return 0.0
    return sum(1 for _ in _JUNK.finditer(text)) / len(text)


def decode_text_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode a text file's bytes to ``(text, encoding)``; refuse what is not text."""
    utf16 = detect_utf16(data)
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            raise UnreadableDocument(f"tệp {name} có dạng UTF-16 nhưng bị hỏng, không giải mã được") from None
        encoding = "utf-16"
    else:
        if b"\x00" in data:
            raise UnreadableDocument(f"tệp {name} không phải là văn bản (chứa dữ liệu nhị phân)")
        from chitieu.text.legacy import decode_bytes

        try:
            text, encoding = decode_bytes(data)
        except (UnicodeDecodeError, ValueError):
            raise UnreadableDocument(f"tệp {name} không giải mã được bằng bảng mã nào đã biết") from None
    text = text.removeprefix("\ufeff")
    if _junk_ratio(text) > _MAX_JUNK_RATIO:
        raise UnreadableDocument(f"tệp {name} không phải là văn bản (chứa ký tự điều khiển hoặc không giải mã được)")
    if not text.strip():
        raise UnreadableDocument(f"tệp {name} không có nội dung văn bản")
    return text, encoding


# Bold may span a hard line break (converters wrap long titles) but not a blank line.
_MD_BOLD = re.compile(r"\*\*(?:[^*\n]|\n(?!\s*\n))+?\*\*")
_MD_HEADING = re.compile(r"^#{1,6}\s+\S", re.MULTILINE)
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$", re.MULTILINE)
# A paragraph set wholly in italics (the "Căn cứ …" preamble of a resolution).
_MD_ITALIC_LINE = re.compile(r"^\*[^*\s]", re.MULTILINE)


def looks_like_markdown(text: str) -> bool:
    """True when the text carries Markdown marks, as a DOCX converted to Markdown does.

    Counts strong signals only (bold pairs, ``#`` headings, table rules, paragraphs opening in
    italics): a plain report's ``- `` bullets, a stray asterisk or the odd ``*italic*`` word a
    DOCX-to-text export leaves are not enough.
    """
    signals = (
        len(_MD_BOLD.findall(text))
        + len(_MD_HEADING.findall(text))
        + 3 * len(_MD_TABLE_RULE.findall(text))
        + len(_MD_ITALIC_LINE.findall(text))
    )
    return signals >= 3


def _split_md_row(line: str) -> list[str]:
    body = line.strip()
    body = body.removeprefix("|").removesuffix("|")
    return [cell.strip() for cell in body.split("|")]


def _line_span(lines: list[str], offsets: list[int], i: int) -> tuple[int, int]:
    """Line ``i`` without its line break (any of those ``str.splitlines`` knows, "\\f" included)."""
    return offsets[i], offsets[i] + len(lines[i].splitlines()[0])


def markdown_tables(text: str) -> list[Table]:
    """Pipe tables of a Markdown text with the offsets of their lines (rule line dropped)."""
    tables: list[Table] = []
    lines = text.splitlines(keepends=True)
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line)
    i = 0
    while i < len(lines):
        if (
            i + 1 < len(lines)
            and "|" in lines[i]
            and _MD_TABLE_RULE.fullmatch(lines[i + 1].rstrip("\r\n"))
        ):
            rows = [_split_md_row(lines[i])]
            row_spans = [_line_span(lines, offsets, i)]
            j = i + 2
            while j < len(lines) and "|" in lines[j] and lines[j].strip():
                rows.append(_split_md_row(lines[j]))
                row_spans.append(_line_span(lines, offsets, j))
                j += 1
            tables.append(Table(rows=rows, start=offsets[i], end=row_spans[-1][1], row_spans=row_spans))
            i = j
        else:
            i += 1
    return tables


def load_text(path: Path) -> RawDocument:
    data = path.read_bytes()
    text, encoding = decode_text_bytes(data, path.name)
    is_md = path.suffix.lower() in MARKDOWN_EXTENSIONS or looks_like_markdown(text)
    return RawDocument(
        path=path,
        format="md" if is_md else "txt",
        text=text,
        tables=markdown_tables(text) if is_md else [],
        encoding=encoding,
    )
