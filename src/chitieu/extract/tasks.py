"""Tasks of an implementation plan, and task progress stated in reports.

A plan (Kế hoạch thực hiện Nghị quyết …) is a tree of tasks: "I. 1. a)" items, some naming who
leads (chủ trì) and who helps (phối hợp), some with a deadline ("trước ngày 15/11/2023",
"trong Quý II/2023", "thường xuyên") and duties to report ("hằng tháng, quý … gửi Sở Kế hoạch
và Đầu tư"; "trước ngày 15/11/2023"). Every numbered or lettered item of the plan's task parts
becomes one fact of kind ``task`` whose ``id`` is its outline path (``B.I.1.a``); dash and
plus bullets stay inside their item's text. Parts that only state purposes or targets
("MỤC ĐÍCH, YÊU CẦU", "MỤC TIÊU", "CHỈ TIÊU") are not tasks, nor are the top-level parts that
merely contain the tasks ("B. NỘI DUNG").

A heading that names bodies and ends with a colon ("1. Giám đốc các sở, ban, ngành tỉnh …,
Chủ tịch UBND các huyện, thành phố:") addresses its children: they inherit it as their lead.

Reports state progress on a plan's tasks ("cụ thể hóa bằng 65 công việc … đã hoàn thành 32
nhiệm vụ", "6/8 nhiệm vụ đã hoàn thành"); :func:`extract_task_progress` turns each statement
into an ``actual`` whose value is the number completed and ``extra["total"]`` the number set.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from chitieu.extract.agencies import find_agencies, split_agencies
from chitieu.extract.facts import Fact, Period, Source
from chitieu.extract.outline import Heading
from chitieu.extract.periods import fold, roman_to_int

if TYPE_CHECKING:
    from chitieu.extract.metadata import DocumentMetadata

__all__ = ["Deadline", "extract_task_progress", "extract_tasks", "looks_like_plan", "parse_deadline"]

# parts of a plan that are not tasks (matched on the folded heading title)
_NOT_TASK_PARTS = re.compile(
    r"^(?:muc dich|yeu cau|muc tieu|quan diem|can cu|su can thiet|cac chi tieu|chi tieu|ket qua dat duoc"
    r"|danh gia|tinh hinh|boi canh|phan cong trach nhiem$)"
)
_CONTAINER_LEVELS = {"phan", "chuong", "dieu", "letter_upper", "roman"}
_BULLETS = {"dash", "plus"}
# top-level parts that only contain tasks ("B. NỘI DUNG", "Phần thứ hai"); a top-level Roman
# part ("II. NHIỆM VỤ, GIẢI PHÁP") is a group of tasks and is kept as the root of its tree
_DOCUMENT_PARTS = {"phan", "chuong", "dieu", "letter_upper"}


# --------------------------------------------------------------------------- deadlines


@dataclass(frozen=True)
class Deadline:
    date: dt.date | None
    text: str | None  # the phrase as written
    flags: tuple[str, ...] = ()  # "thường xuyên", "hằng năm", "hằng quý", "hằng tháng"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_Y = r"((?:19|20)\d{2})"
_DL_DATE = re.compile(
    r"(?:truoc|cham nhat(?: la)?|han chot|xong truoc|hoan thanh truoc|truoc het)\s+(?:ngay\s+)?"
    r"(\d{1,2})\s*(?:/|-|\s+thang\s+)\s*(\d{1,2})(?:\s*(?:/|-|\s+nam\s+)\s*" + _Y + r")?(?!\d)"
)
_DL_MONTH = re.compile(
    r"(?:trong|truoc|cuoi|hoan thanh trong|truoc het)\s+thang\s+(\d{1,2})(?:\s*(?:/|-|\s+nam\s+)\s*"
    + _Y
    + r")?(?![\d/])"
)
_DL_QUARTER = re.compile(
    r"(?:(trong|truoc|cuoi|het|hoan thanh trong)\s+)?quy\s+(iv|iii|ii|i|[1-4])(?![a-z])(?:\s*(?:/|-|\s+nam\s+)\s*"
    + _Y
    + r")?"
)
_DL_YEAR = re.compile(
    r"(?:thoi (?:gian|han)(?: hoan thanh| thuc hien)?\s*:\s*|hoan thanh trong\s+)(?:nam\s+)?" + _Y
)
_DL_DONE_IN_YEAR = re.compile(
    r"trong\s+nam\s+" + _Y + r"[^.;]{0,40}?hoan thanh|hoan thanh[^.;]{0,40}?trong\s+nam\s+" + _Y
)
_RECURRING = [
    (re.compile(r"thuong xuyen"), "thường xuyên"),
    (re.compile(r"h[aă]ng nam|moi nam"), "hằng năm"),
    (re.compile(r"h[aă]ng quy|moi quy"), "hằng quý"),
    (re.compile(r"h[aă]ng thang|moi thang"), "hằng tháng"),
]


def parse_deadline(text: str, default_year: int | None = None) -> Deadline:
    """The first deadline stated in ``text``, its phrase, and recurrence flags.

    "trước ngày 15/11/2023" → 2023-11-15; "trong tháng 6/2023" → 2023-06-30; "Quý II/2023" →
    2023-06-30 (end of quarter); "Thời gian hoàn thành: năm 2023" → 2023-12-31; a date without
    a year takes ``default_year``. "thường xuyên" (continuous) has no date and the flag
    "thường xuyên".
    """
    folded = fold(text)
    flags = tuple(label for pattern, label in _RECURRING if pattern.search(folded))
    found: list[tuple[int, int, dt.date]] = []
    for m in _DL_DATE.finditer(folded):
        year = int(m.group(3)) if m.group(3) else default_year
        d = _date(year, int(m.group(2)), int(m.group(1))) if year else None
        if d:
            found.append((m.start(), m.end(), d))
    for m in _DL_MONTH.finditer(folded):
        year = int(m.group(2)) if m.group(2) else default_year
        if year and 1 <= int(m.group(1)) <= 12:
            found.append((m.start(), m.end(), _month_end(year, int(m.group(1)))))
    for m in _DL_QUARTER.finditer(folded):
        if not (m.group(1) or m.group(3)):
            continue  # a bare "quý II" without a year or a deadline word is not a deadline
        q_text = m.group(2)
        q = int(q_text) if q_text.isdigit() else roman_to_int(q_text)
        year = int(m.group(3)) if m.group(3) else default_year
        if q and year:
            found.append((m.start(), m.end(), _month_end(year, 3 * q)))
    for pattern in (_DL_YEAR, _DL_DONE_IN_YEAR):
        for m in pattern.finditer(folded):
            year_text = next(g for g in m.groups() if g)
            found.append((m.start(), m.end(), dt.date(int(year_text), 12, 31)))
    if not found:
        return Deadline(None, None, flags)
    start, end, date = min(found, key=lambda f: (f[0], -f[1]))
    return Deadline(date, text[start:end], flags)


# --------------------------------------------------------------------------- lead, support

_LEAD_SUPPORT = re.compile(
    r"(?P<lead>[^.;:()\n]{3,200}?)\s+chu tri[,;]?\s*(?:,\s*)?(?:va\s+)?(?:phoi [hl]op(?:\s+voi)?\s+(?P<support>[^.;()\n]{3,300}))?"
)
_LABELLED_LEAD = re.compile(r"(?:co quan|don vi)\s+chu tri\s*:\s*(?P<lead>[^;.\n]+)")
_LABELLED_SUPPORT = re.compile(r"(?:co quan|don vi)\s+phoi [hl]op\s*:\s*(?P<support>[^;.\n]+)")
_GIAO = re.compile(
    r"(?<!tuyen )(?<!ban )(?<!chuyen )\bgiao\s+(?P<lead>[^.;:()\n]{3,200}?)\s+(?:chu tri|thuc hien|tham muu|trien khai|to chuc|xay dung)"
)
_COOPERATES = re.compile(r"(?P<lead>[^.;:()\n]{3,200}?)\s+phoi [hl]op\s+voi\s+(?P<support>[^.;()\n]{3,300})")
# where a list of bodies ends and the work begins
_WORK_VERB = re.compile(
    r"\s(?:to chuc|thuc hien|trien khai|tong hop|tham muu|xay dung|huong dan|kiem tra|danh gia|rà soat|ra soat"
    r"|bao cao|de xuat|theo doi|tuyen truyen|pho bien|hoan thien|tham dinh|trinh|giam sat|quan ly|day manh"
    r"|tiep tuc|tap trung|chi dao|phan bo|bo tri|cap nhat|lap|chuan bi|phat trien|dam bao|nang cao)\b"
)


def _until_work(text: str, folded: str, start: int, end: int) -> int:
    """Where a list of bodies starting at ``start`` ends: at the first work verb after a body.

    ("các tổ chức tín dụng và Sở Tài chính kiểm soát …": the noun "tổ chức" before any body is
    not the verb.)
    """
    mentions = find_agencies(text, start, end)
    m = _WORK_VERB.search(folded, mentions[0].end if mentions else start, end)
    return m.start() if m else end


def _bodies(text: str, start: int, end: int) -> list[str]:
    return split_agencies(text[start:end]) if end > start else []


def _lead_support(text: str) -> tuple[list[str], list[str]]:
    """Who leads and who helps, from one task's own text."""
    text = text.replace("\n", " ")  # hard-wrapped lines: a list of bodies may span lines
    folded = fold(text)
    lead: list[str] = []
    support: list[str] = []
    m = _LABELLED_LEAD.search(folded)
    if m:
        lead = _bodies(text, m.start("lead"), m.end("lead"))
        s = _LABELLED_SUPPORT.search(folded)
        if s:
            support = _bodies(text, s.start("support"), s.end("support"))
        return lead, support
    for m in _LEAD_SUPPORT.finditer(folded):
        lead_start = m.start("lead")
        g = _GIAO.search(folded, lead_start, m.end("lead") + 10)
        if g:
            lead_start = g.start("lead")
        found = _bodies(text, lead_start, m.end("lead"))
        if not found:
            continue
        lead = found
        if m.group("support"):
            s_end = _until_work(text, folded, m.start("support"), m.end("support"))
            support = _bodies(text, m.start("support"), s_end)
        return lead, support
    p = _PAREN_LEAD.search(folded)
    if p:
        lead = _bodies(text, p.start("lead"), p.end("lead"))
        if p.group("support"):
            support = _bodies(text, p.start("support"), p.end("support"))
        if lead:
            return lead, support
    ps = _PAREN_SUPPORT.search(folded)
    if ps:
        support = _bodies(text, ps.start("support"), ps.end("support"))
    m2 = _GIAO.search(folded)
    if m2:
        lead = _bodies(text, m2.start("lead"), m2.end("lead"))
        if lead:
            return lead, support
    for m3 in _COOPERATES.finditer(folded):
        found = _bodies(text, m3.start("lead"), m3.end("lead"))
        if found:
            s_end = _until_work(text, folded, m3.start("support"), m3.end("support"))
            return found, _bodies(text, m3.start("support"), s_end)
    subject = _subject(text, folded)
    if subject:
        return subject, support
    return lead, support


