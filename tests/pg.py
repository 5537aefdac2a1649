"""A real PostgreSQL server for the test session, and the ``db_url`` fixture that runs a test on
both SQLite and PostgreSQL.

The server is started by the tests themselves (``initdb`` into a temporary directory, ``pg_ctl
start`` on a free loopback port, fsync off) and stopped when the session ends, so nothing has to
be running beforehand. ``initdb`` refuses to run as root; as root the cluster belongs to the
``postgres`` system user and the binaries run through ``runuser``. Every test gets its own
database (``CREATE DATABASE``), dropped afterwards. Without PostgreSQL binaries the PostgreSQL
half of each test is skipped with the reason; CI installs them.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class PostgresServer:
    host: str
    port: int
    user: str

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"


def find_pg_bin() -> Path | None:
    """The newest ``/usr/lib/postgresql/<version>/bin`` holding initdb, or ``PG_BIN``."""
    if os.environ.get("PG_BIN"):
        path = Path(os.environ["PG_BIN"])
        return path if (path / "initdb").exists() else None
    candidates = sorted(
        (Path(p) for p in glob.glob("/usr/lib/postgresql/*/bin") if Path(p, "initdb").exists()),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    if candidates:
        return candidates[-1]
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_owner(argv: list[str], owner: str | None) -> list[str]:
    return ["runuser", "-u", owner, "--", *argv] if owner else argv


@contextlib.contextmanager
def running_postgres() -> Iterator[PostgresServer]:
    bin_dir = find_pg_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL not available: no initdb found (install the postgresql package to run the PostgreSQL tests)")
    owner: str | None = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root but there is no postgres system user to run initdb as")
        owner = "postgres"
    base = Path(tempfile.mkdtemp(prefix="chitieu-pg-"))
    if owner:
        entry = pwd.getpwnam(owner)
        os.chown(base, entry.pw_uid, entry.pw_gid)
    data, log = base / "data", base / "server.log"
    port = free_port()
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    subprocess.run(
        _as_owner([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                   "--encoding=UTF8", "--locale=C.UTF-8"], owner),
        check=True, capture_output=True, env=env,
    )
    options = (f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
    start = subprocess.run(
        _as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60", "start"], owner),
        capture_output=True, text=True, env=env,
    )
    if start.returncode != 0:
        detail = log.read_text(errors="replace")[-2000:] if log.exists() else start.stderr
        shutil.rmtree(base, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {start.stderr}\n{detail}")
    try:
        yield PostgresServer("127.0.0.1", port, "postgres")
    finally:
        subprocess.run(
            _as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], owner),
            capture_output=True, env=env,
        )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    with running_postgres() as server:
        yield server


def _admin_execute(server: PostgresServer, statement: str) -> None:
    import psycopg

    with psycopg.connect(host=server.host, port=server.port, user=server.user, dbname="postgres", autocommit=True) as conn:
        conn.execute(statement)  # type: ignore[arg-type]


@contextlib.contextmanager
def fresh_postgres_database(server: PostgresServer) -> Iterator[str]:
    """A new empty database on ``server``; dropped (connections closed) afterwards."""
    name = f"t_{uuid.uuid4().hex[:16]}"
    _admin_execute(server, f'CREATE DATABASE "{name}"')
    url = server.url(name)
    try:
        yield url
    finally:
        from chitieu.store.db import get_engine

        get_engine.cache_clear()
        with contextlib.suppress(Exception):
            _admin_execute(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database, once on SQLite (a file in ``tmp_path``) and once on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'chitieu.sqlite3'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    with fresh_postgres_database(server) as url:
        yield url
