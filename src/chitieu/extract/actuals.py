"""Actual results stated in progress reports (and in the assessment part of plans and resolutions).

A report states a result as one *statement*: the indicator phrase, a verb, the figure, then
what the figure is measured against::

    sản lượng lương thực có hạt ước đạt 125.797 tấn, bằng 55,7% kế hoạch,
    tăng 1.677 tấn so với cùng kỳ năm trước

Each statement becomes one ``actual`` fact (CONTRACT: ``estimate``, ``plan_ratio``,
``plan_basis``, ``plan_ratios``, ``change``) whose source span runs from the indicator phrase
through the last figure of the statement.

How a clause is read (every keyword is matched on a length-preserving *folded* copy of the
text, so a copy that lost its diacritics reads the same as the clean one):

1. the clause (a sentence, or its part between ``;``) is cut into *pieces*: plan ratios
   (``bằng 55,7% kế hoạch``, ``vượt 18,3% kế hoạch`` → 118,3, ``vượt 1,9 lần kế hoạch năm`` →
   190, several bases joined by ``và``), ranks (``đứng thứ 35/63``), and the quantities of the
   shared grammar (:func:`chitieu.extract.quantities.find_quantities`) — levels, changes
   (``tăng 1.677 tấn``, ``giảm 17,5%``, ``tăng 0,67 điểm %``, ``tăng gấp 2,1 lần``), fractions;
2. a level opens a statement; ratios, changes and shares (``4.463/8.175 trẻ em …, đạt 54,6%``)
   attach to the statement open before them; a level after ``với`` is a detail of the open
   statement (``104 doanh nghiệp với tổng vốn đăng ký 1.155,8 tỷ đồng``), a change in a count
   unit attaches to the statement with that unit (``52 vụ …, 16 người chết, …, tăng 16 vụ``);
3. the label is the phrase before the figure, from its head noun (``tỷ lệ``, ``sản lượng``,
   ``tổng``, ``diện tích`` …) on, plus the words after the unit (``1,099 triệu lượt khách du
   lịch``); a part introduced by ``trong đó`` borrows its parent's subject (``Diện tích chè …,
   trong đó trồng mới 455 ha`` → "diện tích cây chè trồng mới"). A verb before the figure puts
   the indicator after it (``Trồng mới 480 ha chè``, ``có thêm 03 xã được công nhận đạt chuẩn
   nông thôn mới`` → the verb, the counted thing and the words after the unit); parts of a
   shared subject (``Tỷ lệ trường đạt chuẩn quốc gia: Mầm non 53,8%, Tiểu học 61,5%``) are
   named as parts of it (:func:`chitieu.extract.naming.match_part`, as targets are); a rate unit
   measured by one catalogue indicator only (``bác sỹ/1 vạn dân``, ``tiêu chí/xã``, also
   written ``15,1 tiêu chí nông thôn mới/xã``) names it; a total that stops short (``…, nâng
   tổng số xã đạt chuẩn lên 49 xã``) is finished with the statement before it;
4. the period is the nearest period phrase of the statement or of its sentence's opening
   (``Trong 9 tháng``, ``quý III``, ``đến 15/9/2024``, ``cả năm``), else the enclosing heading's
   (``I. KẾT QUẢ THỰC HIỆN 9 THÁNG NĂM 2024``), else the document's;
5. a statement is a result only in a result section (``Kết quả thực hiện``, ``tình hình thực
   hiện``, ``đánh giá``) or, outside any classified section, in a report; never in a
   ``Mục tiêu`` / ``Chỉ tiêu`` / ``Nhiệm vụ`` / ``Giải pháp`` section, and never when its own
   words set a target (``phấn đấu``, ``mục tiêu``, ``tổng kế hoạch vốn … là``); never from a
   row of an evaluation table that :mod:`chitieu.extract.tables` reads (its "Ước 2025" is that
   table's, not a result of the report).

Footnotes (after the ``Chú thích:`` line of the normalised text) are read the same way; their
facts carry ``footnote`` (the mark) and ``footnote_of`` (the span of the sentence the mark sits
in). Tasks completed out of a plan's tasks (``đã hoàn thành 32 nhiệm vụ``) are left to
:mod:`chitieu.extract.tasks`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from chitieu.catalog import Match, match_indicator
from chitieu.catalog.model import shipped_catalog
from chitieu.catalog.units import can_state
from chitieu.extract.facts import Fact, Period, Source
from chitieu.extract.naming import indicator_for_rate_unit, match_part
from chitieu.extract.outline import Heading, parse_outline
from chitieu.extract.periods import find_periods, fold
from chitieu.extract.quantities import Quantity, find_quantities, parse_number
from chitieu.extract.report_tables import read_report_tables
from chitieu.extract.units import match_per, strip_marks
from chitieu.text.footnotes import NOTES_HEADING
from chitieu.text.normalize import LinkedFootnote

__all__ = [
    "PlanRatio",
    "extract_actuals",
    "find_plan_ratios",
    "section_role",
]

Role = Literal["result", "target"]

# --------------------------------------------------------------------------- vocabulary (folded)

_NUM = r"[0-9]+(?:[.,][0-9]+)*"
_W = r"(?<![a-z0-9])"  # word start on folded text
_E = r"(?![a-z0-9])"  # word end

# what a plan ratio is measured against; the qualifiers that may follow the basis word
_BASIS_HEAD = r"(?:ke\s+hoach|du\s+toan|chi\s+tieu|muc\s+tieu|nghi\s+quyet|kh)"
_RATIO = re.compile(
    _W
    + r"(?:(?P<verb>bang|dat\s+duoc|dat|uoc\s+dat|chi\s+dat|vuot|gap|hoan\s+thanh|thuc\s+hien)\s+(?:muc\s+)?)?"
    + r"(?P<num>"
    + _NUM
    + r")\s*(?P<unit>%|lan"
    + _E
    + r")\s*"
    + r"(?:so\s+voi\s+)?(?P<basis>"
    + _BASIS_HEAD
    + _E
    + r")"
)
_BASIS_STOP = re.compile(
    r"[,;.()\n:⁰¹²³⁴⁵⁶⁷⁸⁹]|"
    + _W
    + r"(?:va|tang|giam|so\s+voi|trong\s+do|cao\s+hon|thap\s+hon|voi|dat|bang|vuot|den|cho|tai|trong|nhung|do)"
    + _E
)
_RANK = re.compile(
    _W + r"(?:dung|xep|xep\s+hang|dung\s+hang)\s+(?:thu\s+)?(?P<v>[0-9]{1,3})\s*/\s*(?P<n>[0-9]{1,3})" + _E
)
_BASIS_WORDS = (
    r"(?P<b>(?:binh[ \t]+quan[ \t]+)?cung[ \t]+(?:ky|thang)(?:[ \t]+(?:nam[ \t]+)?(?:truoc|[0-9]{4}))?"
    r"|thang[ \t]+12[ \t]+nam[ \t]+(?:truoc|[0-9]{4})"
    r"|(?:nam|thang|quy|ky)[ \t]+(?:truoc|[0-9]{4})|(?:dau|cuoi)[ \t]+(?:nam|ky)(?:[ \t]+[0-9]{4})?"
    r"|ke[ \t]+hoach(?:[ \t]+nam)?)" + _E
)
_CHANGE_BASIS = re.compile(r"[ \t]*\(?[ \t]*so[ \t]+(?:voi[ \t]+)?" + _BASIS_WORDS)
# "so với cùng kỳ giảm 3 vụ, giảm 2 người chết": the basis written before the changes it governs
_LEAD_BASIS = re.compile(_W + r"so[ \t]+voi[ \t]+" + _BASIS_WORDS + r"[ \t]*,?[ \t]*(?=tang|giam)")
_SAME_PERIOD_AHEAD = re.compile(r"[ \t]*(?:so[ \t]+(?:voi[ \t]+)?)?cung[ \t]+ky" + _E)
# "ước" also as OCR without Vietnamese leaves it where restoration could not help ("udc đạt",
# "woe đạt", "Usc tính"): taken only before the verb it qualifies
_ESTIMATE = re.compile(
    _W
    + r"(?:uoc|du\s+kien|du\s+uoc|uoc\s+tinh|tam\s+tinh"
    r"|(?:ud[ce]|uoe|us[ce]|ue[ce])(?=\s+(?:dat|tinh|thuc\s+hien|tang|giam|khoang|tren)" + _E + r"))"
    + _E
)
_TARGET_WORDS = re.compile(
    _W
    + r"(?:phan\s+dau|muc\s+tieu(?!\s+quoc\s+gia)|dinh\s+huong|tong\s+ke\s+hoach|ke\s+hoach\s+von|ke\s+hoach\s+giao"
    r"|du\s+toan\s+(?:giao|nam|thu|chi)|chi\s+tieu\s+(?:giao|ke\s+hoach|nghi\s+quyet)|se\s+dat|can\s+dat"
    r"|huong\s+toi|dam\s+bao\s+dat|nham\s+dat)" + _E
)
_CUMULATIVE = re.compile(_W + r"(?:luy\s+ke|nang\s+tong\s+so|cong\s+don)" + _E)
_WITH = re.compile(_W + r"voi" + _E)
_IN_WHICH = re.compile(_W + r"(?:trong\s+do|gom|bao\s+gom|cu\s+the)" + _E)
# "lũy kế 10 tháng", "tính chung 11 tháng", "bình quân 11 tháng"; and a bulletin's "… tiêu dùng
# 11 tháng ước đạt …", where the months-to-date follow the subject with no cue word before them
_CUMULATIVE_MONTHS = re.compile(
    _W
    + r"(?:(?:luy\s+ke|trong|sau|(?P<cue>tinh\s+chung|binh\s+quan)|cong\s+don)\s+(?P<n>[0-9]{1,2})\s+thang"
    + _E
    + r"(?!\s+(?:dau|cuoi|nam|tuoi|qua))"
    + r"|(?P<m>[0-9]{1,2})\s+thang(?=\s+(?:uoc|dat|tang|giam)"
    + _E
    + r"))"
)
_POINTS = re.compile(r"[ \t]*diem[ \t]*(?:%|phan[ \t]+tram(?![a-z]))")
_PERCENT_AFTER_POINTS = re.compile(r"[ \t]*(?:%|phan[ \t]+tram(?![a-z]))")
_WHOLE_YEAR = re.compile(_W + r"ca\s+nam(?:\s+(?P<y>(?:19|20)[0-9]{2}))?" + _E)
# heads of indicator phrases: where a label starts
_HEAD = re.compile(
    _W + r"(?:tong(?:\s+so)?|ty\s+le|ti\s+le|san\s+luong|dien\s+tich|gia\s+tri|kim\s+ngach|doanh\s+thu"
    r"|doanh\s+so|thu\s+ngan\s+sach|chi\s+ngan\s+sach|thu\s+nhap|so\s+luong|(?<!co\s)so(?!\s+(?:sanh|voi|lieu))"
    r"|luong|von|du\s+no|toc\s+do|chi\s+so|the\s+tich|tong\s+dan|nang\s+suat|cong\s+suat|co\s+cau|grdp"
    r"|tong\s+muc)" + _E
)
_LEADING_JUNK = re.compile(
    r"(?:[\s,;:.\-–—+•*()\[\]]+|"
    + _W
    + r"(?:trong\s+do(?:\s+co)?|dong\s+thoi|cu\s+the|bao\s+gom|gom|va|nhung|rieng|toan\s+tinh|tren\s+dia\s+ban"
    r"(?:\s+tinh)?|den\s+nay|hien\s+nay|da|co(?=\s+[0-9])|trong\s+ky|luy\s+ke|lam(?=\s+(?:[0-9]|chet|bi))"
    r"|co\s+them|them)" + _E + r")+"
)
_TRAILING_VERBS = re.compile(
    r"(?:[\s,:]|"
    + _W
    + r"(?:uoc\s+dat|uoc\s+thuc\s+hien|uoc\s+tinh|uoc|dat\s+duoc|dat|la|co|duoc|voi|cho|o\s+muc|dat\s+muc"
    r"|len|tang\s+len|dat\s+tong|khoang|gan|tren|hon|chiem|thuc\s+hien\s+duoc|thuc\s+hien|xay\s+ra|lam)"
    + _E
    + r")+$"
)
_TAIL_STOP = re.compile(
    r"[,;.()\n:/0-9%]|"
    + _W
    + r"(?:voi|bang|tang|giam|so\s+voi|trong\s+do|dat|vuot|chiem|cao|thap|tai|cua|nang|tren|duoi|gom|va)"
    + _E
)
_RATE_HEAD = re.compile(r"\s*(?:chi\s+so|toc\s+do|ty\s+le|muc\s+tang|muc\s+giam)" + _E)
# a label that names only a plan ("kế hoạch cả năm", "KH năm 2024", "mục tiêu")
_PLAN_ONLY = re.compile(
    r"(?:ke\s+hoach|kh|muc\s+tieu|chi\s+tieu|du\s+toan)(?:\s+(?:ca\s+)?nam)?(?:\s+[0-9]{4})?"
)
# an action noun before a head noun that belongs to the name ("giải ngân vốn đầu tư công")
_ACTION_BEFORE_HEAD = re.compile(_W + r"(?:giai\s+ngan|thu\s+hut|huy\s+dong)\s+$")
# period words a label drops ("sản lượng điện sản xuất *trong tháng*")
_PERIOD_WORDS = re.compile(_W + r"(?:trong|cua)\s+(?:thang|ky|quy|nam)(?:\s+nay)?" + _E)
# units that count things ("số người bị thương"), unlike measures (ha, tấn, tỷ đồng)
_COUNTED = {"người", "vụ", "doanh nghiệp", "hộ", "xã", "lao động", "dự án", "hợp tác xã", "cơ sở", "trường"}
_DURATION_UNITS = {"tháng", "năm", "ngày", "quý", "tuần", "tuổi", "giờ", "phút"}
_TASK_UNITS = {"nhiệm vụ", "công việc", "đầu việc", "nội dung", "nhóm nhiệm vụ"}
_RESULT_HEADING = re.compile(
    r"^\W*(?:ve\s+)?(?:ket\s+qua\s+)?thuc\s+hien"
    + _E
    + r"|"
    + _W
    + r"(?:ket\s+qua|tinh\s+hinh|danh\s+gia|uoc\s+thuc\s+hien|thuc\s+trang)"
    + _E
)
_TARGET_HEADING = re.compile(
    _W
    + r"(?:nhiem\s+vu|muc\s+tieu|chi\s+tieu|giai\s+phap|phuong\s+huong|dinh\s+huong|ke\s+hoach|to\s+chuc\s+thuc\s+hien"
    r"|du\s+bao)" + _E
)
_RESULT_VERBS = re.compile(
    _W + r"(?:uoc\s+dat|uoc\s+thuc\s+hien|uoc\s+tinh|da\s+dat|dat\s+duoc|thuc\s+hien\s+duoc|du\s+uoc)" + _E
)
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# verbs whose figure is followed by what it counts ("Trồng mới 480 ha chè")
_ACTION_VERB = re.compile(
    _W
    + r"(?P<v>co\s+them|tang\s+them|them|trong\s+moi|ket\s+nap(?:\s+moi)?|giai\s+quyet\s+viec\s+lam(?:\s+moi)?\s+cho"
    r"|tao\s+viec\s+lam(?:\s+moi)?\s+cho|dao\s+tao(?:\s+nghe)?\s+cho|xay\s+dung\s+moi|lam\s+moi|cung\s+hoa"
    r"|thanh\s+lap\s+moi|thanh\s+lap|cong\s+nhan\s+moi|cong\s+nhan)" + _E + r"[\s:]*(?:duoc\s+)?$"
)
# where the words naming a verb's object end ("03 xã đạt chuẩn nông thôn mới*, nâng tổng số*")
_OBJECT_STOP = re.compile(
    r"[,;.()\n:0-9%"
    + _SUPERSCRIPTS
    + r"]|"
    + _W
    + r"(?:so\s+voi|bang|tang|giam|nang|voi|trong\s+do|chiem|vuot|cao\s+hon|thap\s+hon|luy\s+ke|uoc|dat(?=\s+[0-9])"
    r"|nhung|song|tuy\s+nhien)" + _E
)
# units that measure rather than count: a verb's phrase does not repeat them ("trồng mới chè")
_MEASURES = {"ha", "tấn", "tạ", "kg", "km", "m", "m²", "m³", "lít", "đồng", "USD", "kWh", "MW", "km²"}
_MAX_PART_WORDS = 6
# function words a tail may end on before what it leads to ("Tặng 20 suất quà *cho* …")
_TRAILING_FILLERS = re.compile(r"(?:\s+(?:cho|của|với|và|tại|do|cua|voi|va|tai))+$", re.IGNORECASE)
_PART_GAP = re.compile(r"[\s,;]*(?:va\s+)?")
_SENTENCE_END = re.compile(r"\n|[.!?…](?=\s)")
_MATCH_THRESHOLD = 0.8
_GENERIC_LABEL_WORDS = 2  # a label this short names no indicator on its own ("doanh thu")
# figure-first shares ("có 88,6% thôn, bản có nhà văn hóa, 75% bản đạt danh hiệu văn hóa"):
_MAX_NAME_AFTER = 20  # words after a figure that may name it
_NAME_AFTER_STOP = re.compile(r"[;.()\n:]|" + _W + r"(?:so\s+voi|tang|giam|bang|vuot|chiem|trong\s+do)" + _E)
_LIST_JOINT = re.compile(r"(?:,|\s(?:va|con))\s*$")
_NOT_A_NAME = re.compile(
    r"\s*(?:[0-9]|(?:so\s+voi|ke\s+hoach|kh|cung\s+ky|du\s+toan|chi\s+tieu|muc\s+tieu|nghi\s+quyet|tro\s+len"
    r"|tro\s+xuong|tong|trong|tang|giam|nam|thang|quy|dan\s+so|so\s+ho|so)" + _E + r")"
)
_HAVE_BEFORE = re.compile(r"(?:" + _W + r"co[ \t]+(?:(?:tren|duoi|khoang|gan|hon)[ \t]+)?|,[ \t]*|" + _W + r"va[ \t]+)$")
# read on the text itself, marks and all: "có" is a predicate, the "cơ" of "cơ quan" is not
_PREDICATE_AFTER = re.compile(
    r"(?<![^\W_])(?:"
    + "|".join(
        form.replace(" ", r"\s+")
        for word in ("đạt", "được", "có", "hoàn thành", "sử dụng", "tham gia", "xếp loại", "áp dụng", "thực hiện")
        for form in (word, strip_marks(word))
    )
    + r")(?![^\W_])",
    re.IGNORECASE,
)

# canonical spellings of plan bases, keyed by their folded form
_BASES = [
    "kế hoạch",
    "kế hoạch năm",
    "kế hoạch giao",
    "kế hoạch giao chi tiết",
    "kế hoạch vốn",
    "kế hoạch tỉnh giao",
    "kế hoạch đề ra",
    "dự toán",
    "dự toán năm",
    "dự toán giao",
    "dự toán Trung ương giao",
    "dự toán HĐND tỉnh giao",
    "dự toán Hội đồng nhân dân tỉnh giao",
    "dự toán Chính phủ giao",
    "dự toán tỉnh giao",
    "dự toán địa phương giao",
    "dự toán Thủ tướng Chính phủ giao",
    "chỉ tiêu",
    "chỉ tiêu kế hoạch",
    "chỉ tiêu nghị quyết",
    "chỉ tiêu giao",
    "chỉ tiêu kế hoạch năm",
    "mục tiêu",
    "mục tiêu kế hoạch",
    "nghị quyết",
]
_BASIS_BY_FOLD = {" ".join(fold(b).split()): b for b in _BASES}
# one plan, one spelling: the People's Council written out is the HĐND of the short form
_BASIS_BY_FOLD["du toan hoi dong nhan dan tinh giao"] = "dự toán HĐND tỉnh giao"


def _fold(text: str) -> str:
    """:func:`fold`, plus ``w`` → ``u`` (OCR reads ``ư`` as ``w``: "dw toan", "woc dat").

    Length-preserving like :func:`fold`, so offsets in the folded copy are offsets in the text;
    Vietnamese has no ``w`` of its own, and units (``kWh``) are read from the text itself.
    """
    return fold(text).replace("w", "u")


@dataclass(frozen=True)
class PlanRatio:
    """``bằng 55,7% kế hoạch``: the actual as a percentage of a plan, and which plan."""

    value: float  # percent of plan: "vượt 18,3%" → 118.3, "vượt 1,9 lần" → 190
    basis: str  # "kế hoạch", "dự toán HĐND tỉnh giao" …
    start: int
    end: int
    decimals: int  # decimals of the figure as written, for the precision of implied plans


# --------------------------------------------------------------------------- pieces


@dataclass
class _Piece:
    kind: Literal["main", "ratio", "change", "share", "detail", "same_period"]
    start: int
    end: int
    value: float | None = None
    unit: str | None = None
    comparator: str = "="
    value_high: float | None = None
    total: float | None = None
    ratio: PlanRatio | None = None
    direction: str | None = None
    basis: str | None = None
    tail: str = ""
    quantity: Quantity | None = None
    tail_end: int = 0  # where the words naming the counted thing end ("8 người *chết*")


@dataclass
class _Statement:
    main: _Piece
    label_start: int
    label: str
    phrase: str
    estimate: bool
    period: Period | None
    cumulative: bool
    generic: bool
    ratios: list[PlanRatio] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    share: float | None = None
    same_period_ratio: float | None = None
    details: list[dict[str, Any]] = field(default_factory=list)
    end: int = 0
    growth: bool = False  # a rate of change stated without its level ("IIP ước tăng 5,2%")
    subject: str | None = None  # a subject shared by parts ("Tỷ lệ trường đạt chuẩn quốc gia")
    part: str | None = None  # this statement's part of it ("Tiểu học")


@dataclass
class _Context:
    text: str
    folded: str
    document: str
    period: Period | None
    default_year: int | None
    outline: list[Heading]
    default_role: Role | None
    require_result_verb: bool = False
    anchor: int | None = None  # for a footnote: where its mark sits (headings and periods come from there)


# --------------------------------------------------------------------------- public API


def extract_actuals(
    text: str,
    document_name: str,
    period: Period | None,
    footnotes: Sequence[LinkedFootnote] = (),
    *,
    outline: list[Heading] | None = None,
    doc_type: str | None = None,
    default_year: int | None = None,
    table_rows: Sequence[tuple[int, int]] | None = None,
) -> list[Fact]:
    """Every actual result stated in ``text`` (the normalised text of one document).

    ``period`` is the document's period (a 9-month report: January–September); statements name
    their own when they differ. ``footnotes`` are the document's linked footnotes: their figures
    are extracted too and linked to the sentence their mark sits in. ``doc_type`` decides what
    an unclassified section holds: results in a report ("Báo cáo"), nothing but sentences with
    result verbs ("ước đạt", "đã đạt") elsewhere.

    ``table_rows`` are the spans of the evaluation-table rows the table extractor read (the
    ``table_row`` facts' sources; found here with :func:`chitieu.extract.tables.extract_table_rows`
    when not given): a term table's "Ước 2025" column is no result of this report, so nothing
    is read from those rows.
    """
    folded = _fold(text)
    if outline is None:
        outline = parse_outline(text)
    year = default_year or (period.end.year if period else None)
    role: Role | None = "result" if doc_type in (None, "Báo cáo", "Báo cáo chính trị") else None
    fallback = period
    if role is None and period is not None and period.start.year == period.end.year:
        # a resolution or plan for year N assesses year N-1
        fallback = Period.year(period.end.year - 1)
    ctx = _Context(
        text,
        folded,
        document_name,
        fallback,
        year,
        outline,
        role,
    )
    body_end = _body_end(text, footnotes)
    facts: list[Fact] = []
    for s, e in _sentences(text, 0, body_end):
        facts.extend(_sentence_facts(ctx, s, e, s))
    # a report's table of results ("Chỉ tiêu | ĐVT | Kế hoạch | Ước thực hiện 9 tháng | % so KH")
    for fact in read_report_tables(text, document_name, fallback, year, 0, body_end):
        if section_role(fact.source.start, outline, report=role is not None) != "target":
            facts.append(fact)
    for note in footnotes:
        ref = note.ref_start if note.ref_start is not None else None
        if ref is not None and section_role(ref, outline) == "target":
            continue
        if ref is None and ctx.default_role is None:
            continue
        referring = _sentence_around(text, ref, body_end) if ref is not None else None
        ctx.anchor = ref
        for s, e in _sentences(text, note.start, note.end):
            for fact in _sentence_facts(ctx, s, e, ref if ref is not None else s):
                fact.extra["footnote"] = note.mark
                if referring is not None:
                    fact.extra["footnote_of"] = {"start": referring[0], "end": referring[1]}
                facts.append(fact)
    ctx.anchor = None
    if table_rows is None:
        from chitieu.extract.tables import extract_table_rows

        table_rows = [(f.source.start, f.source.end) for f in extract_table_rows(text, document_name)]
    if table_rows:
        facts = [f for f in facts if not _overlaps(f.source.start, f.source.end, table_rows)]
    return facts


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Does ``[start, end)`` share a character with one of ``spans``?"""
    return any(a < end and start < b for a, b in spans)


