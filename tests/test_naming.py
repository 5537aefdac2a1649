"""Naming an indicator the phrase alone does not name: rate units and parts of a shared subject."""

from __future__ import annotations

import pytest

from chitieu.extract.naming import indicator_for_rate_unit, match_part, rate_unit_key


@pytest.mark.parametrize(
    ("written", "catalogue"),
    [
        ("bác sỹ/1 vạn dân", "bác sỹ/vạn dân"),
        ("bác sĩ/vạn dân", "bác sỹ/vạn dân"),
        ("bác sỹ/10.000 dân", "bác sỹ/vạn dân"),
        ("bác sỹ/10000 dân", "bác sỹ/1 vạn dân"),
        ("giường bệnh/1 vạn dân", "giường bệnh/vạn dân"),
        ("tiêu chí/1 xã", "tiêu chí/xã"),
        ("bac sy/1 van dan", "bác sỹ/vạn dân"),
    ],
)
def test_one_denominator_however_it_is_written(written: str, catalogue: str) -> None:
    assert rate_unit_key(written) is not None
    assert rate_unit_key(written) == rate_unit_key(catalogue)


@pytest.mark.parametrize("unit", ["%/năm", "%", "tấn", None, "", "lần/năm"])
def test_a_unit_that_counts_nothing_in_particular_is_no_rate_unit(unit: str | None) -> None:
    assert indicator_for_rate_unit(unit) is None


@pytest.mark.parametrize(
    ("unit", "code"),
    [
        ("bác sỹ/1 vạn dân", "doctors_per_10k"),
        ("bác sĩ/10.000 dân", "doctors_per_10k"),
        ("giường bệnh/1 vạn dân", "beds_per_10k"),
        ("tiêu chí/xã", "ntm_avg_criteria"),
    ],
)
def test_a_rate_unit_names_the_one_indicator_measured_in_it(unit: str, code: str) -> None:
    found = indicator_for_rate_unit(unit)
    assert found is not None and found.code == code


def test_a_count_per_year_names_no_indicator_by_itself() -> None:
    assert indicator_for_rate_unit("lao động/năm") is None


@pytest.mark.parametrize(
    ("part", "code"),
    [("Mầm non", "nss_preschool"), ("Tiểu học", "nss_primary"), ("Trung học cơ sở", "nss_lower_secondary")],
)
def test_a_part_is_named_under_its_subject(part: str, code: str) -> None:
    subject = "Tỷ lệ trường đạt chuẩn quốc gia"
    found = match_part(subject, part, f"{subject}: {part}", "%")
    assert found is not None and found.code == code


def test_a_subject_that_names_no_composite_names_no_part() -> None:
    assert match_part("Công tác giáo dục", "Tiểu học", "Công tác giáo dục: Tiểu học", "%") is None
