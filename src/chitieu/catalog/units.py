"""What a unit measures, and whether a figure in one unit can state an indicator kept in another.

A figure is linked to an indicator by its words; its unit says whether the link can be true.
"Diện tích cây quế" is an area: a figure in "cây" counts trees and cannot be that area, however
well the words match ("5.500.000 cây Quế" in a report's footnote). Units fall into families
(``area``: ha, m², km²; ``vnd``: đồng, triệu đồng, tỷ đồng …). A *measure* (area, mass, money,
a rate in %) is stated in a closed set of units, so any other unit — a counted noun such as
"cây", "hồ sơ", "đối tượng" — cannot state it. A *count* (người, hộ, xã …) has an open set of
nouns, so an unknown word may still be a synonym, and only a known different family clashes.
"""

from __future__ import annotations

from chitieu.text.fold import fold

__all__ = ["MEASURES", "can_state", "families_fit", "unit_family"]

_UNIT_FAMILIES: dict[str, str] = {}


def _key(unit: str) -> str:
    return " ".join(fold(unit).split())


def _register(family: str, *units: str) -> None:
    for unit in units:
        _UNIT_FAMILIES[_key(unit)] = family


_register("ratio", "%", "‰", "%o", "điểm %", "điểm phần trăm", "phần trăm")
_register("vnd", "đồng", "nghìn đồng", "ngàn đồng", "triệu đồng", "tỷ đồng", "tỉ đồng", "nghìn tỷ đồng")
_register("usd", "usd", "nghìn usd", "triệu usd", "tỷ usd", "đô la mỹ", "triệu đô la mỹ")
_register("mass", "tấn", "nghìn tấn", "ngàn tấn", "triệu tấn", "tạ", "kg", "tấn mủ khô")
_register("area", "ha", "nghìn ha", "héc ta", "hecta", "km²", "m²")
_register("visits", "lượt", "nghìn lượt", "triệu lượt", "lượt khách", "lượt người", "nghìn lượt khách", "triệu lượt khách")
_register("head", "con", "nghìn con", "triệu con")
_register("people", "người", "nghìn người", "lao động", "nghìn lao động", "học viên", "đảng viên", "chỉ tiêu", "khẩu", "người/năm", "lao động/năm")
_register("commune", "xã", "xã, phường, thị trấn", "đơn vị hành chính cấp xã")
_register("district", "huyện", "huyện, thành phố")
_register("village", "thôn", "bản", "thôn, bản", "thôn bản", "khu dân cư")
_register("household", "hộ", "hộ gia đình", "nghìn hộ")
_register("school", "trường")
_register("volume", "m³", "m3", "nghìn m³", "triệu m³")
_register("energy", "kwh", "triệu kwh", "mwh", "gwh")
_register("power", "mw", "kw")
_register("criteria", "tiêu chí", "tiêu chí/xã")
_register("doctors", "bác sỹ/vạn dân", "bác sĩ/vạn dân", "bác sỹ/1 vạn dân", "bác sĩ/1 vạn dân", "bác sỹ/10.000 dân", "bác sĩ/10.000 dân", "bác sỹ")
_register("beds", "giường bệnh/vạn dân", "giường/vạn dân", "giường bệnh/1 vạn dân", "giường bệnh/10.000 dân", "giường bệnh")
_register("score", "điểm")
_register("rank", "hạng", "bậc")
_register("cases", "vụ", "vụ án", "vụ việc")
_register("enterprise", "doanh nghiệp")
_register("coop", "hợp tác xã")
_register("project", "dự án")
_register("product", "sản phẩm")
_register("event", "cuộc", "lần diễn tập")
_register("family", "gia đình")
_register("age", "tuổi")
_register("sex_ratio", "bé trai/100 bé gái", "trẻ trai/100 trẻ gái")
_register("plants", "cây", "nghìn cây", "triệu cây", "cây giống")

# families stated in a closed set of units: no other word can state them
MEASURES = frozenset({"ratio", "vnd", "usd", "mass", "area", "volume", "energy", "power"})


_SCALE_WORDS = frozenset({"nghin", "ngan", "trieu", "ty", "ti"})


def unit_family(unit: str | None) -> str | None:
    """The kind of quantity a unit measures ("ratio", "vnd", "mass" …), or None if unknown.

    A yearly rate is its quantity stated per year: "%/năm" is a ratio, "tỷ đồng/năm" money.
    """
    if not unit:
        return None
    key = _key(unit)
    if key in _UNIT_FAMILIES:
        return _UNIT_FAMILIES[key]
    if "van dan" in key or "10.000 dan" in key:
        return "beds" if key.startswith("giuong") else "doctors"
    if key.endswith("/nam"):
        return unit_family(key[: -len("/nam")])
    return None


def families_fit(have: str | None, wanted: str | None, counted: str | None) -> bool:
    """Known families that agree: the indicator's own, what a share counts, or a share of it.

    "96/96 xã" fits a share of communes and "35%" a count of communes (``counted`` "commune").
    """
    if wanted is not None and wanted in (have, counted):
        return True
    return counted is not None and {wanted, have} <= {counted, "ratio"}


def can_state(indicator_unit: str | None, unit: str | None, counts: str | None = None) -> bool:
    """Whether a figure in ``unit`` can be a value of an indicator kept in ``indicator_unit``.

    ``counts`` is what a share indicator counts ("xã" for the share of communes meeting a
    standard): "49 xã" and "35%" both state it. True whenever either unit is unknown or not
    given: only a unit known not to fit refuses the link. A rate ("triệu đồng/người") is
    compared by what it measures (money), as documents state an income per head in either.
    """
    if not unit or not indicator_unit or _key(unit) in _SCALE_WORDS:
        return True  # "1,2 triệu": the scale alone says nothing of what is counted
    have, wanted = unit_family(indicator_unit), unit_family(unit)
    counted = unit_family(counts) if counts else None
    if families_fit(have, wanted, counted):
        return True
    per = _key(unit).split("/", 1)[0] if "/" in unit else None
    if per is not None and unit_family(per) == have:
        return True  # "triệu đồng/người" states an income kept in "triệu đồng"
    if have in MEASURES:
        return False  # "5.500.000 cây" is no area, "243 đối tượng" no rate
    if have is None:
        return True  # an indicator of its own unit ("triệu đồng/người"): nothing to compare
    # a count: an unknown word may be another name for what it counts ("học sinh", "người")
    return wanted is None or wanted == "ratio"
