"""Every command, pointed at a database it cannot use or given wrong options, says why in one
line on stderr and exits non-zero: never a traceback, never a half-started server.

Complements ``test_contract_cli.py`` (bad files, bad years and periods for evaluate/report):
here every command that opens the database is tried against each kind of unusable ``--db``.
"""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chitieu.cli import app

GOOD_TEXT = "NGHỊ QUYẾT\nVề kế hoạch năm 2024\n(1) Thu ngân sách đạt 3.150 tỷ đồng.\n"


def _not_a_database(tmp: Path) -> str:
    path = tmp / "khong-phai-csdl.sqlite3"
    path.write_text("đây là văn bản, không phải cơ sở dữ liệu\n" * 50, encoding="utf-8")
    return f"sqlite:///{path}"


def _future_schema(tmp: Path) -> str:
    path = tmp / "luoc-do-moi-hon.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('9999_tu_phien_ban_sau')")
    return f"sqlite:///{path}"


def _under_a_file(tmp: Path) -> str:
    (tmp / "tep-thuong").write_text("x", encoding="utf-8")
    return f"sqlite:///{tmp / 'tep-thuong' / 'thu-muc' / 'x.db'}"


BAD_DBS = {
    # name: (builder, a word the message must contain)
    "folder-under-a-file": (_under_a_file, "thư mục"),
    "not-a-database": (_not_a_database, "không dùng được"),
    "future-schema": (_future_schema, "lược đồ"),
    "wrong-scheme": (lambda _t: "mongodb://127.0.0.1/chitieu", "không dùng được"),
    "no-driver": (lambda _t: "mysql://ai@127.0.0.1/chitieu", "không dùng được"),
    "not-a-url": (lambda _t: "chỉ là chữ", "không dùng được"),
    "unreachable-postgresql": (lambda _t: "postgresql+psycopg://x@127.0.0.1:1/none", "không kết nối được"),
}

# Every command that opens the database, with arguments that are otherwise right.
DB_COMMANDS = {
    "ingest": ["ingest", "{good}"],
    "docs": ["docs"],
    "evaluate-year": ["evaluate", "--year", "2024", "--json"],
    "evaluate-term": ["evaluate", "--term", "2021-2025"],
    "report": ["report", "--year", "2024", "--format", "csv", "-o", "{tmp}/bao-cao.csv"],
    "serve": ["serve", "--port", "1"],
    "demo": ["demo", "--no-serve"],
    "user-add": ["user", "add", "can-bo", "--role", "viewer", "--password", "mat-khau-dai-12345"],
    "user-password": ["user", "password", "can-bo", "--password", "mat-khau-dai-12345"],
    "user-list": ["user", "list"],
    "catalog-list": ["catalog", "list"],
    "catalog-show": ["catalog", "show", "NS.THU"],
    "catalog-rename": ["catalog", "rename", "NS.THU", "Thu ngân sách"],
    "catalog-alias": ["catalog", "alias", "NS.THU", "thu NSNN"],
    "catalog-merge": ["catalog", "merge", "NS.THU", "NS.CHI"],
    "catalog-confirm": ["catalog", "confirm", "NS.THU"],
}


def assert_one_line_error(result: object) -> str:
    stderr = result.stderr  # type: ignore[attr-defined]
    output = result.output  # type: ignore[attr-defined]
    assert result.exit_code not in (0, None), output  # type: ignore[attr-defined]
    assert "Traceback" not in output and "Error:" not in output.replace("Lỗi:", ""), output
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


def _args(template: list[str], tmp: Path) -> list[str]:
    good = tmp / "nghi-quyet.txt"
    if not good.exists():
        good.write_text(GOOD_TEXT, encoding="utf-8")
    return [a.format(tmp=tmp, good=good) for a in template]


@pytest.mark.parametrize("db_case", list(BAD_DBS))
@pytest.mark.parametrize("command", list(DB_COMMANDS))
def test_an_unusable_database_is_one_line(command: str, db_case: str, tmp_path: Path) -> None:
    make_url, word = BAD_DBS[db_case]
    url = make_url(tmp_path)
    result = CliRunner().invoke(app, [*_args(DB_COMMANDS[command], tmp_path), "--db", url])
    line = assert_one_line_error(result)
    assert word in line, line
    assert "mat-khau" not in line  # no secret from the command line echoed


@pytest.mark.parametrize("db_case", ["not-a-database", "unreachable-postgresql"])
def test_the_environment_variable_is_checked_the_same_way(db_case: str, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    make_url, word = BAD_DBS[db_case]
    monkeypatch.setenv("CHITIEU_DB", make_url(tmp_path))
    result = CliRunner().invoke(app, ["docs"])
    assert word in assert_one_line_error(result)


WRONG_USAGE = [
    ["ingest"],
    ["ingest", "--db"],
    ["text", "--json", "{good}"],
    ["extract", "{good}", "--format", "xml"],
    ["docs", "thua-doi-so"],
    ["serve", "--port", "cổng"],
    ["serve", "--port", "99999999999999999999"],
    ["user", "add"],
    ["user", "add", "ai", "--role", "vua"],
    ["user", "password"],
    ["catalog", "show"],
    ["catalog", "rename", "NS.THU"],
    ["catalog", "merge", "NS.THU"],
    ["catalog", "match"],
    ["report", "--year", "2024", "--format"],
    ["evaluate", "--year", "99999999999999999999999"],
    ["demo", "--port", "-1", "--no-serve", "--db"],
]


@pytest.mark.parametrize("args", WRONG_USAGE, ids=" ".join)
def test_wrong_or_missing_options_are_one_line(args: list[str], tmp_path: Path) -> None:
    db = ["--db", f"sqlite:///{tmp_path / 'db.sqlite3'}"] if "--db" not in args and args[0] in {
        "user", "catalog", "serve", "evaluate", "report"} else []
    assert_one_line_error(CliRunner().invoke(app, [*_args(args, tmp_path), *db]))


def test_the_installed_command_prints_no_traceback_for_a_broken_database(tmp_path: Path) -> None:
    exe = Path(__file__).parents[1] / ".venv" / "bin" / "chitieu"
    if not exe.exists():
        pytest.skip("console script not installed")
    good = tmp_path / "nghi-quyet.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    result = subprocess.run([str(exe), "ingest", str(good), "--db", _not_a_database(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1, result.stderr


def test_serve_on_a_taken_port_is_one_line(tmp_path: Path) -> None:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = CliRunner().invoke(app, ["serve", "--port", str(port), "--db", f"sqlite:///{tmp_path / 'db.sqlite3'}"])
    assert f"127.0.0.1:{port}" in assert_one_line_error(result)
