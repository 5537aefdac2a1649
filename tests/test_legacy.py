"""Vietnamese legacy encodings (TCVN3, VNI, Windows-1258): round trips, detection, decoding."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu.text.legacy import (
    convert_legacy,
    convert_legacy_with_origin,
    cp1252_view,
    decode_bytes,
    decode_tcvn3,
    decode_vni,
    detect_legacy,
    encode_tcvn3,
    encode_vni,
    legacy_font,
)
from corpus import clean_documents

VOWELS = "aăâeêioôơuưy"
TONES = {"ngang": "", "huyền": "\u0300", "sắc": "\u0301", "hỏi": "\u0309", "ngã": "\u0303", "nặng": "\u0323"}
LETTERS = [unicodedata.normalize("NFC", v + mark) for v in VOWELS for mark in TONES.values()] + ["đ"]
ALL_LETTERS = LETTERS + [ch.upper() for ch in LETTERS]
TONED_CAPITALS = [
    ch for ch in ALL_LETTERS if ch.isupper() and unicodedata.normalize("NFD", ch)[-1] in TONES.values()
]

PARAGRAPH = (
    "Năm 2024, tổng sản phẩm trên địa bàn tỉnh ước tăng 8,2% so với năm trước, vượt mục tiêu "
    "Nghị quyết đề ra. Thu ngân sách nhà nước đạt 2.150 tỷ đồng, bằng 104% dự toán; tỷ lệ hộ "
    "nghèo giảm còn 18,5%. Ủy ban nhân dân tỉnh yêu cầu các sở, ngành khẩn trương hoàn thành "
    "nhiệm vụ được giao trước ngày 15/11/2024."
)
SENTENCES = [
    "ĐẢNG BỘ TỈNH LAI CHÂU lãnh đạo phát triển cây chè, mắc ca và du lịch cộng đồng.",
    "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng giảm xuống dưới 20%; 99,0% thôn, bản có đường ô tô.",
    "Kế hoạch số 287/KH-UBND giao Sở Nông nghiệp chủ trì, phối hợp với các huyện thực hiện.",
    "Ước đạt 125.797 tấn, bằng 55,7% kế hoạch, tăng 1.677 tấn so với cùng kỳ năm trước.",
    "Khuyến khích người dân giữ gìn bản sắc, quyết tâm xóa đói, giảm nghèo bền vững; ưu tiên thủy lợi.",
]


def _iconv(data: bytes, source: str, target: str) -> bytes:
    result = subprocess.run(
        ["iconv", "-f", source, "-t", target], input=data, capture_output=True, check=True
    )
    return result.stdout


def _iconv_has(charset: str) -> bool:
    if shutil.which("iconv") is None:
        return False
    listing = subprocess.run(["iconv", "-l"], capture_output=True, text=True).stdout
    return charset in listing.replace(",", " ").replace("//", " ").split()


needs_iconv_tcvn = pytest.mark.skipif(not _iconv_has("TCVN5712-1"), reason="iconv without TCVN5712-1")
needs_iconv_cp1258 = pytest.mark.skipif(not _iconv_has("CP1258"), reason="iconv without CP1258")


def _tone_decomposed(text: str) -> str:
    """Keep ă â ê ô ơ ư precomposed but write the tone as a combining mark (Windows-1258 style)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        nfd = unicodedata.normalize("NFD", ch)
        tone = [m for m in nfd if m in TONES.values()]
        base = unicodedata.normalize("NFC", "".join(m for m in nfd if m not in TONES.values()))
        out.append(base + "".join(tone))
    return "".join(out)


# --------------------------------------------------------------------------- every letter, every tone


def test_the_alphabet_under_test_is_complete() -> None:
    assert len(ALL_LETTERS) == 2 * (12 * 6 + 1) == 146
    assert len(set(ALL_LETTERS)) == 146


@pytest.mark.parametrize("letter", ALL_LETTERS)
@pytest.mark.parametrize("capitals", ["combining", "vn1"])
def test_tcvn3_round_trips_every_letter(letter: str, capitals: str) -> None:
    assert decode_tcvn3(encode_tcvn3(letter, capitals=capitals)) == letter  # type: ignore[arg-type]


@pytest.mark.parametrize("letter", ALL_LETTERS)
def test_vni_round_trips_every_letter(letter: str) -> None:
    assert decode_vni(encode_vni(letter)) == letter