_PAREN_LEAD = re.compile(
    r"\((?P<lead>[^()]{3,200}?)\s+chu tri(?:\s*[,;]\s*(?P<support>[^()]{3,300}?)\s+phoi [hl]op)?\s*\)"
)
_PAREN_SUPPORT = re.compile(r"\((?P<support>[^()]{3,300}?)\s+phoi [hl]op\s*\)")
_ITEM_MARKER = re.compile(r"^\s*(?:[*_]*\s*)?(?:\(?\w{1,4}[.)]|[-–+•])?\s*[*_]*\s*")


def _subject(text: str, folded: str) -> list[str]:
    """Bodies that open the item as the subject of its verb: "a) Sở Giao thông vận tải thực hiện …"."""
    start = _ITEM_MARKER.match(folded)
    begin = start.end() if start else 0
    mentions = find_agencies(text, begin, min(len(text), begin + 300))
    if not mentions or mentions[0].start != begin:
        return []
    end = _until_work(text, folded, begin, _first_sentence_end(text))
    return _bodies(text, begin, end) if end > begin else []


# --------------------------------------------------------------------------- reporting duties

_SENTENCE = re.compile(r"[^.;]+(?:[.;]|$)")
_REPORT_WORD = re.compile(r"\bbao cao\b|\bgui\b")
_FREQUENCY = [
    (re.compile(r"h[aă]ng thang|moi thang|hang thang"), "monthly"),
    (
        re.compile(
            r"h[aă]ng quy|moi quy|thang,?\s*quy\b(?!\s*dinh)|bao cao quy\b(?!\s*dinh|\s+(?:i|ii|iii|iv|[1-4])\b)"
        ),
        "quarterly",
    ),
    (re.compile(r"6 thang|sau thang"), "semiannual"),
    (re.compile(r"h[aă]ng nam|moi nam|tong ket"), "annual"),
    (re.compile(r"dinh ky"), "periodic"),
    (re.compile(r"dot xuat"), "ad hoc"),
]
_RECIPIENT = re.compile(r"\b(?:gui ve|gui|bao cao|trinh)\s+")


