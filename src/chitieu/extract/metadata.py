"""Document metadata: type, number and symbol, issuer, place and date, title, period.

Official documents (Nghị định 30/2020/NĐ-CP; Hướng dẫn 36-HD/VPTW for Party documents) open
with a fixed header: issuing body top left, "Số: 52/NQ-HĐND", "Lai Châu, ngày 09 tháng 12
năm 2022", then the type in capitals and its summary line. Real files lose parts of it (a
text export without the header table, a draft with the number left blank), so each field is
read on its own, from the header first and from what the body says second ("UBND tỉnh Lai
Châu ban hành Kế hoạch …", "thông qua ngày 08 tháng 12 năm 2017"), and left None when the text
does not support it. Numbers of *cited* documents ("Căn cứ Nghị quyết số 39/2020/NQ-HĐND …")
are never taken for the document's own: only a line that begins with "Số" counts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from chitieu.extract.facts import Period
from chitieu.extract.periods import find_periods, fold

__all__ = ["DOC_TYPES", "DocumentMetadata", "extract_metadata", "sentence_case_body"]


@dataclass
class DocumentMetadata:
    doc_type: str | None = None  # "Nghị quyết", "Kế hoạch", "Báo cáo", "Quyết định", "Tờ trình" …
    number: str | None = None  # "52/NQ-HĐND"; "/KH-UBND" for a draft with the number left blank
    issuer: str | None = None  # "Hội đồng nhân dân tỉnh Lai Châu"
    place: str | None = None  # "Lai Châu"
    issued_on: dt.date | None = None
    issued_text: str | None = None  # "Lai Châu, ngày 09 tháng 12 năm 2022"
    title: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    period_label: str | None = None  # "năm 2023", "9 tháng năm 2024", "giai đoạn 2021-2025"
    issued_year: int | None = None  # known even when the day is left blank in a draft
    issued_month: int | None = None
    # documents the title says this one implements or reports on ("01/NQ-CP", "52/NQ-HĐND")
    implements: list[str] = field(default_factory=list)

    @property
    def period(self) -> Period | None:
        if self.period_start and self.period_end and self.period_label:
            return Period(self.period_start, self.period_end, self.period_label)
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_type": self.doc_type,
            "number": self.number,
            "issuer": self.issuer,
            "place": self.place,
            "issued_on": self.issued_on.isoformat() if self.issued_on else None,
            "issued_text": self.issued_text,
            "issued_year": self.issued_year,
            "issued_month": self.issued_month,
            "title": self.title,
            "implements": list(self.implements),
            "period": (
                {
                    "start": self.period_start.isoformat(),
                    "end": self.period_end.isoformat(),
                    "label": self.period_label,
                }
                if self.period_start and self.period_end
                else None
            ),
        }


# --------------------------------------------------------------------------- vocabulary

# (folded heading form, canonical name); longer forms first so "chuong trinh hanh dong" wins
DOC_TYPES: list[tuple[str, str]] = [
    ("bao cao chinh tri", "Báo cáo chính trị"),
    ("chuong trinh hanh dong", "Chương trình hành động"),
    ("nghi quyet", "Nghị quyết"),
    ("ke hoach", "Kế hoạch"),
    ("bao cao", "Báo cáo"),
    ("quyet dinh", "Quyết định"),
    ("to trinh", "Tờ trình"),
    ("thong bao", "Thông báo"),
    ("chi thi", "Chỉ thị"),
    ("cong van", "Công văn"),
    ("de an", "Đề án"),
    ("chuong trinh", "Chương trình"),
    ("ket luan", "Kết luận"),
    ("huong dan", "Hướng dẫn"),
    ("quy che", "Quy chế"),
    ("quy dinh", "Quy định"),
    ("cong dien", "Công điện"),
]

# the subtitle of a political report whose heading is its theme
_POLITICAL_REPORT = re.compile(r"(?:^|\()[ \t]*bao cao chinh tri\b", re.MULTILINE)

# symbol type codes ("52/NQ-HĐND", "12-NQ/TU") → type, used when the type line is missing
_CODE_TYPES = {
    "NQ": "Nghị quyết",
    "KH": "Kế hoạch",
    "BC": "Báo cáo",
    "QĐ": "Quyết định",
    "QD": "Quyết định",
    "TTR": "Tờ trình",
    "TB": "Thông báo",
    "CT": "Chỉ thị",
    "ĐA": "Đề án",
    "DA": "Đề án",
    "CTR": "Chương trình",
    "KL": "Kết luận",
    "HD": "Hướng dẫn",
    "CĐ": "Công điện",
}

_ADMIN_UNITS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường")

# issuing bodies: (folded prefix, sentence-case form)
_BODY_HEADS: list[tuple[str, str]] = [
    ("ban chap hanh dang bo", "Ban Chấp hành Đảng bộ"),
    ("ban thuong vu tinh uy", "Ban Thường vụ Tỉnh ủy"),
    ("thuong truc hoi dong nhan dan", "Thường trực Hội đồng nhân dân"),
    ("hoi dong nhan dan", "Hội đồng nhân dân"),
    ("uy ban nhan dan", "Ủy ban nhân dân"),
    ("uy ban mat tran to quoc viet nam", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    ("dang bo", "Đảng bộ"),
    ("tinh uy", "Tỉnh ủy"),
    ("thanh uy", "Thành ủy"),
    ("huyen uy", "Huyện ủy"),
    ("hdnd", "Hội đồng nhân dân"),
    ("ubnd", "Ủy ban nhân dân"),
    ("so ", "Sở"),
    ("ban ", "Ban"),
    ("van phong ", "Văn phòng"),
    ("cuc ", "Cục"),
]
_MOTTO = ("cong hoa xa hoi chu nghia", "doc lap", "dang cong san viet nam")
_NOT_ISSUER = ("cong hoa xa hoi chu nghia", "doc lap", "dang cong san viet nam", "khoa ", "ky hop", "dai hoi")
_HEADER_STOP = re.compile(
    r"^\s*(?:\*+\s*)?(?:can cu|xet |sau khi|thuc hien (?:cong van|chi dao|nghi quyet so|ke hoach so)|theo de nghi"
    r"|quyet nghi|dieu 1|phan thu|phan i|[a-d]\.\s|i\.\s|kinh gui)"
)
_NUMBER_LINE = re.compile(
    r"^\s*(?:\*+\s*)?(?:Số|SỐ|So|SO)\s*:?\s*(?P<num>[0-9]*)[\s.…_]*(?P<sym>[/-]\s*(?:\d{4}\s*/\s*)?[A-ZĐ][A-ZĐa-zđ0-9&/\-]*)",
)
# matched on the *folded* header (same offsets), so "ngay 12 thang 01 nam 2024" reads too
_PLACE = r"(?P<place>[a-z][\w.'-]*(?: [\w.'-]+){0,5})"
_PLACE_DATE = re.compile(
    # the place opens a line or a column, also where a text layer ran the columns together with one
    # space: after the symbol ("Số 12-BC/TU Lai Châu, ngày …") or a star ("* Nam Lâm, ngày …")
    r"(?:^|\|[ \t]*|[ \t]{2,}|(?<=\w/\w\w)[ \t]|(?<=\w/\w{3})[ \t]|(?<=\w/\w{4})[ \t])[*_]*[ \t]*"
    + _PLACE
    + r",[ \t]*"
    r"(?P<date>ngay[ \t.…_]*(?P<d>\d{1,2})?[ \t.…_]*thang[ \t.…_]*(?P<m>\d{1,2})?[ \t.…_]*nam[ \t]*(?P<y>\d{4})"
    r"|(?:ngay[ \t]*)?(?P<d2>\d{1,2})[ \t]*/[ \t]*(?P<m2>\d{1,2})[ \t]*/[ \t]*(?P<y2>\d{4}))",
    re.MULTILINE,
)
_SYMBOL = re.compile(r"(?<![\w/])(\d+(?:/\d{4})?[/-][A-ZĐ]{1,6}(?:-[A-ZĐa-zđ0-9]+|/[A-ZĐ]{1,6})*)")
_PASSED_ON = re.compile(r"thông qua ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_BODY_ISSUER = re.compile(
    r"(?P<body>UBND|Ủy ban nhân dân|Uỷ ban nhân dân|HĐND|Hội đồng nhân dân|Ban Chấp hành Đảng bộ|Tỉnh ủy)"
    r"\s+(?P<unit>tỉnh|thành phố|huyện)\s+(?P<name>(?:[A-ZĐ][\wÀ-ỹ]*)(?:\s+[A-ZĐ][\wÀ-ỹ]*){0,3})\s+"
    r"(?:đã\s+)?(?P<verb>ban hành|báo cáo|xây dựng|quyết nghị|thông qua|trình)"
)
_SIGNATURE_BODY = re.compile(
    r"^\s*\**\s*(?:TM|T/M|KT|TL)\.?\s+(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|BAN CHẤP HÀNH|BAN THƯỜNG VỤ|TỈNH ỦY)",
    re.MULTILINE,
)


# --------------------------------------------------------------------------- helpers


def _clean(line: str) -> str:
    """A header line without Markdown emphasis and surrounding blanks."""
    return re.sub(r"\s+", " ", line.replace("**", "").replace("*", "").replace("#", "")).strip()


def _lines(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _header_end(lines: list[tuple[int, str]]) -> int:
    """Index of the first line of the body (after the header, type, title, issuer)."""
    for i, (_pos, line) in enumerate(lines[:80]):
        if i > 0 and _HEADER_STOP.match(fold(_clean(line))):
            return i
    return min(len(lines), 40)


def _is_upper(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _title_case_name(words: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in words.split())


def sentence_case_body(name: str) -> str:
    """ "HỘI ĐỒNG NHÂN DÂN TỈNH LAI CHÂU" → "Hội đồng nhân dân tỉnh Lai Châu".

    Body words follow the official sentence case; the place after the unit word (tỉnh, huyện,
    thành phố …) is a proper name and keeps capitals on every word.
    """
    clean = _clean(name).replace("UỶ", "ỦY").replace("Uỷ", "Ủy").replace("uỷ", "ủy")
    folded = fold(clean)
    head_text = ""
    rest = clean
    for head, canonical in _BODY_HEADS:
        if folded.startswith(head):
            head_text = canonical
            rest = clean[len(head.rstrip()) :].strip()
            break
    if not head_text:
        return clean if not _is_upper(clean) else clean[:1] + clean[1:].lower()
    folded_rest = fold(rest)
    for unit in _ADMIN_UNITS:
        fu = fold(unit)
        if folded_rest == fu or folded_rest.startswith(fu + " "):
            place = rest[len(unit) :].strip()
            return f"{head_text} {unit} {_title_case_name(place)}".strip()
    if head_text in {"Tỉnh ủy", "Thành ủy", "Huyện ủy"} and rest:
        return f"{head_text} {_title_case_name(rest)}"
    if rest and _is_upper(rest):
        # a department's field: "SỞ KẾ HOẠCH VÀ ĐẦU TƯ" → "Sở Kế hoạch và Đầu tư" is what the
        # agency catalogue gives; without it the first word of the field is capitalised
        rest = rest[:1].upper() + rest[1:].lower()
    return f"{head_text} {rest}".strip()


# A header field (issuer, type, number) fits on a short line; a megabyte-long first line (a
# text file without line breaks) is only looked at this far, or reading its header costs seconds.
_MAX_HEADER_LINE = 2000


def _cells(line: str) -> list[str]:
    """A header line split into its table cells / side-by-side columns."""
    parts = re.split(r"\s*\|\s*|\s{3,}|\t+", line[:_MAX_HEADER_LINE])
    return [_clean(cell) for part in parts for cell in _motto_apart(part) if _clean(cell)]


_MOTTO_INSIDE = re.compile(r" (?=cong hoa xa hoi chu nghia|dang cong san viet nam)")


def _motto_apart(cell: str) -> list[str]:
    """ "TỈNH ỦY LAI CHÂU ĐẢNG CỘNG SẢN VIỆT NAM": two columns a text layer ran into one line."""
    folded = fold(cell)
    if len(folded) != len(cell):
        return [cell]
    cuts = [m.start() for m in _MOTTO_INSIDE.finditer(folded)]
    return [cell[a:b] for a, b in zip([0, *cuts], [*cuts, len(cell)], strict=True)]


def _find_issuer(lines: list[tuple[int, str]], end: int) -> str | None:
    cells: list[str] = []
    for _pos, line in lines[:end]:
        cells.extend(_cells(line))
    for i, cell in enumerate(cells):
        if not _is_upper(cell):
            continue
        fc = fold(cell)
        if any(fc.startswith(bad) for bad in _NOT_ISSUER):
            continue
        if not any(fc.startswith(head) for head, _ in _BODY_HEADS):
            continue
        name = cell
        # "ỦY BAN NHÂN DÂN" / "TỈNH LAI CHÂU" on two rows of the header's left column, with the
        # national motto of the right column between them
        following = [c for c in cells[i + 1 :] if not any(fold(c).startswith(m) for m in _MOTTO)]
        if following and _is_upper(following[0]):
            nxt = fold(following[0])
            if any(nxt.startswith(fold(u) + " ") for u in _ADMIN_UNITS) and not any(
                fold(u) in fc.split() for u in ("tinh", "huyen", "xa")
            ):
                name = f"{cell} {following[0]}"
        return sentence_case_body(name)
    return None


def _find_type(lines: list[tuple[int, str]], end: int) -> tuple[str | None, int | None]:
    for i, (_pos, line) in enumerate(lines[: max(end, 1) + 2]):
        for cell in _cells(line):
            if not _is_upper(cell):
                continue
            fc = fold(cell)
            for key, canonical in DOC_TYPES:
                if fc == key or fc.startswith(key + " "):
                    return canonical, i
    return None, None


def _find_title(lines: list[tuple[int, str]], type_index: int, end: int) -> str | None:
    parts: list[str] = []
    first_line = _clean(lines[type_index][1])
    fc = fold(first_line)
    for key, _canonical in DOC_TYPES:
        if fc == key:
            break  # the line is the type alone ("BÁO CÁO CHÍNH TRỊ", not "BÁO CÁO" + "CHÍNH TRỊ")
        if fc.startswith(key + " ") and len(first_line) > len(key) + 3:
            parts.append(first_line[len(key) :].strip())  # "NGHỊ QUYẾT VỀ …" on one line
            break
    for _pos, line in lines[type_index + 1 : type_index + 14]:
        clean = _clean(line)
        if not clean:
            continue
        fl = fold(clean)
        if parts and (
            _HEADER_STOP.match(fl)
            or re.match(r"^(thuc hien|de |theo |tren co so)", fl) is not None
            or (_is_upper(clean) and any(fl.startswith(h) for h, _ in _BODY_HEADS))
            or re.match(r"^(so|kinh gui)\b", fl) is not None
        ):
            break
        if not parts and re.match(r"^(so\s*:|kinh gui)", fl):
            continue
        if parts and (" | " in clean or fl.startswith("phu luc")):
            break  # an appendix heading or a table row rendered as text: the body has begun
        if parts and all(_is_upper(part) for part in parts) and not _is_upper(clean) and not clean.startswith("("):
            break  # a title set in capitals ends where a sentence in small letters begins
        if _HEADER_STOP.match(fl) or (_is_upper(clean) and any(fl.startswith(h) for h, _ in _BODY_HEADS)):
            break
        parts.append(clean)
        if len(" ".join(parts)) > 500 or clean.endswith((".", ";")):
            break
    title = " ".join(parts).strip()
    title = re.sub(r"^V/v\.?\s*", "", title)
    return title or None


def _issuer_place(issuer: str | None) -> str | None:
    if not issuer:
        return None
    for unit in _ADMIN_UNITS:
        m = re.search(rf"\b{unit}\s+(.+)$", issuer)
        if m:
            return m.group(1).strip()
    m = re.match(r"^(?:Tỉnh ủy|Thành ủy|Huyện ủy)\s+(.+)$", issuer)
    return m.group(1).strip() if m else None


# --------------------------------------------------------------------------- main


def extract_metadata(text: str) -> DocumentMetadata:
    """Everything the header (or, failing it, the body) says about the document itself."""
    meta = DocumentMetadata()
    lines = _lines(text)
    end = _header_end(lines)
    header_text = "\n".join(line for _pos, line in lines[:end])

    # number and symbol: only a line that begins with "Số"
    for _pos, line in lines[:end]:
        m = _NUMBER_LINE.match(line.replace("**", ""))
        if m:
            sym = re.sub(r"\s+", "", m.group("sym"))
            meta.number = f"{m.group('num')}{sym}"
            break

    # type
    meta.doc_type, type_index = _find_type(lines, end)
    if meta.doc_type is None and meta.number:
        code = re.split(r"[/-]", meta.number.lstrip("/-0123456789").strip("/-"))[0].upper()
        meta.doc_type = _CODE_TYPES.get(code)
        if meta.doc_type is None and re.match(r"^\d*/(UBND|HĐND)-", meta.number):
            meta.doc_type = "Công văn"
    if meta.doc_type == "Báo cáo" and _POLITICAL_REPORT.search(fold(header_text)):
        meta.doc_type = "Báo cáo chính trị"  # a draft titled by its theme, "(Báo cáo chính trị của …)"

    # place and date
    for m in _PLACE_DATE.finditer(fold(header_text)):
        place = header_text[m.start("place") : m.end("place")]
        if not place[:1].isupper() or fold(place).split()[0] in {"so", "can", "xet", "kinh"}:
            continue
        meta.place = place.strip()
        date_text = re.sub(r"[ \t]+", " ", header_text[m.start("date") : m.end("date")]).strip()
        meta.issued_text = f"{meta.place}, {date_text}"
        y, mo, d = (
            (m.group("y"), m.group("m"), m.group("d"))
            if m.group("y")
            else (m.group("y2"), m.group("m2"), m.group("d2"))
        )
        meta.issued_year = int(y) if y else None
        meta.issued_month = int(mo) if mo else None
        if y and mo and d:
            try:
                meta.issued_on = dt.date(int(y), int(mo), int(d))
            except ValueError:
                meta.issued_on = None
        break
    if meta.issued_on is None and meta.doc_type == "Nghị quyết":
        passed = _PASSED_ON.search(text)
        if passed:
            d, mo, y = (int(g) for g in passed.groups())
            try:
                meta.issued_on = dt.date(y, mo, d)
                meta.issued_year, meta.issued_month = y, mo
            except ValueError:
                pass

    # issuer: the header, else what the body says of itself, else the signature block
    meta.issuer = _find_issuer(lines, end)
    if meta.issuer is None:
        bm = _BODY_ISSUER.search(text[:6000])
        if bm:
            body = {
                "UBND": "Ủy ban nhân dân",
                "HĐND": "Hội đồng nhân dân",
                "Uỷ ban nhân dân": "Ủy ban nhân dân",
            }.get(bm.group("body"), bm.group("body"))
            meta.issuer = f"{body} {bm.group('unit')} {bm.group('name')}"
    if meta.issuer is None:
        sig = _SIGNATURE_BODY.search(text)
        if sig:
            meta.issuer = sentence_case_body(sig.group(1))
    if meta.place is None:
        meta.place = _issuer_place(meta.issuer)

    # title
    if type_index is not None:
        meta.title = _find_title(lines, type_index, end)
    else:
        for _pos, line in lines[:end]:
            vv = re.match(r"^\s*[*_]*V/v\.?\s*(.+)$", line)
            if vv:
                meta.title = _clean(vv.group(1))  # an official letter's summary line
                break

    if meta.title:
        meta.implements = _SYMBOL.findall(meta.title)

    # period: the first period of the title, else of the opening of the body; a political report's
    # is the term it sets targets for, the last it names (its opening names the term it reviews first)
    default_year = meta.issued_year
    for source in (meta.title or "", text[:2500]):
        if not source:
            continue
        years = [p.end.year for _s, _e, p in find_periods(source)]
        found = find_periods(source, default_year or (max(years) if years else None))
        if found:
            period = found[0][2]
            if meta.doc_type == "Báo cáo chính trị":
                period = max((p for _s, _e, p in found), key=lambda p: (p.end, p.end - p.start))
            meta.period_start, meta.period_end, meta.period_label = period.start, period.end, period.label
            break

    if meta.doc_type is None:
        meta.doc_type = _type_from_body(text)
    return meta


def _type_from_body(text: str) -> str | None:
    """A file without its header still says what it is: "… ban hành Kế hoạch …", "báo cáo như sau"."""
    opening = fold(text[:6000])
    m = re.search(r"ban hanh (ke hoach|chuong trinh|de an|quyet dinh|huong dan)", opening)
    if m:
        return dict(DOC_TYPES)[m.group(1)]
    if re.search(r"bao cao nhu sau|xin bao cao", opening):
        return "Báo cáo"
    if "quyet nghi" in opening:
        return "Nghị quyết"
    return None
