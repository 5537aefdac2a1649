"""``chitieu evaluate``: one verdict per indicator and period, as JSON lines or a coloured table."""

from __future__ import annotations

import json
import re
import sys
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from chitieu.console import fail
from chitieu.errors import ChitieuError

if TYPE_CHECKING:  # the engine and the number grammar load with the command, not with every command
    from chitieu.evaluate.engine import Evaluation


class BadPeriod(ChitieuError):
    pass


# years a provincial plan can name; anything else is a typing mistake (``--year 224``)
MIN_YEAR, MAX_YEAR = 1945, 2100


def check_year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise BadPeriod(f"năm không hợp lệ: {year} (ví dụ đúng: 2024)")
    return year


def parse_term(term: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{4})\s*[-–/]\s*(\d{4})\s*", term)
    if (
        not match
        or int(match.group(1)) >= int(match.group(2))
        or not MIN_YEAR <= int(match.group(1)) <= int(match.group(2)) <= MAX_YEAR
    ):
        raise BadPeriod(f"nhiệm kỳ không hợp lệ: {term!r} (ví dụ đúng: 2021-2025)")
    return int(match.group(1)), int(match.group(2))


def run_evaluation(db: str | None, year: int | None, term: str | None) -> list[Evaluation]:
    from chitieu.evaluate.engine import evaluate_term, evaluate_year
    from chitieu.evaluate.policy import load_policy
    from chitieu.store.db import session_scope

    if (year is None) == (term is None):
        raise BadPeriod("cần đúng một trong hai tùy chọn --year hoặc --term")
    policy = load_policy()
    with session_scope(db) as session:
        if year is not None:
            return evaluate_year(session, check_year(year), policy)
        first, last = parse_term(term or "")
        return evaluate_term(session, first, last, policy)


def evaluate_command(
    year: Annotated[int | None, typer.Option("--year", help="Năm cần đánh giá, ví dụ 2024.")] = None,
    term: Annotated[str | None, typer.Option("--term", help="Nhiệm kỳ, ví dụ 2021-2025.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Mỗi dòng một đối tượng JSON.")] = False,
    db: Annotated[str | None, typer.Option("--db", help="Địa chỉ cơ sở dữ liệu SQLAlchemy.")] = None,
) -> None:
    """Đánh giá từng chỉ tiêu cho một năm hoặc một nhiệm kỳ, từ dữ liệu đã lưu."""

    try:
        results = run_evaluation(db, year, term)
    except ChitieuError as exc:
        fail(str(exc))
        return
    if as_json:
        for ev in results:
            sys.stdout.write(json.dumps(ev.to_json(), ensure_ascii=False) + "\n")
        return
    print_table(results, f"Đánh giá {'năm ' + str(year) if year else 'nhiệm kỳ ' + str(term)}", db)


def _plan_rows(results: list[Evaluation], db: str | None) -> tuple[list[Evaluation], int]:
    """The plan's indicators, as the reports list them, and how many phrases wait for review."""
    from chitieu.catalog import load_catalog
    from chitieu.evaluate.scope import plan_scope
    from chitieu.store.db import session_scope

    with session_scope(db) as session:
        scope = plan_scope(results, load_catalog(session))
    return scope.rows, len(scope.left_for_review)


def print_table(results: list[Evaluation], title: str, db: str | None) -> None:
    from chitieu.evaluate.rules import CHUA_CO_SO_LIEU, COMPARATOR_WORDS, DAT, KHONG_DANH_GIA, KHONG_DAT, VUOT
    from chitieu.extract.quantities import format_number

    style = {VUOT: "bold green", DAT: "green", KHONG_DAT: "bold red", KHONG_DANH_GIA: "yellow", CHUA_CO_SO_LIEU: "dim"}
    results, left_for_review = _plan_rows(results, db)
    console = Console()
    table = Table(title=title, show_lines=False)
    for col, justify in (
        ("Chỉ tiêu", "left"),
        ("ĐVT", "left"),
        ("Mục tiêu", "right"),
        ("Thực hiện", "right"),
        ("Kỳ", "left"),
        ("% KH", "right"),
        ("Đánh giá", "left"),
    ):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    counts: dict[str, int] = {}
    group = None
    for ev in results:
        if ev.info.group != group:
            group = ev.info.group
            table.add_row(f"[bold]{group[:1].upper() + group[1:]}[/]", *([""] * 6), end_section=False)
        data = ev.to_json()
        target = data["target"]
        target_text = ""
        if target and target["value"] is not None:
            target_text = format_number(target["value"])
            if target["value_high"] is not None:
                target_text += f"-{format_number(target['value_high'])}"
            word = COMPARATOR_WORDS.get(target["comparator"], "")
            target_text = f"{word}{target_text}{' trở lên' if target['comparator'] == '>=' else ''}"
            if target["derived"]:
                target_text += " (suy ra)"
        actual = data["actual"]
        actual_text = ""
        if actual and actual["value"] is not None:
            actual_text = format_number(actual["value"]) + (" (ước)" if actual["estimate"] else "")
        ratio = "" if ev.plan_ratio is None else format_number(round(ev.plan_ratio, 1))
        counts[ev.status_text] = counts.get(ev.status_text, 0) + 1
        table.add_row(
            f"  {ev.info.name}",
            data["unit"] or "",
            target_text,
            actual_text,
            ev.actual.period_label if ev.actual is not None and not ev.annual else ev.period.label,
            ratio,
            f"[{style.get(ev.status, '')}]{ev.status_text}[/]",
        )
    console.print(table)
    summary = ", ".join(f"{status}: {n}" for status, n in counts.items())
    console.print(f"{len(results)} chỉ tiêu. {summary}")
    if left_for_review:
        console.print(f"Ngoài ra {left_for_review} cụm từ có số liệu chưa gắn chỉ tiêu của kế hoạch, chờ rà soát "
                      "(chitieu catalog list --unconfirmed).")
