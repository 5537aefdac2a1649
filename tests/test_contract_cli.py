"""CONTRACT.md on errors: a user's mistake is one line on stderr and a non-zero exit, never a traceback.

Each case runs the installed ``chitieu`` as a user would, from the repository root. The line
starts with "Lỗi" and is Vietnamese; Typer's framed usage box is not used (a usage mistake is
as much a user's mistake as a missing file).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from test_contract import REPO, SAMPLES, chitieu


def _missing(d: Path) -> list[str]:
    return [str(d / "khong-co.docx")]


def _directory(d: Path) -> list[str]:
    return [str(d)]


def _unknown_format(d: Path) -> list[str]:
    path = d / "bang-tinh.xyz"
    path.write_text("Chỉ tiêu;Kế hoạch\n", encoding="utf-8")
    return [str(path)]


def _binary_as_text(d: Path) -> list[str]:
    path = d / "bao-cao.txt"
    path.write_bytes(bytes(range(256)) * 40)
    return [str(path)]


def _broken_utf16(d: Path) -> list[str]:
    path = d / "bao-cao-utf16.txt"
    path.write_bytes(b"\xff\xfe\x00\xd8\x41")
    return [str(path)]


def _empty(d: Path) -> list[str]:
    path = d / "rong.txt"
    path.write_bytes(b"")
    return [str(path)]


def _pdf_that_is_not(d: Path) -> list[str]:
    path = d / "bao-cao.pdf"
    path.write_text("Đây không phải là tệp PDF", encoding="utf-8")
    return [str(path)]


BAD_FILES: dict[str, Callable[[Path], list[str]]] = {
    "missing": _missing,
    "directory": _directory,
    "unknown-format": _unknown_format,
    "binary-as-text": _binary_as_text,
    "broken-utf16": _broken_utf16,
    "empty": _empty,
    "pdf-that-is-not": _pdf_that_is_not,
}


def assert_one_line_error(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Lỗi"), lines[0]
    assert "╭" not in lines[0] and "Usage:" not in lines[0]


@pytest.mark.parametrize("command", ["text", "extract", "ingest"])
@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_is_one_line(command: str, case: str, tmp_path: Path) -> None:
    args = BAD_FILES[case](tmp_path)
    extra = ["--json"] if command == "extract" else []
    if command == "ingest":
        extra = ["--db", f"sqlite:///{tmp_path / 'db.sqlite3'}"]
    result = chitieu(command, *args, *extra)
    assert_one_line_error(result)
    assert result.stdout == ""


BAD_OPTIONS = [
    pytest.param(["evaluate", "--year", "abc"], id="year-not-a-number"),
    pytest.param(["evaluate", "--year", "-5"], id="year-negative"),
    pytest.param(["evaluate", "--year", "20245"], id="year-five-digits"),
    pytest.param(["evaluate", "--year"], id="year-without-value"),
    pytest.param(["evaluate", "--term", "2025"], id="term-one-year"),
    pytest.param(["evaluate", "--term", "2025-2021"], id="term-backwards"),
    pytest.param(["evaluate", "--term", "abc-def"], id="term-words"),
    pytest.param(["evaluate", "--json"], id="evaluate-without-period"),
    pytest.param(["evaluate", "--year", "2024", "--term", "2021-2025"], id="year-and-term"),
    pytest.param(["evaluate", "--year", "2024", "--format", "xlsx"], id="evaluate-unknown-option"),
    pytest.param(["report", "--year", "2024", "--format", "xyz", "-o", "{tmp}/r.xyz"], id="format-xyz"),
    pytest.param(["report", "--year", "2024", "-o", "{tmp}/r.odt"], id="suffix-odt"),
    pytest.param(["report", "--year", "abc", "-o", "{tmp}/r.xlsx"], id="report-year-abc"),
    pytest.param(["report", "--term", "2025", "-o", "{tmp}/r.xlsx"], id="report-term-2025"),
    pytest.param(["report", "--period", "2024-13M", "-o", "{tmp}/r.xlsx"], id="period-13-months"),
    pytest.param(["report", "--period", "9 tháng", "-o", "{tmp}/r.xlsx"], id="period-words"),
    pytest.param(["report", "--year", "2024"], id="report-without-output"),
    pytest.param(["report", "-o", "{tmp}/r.xlsx"], id="report-without-period"),
    pytest.param(["report", "--year", "2024", "-o", "{tmp}/khong/co/thu-muc/r.xlsx"], id="output-folder-missing"),
    pytest.param(["frobnicate"], id="unknown-command"),
    pytest.param(["evalute", "--year", "2024"], id="misspelt-command"),
    pytest.param(["extract"], id="missing-argument"),
    pytest.param(["text", "a.txt", "b.txt"], id="extra-argument"),
    pytest.param(["catalog", "frobnicate"], id="unknown-subcommand"),
    pytest.param(["evaluate", "--year", "2024", "--db", "khong-phai-dia-chi"], id="db-not-a-url"),
    pytest.param(["evaluate", "--year", "2024", "--db", "foo://bar"], id="db-unknown-dialect"),
    pytest.param(
        ["evaluate", "--year", "2024", "--db", "postgresql+psycopg://ai:mat-khau@127.0.0.1:1/chitieu"], id="db-unreachable"
    ),
]


@pytest.mark.parametrize("args", BAD_OPTIONS)
def test_a_bad_option_is_one_line(args: list[str], tmp_path: Path) -> None:
    db = ["--db", f"sqlite:///{tmp_path / 'db.sqlite3'}"] if "--db" not in args and args[0] in {"evaluate", "report"} else []
    result = chitieu(*[a.replace("{tmp}", str(tmp_path)) for a in args], *db)
    assert_one_line_error(result)
    assert "mat-khau" not in result.stderr, "a password is never shown"
    assert not any(tmp_path.glob("r.*")), "nothing is written after a mistake"


def test_a_usage_error_names_the_help_and_exits_2() -> None:
    result = chitieu("evaluate", "--year", "abc")
    assert result.returncode == 2
    assert "--year" in result.stderr and "chitieu evaluate --help" in result.stderr


def test_a_misspelt_command_is_suggested() -> None:
    result = chitieu("evalute")
    assert "'evaluate'" in result.stderr


def test_help_is_still_help() -> None:
    bare = chitieu()
    assert "Usage" in bare.stdout + bare.stderr and "evaluate" in bare.stdout + bare.stderr
    help_ = chitieu("evaluate", "--help")
    assert help_.returncode == 0 and "--year" in help_.stdout


def test_ingest_keeps_going_after_a_bad_file_and_fails(tmp_path: Path) -> None:
    """One broken file among good ones: the good ones are stored, the exit status says not all were."""
    db_file = tmp_path / "db.sqlite3"
    result = chitieu("ingest", str(SAMPLES[0]), str(tmp_path / "khong-co.txt"), "--db", f"sqlite:///{db_file}")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("Lỗi")] == [
        line for line in result.stderr.splitlines() if "khong-co.txt" in line
    ]
    import sqlite3

    with sqlite3.connect(db_file) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_the_console_script_is_what_make_setup_installs() -> None:
    script = REPO / ".venv" / "bin" / "chitieu"
    if not script.exists():
        pytest.skip("no .venv in this checkout")
    assert os.access(script, os.X_OK)


@pytest.mark.parametrize("period", [["--year", "2024"], ["--term", "2021-2025"], ["--period", "2024-9M"]], ids=" ".join)
def test_nothing_to_report_is_one_line_and_writes_no_file(period: list[str], tmp_path: Path) -> None:
    output = tmp_path / "bao-cao.docx"
    result = chitieu("report", *period, "-o", str(output), "--db", f"sqlite:///{tmp_path / 'rong.sqlite3'}")
    assert_one_line_error(result)
    assert "chưa có chỉ tiêu nào cho" in result.stderr and "rong.sqlite3" in result.stderr
    assert "chitieu ingest" in result.stderr
    assert not output.exists()


def test_phrases_waiting_for_review_are_not_a_report_but_are_named(tmp_path: Path) -> None:
    source = tmp_path / "bao-cao-9-thang.txt"
    source.write_text(
        "BÁO CÁO\nTình hình thực hiện kế hoạch 9 tháng năm 2024\n\n1. Thể thao\n"
        "Trong 9 tháng năm 2024, đã tổ chức 14 giải thi đấu thể thao cấp tỉnh.\n",
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    assert chitieu("ingest", str(source), "--db", db).returncode == 0
    result = chitieu("report", "--year", "2024", "-o", str(tmp_path / "r.xlsx"), "--db", db)
    assert_one_line_error(result)
    assert "chưa có chỉ tiêu nào cho năm 2024" in result.stderr and "1 cụm từ" in result.stderr
    assert "Rà soát số liệu" in result.stderr
    assert not (tmp_path / "r.xlsx").exists()