def find_plan_ratios(
    text: str, start: int = 0, end: int | None = None, folded: str | None = None
) -> list[PlanRatio]:
    """Every plan ratio in ``text[start:end]``: ``bằng 55,7% kế hoạch``, ``vượt 1,9 lần kế hoạch năm``."""
    folded = _fold(text) if folded is None else folded
    end = len(text) if end is None else end
    out: list[PlanRatio] = []
    for m in _RATIO.finditer(folded, start, end):
        number = parse_number(text[m.start("num") : m.end("num")])
        if number is None:
            continue
        verb = " ".join((m.group("verb") or "").split())
        multiple = m.group("unit") != "%"
        if multiple:
            value = number * 100
        elif verb == "vuot":
            value = 100 + number
        else:
            value = number
        basis_end = _basis_end(folded, m.start("basis"), end)
        basis = _canonical_basis(text[m.start("basis") : basis_end])
        decimals = _decimals(m.group("num")) + (-2 if multiple else 0)
        out.append(PlanRatio(round(value, 6), basis, m.start(), basis_end, decimals))
    return out


def section_role(pos: int, outline: list[Heading], report: bool = True) -> Role | None:
    """Does the innermost classified heading around ``pos`` hold results or targets?

    "Kết quả thực hiện …", "Tình hình thực hiện …", "Đánh giá …" hold results; "Mục tiêu",
    "Các chỉ tiêu chủ yếu", "Nhiệm vụ, giải pháp", "Phương hướng" hold targets. A heading that
    names both ("Tình hình thực hiện nhiệm vụ …") reports results. In a ``report`` a heading
    that opens with "Thực hiện …" reports too; in a plan it is a task ("Thực hiện quyết liệt …").
    """
    enclosing = [h for h in outline if h.start <= pos < h.body_end]
    for heading in sorted(enclosing, key=lambda h: -h.start):
        title = fold(heading.title)
        found = _RESULT_HEADING.search(title if report else " ".join(title.split()[:5]))
        if found and (report or found.group().strip().split()[0] not in ("thuc", "ve")):
            return "result"
        first_words = " ".join(title.split()[:4])
        if _TARGET_HEADING.search(first_words):
            return "target"
    return None


