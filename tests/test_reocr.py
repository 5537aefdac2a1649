"""A scanned PDF whose text layer is wrecked is OCR'd again in Vietnamese; a good layer is kept.

Archives keep scans as page images over an invisible text layer an OCR without Vietnamese wrote
(``PANG BO TINH`` under a legible ``ĐẢNG BỘ TỈNH``). The PDFs here are built that way from our
own political report (``tests/fixtures/searchable_pdf.py``): each page typeset, degraded as a
150 dpi fax and read by Tesseract ``eng`` for its layer. The rules that decide
(``chitieu.ingest.reocr``) are tested apart, on texts alone.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from chitieu.cli import app as cli
from chitieu.errors import MissingDependency
from chitieu.extract.facts import Fact
from chitieu.ingest import load
from chitieu.ingest.line_choice import MIN_JUNK, judge_line
from chitieu.ingest.reocr import (
    BETTER_BY,
    MIN_WORD_SHARE,
    OCR,
    REOCR_BELOW,
    TEXT_LAYER,
    PageReading,
    TextLayerCheck,
    check_text_layer,
    choose_reading,
    damage_in_words,
    needs_reocr,
)
from chitieu.pipeline import Document, extract_facts, read_document
from chitieu.store import models
from chitieu.store.db import session_scope
from chitieu.text.quality import quality_report
from chitieu.text.restore.scoring import syllable_errors
from chitieu.text.restore.wreck import STYLE_BY_NAME, ocr_english
from fixtures.searchable_pdf import (
    CLEAN,
    WRECKED,
    archived_report,
    scanned_pages,
    split_pages,
    write_searchable_pdf,
)
from test_targets_unseen import score
from web_helpers import login, make_app, sqlite_url

HERE = Path(__file__).parent
GOLD = json.loads((HERE / "gold" / "targets_unseen_a.json").read_text(encoding="utf-8"))
STYLE = "fax-150"  # the cheapest scan to make and read, and the one OCR without Vietnamese wrecks most
HEAVY = "inked-200"  # thick strokes that fill letters and marks

CLEAN_PROSE = (
    "Đại hội đại biểu Đảng bộ tỉnh lần thứ XV diễn ra trong bối cảnh cả nước bước vào kỷ nguyên "
    "phát triển mới. Tốc độ tăng trưởng kinh tế bình quân năm năm ước đạt sáu phẩy một phần trăm, "
    "thu ngân sách nhà nước trên địa bàn tăng bình quân chín phẩy bốn phần trăm mỗi năm."
)
WRECKED_PROSE = (
    "Pai hoi dai bieu Pang bo tinh lan thu XV dien ra trong boi canh ca nuoc buoc vao ky nguyen "
    "phat trien moi. Tdc do tang truong kinh té binh quan nim nam udc dat sau phay mot phan tram, "
    "thu ngan sach nha nudc trén dia ban tang binh quan chin phay bén phan tram mdi nim."
)


# --- the rules, on texts alone ---------------------------------------------------------------

def test_a_clean_layer_passes_and_a_wrecked_one_is_marked_for_ocr_with_its_damage_named() -> None:
    clean = check_text_layer({1: CLEAN_PROSE, 2: CLEAN_PROSE})
    assert clean.quality >= REOCR_BELOW and not needs_reocr(clean)
    assert clean.damage == [] and [p.page for p in clean.pages] == [1, 2]
    wrecked = check_text_layer({1: WRECKED_PROSE})
    assert wrecked.quality < REOCR_BELOW and needs_reocr(wrecked)
    assert "mất dấu tiếng Việt" in wrecked.damage
    assert wrecked.pages == [PageReading(1, TEXT_LAYER, wrecked.pages[0].layer_quality, None,
                                         layer_words=len(WRECKED_PROSE.split()))]


def test_a_whole_wrecked_document_scores_as_one_text() -> None:
    """Pages are scored together: the stored wreck of our report, split in three, reads low."""
    pages = dict(enumerate(split_pages(WRECKED.read_text(encoding="utf-8"), 3), start=1))
    check = check_text_layer(pages)
    assert needs_reocr(check) and len(check.pages) == 3
    assert check.quality == quality_report("\n".join(pages.values()))["score"]


@pytest.mark.parametrize(
    ("layer", "ocr", "used"),
    [
        (WRECKED_PROSE, CLEAN_PROSE, OCR),  # ours reads Vietnamese, the layer does not
        (CLEAN_PROSE, WRECKED_PROSE, TEXT_LAYER),  # the file's own layer is better
        (CLEAN_PROSE, CLEAN_PROSE, TEXT_LAYER),  # a tie stays with the file's own
        (WRECKED_PROSE, "", TEXT_LAYER),  # nothing read from the image (a blank or lost page)
        (WRECKED_PROSE, " ".join(CLEAN_PROSE.split()[:12]), TEXT_LAYER),  # clean but most of the page lost
        (WRECKED_PROSE, WRECKED_PROSE, TEXT_LAYER),
    ],
    ids=["ours-better", "layer-better", "tie", "nothing-read", "page-lost", "both-wrecked"],
)
def test_each_page_keeps_the_better_reading(layer: str, ocr: str, used: str) -> None:
    reading = choose_reading(4, layer, ocr)
    assert (reading.page, reading.used) == (4, used)
    assert reading.ocr_quality is not None


_SYLLABLES = (CLEAN_PROSE + " " + WRECKED_PROSE).split()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_SYLLABLES), max_size=60), st.lists(st.sampled_from(_SYLLABLES), max_size=60))
def test_our_reading_replaces_a_layer_only_when_clearly_better_and_as_full(layer: list[str], ocr: list[str]) -> None:
    reading = choose_reading(1, " ".join(layer), " ".join(ocr))
    if reading.used == OCR:
        assert reading.ocr_quality is not None and reading.ocr_quality >= reading.layer_quality + BETTER_BY
        assert reading.ocr_words >= MIN_WORD_SHARE * reading.layer_words


def _reading(page: int, used: str, layer: float = 0.2, ocr: float | None = 0.97) -> PageReading:
    return PageReading(page, used, layer, ocr)


@pytest.mark.parametrize(
    ("check", "says"),
    [
        (TextLayerCheck(0.95, [], [_reading(1, TEXT_LAYER, 0.95, None)]),
         ["đạt chất lượng (điểm 0,95, ngưỡng 0,80)", "không cần nhận dạng lại"]),
        (TextLayerCheck(0.23, ["mất dấu tiếng Việt"], [_reading(1, OCR), _reading(2, OCR), _reading(3, OCR)]),
         ["chất lượng thấp (điểm 0,23, dưới ngưỡng 0,80): mất dấu tiếng Việt.",
          "Đã nhận dạng lại 3 trang ảnh quét bằng Tesseract tiếng Việt",
          "dùng bản nhận dạng lại ở các trang 1–3 (điểm 0,97)."]),
        (TextLayerCheck(0.3, [], [_reading(1, OCR), _reading(2, TEXT_LAYER, 0.3, 0.31), _reading(3, OCR)]),
         ["dùng bản nhận dạng lại ở các trang 1, 3", "giữ lớp chữ sẵn có ở trang 2 vì bản nhận dạng lại không tốt hơn"]),
        (TextLayerCheck(0.3, [], [_reading(1, TEXT_LAYER, 0.3, None)], unavailable="chưa cài Tesseract"),
         ["Không nhận dạng lại được (chưa cài Tesseract), nên vẫn dùng lớp chữ sẵn có."]),
        (TextLayerCheck(0.3, [], [PageReading(1, OCR, 0.3, 0.95, layer_lines=2),
                                  PageReading(2, OCR, 0.3, 0.97, layer_lines=1)]),
         ["dùng bản nhận dạng lại ở các trang 1–2 (điểm 0,96); riêng 3 dòng mà bản nhận dạng lại đọc hỏng"]),
    ],
    ids=["kept", "all-read-again", "mixed", "no-tesseract", "lines-from-the-layer"],
)
def test_the_reason_tells_the_user_which_reading_and_why(check: TextLayerCheck, says: list[str]) -> None:
    reason = check.reason()
    for words in says:
        assert words in reason
    stored = check.to_json()
    assert stored["reason"] == reason and stored["threshold"] == REOCR_BELOW
    assert stored["used"] == (OCR if any(p.used == OCR for p in check.pages) else TEXT_LAYER)
    assert stored["reocr"] == (check.unavailable is None and check.quality < REOCR_BELOW)


def test_the_damage_is_named_only_where_it_weighs() -> None:
    report = quality_report(WRECKED_PROSE)
    named = damage_in_words(report)
    assert named and all(isinstance(words, str) for words in named)
    assert any(words.endswith("số từ không phải âm tiết tiếng Việt") for words in named)
    assert damage_in_words(quality_report(CLEAN_PROSE)) == []


# --- PDFs built as archives keep them ------------------------------------------------------

@pytest.fixture(scope="module")
def archived(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return archived_report(tmp_path_factory.mktemp("scans") / "bao_cao_chinh_tri.pdf", "english", STYLE)


@pytest.fixture(scope="module")
def archived_read(archived: Path) -> tuple[Document, list[Fact]]:
    """The archived report read as an upload is read (OCR is the slow step: read it once)."""
    doc = read_document(archived)
    return doc, extract_facts(doc)


@pytest.mark.slow
def test_a_scan_over_a_wrecked_layer_is_read_again_in_vietnamese(archived: Path,
                                                                 archived_read: tuple[Document, list[Fact]]) -> None:
    raw = archived_read[0].raw
    check = raw.text_layer
    assert check is not None and check.quality < REOCR_BELOW and check.reocr
    assert (raw.format, raw.ocr, check.used) == ("pdf-ocr", True, OCR)
    assert check.ocr_pages == list(range(1, raw.pages + 1)) and raw.pages >= 2
    for page in check.pages:
        assert page.ocr_quality is not None and page.ocr_quality > page.layer_quality + BETTER_BY
    clean = CLEAN.read_text(encoding="utf-8")
    layer = syllable_errors(clean, _layer_text(archived))
    read = syllable_errors(clean, raw.text)
    assert layer.exact > 0.5  # what the archive's layer is
    assert read.exact <= 0.05 and read.numbers <= layer.numbers
    assert "Đảng bộ tỉnh" in raw.text and "PANG BO TINH" not in raw.text.upper()
    assert "Tesseract tiếng Việt" in check.reason()


@pytest.mark.slow
def test_the_scan_read_again_gives_the_targets_of_the_clean_copy(archived_read: tuple[Document, list[Fact]],
                                                                 tmp_path: Path) -> None:
    copy = tmp_path / "bao_cao_chinh_tri.txt"
    copy.write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    clean = _target_recall(extract_facts(read_document(copy)))
    doc, facts = archived_read
    assert _target_recall(facts) >= 0.9 * clean
    for fact in facts:
        assert doc.text[fact.source.start : fact.source.end] == fact.source.text


@pytest.mark.slow
def test_a_good_layer_over_a_scan_is_kept_without_ocr(tmp_path: Path) -> None:
    """A scan an office OCR'd in Vietnamese: its layer reads well, and nothing is read again."""
    excerpt = "\n".join(CLEAN.read_text(encoding="utf-8").splitlines()[:16])
    images = scanned_pages(excerpt, STYLE)
    assert len(images) == 1
    raw = load(write_searchable_pdf(tmp_path / "da_nhan_dang.pdf", images, [excerpt]))
    check = raw.text_layer
    assert check is not None and not check.reocr and check.used == TEXT_LAYER
    assert (raw.format, raw.ocr, raw.ocr_confidence) == ("pdf", False, None)
    assert "đạt chất lượng" in check.reason()
    assert "ĐẢNG BỘ TỈNH NAM LÂM" in raw.text


