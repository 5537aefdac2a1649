"""The printed header: in every installed serif font, each right-hand line is one line inside the page.

Each PDF's first page is rendered to PNG (`test-output/report-header-<font>.png`, for a person to
look at) and the header's right column is read twice: from the PDF's words (the national name,
the motto and the date line each on one baseline, between the issuer column and the right
margin) and from the picture (exactly three lines of text and the rule under the motto).
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdfium2
import pytest
from PIL import Image, ImageDraw, ImageFont

from chitieu.report import write_report
from chitieu.report.header_layout import DEFAULT_LAYOUT, MOTTO, NATIONAL_NAME
from chitieu.report.sample import report_from_term_table
from test_report_header_layout import installed_serif_families, real_font

OUTPUT = Path(__file__).resolve().parents[1] / "test-output"
MM = 72 / 25.4  # PDF points per millimetre
RIGHT_MARGIN_MM = 17.5
TOP_MARGIN_MM = 20
SCALE = 4  # rendering scale: 288 dpi
DATE_LINE = "Lai Châu, ngày 08 tháng 09 năm 2025"


def write_pdf_in(family: str, path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    real_font(family)
    monkeypatch.setenv("CHITIEU_REPORT_FONT", family)
    return write_report(report_from_term_table(), "pdf", path)


def line_starting(words: list[dict], first: str) -> tuple[str, float, float, float]:
    """The words on the baseline of the word `first`, from it rightwards: text, x0, x1, bottom."""
    start = next(w for w in words if w["text"] == first)
    same = sorted((w for w in words if abs(w["bottom"] - start["bottom"]) < 1 and w["x0"] >= start["x0"]),
                  key=lambda w: w["x0"])
    return " ".join(w["text"] for w in same), start["x0"], same[-1]["x1"], start["bottom"]


def header_word_problems(pdf_path: Path) -> list[str]:
    """What is wrong with the right-hand lines, read from the PDF's words (empty: nothing)."""
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
        right_edge = page.width - RIGHT_MARGIN_MM * MM + 0.5
    problems = []
    for first, expected in (("CỘNG", NATIONAL_NAME), ("Độc", MOTTO), ("Lai", DATE_LINE)):
        text, x0, x1, bottom = line_starting(words, first)
        if text != expected:
            problems.append(f"{expected!r} is not one line: {text!r}")
        if x1 > right_edge:
            problems.append(f"{expected!r} runs {(x1 - right_edge) / MM:.1f} mm into the right margin")
        left = [w for w in words if abs(w["bottom"] - bottom) < 1 and w["x1"] <= x0 + 0.1]
        if left and x0 - max(w["x1"] for w in left) < 2 * MM:
            problems.append(f"{expected!r} touches the issuer column")
    return problems


def text_lines(image: Image.Image, min_gap_pt: float = 1.5, min_text_pt: float = 4) -> tuple[int, int]:
    """(lines of text, thin rules) in a greyscale picture: bands of ink split by white rows.

    Marks above and below a letter are closer to it than `min_gap_pt`, so "Ộ" is one band; a band
    lower than `min_text_pt` is a rule.
    """
    width, height = image.size
    pixels = image.load()
    bands: list[list[int]] = []
    for y in range(height):
        if not any(pixels[x, y] < 128 for x in range(width)):
            continue
        if bands and y - bands[-1][1] <= min_gap_pt * SCALE:
            bands[-1][1] = y
        else:
            bands.append([y, y])
    heights = [(b - a + 1) / SCALE for a, b in bands]
    return sum(h >= min_text_pt for h in heights), sum(h < min_text_pt for h in heights)


def right_column_picture(pdf_path: Path) -> Image.Image:
    """Page 1 rendered; the part right of the issuer, from the top margin to the date line."""
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
        national = next(w for w in words if w["text"] == "CỘNG")
        date = next(w for w in words if w["text"] == "ngày")
        box = (national["x0"] - 1, TOP_MARGIN_MM * MM - 2, page.width - RIGHT_MARGIN_MM * MM + 1, date["bottom"] + 1)
    image = pypdfium2.PdfDocument(str(pdf_path))[0].render(scale=SCALE).to_pil().convert("L")
    return image.crop(tuple(round(v * SCALE) for v in box))


@pytest.mark.parametrize("family", installed_serif_families() or ["Times New Roman"])
def test_header_lines_are_single_lines_in_every_serif_font(
    family: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf_path = write_pdf_in(family, tmp_path / "bao-cao.pdf", monkeypatch)
    with pdfplumber.open(pdf_path) as pdf:
        fonts = {c["fontname"].split("+")[-1] for c in pdf.pages[0].chars}
    expected = set(real_font(family).family.split())
    assert all(expected <= set(f.split("-")) for f in fonts), (family, fonts)  # the measured font is printed
    assert header_word_problems(pdf_path) == []
    picture = right_column_picture(pdf_path)
    OUTPUT.mkdir(exist_ok=True)
    picture.save(OUTPUT / f"report-header-{family.replace(' ', '-')}.png")
    assert text_lines(picture) == (3, 1)  # national name, motto, date; the rule under the motto


def test_the_default_columns_would_push_a_wide_font_into_the_margin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Why the header is measured: DejaVu Serif in the fixed 38 % | 62 % split does not fit."""
    monkeypatch.setattr("chitieu.report.html.header_for", lambda report, font: DEFAULT_LAYOUT)
    pdf_path = write_pdf_in("DejaVu Serif", tmp_path / "bao-cao.pdf", monkeypatch)
    problems = header_word_problems(pdf_path)
    assert any(NATIONAL_NAME in p and "margin" in p for p in problems), problems


def test_the_line_counter_sees_a_wrapped_national_name() -> None:
    font_path = real_font("DejaVu Serif").files["bold"]
    font = ImageFont.truetype(str(font_path), 13 * SCALE)
    wrapped = Image.new("L", (300 * SCALE, 60 * SCALE), 255)
    draw = ImageDraw.Draw(wrapped)
    draw.text((4, 4 * SCALE), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA", font=font, fill=0)
    draw.text((4, 24 * SCALE), "VIỆT NAM", font=font, fill=0)
    draw.line((4, 44 * SCALE, 200, 44 * SCALE), fill=0, width=2)
    assert text_lines(wrapped) == (2, 1)
