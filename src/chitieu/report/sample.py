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