def _reporting(text: str, offset: int, default_year: int | None, lead: list[str]) -> list[dict[str, Any]]:
    """Duties to report found in a task's own text, each with recipient, frequency, deadline."""
    text = text.replace("\n", " ")  # same length: offsets stay valid
    folded = fold(text)
    out: list[dict[str, Any]] = []
    for m in _SENTENCE.finditer(folded):
        sentence = m.group(0)
        if not _REPORT_WORD.search(sentence):
            continue
        deadline = parse_deadline(text[m.start() : m.end()], default_year)
        frequency = [label for pattern, label in _FREQUENCY if pattern.search(sentence)]
        if deadline.date is None and not frequency and "gui" not in sentence:
            continue
        r = _RECIPIENT.search(sentence)
        recipients: list[str] = []
        if r:
            tail_end = m.start() + (
                sentence.find("truoc", r.end()) if "truoc" in sentence[r.end() :] else len(sentence)
            )
            recipients = [a.name for a in find_agencies(text, m.start() + r.end(), tail_end)]
        subject_lead, _support = _lead_support(text[m.start() : m.end()])
        raw = text[m.start() : m.end()].strip()
        start = m.start() + (len(text[m.start() : m.end()]) - len(text[m.start() : m.end()].lstrip()))
        out.append(
            {
                "text": re.sub(r"\s+", " ", raw),
                "start": offset + start,
                "end": offset + start + len(raw),
                "from": subject_lead or lead,
                "to": recipients,
                "frequency": frequency,
                "deadline": deadline.date.isoformat() if deadline.date else None,
            }
        )
    return out


