"""Synthetic reports for benchmarks, demonstrations and the web application's preview.

Generated, not copied from any real document: names are composed from a few fields and
indicator kinds, values from a seeded random generator, so the same call always gives the
same report.
"""

from __future__ import annotations

import datetime as dt
import random

from chitieu.report.formulas import compute_aggregate
from chitieu.report.model import (
    AggregateFormula,
    Column,
    Group,
    Report,
    Row,
    Signature,
    SourceRef,
    Status,
    Target,
    TaskRow,
)
from chitieu.report.numbers import roman

FIELDS = ("Kinh tế", "Văn hóa - xã hội", "Môi trường", "Quốc phòng - an ninh", "Xây dựng chính quyền")
KINDS: tuple[tuple[str, str, AggregateFormula], ...] = (
    ("Tốc độ tăng trưởng bình quân", "%", "cagr"),
    ("Số lao động được giải quyết việc làm mỗi năm", "lao động", "mean"),
    ("Diện tích trồng mới cả giai đoạn", "ha", "sum"),
    ("Tỷ lệ bao phủ đến cuối kỳ", "%", "last"),
)
AGENCIES = ("Sở Tài chính", "Sở Nông nghiệp và Môi trường", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Công an tỉnh")


def term_columns(first: int, last: int) -> list[Column]:
    years = [Column(str(y), f"Ước {y}" if y == last else f"Năm {y}", "value", estimate=y == last)
             for y in range(first, last + 1)]
    return [
        Column("target", "Mục tiêu Nghị quyết", "target"),
        *years,
        Column("term", "Ước cả nhiệm kỳ", "aggregate"),
        Column("status", "Đánh giá", "status"),
    ]


def _judge(value: float | None, target: Target) -> Status:
    if value is None or target.value is None:
        return "Chưa có số liệu"
    high = target.value_high if target.value_high is not None else target.value
    if value > high:
        return "Vượt"
    return "Đạt" if value >= target.value else "Không đạt"


def synthetic_report(indicators: int = 400, first: int = 2021, last: int = 2025, seed: int = 7) -> Report:
    """A term report of `indicators` rows across five fields, with sources, charts and tasks."""
    generator = random.Random(seed)
    columns = term_columns(first, last)
    years = [str(y) for y in range(first, last + 1)]
    groups = [Group(roman(i), name) for i, name in enumerate(FIELDS, start=1)]
    for index in range(indicators):
        group = groups[index % len(groups)]
        name, unit, formula = KINDS[index % len(KINDS)]
        if formula == "cagr":
            values = [round(generator.uniform(-3, 11), 2) for _ in years]
            target = Target(8.0, 9.0, "range")
        elif formula == "mean":
            values = [float(generator.randint(8000, 12000)) for _ in years]
            target = Target(10000.0, None, ">=")
        elif formula == "sum":
            values = [float(generator.randint(300, 900)) for _ in years]
            target = Target(2400.0, None, "=")
        else:
            values = [round(generator.uniform(60, 100), 1) for _ in years]
            target = Target(90.0, None, ">")
        aggregate = compute_aggregate(formula, values)
        row = Row(
            stt=str(len(group.rows) + 1),
            label=f"{name} ({group.name.lower()}, chỉ tiêu {index + 1})",
            unit=unit,
            indicator_code=f"SYN.{index + 1:03d}",
            target=target,
            values=dict(zip(years, values, strict=True)),
            aggregate=round(aggregate, 2) if aggregate is not None else None,
            aggregate_formula=formula,
            rule="Quy tắc mẫu",
            sources=[SourceRef(f"bao-cao-{y}.docx", f"chỉ tiêu {index + 1} năm {y}") for y in years[-2:]],
        )
        row.status = _judge(row.aggregate, target)
        group.rows.append(row)
    tasks = [
        TaskRow(
            id=f"{roman(1 + i % 3)}.{1 + i % 7}",
            title=f"Nhiệm vụ mẫu số {i + 1}",
            agency=AGENCIES[i % len(AGENCIES)],
            deadline=dt.date(last, 1 + i % 12, 15),
            status=("Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Đang thực hiện trong hạn",
                    "Quá hạn chưa hoàn thành")[i % 4],
        )
        for i in range(max(indicators // 4, 1))
    ]
    return Report(
        kind="term",
        title=f"Kết quả thực hiện các chỉ tiêu phát triển kinh tế - xã hội giai đoạn {first}-{last}",
        period_label=f"giai đoạn {first}-{last}",
        columns=columns,
        groups=groups,
        number="05/BC-UBND",
        date=dt.date(last, 10, 5),
        tasks=tasks,
        signature=Signature(name="Nguyễn Văn Mẫu"),
        recipients=["Bộ Tài chính", "Thường trực Tỉnh ủy", "Thường trực HĐND tỉnh", "Lưu: VT, TH"],
        chart_indicators=["SYN.001", "SYN.002"],
    )


# A term-evaluation table in the form provinces publish (our own indicators and figures; the GRDP
# series 4,20; 8,24; −3,42; 10,52; 8,00 → 5,39 and the tea-planting sum 2.719 follow the rules
# in DOMAIN). Cells are text exactly as a document prints them. Formula per row in the last field.
TERM_TABLE_HEADER = (
    "STT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu Nghị quyết", "Năm 2021", "Năm 2022", "Năm 2023",
    "Năm 2024", "Ước 2025", "Ước cả nhiệm kỳ", "Đánh giá",
)
TERM_TABLE: tuple[tuple[str, str, tuple[tuple[str, ...], ...]], ...] = (
    ("I", "Kinh tế", (
        ("1", "Tốc độ tăng trưởng kinh tế (GRDP) bình quân", "%/năm", "9-10",
         "4,20", "8,24", "-3,42", "10,52", "8,00", "5,39", "Không đạt", "cagr"),
        ("2", "GRDP bình quân đầu người năm cuối kỳ", "triệu đồng", "60",
         "45,1", "48,3", "50,2", "55,6", "61,3", "61,3", "Vượt", "last"),
        ("3", "Diện tích trồng chè mới cả giai đoạn", "ha", "2.400",
         "818", "606", "410", "555", "330", "2.719", "Vượt", "sum"),
        ("4", "Tổng thu ngân sách nhà nước trên địa bàn năm cuối kỳ", "tỷ đồng", "3.000",
         "2.150,4", "2.480,7", "2.612,0", "2.905,3", "3.120,5", "3.120,5", "Vượt", "last"),
        ("5", "Tốc độ tăng lượng khách du lịch bình quân", "%/năm", ">15",
         "12,50", "18,00", "20,30", "16,20", "15,00", "16,37", "Vượt", "cagr"),
    )),
    ("II", "Văn hóa - xã hội", (
        ("1", "Số lao động được giải quyết việc làm mỗi năm", "lao động", "8.000",
         "7.650", "8.120", "8.430", "8.600", "8.700", "8.300", "Vượt", "mean"),
        ("2", "Mức giảm tỷ lệ hộ nghèo bình quân", "%/năm", "3-4",
         "3,8", "4,1", "3,6", "3,3", "3,2", "3,6", "Đạt", "mean"),
        ("3", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", ">95",
         "96,1", "96,5", "95,0", "95,2", "95,4", "95,4", "Đạt", "last"),
        ("4", "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi", "%", "<15",
         "17,2", "16,5", "15,8", "15,1", "<15", "<15", "Đạt", "last"),
    )),
    ("III", "Môi trường", (
        ("1", "Tỷ lệ che phủ rừng", "%", "52",
         "50,1", "50,6", "51,2", "51,8", "52,0", "52,0", "Đạt", "last"),
    )),
)


def parse_vn_number(text: str) -> float:
    """`2.150,4` → 2150.4, `-3,42` → −3.42 (thousands dot, decimal comma, ASCII or Unicode minus)."""
    return float(text.replace("−", "-").replace(".", "").replace(",", "."))


def written_decimals(text: str) -> int:
    return len(text.split(",", 1)[1]) if "," in text else 0


def _target_from_text(text: str) -> Target:
    for sign, comparator in ((">=", ">="), ("<=", "<="), (">", ">"), ("<", "<")):
        if text.startswith(sign):
            return Target(parse_vn_number(text[len(sign):].strip()), None, comparator)  # type: ignore[arg-type]
    if "-" in text.strip("-"):
        low, high = text.split("-", 1)
        return Target(parse_vn_number(low), parse_vn_number(high), "range")
    return Target(parse_vn_number(text), None, "=")


def report_from_term_table(
    table: tuple[tuple[str, str, tuple[tuple[str, ...], ...]], ...] = TERM_TABLE, first: int = 2021, last: int = 2025
) -> Report:
    """A term Report holding exactly what a printed term table says (text cells parsed as written)."""
    columns = term_columns(first, last)
    years = [str(y) for y in range(first, last + 1)]
    groups = []
    for numeral, name, rows in table:
        group = Group(numeral, name)
        for stt, label, unit, target_text, *cells, term_text, status, formula in rows:
            numeric = [c for c in [*cells, term_text] if not c.startswith(("<", ">"))]
            row = Row(
                stt=stt,
                label=label,
                unit=unit,
                target_text=target_text,
                target=_target_from_text(target_text),
                aggregate_formula=formula,  # type: ignore[arg-type]
                status=status,  # type: ignore[arg-type]
                decimals=max((written_decimals(c) for c in numeric), default=0),
            )
            for year, cell in zip(years, cells, strict=True):
                if cell.startswith(("<", ">")):
                    row.value_texts[year] = cell
                    row.values[year] = None
                else:
                    row.values[year] = parse_vn_number(cell)
            if term_text.startswith(("<", ">")):
                row.aggregate_text = term_text
            else:
                row.aggregate = parse_vn_number(term_text)
            group.rows.append(row)
        groups.append(group)
    return Report(
        kind="term",
        title=f"Kết quả thực hiện các chỉ tiêu phát triển kinh tế - xã hội nhiệm kỳ {first - 1}-{last}",
        period_label=f"nhiệm kỳ {first - 1}-{last}",
        columns=columns,
        groups=groups,
        number="05/BC-UBND",
        date=dt.date(last, 9, 8),
        signature=Signature(name="Nguyễn Văn Mẫu"),
        recipients=["Văn phòng Chính phủ", "Bộ Tài chính", "TT Tỉnh ủy, TT HĐND tỉnh", "Lưu: VT, TH"],
        chart_indicators=["I.1", "I.3"],
    )