@pytest.mark.slow
def test_a_line_our_ocr_garbled_under_heavy_ink_is_read_from_the_layer(tmp_path: Path) -> None:
    """Thick ink fills the bold title: Tesseract ``vie`` reads it as marks, the English layer
    letter for letter. The page keeps our reading and takes those lines from the layer, restored,
    so the report is still known for what it is."""
    excerpt = "\n".join(CLEAN.read_text(encoding="utf-8").splitlines()[:16])
    images = scanned_pages(excerpt, HEAVY)
    assert len(images) == 1
    layers = [ocr_english(images[0], STYLE_BY_NAME[HEAVY].psm)]
    doc = read_document(write_searchable_pdf(tmp_path / "muc_dam.pdf", images, layers))
    check = doc.raw.text_layer
    assert check is not None and check.used == OCR and check.pages[0].layer_lines >= 2
    assert "được đọc theo lớp chữ sẵn có, đã khôi phục dấu" in check.reason()
    lines = doc.raw.text.splitlines()
    assert "BÁO CÁO CHÍNH TRỊ" in lines and "ĐẢNG BỘ TỈNH NAM LÂM ĐẢNG CỘNG SẢN VIỆT NAM" in lines
    assert all(judge_line(line).junk < MIN_JUNK for line in lines)
    assert doc.metadata.doc_type == "Báo cáo chính trị" and doc.metadata.period_label == "nhiệm kỳ 2025-2030"