# --------------------------------------------------------------------------- the task tree


def looks_like_plan(outline: list[Heading]) -> bool:
    """Whether an outline reads like a plan's: a part of tasks and solutions, or of organisation."""
    titles = [fold(h.title) for h in outline if h.level in _CONTAINER_LEVELS or h.depth <= 1]
    has_tasks = any(re.search(r"nhiem vu|giai phap|noi dung", t) for t in titles)
    has_org = any(re.search(r"to chuc thuc hien", t) for t in titles)
    return has_tasks and has_org


def _excluded(h: Heading, outline: list[Heading]) -> bool:
    """A part that states purposes, targets or an assessment (a section heading, not an item)."""
    if _NOT_TASK_PARTS.match(fold(h.title)) is None:
        return False
    return h.title.isupper() or len(h.title) < 40 or any(o.parent == h.path for o in outline)


def _is_addressee(own: str) -> bool:
    """A heading like "1. Giám đốc các sở, ban, ngành tỉnh, …:" that addresses its children."""
    stripped = own.rstrip()
    return stripped.endswith(":") and len(stripped) < 400 and bool(split_agencies(stripped))


@dataclass
class _Node:
    heading: Heading
    own_end: int
    lead: list[str] = field(default_factory=list)
    addressed: list[str] = field(default_factory=list)


