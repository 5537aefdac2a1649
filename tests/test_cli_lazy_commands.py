"""The catalogue, report and demo commands load their modules only when used, and are still
listed, suggested and run like every other command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chitieu.cli import LAZY_COMMANDS, app

HEAVY = ["chitieu.catalog.cli", "chitieu.catalog.matcher", "chitieu.report.cli", "chitieu.report.model", "chitieu.demo"]


def test_importing_the_command_line_loads_none_of_the_lazy_modules() -> None:
    code = f"import sys, chitieu.cli; print([m for m in {HEAVY!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_help_lists_every_command_commands_before_groups() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    listed = [line.split()[1] for line in result.output.splitlines() if line.startswith("│ ") and line[2:3].isalpha()]
    assert listed == [
        "text", "extract", "ingest", "docs", "serve", "evaluate", "reextract", "report", "demo",
        "user", "agency", "catalog",
    ]
    assert "Danh mục chỉ tiêu" in result.output and "Lập báo cáo" in result.output


@pytest.mark.parametrize(("typed", "meant"), [("catalg", "catalog"), ("reprot", "report"), ("deom", "demo")])
def test_a_mistyped_lazy_command_is_suggested(typed: str, meant: str) -> None:
    result = CliRunner().invoke(app, [typed])
    assert result.exit_code == 2
    assert f"không có lệnh '{typed}'; có phải ý bạn là '{meant}'?" in result.output


@pytest.mark.parametrize("name", sorted(LAZY_COMMANDS))
def test_each_lazy_command_shows_its_own_help(name: str) -> None:
    result = CliRunner().invoke(app, [name, "--help"])
    assert result.exit_code == 0
    assert f"chitieu {name}" in result.output


def test_a_lazy_group_runs_its_commands(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["catalog", "list", "--db", f"sqlite:///{tmp_path / 'db.sqlite3'}"])
    assert result.exit_code == 0, result.output
    assert "Danh mục chỉ tiêu" in result.output