@pytest.mark.parametrize("letter", [ch for ch in ALL_LETTERS if ch.islower()])
def test_tcvn3_lower_case_letters_take_one_vn3_byte(letter: str) -> None:
    encoded = encode_tcvn3(letter)
    assert len(encoded) == 1
    assert not 0x80 <= encoded[0] < 0xA0  # VN3 leaves 0x80..0x9F to VN1's capitals


@pytest.mark.parametrize("capital", TONED_CAPITALS)
def test_tcvn3_toned_capitals_are_base_plus_combining_tone_by_default(capital: str) -> None:
    encoded = encode_tcvn3(capital)
    assert len(encoded) == 2
    assert 0xB0 <= encoded[1] <= 0xB4  # the five combining tone bytes
    assert decode_tcvn3(encoded) == capital


@pytest.mark.parametrize("capital", TONED_CAPITALS)
def test_tcvn3_capitals_font_convention_writes_lower_case_codes(capital: str) -> None:
    # Text typed for .VnTimeH used the lower-case codes: the case comes back from the font.
    encoded = encode_tcvn3(capital, capitals="lower")
    assert encoded == encode_tcvn3(capital.lower())
    assert decode_tcvn3(encoded).upper() == capital


def test_every_letter_in_one_text_round_trips_in_both_encodings() -> None:
    text = " ".join(ALL_LETTERS)
    assert decode_tcvn3(encode_tcvn3(text)) == text
    assert decode_tcvn3(encode_tcvn3(text, capitals="vn1")) == text
    assert decode_vni(encode_vni(text)) == text
    # decomposed input is accepted and normalised
    assert decode_vni(encode_vni(unicodedata.normalize("NFD", text))) == text
    assert decode_tcvn3(encode_tcvn3(unicodedata.normalize("NFD", text))) == text


@needs_iconv_tcvn
@pytest.mark.parametrize("letter", ALL_LETTERS)
def test_glibc_tcvn5712_output_decodes_for_every_letter(letter: str) -> None:
    precomposed = _iconv(letter.encode(), "UTF-8", "TCVN5712-1")
    assert decode_tcvn3(precomposed) == letter
    assert precomposed == encode_tcvn3(letter, capitals="vn1")
    # glibc writes base + combining tone byte when the tone arrives as a combining mark
    combining = _iconv(_tone_decomposed(letter).encode(), "UTF-8", "TCVN5712-1")
    assert decode_tcvn3(combining) == letter


@needs_iconv_tcvn
@pytest.mark.parametrize("capitals", ["combining", "vn1"])
def test_glibc_reads_what_the_encoder_writes(capitals: str) -> None:
    text = " ".join(ALL_LETTERS) + " " + PARAGRAPH
    encoded = encode_tcvn3(text, capitals=capitals)  # type: ignore[arg-type]
    assert unicodedata.normalize("NFC", _iconv(encoded, "TCVN5712-1", "UTF-8").decode()) == text


@needs_iconv_tcvn
@pytest.mark.parametrize("sentence", [PARAGRAPH, *SENTENCES])
def test_glibc_tcvn5712_sentences_decode(sentence: str) -> None:
    assert decode_tcvn3(_iconv(sentence.encode(), "UTF-8", "TCVN5712-1")) == sentence
    assert decode_tcvn3(_iconv(_tone_decomposed(sentence).encode(), "UTF-8", "TCVN5712-1")) == sentence


# --------------------------------------------------------------------------- known spellings


@pytest.mark.parametrize(
    ("view", "unicode"),
    [
        ("§¶ng bé tØnh", "Đảng bộ tỉnh"),
        ("NghÞ quyÕt", "Nghị quyết"),
        ("ViÖt Nam", "Việt Nam"),
        ("ng­êi d©n", "người dân"),  # ư is 0xAD, the soft hyphen in a Western font
        ("®¹t kÕt qu¶", "đạt kết quả"),
        ("Uû ban", "Uỷ ban"),  # VN3 has no Ủ: typists put the tone on the next letter
        ("U±y ban", "Ủy ban"),  # or wrote the capital base + combining hook (0xB1)
    ],
)
def test_tcvn3_view_spellings(view: str, unicode: str) -> None:
    assert convert_legacy(view, "tcvn3") == unicode