def test_blank_page_images_under_a_wrecked_layer_keep_the_layer(tmp_path: Path) -> None:
    """The image gives nothing to read (a lost scan): the layer, wrecked as it is, is all there is."""
    from PIL import Image

    layers = split_pages(WRECKED.read_text(encoding="utf-8"), 2)
    blank = [Image.new("L", (1240, 1754), 255) for _ in layers]
    raw = load(write_searchable_pdf(tmp_path / "trang_trang.pdf", blank, layers))
    check = raw.text_layer
    assert check is not None and check.reocr and check.used == TEXT_LAYER
    assert (raw.format, raw.ocr) == ("pdf", False)
    assert "giữ lớp chữ sẵn có ở các trang 1–2 vì bản nhận dạng lại không tốt hơn" in check.reason()
    assert "PANG BO TINH" in raw.text


def test_a_logo_on_a_page_is_not_a_scan(tmp_path: Path) -> None:
    """A text PDF with a letterhead logo is read from its text (and restored), never OCR'd again."""
    from PIL import Image

    logo = [Image.new("L", (200, 200), 90)]
    layer = [WRECKED.read_text(encoding="utf-8")[:1500]]
    raw = load(write_searchable_pdf(tmp_path / "logo.pdf", logo, layer, cover=0.15))
    assert raw.text_layer is None and (raw.format, raw.ocr) == ("pdf", False)


