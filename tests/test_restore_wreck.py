"""The wreck generator: pages typeset, degraded and read by Tesseract ``eng`` as archives were made.

Real fonts and the real Tesseract, as the benchmark uses them; one short page per OCR'd case.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from chitieu.text.restore import wreck as wreck_module
from chitieu.text.restore.scoring import syllable_errors, tokens
from chitieu.text.restore.wreck import (
    STYLE_BY_NAME,
    STYLES,
    ScanStyle,
    as_archived,
    degrade,
    font_path,
    is_heading,
    render,
    wreck,
    wreck_cached,
)

# Our own wording: a results paragraph with figures, a heading and a short ruled table.
PASSAGE = (
    "I. KẾT QUẢ THỰC HIỆN\n"
    "Tổng sản phẩm trên địa bàn ước tăng 7,62% so với cùng kỳ năm trước. Sản lượng lương thực "
    "có hạt ước đạt 148.350 tấn, bằng 69,0% kế hoạch. Đảng bộ tỉnh lãnh đạo hoàn thành 12 nhiệm "
    "vụ trọng tâm; tỷ lệ hộ nghèo giảm còn 14,2%.\n"
)
TABLE = "STT | Chỉ tiêu | Đơn vị | Kế hoạch\n1 | Tỷ lệ che phủ rừng | % | 55,2\n2 | Số xã đạt chuẩn nông thôn mới | xã | 64\n"
FAST = STYLE_BY_NAME["fax-150"]


def _dark_rows(page: np.ndarray, share: float) -> int:
    """Pixel rows more than ``share`` dark: the horizontal rules of a ruled table."""
    return int(((page < 128).mean(axis=1) > share).sum())


def test_every_preset_names_an_installed_font_and_a_resolution_an_office_scans_at() -> None:
    for style in STYLES:
        assert font_path(style.font).exists() and font_path(style.font, bold=True).exists()
        assert 150 <= style.dpi <= 300 and style.psm in (4, 6)
    assert {style.psm for style in STYLES} == {4, 6}
    assert any(style.heavy for style in STYLES) and any(style.jpeg for style in STYLES)


def test_a_missing_font_is_named_with_its_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(wreck_module, "_FONT_DIRS", (tmp_path,))
    with pytest.raises(FileNotFoundError, match="fonts-liberation2"):
        font_path("liberation-serif")


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("I. KẾT QUẢ THỰC HIỆN", True),
        ("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", True),
        ("Phần thứ hai", True),
        ("Điều 1. Thông qua kế hoạch", True),
        ("2. Về văn hóa - xã hội", True),
        ("NGHỊ QUYẾT", True),
        ("Tổng sản phẩm trên địa bàn ước tăng 7,62%.", False),
        ("10,5% so với cùng kỳ", False),
        ("2025-2030", False),
        ("1. " + "Chỉ tiêu dài " * 20, False),
    ],
)
def test_short_lines_in_capitals_or_numbered_are_set_in_bold(line: str, heading: bool) -> None:
    assert is_heading(line) is heading


def test_rendering_is_reproducible_and_flows_onto_new_pages() -> None:
    one = render(PASSAGE, FAST)
    assert len(one) == 1 and one[0].mode == "L"
    assert one[0].tobytes() == render(PASSAGE, FAST)[0].tobytes()
    assert one[0].size == (round(210 * 150 / 25.4), round(297 * 150 / 25.4))
    assert len(render(PASSAGE * 30, FAST)) >= 3


def test_cells_are_drawn_as_a_ruled_table_and_prose_is_not() -> None:
    prose = np.asarray(render(PASSAGE, FAST)[0])
    table = np.asarray(render(PASSAGE + TABLE, FAST)[0])
    assert _dark_rows(prose, 0.5) == 0
    assert _dark_rows(table, 0.5) >= 4  # the rules above, between and below three rows


def test_degrading_is_seeded_by_the_style_and_the_page() -> None:
    page = render(PASSAGE, FAST)[0]
    first = np.asarray(degrade(page, FAST, 0), dtype=np.int16)
    assert np.array_equal(first, np.asarray(degrade(page, FAST, 0), dtype=np.int16))
    assert not np.array_equal(first, np.asarray(degrade(page, replace(FAST, seed=2), 0), dtype=np.int16))
    assert not np.array_equal(first, np.asarray(degrade(page, FAST, 1), dtype=np.int16))
    inked = np.asarray(degrade(page, replace(FAST, heavy=2, noise=0, blur=0, jpeg=0, skew=0), 0))
    assert (inked < 128).sum() > (np.asarray(page) < 128).sum()  # heavier strokes


def test_tesseract_english_loses_the_marks_and_keeps_most_letters_and_numbers() -> None:
    made = wreck(PASSAGE, FAST)
    errors = syllable_errors(PASSAGE, made.wrecked)
    assert made.pages == 1
    assert errors.exact > 0.5  # most syllables carry a mark the English model cannot write
    assert errors.folded < 0.35  # their letters mostly survive
    assert errors.numbers <= 0.25
    vietnamese = set("ăâđêôơưĂÂĐÊÔƠƯ")
    assert sum(any(ch in vietnamese for ch in t) for t in tokens(made.wrecked)) <= 2


@pytest.mark.parametrize(
    ("archive_d", "expected"),
    [
        ((1.0, 0.0), "Pang bo tinh, Pai hoi Dan chu; dat 12"),
        ((0.0, 1.0), "Bang bo tinh, Bai hoi Dan chu; dat 12"),
        ((0.0, 0.0), "Dang bo tinh, Dai hoi Dan chu; dat 12"),
    ],
)
def test_the_archives_capital_d_is_applied_only_where_ocr_read_a_clean_đ(
    archive_d: tuple[float, float], expected: str
) -> None:
    style = replace(FAST, archive_d=archive_d)
    clean = "Đảng bộ tỉnh, Đại hội Dân chủ; đạt 12"
    assert as_archived(clean, "Dang bo tinh, Dai hoi Dan chu; dat 12", style) == expected


def test_the_archives_capital_d_comes_at_its_rate() -> None:
    clean = " ".join(["Đảng bộ"] * 2000)
    read = as_archived(clean, " ".join(["Dang bo"] * 2000), replace(FAST, archive_d=(0.6, 0.15)))
    firsts = [t[0] for t in tokens(read) if t != "bo"]
    assert 0.55 < firsts.count("P") / 2000 < 0.65
    assert 0.11 < firsts.count("B") / 2000 < 0.19


def test_a_wreck_is_made_once_and_read_back_from_the_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    style = replace(FAST, name="test-cache")
    made = wreck_cached(PASSAGE, style, tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == 1

    def no_ocr(*_args: object) -> str:
        raise AssertionError("OCR ran again")

    monkeypatch.setattr(wreck_module, "ocr_english", no_ocr)
    again = wreck_cached(PASSAGE, style, tmp_path)
    assert again == made
    with pytest.raises(AssertionError, match="OCR ran again"):
        wreck_cached(PASSAGE, replace(style, seed=9), tmp_path)


def test_a_style_is_its_key() -> None:
    assert ScanStyle("a", "dejavu-sans", 12, 200).key() != ScanStyle("a", "dejavu-sans", 12, 200, seed=2).key()
    assert ScanStyle("a", "dejavu-sans", 12, 200).key() == ScanStyle("a", "dejavu-sans", 12, 200).key()
