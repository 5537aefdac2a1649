"""Hostile documents through the command line: each is refused with one line and stores nothing,
or is read as plain text only — no entity resolved, no file or network fetched, no macro,
script or attachment run, no memory or time bomb set off.

The database already holds one document, so "nothing stored" means the counts of
``documents``, ``facts`` and ``tasks`` are exactly what they were.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from chitieu.cli import app
from chitieu.ingest.limits import MAX_PAGES_ENV
from chitieu.store.db import get_engine
from hostile_files import HOSTILE, PAYLOAD_MARK, RESOLUTION_LINES, build_pdf

SECRETS = ("root:x:0:0", "/bin/bash", "/usr/sbin/nologin", PAYLOAD_MARK, "AutoOpen", "app.launchURL")


@pytest.fixture(scope="module")
def listener() -> Iterator[socket.socket]:
    """A local port the hostile files point at; nothing may ever connect to it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.setblocking(False)
    yield sock
    sock.close()


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


@pytest.fixture(scope="module")
def hostile_files(hostile_dir: Path, listener: socket.socket) -> dict[str, Path]:
    port = listener.getsockname()[1]
    return {name: case.make(hostile_dir, port) for name, case in HOSTILE.items()}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    d = tmp_path_factory.mktemp("db")
    url = f"sqlite:///{d / 'chitieu.sqlite3'}"
    good = d / "ke-hoach.txt"
    good.write_text("KẾ HOẠCH\nThực hiện nhiệm vụ năm 2024\nI. NHIỆM VỤ\n1. Rà soát quy hoạch.\n"
                    "2. Tăng thu ngân sách.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(good), "--db", url])
    assert result.exit_code == 0, result.output
    return url


def counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in ("documents", "facts", "tasks")}
    finally:
        engine.dispose()


def assert_nothing_escaped(d: Path, listener: socket.socket, output: str) -> None:
    assert "Traceback" not in output
    for secret in SECRETS:
        assert secret not in output, secret
    assert not list(d.glob("*-da-chay")), "a macro or attachment ran"
    with pytest.raises(BlockingIOError):
        listener.accept()  # nobody connected


@pytest.mark.parametrize("case", list(HOSTILE))
def test_ingest_refuses_with_one_line_or_stores_text_only(
    case: str, hostile_files: dict[str, Path], hostile_dir: Path, listener: socket.socket, db: str
) -> None:
    expected = HOSTILE[case]
    before = counts(db)
    result = CliRunner().invoke(app, ["ingest", str(hostile_files[case]), "--db", db])
    assert_nothing_escaped(hostile_dir, listener, result.output)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    if expected.refused_with is not None:
        assert result.exit_code == 1
        assert lines[0].startswith("Lỗi:") and expected.refused_with in lines[0], lines[0]
        assert counts(db) == before
    else:
        assert result.exit_code == 0, result.stderr
        assert lines[0].startswith("Đã lưu"), lines[0]
        after = counts(db)
        assert after["documents"] == before["documents"] + 1


@pytest.mark.parametrize("case", list(HOSTILE))
def test_text_prints_content_only_or_one_line(
    case: str, hostile_files: dict[str, Path], hostile_dir: Path, listener: socket.socket
) -> None:
    expected = HOSTILE[case]
    result = CliRunner().invoke(app, ["text", str(hostile_files[case])])
    assert_nothing_escaped(hostile_dir, listener, result.output)
    if expected.refused_with is not None:
        assert result.exit_code == 1
        assert result.stdout == ""
        assert [line for line in result.stderr.splitlines() if line.strip()] == [result.stderr.strip()]
    else:
        assert result.exit_code == 0, result.stderr
        assert expected.must_read in result.stdout  # text after the hostile part is not lost


def test_xxe_text_keeps_every_sentence(hostile_files: dict[str, Path]) -> None:
    result = CliRunner().invoke(app, ["text", str(hostile_files["docx-xxe"])])
    assert result.stdout.splitlines() == RESOLUTION_LINES


def test_page_limit_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_db_url: str) -> None:
    path = tmp_path / "ba-trang.pdf"
    get_engine(tmp_db_url)  # the schema exists, so "no rows" is a real count
    path.write_bytes(build_pdf([b"Trang %d: bao cao tinh hinh kinh te xa hoi." % i for i in range(3)]))
    assert CliRunner().invoke(app, ["text", str(path)]).exit_code == 0
    monkeypatch.setenv(MAX_PAGES_ENV, "2")
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", tmp_db_url])
    assert result.exit_code == 1
    assert "quá nhiều trang (3)" in result.stderr and "giới hạn là 2 trang" in result.stderr
    assert counts(tmp_db_url)["documents"] == 0
    monkeypatch.setenv(MAX_PAGES_ENV, "nhiều")
    result = CliRunner().invoke(app, ["text", str(path)])
    assert result.exit_code == 1 and MAX_PAGES_ENV in result.stderr
