"""``chitieu demo`` (what ``make run`` does): load the bundled sample documents, evaluate, serve.

The samples are short documents of a fictional province ("tỉnh Sơn Hà") written in the forms
real ones arrive in: a resolution with 2024 targets (Markdown export), nine-month reports of
2023 and 2024 and an annual report of 2023 (plain text and Markdown; the 2023 figures give the
2024 forecast its seasonal history), an implementation plan with tasks, and a term-evaluation
table.

Running the demo twice must add nothing and must not lock the user out: samples already stored
(same content or same file name) are skipped, the administrator is created only on a database
without users, and its password is also written to a file only the user can read, so someone
who missed the console line can still log in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
import socket
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from chitieu.console import user_errors
from chitieu.errors import ChitieuError

console = Console()

DEMO_YEAR = 2024
DEMO_TERM = "2021-2025"
ADMIN = "admin"

# Progress the departments reported on the sample plan's tasks, so the task list shows every
# status of Quyết định 42/2014/QĐ-TTg (on time, late, overdue, in progress) on the first day.
PLAN_SAMPLE = "03_ke_hoach_trien_khai_2024.txt"
SAMPLE_PROGRESS: dict[str, tuple[dt.date, str]] = {
    "B.I.1.a": (dt.date(2024, 1, 29), "Đã trình UBND tỉnh ban hành quyết định giao kế hoạch vốn đầu tư công năm 2024."),
    "B.I.2.a": (dt.date(2024, 12, 27), "Giải quyết việc làm cho 8.450 lao động; báo cáo gửi chậm so với thời hạn."),
}


@dataclass(frozen=True)
class LoadResult:
    added: list[str]
    present: list[str]


def sample_paths() -> list[Path]:
    folder = resources.files("chitieu") / "samples"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name[0].isdigit())


def load_samples(db: str | None) -> LoadResult:
    """Ingest every sample not stored yet (by content or by file name)."""
    from sqlalchemy import select

    from chitieu.pipeline import extract_facts, read_document
    from chitieu.store import models
    from chitieu.store.db import session_scope
    from chitieu.store.documents import store_document

    with session_scope(db) as session:
        stored = set(session.scalars(select(models.Document.name)))
    added: list[str] = []
    present: list[str] = []
    for path in sample_paths():
        if path.name in stored:
            present.append(path.name)
            continue
        doc = read_document(path)
        extract_facts(doc)
        with session_scope(db) as session:
            (added if store_document(session, doc).created else present).append(path.name)
    return LoadResult(added, present)


def record_sample_progress(db: str | None, username: str) -> int:
    """Mark the sample plan's tasks as the departments reported them; returns how many changed.

    Only tasks nobody has touched are written, so a user's own updates are never overwritten.
    """
    from sqlalchemy import select

    from chitieu.store import models
    from chitieu.store.db import session_scope

    changed = 0
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with session_scope(db) as session:
        tasks = session.scalars(
            select(models.Task).join(models.Document).where(
                models.Document.name == PLAN_SAMPLE, models.Task.code.in_(SAMPLE_PROGRESS),
                models.Task.updated_at.is_(None),
            )
        )
        for task in tasks:
            completed_on, note = SAMPLE_PROGRESS[task.code]
            task.completed_on, task.progress_note = completed_on, note
            task.updated_by, task.updated_at, task.version = username, now, task.version + 1
            session.add(models.AuditLog(
                username=username, action="update_progress", entity="task", entity_id=str(task.id),
                before={"completed_on": None, "progress_note": None, "version": task.version - 1},
                after={"completed_on": completed_on.isoformat(), "progress_note": note, "version": task.version},
            ))
            changed += 1
    return changed


def credentials_file(db: str | None) -> Path:
    """Where the demo administrator's password is kept: one file per database, in the user's
    data directory (next to the default SQLite database)."""
    import platformdirs

    from chitieu.store.db import default_url, resolve_url

    folder = Path(platformdirs.user_data_dir("chitieu", appauthor=False))
    url = resolve_url(db)
    if url == default_url():
        return folder / "tai-khoan-quan-tri.txt"
    digest = hashlib.sha256(url.encode()).hexdigest()[:8]
    return folder / f"tai-khoan-quan-tri-{digest}.txt"


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` readable by its owner only (0600), whatever the umask."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(path, 0o600)


def ensure_demo_admin(db: str | None) -> tuple[str, str] | None:
    """Create an administrator on an empty user table so the demo can be logged into; returns
    (name, password) when one was created, None when accounts exist already."""
    from sqlalchemy import func, select

    from chitieu.store import models
    from chitieu.store.db import resolve_url, session_scope
    from chitieu.users import create_user

    with session_scope(db) as session:
        if session.scalar(select(func.count()).select_from(models.User)):
            return None
        password = secrets.token_urlsafe(12)
        create_user(session, ADMIN, password, "admin")
    _write_private(
        credentials_file(db),
        f"Tài khoản quản trị chitieu (tạo ngày {dt.date.today():%d/%m/%Y})\n"
        f"Cơ sở dữ liệu: {resolve_url(db)}\n"
        f"Tên đăng nhập: {ADMIN}\n"
        f"Mật khẩu: {password}\n",
    )
    return ADMIN, password


def _existing_admin(db: str | None) -> str | None:
    from sqlalchemy import select

    from chitieu.store import models
    from chitieu.store.db import session_scope

    with session_scope(db) as session:
        names = list(session.scalars(
            select(models.User.username).where(models.User.role == "admin", models.User.active.is_(True))
            .order_by(models.User.id)
        ))
    return names[0] if names else None


def _db_option(db: str | None) -> str:
    return f" --db {db}" if db else ""


def check_port_free(host: str, port: int) -> None:
    """Fail with a clear message before loading the web application when the port is taken
    (most often: the demo already runs in another window)."""
    if not 0 <= port <= 65535:
        raise ChitieuError(f"cổng {port} không hợp lệ: cần một số từ 1 đến 65535")
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise ChitieuError(
                f"cổng {port} trên {host} đang được dùng (có thể chitieu đã chạy ở cửa sổ khác: mở "
                f"http://{host}:{port}); hoặc chạy trên cổng khác: chitieu demo --port {port + 1}"
            ) from exc


def _print_login(db: str | None, account: tuple[str, str] | None) -> None:
    path = credentials_file(db)
    if account:
        console.print(
            f"Tài khoản quản trị vừa tạo: tên đăng nhập [bold]{account[0]}[/], mật khẩu [bold]{account[1]}[/]",
            highlight=False,
        )
        console.print(f"(đã lưu vào {path}, chỉ tài khoản của bạn đọc được)", highlight=False)
        return
    admin = _existing_admin(db) or ADMIN
    console.print(
        f"Tài khoản đã có sẵn: đăng nhập bằng tài khoản đã tạo trước đó (quản trị viên: [bold]{admin}[/]).",
        highlight=False,
    )
    if path.exists():
        console.print(f"Mật khẩu tạo ở lần chạy đầu được lưu trong {path}", highlight=False)
    console.print(f"Quên mật khẩu: đặt lại bằng [bold]chitieu user password {admin}{_db_option(db)}[/]", highlight=False)
    console.print(f"  hoặc tạo tài khoản mới: [bold]chitieu user add TÊN --role admin{_db_option(db)}[/]", highlight=False)


@user_errors
def demo_command(
    db: Annotated[str | None, typer.Option("--db", help="Địa chỉ cơ sở dữ liệu SQLAlchemy.")] = None,
    host: Annotated[str, typer.Option("--host", help="Địa chỉ lắng nghe.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Cổng.")] = 8000,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Chỉ nạp và đánh giá, không chạy web.")] = False,
) -> None:
    """Nạp tài liệu mẫu, đánh giá năm 2024 và nhiệm kỳ 2021-2025, rồi mở ứng dụng web."""
    from chitieu.evaluate.cli import print_table, run_evaluation
    from chitieu.store.db import resolve_url

    if not no_serve:
        check_port_free(host, port)
    loaded = load_samples(db)
    console.print(f"Cơ sở dữ liệu: {resolve_url(db)}", highlight=False)
    if loaded.added:
        console.print(f"Đã nạp {len(loaded.added)} tài liệu mẫu (tỉnh Sơn Hà, giả định):", highlight=False)
        for name in loaded.added:
            console.print(f"  + {name}", highlight=False)
    if loaded.present and not loaded.added:
        console.print(
            f"Tài liệu mẫu đã được nạp từ trước ({len(loaded.present)} tài liệu); không nạp lại.", highlight=False
        )
    elif loaded.present:
        console.print(f"Đã có từ trước, không nạp lại: {', '.join(loaded.present)}", highlight=False)
    account = ensure_demo_admin(db)
    if PLAN_SAMPLE in loaded.added:
        record_sample_progress(db, account[0] if account else (_existing_admin(db) or ADMIN))
    print_table(run_evaluation(db, DEMO_YEAR, None), f"Đánh giá năm {DEMO_YEAR} (tài liệu mẫu)", db)
    term = run_evaluation(db, None, DEMO_TERM)
    judged = [ev for ev in term if ev.target is not None or ev.official_status]
    print_table(judged, f"Đánh giá nhiệm kỳ {DEMO_TERM} (tài liệu mẫu)", db)
    if len(judged) < len(term):
        console.print(
            f"({len(term) - len(judged)} chỉ tiêu khác chỉ có số liệu từng năm, không có mục tiêu nhiệm kỳ: "
            f"xem bằng chitieu evaluate --term {DEMO_TERM})",
            highlight=False,
        )
    _print_login(db, account)
    if no_serve:
        return
    from chitieu.web.commands import serve

    serve(host=host, port=port, db=db)
    console.print("Đã dừng ứng dụng web.", highlight=False)
