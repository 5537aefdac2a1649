"""``chitieu report``: write the appendix, narrative, charts and tasks for a year, term or period."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from chitieu.console import fail
from chitieu.errors import ChitieuError
from chitieu.evaluate.cli import MAX_YEAR, MIN_YEAR, check_year

if TYPE_CHECKING:  # the report's machinery loads with the command, not with every command
    from chitieu.report.model import Report

FORMATS = ("xlsx", "docx", "html", "pdf", "csv")
err_console = Console(stderr=True)


class BadReportRequest(ChitieuError):
    pass


def parse_period(period: str) -> int:
    """`2024-9M` (nine months of 2024), `2024-6M`, `2024-Q3` → the year whose plan it measures."""
    match = re.fullmatch(r"(\d{4})-(?:(1[0-2]|0?[1-9])M|Q([1-4]))", period.strip(), re.IGNORECASE)
    if not match or not MIN_YEAR <= int(match.group(1)) <= MAX_YEAR:
        raise BadReportRequest(f"kỳ không hợp lệ: {period!r} (ví dụ đúng: 2024-9M, 2024-Q3)")
    return int(match.group(1))


def report_command(
    output: Annotated[Path, typer.Option("-o", "--output", help="Tệp kết quả.")],
    year: Annotated[int | None, typer.Option("--year", help="Năm, ví dụ 2024.")] = None,
    term: Annotated[str | None, typer.Option("--term", help="Nhiệm kỳ, ví dụ 2021-2025.")] = None,
    period: Annotated[str | None, typer.Option("--period", help="Kỳ trong năm, ví dụ 2024-9M.")] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="xlsx | docx | html | pdf | csv (mặc định theo đuôi tệp).")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Địa chỉ cơ sở dữ liệu SQLAlchemy.")] = None,
    charts: Annotated[
        Path | None, typer.Option("--charts", help="Thư mục ghi thêm các biểu đồ dạng PNG và SVG.")
    ] = None,
) -> None:
    """Lập báo cáo kết quả thực hiện chỉ tiêu (phụ lục, thuyết minh, biểu đồ, nhiệm vụ)."""

    try:
        chosen = (fmt or output.suffix.lstrip(".")).lower()
        if chosen not in FORMATS:
            raise BadReportRequest(f"định dạng không hỗ trợ: {chosen or '(trống)'}; chọn một trong {', '.join(FORMATS)}")
        if sum(x is not None for x in (year, term, period)) != 1:
            raise BadReportRequest("cần đúng một trong các tùy chọn --year, --term hoặc --period")
        if year is not None:
            check_year(year)
        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
            disable=not err_console.is_terminal,  # a pipe or log gets only the one-line result
        ) as progress:
            step = progress.add_task("Đang đánh giá các chỉ tiêu…", total=2)
            report = build(db, year, term, period)
            progress.update(step, advance=1, description=f"Đang ghi tệp {chosen.upper()}…")
            from chitieu.report import write_report

            path = write_report(report, chosen, output)
            progress.update(step, advance=1)
            exported = []
            if charts is not None:
                from chitieu.report.charts import export_charts

                exported = export_charts(report, charts)
    except ChitieuError as exc:
        fail(str(exc))
        return
    except OSError as exc:
        fail(f"không ghi được tệp {output}: {exc.strerror or exc}")
        return
    rows = sum(len(g.rows) for g in report.groups)
    err_console.print(f"[green]Đã ghi[/] {path} ({rows} chỉ tiêu, {len(report.tasks)} nhiệm vụ).", highlight=False)
    if report.left_for_review:
        err_console.print(
            f"Không đưa vào báo cáo {report.left_for_review} cụm từ có số liệu {report.period_label} chưa gắn chỉ tiêu "
            "của kế hoạch; rà soát ở trang “Rà soát số liệu” (/review) hoặc lệnh: chitieu catalog list --unconfirmed.",
            highlight=False,
        )
    from chitieu.report.narrative import missing_groups_sentence

    missing = missing_groups_sentence(report).strip()
    if missing:
        err_console.print(missing, highlight=False)
    if charts is not None:
        err_console.print(f"[green]Đã ghi[/] {len(exported)} tệp biểu đồ vào {charts}.", highlight=False)


def build(db: str | None, year: int | None, term: str | None, period: str | None) -> Report:
    from chitieu.evaluate.cli import parse_term
    from chitieu.report.build import build_term_report, build_year_report, require_indicators
    from chitieu.store.db import resolve_url, safe_label, session_scope

    where = f"cơ sở dữ liệu {safe_label(resolve_url(db))}"
    with session_scope(db) as session:
        if term is not None:
            first, last = parse_term(term)
            return require_indicators(build_term_report(session, first, last), where)
        report = build_year_report(session, year if year is not None else parse_period(period or ""))
        if period is not None:
            report.kind = "period"
            report.title = f"Kết quả thực hiện các chỉ tiêu phát triển kinh tế - xã hội {period_label(period)}"
            report.period_label = period_label(period)
        return require_indicators(report, where)


def period_label(period: str) -> str:
    year = parse_period(period)
    match = re.search(r"-(\d{1,2})M", period, re.IGNORECASE)
    if match:
        months = int(match.group(1))
        return f"{months} tháng năm {year}" if months != 6 else f"6 tháng đầu năm {year}"
    quarter = int(period[-1])
    return f"quý {['I', 'II', 'III', 'IV'][quarter - 1]} năm {year}"
