"""A wrecked document read through its restored reading: facts, citations, the command line, the store
and the viewer.

The report below is ours, written the way OCR without a Vietnamese model writes a page (marks lost,
``ă`` read ``i``, ``ư`` read ``u``, ``l`` read ``1``, ``ô`` read ``é`` or ``6``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chitieu.extract.facts import Fact, Source
from chitieu.extract.outline import Heading
from chitieu.extract.remap import (
    RESTORED_DOUBT,
    fact_in_original,
    footnote_in_reading,
    heading_in_original,
    link_by_written_words,
    restored_share,
)
from chitieu.pipeline import extract_facts, read_document
from chitieu.store import models
from chitieu.store.db import session_scope
from chitieu.store.reextract import reextract_document
from chitieu.text.normalize import LinkedFootnote
from chitieu.text.restore.reading import restorations
from chitieu.text.restore.restorer import Replacement, apply_replacements, overlapping
from chitieu.web.highlight import Span, highlighted_html
from test_contract import chitieu
from web_helpers import login, make_app, sqlite_url, store_extracted

WRECKED = """UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM
TINH LAI CHAU Doc lap - Tu do - Hanh phuc
S6: 215/BC-UBND Lai Chau, ngay 20 thang 12 nim 2024

BAO CAO
Tinh hinh thuc hién ké hoach phat trién kinh té - xa hoi nim 2024

I. KET QUA THUC HIEN CAC CHI TIEU CHU YEU

1. Vé kinh té
Téc dé ting trudng kinh té (GRDP) udc dat 8,2%, vugt ké hoach dé ra. Téng thu ngan sach nha nudc trén dia ban udc dat 2.650 ty déng, bing 105% dy toan.

