"""What every ``chitieu`` command shares: the ``--db`` option and one-line errors on stderr.

Kept apart from ``chitieu.cli`` so sub-applications (catalogue, users, evaluation, reports)
use the same pieces without importing the root command line.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console

from chitieu.errors import ChitieuError

console = Console()
err_console = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Địa chỉ cơ sở dữ liệu SQLAlchemy (mặc định: CHITIEU_DB hoặc tệp SQLite của người dùng)."),
]


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a one-line error to stderr and exit non-zero."""
    err_console.print(f"[bold red]Lỗi:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def first_line(exc: BaseException) -> str:
    text = str(exc)
    return text.splitlines()[0] if text else type(exc).__name__


def user_errors(func: F) -> F:
    """Turn a user's mistake (``ChitieuError``) into a one-line message instead of a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ChitieuError as exc:
            fail(first_line(exc))
        except KeyboardInterrupt:
            fail("đã dừng theo yêu cầu.", 130)

    return wrapper  # type: ignore[return-value]
