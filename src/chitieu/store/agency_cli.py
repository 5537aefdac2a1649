"""``chitieu agency``: the province's bodies (sở, ban, ngành, UBND xã …) and their other names."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from chitieu.console import DbOption, console, user_errors

agency_app = typer.Typer(
    name="agency",
    help="Danh sách cơ quan, đơn vị của tỉnh và các cách gọi khác (dùng để chuẩn hóa chủ trì, phối hợp).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@agency_app.command("list")
@user_errors
def list_command(db: DbOption = None) -> None:
    """Liệt kê các cơ quan: danh mục có sẵn và những cơ quan người dùng đã thêm."""
    from chitieu.store.agencies import list_agencies
    from chitieu.store.db import session_scope

    table = Table(title="Cơ quan, đơn vị")
    for col in ("Tên", "Viết tắt", "Cách gọi khác", "Nguồn"):
        table.add_column(col)
    with session_scope(db) as session:
        for entry in list_agencies(session):
            table.add_row(entry.name, entry.short or "", "; ".join(entry.aliases), entry.source)
    console.print(table)


@agency_app.command("add")
@user_errors
def add_command(
    name: Annotated[str, typer.Argument(help="Tên đầy đủ, ví dụ \"Sở Nông nghiệp và Môi trường\".")],
    short: Annotated[str | None, typer.Option("--short", help="Tên viết tắt.")] = None,
    alias: Annotated[list[str] | None, typer.Option("--alias", help="Cách gọi khác (lặp lại được).")] = None,
    db: DbOption = None,
) -> None:
    """Thêm cơ quan hoặc cách gọi khác; nhiệm vụ đã lưu được chuẩn hóa lại theo tên này."""
    from chitieu.store.agencies import add_agency
    from chitieu.store.db import session_scope

    with session_scope(db) as session:
        changed = add_agency(session, name, short, tuple(alias or ()))
    console.print(f"[green]Đã lưu[/] {name}; {changed} nhiệm vụ được cập nhật tên cơ quan.", highlight=False)
