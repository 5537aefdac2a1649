"""The Vietnamese syllable validator and the OCR-damage quality score."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu.text.quality import quality_report, quality_score
from chitieu.text.syllables import Tone, has_diacritics, is_vietnamese_syllable, parse_syllable
from corpus import clean_documents, wrecked_documents

# --------------------------------------------------------------------------- syllables


@pytest.mark.parametrize(
    "word",
    [
        "Đảng", "bộ", "tỉnh", "người", "được", "nghiêng", "nghị", "quyết", "quốc", "quỳnh", "quý",
        "giữ", "gì", "gìn", "giêng", "giết", "yêu", "yên", "khuya", "khuỷu", "thuở", "rượu", "huơ",
        "Ủy", "uỷ", "hoà", "hòa", "xoong", "kỹ", "sỹ", "oách", "ngoẵng", "khuấy", "tuyết", "luật",
        "ươm", "ước", "ĐẠT", "Việt", "Nam", "năm", "kinh", "tế", "xã", "hội", "quân", "quê", "ạ",
        "NGHỊ", "QUYẾT", "hoạch", "thuần", "chuyển", "nguyễn", "nghìn", "ngàn", "tỷ", "tỉ",
    ],
)  # fmt: skip
def test_vietnamese_syllables_are_valid(word: str) -> None:
    assert is_vietnamese_syllable(word)
    assert is_vietnamese_syllable(unicodedata.normalize("NFD", word))


@pytest.mark.parametrize(
    "word",
    [
        "nguoi", "duoc", "Viet", "truong", "nuoc", "quyet", "tiéu",  # marks stripped or misread
        "uéc", "truéc",  # "ước", "trước" with the horn read as an acute
        "Bat", "that", "tap",  # a closed rhyme must carry sắc or nặng
        "and", "of", "is", "government", "Covid", "http",  # English, loans
        "ngi", "ghan", "ka", "cem", "quu", "qa",  # spelling rules: ngh/gh/k before e ê i, c/g/ng elsewhere
        "iên", "tyên",  # iê needs an onset, yê must have none
        "ắá", "hoàá",  # two tone marks
        "®¶ng", "tØnh", "ng", "b", "1én", "",
    ],
)  # fmt: skip
def test_impossible_syllables_are_rejected(word: str) -> None:
    assert not is_vietnamese_syllable(word)


@pytest.mark.parametrize(
    ("word", "onset", "rhyme", "tone"),
    [
        ("nghiêng", "ngh", "iêng", Tone.NGANG),
        ("Đảng", "đ", "ang", Tone.HOI),
        ("quyết", "qu", "yêt", Tone.SAC),
        ("gìn", "gi", "in", Tone.HUYEN),
        ("giữ", "gi", "ư", Tone.NGA),
        ("ạ", "", "a", Tone.NANG),
        ("hoàng", "h", "oang", Tone.HUYEN),
    ],
)
def test_parse_syllable(word: str, onset: str, rhyme: str, tone: Tone) -> None:
    parsed = parse_syllable(word)
    assert parsed is not None
    assert (parsed.onset, parsed.rhyme, parsed.tone) == (onset, rhyme, tone)


@pytest.mark.parametrize(
    ("word", "marked"), [("nam", False), ("năm", True), ("đi", True), ("GRDP", False), ("Ủy", True)]
)
def test_has_diacritics(word: str, marked: bool) -> None:
    assert has_diacritics(word) is marked


# --------------------------------------------------------------------------- fixtures (own wording)

CLEAN = [
    # a resolution's list of targets
    "(1) Tốc độ tăng trưởng tổng sản phẩm trên địa bàn tỉnh (GRDP) đạt khoảng 8,5%; GRDP bình quân "
    "đầu người đạt trên 52 triệu đồng. (2) Tổng thu ngân sách nhà nước trên địa bàn đạt 2.300 tỷ "
    "đồng. (3) Tỷ lệ hộ nghèo giảm 3,5% trở lên; tỷ lệ lao động qua đào tạo đạt 58%. (4) Có thêm "
    "07 xã đạt chuẩn nông thôn mới; 96,5% hộ dân được sử dụng điện lưới quốc gia.",
    # a progress report
    "Chín tháng năm 2024, sản lượng lương thực có hạt ước đạt 125.300 tấn, bằng 57,2% kế hoạch, "
    "tăng 1.420 tấn so với cùng kỳ năm trước. Tổng lượt khách du lịch đến tỉnh ước đạt 1,05 triệu "
    "lượt, tăng 12,4%; doanh thu từ du lịch ước đạt 2.460 tỷ đồng. Công tác cải cách hành chính "
    "tiếp tục được quan tâm chỉ đạo, chỉ số hài lòng của người dân được cải thiện rõ rệt.",
    # an implementation plan's task
    "Sở Tài chính chủ trì, phối hợp với các sở, ban, ngành và Ủy ban nhân dân các huyện, thành phố "
    "tham mưu giải pháp đẩy nhanh tiến độ giải ngân vốn đầu tư công; báo cáo kết quả thực hiện về "
    "Ủy ban nhân dân tỉnh trước ngày 15 tháng 11 năm 2024. Đảng bộ tỉnh lãnh đạo toàn diện việc "
    "thực hiện các nhiệm vụ trọng tâm, bảo đảm quốc phòng, an ninh được giữ vững.",
    # a table rendered into document text, and a Markdown table
    "Chỉ tiêu | Đơn vị tính | Kế hoạch | Thực hiện | Đánh giá\n"
    "Tốc độ tăng trưởng GRDP | % | 7,5 | 7,8 | Vượt\n"
    "Tỷ lệ che phủ rừng | % | 52,0 | 52,0 | Đạt\n"
    "| Chỉ tiêu | Năm 2023 | Năm 2024 |\n|---|---|---|\n| Thu ngân sách | 2.100 | 2.250 |\n"
    "Số trường đạt chuẩn quốc gia tăng thêm 12 trường, nâng tổng số lên 198 trường.",
]

# What Tesseract without a Vietnamese model makes of a report paragraph (DOMAIN.md).
OCR_DAMAGED = (
    "Pang bo tinh Lai Chau lanh dao thuc hién nhiém vu nim 2024 dat két qua quan trong. | Ty 1é ho "
    "nghéo giam con 18,5%;| ty 1é xa Bat chuan néng thén méi Bat 42%. Tong thu ngan sach nha nuéc "
    "trén dia ban Bat 2.150 ty déng, bing 104% dy toan; GRDP tang 8,2%.|\n"
    "Chi tiéu | Pon vi | Ké hoach |\n| Ty 1é che phu rimg| % | 52,0 Bat"
)

ENGLISH = (
    "The provincial government reported that the economy grew by seven percent in the first nine "
    "months, driven by hydropower, tourism and agriculture. Targets for poverty reduction were met "
    "in most districts, but revenue fell short of the plan approved by the council."
)


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.replace("đ", "d").replace("Đ", "D")


@pytest.mark.parametrize("text", CLEAN)
def test_clean_vietnamese_scores_above_0_9(text: str) -> None:
    assert quality_score(text) > 0.9
    assert quality_score(unicodedata.normalize("NFD", text)) == quality_score(text)


@pytest.mark.parametrize("text", CLEAN)
def test_text_without_diacritics_scores_below_0_6(text: str) -> None:
    report = quality_report(strip_diacritics(text))
    assert report["score"] < 0.6
    assert report["missing_diacritics"] > 0.8


def test_ocr_damaged_paragraph_scores_low_and_says_why() -> None:
    report = quality_report(OCR_DAMAGED)
    assert report["score"] < 0.5
    assert report["score"] < min(quality_score(t) for t in CLEAN)
    assert report["invalid_syllables"] > 0.1
    assert report["missing_diacritics"] > 0.5
    assert report["d_substitution"] > 0  # Pang, Bat, Pon
    assert report["digits_in_words"] > 0  # 1é
    assert report["stray_pipes"] >= 3  # "%;|", "8,2%.|", "rimg|"
    assert "Bat" in report["examples"]


def test_english_is_not_clean_vietnamese() -> None:
    assert quality_score(ENGLISH) < 0.5


@pytest.mark.parametrize(
    ("text", "component"),
    [
        ("Pang bo tinh da lanh dao", "d_substitution"),
        ("Ket qua Bat 95% ke hoach", "d_substitution"),
        ("muc tieu 1én 5%", "digits_in_words"),
        ("nh1ều xã", "digits_in_words"),
        ("tỉnh| huyện", "stray_pipes"),
        ("| Tỷ lệ hộ nghèo", "stray_pipes"),
    ],
)
def test_each_ocr_sign_is_counted(text: str, component: str) -> None:
    assert quality_report(text)[component] > 0


@pytest.mark.parametrize(
    "text",
    [
        "Xã Pa Tần, Pú Đao và Pắc Ta thuộc huyện Sìn Hồ, Tân Uyên.",  # place names with P
        "Ban Chấp hành Đảng bộ tỉnh, Bộ Kế hoạch và Đầu tư, bao gồm ba nội dung.",  # real B words
        "Giảm phát thải CO2, 5G phủ 95%, diện tích 2.000 m2, 3 km2, nước H2O, quý I/2024.",
        "Chỉ tiêu | Đơn vị | Kế hoạch\nThu ngân sách | tỷ đồng | 2.150",
        "| Chỉ tiêu | Kế hoạch |\n|---|---|\n| Thu ngân sách | 2.150 |",
    ],
)
def test_clean_forms_are_not_mistaken_for_damage(text: str) -> None:
    report = quality_report(text)
    assert report["d_substitution"] == 0
    assert report["digits_in_words"] == 0
    assert report["stray_pipes"] == 0
    assert report["score"] > 0.9


def test_abbreviations_and_numbers_do_not_count() -> None:
    report = quality_report("UBND, HĐND, GRDP, KT-XH, 52/NQ-HĐND, 2.450 tỷ đồng, 16,98%o")
    assert report["invalid_syllables"] == 0
    assert report["score"] == 1.0


def test_text_without_words_is_not_judged() -> None:
    assert quality_score("") == 1.0
    assert quality_score("12.345 | 67,8 | 2024") == 1.0


def test_report_lists_every_component() -> None:
    report = quality_report(CLEAN[0])
    assert set(report["severity"]) == {
        "invalid_syllables", "missing_diacritics", "d_substitution", "digits_in_words", "stray_pipes",
    }  # fmt: skip
    for key in ("score", "words", "invalid_syllables", "plain_words", "missing_diacritics", "examples"):
        assert key in report


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_score_is_always_between_0_and_1(text: str) -> None:
    score = quality_score(text)
    assert 0.0 <= score <= 1.0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(CLEAN[0].split() + OCR_DAMAGED.split() + ENGLISH.split()), max_size=80))
def test_score_is_between_0_and_1_on_mixed_words(words: list[str]) -> None:
    report = quality_report(" ".join(words))
    assert 0.0 <= report["score"] <= 1.0
    assert all(0.0 <= v <= 1.0 for v in report["severity"].values())


# --------------------------------------------------------------------------- the real documents


def _corpus_texts() -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in clean_documents()]


def test_corpus_documents_are_clean() -> None:
    for name, text in _corpus_texts():
        assert quality_score(text) > 0.95, name


def test_corpus_documents_without_diacritics_are_not() -> None:
    for name, text in _corpus_texts():
        assert quality_score(strip_diacritics(text)) < 0.4, name


def test_wrecked_corpus_documents_read_as_wrecked() -> None:
    """The archive's OCR copies (`corpus/wrecked/`) score as damaged text, never as clean."""
    for path in wrecked_documents():
        assert quality_score(path.read_text(encoding="utf-8")) < 0.4, path.name
