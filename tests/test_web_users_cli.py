"""``chitieu user add`` / ``chitieu user list``: the first administrator comes from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from chitieu.cli import app
from chitieu.store import models
from chitieu.store.db import session_scope
from chitieu.users import verify_password

runner = CliRunner()


def test_add_and_list_users(db_url: str) -> None:
    result = runner.invoke(app, ["user", "add", "quantri", "--role", "admin", "--password", "mat-khau-1234", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "Đã tạo tài khoản quantri (Quản trị viên)" in result.output
    result = runner.invoke(app, ["user", "add", "stc", "--role", "reporter", "--agency", "Sở Tài chính",
                                 "--password", "mat-khau-1234", "--db", db_url])
    assert result.exit_code == 0, result.output
    listing = runner.invoke(app, ["user", "list", "--db", db_url])
    assert "quantri" in listing.output and "Sở Tài chính" in listing.output
    with session_scope(db_url) as session:
        user = session.query(models.User).filter_by(username="stc").one()
        assert user.password_hash.startswith("$argon2id$")
        assert verify_password(user.password_hash, "mat-khau-1234") and not verify_password(user.password_hash, "khac")


def test_password_is_prompted_when_not_given(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'u.sqlite3'}"
    result = runner.invoke(app, ["user", "add", "nguoixem", "--db", url], input="mat-khau-5678\nmat-khau-5678\n")
    assert result.exit_code == 0, result.output
    assert "mat-khau-5678" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x y", "--role", "viewer", "--password", "mat-khau-1234"], "tên đăng nhập"),
        (["bc", "--role", "reporter", "--password", "mat-khau-1234"], "phải thuộc một cơ quan"),
        (["ok", "--role", "boss", "--password", "mat-khau-1234"], "vai trò không hợp lệ"),
        (["ok", "--role", "viewer", "--password", "ngan"], "ít nhất 8 ký tự"),
    ],
)
def test_bad_requests_fail_with_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    url = f"sqlite:///{tmp_path / 'u.sqlite3'}"
    result = runner.invoke(app, ["user", "add", *args, "--db", url])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


def test_duplicate_name_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'u.sqlite3'}"
    args = ["user", "add", "trung", "--password", "mat-khau-1234", "--db", url]
    assert runner.invoke(app, args).exit_code == 0
    again = runner.invoke(app, args)
    assert again.exit_code == 1 and "đã tồn tại" in again.output
