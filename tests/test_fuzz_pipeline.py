"""Every stage of the text pipeline survives any text: no exception, and every offset it hands
out is a real slice of the text it was given.

Documents arrive OCR-damaged, half-converted from legacy encodings, cut and pasted; a parser
that raises on an odd character loses a whole document. These properties run each stage on
arbitrary Unicode built from the characters figures and plans are written with (Vietnamese
letters in NFC and NFD, digits, ``% , . / | ( )``, newlines, form feeds, control characters),
and on random mutations of lines written in the forms of real resolutions and reports.
"""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chitieu.errors import ChitieuError
from chitieu.extract.actuals import extract_actuals
from chitieu.extract.facts import Fact
from chitieu.extract.metadata import extract_metadata
from chitieu.extract.outline import parse_outline
from chitieu.extract.periods import parse_period
from chitieu.extract.quantities import find_quantities
from chitieu.extract.tables import extract_table_rows
from chitieu.extract.targets import extract_targets
from chitieu.extract.tasks import extract_tasks
from chitieu.pipeline import extract_facts, read_document
from chitieu.text.normalize import normalize_text

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
_PIECES = [
    *_LETTERS,
    *"0123456789%‰,./|()-–:;+*#\"'",
    " ", " ", " ", "\n", "\n", "\t", "\r", "\f", "\x00", "\x07", "\x1b", "\u00a0", "\u200b", "\ufeff", "\u0301",
    "\u0323", "\ufffd", "²", "¹", "⁵",
    "(1)", "1.", "a)", "I.", "B.", "Điều 1.", "- ", "+ ", " | ", "|---|---|",
    "đạt", "trên", "khoảng", "từ", "trở lên", "tăng", "giảm", "ước", "kế hoạch", "cùng kỳ",
    "tỷ đồng", "nghìn tấn", "ha", "lao động", "năm 2024", "9 tháng", "2021-2025", "NGHỊ QUYẾT", "BÁO CÁO",
    "KẾ HOẠCH", "chỉ tiêu chủ yếu", "Nhiệm vụ", "Chủ trì:", "Thời gian:", "Số: 12/NQ-HĐND", "ngày 5 tháng 12 năm 2023",
]


def _nfd_sometimes(text: str, nfd: bool) -> str:
    return unicodedata.normalize("NFD", text) if nfd else text


TEXTS = st.builds(
    _nfd_sometimes,
    st.one_of(
        st.lists(st.sampled_from(_PIECES), max_size=120).map("".join),
        st.text(max_size=200),
    ),
    st.booleans(),
)


# Lines in the forms of a resolution, a plan, a report and an evaluation table (own wording).
SAMPLE_LINES = [
    "HỘI ĐỒNG NHÂN DÂN TỈNH BÌNH AN",
    "Số: 27/NQ-HĐND",
    "Bình An, ngày 08 tháng 12 năm 2023",
    "NGHỊ QUYẾT",
    "Về kế hoạch phát triển kinh tế - xã hội năm 2024",
    "Điều 1. Các chỉ tiêu chủ yếu năm 2024",
    "(1) Tốc độ tăng trưởng kinh tế (GRDP) từ 7,5% trở lên.",
    "(2) Thu ngân sách nhà nước trên địa bàn khoảng 3.150 tỷ đồng.",
    "(3) Tỷ lệ hộ nghèo giảm 1,5-2%/năm.",
    "(4) Sản lượng lương thực đạt 410 nghìn tấn.",
    "(5) Tạo việc làm mới cho trên 14.000 lao động.",
    "BÁO CÁO",
    "Tình hình kinh tế - xã hội 9 tháng năm 2024",
    "Tổng sản phẩm trên địa bàn ước tăng 6,9% so với cùng kỳ năm trước, bằng 92% kế hoạch.",
    "Thu ngân sách ước đạt 2.480 tỷ đồng, bằng 78,7% dự toán HĐND tỉnh giao, tăng 12,4% so với cùng kỳ.",
    "Kim ngạch xuất khẩu đạt 512 triệu USD, vượt 2,3% kế hoạch.",
    "KẾ HOẠCH",
    "II. NHIỆM VỤ VÀ GIẢI PHÁP",
    "1. Đẩy mạnh cải cách thủ tục hành chính trong lĩnh vực đất đai.",
    "a) Rà soát, công bố bộ thủ tục. Chủ trì: Sở Tài nguyên và Môi trường; phối hợp: UBND các huyện. Thời gian: Quý II/2024.",
    "- Báo cáo kết quả trước ngày 15/12/2024.",
    "TT | Chỉ tiêu | Đơn vị | Mục tiêu NQ | 2021 | 2022 | 2023 | Ước 2024 | Đánh giá",
    "1 | Tốc độ tăng trưởng GRDP | % | 7-7,5 | 5,8 | 7,1 | 6,6 | 7,0 | Không đạt",
    "2 | Tỷ lệ che phủ rừng | % | 52 | 51,2 | 51,8 | 52,3 | 52,6 | Đạt",
]


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@st.composite
def mutated_documents(draw: st.DrawFn) -> str:
    """A real-form document with random lines dropped, characters deleted, inserted and de-accented."""
    lines = draw(st.lists(st.sampled_from(SAMPLE_LINES), min_size=3, max_size=16))
    text = "\n".join(lines) + "\n"
    for _ in range(draw(st.integers(0, 12))):
        if not text:
            break
        pos = draw(st.integers(0, len(text) - 1))
        op = draw(st.sampled_from(["delete", "insert", "strip", "nfd", "duplicate"]))
        if op == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 8)):]
        elif op == "insert":
            text = text[:pos] + draw(st.sampled_from(_PIECES)) + text[pos:]
        elif op == "strip":
            end = pos + draw(st.integers(1, 60))
            text = text[:pos] + _strip_marks(text[pos:end]) + text[end:]
        elif op == "nfd":
            end = pos + draw(st.integers(1, 60))
            text = text[:pos] + unicodedata.normalize("NFD", text[pos:end]) + text[end:]
        else:
            end = pos + draw(st.integers(1, 40))
            text = text[:end] + text[pos:end] + text[end:]
    return text


