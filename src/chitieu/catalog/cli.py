"""``chitieu catalog …``: look at the indicator catalogue and correct it.

Users see the indicators (shipped and found in documents), confirm the ones added
automatically, rename them, teach new wordings, and merge a duplicate into the indicator it
really is. Messages are Vietnamese; a user's mistake is one line on stderr.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from chitieu.catalog.model import AGGREGATIONS, DIRECTIONS, GROUPS, Catalog, Indicator
from chitieu.console import DbOption, user_errors

catalog_app = typer.Typer(
    name="catalog",
    help="Danh mục chỉ tiêu: xem, xác nhận, đổi tên, thêm cách gọi và gộp chỉ tiêu.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
_out = Console()
_DIRECTION_LABELS = {"up": "càng cao càng tốt", "down": "càng thấp càng tốt", None: "theo các thành phần"}
_AGGREGATION_LABELS = {
    "cagr": "bình quân tăng trưởng (lũy tiến)",
    "mean": "trung bình cộng các năm",
    "sum": "cộng dồn các năm",
    "last": "giá trị năm cuối",
    None: "chưa xác định",
}


def _catalog(db: str | None) -> Catalog:
    from chitieu.catalog.store import load_catalog
    from chitieu.store.db import session_scope

    with session_scope(db) as session:
        return load_catalog(session)


def _status(ind: Indicator) -> str:
    if ind.merged_into:
        return f"đã gộp vào {ind.merged_into}"
    if ind.dismissed:
        return "đã bỏ qua (không phải chỉ tiêu)"
    if not ind.confirmed:
        return "chưa xác nhận"
    return "có sẵn" if ind.shipped else "đã xác nhận"


@catalog_app.command("list")
@user_errors
def list_indicators(
    group: Annotated[str | None, typer.Option("--group", help=f"Chỉ một nhóm: {'; '.join(GROUPS)}.")] = None,
    unconfirmed: Annotated[bool, typer.Option("--unconfirmed", help="Chỉ các chỉ tiêu mới, chưa xác nhận.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Mỗi dòng một đối tượng JSON.")] = False,
    db: DbOption = None,
) -> None:
    """Liệt kê các chỉ tiêu của danh mục."""
    from chitieu.catalog.model import CatalogError

    if group is not None and group not in GROUPS:
        raise CatalogError(f"nhóm chỉ tiêu không hợp lệ: {group!r} (chọn một trong: {'; '.join(GROUPS)})")
    catalog = _catalog(db)
    items = catalog.unconfirmed() if unconfirmed else catalog.all()
    if group is not None:
        items = [ind for ind in items if ind.group == group]
    if as_json:
        for ind in items:
            sys.stdout.write(json.dumps(ind.to_json(), ensure_ascii=False) + "\n")
        return
    title = "Chỉ tiêu chưa xác nhận" if unconfirmed else "Danh mục chỉ tiêu"
    table = Table(title=f"{title}: {len(items)} chỉ tiêu")
    table.add_column("Mã", overflow="fold")
    for col in ("Tên chỉ tiêu", "Nhóm", "Đơn vị", "Chiều", "Tổng hợp", "Trạng thái"):
        table.add_column(col)
    for ind in items:
        table.add_row(
            ind.code,
            ind.name,
            ind.group or "",
            ind.unit or "",
            "↑" if ind.direction == "up" else "↓" if ind.direction == "down" else "",
            ind.aggregation or "",
            _status(ind),
        )
    _out.print(table)


@catalog_app.command("show")
@user_errors
def show(code: Annotated[str, typer.Argument(help="Mã chỉ tiêu.")], db: DbOption = None) -> None:
    """Xem đầy đủ một chỉ tiêu: tên, nhóm, đơn vị, cách đánh giá, cách gọi khác."""
    catalog = _catalog(db)
    raw = catalog.indicators.get(code)
    ind = catalog[code]
    if raw is not None and raw.merged_into:
        _out.print(f"Mã {code} đã được gộp vào [bold]{ind.code}[/].", highlight=False)
    lines = [
        ("Mã", ind.code),
        ("Tên", ind.name),
        ("Nhóm", ind.group or "chưa xác định"),
        ("Đơn vị", ind.unit or "chưa xác định"),
        ("Chiều đánh giá", _DIRECTION_LABELS.get(ind.direction, ind.direction or "")),
        ("Tổng hợp nhiều năm", _AGGREGATION_LABELS.get(ind.aggregation, ind.aggregation or "")),
        ("Chỉ tiêu cha", ind.parent or "không"),
        ("Thành phần", ", ".join(c.code for c in catalog.children(ind.code)) or "không"),
        ("Đánh giá từng năm", "có" if ind.annual else "không"),
        ("Cơ quan báo cáo", ind.agency or "chưa xác định"),
        ("Mã hệ thống chỉ tiêu thống kê", f"{ind.vbqppl_code} ({ind.vbqppl_system})" if ind.vbqppl_code else "chưa gắn"),
        ("Trạng thái", _status(ind)),
    ]
    for label, value in lines:
        _out.print(f"[bold]{label}:[/] {value}", highlight=False)
    _out.print("[bold]Cách gọi khác:[/]", highlight=False)
    for alias in ind.aliases:
        _out.print(f"  - {alias}", highlight=False)


@catalog_app.command("confirm")
@user_errors
def confirm_cmd(
    code: Annotated[str, typer.Argument(help="Mã chỉ tiêu cần xác nhận.")],
    group: Annotated[str | None, typer.Option("--group", help=f"Nhóm: {'; '.join(GROUPS)}.")] = None,
    direction: Annotated[str | None, typer.Option("--direction", help=f"Chiều: {', '.join(DIRECTIONS)}.")] = None,
    aggregation: Annotated[str | None, typer.Option("--aggregation", help=f"Tổng hợp: {', '.join(AGGREGATIONS)}.")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="Đơn vị tính.")] = None,
    db: DbOption = None,
) -> None:
    """Xác nhận một chỉ tiêu mới (có thể đặt nhóm, chiều đánh giá, cách tổng hợp, đơn vị)."""
    from chitieu.catalog.store import confirm
    from chitieu.store.db import session_scope

    with session_scope(db) as session:
        ind = confirm(session, code, group=group, direction=direction, aggregation=aggregation, unit=unit)
    _out.print(f"[green]Đã xác nhận[/] chỉ tiêu {ind.code}: {ind.name}", highlight=False)


@catalog_app.command("dismiss")
@user_errors
def dismiss_cmd(
    codes: Annotated[list[str], typer.Argument(help="Mã các cụm từ chưa xác nhận (new:…) cần bỏ qua.")],
    db: DbOption = None,
) -> None:
    """Bỏ qua cụm từ không phải chỉ tiêu: số liệu vẫn giữ trong tài liệu, không tính vào báo cáo."""
    from chitieu.catalog.store import dismiss
    from chitieu.store.db import session_scope

    with session_scope(db) as session:
        names = [dismiss(session, code).name for code in codes]
    _out.print(f"[green]Đã bỏ qua[/] {len(names)} cụm từ: {'; '.join(names)}", highlight=False)


@catalog_app.command("rename")
@user_errors
def rename_cmd(
    code: Annotated[str, typer.Argument(help="Mã chỉ tiêu.")],
    name: Annotated[str, typer.Argument(help="Tên mới (tiếng Việt có dấu).")],
    db: DbOption = None,
) -> None:
    """Đổi tên một chỉ tiêu; tên cũ được giữ làm cách gọi khác."""
    from chitieu.catalog.store import rename
    from chitieu.store.db import session_scope

    with session_scope(db) as session:
        ind = rename(session, code, name)
    _out.print(f"[green]Đã đổi tên[/] chỉ tiêu {ind.code} thành: {ind.name}", highlight=False)


@catalog_app.command("alias")
@user_errors
def alias_cmd(
    code: Annotated[str, typer.Argument(help="Mã chỉ tiêu.")],
    alias: Annotated[str, typer.Argument(help="Cách gọi khác của chỉ tiêu.")],
    db: DbOption = None,
) -> None:
    """Thêm một cách gọi khác để nhận ra chỉ tiêu trong văn bản."""
    from chitieu.catalog.store import add_alias
    from chitieu.store.db import session_scope

    with session_scope(db) as session:
        ind = add_alias(session, code, alias)
    _out.print(f"[green]Đã thêm cách gọi[/] “{' '.join(alias.split())}” cho chỉ tiêu {ind.code}", highlight=False)


@catalog_app.command("merge")
@user_errors
def merge_cmd(
    code: Annotated[str, typer.Argument(help="Mã chỉ tiêu bị gộp.")],
    into_code: Annotated[str, typer.Argument(help="Mã chỉ tiêu được gộp vào.")],
    db: DbOption = None,
) -> None:
    """Gộp một chỉ tiêu vào chỉ tiêu khác: cách gọi, số liệu và dữ kiện đã lưu chuyển theo."""
    from chitieu.catalog.store import merge
    from chitieu.store.db import session_scope

    with session_scope(db) as session:
        moved = merge(session, code, into_code)
    _out.print(f"[green]Đã gộp[/] {code} vào {into_code} ({moved} dữ kiện được chuyển)", highlight=False)


@catalog_app.command("match")
@user_errors
def match_cmd(
    phrase: Annotated[str, typer.Argument(help="Cụm từ như trong văn bản.")],
    unit: Annotated[str | None, typer.Option("--unit", help="Đơn vị của số liệu đi kèm.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="Số gợi ý tối đa.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Mỗi dòng một gợi ý dạng JSON.")] = False,
    db: DbOption = None,
) -> None:
    """Thử nhận diện chỉ tiêu trong một cụm từ (kể cả văn bản mất dấu do nhận dạng ảnh)."""
    from dataclasses import asdict

    from chitieu.catalog.matcher import match_candidates

    candidates = match_candidates(phrase, unit, limit, catalog=_catalog(db))
    if as_json:
        for m in candidates:
            sys.stdout.write(json.dumps(asdict(m), ensure_ascii=False) + "\n")
        return
    table = Table(title=f"Gợi ý cho “{phrase}”")
    table.add_column("Mã", overflow="fold")
    for col in ("Tên chỉ tiêu", "Điểm", "Cách khớp", "Cụm từ khớp"):
        table.add_column(col)
    for m in candidates:
        table.add_row(m.code, m.name, f"{m.score:.2f}", m.method, m.matched)
    _out.print(table)