# --------------------------------------------------------------------------- sentences


def _body_end(text: str, footnotes: Sequence[LinkedFootnote]) -> int:
    if not footnotes:
        return len(text)
    first = min(n.start for n in footnotes)
    heading = text.rfind(NOTES_HEADING, 0, first)
    return heading if heading >= 0 else first


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if (
            m.group() == "."
            and m.start() > 0
            and text[m.start() - 1].isdigit()
            and _list_marker(text, m.start())
        ):
            continue
        if m.end() > pos:
            out.append((pos, m.end()))
        pos = m.end()
    if pos < end:
        out.append((pos, end))
    # rows of tables are rendered as "cell | cell" lines: the table extractor reads them
    return [(s, e) for s, e in out if text[s:e].strip() and " | " not in text[s:e]]


def _list_marker(text: str, dot: int) -> bool:
    """``1.``/``1.2.`` at the head of a line is a list marker, not a sentence end."""
    line_start = text.rfind("\n", 0, dot) + 1
    return bool(re.fullmatch(r"\s*[0-9.]+", text[line_start:dot]))


def _sentence_around(text: str, pos: int, ceiling: int) -> tuple[int, int]:
    for s, e in _sentences(text, text.rfind("\n", 0, pos) + 1, min(ceiling, _line_end(text, pos))):
        if s <= pos < e:
            return s, e
    return pos, pos


