"""Where the database is and how to open it.

SQLite in the user's data directory by default; any SQLAlchemy URL through ``--db`` or the
``CHITIEU_DB`` environment variable (e.g. ``postgresql+psycopg://user@host/chitieu`` for a
shared deployment). The schema is created and upgraded by Alembic migrations.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import platformdirs
from alembic.util import CommandError as AlembicCommandError
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from chitieu.errors import ChitieuError

ENV_VAR = "CHITIEU_DB"


def default_url() -> str:
    data_dir = Path(platformdirs.user_data_dir("chitieu", appauthor=False))
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / 'chitieu.sqlite3'}"


def resolve_url(url: str | None = None) -> str:
    return url or os.environ.get(ENV_VAR) or default_url()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


@lru_cache(maxsize=16)
def get_engine(url: str | None = None, migrate: bool = True) -> Engine:
    """Engine for ``url`` with the schema brought up to date (once per process and URL)."""
    resolved = resolve_url(url)
    if resolved.startswith("sqlite:///"):
        try:
            Path(resolved.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # a parent that is a file, a read-only or forbidden directory
            raise ChitieuError(
                f"không tạo được thư mục cho cơ sở dữ liệu {safe_label(resolved)}: "
                + ("trong đường dẫn có một tệp, không phải thư mục"
                   if isinstance(exc, FileExistsError | NotADirectoryError) else str(exc.strerror or exc))
            ) from None
    try:
        engine = create_engine(resolved, future=True, pool_pre_ping=True)
    except (ArgumentError, ImportError) as exc:
        # a mistyped --db / CHITIEU_DB, or a database whose driver is not installed
        raise ChitieuError(f"địa chỉ cơ sở dữ liệu không dùng được: {safe_label(resolved)} ({_first_line(exc)})") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate:
        from chitieu.store.migrate import upgrade

        try:
            upgrade(engine)
        except OperationalError as exc:
            raise ChitieuError(
                f"không kết nối được cơ sở dữ liệu {safe_label(resolved)}: {_first_line(exc.orig or exc)}"
            ) from None
        except DBAPIError as exc:  # e.g. --db naming a file that is not a SQLite database
            raise ChitieuError(
                f"không dùng được cơ sở dữ liệu {safe_label(resolved)}: {_first_line(exc.orig or exc)}"
            ) from None
        except AlembicCommandError as exc:  # a schema revision this version does not know (a newer release)
            raise ChitieuError(
                f"cơ sở dữ liệu {safe_label(resolved)} có lược đồ không nhận ra ({_first_line(exc)}); "
                "hãy dùng phiên bản chitieu mới hơn"
            ) from None
    return engine


def safe_label(url: str) -> str:
    """The URL as a user may see it in a message: never with its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(địa chỉ không hợp lệ)"


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


@contextmanager
def transaction(session: Session) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back on any error, then closed."""
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A new session on ``url`` in one transaction (see ``transaction``)."""
    with transaction(sessionmaker(bind=get_engine(url), expire_on_commit=False)()) as session:
        yield session