@pytest.mark.parametrize(
    ("view", "unicode"),
    [
        ("Ñaûng boä tænh", "Đảng bộ tỉnh"),
        ("Nghò quyeát", "Nghị quyết"),
        ("Vieät Nam", "Việt Nam"),
        ("ngöôøi daân", "người dân"),
        ("ñöôïc giao", "được giao"),
        ("nghóa vuï", "nghĩa vụ"),
        ("kyõ thuaät", "kỹ thuật"),
        ("Tî", "Tỵ"),
        ("ÑAÛNG BOÄ", "ĐẢNG BỘ"),
        ("Aùnh saùng", "Ánh sáng"),  # capital base, lower-case modifier, as Unikey types Á
    ],
)
def test_vni_view_spellings(view: str, unicode: str) -> None:
    assert convert_legacy(view, "vni") == unicode


def test_unknown_encoding_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown legacy encoding"):
        convert_legacy("abc", "viscii")


@pytest.mark.parametrize("encoder", [encode_tcvn3, encode_vni])
def test_characters_outside_the_encoding_are_refused_or_replaced(encoder) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="U\\+2265"):
        encoder("giá ≥ 5")
    assert encoder("giá ≥ 5", errors="replace").endswith(b"? 5")


# --------------------------------------------------------------------------- bytes


@pytest.mark.parametrize("sentence", [PARAGRAPH, *SENTENCES])
@pytest.mark.parametrize(
    ("encoding", "encode"),
    [
        ("tcvn3", lambda s: encode_tcvn3(s)),
        ("tcvn3", lambda s: encode_tcvn3(s, capitals="vn1")),
        ("vni", encode_vni),
        ("utf-8", lambda s: s.encode("utf-8")),
        ("utf-8", lambda s: s.encode("utf-8-sig")),
        ("utf-16", lambda s: s.encode("utf-16")),
        ("utf-16", lambda s: s.encode("utf-16-le")),
        ("utf-16", lambda s: s.encode("utf-16-be")),
    ],
)
def test_decode_bytes_finds_the_encoding(sentence: str, encoding: str, encode) -> None:  # type: ignore[no-untyped-def]
    assert decode_bytes(encode(sentence)) == (sentence, encoding)


@needs_iconv_cp1258
@pytest.mark.parametrize("sentence", [PARAGRAPH, *SENTENCES])
def test_decode_bytes_finds_windows_1258(sentence: str) -> None:
    assert decode_bytes(_iconv(sentence.encode(), "UTF-8", "CP1258")) == (sentence, "cp1258")


def test_decode_bytes_keeps_ascii_as_utf8() -> None:
    assert decode_bytes(b"Report 2024: GRDP +7.5%\n") == ("Report 2024: GRDP +7.5%\n", "utf-8")


def test_decode_bytes_keeps_utf8_text_as_it_was_written() -> None:
    nfd = unicodedata.normalize("NFD", PARAGRAPH)
    assert decode_bytes(nfd.encode()) == (nfd, "utf-8")  # NFC is the normaliser's job, with offsets


@pytest.mark.parametrize(("encoding", "encode"), [("tcvn3", encode_tcvn3), ("vni", encode_vni)])
def test_decode_bytes_converts_a_legacy_view_saved_as_utf8(encoding: str, encode) -> None:  # type: ignore[no-untyped-def]
    # A legacy file once opened as Western text and saved again as UTF-8.
    mojibake = cp1252_view(encode(PARAGRAPH)).encode("utf-8")
    assert decode_bytes(mojibake) == (PARAGRAPH, encoding)


def test_decode_bytes_on_a_large_legacy_file() -> None:
    text = "\n".join([PARAGRAPH, *SENTENCES] * 400)  # > 64 KiB: judged on a sample, decoded whole
    assert decode_bytes(encode_vni(text)) == (text, "vni")
    assert decode_bytes(encode_tcvn3(text)) == (text, "tcvn3")


# --------------------------------------------------------------------------- text that is a legacy view


@pytest.mark.parametrize("text", [PARAGRAPH, *SENTENCES])
@pytest.mark.parametrize(("encoding", "encode"), [("tcvn3", encode_tcvn3), ("vni", encode_vni)])
def test_detect_legacy_recognises_the_view(text: str, encoding: str, encode) -> None:  # type: ignore[no-untyped-def]
    view = cp1252_view(encode(text))
    assert detect_legacy(view) == encoding
    assert convert_legacy(view, encoding) == text


@pytest.mark.parametrize("word", ["§¶ng", "Ñaûng", "tØnh", "tænh"])
def test_detect_legacy_on_a_single_word_run(word: str) -> None:
    assert detect_legacy(word) in {"tcvn3", "vni"}
    assert convert_legacy(word, detect_legacy(word) or "") in {"Đảng", "tỉnh"}


