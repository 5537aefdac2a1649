"""What a new phrase is called: a noun phrase a planner would write, or nothing.

A report's sentence gives a figure after whatever words precede it: "Cử 27 bác sĩ …", "Do có
1.344 ha …", "trồng mới ước đạt 1.340 ha", "… khung năng lực vị trí việc làm của 100%". The words
before the figure are no indicator's name: a verb ("Cử"), a conjunction ("Do"), a fragment
whose subject is in the sentence before ("trồng mới"), or a clause cut mid-way ("… của"). A
planner reviewing new phrases would write "Số bác sỹ được cử", "Diện tích trồng mới", and would
not call anything "Do" at all.

:func:`phrase_name` turns such words into that noun phrase, by rules any reader can check:

* function words are cut from both ends ("Do có …", "… của", "… lần lượt");
* a phrase that starts with an action verb is named by what the figure counts: with a counted
  unit, "Số {unit} được {verb …}" ("Cử" + "bác sỹ" → "Số bác sỹ được cử"); with a measure
  unit, that measure's noun ("trồng mới" + "ha" → "Diện tích trồng mới", "Hoàn thành …" + "%"
  → "Tỷ lệ hoàn thành …"); with neither it cannot be named;
* what is left must name something: one word alone ("hộ", "sọ"), the figure's own unit
  ("trẻ em" counted in "trẻ em") or a bare total ("Tổng số") is no name, and the figure stays a
  fact of its document without a phrase of its own.
"""

from __future__ import annotations

import re
import unicodedata

# Words are compared with their diacritics (lower case): folded, "trồng" (to plant) would be
# "trong" (in), and "tặng" (to give) "tăng" (to rise).
# words that open a clause but name nothing: cut from the front, repeatedly
_LEADING_FUNCTION = (
    "do", "vì", "có", "trong đó", "trong", "đã", "đang", "sẽ", "được", "tiếp tục", "ước", "ước đạt", "đạt",
    "với", "gồm", "tổng cộng", "riêng", "còn", "như", "và", "nhưng", "tuy nhiên", "ngoài ra", "bên cạnh đó",
    "đồng thời", "tăng", "giảm", "bằng", "khoảng", "hơn", "gần", "trên", "dưới", "lên", "xuống", "ít nhất",
    "tối thiểu", "theo đó", "cụ thể", "bao gồm", "lần lượt", "là",
)
# words a cut clause ends on: cut from the back, repeatedly
_TRAILING_FUNCTION = (
    "của", "đối", "đối với", "với", "cho", "là", "và", "được", "có", "đạt", "tại", "trong", "trên", "gồm",
    "như", "từ", "đến", "về", "theo", "bằng", "khoảng", "hơn", "gần", "dưới", "lần lượt", "ước", "ước đạt",
    "thực hiện", "lên", "xuống", "tăng", "giảm", "chiếm", "bao gồm", "so với", "cùng kỳ", "đạt được", "còn",
    "để", "nhằm",
)
# verbs a report opens a sentence with when it counts what was done
_ACTION_VERBS = (
    "cử", "cử đi", "trao", "trao tặng", "tặng", "tổ chức", "phát hiện", "xử lý", "phát hiện và xử lý",
    "hoàn thành", "bồi dưỡng", "đào tạo", "hỗ trợ", "tiếp nhận", "cấp", "cấp mới", "công nhận", "triển khai",
    "kiểm tra", "tuyên truyền", "giải quyết", "khám", "khám chữa bệnh", "điều trị", "tiêm", "tiêm chủng",
    "xây dựng", "sửa chữa", "trồng", "trồng mới", "thu hồi", "giao", "phê duyệt", "ban hành", "vận động",
    "thành lập", "giải ngân", "khởi công", "bàn giao", "di dời", "sắp xếp", "tập huấn", "nâng cấp", "thăm",
    "bắt giữ", "khởi tố", "xét xử", "cung cấp", "đầu tư", "lập", "chăm sóc", "khoanh nuôi", "bảo vệ",
    "xuất bản", "phát hành", "tuyển dụng", "tuyển mới", "bố trí", "ký kết", "thu hút", "đón", "phục vụ",
    "cải tạo", "lắp đặt", "đăng ký", "cứu trợ", "hoàn thiện", "huy động", "nghiệm thu", "quyết toán",
    "thanh tra", "sáp nhập", "thực hiện", "mở", "mở mới", "chi trả", "thẩm định", "cấp phép",
)
# a measure's noun, by the unit: "ha" is an area, "tấn" an output …
_MEASURE_NOUNS = (
    (("ha", "m2", "m²", "km2", "km²"), "Diện tích"),
    (("tấn", "nghìn tấn", "tạ", "tấn/ha", "tạ/ha"), "Sản lượng"),
    (("đồng", "triệu đồng", "tỷ đồng", "nghìn đồng", "usd", "triệu usd", "tỷ usd"), "Giá trị"),
    (("%",), "Tỷ lệ"),
    (("km", "m"), "Chiều dài"),
    (("m3", "m³"), "Thể tích"),
    (("mw", "kw", "kwh", "triệu kwh"), "Công suất"),
)
# nouns a count is made of; "Số {unit}" reads as a name only for these
_COUNTED = re.compile(r"^[^\d%/]+$")
# totals and amounts of nothing in particular: "kinh phí 1.600 triệu đồng" says what, not of what
_GENERIC = {
    "tổng số", "số", "tổng", "số lượng", "tổng cộng", "trong đó", "số tiền", "tổng số tiền", "kết quả",
    "chỉ tiêu", "kinh phí", "tổng kinh phí", "trị giá", "giá trị", "tổng giá trị", "số vốn", "nguồn vốn",
    "số người", "số hộ", "số lượt", "lượt", "người", "hộ", "diện tích", "sản lượng", "dư nợ", "tổng dư nợ",
}
_NUMBER = re.compile(r"\d[\d.,]*")
_ACRONYM = re.compile(r"^[A-ZĐ0-9][A-ZĐ0-9-]+$")


