"""Command-line entry points of the web side: ``chitieu user …`` and ``chitieu serve``.

Kept apart from ``chitieu.cli`` so that the main command line only registers them; FastAPI and
uvicorn are imported when a command runs, not when ``chitieu`` starts.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from chitieu.console import DbOption, fail
from chitieu.errors import ChitieuError

console = Console()

user_app = typer.Typer(
    name="user",
    help="Quản lý tài khoản người dùng của ứng dụng web.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)



@user_app.command("add")
def user_add(
    username: Annotated[str, typer.Argument(help="Tên đăng nhập.")],
    role: Annotated[str, typer.Option("--role", help="admin | planner | reporter | viewer")] = "viewer",
    agency: Annotated[str | None, typer.Option("--agency", help="Cơ quan của cán bộ báo cáo, ví dụ \"Sở Tài chính\".")] = None,
    full_name: Annotated[str | None, typer.Option("--name", help="Họ và tên.")] = None,
    password: Annotated[
        str | None, typer.Option("--password", help="Mật khẩu (nếu bỏ trống sẽ được hỏi, không hiện trên màn hình).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Tạo một tài khoản (ví dụ quản trị viên đầu tiên: chitieu user add admin --role admin)."""
    from chitieu.store.db import session_scope
    from chitieu.users import ROLE_LABELS, create_user, validate_role

    try:
        validate_role(role, agency)
        if password is None:
            password = typer.prompt("Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại mật khẩu")
        with session_scope(db) as session:
            user = create_user(session, username, password, role, agency=agency, full_name=full_name)
            label = ROLE_LABELS[user.role]
            where = f", {user.agency}" if user.agency else ""
        console.print(f"[green]Đã tạo tài khoản[/] {username} ({label}{where}).", highlight=False)
    except ChitieuError as exc:
        fail(str(exc))


@user_app.command("password")
def user_password(
    username: Annotated[str, typer.Argument(help="Tên đăng nhập.")],
    password: Annotated[
        str | None, typer.Option("--password", help="Mật khẩu mới (nếu bỏ trống sẽ được hỏi, không hiện trên màn hình).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Đặt lại mật khẩu của một tài khoản (ví dụ khi quên mật khẩu quản trị: chitieu user password admin)."""
    from chitieu.store.db import session_scope
    from chitieu.users import find_user, set_password, validate_password

    try:
        with session_scope(db) as session:
            if find_user(session, username) is None:
                raise ChitieuError(f"không có tài khoản {username!r} (xem: chitieu user list).")
        if password is None:
            password = typer.prompt("Mật khẩu mới", hide_input=True, confirmation_prompt="Nhập lại mật khẩu")
        validate_password(password)
        with session_scope(db) as session:
            user = find_user(session, username)
            assert user is not None
            set_password(session, user, password)
        console.print(f"[green]Đã đặt lại mật khẩu[/] cho {username}.", highlight=False)
    except ChitieuError as exc:
        fail(str(exc))


@user_app.command("list")
def user_list(db: DbOption = None) -> None:
    """Liệt kê các tài khoản."""
    from chitieu.store.db import session_scope
    from chitieu.users import ROLE_LABELS, list_users

    table = Table(title="Người dùng")
    for col in ("Tên đăng nhập", "Họ và tên", "Vai trò", "Cơ quan", "Trạng thái"):
        table.add_column(col)
    try:
        with session_scope(db) as session:
            for user in list_users(session):
                table.add_row(
                    user.username,
                    user.full_name or "",
                    ROLE_LABELS.get(user.role, user.role),
                    user.agency or "",
                    "đang hoạt động" if user.active else "đã khóa",
                )
    except ChitieuError as exc:
        fail(str(exc))
    console.print(table)


def check_listen_address(host: str, port: int) -> None:
    """Refuse a port or host the server could not listen on, before anything starts.

    uvicorn would otherwise report a bad port or a taken one with log lines and a traceback.
    """
    import socket

    if not 0 <= port <= 65535:
        raise ChitieuError(f"cổng {port} không hợp lệ: cần một số từ 1 đến 65535")
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except (OSError, UnicodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise ChitieuError(f"không lắng nghe được trên {host}:{port} ({reason})") from None


def serve(
    host: Annotated[str, typer.Option("--host", help="Địa chỉ lắng nghe.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Cổng.")] = 8000,
    db: DbOption = None,
) -> None:
    """Chạy ứng dụng web (mặc định http://127.0.0.1:8000; API JSON tại /api/, tài liệu API tại /docs)."""
    import uvicorn

    from chitieu.web.app import create_app

    try:
        check_listen_address(host, port)
        application = create_app(db)
    except ChitieuError as exc:
        fail(str(exc))
    console.print(f"Ứng dụng chạy tại http://{host}:{port} (Ctrl+C để dừng)", highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="info", proxy_headers=False)
