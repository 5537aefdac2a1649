"""The headings of a wrecked document read as headings: Roman numbers OCR wrote with an l, a 1 or a
bar ("ll. CAC CHI TIEU CHU YEU", "111- MUC TIEU"), kept on their own line, read back as Roman numbers,
and the sections they open found; a bar OCR wrote for an l ("ty |é") read inside its word.

The documents below are ours, written the way Tesseract without a Vietnamese model writes a page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chitieu.extract.outline import parse_outline
from chitieu.pipeline import extract_facts, read_document
from chitieu.text.lines import is_structural_start, wrecked_roman_marker
from chitieu.text.reflow import reflow
from chitieu.text.restore.headings import heading_replacements
from chitieu.text.restore.reading import restorations
from chitieu.text.restore.restorer import tokenize


@pytest.mark.parametrize(
    ("line", "roman", "separator", "digits_only"),
    [
        ("ll. CAC CHi TIEU CHU YEU", "II", ".", False),
        ("IL VE VAN HOA - XA HOI", "II", "", False),
        ("L VE KINH TE", "I", "", False),
        ("lll. NHIEM VU, GIAI PHAP", "III", ".", False),
        ("Iv. T6 CHUC THUC HIEN", "IV", ".", False),
        ("Ii. MUC TIEU", "II", ".", False),
        ("Vl. KIEN NGHI", "VI", ".", False),
        ("|I, PHUONG HUONG NAM 2026", "II", ",", False),
        ("I- KET QUA DAT DUOC", "I", "-", False),
        ("11- HAN CHE, YEU KEM", "II", "-", True),
        ("111- MUC TIEU", "III", "-", True),
        ("1. VE KINH TE", "I", ".", True),
    ],
)
def test_a_roman_heading_number_as_ocr_writes_it(line: str, roman: str, separator: str, digits_only: bool) -> None:
    marker = wrecked_roman_marker(line)
    assert marker is not None
    assert (marker.roman, marker.separator, marker.digits_only) == (roman, separator, digits_only)
    assert line[: marker.end].strip() and not line[marker.end : marker.separator_end].strip(" .,-)")
    assert is_structural_start(line)


@pytest.mark.parametrize(
    "line",
    [
        "II. MỤC TIÊU",  # a Roman number as it should be: nothing to read
        "IV) TỔ CHỨC THỰC HIỆN",
        "1. Mục tiêu chung",  # an item: its title is no heading in capitals
        "ll. dat duoc nhieu ket qua",
        "11 xa dat chuan nong thon moi",
        "12- CAC XA VUNG CAO",  # no Roman number is written 12
        "lam. VIEC",
        "X-quang kỹ thuật số",
        "ll. CA",  # too short a title to tell
    ],
)
def test_lines_that_are_no_wrecked_roman_heading(line: str) -> None:
    assert wrecked_roman_marker(line) is None


def test_a_wrecked_heading_is_never_glued_to_the_paragraph_above() -> None:
    text = (
        "Xay dung Dang bé va hé théng chinh tri trong sach, vitng manh toan dién;\n"
        "phat huy stc manh dai doan két cac dan téc; khai thac hiéu qua tiém ning,\n"
        "loi thé dé phat trién kinh té nhanh va bén vitng; gitt vitng an ninh.\n"
        "ll. CAC CHI TIEU CHU YEU\n"
        "(1) Téc dé ting trudng kinh té binh quan dat 8%/nim.\n"
    )
    lines = reflow(text).text.split("\n")
    assert "ll. CAC CHI TIEU CHU YEU" in lines


def _read(text: str) -> list[str]:
    """Each line of ``text`` with its heading number read back (the whole text counted as wrecked)."""
    edits = heading_replacements(text, [(0, len(text))])
    pieces, position = [], 0
    for start, end, written in edits:
        pieces += [text[position:start], written]
        position = end
    return "".join([*pieces, text[position:]]).split("\n")


def test_heading_numbers_are_read_in_their_sequence() -> None:
    lines = _read(
        "Il. MUC DICH, YEU CAU\n"  # the first heading: a speck beside its I read as l
        "Noi dung.\n"
        "Il. MUC TIEU\n"
        "1. VE KINH TE\n"  # an item in capitals under II stays Arabic
        "2. VE XA HOI\n"
        "lll. NHIEM VU\n"
        "lV VE DAU TU\n"  # its dot lost
        "V, T6 CHUC THUC HIEN"  # its dot read as a comma
    )
    assert lines == [
        "I. MUC DICH, YEU CAU",
        "Noi dung.",
        "II. MUC TIEU",
        "1. VE KINH TE",
        "2. VE XA HOI",
        "III. NHIEM VU",
        "IV. VE DAU TU",
        "V. T6 CHUC THUC HIEN",
    ]


def test_a_heading_number_in_digits_is_roman_only_where_the_sequence_wants_it() -> None:
    lines = _read("I- KET QUA DAT DUOC\n1. Ve kinh te\n11- HAN CHE, YEU KEM\n111- MUC TIEU\nIV- NHIEM VU")
    assert lines == ["I- KET QUA DAT DUOC", "1. Ve kinh te", "II- HAN CHE, YEU KEM", "III- MUC TIEU", "IV- NHIEM VU"]
    items = "\n".join(f"{n}. VE LINH VUC THU {n}" for n in range(1, 12))
    assert _read("I. KET QUA\n" + items)[-1] == "11. VE LINH VUC THU 11"  # the eleventh item, not II
    assert _read("1. VE KINH TE\n11- HAN CHE\n")[1] == "11- HAN CHE"  # no Roman heading before it


def test_heading_numbers_are_read_only_in_wrecked_passages() -> None:
    text = "Báo cáo sạch.\nll. CÁC CHỈ TIÊU CHỦ YẾU\n"
    assert heading_replacements(text, []) == []
    assert heading_replacements(text, [(0, 5)]) == []


def test_a_roman_heading_with_a_dash_is_a_heading_of_the_outline() -> None:
    headings = parse_outline("I- KẾT QUẢ ĐẠT ĐƯỢC\n1. Về kinh tế\nII- HẠN CHẾ, YẾU KÉM\n")
    assert [(h.level, h.marker) for h in headings if h.level == "roman"] == [("roman", "I"), ("roman", "II")]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("ty |é ho ngheo", ["ty", "lé", "ho", "ngheo"]),  # the bar of an l
        ("| Khong dat |", ["Khong", "dat"]),  # rules of a table stay out
        ("ty |huyén", ["ty", "huyén"]),  # no syllable begins "lh": a rule glued to the cell
        ("(|a chon", ["la", "chon"]),
        ("tré [én", ["tré", "lén"]),  # a bracket for an l
        ("luc [uqng", ["luc", "uqng"]),  # no syllable begins "lu" + "qng": the bracket stays out
        ("{t nhat", ["it", "nhat"]),  # a brace for an i: no syllable is "lt"
        ("[xem Phu luc]", ["xem", "Phu", "luc"]),  # a bracket that opens a remark
        ("[1] Ty le", ["1", "Ty", "le"]),
        ("tu 8% [én", ["tu", "8%", "lén"]),
        ("a[én", ["a", "én"]),  # only after a space or a parenthesis
    ],
)
def test_a_tall_stroke_for_an_l_or_an_i_is_read_inside_its_word(text: str, tokens: list[str]) -> None:
    assert [t.text for t in tokenize(text)] == tokens


@pytest.mark.parametrize(
    ("stroke", "letter"),
    [("|é", "lệ"), ("[én", "lên"), ("{t", "ít")],
)
def test_a_tall_stroke_is_replaced_with_its_whole_word(stroke: str, letter: str) -> None:
    text = "Nim 2026 phan dau ty |é hé nghéo giam con dudi 5%, tu 8% tré [én, {t nhat 10 x& theo chuan.\n"
    edits = [(text[start:end], written) for start, end, written in restorations(text)]
    assert (stroke, letter) in edits


PLAN = """UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM
TINH BAC HA SON Doc lap - Tu do - Hanh phuc
S6: 41/KH-UBND Bac Ha Son, ngay 03 thang 02 nim 2026
KE HOACH
Phat trién giao duc va y té nim 2026
Il. MUC DICH, YEU CAU
Nang cao chat lugng dich vu céng; bao dam ngudi dan dugc tiép can day du.
Il. MUC TIEU
1. Muc tiéu chung
Nang cao chat lugng giao duc va chim séc sitc khée nhan dan.
2. Muc tiéu cu thé
Nim 2026 phan dau ty |é tré em dén trudng dung dé tudi dat 99%; ty |é trudng
dat chuan quéc gia dat 72%; ty |é bao phu bao hiém y té dat trén 94%. Toan
tinh cé 13 bac sy trén mét van dan.
lll. NHIEM VU, GIAI PHAP
1. S& Gido duc va Dao tao chu tri ra soat mang ludi trudng, hoan thanh trudc ngay 30/6/2026.
Iv. T6 CHUC THUC HIEN
Cac s&, nganh bao cao két qua vé S& Tai chinh trudc ngay 15/12/2026.
"""

REPORT = """DANG BO TINH BAC HA SON DANG CONG SAN VIET NAM
BAO CAO CHINH TRI
CUA BAN CHAP HANH DANG BO TINH KHOA XVI
TAI DAI HOI DAI BIEU DANG BO TINH LAN THU XVII, NHIEM KY 2025-2030
Phan thti nhat
KET QUA THUC HIEN NGHI QUYET DAI HOI XVI
Nim nim qua, kinh té cia tinh ting trudng khé, quy mé nén kinh té dugc mé
réng; ddi séng vat chat va tinh than cia nhan dan dugc nang lén ré rét;
quéc phong, an ninh dugc gitt vitng.
Phan thti hai
PHUONG HUONG, MUC TIEU, NHIEM VU NHIEM KY 2025-2030
I. MUC TIEU TONG QUAT
Xay dung Dang bé va hé théng chinh tri trong sach, vitng manh toan dién;
phat huy stc manh dai doan két cac dan téc; khai thac hiéu qua tiém ning,
loi thé dé phat trién kinh té nhanh va bén vitng.
ll. CAC CHI TIEU CHU YEU
(1) Téc dé ting trudng kinh té (GRDP) binh quan giai doan 2026-2030 dat
8%/nim.
(2) Dén nim 2030, GRDP binh quan dau ngudi dat 95 triéu déng.
(3) Ty 1é hé nghéo giam binh quan 2%/nim.
lll. NHIEM VU, GIAI PHAP
1. Phat trién néng nghiép hang héa gin vdi ché bién va tiéu thu san
pham.
"""


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "kh_ocr.txt",
            PLAN,
            {("enrolment_rate", 99.0, "%"), ("national_standard_schools", 72.0, "%"), ("health_insurance_coverage", 94.0, "%")},
        ),
        (
            "bc_ocr.txt",
            REPORT,
            {("grdp_growth", 8.0, "%/năm"), ("grdp_per_capita", 95.0, "triệu đồng"), ("poverty_reduction", 2.0, "%/năm")},
        ),
    ],
)
def test_the_targets_under_wrecked_headings_are_found_and_cited_in_the_text(
    tmp_path: Path, name: str, text: str, expected: set[tuple[str, float, str]]
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    targets = [f for f in extract_facts(doc) if f.kind == "target"]
    assert expected <= {(f.indicator, f.value, f.unit) for f in targets}
    for fact in targets:
        assert doc.text[fact.source.start : fact.source.end] == fact.source.text
    romans = [h.marker for h in doc.outline if h.level == "roman"]
    assert romans == ["I", "II", "III", "IV"][: len(romans)] and len(romans) >= 3