def _words(text: str) -> list[str]:
    return text.split()


def _lower(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


def _folded_words(words: list[str]) -> list[str]:
    return [_lower(w) for w in words]


def _cut_front(words: list[str], phrases: tuple[str, ...]) -> tuple[list[str], str | None]:
    """``words`` without the longest of ``phrases`` at its front, and the words cut."""
    folded = _folded_words(words)
    for size in (5, 4, 3, 2, 1):
        if len(words) >= size and " ".join(folded[:size]) in phrases:
            return words[size:], " ".join(words[:size])
    return words, None


def _strip_function_words(words: list[str]) -> list[str]:
    while words:
        rest, cut = _cut_front(words, _LEADING_FUNCTION)
        if cut is None:
            break
        words = rest
    while words:
        folded = _folded_words(words)
        for size in (3, 2, 1):
            if len(words) > size - 1 and " ".join(folded[-size:]) in _TRAILING_FUNCTION:
                words = words[:-size]
                break
        else:
            break
    return words


def _measure_noun(unit: str) -> str | None:
    folded = _lower(unit)
    for endings, noun in _MEASURE_NOUNS:
        if folded in endings:
            return noun
    return None


def _counted_after_figure(rest: list[str], unit: str) -> list[str] | None:
    """The words qualifying the counted thing when the figure sits inside the phrase:
    "27 bác sĩ chuyên khoa" in "bác sĩ" → ["chuyên", "khoa"]; None when no figure leads ``rest``."""
    if not rest or not _NUMBER.fullmatch(rest[0]):
        return None
    after = rest[1:]
    size = len(unit.split())
    if _lower(" ".join(after[:size])) == _lower(unit):
        after = after[size:]
    return after


def _named_by_unit(verb: str, rest: list[str], unit: str | None) -> str | None:
    """An action sentence named by what its figure counts or measures."""
    if not unit:
        return None
    verb = verb[:1].lower() + verb[1:]
    qualifier = _counted_after_figure(rest, unit)
    noun = _measure_noun(unit)
    if noun is not None:
        words = [noun, *qualifier, verb] if qualifier is not None else [noun, verb, *rest]
        return " ".join(words)
    if _COUNTED.match(unit) and len(unit.split()) <= 3:
        if qualifier is not None:
            return " ".join(["Số", unit, *qualifier, "được", verb])
        return " ".join(["Số", unit, "được", verb, *rest])
    return None


def _names_something(words: list[str], unit: str | None) -> bool:
    if not words:
        return False
    folded = " ".join(_folded_words(words))
    if folded in _GENERIC or (unit and folded == _lower(unit)):
        return False
    return len(words) >= 2 or bool(_ACRONYM.match(words[0]))


def phrase_name(phrase: str, unit: str | None = None) -> str | None:
    """The noun phrase a new phrase is registered under, or None when it names nothing."""
    words = _words(phrase.strip(" \t:;,.-–+/()[]•*"))
    words = _strip_function_words(words)
    rest, verb = _cut_front(words, _ACTION_VERBS)
    if verb is not None:
        named = _named_by_unit(verb, _strip_function_words(rest), unit)
        return named[:1].upper() + named[1:] if named else None
    if not _names_something(words, unit):
        return None
    name = " ".join(words)
    return name[:1].upper() + name[1:]