def extract_tasks(
    doc_text: str,
    outline: list[Heading],
    document_name: str,
    metadata: DocumentMetadata | None = None,
) -> list[Fact]:
    """One ``task`` fact per numbered or lettered item of the plan's task parts."""
    period = metadata.period if metadata is not None else None
    default_year = period.end.year if period else (metadata.issued_year if metadata else None)
    by_path = {h.path: h for h in outline}

    excluded: set[str] = set()
    for h in outline:
        if _excluded(h, outline) or (h.parent is not None and h.parent in excluded):
            excluded.add(h.path)

    def is_task(h: Heading) -> bool:
        if h.level in _BULLETS or h.path in excluded:
            return False
        has_children = any(o.parent == h.path for o in outline)
        return not (h.depth == 0 and h.level in _DOCUMENT_PARTS and has_children)

    task_headings = [h for h in outline if is_task(h)]
    task_paths = {h.path for h in task_headings}
    addressed: dict[str, list[str]] = {}
    facts: list[Fact] = []
    for h in task_headings:
        child_starts = [o.start for o in task_headings if o.parent == h.path]
        own_end = min(child_starts) if child_starts else h.body_end
        own = doc_text[h.start : own_end]
        inherited = _inherited(h, by_path, addressed)
        # the item's main clause names who does it; a later sentence that gives another body
        # a share of the work ("Sở … chủ trì tổng hợp …") does not replace an addressee
        lead, support = _lead_support(own[: _first_sentence_end(own)])
        if not lead and not inherited:
            lead, support = _lead_support(own)
        if _is_addressee(own):
            addressed[h.path] = split_agencies(own)
            lead = lead or addressed[h.path]
        if not lead:
            lead = inherited
        deadline = parse_deadline(own, default_year)
        reporting = _reporting(own, h.start, default_year, lead)
        parent = h.parent if h.parent in task_paths else None
        source_text = doc_text[h.start : h.body_end]
        extra: dict[str, Any] = {
            "id": h.path,
            "parent": parent,
            "title": h.title,
            "lead": lead,
            "support": [s for s in support if s not in lead],
            "deadline": deadline.date,
            "deadline_text": deadline.text,
            "flags": list(deadline.flags),
            "reporting": reporting,
            "level": h.level,
            "own_end": own_end,
        }
        facts.append(
            Fact(
                kind="task",
                label=h.title or h.path,
                source=Source(document_name, h.start, h.body_end, source_text),
                period=period,
                confidence=0.9 if lead else 0.8,
                extra=extra,
            )
        )
    facts.extend(_task_targets(doc_text, facts, document_name, period))
    return facts


def _first_sentence_end(text: str) -> int:
    """End of the first sentence after the item's marker ("1." is not a sentence)."""
    marker = _ITEM_MARKER.match(text)
    m = re.compile(r"[.;!?](?=\s|$)").search(text, marker.end() if marker else 0)
    return m.end() if m else len(text)


def _inherited(h: Heading, by_path: dict[str, Heading], addressed: dict[str, list[str]]) -> list[str]:
    parent = h.parent
    while parent is not None:
        if parent in addressed:
            return addressed[parent]
        parent = by_path[parent].parent if parent in by_path else None
    return []


def _task_targets(doc_text: str, tasks: list[Fact], document_name: str, period: Period | None) -> list[Fact]:
    """Numbers inside tasks ("tỷ lệ nợ xấu dưới 2%") as targets linked to their task.

    Uses ``chitieu.extract.targets.extract_targets_in_span`` when the target extractor
    provides it; each target found in a task's own text gets ``extra["task_id"]``.
    """
    try:
        from chitieu.extract.targets import extract_targets_in_span
    except ImportError:  # the target extractor is optional to this module
        return []
    out: list[Fact] = []
    for task in tasks:
        start, own_end = task.source.start, int(task.extra["own_end"])
        for fact in extract_targets_in_span(
            doc_text, start, own_end, document_name=document_name, period=period
        ):
            fact.extra.setdefault("task_id", task.extra["id"])
            out.append(fact)
    return out


# --------------------------------------------------------------------------- progress in reports