def _line_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    for m in re.finditer(r";", text[start:end]):
        out.append((pos, start + m.end()))
        pos = start + m.end()
    out.append((pos, end))
    return out


# --------------------------------------------------------------------------- one sentence


def _sentence_facts(ctx: _Context, s: int, e: int, role_pos: int) -> list[Fact]:
    role = section_role(role_pos, ctx.outline, report=ctx.default_role is not None) or ctx.default_role
    if role == "target":
        return []
    folded = ctx.folded
    if role is None and not _RESULT_VERBS.search(folded, s, e):
        return []
    ctx.require_result_verb = role is None
    periods = _periods(ctx, s, e)
    opening_end = _opening_end(folded, s, e)
    statements: list[_Statement] = []
    for cs, ce in _clauses(ctx.text, s, e):
        statements.extend(_clause_statements(ctx, s, opening_end, cs, ce, periods, statements))
    facts = []
    for i, st in enumerate(statements):
        fact = _to_fact(ctx, st, statements[i - 1] if i else None)
        if fact is not None:
            facts.append(fact)
    return facts


def _opening_end(folded: str, s: int, e: int) -> int:
    """End of a sentence's opening phrase ("Trong 9 tháng,", "Ước thực hiện 9 tháng năm 2024,")."""
    comma = folded.find(",", s, e)
    if comma < 0 or len(folded[s:comma].split()) > 8 or _has_figure(folded, s, comma):
        return s
    return comma


def _has_figure(folded: str, s: int, e: int) -> bool:
    return bool(re.search(r"[0-9]+(?:[.,][0-9]+)*\s*(?:%|ha|tan|ty|trieu|nghin|luot|nguoi)", folded[s:e]))


def _periods(ctx: _Context, s: int, e: int) -> list[tuple[int, int, Period]]:
    found = [(a + s, b + s, p) for a, b, p in find_periods(ctx.text[s:e], ctx.default_year)]
    for m in _WHOLE_YEAR.finditer(ctx.folded, s, e):
        # "Cả năm dự kiến …", "…, trong cả năm": a period; "sản lượng lúa cả năm": a name
        before = ctx.folded[max(s, m.start() - 20) : m.start()]
        if m.start() > s and not re.search(
            r"(?:^|[,;:(]|trong|tinh|uoc|du\s+kien|thuc\s+hien)\s*$", before
        ):
            continue
        year = int(m.group("y")) if m.group("y") else ctx.default_year
        if year:
            found.append((m.start(), m.end(), Period.year(year)))
    if ctx.default_year:
        taken = [(a, b) for a, b, _ in found]
        for m in _CUMULATIVE_MONTHS.finditer(ctx.folded, s, e):
            group = "n" if m.group("n") else "m"
            n = int(m.group(group))
            if 1 <= n <= 12 and not any(a < m.end() and m.start() < b for a, b in taken):
                last = calendar.monthrange(ctx.default_year, n)[1]
                label = (
                    f"{n} tháng năm {ctx.default_year}" if n != 6 else f"6 tháng đầu năm {ctx.default_year}"
                )
                period = (
                    Period.year(ctx.default_year)
                    if n == 12
                    else Period(dt.date(ctx.default_year, 1, 1), dt.date(ctx.default_year, n, last), label)
                )
                # "tính chung", "bình quân" belong to the period, not to a label
                found.append((m.start("cue") if m.group("cue") else m.start(group), m.end(), period))
    return sorted(found, key=lambda t: t[0])


def _clause_statements(
    ctx: _Context,
    s: int,
    opening_end: int,
    cs: int,
    ce: int,
    periods: list[tuple[int, int, Period]],
    prior: Sequence[_Statement] = (),
) -> list[_Statement]:
    """The statements of one clause; ``prior`` holds those of the sentence's earlier clauses."""
    text, folded = ctx.text, ctx.folded
    pieces = _pieces(ctx, cs, ce, periods)
    named_after = _figures_named_after(ctx, pieces, cs, ce, periods)
    statements: list[_Statement] = []
    open_st: _Statement | None = None
    floor = cs
    for n, piece in enumerate(pieces):
        if piece.kind == "main":
            if _names_the_next(folded, piece, pieces[n + 1] if n + 1 < len(pieces) else None):
                # "số xã đạt 15- 18 tiêu chí là 12 xã": the range is part of the next figure's name
                continue
            parent = open_st
            st = _open_statement(
                ctx, piece, s, opening_end, floor, periods, parent, [*prior, *statements], named_after.get(piece.start)
            )
            if st is None:
                floor = piece.end
                continue
            statements.append(st)
            open_st = st
        elif piece.kind == "ratio":
            assert piece.ratio is not None
            if open_st is None or _ratio_starts_statement(folded, open_st, piece):
                # "Tỷ lệ giải ngân đạt 38,21% kế hoạch": the ratio is the figure itself
                if _verb(folded, piece) in ("vuot", "gap"):
                    floor = piece.end
                    continue
                main = _Piece("main", piece.start, piece.end, _number_at(text, folded, piece), "%")
                st = _open_statement(
                    ctx, main, s, opening_end, floor, periods, open_st, [*prior, *statements]
                )
                if st is None:
                    floor = piece.end
                    continue
                st.end = piece.end
                statements.append(st)
                open_st = st
            open_st.ratios.append(piece.ratio)
            open_st.end = max(open_st.end, piece.end)
        elif piece.kind == "change":
            target = _change_owner([*prior, *statements], open_st, piece)
            if target is None and open_st is None and piece.unit in ("%", "điểm %"):
                target = _growth_statement(ctx, piece, s, opening_end, floor, periods, [*prior, *statements])
                if target is not None and not any(target is x for x in [*prior, *statements]):
                    statements.append(target)
                    open_st = target
            elif target is None and open_st is None and piece.unit not in (None, "%", "điểm %", "lần", "‰"):
                # "Giảm 514 biên chế so với năm 2023": a change stated without its level
                bare = _Piece("main", piece.start, piece.start, None, piece.unit)
                target = _open_statement(ctx, bare, s, opening_end, floor, periods, None)
                if target is not None:
                    statements.append(target)
            if target is None:
                floor = piece.end
                continue
            target.changes.append(
                {
                    "value": piece.value,
                    "unit": piece.unit or target.main.unit,
                    "direction": piece.direction,
                    "basis": piece.basis,
                }
            )
            target.end = max(target.end, piece.end)
        elif piece.kind == "share" and open_st is not None:
            open_st.share = piece.value
            open_st.end = max(open_st.end, piece.end)
        elif piece.kind == "same_period" and open_st is not None:
            open_st.same_period_ratio = piece.value
            open_st.end = max(open_st.end, piece.end)
        elif piece.kind == "detail" and open_st is not None:
            open_st.details.append(
                {"value": piece.value, "unit": piece.unit, "text": text[piece.start : piece.end]}
            )
            open_st.end = max(open_st.end, piece.end)
        floor = max(floor, piece.end, piece.tail_end)
    return statements


def _figures_named_after(
    ctx: _Context, pieces: list[_Piece], cs: int, ce: int, periods: list[tuple[int, int, Period]]
) -> dict[int, tuple[int, str, int]]:
    """Shares stated figure first, each named by the words after it: (span start, phrase, span
    end) by where each figure starts.

    "Toàn tỉnh có 88,6% thôn, bản có nhà văn hóa, 86,4% gia đình, 75% bản, tổ dân phố đạt danh
    hiệu văn hóa": the first figure follows "có" (or nothing that names it), each next one
    follows the previous one's words and a comma or "và". Words that state no predicate of
    their own ("86,4% gia đình") take the last one's ("đạt danh hiệu văn hóa").
    """
    folded, text = ctx.folded, ctx.text
    mains = [p for p in pieces if p.kind == "main" and p.unit in ("%", "‰")]
    named: dict[int, tuple[int, str, int]] = {}
    run: list[tuple[_Piece, int]] = []  # the figures of one enumeration, and where their words end
    for i, piece in enumerate(mains):
        nxt = mains[i + 1] if i + 1 < len(mains) else None
        barrier = min((p.start for p in pieces if p.start >= piece.end and p is not nxt), default=ce)
        reach = min(nxt.start, barrier) if nxt is not None else barrier
        stop = _NAME_AFTER_STOP.search(folded, piece.end, reach)
        joint = _LIST_JOINT.search(folded, piece.end, reach) if nxt is not None and reach == nxt.start else None
        joined = stop is None and joint is not None
        if joined:
            assert joint is not None
            words_end = joint.start()
        else:
            words_end = _name_end(text, piece.end, stop.start() if stop is not None else reach)
        words = text[piece.end : words_end].split()
        if (
            not words
            or len(words) > _MAX_NAME_AFTER
            or not folded[piece.end : piece.end + 1].isspace()
            or _NOT_A_NAME.match(folded, piece.end)
        ):
            _name_run(ctx, run, named)
            continue
        if not run:
            floor = max((p.end for p in pieces if p.end <= piece.start), default=cs)
            before = _label(ctx, max(cs, floor), piece.start, periods)[1]
            if before and _HEAD.search(_fold(before)):
                continue  # "Tỷ lệ che phủ rừng đạt 55% …": named before the figure
            if not joined and not _HAVE_BEFORE.search(folded, max(cs, floor), piece.start):
                # a figure alone is named after it after "có" ("toàn tỉnh có 88,6% …") or a comma
                # ("có 1.056 thiết chế văn hóa, 100% thôn, bản xây dựng được quy ước")
                continue
        run.append((piece, words_end))
        if not joined:
            _name_run(ctx, run, named)
    _name_run(ctx, run, named)
    return named