def assert_spans(facts: list[Fact], text: str) -> None:
    for fact in facts:
        src = fact.source
        assert 0 <= src.start <= src.end <= len(text), (fact.kind, src.start, src.end, len(text))
        assert src.text == text[src.start:src.end], (fact.kind, src.text, text[src.start:src.end])
        fact.to_json()  # every fact serialises


def run_stages(text: str) -> None:
    """Each extractor on its own, as the router would call it."""
    normalised = normalize_text(text).mapped.text
    for q in find_quantities(normalised):
        assert 0 <= q.start <= q.number_start <= q.number_end <= q.end <= len(normalised)
    meta = extract_metadata(normalised)
    meta.to_json()
    outline = parse_outline(normalised)
    for h in outline:
        assert 0 <= h.start <= h.end <= len(normalised)
    assert_spans(extract_targets(normalised, "fuzz.txt", meta.period), normalised)
    assert_spans(extract_actuals(normalised, "fuzz.txt", meta.period, outline=outline, doc_type=meta.doc_type), normalised)
    assert_spans(extract_table_rows(normalised, "fuzz.txt"), normalised)
    assert_spans(extract_tasks(normalised, outline, "fuzz.txt", meta), normalised)
    parse_period(normalised[:200])


def run_file(text: str, suffix: str = ".txt") -> None:
    """The whole pipeline on ``text`` written to a file, as ``chitieu extract`` runs it."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{suffix}"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            doc = read_document(path)
        except ChitieuError:
            return  # empty, binary-looking or undecodable files are refused, with a reason
        assert_spans(extract_facts(doc), doc.text)


@FAST
@given(TEXTS)
def test_each_stage_survives_any_text(text: str) -> None:
    run_stages(text)


@FAST
@given(mutated_documents())
def test_each_stage_survives_damaged_real_form_text(text: str) -> None:
    run_stages(text)


@SLOW
@given(TEXTS, st.sampled_from([".txt", ".md"]))
def test_whole_pipeline_on_any_text_file(text: str, suffix: str) -> None:
    run_file(text, suffix)


@SLOW
@given(mutated_documents(), st.sampled_from([".txt", ".md"]))
def test_whole_pipeline_on_damaged_real_form_file(text: str, suffix: str) -> None:
    run_file(text, suffix)


def test_undamaged_samples_yield_facts_with_exact_spans() -> None:
    """The sample lines themselves are read (so the properties above exercise real extraction)."""
    resolution = "\n".join(SAMPLE_LINES[:11]) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "nq.txt"
        path.write_text(resolution, encoding="utf-8")
        doc = read_document(path)
        facts = extract_facts(doc)
    assert any(f.kind == "target" and f.value == 3150 for f in facts), [f.to_json() for f in facts]
    assert_spans(facts, doc.text)