@pytest.mark.parametrize(
    "text",
    [
        PARAGRAPH,
        unicodedata.normalize("NFD", PARAGRAPH),
        *SENTENCES,
        "hoài cổ, hòa bình, cá, cô, ông, là, bà, mà, và, nhà",  # words a converter would also accept
        "The provincial council approved the plan for 2024 with twelve targets.",
        "Café, crème brûlée, Müller, naïve, Ærø, São Paulo, Curaçao",
        "Tỷ lệ | 5,2% | 6,0% | Đạt",
        "Số 52/NQ-HĐND, GRDP, KT-XH, UBND 2023 – 2025 “quote” … € ™",
        "",
        "12.345,6 ± 0,5 ‰",
    ],
)
def test_detect_legacy_leaves_unicode_and_foreign_text_alone(text: str) -> None:
    assert detect_legacy(text) is None


VIETNAMESE_WORDS = [
    "Đảng", "bộ", "tỉnh", "người", "được", "nghị", "quyết", "kế", "hoạch", "phát", "triển", "năm",
    "hoài", "hòa", "cá", "cô", "ông", "ủy", "ban", "nhân", "dân", "huyện", "xã", "tăng", "giảm",
    "chỉ", "tiêu", "đạt", "vượt", "quốc", "phòng", "an", "ninh", "khuya", "thuở", "rượu", "gìn",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(VIETNAMESE_WORDS), min_size=1, max_size=40))
def test_no_false_positive_on_unicode_vietnamese(words: list[str]) -> None:
    assert detect_legacy(" ".join(words)) is None


_ALPHABET = st.sampled_from([*ALL_LETTERS, *"bcdghklmnpqrstvx", *" ,.;:-0123456789()%/\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_encode_decode_round_trip_property(text: str) -> None:
    assert decode_tcvn3(encode_tcvn3(text)) == text
    assert decode_tcvn3(encode_tcvn3(text, capitals="vn1")) == text
    assert decode_vni(encode_vni(text)) == text


@pytest.mark.parametrize(("encoding", "encode"), [("tcvn3", encode_tcvn3), ("vni", encode_vni)])
def test_origin_map_points_each_character_at_its_source(encoding: str, encode) -> None:  # type: ignore[no-untyped-def]
    view = cp1252_view(encode(PARAGRAPH))
    converted, origin = convert_legacy_with_origin(view, encoding)
    assert converted == PARAGRAPH
    assert len(origin) == len(converted) + 1 and origin[-1] == len(view)
    assert origin == sorted(origin)
    for i, ch in enumerate(converted):
        # each output character comes from the source characters starting at its origin
        end = origin[i + 1] if origin[i + 1] > origin[i] else origin[i] + 2
        assert convert_legacy(view[origin[i] : end], encoding).startswith(ch)


# --------------------------------------------------------------------------- fonts


@pytest.mark.parametrize(
    ("font", "encoding", "capitals"),
    [
        (".VnTime", "tcvn3", False),
        (".VnTimeH", "tcvn3", True),
        (".VnArial Narrow", "tcvn3", False),
        (".VnArialH", "tcvn3", True),
        ("VNI-Times", "vni", False),
        ("VNI-Helve-Condense", "vni", False),
        ("Times New Roman", None, False),
        ("Arial", None, False),
        (None, None, False),
    ],
)
def test_legacy_font(font: str | None, encoding: str | None, capitals: bool) -> None:
    found = legacy_font(font)
    assert (found.encoding if found else None) == encoding
    assert (found.capitals if found else False) == capitals


# --------------------------------------------------------------------------- the real documents


def _encodable(text: str, encode) -> str:  # type: ignore[no-untyped-def]
    return "".join(ch if encode(ch, errors="replace") != b"?" or ch == "?" else "?" for ch in text)


@pytest.mark.parametrize(("encoding", "encode"), [("tcvn3", encode_tcvn3), ("vni", encode_vni)])
def test_corpus_documents_survive_a_trip_through_legacy_bytes(encoding: str, encode) -> None:  # type: ignore[no-untyped-def]
    for path in clean_documents():
        raw = path.read_text(encoding="utf-8")
        assert decode_bytes(raw.encode()) == (raw, "utf-8")
        text = unicodedata.normalize("NFC", raw)
        assert detect_legacy(text) is None
        expected = _encodable(text, encode)
        assert decode_bytes(encode(text, errors="replace")) == (expected, encoding), path.name
        assert detect_legacy(cp1252_view(encode(text, errors="replace"))) == encoding, path.name