def _name_end(text: str, start: int, end: int) -> int:
    """Where the words after a figure stop naming it: at the first comma after their predicate
    ("… có nhà văn hóa, toàn tỉnh có …"), else at ``end``."""
    predicate = _PREDICATE_AFTER.search(text, start, end)
    if predicate is None:
        return end
    comma = text.find(",", predicate.end(), end)
    return comma if comma >= 0 else end


def _name_run(ctx: _Context, run: list[tuple[_Piece, int]], named: dict[int, tuple[int, str, int]]) -> None:
    """Name the figures of one enumeration (see :func:`_figures_named_after`), then empty ``run``."""
    if not run:
        return
    spans = []
    for piece, end in run:
        words = ctx.text[piece.end : end]
        start = piece.end + len(words) - len(words.lstrip())
        spans.append((piece, start, start + len(words.strip().rstrip(" ,;:"))))
    _, last_start, last_end = spans[-1]
    predicate = _PREDICATE_AFTER.search(ctx.text, last_start, last_end)
    shared = ctx.text[predicate.start() : last_end] if predicate is not None else ""
    for piece, start, end in spans:
        words = " ".join(ctx.text[start:end].split())
        if shared and _PREDICATE_AFTER.search(ctx.text, start, end) is None:
            words = f"{words} {' '.join(shared.split())}"
        named[piece.start] = (piece.start, f"Tỷ lệ {words}", end)
    run.clear()


def _names_the_next(folded: str, piece: _Piece, nxt: _Piece | None) -> bool:
    if nxt is None or nxt.kind != "main" or piece.unit not in ("tiêu chí",):
        return False
    return bool(
        re.fullmatch(
            r"[\s" + _SUPERSCRIPTS + r"]*(?:la|co|gom|:)?\s*", folded[piece.tail_end or piece.end : nxt.start]
        )
    )


def _growth_statement(
    ctx: _Context,
    piece: _Piece,
    s: int,
    opening_end: int,
    floor: int,
    periods: list[tuple[int, int, Period]],
    siblings: list[_Statement],
) -> _Statement | None:
    """A rate stated without its level: "Chỉ số sản xuất công nghiệp tháng 10 ước tăng 5,2%".

    The figure is the indicator's growth (signed: "giảm 3,4%" is -3,4); a change in points
    ("giảm 0,5 điểm %") leaves the level unknown. With no subject of its own and no period
    of its own, the change belongs to the sentence's statement before it ("…; tăng 5% so với
    cùng kỳ").
    """
    own_period = any(floor <= a and b <= piece.start for a, b, _p in periods)
    _label_start, phrase = _label(ctx, floor, piece.start, periods)
    if not phrase and not own_period and siblings:
        return siblings[-1]
    value = None
    if piece.unit == "%" and piece.value is not None:
        value = -piece.value if piece.direction == "down" else piece.value
    main = _Piece("main", piece.start, piece.start, value, "%")
    st = _open_statement(ctx, main, s, opening_end, floor, periods, None, siblings)
    if st is None:
        return None
    st.growth = piece.unit == "%"
    return st


def _verb(folded: str, piece: _Piece) -> str:
    m = _RATIO.match(folded, piece.start)
    return " ".join((m.group("verb") or "").split()) if m else ""


def _number_at(text: str, folded: str, piece: _Piece) -> float | None:
    m = _RATIO.match(folded, piece.start)
    return parse_number(text[m.start("num") : m.end("num")]) if m else None


def _ratio_starts_statement(folded: str, st: _Statement, piece: _Piece) -> bool:
    """A ratio after a new subject ("…; tỷ lệ giải ngân đạt 38% kế hoạch") is its own statement."""
    gap = folded[st.end : piece.start]
    return bool(_HEAD.search(gap)) and len(gap.split()) >= 2 and not st.ratios


def _change_owner(
    statements: list[_Statement], open_st: _Statement | None, piece: _Piece
) -> _Statement | None:
    relative = piece.unit in (None, "%", "điểm %", "lần", "‰")
    if open_st is None:
        # "…, 16 người chết, 51 người bị thương; so với cùng kỳ giảm 3 người chết": a change in a
        # count unit after the clause that stated the counts belongs to the count with its words
        if relative:
            return None
        same = [st for st in statements if _same_count_unit(piece.unit, st.main.unit)]
        if len(same) > 1 and piece.tail:
            named = [st for st in same if _names(st, piece.tail)]
            return named[-1] if named else None
        return same[-1] if same else None
    if relative or (
        _same_count_unit(piece.unit, open_st.main.unit) and (not piece.tail or _names(open_st, piece.tail))
    ):
        return open_st
    same = [st for st in statements if _same_count_unit(piece.unit, st.main.unit)]
    if not same:
        return open_st if open_st.main.unit in (None, "%") else None
    for st in reversed(same):
        if piece.tail and _names(st, piece.tail):
            return st
    for st in reversed(same):
        if not st.changes:
            return st
    return same[-1]


def _names(st: _Statement, tail: str) -> bool:
    """Does the statement count what ``tail`` names ("người chết" → "làm 8 người chết")?"""
    want = " ".join(_fold(tail).split())
    have = " ".join(_fold(f"{st.phrase} {st.main.tail}").split())
    return bool(want) and re.search(r"(?<![a-z])" + re.escape(want) + r"(?![a-z])", have) is not None


