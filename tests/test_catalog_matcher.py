"""Recognising indicators in phrases as documents write them, clean or damaged by OCR."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu.catalog.matcher import Match, clean_phrase, match_candidates, match_indicator, unit_family
from chitieu.catalog.model import Catalog, Indicator, shipped_catalog
from chitieu.text.fold import fold
from corpus import clean

# Every indicator the four corpus documents state a figure for, as a short noun phrase in the
# document's own wording, with the unit of its figure and the expected catalogue code.
# (document, phrase, unit, code)
CORPUS_GOLD: list[tuple[str, str, str | None, str]] = [
    # 000: HĐND resolution, targets for 2018
    ("000", "Tốc độ tăng trưởng tổng sản phẩm trên địa bàn", "%", "grdp_growth"),
    ("000", "cơ cấu kinh tế", "%", "economic_structure"),
    ("000", "nông, lâm nghiệp, thủy sản", "%", "share_agriculture"),
    ("000", "công nghiệp, xây dựng", "%", "share_industry_construction"),
    ("000", "dịch vụ", "%", "share_services"),
    ("000", "GRDP bình quân đầu người", "triệu đồng", "grdp_per_capita"),
    ("000", "Tổng sản lượng lương thực có hạt", "nghìn tấn", "grain_output"),
    ("000", "diện tích cây chè", "ha", "tea_area"),
    ("000", "tỷ lệ che phủ rừng", "%", "forest_cover"),
    ("000", "xã đạt chuẩn nông thôn mới", "xã", "ntm_communes"),
    ("000", "Thu ngân sách trên địa bàn", "tỷ đồng", "budget_revenue"),
    ("000", "Giá trị xuất khẩu hàng địa phương", "triệu USD", "local_export_value"),
    ("000", "Tốc độ tăng giá trị xuất khẩu hàng địa phương", "%", "local_export_growth"),
    ("000", "xã có đường ô tô mặt đường được cứng hóa", "xã", "commune_road_paved"),
    ("000", "bản có đường xe máy, ô tô đi lại thuận lợi", "%", "village_road_access"),
    ("000", "hộ dân được sử dụng điện lưới quốc gia", "%", "electricity_access"),
    ("000", "dân số đô thị được sử dụng nước sạch", "%", "urban_clean_water"),
    ("000", "dân số nông thôn được sử dụng nước hợp vệ sinh", "%", "rural_hygienic_water"),
    ("000", "Tỷ lệ trường chuẩn quốc gia các cấp học", "%", "national_standard_schools"),
    ("000", "Số xã đạt tiêu chí quốc gia về y tế", "xã", "health_standard_communes"),
    ("000", "bác sỹ/1vạn dân", "bác sỹ/vạn dân", "doctors_per_10k"),
    ("000", "tỷ lệ tăng dân số tự nhiên", "‰", "natural_population_growth"),
    ("000", "tỷ lệ giảm sinh", "‰", "birth_rate_reduction"),
    ("000", "giảm tỷ lệ trẻ em suy dinh dưỡng", "%", "malnutrition_rate"),
    ("000", "Giảm tỷ lệ hộ nghèo", "%", "poverty_reduction"),
    ("000", "các huyện nghèo giảm", "%", "poor_district_poverty_reduction"),
    ("000", "Giải quyết việc làm mới", "lao động", "jobs_created"),
    ("000", "đào tạo nghề", "lao động", "vocational_training"),
    ("000", "tỷ lệ lao động qua đào tạo", "%", "trained_labour_rate"),
    ("000", "hộ gia đình", "%", "cultural_households"),
    ("000", "thôn, bản, khu phố", "%", "cultural_villages"),
    ("000", "cơ quan, đơn vị, trường học", "%", "cultural_agencies"),
    ("000", "tốc độ tăng trưởng đàn gia súc", "%", "livestock_growth"),
    ("000", "cây Quế", "ha", "cinnamon_area"),
    ("000", "Sơn tra", "ha", "hawthorn_area"),
    ("000", "Mắc ca", "ha", "macadamia_area"),
    # 001: UBND implementation plan for 2023
    ("001", "tỷ lệ nợ xấu nội bảng", "%", "bad_debt_ratio"),
    ("001", "tốc độ tăng tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng", "%", "retail_sales_growth"),
    ("001", "biên chế công chức", "%", "civil_servant_reduction"),
    ("001", "biên chế viên chức hưởng lương từ ngân sách nhà nước", "%", "public_employee_reduction"),
    ("001", "tỷ lệ thôn, bản có đường xe máy hoặc ô tô đi lại thuận lợi", "%", "village_road_access"),
    ("001", "hạ tầng mạng cáp quang băng rộng", "%", "fiber_broadband_villages"),
    ("001", "xã có điểm phục vụ bưu chính", "%", "postal_service_communes"),
    ("001", "kéo giảm số vụ phạm tội về trật tự xã hội", "%", "crime_reduction"),
    ("001", "tỷ lệ điều tra khám phá các vụ án", "%", "crime_investigation_rate"),
    ("001", "tỷ lệ chất thải rắn được thu gom", "%", "solid_waste_collection"),
    # 002: HĐND resolution 52/NQ-HĐND, targets for 2023
    ("002", "Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP)", "%", "grdp_growth"),
    ("002", "nông, lâm nghiệp và thủy sản", "%", "share_agriculture"),
    ("002", "công nghiệp và xây dựng", "%", "share_industry_construction"),
    ("002", "thuế sản phẩm trừ trợ cấp sản phẩm", "%", "share_product_taxes"),
    ("002", "Giá trị gia tăng ngành nông nghiệp", "%", "agriculture_value_added_growth"),
    ("002", "tổng sản lượng lương thực có hạt", "nghìn tấn", "grain_output"),
    ("002", "trồng mới chè", "ha", "tea_new_planting"),
    ("002", "xã đạt từ 15-18 tiêu chí", "xã", "ntm_communes_15_18"),
    ("002", "toàn tỉnh đạt bình quân 13,9 tiêu chí/xã", "tiêu chí/xã", "ntm_avg_criteria"),
    ("002", "Tỷ lệ che phủ rừng", "%", "forest_cover"),
    ("002", "Tốc độ tăng kim ngạch xuất nhập khẩu", "%", "export_import_growth"),
    ("002", "Tổng lượt khách du lịch tăng", "%", "tourist_arrivals_growth"),
    ("002", "thôn, bản có đường xe máy hoặc ô tô đi lại thuận lợi", "%", "village_road_access"),
    ("002", "dân số nông thôn sử dụng nước sinh hoạt hợp vệ sinh", "%", "rural_hygienic_water"),
    ("002", "dân số đô thị được cung cấp nước sạch qua hệ thống cấp nước tập trung", "%", "urban_clean_water"),
    ("002", "trạm y tế xã được xây dựng kiên cố", "%", "solid_health_stations"),
    ("002", "trường học được xây dựng kiên cố", "%", "solid_schools"),
    ("002", "phổ cập giáo dục Mầm non cho trẻ em năm tuổi", "%", "preschool_universalisation"),
    ("002", "đạt chuẩn phổ cập giáo dục Tiểu học mức độ 2 trở lên", "%", "primary_universalisation"),
    ("002", "đạt chuẩn phổ cập giáo dục Trung học cơ sở mức độ 1 trở lên", "%", "lower_secondary_universalisation"),
    ("002", "Tỷ lệ huy động học sinh trong độ tuổi đến trường", "%", "enrolment_rate"),
    ("002", "Mẫu giáo", "%", "enrolment_kindergarten"),
    ("002", "Tỷ lệ trường chuẩn quốc gia", "%", "national_standard_schools"),
    ("002", "dân số được quản lý bằng hồ sơ sức khỏe điện tử", "%", "electronic_health_records"),
    ("002", "bác sỹ/1 vạn dân", "bác sỹ/vạn dân", "doctors_per_10k"),
    ("002", "mức giảm tỷ suất sinh", "‰", "birth_rate_reduction"),
    ("002", "trẻ em dưới 5 tuổi suy dinh dưỡng thể nhẹ cân", "%", "malnutrition_underweight"),
    ("002", "thể thấp còi", "%", "malnutrition_stunting"),
    ("002", "tỷ lệ bao phủ bảo hiểm y tế", "%", "health_insurance_coverage"),
    ("002", "Mức giảm tỷ lệ hộ nghèo", "%", "poverty_reduction"),
    ("002", "riêng các huyện nghèo giảm", "%", "poor_district_poverty_reduction"),
    ("002", "Giải quyết việc làm", "lao động", "jobs_created"),
    ("002", "đào tạo cho 8.000 lao động", "lao động", "vocational_training"),
    ("002", "thôn, bản, khu dân cư có nhà văn hóa", "%", "village_cultural_houses"),
    ("002", "cơ quan, đơn vị, doanh nghiệp", "%", "cultural_agencies"),
    ("002", "đồng bào dân tộc thiểu số được xem truyền hình và nghe đài phát thanh", "%", "broadcast_coverage"),
    ("002", "chất thải rắn sinh hoạt đô thị được thu gom và xử lý", "%", "urban_waste_collection"),
    (
        "002",
        "số xã, phường, thị trấn tại các huyện, thành phố được thu gom, xử lý rác thải sinh hoạt",
        "%",
        "rural_waste_collection_communes",
    ),
    # 004: UBND report, 9 months of 2024
    ("004", "tổng diện tích gieo trồng cây lương thực có hạt", "ha", "grain_area"),
    ("004", "lúa hàng hóa tập trung", "ha", "commodity_rice_area"),
    ("004", "sản lượng lương thực có hạt", "tấn", "grain_output"),
    ("004", "Tổng diện tích cây chè", "ha", "tea_area"),
    ("004", "sản lượng chè búp tươi", "tấn", "tea_output"),
    ("004", "Diện tích cây ăn quả", "ha", "fruit_area"),
    ("004", "Tổng diện tích trồng dược liệu", "ha", "medicinal_area"),
    ("004", "thảo quả", "ha", "cardamom_area"),
    ("004", "sa nhân", "ha", "amomum_area"),
    ("004", "sâm Lai Châu", "ha", "ginseng_area"),
    ("004", "tổng đàn gia súc", "con", "livestock_herd"),
    ("004", "tổng đàn gia cầm", "con", "poultry_flock"),
    ("004", "sản lượng thịt hơi xuất chuồng các loại", "tấn", "meat_output"),
    ("004", "Diện tích ao nuôi thủy sản", "ha", "aquaculture_area"),
    ("004", "thể tích nuôi cá nước lạnh", "m³", "cold_water_fish_volume"),
    ("004", "thể tích nuôi cá lồng", "m³", "cage_fish_volume"),
    ("004", "sản lượng nuôi trồng và khai thác ngoài tự nhiên", "tấn", "aquaculture_output"),
    ("004", "diện tích cao su cho khai thác mủ", "ha", "rubber_area"),
    ("004", "sản lượng khai thác mủ cao su", "tấn", "rubber_latex_output"),
    ("004", "diện tích rừng bị cháy", "ha", "forest_fire_area"),
    ("004", "vi phạm Luật Lâm nghiệp", "vụ", "forestry_violations"),
    ("004", "toàn tỉnh đạt bình quân 14,45 tiêu chí/xã", "tiêu chí/xã", "ntm_avg_criteria"),
    ("004", "sản phẩm OCOP", "sản phẩm", "ocop_products"),
    ("004", "Số xã đạt dưới 10 tiêu chí", "xã", "ntm_communes_under_10"),
    ("004", "diện tích sản xuất được đảm bảo nước tưới từ công trình thủy lợi", "ha", "irrigated_area"),
    ("004", "Giá trị sản xuất công nghiệp", "tỷ đồng", "industrial_production_value"),
    ("004", "Điện sản xuất", "triệu kWh", "electricity_output"),
    ("004", "tổng công suất lắp máy", "MW", "hydropower_capacity"),
    ("004", "chè khô các loại", "tấn", "dried_tea_output"),
    ("004", "tỷ lệ thôn, bản có đường xe máy hoặc ô tô đi lại thuận lợi", "%", "village_road_access"),
    ("004", "doanh thu vận tải", "tỷ đồng", "transport_revenue"),
    ("004", "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ", "tỷ đồng", "retail_sales"),
    ("004", "tổng kim ngạch xuất nhập khẩu hàng hóa", "triệu USD", "export_import_value"),
    ("004", "kim ngạch xuất khẩu", "triệu USD", "export_value"),
    ("004", "giá trị xuất khẩu hàng địa phương", "triệu USD", "local_export_value"),
    ("004", "kim ngạch nhập khẩu", "triệu USD", "import_value"),
    ("004", "lượt khách du lịch", "triệu lượt", "tourist_arrivals"),
    ("004", "doanh thu du lịch", "tỷ đồng", "tourism_revenue"),
    ("004", "Tổng thu ngân sách địa phương", "tỷ đồng", "local_budget_revenue"),
    ("004", "thu ngân sách trên địa bàn", "tỷ đồng", "budget_revenue"),
    ("004", "tổng chi ngân sách địa phương", "tỷ đồng", "local_budget_spending"),
    ("004", "tổng huy động vốn", "tỷ đồng", "credit_mobilisation"),
    ("004", "tổng dư nợ", "tỷ đồng", "credit_outstanding"),
    ("004", "tỷ lệ nợ xấu nội bảng", "%", "bad_debt_ratio"),
    ("004", "thanh toán không dùng tiền mặt", "%", "cashless_payment_ratio"),
    ("004", "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)", "hạng", "pci_rank"),
    ("004", "cấp đăng ký thành lập mới doanh nghiệp", "doanh nghiệp", "new_enterprises"),
    ("004", "thành lập hợp tác xã", "hợp tác xã", "new_cooperatives"),
    ("004", "Quyết định chủ trương đầu tư", "dự án", "investment_projects_approved"),
    ("004", "Tỷ lệ giải ngân", "%", "public_investment_disbursement"),
    ("004", "Tỷ lệ tốt nghiệp THPT", "%", "high_school_graduation"),
    ("004", "trẻ em dưới 1 tuổi được tiêm chủng đầy đủ 8 loại vắc xin", "%", "full_immunisation"),
    ("004", "tỷ lệ bao phủ bảo hiểm y tế", "%", "health_insurance_coverage"),
    ("004", "dân số trung bình", "người", "average_population"),
    ("004", "tỷ lệ tăng dân số tự nhiên", "%", "natural_population_growth"),
    ("004", "phụ nữ đẻ được khám thai từ 4 lần trở lên", "%", "antenatal_care"),
    ("004", "cơ sở đạt tiêu chuẩn VSATTP", "%", "food_safety_compliance"),
    ("004", "giải quyết việc làm mới", "lao động", "jobs_created"),
    ("004", "lao động đi làm việc ở nước ngoài", "lao động", "labour_export"),
    ("004", "đào tạo nghề", "chỉ tiêu", "vocational_training"),
    ("004", "đào tạo nghề lao động nông thôn", "chỉ tiêu", "rural_vocational_training"),
    ("004", "gia đình thể thao", "gia đình", "sports_families"),
    # a count of people or cases cannot state these rates: their share does ("111/113 vụ, đạt 98,2%")
    ("004", "người luyện tập TDTT thường xuyên", "%", "regular_sports_participation"),
    ("004", "tiếp nhận qua dịch vụ công trực tuyến", "%", "online_public_services"),
    ("004", "hồ sơ trả trước và đúng hạn", "%", "on_time_dossiers"),
    ("004", "tội phạm về trật tự xã hội", "vụ", "social_order_crimes"),
    ("004", "điều tra làm rõ", "%", "crime_investigation_rate"),
    ("004", "tội phạm về ma túy", "vụ", "drug_cases"),
    ("004", "vi phạm quy định về môi trường", "vụ", "environmental_violations"),
    ("004", "tai nạn giao thông", "vụ", "traffic_accidents"),
    ("004", "giao nhận quân", "%", "military_recruitment"),
    ("004", "diễn tập khu vực phòng thủ", "cuộc", "defence_drills"),
]

CORPUS_DOCUMENTS = ("000", "001", "002", "004")


def _gold_id(case: tuple[str, str, str | None, str]) -> str:
    return f"{case[0]}-{case[3]}-{fold(case[1])[:30]}"


@pytest.mark.parametrize(("doc", "phrase", "unit", "code"), CORPUS_GOLD, ids=[_gold_id(c) for c in CORPUS_GOLD])
def test_corpus_phrase_matches_its_indicator(doc: str, phrase: str, unit: str | None, code: str) -> None:
    match = match_indicator(phrase, unit)
    assert match is not None, f"no match for {phrase!r}"
    assert match.code == code, match_candidates(phrase, unit, 3)
    assert match.score >= 0.75


# Phrases whose subject the document shares with a neighbouring clause ("99,7% trường học,
# 94,2% trạm y tế xã được xây dựng kiên cố"; "diện tích cây chè …, trồng mới 395 ha"): the
# gold phrase is the distributed reading, not a contiguous span.
DISTRIBUTED = {
    "trồng mới chè",
    "trường học được xây dựng kiên cố",
    "sản lượng khai thác mủ cao su",
    "diện tích sản xuất được đảm bảo nước tưới từ công trình thủy lợi",
}


def _squash(text: str) -> str:
    """Folded words without figures or punctuation, so a phrase is found around its number."""
    return " ".join(re.sub(r"[^a-z]+", " ", fold(text)).split())


def test_gold_phrases_really_occur_in_the_corpus() -> None:
    """The gold list is the corpus's own wording (folded), not wishful phrasing."""
    texts = {doc: _squash(clean(doc).read_text(encoding="utf-8")) for doc in CORPUS_DOCUMENTS}
    missing = [
        (doc, phrase)
        for doc, phrase, _unit, _code in CORPUS_GOLD
        if phrase not in DISTRIBUTED and _squash(clean_phrase(phrase)) not in texts[doc]
    ]
    assert not missing


