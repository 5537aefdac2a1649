"""Which extractor reads which part: targets in any "chỉ tiêu chủ yếu" section, results elsewhere."""

from pathlib import Path

from chitieu.pipeline import extract_facts, read_document


def facts_of(tmp_path: Path, text: str) -> list[tuple[str, str, float | None, str]]:
    path = tmp_path / "van-ban.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    return [
        (f.kind, f.indicator or "", f.value, f.period.label if f.period else "")
        for f in extract_facts(doc)
        if f.kind in {"target", "actual"}
    ]


def test_a_target_list_without_any_header_is_read_as_targets(tmp_path: Path) -> None:
    found = facts_of(
        tmp_path,
        "Các chỉ tiêu chủ yếu năm 2026\n"
        "(1) Tốc độ tăng trưởng kinh tế (GRDP) đạt 8,5%; GRDP bình quân đầu người đạt 64 triệu đồng.\n"
        "(2) Tỷ lệ che phủ rừng đạt 53,2%.\n",
    )
    assert {kind for kind, *_ in found} == {"target"}
    assert ("target", "forest_cover", 53.2, "năm 2026") in found


def test_a_report_reads_next_years_targets_and_this_years_results(tmp_path: Path) -> None:
    found = facts_of(
        tmp_path,
        "BÁO CÁO\n"
        "Tình hình thực hiện kế hoạch năm 2025 và phương hướng, nhiệm vụ năm 2026\n"
        "I. KẾT QUẢ THỰC HIỆN NĂM 2025\n"
        "Tổng sản lượng lương thực có hạt ước đạt 231 nghìn tấn, bằng 100,4% kế hoạch.\n"
        "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026\n"
        "1. Các chỉ tiêu chủ yếu\n"
        "(1) Tốc độ tăng trưởng kinh tế (GRDP) đạt 8%; tổng sản lượng lương thực có hạt đạt 236 nghìn tấn.\n"
        "(2) Tỷ lệ che phủ rừng đạt 53,5%.\n",
    )
    assert ("actual", "grain_output", 231.0, "năm 2025") in found
    assert ("target", "grain_output", 236.0, "năm 2026") in found
    assert ("target", "forest_cover", 53.5, "năm 2026") in found
    assert not any(kind == "actual" and period == "năm 2026" for kind, _c, _v, period in found)
