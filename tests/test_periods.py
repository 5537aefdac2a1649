"""The period grammar: which stretch of time a Vietnamese phrase names."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.extract.periods import find_periods, fold, parse_period, quarter_period, roman_to_int

D = dt.date


@pytest.mark.parametrize(
    ("phrase", "start", "end", "label"),
    [
        ("năm 2023", D(2023, 1, 1), D(2023, 12, 31), "năm 2023"),
        ("NĂM 2018", D(2018, 1, 1), D(2018, 12, 31), "năm 2018"),
        ("cả năm 2025", D(2025, 1, 1), D(2025, 12, 31), "năm 2025"),
        ("9 tháng năm 2024", D(2024, 1, 1), D(2024, 9, 30), "9 tháng năm 2024"),
        ("9 tháng đầu năm 2024", D(2024, 1, 1), D(2024, 9, 30), "9 tháng năm 2024"),
        ("6 tháng đầu năm 2022", D(2022, 1, 1), D(2022, 6, 30), "6 tháng đầu năm 2022"),
        ("06 tháng đầu năm 2021", D(2021, 1, 1), D(2021, 6, 30), "6 tháng đầu năm 2021"),
        ("3 tháng cuối năm 2024", D(2024, 10, 1), D(2024, 12, 31), "3 tháng cuối năm 2024"),
        ("6 tháng cuối năm 2023", D(2023, 7, 1), D(2023, 12, 31), "6 tháng cuối năm 2023"),
        ("11 tháng năm 2023", D(2023, 1, 1), D(2023, 11, 30), "11 tháng năm 2023"),
        ("12 tháng năm 2023", D(2023, 1, 1), D(2023, 12, 31), "năm 2023"),
        ("quý III năm 2024", D(2024, 7, 1), D(2024, 9, 30), "quý III năm 2024"),
        ("Quý II/2023", D(2023, 4, 1), D(2023, 6, 30), "quý II năm 2023"),
        ("quý IV-2022", D(2022, 10, 1), D(2022, 12, 31), "quý IV năm 2022"),
        ("quý 1 năm 2024", D(2024, 1, 1), D(2024, 3, 31), "quý I năm 2024"),
        ("tháng 9 năm 2024", D(2024, 9, 1), D(2024, 9, 30), "tháng 9 năm 2024"),
        ("tháng 02/2024", D(2024, 2, 1), D(2024, 2, 29), "tháng 2 năm 2024"),
        ("tháng 6/2023", D(2023, 6, 1), D(2023, 6, 30), "tháng 6 năm 2023"),
        ("giai đoạn 2021-2025", D(2021, 1, 1), D(2025, 12, 31), "giai đoạn 2021-2025"),
        ("giai đoạn 2021 - 2025", D(2021, 1, 1), D(2025, 12, 31), "giai đoạn 2021-2025"),
        ("giai đoạn 2026–2030", D(2026, 1, 1), D(2030, 12, 31), "giai đoạn 2026-2030"),
        ("nhiệm kỳ 2020-2025", D(2020, 1, 1), D(2025, 12, 31), "nhiệm kỳ 2020-2025"),
        ("nhiệm kỳ 2025 - 2030", D(2025, 1, 1), D(2030, 12, 31), "nhiệm kỳ 2025-2030"),
        ("kế hoạch 5 năm 2021-2025", D(2021, 1, 1), D(2025, 12, 31), "giai đoạn 2021-2025"),
        ("thời kỳ 2021-2030", D(2021, 1, 1), D(2030, 12, 31), "thời kỳ 2021-2030"),
        ("từ năm 2016 đến năm 2020", D(2016, 1, 1), D(2020, 12, 31), "giai đoạn 2016-2020"),
        ("đến năm 2030", D(2030, 1, 1), D(2030, 12, 31), "đến năm 2030"),
        ("tầm nhìn đến năm 2045", D(2045, 1, 1), D(2045, 12, 31), "đến năm 2045"),
        ("đến 15/9/2024", D(2024, 1, 1), D(2024, 9, 15), "đến 15/9/2024"),
        ("tính đến ngày 20/10/2023", D(2023, 1, 1), D(2023, 10, 20), "đến 20/10/2023"),
        ("đến ngày 15 tháng 6 năm 2022", D(2022, 1, 1), D(2022, 6, 15), "đến 15/6/2022"),
        ("đến hết tháng 9/2024", D(2024, 1, 1), D(2024, 9, 30), "9 tháng năm 2024"),
        ("đến 31/12/2023", D(2023, 1, 1), D(2023, 12, 31), "năm 2023"),
        ("từ ngày 01/01/2024 đến ngày 15/8/2024", D(2024, 1, 1), D(2024, 8, 15), "từ 1/1/2024 đến 15/8/2024"),
        ("năm học 2023-2024", D(2023, 9, 1), D(2024, 5, 31), "năm học 2023-2024"),
        # typed or read without diacritics
        ("9 thang nam 2024", D(2024, 1, 1), D(2024, 9, 30), "9 tháng năm 2024"),
        ("giai doan 2021-2025", D(2021, 1, 1), D(2025, 12, 31), "giai đoạn 2021-2025"),
        # bare headers of evaluation tables
        ("2021", D(2021, 1, 1), D(2021, 12, 31), "năm 2021"),
        ("Ước 2025", D(2025, 1, 1), D(2025, 12, 31), "năm 2025"),
        ("KH 2024", D(2024, 1, 1), D(2024, 12, 31), "năm 2024"),
        ("2021-2025", D(2021, 1, 1), D(2025, 12, 31), "giai đoạn 2021-2025"),
    ],
)
def test_a_period_phrase_names_its_dates(phrase: str, start: dt.date, end: dt.date, label: str) -> None:
    period = parse_period(phrase)
    assert period is not None, phrase
    assert (period.start, period.end, period.label) == (start, end, label)


@pytest.mark.parametrize(
    ("phrase", "start", "end", "label"),
    [
        ("quý III", D(2024, 7, 1), D(2024, 9, 30), "quý III năm 2024"),
        ("tháng 9", D(2024, 9, 1), D(2024, 9, 30), "tháng 9 năm 2024"),
        ("6 tháng đầu năm", D(2024, 1, 1), D(2024, 6, 30), "6 tháng đầu năm 2024"),
        ("Trong 9 tháng, sản lượng", D(2024, 1, 1), D(2024, 9, 30), "9 tháng năm 2024"),
        ("từ đầu năm đến nay", D(2024, 1, 1), D(2024, 9, 30), "từ đầu năm 2024 đến nay"),
        ("năm nay", D(2024, 1, 1), D(2024, 12, 31), "năm 2024"),
    ],
)
def test_a_phrase_without_a_year_takes_the_default_year(
    phrase: str, start: dt.date, end: dt.date, label: str
) -> None:
    period = parse_period(phrase, default_year=2024, as_of=D(2024, 9, 30))
    assert period is not None
    assert (period.start, period.end, period.label) == (start, end, label)


@pytest.mark.parametrize(
    "phrase", ["quý III", "tháng 9", "6 tháng đầu năm", "Trong 9 tháng", "từ đầu năm đến nay"]
)
def test_a_phrase_without_a_year_and_without_a_default_is_not_guessed(phrase: str) -> None:
    assert parse_period(phrase) is None


@pytest.mark.parametrize(
    "phrase",
    [
        "Lai Châu, ngày 09 tháng 12 năm 2022",  # a date, not "tháng 12 năm 2022"
        "ngày      tháng 12 năm 2022",  # a date with the day left blank
        "trước ngày 15/11/2023",  # a deadline
        "ban hành ngày 06/01/2023",
        "giá so sánh năm 2010",  # a price base
        "sau 6 tháng triển khai",  # a duration
        "trẻ em dưới 6 tháng tuổi",
        "vụ đông xuân năm 2023-2024",  # a season
        "Nghị quyết số 39/2020/NQ-HĐND",
        "tăng 1.677 tấn",
    ],
)
def test_dates_durations_and_symbols_are_not_periods(phrase: str) -> None:
    assert find_periods(phrase, default_year=2024) == []


def test_find_periods_returns_spans_in_text_order_without_overlaps() -> None:
    text = (
        "Kết quả 9 tháng năm 2024, ước cả năm 2024 và kế hoạch giai đoạn 2026-2030 (Báo cáo ngày 20/9/2024)."
    )
    found = find_periods(text)
    assert [p.label for _s, _e, p in found] == ["9 tháng năm 2024", "năm 2024", "giai đoạn 2026-2030"]
    assert [text[s:e] for s, e, _p in found] == ["9 tháng năm 2024", "năm 2024", "giai đoạn 2026-2030"]


def test_the_title_of_a_nine_month_report_reads_nine_months_then_the_last_quarter() -> None:
    title = "Tình hình kinh tế - xã hội 9 tháng, nhiệm vụ trọng tâm 3 tháng cuối năm 2025"
    labels = [p.label for _s, _e, p in find_periods(title, default_year=2025)]
    assert labels == ["9 tháng năm 2025", "3 tháng cuối năm 2025"]


def test_wrapped_lines_do_not_break_a_period() -> None:
    text = "Đề án phát triển rừng bền vững giai đoạn 2021-\n\n2025, định hướng đến năm \n2030"
    assert [p.label for _s, _e, p in find_periods(text)] == ["giai đoạn 2021-2025", "đến năm 2030"]


@pytest.mark.parametrize(
    ("roman", "value"),
    [("I", 1), ("IV", 4), ("IX", 9), ("XIV", 14), ("XL", 40), ("IIII", None), ("VX", None), ("", None)],
)
def test_roman_numerals(roman: str, value: int | None) -> None:
    assert roman_to_int(roman) == value


@pytest.mark.parametrize("quarter", [1, 2, 3, 4])
def test_quarters_tile_the_year(quarter: int) -> None:
    period = quarter_period(quarter, 2023)
    assert period.start.month == 3 * quarter - 2
    assert (period.end + dt.timedelta(days=1)).month == (3 * quarter) % 12 + 1


@given(st.text(alphabet=st.sampled_from("aăâđeêioôơuưyÁÀẢÃẠĐ ỳỹ0123456789/-.,năm tháng quý"), max_size=80))
def test_folding_keeps_offsets(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded.isascii()  # every Vietnamese letter of the alphabet folds to its ASCII base


@given(st.integers(1990, 2060), st.integers(1, 12))
def test_month_phrases_end_on_the_last_day_of_the_month(year: int, month: int) -> None:
    period = parse_period(f"tháng {month}/{year}")
    assert period is not None
    assert period.start == D(year, month, 1)
    assert (period.end + dt.timedelta(days=1)).day == 1