def _same_count_unit(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return False
    pair = {a, b}
    # "15,1 tiêu chí/xã, tăng 0,6 tiêu chí": a change in the rate's own counted thing
    return a == b or pair == {"hạng", "bậc"} or a.split("/")[0] == b or b.split("/")[0] == a


def _pieces(ctx: _Context, cs: int, ce: int, periods: list[tuple[int, int, Period]]) -> list[_Piece]:
    text, folded = ctx.text, ctx.folded
    pieces: list[_Piece] = []
    taken: list[tuple[int, int]] = []
    for r in find_plan_ratios(text, cs, ce, folded):
        pieces.append(_Piece("ratio", r.start, r.end, r.value, "%", ratio=r))
        taken.append((r.start, r.end))
    for m in _RANK.finditer(folded, cs, ce):
        v, n = int(m.group("v")), int(m.group("n"))
        if 0 < v <= n:
            pieces.append(_Piece("main", m.start(), m.end(), float(v), "hạng", total=float(n)))
            taken.append((m.start(), m.end()))
    period_spans = [(a, b) for a, b, _ in periods]
    for q in find_quantities(text, cs, ce):
        if any(a < q.end and q.start < b for a, b in taken):
            continue
        if q.unit in _DURATION_UNITS or any(a <= q.number_start < b for a, b in period_spans):
            continue
        piece = _classify(ctx, q, pieces, ce)
        if piece is not None:
            pieces.append(piece)
    pieces.sort(key=lambda p: p.start)
    _lend_leading_basis(ctx, pieces, cs)
    return pieces


def _lend_leading_basis(ctx: _Context, pieces: list[_Piece], cs: int) -> None:
    """ "so với cùng kỳ giảm 3 vụ, giảm 2 người chết": each change takes the basis written before it."""
    for i, piece in enumerate(pieces):
        if piece.kind != "change" or piece.basis is not None:
            continue
        lead = None
        # the look-ahead for the verb must see past the search window's end
        for m in _LEAD_BASIS.finditer(ctx.folded, cs, piece.start + 4):
            if m.start() >= piece.start:
                break
            if not any(p.start <= m.start() < p.end for p in pieces):
                lead = m
        if lead is None or any(p.kind == "main" and lead.end() <= p.start for p in pieces[:i]):
            continue
        piece.basis = _restore(ctx.text[lead.start("b") : lead.end("b")])


def _classify(ctx: _Context, q: Quantity, before: list[_Piece], ce: int) -> _Piece | None:
    text, folded = ctx.text, ctx.folded
    points = _POINTS.match(folded, q.end, ce) if q.unit is None else None
    if q.unit == "điểm":
        points = _PERCENT_AFTER_POINTS.match(folded, q.end, ce)
    if points is not None:
        # "3,1 diem %" in a copy without marks: percentage points all the same
        q = replace(
            q, end=points.end(), unit="điểm %", kind="points" if q.direction or q.modifiers else q.kind
        )
    end = q.end
    compared = {"cao hơn": "up", "thấp hơn": "down", "nhiều hơn": "up", "ít hơn": "down", "lớn hơn": "up"}
    comparative = next((compared[w] for w in q.modifiers if w in compared), None)
    basis_m = _CHANGE_BASIS.match(folded, end, ce)
    if (q.kind in ("change", "multiple", "points") and q.direction is not None) or (comparative and basis_m):
        direction = q.direction or comparative
        basis = None
        unit = q.unit
        if unit is None:
            # "giảm 514 biên chế so với năm 2023": the counted noun sits before the comparison
            ahead = _CHANGE_BASIS.search(folded, q.end, min(ce, q.end + 30))
            words = text[q.end : ahead.start()].split() if ahead else []
            if 1 <= len(words) <= 2 and all(w.isalpha() for w in words):
                unit = " ".join(words)
                basis_m = ahead
        if basis_m:
            basis = _restore(text[basis_m.start("b") : basis_m.end("b")])
            end = basis_m.end()
        tail, tail_end = _tail_span(ctx, q.end, ce)
        return _Piece(
            "change",
            q.start,
            end,
            abs(q.value),
            unit,
            direction=direction,
            basis=basis,
            tail=tail,
            quantity=q,
            tail_end=tail_end if tail else 0,
        )
    if (
        q.unit == "%"
        and ("bằng" in q.modifiers or "đạt" in q.modifiers)
        and _SAME_PERIOD_AHEAD.match(folded, q.end, ce)
    ):
        same = _CHANGE_BASIS.match(folded, q.end, ce)
        return _Piece("same_period", q.start, same.end() if same else q.end, q.value, "%", quantity=q)
    prev = max((p for p in before if p.end <= q.start), key=lambda p: p.end, default=None)
    gap = folded[prev.end : q.start] if prev is not None else ""
    if q.unit == "%" and prev is not None and prev.kind == "main" and prev.unit != "%" and _is_share(gap, q):
        return _Piece("share", q.start, q.end, q.value, "%", quantity=q)
    unit = q.unit
    if q.denominator is not None and q.value > q.denominator:
        return None
    if unit is None and q.denominator is not None:
        unit = _word_after(text, folded, q.end, ce)
    if unit is None or unit in _TASK_UNITS:
        return None
    tail, tail_end = _tail_span(ctx, q.end, ce) if q.unit != "%" else ("", 0)
    per = q.per if q.per and q.per not in ("/tổng dư nợ",) else ""
    if tail and not q.per:
        # "15,1 tiêu chí nông thôn mới/xã": the denominator comes after the counted thing's words
        after = match_per(text, tail_end, ce)
        if after is not None and indicator_for_rate_unit(unit + after.per) is not None:
            per, tail_end = after.per, after.end
    kind: Literal["main", "detail"] = "main"
    if prev is not None and _WITH.search(gap) and not _IN_WHICH.search(gap) and len(gap.split()) <= 8:
        kind = "detail"
    return _Piece(
        kind,
        q.start,
        q.end,
        q.value,
        unit + per,
        q.comparator if q.comparator != "range" else "range",
        q.value_high,
        q.denominator,
        tail=tail,
        quantity=q,
        tail_end=tail_end if tail else 0,
    )


def _is_share(gap: str, q: Quantity) -> bool:
    """ "4.463/8.175 trẻ em … được tiêm chủng đầy đủ, đạt 54,6%": the share of the count before.

    The percentage follows the count after one comma at most (the one right before it), names
    no new subject on the way, and is introduced by "đạt", "bằng" or "chiếm".
    """
    body = gap.rstrip(" \t")
    word = re.sub(r"^.*,", "", body).strip()
    if word not in ("", "chiem", "tuong duong", "dat ty le") or not (q.modifiers or word):
        return False
    if not body.endswith(",") and body.strip():
        return bool(word) or not body.strip(" ,")
    inner = body[:-1] if body.endswith(",") else body
    return "," not in inner and ";" not in inner and len(inner.split()) <= 14 and not _HEAD.search(inner)


def _word_after(text: str, folded: str, pos: int, end: int) -> str | None:
    m = re.compile(r"[ \t]+([^\W\d_]+)").match(text, pos, end)
    if m is None or _TAIL_STOP.match(folded, m.start(1)):
        return None
    return m.group(1)


def _tail(ctx: _Context, pos: int, end: int) -> str:
    """Words naming the indicator after its unit: "1,099 triệu lượt *khách du lịch*"."""
    return _tail_span(ctx, pos, end)[0]


def _tail_span(ctx: _Context, pos: int, end: int) -> tuple[str, int]:
    """The words of :func:`_tail` and where the last of them ends."""
    folded = ctx.folded
    stop = _TAIL_STOP.search(folded, pos, end)
    stop_at = stop.start() if stop else end
    chunk = ctx.text[pos:stop_at]
    words = chunk.strip(" \t" + _SUPERSCRIPTS).split()
    if not words or len(words) > 6 or (pos < len(folded) and folded[pos].isalpha()):
        return "", pos
    return " ".join(words), pos + len(chunk.rstrip(" \t" + _SUPERSCRIPTS))


# --------------------------------------------------------------------------- statements


def _open_statement(
    ctx: _Context,
    main: _Piece,
    s: int,
    opening_end: int,
    floor: int,
    periods: list[tuple[int, int, Period]],
    parent: _Statement | None,
    siblings: Sequence[_Statement] = (),
    named_after: tuple[int, str, int] | None = None,
) -> _Statement | None:
    """The statement of the figure ``main``, named by the words before it, or after it where the
    verb comes first or ``named_after`` gives them (:func:`_figures_named_after`)."""
    folded = ctx.folded
    pre_start = floor
    gap_from_parent = folded[parent.end if parent else floor : main.start] if parent else ""
    if _TARGET_WORDS.search(folded, pre_start, main.start) or (
        opening_end > s and _TARGET_WORDS.search(folded, s, opening_end)
    ):
        return None
    if ctx.require_result_verb and not (
        _RESULT_VERBS.search(folded, pre_start, main.end)
        or (opening_end > s and _RESULT_VERBS.search(folded, s, opening_end))
    ):
        return None
    label_start, phrase = _label(ctx, pre_start, main.start, periods)
    if _PLAN_ONLY.fullmatch(_fold(phrase)):
        # "(kế hoạch cả năm 7-7,5%)": the plan a result is measured against, not a result
        return None
    end = max(main.end, main.tail_end)
    borrowed = None
    verb_first = named_after or _verb_first(ctx, pre_start, main, phrase)
    if verb_first is None and not phrase and not main.tail:
        # "…; lũy kế 10 tháng đạt 3.870 triệu kWh": the subject of the sentence's figure before
        borrowed = next((x for x in reversed(siblings) if x.main.unit == main.unit and x.phrase), None)
    if verb_first is not None:
        # "Có thêm 03 xã được công nhận đạt chuẩn nông thôn mới": named after the figure
        label_start, phrase, end = verb_first
    elif borrowed is not None:
        phrase = borrowed.phrase
    elif (
        phrase
        and main.unit not in (None, "%")
        and not _HEAD.search(_fold(phrase))
        and len(phrase.split()) <= 3
    ):
        # "bị thương 5 người": name the count ("số người bị thương")
        bare = _bare_unit(main.unit)
        if bare in _COUNTED and _fold(bare) not in _fold(phrase):
            phrase = f"số {bare} {phrase}"
        elif main.tail and (tail := _TRAILING_FILLERS.sub("", main.tail)):
            phrase = f"{phrase} {tail}"
    elif not phrase:
        bare = _bare_unit(main.unit)
        phrase = f"số {bare} {main.tail}".strip() if bare and main.tail else f"{bare} {main.tail}".strip()
    elif main.tail and not set(_fold(main.tail).split()) <= set(_fold(phrase).split()):
        # "… 18,6 triệu lượt khách" after "Vận chuyển hành khách": the tail is named already
        phrase = f"{phrase} {main.tail}".strip()
    generic = borrowed.generic if borrowed is not None else len(phrase.split()) <= _GENERIC_LABEL_WORDS
    subject, part = _subject_and_part(folded, phrase, label_start, siblings)
    if subject is not None and part is not None:
        # "Tỷ lệ trường đạt chuẩn quốc gia: Mầm non 53,8%, Tiểu học 61,5%": parts of one subject
        phrase = f"{subject}: {part}"
        generic = False
    estimate = bool(_ESTIMATE.search(folded, pre_start, main.start)) or bool(
        opening_end > s and _ESTIMATE.search(folded, s, opening_end)
    )
    span_start = label_start
    if (
        parent is not None
        and not main.tail
        and _IN_WHICH.search(gap_from_parent)
        and not _HEAD.search(fold(phrase))
    ):
        parent_subject = re.sub(r"^(?:tổng|Tổng|tong|Tong)\s+", "", parent.phrase)
        phrase = f"{parent_subject} {phrase}".strip()
        span_start = parent.label_start
        estimate = estimate or parent.estimate
        generic = False
    period = _statement_period(ctx, s, opening_end, pre_start, main.start, periods)
    cumulative = bool(_CUMULATIVE.search(folded, pre_start, min(len(folded), main.end + 40)))
    return _Statement(
        main=main,
        label_start=span_start,
        label=phrase,
        phrase=phrase,
        estimate=estimate,
        period=period,
        cumulative=cumulative,
        generic=generic,
        end=end,
        subject=subject,
        part=part,
    )


def _verb_first(ctx: _Context, pre_start: int, main: _Piece, phrase: str) -> tuple[int, str, int] | None:
    """(span start, phrase, span end) of a statement whose verb comes first and whose indicator
    follows the figure: "Trồng mới 480 ha chè", "có thêm 03 xã được công nhận đạt chuẩn nông
    thôn mới", "Kết nạp 1.250 đảng viên mới".

    The phrase is the verb, the counted thing (not a measure: "xã", not "ha") and the words
    after the unit up to the next punctuation or comparison ("…, nâng tổng số …"). None when
    the words before the verb already name the indicator ("Diện tích trồng mới 455 ha") or
    nothing follows the figure (the verb then names a part of what came before).
    """
    folded = ctx.folded
    if main.unit in (None, "%", "‰", "hạng") or (phrase and _HEAD.match(_fold(phrase))):
        return None
    verb = _ACTION_VERB.search(folded, pre_start, main.start)
    if verb is None:
        return None
    after = _OBJECT_STOP.search(folded, main.end, min(len(folded), main.end + 100))
    stop = after.start() if after is not None else min(len(folded), main.end + 100)
    if main.end < len(folded) and folded[main.end].isalnum():
        return None
    words = ctx.text[main.end : stop].split()
    if not words or len(words) > 10:
        return None
    bare = _bare_unit(main.unit)
    counted = [bare] if bare and bare not in _MEASURES else []
    verb_text = " ".join(ctx.text[verb.start("v") : verb.end("v")].split())
    object_end = main.end + len(ctx.text[main.end : stop].rstrip())
    return verb.start("v"), " ".join([verb_text, *counted, *words]), max(object_end, main.tail_end)


def _subject_and_part(
    folded: str, phrase: str, label_start: int, siblings: Sequence[_Statement]
) -> tuple[str | None, str | None]:
    """(shared subject, part) of a statement that is a part of a subject.

    "Tỷ lệ trường đạt chuẩn quốc gia: Mầm non đạt 53,8%" opens the subject; "Tiểu học đạt
    61,5%" right after it (nothing but a comma or "và" between) is a part of the same subject
    when it names no indicator of its own (no head noun).
    """
    if ":" in phrase:
        subject, _, part = (x.strip() for x in phrase.partition(":"))
        if subject and part and _HEAD.match(_fold(subject)) and not _HEAD.match(_fold(part)):
            return subject, part
        return None, None
    if not siblings or not phrase or _HEAD.match(_fold(phrase)) or len(phrase.split()) > _MAX_PART_WORDS:
        return None, None
    before = siblings[-1]
    if before.subject is None or not _PART_GAP.fullmatch(folded[before.end : label_start]):
        return None, None
    return before.subject, phrase


def _label(ctx: _Context, start: int, end: int, periods: list[tuple[int, int, Period]]) -> tuple[int, str]:
    """(where the indicator phrase starts, the phrase cleaned of verbs and periods).

    When the words after the last comma or colon name nothing ("Cho vay nông nghiệp: đạt
    5.671 tỷ đồng"), the segment before them is read instead.
    """
    cut = end
    while True:
        label_start, phrase = _label_in(ctx, start, cut, periods)
        if phrase:
            return label_start, phrase
        sep = max(ctx.folded.rfind(",", start, cut), ctx.folded.rfind(":", start, cut))
        if sep <= start:
            return label_start, phrase
        cut = sep


def _label_in(ctx: _Context, start: int, end: int, periods: list[tuple[int, int, Period]]) -> tuple[int, str]:
    text, folded = ctx.text, ctx.folded
    region = folded[start:end]
    # the last comma-separated segment that holds a head noun, from that head on
    segments = [m.start() for m in re.finditer(r"[,:]", region)]
    bounds = [0] + [i + 1 for i in segments]
    begin = None
    for b in reversed(bounds):
        seg_end = next((i for i in segments if i >= b), len(region))
        head = _HEAD.search(region, b, seg_end)
        if head is not None:
            begin = head.start()
            # "Giải ngân vốn đầu tư công …", "thu hút vốn …": the action names what the money is
            action = _ACTION_BEFORE_HEAD.search(region, b, begin)
            if action is not None:
                begin = action.start()
            break
    if begin is None:
        begin = bounds[-1]
    lead = _LEADING_JUNK.match(region, begin)
    if lead is not None and lead.end() > begin:
        begin = lead.end()
    trail = _TRAILING_VERBS.search(region, begin)
    stop = trail.start() if trail is not None else len(region)
    abs_start, abs_end = start + begin, start + max(begin, stop)
    # drop period phrases and estimate words from the phrase (the span keeps them)
    chars = list(text[abs_start:abs_end])
    for a, b, _p in periods:
        lead = re.search(r"(?:trong|tu|den|ke\s+tu)\s+$", folded[max(abs_start, a - 12) : a])
        a = a - len(lead.group()) if lead else a
        for i in range(max(a, abs_start), min(b, abs_end)):
            chars[i - abs_start] = " "
    for m in re.finditer(r"\([^()]*\)", text[abs_start:abs_end]):
        for i in range(m.start(), m.end()):
            chars[i] = " "
    for pattern in (_ESTIMATE, _PERIOD_WORDS):
        for m in pattern.finditer(folded, abs_start, abs_end):
            for i in range(m.start(), m.end()):
                chars[i - abs_start] = " "
    phrase = " ".join("".join(chars).split()).strip(" ,;:-–()")
    phrase = re.sub(r"\s*[" + _SUPERSCRIPTS + r"]+", "", phrase)
    if _fold(phrase) == "thuc hien":
        # "…; ước thực hiện cả năm đạt …": the verb of a clause that names nothing of its own
        phrase = ""
    return abs_start, phrase


def _bare_unit(unit: str | None) -> str:
    """``triệu lượt`` → ``lượt``: the counted thing without its scale."""
    if not unit or unit in ("%", "‰", "hạng"):
        return ""
    return re.sub(r"^(?:nghìn|ngàn|triệu|tỷ|tỉ|vạn)\s+", "", unit)


def _heading_title(ctx: _Context, pos: int) -> str:
    enclosing = [h for h in ctx.outline if h.start <= pos < h.body_end]
    if not enclosing:
        return ""
    return max(enclosing, key=lambda h: h.start).title.strip()


def _statement_period(
    ctx: _Context, s: int, opening_end: int, pre_start: int, at: int, periods: list[tuple[int, int, Period]]
) -> Period | None:
    def usable(a: int, p: Period) -> bool:
        before = ctx.folded[max(s, a - 16) : a]
        if re.search(r"so\s+(?:voi\s+)?(?:cung\s+ky\s*)?$|cung\s+ky\s*$", before):
            return False
        return ctx.default_year is None or ctx.default_year - 1 <= p.end.year <= ctx.default_year

    own = [p for a, b, p in periods if pre_start <= a and b <= at and usable(a, p)]
    if own:
        return own[-1]
    opening = [p for a, b, p in periods if s <= a and b <= max(opening_end, s) and usable(a, p)]
    if opening:
        return opening[-1]
    heading = _heading_period(ctx, at if ctx.anchor is None else ctx.anchor)
    return heading or ctx.period


def _heading_period(ctx: _Context, pos: int) -> Period | None:
    enclosing = sorted((h for h in ctx.outline if h.start <= pos < h.body_end), key=lambda h: -h.start)
    for heading in enclosing:
        found = find_periods(heading.title, ctx.default_year)
        for _a, _b, p in found:
            if ctx.default_year is None or ctx.default_year - 1 <= p.end.year <= ctx.default_year:
                if p.label.startswith("đến năm") or p.label.startswith("giai đoạn"):
                    continue
                return p
    return None


# --------------------------------------------------------------------------- facts


def _recognise(ctx: _Context, st: _Statement, previous: _Statement | None) -> tuple[str, str | None, float]:
    """(label, catalogue code, confidence); a short phrase borrows context to be recognised.

    "doanh thu ước đạt 909 tỷ đồng" after the tourists of the same sentence, or "trồng mới
    ước đạt 1.340 ha" under the heading "Lâm nghiệp", names nothing on its own: such a phrase
    is tried with its unit, its heading and the statement before it, and only a close match
    counts.
    """
    unit = st.main.unit
    by_unit = indicator_for_rate_unit(unit)
    if by_unit is not None:
        # "12,6 bác sỹ/1 vạn dân", "15,1 tiêu chí/xã": a unit that measures one indicator only
        return by_unit.name, by_unit.code, 0.85
    if not st.phrase:
        return _heading_title(ctx, st.main.start), None, 0.5
    if st.subject is not None and st.part is not None:
        part = match_part(st.subject, st.part, st.phrase, unit, threshold=_MATCH_THRESHOLD)
        if part is not None:
            return part.name, part.code, min(0.95, 0.6 + 0.35 * part.score)
    if st.growth:
        # the rate of change of what the phrase names: "tổng mức bán lẻ … tăng 10,5%"
        tries = [st.phrase] if _RATE_HEAD.match(_fold(st.phrase)) else []
        tries += [f"tốc độ tăng {st.phrase}", f"tốc độ tăng trưởng {st.phrase}"]
        for phrase in tries:
            match = match_indicator(phrase, "%", threshold=_MATCH_THRESHOLD)
            if match is not None and match.unit in (None, "%"):
                return match.name, match.code, min(0.9, 0.55 + 0.35 * match.score)
        return st.phrase, None, 0.6
    if not st.generic:
        match = match_indicator(st.phrase, unit, threshold=_MATCH_THRESHOLD)
        if match is not None:
            return match.name, match.code, min(0.95, 0.6 + 0.35 * match.score)
        completed = _completed(st.phrase, previous.phrase) if previous is not None else None
        if completed is not None:
            # "…, nâng tổng số xã đạt chuẩn lên 49 xã": "đạt chuẩn" of the statement before
            match = match_indicator(completed, unit, threshold=0.85)
            if match is not None:
                return match.name, match.code, 0.75
        if st.phrase.startswith("số ") and _bare_unit(unit) in _COUNTED:
            # "số người chết" after "Tai nạn giao thông xảy ra 9 vụ": named with the sentence's subject
            subject = previous.phrase if previous is not None else ""
            match = match_indicator(f"{st.phrase} {subject}".strip(), unit, threshold=0.85)
            if match is not None:
                return match.name, match.code, 0.7
        return st.phrase, None, 0.75
    exact = match_indicator(st.phrase, unit, threshold=0.97)
    if exact is not None:
        return exact.name, exact.code, 0.9
    context = [_bare_unit(unit), _heading_title(ctx, st.main.start)]
    if previous is not None:
        context.append(previous.main.tail or previous.phrase)
    for extra in context:
        if not extra:
            continue
        match = match_indicator(f"{st.phrase} {extra}", unit, threshold=0.85)
        if match is not None:
            return match.name, match.code, 0.7
    return st.phrase, None, 0.6


def _completed(phrase: str, before: str) -> str | None:
    """``phrase`` finished with the words that follow its last two words in ``before``.

    A second statement of a sentence often stops short of its name: "có thêm 03 xã được công
    nhận đạt chuẩn nông thôn mới, nâng tổng số xã đạt chuẩn lên 49 xã" — "đạt chuẩn" is
    "đạt chuẩn nông thôn mới" of the statement before. None when the phrase does not end
    with two words of ``before`` or nothing follows them there.
    """
    written = _TOTAL_OF.sub("", _SCOPE_AFTER.sub("", phrase))  # "tổng số xã đạt chuẩn toàn tỉnh"
    mine = _fold(written).split()
    theirs_written = before.split()
    theirs = _fold(before).split()
    if len(mine) < 2 or len(theirs) != len(theirs_written):
        return None
    tail = mine[-2:]
    for i in range(len(theirs) - 2, -1, -1):
        if theirs[i : i + 2] == tail:
            rest = theirs_written[i + 2 :]
            return f"{written} {' '.join(rest)}" if rest else None
    return None


# a total's words that name no indicator, with or without marks: "tổng" before "số", scope words
_TOTAL_OF = re.compile(r"^\s*t[oổ]ng\s+(?=s[oố]\s)", re.IGNORECASE)
_SCOPE_AFTER = re.compile(
    r"[\s,]+(?:c[uủ]a\s+)?(?:to[aà]n\s+t[iỉ]nh|tr[eê]n\s+[dđ][iị]a\s+b[aà]n(?:\s+t[iỉ]nh)?|c[aả]\s+t[iỉ]nh)\s*$",
    re.IGNORECASE,
)


def _to_fact(ctx: _Context, st: _Statement, previous: _Statement | None) -> Fact | None:
    text = ctx.text
    main = st.main
    end = st.end
    while end < len(text) and text[end] in _SUPERSCRIPTS:
        end += 1
    start = st.label_start
    if end <= start:
        return None
    extra: dict[str, Any] = {"estimate": st.estimate}
    label, indicator, confidence = _recognise(ctx, st, previous)
    value, value_high, comparator, unit = main.value, main.value_high, main.comparator, main.unit
    share = st.share if st.share is not None else (round(100 * (main.value or 0) / main.total, 1) if main.total else None)
    rate = _rate_named(st, share) if indicator is None else None
    if rate is not None:
        # "33.716 hồ sơ …, đạt 71,9%": the count cannot state the rate its words name; its share does
        label, indicator, confidence = rate.name, rate.code, min(0.9, 0.55 + 0.35 * rate.score)
        extra["count"] = {"value": main.value, "unit": main.unit, "total": main.total}
        value, value_high, comparator, unit = share, None, "=", "%"
    if not label:
        # "47,1% phụ nữ đẻ được khám thai …": the figure comes before what it measures; a bare
        # figure with nothing named on either side ("tăng lần lượt 2,2%, 3,8%") is no result
        label = _words_after(text, main.end)
        if not label:
            return None
    extra["phrase"] = st.phrase
    if st.ratios:
        primary = _primary_ratio(st.ratios)
        extra["plan_ratio"] = round(primary.value, 4)
        extra["plan_basis"] = primary.basis
        if len(st.ratios) > 1:
            extra["plan_ratios"] = [{"value": round(r.value, 4), "basis": r.basis} for r in st.ratios]
        extra["plan_ratio_decimals"] = primary.decimals
    if st.changes:
        extra["change"] = st.changes[0]
        if len(st.changes) > 1:
            extra["changes"] = st.changes
    if rate is None and main.total is not None:
        extra["total"] = main.total
    if rate is None and share is not None:
        extra["share"] = share
    if st.same_period_ratio is not None:
        extra["same_period_ratio"] = st.same_period_ratio
    if st.cumulative:
        extra["cumulative"] = True
    if st.details:
        extra["details"] = st.details
    marks = _marks_in(text, start, end)
    if marks:
        extra["footnotes"] = marks
    return Fact(
        kind="actual",
        label=label,
        indicator=indicator,
        value=value,
        value_high=value_high,
        comparator=comparator,  # type: ignore[arg-type]
        unit=unit,
        period=st.period,
        source=Source(ctx.document, start, end, text[start:end]),
        confidence=round(confidence, 3),
        extra=extra,
    )


def _rate_named(st: _Statement, share: float | None) -> Match | None:
    """The rate a count's words name when the count cannot state it but its share can.

    "tiếp nhận 33.716 hồ sơ qua dịch vụ công trực tuyến, đạt 71,9%" names the share of
    dossiers received online: "hồ sơ" cannot be a value of that rate, 71,9% is.
    """
    if share is None or not st.phrase or st.generic or st.main.unit in ("%", "‰", "điểm %"):
        return None  # "đã giải ngân 68.320 triệu đồng bằng 4,9%": which money, of what plan?
    match = match_indicator(st.phrase, "%", threshold=_MATCH_THRESHOLD)
    if match is None or match.unit not in ("%", "‰"):
        return None
    counts = shipped_catalog().indicators[match.code].counts
    # "944/956 bản" is no share of households, whatever words stand before it
    return match if counts is None or can_state(counts, st.main.unit) else None


def _words_after(text: str, pos: int) -> str:
    """The noun phrase right after a figure, up to the next punctuation ("" when it is no phrase)."""
    match = re.match(r"[ \t]+([^\W\d_][^;,.:()\n]{3,80}?)\s*(?=[;,.:()\n]|$)", text[pos : pos + 120])
    if match is None or len(match.group(1).split()) < 2 or fold(match.group(1)).startswith("so voi"):
        return ""
    return match.group(1).strip()


def _primary_ratio(ratios: list[PlanRatio]) -> PlanRatio:
    """The province's own plan when a sentence gives several bases (HĐND over Trung ương).

    Evaluation compares a ratio with the target of the province's resolution, so a basis set
    by the province (HĐND, "kế hoạch", "nghị quyết") is the primary one; otherwise the first.
    """
    for r in ratios:
        f = fold(r.basis)
        if "hdnd" in f or "hoi dong nhan dan" in f or f.startswith("ke hoach") or "nghi quyet" in f:
            return r
    return ratios[0]


def _marks_in(text: str, start: int, end: int) -> list[str]:
    marks = []
    for m in re.finditer("[" + _SUPERSCRIPTS + "]+", text[start:end]):
        marks.append(m.group().translate(str.maketrans(_SUPERSCRIPTS, "0123456789")))
    return marks


# --------------------------------------------------------------------------- small helpers


def _basis_end(folded: str, start: int, end: int) -> int:
    head = re.compile(_BASIS_HEAD + _E).match(folded, start)
    pos = head.end() if head else start
    stop = _BASIS_STOP.search(folded, pos, end)
    stop_at = stop.start() if stop else end
    words = list(re.finditer(r"\S+", folded[pos:stop_at]))[:6]
    last = pos + words[-1].end() if words else pos
    return last


_BASIS_YEAR = re.compile(r"(?:\s+nam)?(?:\s+(?:19|20)[0-9]{2})?$")


def _canonical_basis(written: str) -> str:
    """The plan a ratio is measured against, one spelling per plan.

    The year of a plan is the report's own ("kế hoạch năm", "kế hoạch năm 2024", "KH" are
    all "kế hoạch"); who set it is kept ("dự toán HĐND tỉnh giao" and "dự toán Trung ương
    giao" are two plans, "chỉ tiêu nghị quyết" a third).
    """
    key = " ".join(_fold(written).split())
    # OCR reads the Đ of HĐND as B or P
    key = re.sub(r"(?<![a-z])h[bp]nd(?![a-z])", "hdnd", key)
    trimmed = _BASIS_YEAR.sub("", key)
    if trimmed and trimmed != key:
        written = " ".join(written.split()[: len(trimmed.split())])
        key = trimmed
    key = re.sub(r"^kh(?![a-z])", "ke hoach", key)
    words = written.split()
    if key in _BASIS_BY_FOLD:
        return _BASIS_BY_FOLD[key]
    # longest canonical prefix, the rest as written ("kế hoạch năm 2024")
    best = max((k for k in _BASIS_BY_FOLD if key.startswith(k + " ")), key=len, default=None)
    if best is not None:
        rest = words[len(best.split()) :]
        return " ".join([_BASIS_BY_FOLD[best], *rest])
    return " ".join(words)


_BASIS_WORD_SPELLING = {
    "cung": "cùng",
    "ky": "kỳ",
    "nam": "năm",
    "truoc": "trước",
    "thang": "tháng",
    "quy": "quý",
    "dau": "đầu",
    "cuoi": "cuối",
    "ke": "kế",
    "hoach": "hoạch",
}


def _restore(written: str) -> str:
    """Canonical spelling of a comparison basis written without diacritics."""
    key = " ".join(_fold(written).split())
    words = key.split()
    if words and all(w in _BASIS_WORD_SPELLING or w.isdigit() for w in words):
        return " ".join(_BASIS_WORD_SPELLING.get(w, w) for w in words)
    known = {
        "cung ky": "cùng kỳ",
        "cung ky nam truoc": "cùng kỳ năm trước",
        "nam truoc": "năm trước",
        "thang truoc": "tháng trước",
        "quy truoc": "quý trước",
        "ky truoc": "kỳ trước",
        "dau nam": "đầu năm",
        "ke hoach": "kế hoạch",
        "ke hoach nam": "kế hoạch năm",
    }
    if key in known:
        return known[key]
    m = re.fullmatch(r"(cung ky nam|cung ky|nam|thang|quy|ky) ([0-9]{4})", key)
    if m:
        spelt = {
            "cung ky nam": "cùng kỳ năm",
            "cung ky": "cùng kỳ",
            "nam": "năm",
            "thang": "tháng",
            "quy": "quý",
            "ky": "kỳ",
        }
        return f"{spelt[m.group(1)]} {m.group(2)}"
    return " ".join(written.split())


def _decimals(number: str) -> int:
    return len(number.rsplit(",", 1)[1]) if "," in number else 0