def test_every_corpus_document_contributes_indicators() -> None:
    assert {doc for doc, *_ in CORPUS_GOLD} == set(CORPUS_DOCUMENTS)
    assert len({code for *_, code in CORPUS_GOLD}) >= 120


# --- degraded copies -------------------------------------------------------------------------


def strip_marks(text: str) -> str:
    """What a keyboard without Vietnamese input produces: no tone or vowel marks, đ → d."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def ocr_damage(text: str, d_as: str = "P") -> str:
    """What OCR without a Vietnamese model produces (DOMAIN.md): Đ → P/B, ư → w, l → 1, marks lost."""
    text = text.replace("Đ", d_as).replace("đ", d_as.lower() if d_as != "P" else "p")
    text = text.replace("ư", "w").replace("Ư", "W")
    text = re.sub(r"\bl(?=[aeiouyáàảãạâấầẩẫậăắằẳẵặêếềểễệéèẻẽẹôốồổỗộơớờởỡợóòỏõọ])", "1", text)
    return strip_marks(text)


DEGRADABLE = [case for case in CORPUS_GOLD if strip_marks(case[1]) != case[1]]


@pytest.mark.parametrize(("doc", "phrase", "unit", "code"), DEGRADABLE, ids=[_gold_id(c) for c in DEGRADABLE])
def test_phrase_without_diacritics_still_matches(doc: str, phrase: str, unit: str | None, code: str) -> None:
    damaged = strip_marks(phrase)
    match = match_indicator(damaged, unit)
    assert match is not None and match.code == code, (damaged, match_candidates(damaged, unit, 3))
    assert 0.6 <= match.score <= 1.0


@pytest.mark.parametrize(("doc", "phrase", "unit", "code"), DEGRADABLE, ids=[_gold_id(c) for c in DEGRADABLE])
def test_phrase_damaged_by_ocr_still_matches(doc: str, phrase: str, unit: str | None, code: str) -> None:
    for d_as in ("P", "B"):
        damaged = ocr_damage(phrase, d_as)
        match = match_indicator(damaged, unit)
        assert match is not None and match.code == code, (damaged, match_candidates(damaged, unit, 3))
        assert match.method in {"exact", "alias", "ocr", "fuzzy"}


@pytest.mark.parametrize(
    ("damaged", "unit", "code", "method"),
    [
        ("Ty 1e che phu rung", "%", "forest_cover", "ocr"),
        ("Ty Ié ho ngheo", "%", "poverty_rate", "ocr"),
        ("Mwc giam ty 1e ho ngheo", "%", "poverty_reduction", "ocr"),
        ("Toc do tang trwong kinh te", "%", "grdp_growth", "ocr"),
        ("Ty 1e to chwc co so Pang hoan thanh tot nhiem vu", "%", "party_orgs_good", "fuzzy"),
        ("Ty 1e trwdng dat chuan quoc gia", "%", "national_standard_schools", "fuzzy"),
        ("Tong san 1wong 1wong thuc co hat", "nghìn tấn", "grain_output", "ocr"),
        ("Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "budget_revenue", "exact"),
        ("thu ngân sách trên địa bàn", "tỷ đồng", "budget_revenue", "alias"),
        ("thu NSNN trên địa bàn", "tỷ đồng", "budget_revenue", "exact"),  # the abbreviation spelled out is the name
    ],
)
def test_method_reports_how_the_match_was_made(damaged: str, unit: str, code: str, method: str) -> None:
    match = match_indicator(damaged, unit)
    assert match is not None
    assert (match.code, match.method) == (code, method)


@pytest.mark.parametrize(
    "phrase",
    [
        "Lễ kỷ niệm 115 năm thành lập tỉnh",
        "Hội nghị xúc tiến đầu tư",
        "số lượng vắc xin tiêm cho gia súc",
        "đã khám chữa bệnh cho bệnh nhân",
        "tổ chức các hoạt động văn hóa văn nghệ",
        "công tác thanh tra",
        "Tiếp nhận đơn kiến nghị phản ánh",
        "tỷ lệ",
        "Nơi nhận",
        "Căn cứ Luật Tổ chức chính quyền địa phương",
        "đón tiếp đoàn công tác của Đại sứ quán",
        "sửa chữa định kỳ các công trình",
        "ban hành kế hoạch phát triển nhà ở",
        "Chương trình văn nghệ mừng Đảng, mừng Xuân",
        "",
        "   ",
        "12,5%",
    ],
)
def test_unrelated_phrases_do_not_match(phrase: str) -> None:
    assert match_indicator(phrase) is None


# --- the unit and the context decide between close wordings ---------------------------------


@pytest.mark.parametrize(
    ("phrase", "unit", "code"),
    [
        ("Tổng lượt khách du lịch", "%", "tourist_arrivals_growth"),
        ("Tổng lượt khách du lịch", "lượt", "tourist_arrivals"),
        ("Tổng lượt khách du lịch", "triệu lượt", "tourist_arrivals"),
        ("kim ngạch xuất nhập khẩu", "%", "export_import_growth"),
        ("kim ngạch xuất nhập khẩu", "triệu USD", "export_import_value"),
        ("xã đạt chuẩn nông thôn mới", "%", "ntm_communes"),
        ("đàn gia súc", "%", "livestock_growth"),
        ("đàn gia súc", "con", "livestock_herd"),
    ],
)
def test_unit_chooses_between_growth_and_quantity(phrase: str, unit: str, code: str) -> None:
    match = match_indicator(phrase, unit)
    assert match is not None and match.code == code


def test_shared_part_name_is_ambiguous_without_its_composite() -> None:
    assert match_indicator("Tiểu học", "%") is None
    candidates = {m.code for m in match_candidates("Tiểu học", "%")}
    assert {"enrolment_primary", "nss_primary"} <= candidates


@pytest.mark.parametrize(
    ("parent", "phrase", "code"),
    [
        ("enrolment_rate", "Tiểu học", "enrolment_primary"),
        ("enrolment_rate", "Trung học cơ sở", "enrolment_lower_secondary"),
        ("enrolment_rate", "THPT", "enrolment_upper_secondary"),
        ("national_standard_schools", "Mầm non", "nss_preschool"),
        ("national_standard_schools", "Tiểu học", "nss_primary"),
        ("national_standard_schools", "Trung học cơ sở", "nss_lower_secondary"),
        ("national_standard_schools", "Trung hoc pho thong", "nss_upper_secondary"),
        ("economic_structure", "dịch vụ", "share_services"),
        ("economic_structure", "nong, lam nghiep, thuy san", "share_agriculture"),
    ],
)
def test_parent_context_resolves_the_part(parent: str, phrase: str, code: str) -> None:
    match = match_indicator(phrase, "%", parent=parent)
    assert match is not None and match.code == code


def test_parent_context_falls_back_to_the_whole_catalogue() -> None:
    match = match_indicator("Tỷ lệ che phủ rừng", "%", parent="enrolment_rate")
    assert match is not None and match.code == "forest_cover"


def test_threshold_is_respected() -> None:
    best = match_candidates("trồng mới", "ha", 1)[0]
    assert match_indicator("trồng mới", "ha", threshold=best.score + 0.01) is None
    assert match_indicator("trồng mới", "ha", threshold=best.score) == best


def test_candidates_are_ranked_and_limited() -> None:
    candidates = match_candidates("tỷ lệ hộ nghèo", "%", limit=3)
    assert len(candidates) == 3
    assert candidates[0].code == "poverty_rate"
    assert [m.score for m in candidates] == sorted((m.score for m in candidates), reverse=True)
    assert all(isinstance(m, Match) and 0.0 <= m.score <= 1.0 for m in candidates)


def test_match_restores_the_vietnamese_name() -> None:
    match = match_indicator("Ty 1e bao phu bao hiem y te", "%")
    assert match is not None
    assert match.name == "Tỷ lệ bao phủ bảo hiểm y tế"
    assert match.unit == "%"


def test_spelling_variants_are_one_word() -> None:
    """tỷ/tỉ, sỹ/sĩ are the same word."""
    for phrase in ("tỉ lệ che phủ rừng", "bác sĩ/1 vạn dân", "Số bác sĩ trên 1 vạn dân"):
        match = match_indicator(phrase)
        assert match is not None and match.score >= 0.95


def test_a_custom_catalogue_can_be_matched() -> None:
    custom = Catalog.from_indicators(
        [Indicator("internet_households", "Tỷ lệ hộ gia đình có kết nối Internet", "kinh tế", "%", "up", "last", ("hộ dùng Internet",))]
    )
    match = match_indicator("hộ dùng internet", "%", catalog=custom)
    assert match is not None and match.code == "internet_households"
    assert match_indicator("hộ dùng internet", "%") is None or match_indicator("hộ dùng internet", "%").code != "internet_households"


# --- cleaning ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "cleaned"),
    [
        ("(1) Tỷ lệ che phủ rừng đạt 52,3%", "Tỷ lệ che phủ rừng"),
        ("- **Tổng sản lượng lương thực có hạt**: 216 nghìn tấn", "Tổng sản lượng lương thực có hạt"),
        ("99,0% thôn, bản có đường xe máy", "thôn, bản có đường xe máy"),
        ("96/96 xã có đường ô tô", "xã có đường ô tô"),
        ("GRDP bình quân đầu người khoảng 52,9 triệu đồng", "GRDP bình quân đầu người"),
        ("toàn tỉnh đạt bình quân 13,9 tiêu chí/xã", "toàn tỉnh đạt bình quân tiêu chí/xã"),
        ("trẻ em dưới 5 tuổi suy dinh dưỡng thể nhẹ cân", "trẻ em dưới 5 tuổi suy dinh dưỡng thể nhẹ cân"),
        ("bác sỹ/1 vạn dân", "bác sỹ/1 vạn dân"),
        ("Ty 1e ho ngheo", "Ty 1e ho ngheo"),
        ("xã đạt từ 15-18 tiêu chí", "xã đạt từ 15-18 tiêu chí"),
    ],
)
def test_clean_phrase_keeps_the_indicator_and_drops_the_figure(phrase: str, cleaned: str) -> None:
    assert clean_phrase(phrase) == cleaned


def test_every_shipped_unit_has_a_family() -> None:
    for ind in shipped_catalog().all():
        assert unit_family(ind.unit) is not None, ind.unit
    assert unit_family("bác sĩ/10.000 dân") == "doctors"
    assert unit_family("giường bệnh/1 vạn dân") == "beds"
    assert unit_family("%o") == unit_family("‰") == unit_family("%")
    assert unit_family("đơn vị lạ") is None
    assert unit_family(None) is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.sampled_from([None, "%", "tỷ đồng", "ha", "xã", "đơn vị lạ"]))
def test_any_text_gives_scores_in_range_and_never_fails(phrase: str, unit: str | None) -> None:
    candidates = match_candidates(phrase, unit)
    assert all(0.0 <= m.score <= 1.0 for m in candidates)
    assert [m.score for m in candidates] == sorted((m.score for m in candidates), reverse=True)
    best = match_indicator(phrase, unit)
    assert best is None or best.score >= 0.6


@pytest.mark.parametrize(
    ("phrase", "code"),
    [("diện tích chè toàn tỉnh", "tea_area"), ("tổng số xã đạt chuẩn nông thôn mới", "ntm_communes")],
)
def test_scope_and_total_words_do_not_hide_the_indicator(phrase: str, code: str) -> None:
    match = match_indicator(phrase)
    assert match is not None and match.code == code


@pytest.mark.parametrize(
    ("phrase", "unit", "code"),
    [
        ("Tốc độ tăng năng suất lao động xã hội", "%/năm", "labour_productivity_growth"),
        ("tuổi thọ bình quân", "tuổi", "life_expectancy"),
        ("Tỷ lệ xử lý và tái sử dụng nước thải ra môi trường lưu vực các sông (suối)", "%", "river_wastewater_treated"),
        ("Tỷ lệ các cơ sở sản xuất kinh doanh đạt quy chuẩn về môi trường", "%", "businesses_environment_standard"),
        ("đảng bộ trực thuộc tỉnh hoàn thành tốt nhiệm vụ", "%", "party_committees_good"),
        ("tổ chức chính quyền cơ sở đạt từ tốt trở lên", "%", "commune_governments_good"),
    ],
)
def test_the_targets_every_political_report_sets_are_in_the_catalogue(phrase: str, unit: str, code: str) -> None:
    match = match_indicator(phrase, unit)
    assert match is not None and match.code == code