def test_without_tesseract_the_layer_is_kept_and_the_user_told_why(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import Image

    import chitieu.ingest.ocr as ocr

    def missing() -> frozenset[str]:
        raise MissingDependency("chưa cài chương trình nhận dạng chữ Tesseract OCR")

    monkeypatch.setattr(ocr, "available_languages", missing)
    layers = split_pages(WRECKED.read_text(encoding="utf-8"), 2)
    blank = [Image.new("L", (1240, 1754), 255) for _ in layers]
    raw = load(write_searchable_pdf(tmp_path / "khong_ocr.pdf", blank, layers))
    check = raw.text_layer
    assert check is not None and not check.reocr and check.unavailable
    assert (raw.format, raw.ocr) == ("pdf", False)
    assert "Không nhận dạng lại được (chưa cài chương trình nhận dạng chữ Tesseract OCR)" in check.reason()


@pytest.mark.slow
def test_the_stored_document_says_which_reading_and_why(archived: Path, tmp_path: Path) -> None:
    """``chitieu ingest`` says it read the pages again; the document's page shows the reason."""
    url = sqlite_url(tmp_path)
    app = make_app(url, tmp_path)
    result = CliRunner().invoke(cli, ["ingest", str(archived), "--db", url])
    assert result.exit_code == 0, result.output
    assert "Đã nhận dạng lại" in result.output and "Tesseract tiếng Việt" in result.output
    with session_scope(url) as session:
        doc = session.query(models.Document).one()
        stored = doc.meta["text_layer"]
        doc_id = doc.id
        assert (doc.format, doc.ocr) == ("pdf-ocr", True)
    assert stored["used"] == OCR and stored["reocr"] and stored["ocr_pages"]
    assert stored["quality"] < REOCR_BELOW and "Đã nhận dạng lại" in stored["reason"]
    page = login(app, "viewer").get(f"/documents/{doc_id}")
    assert page.status_code == 200
    note = re.search(r'<p class="layer-note" id="layer-note">([^<]+)</p>', page.text)
    assert note and "dùng bản nhận dạng lại" in note.group(1)


def _layer_text(path: Path) -> str:
    """The PDF's own text layer, page by page, as pdfium reads it."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(pdf[i].get_textpage().get_text_bounded() for i in range(len(pdf)))
    finally:
        pdf.close()


def _target_recall(facts: list[Fact]) -> float:
    """Share of our report's gold targets found (``tests/test_targets_unseen.py``'s matching)."""
    recall, _precision, _missed, _extra = score(tuple(f for f in facts if f.kind == "target"), GOLD["targets"])
    return recall
