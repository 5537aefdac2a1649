"""New phrases are named as a planner would write them, or not at all."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.catalog.phrase_names import phrase_name


@pytest.mark.parametrize(
    ("phrase", "unit", "name"),
    [
        # a verb opening the sentence: named by what the figure counts
        ("Cử", "bác sỹ", "Số bác sỹ được cử"),
        ("Trao", "suất", "Số suất được trao"),
        ("Cử 27 bác sĩ chuyên khoa", "bác sĩ", "Số bác sĩ chuyên khoa được cử"),
        ("Tổ chức 14 giải thi đấu thể thao cấp tỉnh", "giải", "Số giải thi đấu thể thao cấp tỉnh được tổ chức"),
        ("phát hiện và xử lý", "vụ", "Số vụ được phát hiện và xử lý"),
        ("Bồi dưỡng ngạch công chức", "người", "Số người được bồi dưỡng ngạch công chức"),
        ("Hỗ trợ 30 hộ làm nhà ở", "hộ", "Số hộ làm nhà ở được hỗ trợ"),
        # ... or by what it measures
        ("trồng mới", "ha", "Diện tích trồng mới"),
        ("Trồng 200 ha rừng phòng hộ", "ha", "Diện tích rừng phòng hộ trồng"),
        ("Hoàn thành lễ giao nhận quân", "%", "Tỷ lệ hoàn thành lễ giao nhận quân"),
        ("giải ngân", "tỷ đồng", "Giá trị giải ngân"),
        # a clause cut mid-way loses its dangling words
        ("cơ cấu ngạch và khung năng lực vị trí việc làm của", "%", "Cơ cấu ngạch và khung năng lực vị trí việc làm"),
        ("Diện tích lúa hàng hóa tập trung đạt", "ha", "Diện tích lúa hàng hóa tập trung"),
        ("trong đó diện tích chè", "ha", "Diện tích chè"),
        # names as they are
        ("Tỷ lệ hộ nghèo", "%", "Tỷ lệ hộ nghèo"),
        ("số giải Khuyến khích", "giải", "Số giải Khuyến khích"),
        ("PCI", None, "PCI"),
        ("/buổi giao lưu văn hóa", "buổi", "Buổi giao lưu văn hóa"),
        # "trồng" is a verb, "trong" a function word: diacritics decide
        ("trong năm trồng rừng", "ha", "Năm trồng rừng"),
    ],
)
def test_a_noun_phrase_a_planner_would_write(phrase: str, unit: str | None, name: str) -> None:
    assert phrase_name(phrase, unit) == name


@pytest.mark.parametrize(
    ("phrase", "unit"),
    [
        ("Do", "ha"),
        ("Do có", "ha"),
        ("Cử", None),  # a verb with nothing to count
        ("Cử", "%/năm"),
        ("Tổng số", "hộ"),
        ("tăng lần lượt", "%"),
        ("hộ", "hộ"),
        ("sọ", "ha"),
        ("trẻ em", "trẻ em"),  # the figure's own unit
        ("kinh phí", "triệu đồng"),
        ("số tiền", "triệu đồng"),
        ("", None),
        ("và", None),
    ],
)
def test_words_that_name_nothing_are_refused(phrase: str, unit: str | None) -> None:
    assert phrase_name(phrase, unit) is None


@given(st.text(alphabet="aăđ ỹCửDoTổngsố%", max_size=40), st.sampled_from([None, "ha", "người", "%"]))
def test_a_name_is_never_a_lone_word_nor_opens_with_a_verb_or_conjunction(phrase: str, unit: str | None) -> None:
    name = phrase_name(phrase, unit)
    if name is not None:
        assert len(name.split()) >= 2 or name.isupper()
        assert name.split()[0] not in {"Cử", "Do", "Trao", "Có"}
        assert name == name.strip() and name[:1] == name[:1].upper()
