"""``chitieu demo`` (what ``make run`` does): load the bundled sample documents, evaluate, serve.

The samples are short documents of a fictional province ("tỉnh Sơn Hà") written in the forms
real ones arrive in: a resolution with targets (Markdown export), a nine-month report with
plan ratios (plain text), an implementation plan with tasks, and a term-evaluation table.
"""

from __future__ import annotations

import secrets
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

console = Console()

DEMO_YEAR = 2024
DEMO_TERM = "2021-2025"


def sample_paths() -> list[Path]:
    folder = resources.files("chitieu") / "samples"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name[0].isdigit())


def load_samples(db: str | None) -> int:
    """Ingest every sample not stored yet; returns how many were added."""
    from chitieu.pipeline import extract_facts, read_document
    from chitieu.store.db import session_scope
    from chitieu.store.documents import store_document

    added = 0
    for path in sample_paths():
        doc = read_document(path)
        extract_facts(doc)
        with session_scope(db) as session:
            added += store_document(session, doc).created
    return added


def ensure_demo_admin(db: str | None) -> tuple[str, str] | None:
    """Create an administrator on an empty user table so the demo can be logged into."""
    from sqlalchemy import func, select

    from chitieu.store import models
    from chitieu.store.db import session_scope
    from chitieu.users import create_user

    with session_scope(db) as session:
        if session.scalar(select(func.count()).select_from(models.User)):
            return None
        password = secrets.token_urlsafe(9)
        create_user(session, "admin", password, "admin", full_name="Quản trị viên")
        return "admin", password


def demo_command(
    db: Annotated[str | None, typer.Option("--db", help="Địa chỉ cơ sở dữ liệu SQLAlchemy.")] = None,
    host: Annotated[str, typer.Option("--host", help="Địa chỉ lắng nghe.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Cổng.")] = 8000,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Chỉ nạp và đánh giá, không chạy web.")] = False,
) -> None:
    """Nạp tài liệu mẫu, đánh giá năm 2024 và nhiệm kỳ 2021-2025, rồi mở ứng dụng web."""
    from chitieu.evaluate.cli import print_table, run_evaluation
    from chitieu.store.db import resolve_url

    added = load_samples(db)
    console.print(f"Cơ sở dữ liệu: {resolve_url(db)}; đã nạp thêm {added} tài liệu mẫu.", highlight=False)
    print_table(run_evaluation(db, DEMO_YEAR, None), f"Đánh giá năm {DEMO_YEAR} (tài liệu mẫu)")
    print_table(run_evaluation(db, None, DEMO_TERM), f"Đánh giá nhiệm kỳ {DEMO_TERM} (tài liệu mẫu)")
    if no_serve:
        return
    account = ensure_demo_admin(db)
    if account:
        console.print(
            f"Tài khoản quản trị: [bold]{account[0]}[/], mật khẩu [bold]{account[1]}[/] "
            "(đổi bằng: chitieu user add …)",
            highlight=False,
        )
    from chitieu.web.commands import serve

    serve(host=host, port=port, db=db)