2. Vé xa hoi
Ty 1é hé nghéo giam 4,5% so vdi nim trudc. Ty 1é tré em trong dé tudi dugc tiém chung day du dat 95%.
"""

CLEAN = "BÁO CÁO\nTình hình thực hiện kế hoạch năm 2024.\nTổng thu ngân sách nhà nước trên địa bàn ước đạt 2.650 tỷ đồng.\n"
MARKS = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE)


@pytest.fixture
def wrecked_file(tmp_path: Path) -> Path:
    path = tmp_path / "bc_ocr.txt"
    path.write_text(WRECKED, encoding="utf-8")
    return path


def test_clean_text_is_never_restored() -> None:
    assert restorations(CLEAN) == []


def test_a_wrecked_report_is_read_in_vietnamese_and_cited_in_its_own_text(wrecked_file: Path) -> None:
    doc = read_document(wrecked_file)
    plain = read_document(wrecked_file, restore=False)
    assert doc.text == plain.text and plain.restorations == [] and plain.reading == plain.text
    for start, end, reading in doc.restorations:  # whole tokens of the original, read otherwise
        assert re.fullmatch(r"\S+", doc.text[start:end]) and reading != doc.text[start:end]
    assert "Tỷ lệ hộ nghèo giảm 4,5% so với năm trước" in doc.reading
    assert doc.metadata.doc_type == "Báo cáo" and doc.metadata.period_label == "năm 2024"
    facts = extract_facts(doc)
    actuals = {f.indicator: f for f in facts if f.kind == "actual"}
    assert actuals["grdp_growth"].value == 8.2 and actuals["grdp_growth"].extra.get("estimate")
    assert actuals["budget_revenue"].value == 2650 and actuals["budget_revenue"].unit == "tỷ đồng"
    assert actuals["poverty_rate"].value == -4.5
    for fact in facts:
        assert fact.source.text == doc.text[fact.source.start : fact.source.end]
        assert MARKS.search(fact.label), fact.label  # shown as Vietnamese
        assert 0 < fact.confidence < 1  # read where words were restored: doubted
    assert "Téng thu ngan sach" in actuals["budget_revenue"].source.text  # cited as the document says it
    as_wrecked = {f.indicator for f in extract_facts(plain)}  # the wreck alone: raw phrases, unrecognised
    assert not as_wrecked & {"grdp_growth", "poverty_rate"}


def test_headings_are_read_in_the_reading_and_placed_in_the_text(wrecked_file: Path) -> None:
    doc = read_document(wrecked_file)
    titles = {h.title: h for h in doc.outline}
    heading = next(h for title, h in titles.items() if title.startswith("KẾT QUẢ THỰC HIỆN"))
    assert doc.text[heading.start : heading.end].startswith("I. KET QUA THUC HIEN")


def test_the_command_line_prints_the_restored_reading_and_plain_text_by_default(wrecked_file: Path, tmp_path: Path) -> None:
    plain = chitieu("text", str(wrecked_file))
    restored = chitieu("text", "--restored", str(wrecked_file))
    assert plain.returncode == restored.returncode == 0, restored.stderr
    assert "Téc dé ting trudng" in plain.stdout
    assert "Tốc độ tăng trưởng kinh tế (GRDP) ước đạt 8,2%" in restored.stdout
    clean = tmp_path / "sach.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    assert chitieu("text", "--restored", str(clean)).stdout == chitieu("text", str(clean)).stdout


# -- moving between the reading and the text ---------------------------------------------------------


TEXT = "Ty 1é hé nghéo giam 4,5%; rnua dat 95% (1)."


def _replaced(text: str, readings: list[tuple[str, str]]) -> list[Replacement]:
    found, position = [], 0
    for token, reading in readings:
        start = text.index(token, position)
        found.append(Replacement(start, start + len(token), reading))
        position = start + len(token)
    return found


REPLACED = _replaced(TEXT, [("Ty", "Tỷ"), ("1é", "lệ"), ("hé", "hộ"), ("nghéo", "nghèo"), ("giam", "giảm"), ("rnua", "mua"), ("dat", "đạt")])
READING = apply_replacements(TEXT, REPLACED)


def test_the_reading_maps_every_span_back_to_whole_tokens() -> None:
    assert READING.text == "Tỷ lệ hộ nghèo giảm 4,5%; mua đạt 95% (1)."
    start = READING.text.index("nghèo")
    assert READING.to_original(start, start + 5) == (9, 14)
    assert READING.to_original(start + 1, start + 3) == (9, 14)  # inside a token: the whole token
    assert READING.to_original(READING.text.index("đạt"), len(READING.text)) == (31, 43)
    assert [READING.from_original(p) for p in (0, 9, 28, 31, len(TEXT))] == [0, 9, 29, 30, len(READING.text)]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [(0, 2, ["Tỷ"]), (2, 3, []), (2, 7, ["lệ", "hộ"]), (10, 11, ["nghèo"]), (14, 15, []), (0, 0, []), (30, 43, ["đạt"])],
)
def test_overlapping_finds_the_edits_a_span_touches(start: int, end: int, expected: list[str]) -> None:
    assert [edit.text for edit in overlapping(REPLACED, start, end)] == expected


def test_a_fact_read_in_the_reading_is_cited_in_the_text_with_every_span_of_its_details() -> None:
    start, end = READING.text.index("Tỷ"), READING.text.index(";")
    fact = Fact(
        "actual", "Tỷ lệ hộ nghèo", Source("bc.txt", start, end, READING.text[start:end]), value=-4.5, confidence=0.9,
        extra={
            "footnote_of": {"start": READING.text.index("(1)"), "end": READING.text.index("(1)") + 3},
            "derived_from": {"source": {"start": start, "end": end, "text": READING.text[start:end]}},
            "reporting": [{"start": READING.text.index("đạt"), "end": READING.text.index("đạt") + 3, "text": "đạt", "from": []}],
        },
    )
    moved = fact_in_original(fact, READING, TEXT, REPLACED)
    assert (moved.source.start, moved.source.end, moved.source.text) == (0, 24, "Ty 1é hé nghéo giam 4,5%")
    assert moved.extra["derived_from"]["source"] == {"start": 0, "end": 24, "text": TEXT[:24]}
    assert moved.extra["footnote_of"] == {"start": 39, "end": 42}
    assert moved.extra["reporting"] == [{"start": 31, "end": 34, "text": "đạt", "from": []}]  # its own text, as read
    share = restored_share(TEXT, 0, 24, REPLACED)
    assert share == pytest.approx(15 / 17) and moved.confidence == pytest.approx(0.9 * (1 - RESTORED_DOUBT * share), abs=1e-3)
    assert restored_share(TEXT, 21, 24, REPLACED) == 0.0


def test_headings_and_footnotes_move_between_text_and_reading() -> None:
    heading = Heading("1", "arabic", "1", "Tỷ lệ hộ nghèo", READING.text.index("hộ"), READING.text.index("giảm") - 1, len(READING.text))
    moved = heading_in_original(heading, READING)
    assert (moved.start, moved.end, moved.body_end, moved.title) == (6, 14, len(TEXT), "Tỷ lệ hộ nghèo")
    note = footnote_in_reading(LinkedFootnote("1", "ghi chú", 9, 14, 39, 42), READING)
    assert READING.text[note.start : note.end] == "nghèo" and READING.text[note.ref_start : note.ref_end] == "(1)"  # type: ignore[misc]


# -- the viewer ------------------------------------------------------------------------------------


def test_restored_words_show_their_reading_with_the_original_on_hover() -> None:
    html = str(highlighted_html(TEXT, [Span(7, 0, 24, "actual"), Span(8, 10, 12, "task")], REPLACED))
    assert '<span class="restored" title="Bản gốc: Ty">Tỷ</span>' in html
    assert '<span class="restored" title="Bản gốc: giam">giảm</span>' in html
    assert "nghèo" not in html and "nghéo" in re.sub(r"<[^>]+>", "", html)  # a token cut by a highlight stays as written
    hostile = "<b>x</b> dat"
    html = str(highlighted_html(hostile, [], [Replacement(0, 8, "<i>")]))
    assert "<b>" not in html and "<i>" not in html and 'title="Bản gốc: &lt;b&gt;x&lt;/b&gt;"' in html


def test_the_viewer_and_a_fresh_extraction_keep_the_restored_reading(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    app = make_app(url, tmp_path)
    store_extracted(url, tmp_path, "bc_ocr.txt", WRECKED)
    with session_scope(url) as session:
        row = session.query(models.Document).one()
        doc_id, restored = row.id, row.meta["restored"]
        facts_before = sorted((f.src_start, f.src_end, f.indicator) for f in row.facts)
    assert restored
    page = login(app, "viewer").get(f"/documents/{doc_id}").text
    assert 'id="restored-note"' in page and '<span class="restored" title="Bản gốc: nim">năm</span>' in page
    with session_scope(url) as session:
        reextract_document(session, doc_id)
    with session_scope(url) as session:
        row = session.get(models.Document, doc_id)
        assert row is not None and row.meta["restored"] == restored
        assert sorted((f.src_start, f.src_end, f.indicator) for f in row.facts) == facts_before
        assert all(row.text[f.src_start : f.src_end] == f.src_text for f in row.facts)


def test_a_name_restoration_misread_is_linked_by_the_words_as_written() -> None:
    """The reading wrote "rìm" where the page had "rung": its label names nothing, the page's does."""
    original = "Ty le che phu rung dat 55%."
    reading = apply_replacements(original, [Replacement(0, 2, "Tỷ"), Replacement(3, 5, "lệ"), Replacement(14, 18, "rìm")])
    label = "Tỷ lệ che phu rìm"
    assert reading.text.startswith(label)
    source = Source("x.txt", 0, len(reading.text) - 1, reading.text[:-1])

    def fact(written: str) -> Fact:
        return Fact(
            kind="target", label=written, indicator=None, value=55, value_high=None, comparator="=", unit="%",
            period=None, confidence=0.8, source=source, extra={"label_as_written": written},
        )  # fmt: skip

    misread = fact(label)
    link_by_written_words(misread, reading, original)
    assert (misread.indicator, misread.extra["named_as_written"]) == ("forest_cover", "Ty le che phu rung")
    assert misread.label == "Tỷ lệ che phủ rừng" and misread.confidence < 0.8
    # words the reading kept as the page wrote them were the extractor's already: not tried again
    clean = "Tỷ lệ che phủ rừng đạt 55%."
    kept = fact("Tỷ lệ che phủ rừng")
    link_by_written_words(kept, apply_replacements(clean, []), clean)
    assert kept.indicator is None
