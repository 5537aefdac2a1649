"""Scanned PDFs and photographed pages, read with the real Tesseract and its Vietnamese model.

The character error rate (Levenshtein distance / length, on NFC text with whitespace
collapsed) of a clean 300 dpi rendering must stay under 5%; it is printed so a regression in
the OCR set-up is visible before it fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from chitieu.ingest import load
from chitieu.ingest.ocr import as_printed
from chitieu.ingest.pdf import PAGE_SEPARATOR
from fixtures.build import IMAGE_LINES, SCANNED_PAGES, Fixtures

pytestmark = pytest.mark.slow

MAX_CER = 0.05
REPO = Path(__file__).parents[1]


def collapse(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def cer(reference: str, hypothesis: str) -> float:
    ref, hyp = collapse(reference), collapse(hypothesis)
    return Levenshtein.distance(ref, hyp) / max(len(ref), 1)


def test_scanned_pdf_is_detected_and_ocrd(fixture_files: Fixtures) -> None:
    raw = load(fixture_files.pdf_scanned)
    assert raw.format == "pdf-ocr"
    assert raw.ocr is True
    assert raw.pages == len(SCANNED_PAGES)
    assert raw.ocr_confidence is not None and raw.ocr_confidence > 80
    pages = raw.text.split(PAGE_SEPARATOR)
    assert len(pages) == len(SCANNED_PAGES)
    for expected, got in zip(SCANNED_PAGES, pages, strict=True):
        rate = cer("\n".join(expected), got)
        print(f"CER scanned PDF page: {rate:.2%}")
        assert rate < MAX_CER


def test_skewed_noisy_scan_still_reads(fixture_files: Fixtures) -> None:
    raw = load(fixture_files.pdf_scanned_noisy)
    assert raw.format == "pdf-ocr" and raw.pages == 1
    rate = cer("\n".join([*SCANNED_PAGES[0], *SCANNED_PAGES[1]]), raw.text)
    print(f"CER skewed noisy scan: {rate:.2%} (confidence {raw.ocr_confidence:.1f})")
    assert rate < MAX_CER


@pytest.mark.parametrize("attr", ["png", "jpg"])
def test_photographed_page_is_ocrd(fixture_files: Fixtures, attr: str) -> None:
    raw = load(getattr(fixture_files, attr))
    assert raw.format == "image" and raw.ocr is True and raw.pages == 1
    rate = cer("\n".join(IMAGE_LINES), raw.text)
    print(f"CER {attr}: {rate:.2%} (confidence {raw.ocr_confidence:.1f})")
    assert rate < MAX_CER


def test_every_tiff_frame_is_a_page(fixture_files: Fixtures) -> None:
    raw = load(fixture_files.tiff)
    assert raw.pages == 2
    first, second = raw.text.split(PAGE_SEPARATOR)
    assert cer("\n".join(IMAGE_LINES), first) < MAX_CER
    assert cer("\n".join(SCANNED_PAGES[1]), second) < MAX_CER


def _run_chitieu_text(path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chitieu.cli", "text", str(path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
    )


def test_missing_tesseract_names_the_packages(fixture_files: Fixtures, tmp_path: Path) -> None:
    # A PATH without tesseract on it: the real situation on a machine where it is not installed.
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    env = {**os.environ, "PATH": str(empty_bin)}
    result = _run_chitieu_text(fixture_files.png, env)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "tesseract-ocr tesseract-ocr-vie" in lines[0]
    assert "Traceback" not in result.stderr


def test_missing_vietnamese_model_names_the_packages(fixture_files: Fixtures, tmp_path: Path) -> None:
    # Tesseract installed with English data only.
    eng = Path("/usr/share/tesseract-ocr/5/tessdata/eng.traineddata")
    if not eng.exists() or shutil.which("tesseract") is None:
        pytest.skip("needs the Debian tesseract-ocr layout")
    tessdata = tmp_path / "tessdata"
    tessdata.mkdir()
    (tessdata / "eng.traineddata").symlink_to(eng)
    env = {**os.environ, "TESSDATA_PREFIX": str(tessdata)}
    result = _run_chitieu_text(fixture_files.pdf_scanned, env)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "(vie)" in lines[0] and "tesseract-ocr-vie" in lines[0]


def test_mixed_pdf_ocrs_only_the_scanned_pages(fixture_files: Fixtures, tmp_path: Path) -> None:
    """A report printed to PDF with a scanned signed page appended: text pages keep their layer."""
    import pypdfium2 as pdfium

    mixed = pdfium.PdfDocument.new()
    for source in (fixture_files.pdf_text, fixture_files.pdf_scanned):
        src = pdfium.PdfDocument(str(source))
        mixed.import_pages(src)
        src.close()
    path = tmp_path / "hon-hop.pdf"
    mixed.save(str(path))
    mixed.close()

    raw = load(path)
    assert raw.format == "pdf-ocr" and raw.ocr is True and raw.pages == 4
    pages = raw.text.split(PAGE_SEPARATOR)
    assert len(pages) == 4
    assert "Tốc độ tăng trưởng GRDP | % | 7,5 | 7,15" in pages[0]  # text layer + table, no OCR
    assert len(raw.tables) == 1 and raw.tables[0].page == 1
    assert cer("\n".join(SCANNED_PAGES[0]), pages[2]) < MAX_CER
    assert cer("\n".join(SCANNED_PAGES[1]), pages[3]) < MAX_CER


def test_a_scanned_list_keeps_its_numbers_on_its_items(tmp_path: Path) -> None:
    """Read as one column of lines: Tesseract's automatic layout cut the numbers of this
    resolution's hanging list ("1." … "6." under "a) Chỉ tiêu kinh tế:") off as a block of noise."""
    from fixtures.scans import save_pdf
    from fixtures.searchable_pdf import scanned_pages

    clean = (REPO / "tests" / "fixtures" / "unseen" / "c_nghi_quyet_nam.txt").read_text(encoding="utf-8")
    raw = load(save_pdf(tmp_path / "nghi_quyet.pdf", scanned_pages(clean, "laser-300"), 300))
    assert raw.format == "pdf-ocr"
    starts = {" ".join(collapse(line).split()[:4]) for line in raw.text.splitlines()}
    items = [" ".join(line.split()[:4]) for line in clean.splitlines() if line.split(".")[0].isdigit()]
    assert len(items) >= 15 and [item for item in items if item not in starts] == []


@pytest.mark.parametrize(
    ("line", "printed"),
    [
        ("Trồng mới 420 ha2, bằng 21% kế hoạch", "Trồng mới 420 ha², bằng 21% kế hoạch"),  # hectares, not "hộ"
        ("tăng 3,1% so với cùng kỳ3; vốn", "tăng 3,1% so với cùng kỳ³; vốn"),
        ("theo Điều2 của Nghị quyết", "theo Điều 2 của Nghị quyết"),
        ("đạt 9,8% kế hoạch4.", "đạt 9,8% kế hoạch4."),  # a 4 may be an a: left to the reader
        ("phát thải CO2 và 12 m2 sàn", "phát thải CO2 và 12 m2 sàn"),  # a formula, a unit
        ("năm 2024 tăng 7,4%", "năm 2024 tăng 7,4%"),
        ("Số bác sÿ đạt 12,6 bác sÿ/1 vạn dân", "Số bác sỹ đạt 12,6 bác sỹ/1 vạn dân"),  # no ÿ in Vietnamese
    ],
)
def test_digits_tesseract_glued_to_a_word_are_written_as_printed(line: str, printed: str) -> None:
    assert as_printed(line) == printed
