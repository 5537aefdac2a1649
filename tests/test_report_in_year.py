"""Sentences, summary and overview of a running year: figures so far, year estimates, expected verdicts."""

from __future__ import annotations

import pytest

from chitieu.report.model import Column, Group, InYear, Report, Row, Target
from chitieu.report.narrative import overview_sentence, row_narrative, summarise

COLUMNS = [
    Column("target", "Kế hoạch năm 2024", "target"),
    Column("period", "Thực hiện 9 tháng năm 2024", "value", in_aggregate=False),
    Column("plan_ratio", "% so với kế hoạch (kỳ báo cáo)", "ratio"),
    Column("actual", "Ước thực hiện năm 2024", "value", estimate=True),
    Column("year_ratio", "% ước cả năm so với kế hoạch năm 2024", "ratio"),
    Column("status", "Đánh giá", "status"),
]
NINE = "9 tháng năm 2024"


def row(label: str, unit: str, target: Target | None, period: float | None, year: float | None,
        status: str, *, projected: bool = True, method: str = "giả định tích lũy đều theo tháng: nhân 12/9",
        period_ratio: float | None = None, year_ratio: float | None = None, estimate: bool = False,
        provisional: bool = True, bound: str = "") -> Row:
    values = {"period": period, "actual": year, "plan_ratio": period_ratio, "year_ratio": year_ratio}
    r = Row("1", label, unit, target=target, values=values, status=status, provisional=provisional)  # type: ignore[arg-type]
    r.in_year = InYear(NINE if period is not None else None, period, year, method, projected, estimate,
                       period_ratio, year_ratio, bound, level=method.startswith("giữ nguyên"))
    return r


def report(*rows: Row) -> Report:
    return Report(kind="year", title="Kết quả năm 2024", period_label="năm 2024", columns=COLUMNS,
                  groups=[Group("I", "Kinh tế", list(rows))])


@pytest.mark.parametrize(
    ("the_row", "sentence"),
    [
        (row("Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", Target(2600), 1980, 2650, "Vượt", projected=False,
             method="ước thực hiện cả năm của văn bản", period_ratio=76.2, year_ratio=101.9, estimate=True),
         "Thu ngân sách nhà nước trên địa bàn 9 tháng năm 2024 ước đạt 1.980 tỷ đồng, bằng 76,2% kế hoạch; "
         "ước thực hiện cả năm đạt 2.650 tỷ đồng, vượt 1,9% kế hoạch; mục tiêu 2.600 tỷ đồng, dự kiến vượt "
         "mục tiêu."),
        (row("Tổng sản lượng lương thực có hạt", "nghìn tấn", Target(230), 131.2, 174.9, "Không đạt",
             period_ratio=57, year_ratio=76),
         "Tổng sản lượng lương thực có hạt 9 tháng năm 2024 đạt 131,2 nghìn tấn, bằng 57% kế hoạch; dự báo cả "
         "năm đạt 174,9 nghìn tấn, bằng 76% kế hoạch (giả định tích lũy đều theo tháng: nhân 12/9); mục tiêu "
         "230 nghìn tấn, dự kiến không đạt mục tiêu."),
        (row("Tỷ lệ che phủ rừng", "%", Target(52.5), 52.4, 52.4, "Không đạt", method="giữ nguyên mức hiện tại"),
         "Tỷ lệ che phủ rừng 9 tháng năm 2024 đạt 52,4%; mục tiêu 52,5%, dự kiến không đạt mục tiêu (chỉ tiêu "
         "mức: lấy số hiện tại làm ước cả năm)."),
        (row("Tổng vốn đầu tư phát triển toàn xã hội", "tỷ đồng", Target(12500, comparator="~"), None, 12600,
             "Đạt", projected=False, method="ước thực hiện cả năm của văn bản"),
         "Tổng vốn đầu tư phát triển toàn xã hội năm 2024 ước đạt 12.600 tỷ đồng; mục tiêu khoảng 12.500 tỷ "
         "đồng, dự kiến đạt mục tiêu."),
        (row("Diện tích cây quế", "ha", None, 5500, None, "Không đánh giá", provisional=False, method=""),
         "Diện tích cây quế 9 tháng năm 2024 đạt 5.500 ha; không đánh giá."),
        (row("Tỷ lệ hộ nghèo", "%", Target(15, comparator="<"), 15, 15, "Đạt", method="giữ nguyên mức hiện tại",
             bound="<"),
         "Tỷ lệ hộ nghèo 9 tháng năm 2024 đạt dưới 15%; mục tiêu dưới 15%, dự kiến đạt mục tiêu (chỉ tiêu mức: lấy số "
         "hiện tại làm ước cả năm)."),
    ],
)
def test_a_running_years_sentence(the_row: Row, sentence: str) -> None:
    assert row_narrative(the_row, report(the_row)) == sentence


def test_a_period_figure_never_stands_beside_a_final_verdict() -> None:
    the_row = row("Thu nội địa", "tỷ đồng", Target(2450), 1560, 2137, "Không đạt", period_ratio=63.7)
    text = row_narrative(the_row, report(the_row))
    assert "dự kiến không đạt" in text and the_row.status_text == "Dự kiến không đạt"


def test_overview_counts_final_and_expected_verdicts_apart() -> None:
    final = row("GRDP bình quân đầu người", "triệu đồng", Target(52), None, 51.2, "Không đạt", provisional=False)
    final.in_year = None
    rows = [
        final,
        row("Thu ngân sách", "tỷ đồng", Target(2600), 1980, 2664, "Vượt"),
        row("Thu nội địa", "tỷ đồng", Target(2450), 1560, 2137, "Không đạt"),
        row("Diện tích cây quế", "ha", None, 5500, None, "Không đánh giá", provisional=False),
    ]
    the_report = report(*rows)
    assert overview_sentence(the_report) == (
        "Trong tổng số 4 chỉ tiêu: theo số liệu cả năm, 1 chỉ tiêu không đạt; theo dự báo cả năm, dự kiến "
        "1 chỉ tiêu vượt, 1 chỉ tiêu không đạt; 1 chỉ tiêu không đánh giá."
    )
    # the documents' own estimates are "ước thực hiện"; the product's projections "dự báo"
    own = row("Thu ngân sách", "tỷ đồng", Target(2600), 1980, 2650, "Vượt", projected=False,
              method="ước thực hiện cả năm của văn bản")
    assert "theo ước thực hiện cả năm, dự kiến 1 chỉ tiêu vượt." in overview_sentence(report(final, own))
    assert "theo ước thực hiện, dự báo cả năm, dự kiến 2 chỉ tiêu vượt" in overview_sentence(report(own, rows[1]))
    sections = {s.key: s for s in summarise(the_report)}
    assert sections["at_risk"].title == "Các chỉ tiêu không đạt kế hoạch"
    assert sections["expected_ahead"].title == "Các chỉ tiêu dự kiến vượt kế hoạch cả năm"
    assert sections["expected_ahead"].items == ["Thu ngân sách (dự báo cả năm 2.664 tỷ đồng; kế hoạch 2.600 tỷ đồng)"]
    assert sections["expected_at_risk"].items == ["Thu nội địa (dự báo cả năm 2.137 tỷ đồng; kế hoạch 2.450 tỷ đồng)"]