_N = r"(\d{1,4})"
_UNITS = r"(nhiem vu|cong viec|nhom nhiem vu|noi dung|dau viec|chi tieu)"
_TOTAL_THEN_DONE = re.compile(
    r"(?:cu the hoa (?:bang|thanh)|gom|voi|xac dinh|giao|de ra|ban hanh)\s+(?:tong so\s+)?"
    + _N
    + r"\s+"
    + _UNITS
    + r"[^\n]{0,300}?(?:da\s+)?hoan thanh\s+"
    + _N
    + r"(?:\s*/\s*\d+)?\s+"
    + _UNITS
)
_RATIO_DONE = re.compile(
    r"(?:co\s+)?" + _N + r"\s*/\s*" + _N + r"\s+" + _UNITS + r"\s+(?:da\s+)?hoan thanh"
    r"|(?:da\s+)?hoan thanh\s+" + _N + r"\s*/\s*" + _N + r"\s+" + _UNITS
)
_IN_PROGRESS = re.compile(_N + r"\s+" + _UNITS + r"\s+(?:dang|chua hoan thanh|con lai dang)")
_PLAN_REF = re.compile(
    r"(Kế hoạch|Nghị quyết|Chương trình|Đề án|Quyết định|Công văn)\s+(?:số\s+)?(\d+[/\w-]*)"
)


def extract_task_progress(text: str, document_name: str, period: Period | None) -> list[Fact]:
    """Statements of how many of a plan's tasks are done, as ``actual`` facts.

    ``value`` is the number completed, ``extra`` has ``total``, ``progress_of`` ("tasks"),
    ``in_progress`` when stated, and ``plan`` (the plan's symbol, "287/KH-UBND") when the
    sentence or the paragraph before it names the plan.
    """
    folded = fold(text)
    facts: list[Fact] = []
    taken: list[tuple[int, int]] = []
    matches: list[tuple[int, int, int, int, str]] = []  # start, end, done, total, unit
    for m in _TOTAL_THEN_DONE.finditer(folded):
        matches.append((m.start(), m.end(), int(m.group(3)), int(m.group(1)), m.group(2)))
    for m in _RATIO_DONE.finditer(folded):
        if m.group(1):
            matches.append((m.start(), m.end(), int(m.group(1)), int(m.group(2)), m.group(3)))
        else:
            matches.append((m.start(), m.end(), int(m.group(4)), int(m.group(5)), m.group(6)))
    for start, end, done, total, unit in sorted(matches):
        if any(s < end and start < e for s, e in taken) or done > total or total == 0:
            continue
        taken.append((start, end))
        para_start = text.rfind("\n", 0, start) + 1
        para_end = text.find("\n", end)
        para_end = len(text) if para_end < 0 else para_end
        sentence_end = _sentence_end(text, end, para_end)
        ip = _IN_PROGRESS.search(folded, end, min(para_end, end + 200))
        plan = None
        refs = list(_PLAN_REF.finditer(text, para_start, sentence_end))
        if refs:
            rank = ["Kế hoạch", "Chương trình", "Nghị quyết", "Đề án", "Quyết định", "Công văn"]
            best = min(refs, key=lambda r: (rank.index(r.group(1)), -r.start()))
            plan = f"{best.group(1)} {best.group(2)}"
        unit_vn = {
            "nhiem vu": "nhiệm vụ",
            "cong viec": "công việc",
            "noi dung": "nội dung",
            "dau viec": "đầu việc",
            "chi tieu": "chỉ tiêu",
            "nhom nhiem vu": "nhóm nhiệm vụ",
        }[unit]
        label = f"Số {unit_vn} đã hoàn thành" + (f" ({plan})" if plan else "")
        span_start = _sentence_start(text, start, para_start)
        facts.append(
            Fact(
                kind="actual",
                label=label,
                value=float(done),
                comparator="=",
                unit=unit_vn,
                period=period,
                source=Source(document_name, span_start, sentence_end, text[span_start:sentence_end]),
                confidence=0.9,
                extra={
                    "estimate": False,
                    "total": total,
                    "progress_of": "tasks",
                    "in_progress": int(ip.group(1)) if ip else None,
                    "plan": plan,
                    "completed_share": round(100.0 * done / total, 1),
                },
            )
        )
    return facts


def _sentence_start(text: str, pos: int, floor: int) -> int:
    i = pos
    while i > floor and not (text[i - 1] in ".;" and (i == len(text) or text[i].isspace())):
        i -= 1
    while i < pos and text[i].isspace():
        i += 1
    return i


def _sentence_end(text: str, pos: int, ceiling: int) -> int:
    m = re.compile(r"[.;](?=\s|$)").search(text, pos, ceiling)
    return m.end() if m else ceiling
