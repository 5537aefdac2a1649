"""``chitieu demo`` (what ``make run`` does) on a fresh database, then on the same one again.

The first run loads every bundled sample, creates the administrator and keeps its password in
a file only the user can read; the evaluations of 2024 and of the term give the verdicts the
samples were written to show. The second run adds nothing and says how to log in.
"""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from chitieu.cli import app
from chitieu.demo import sample_paths

runner = CliRunner()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("demo")
    env = {"XDG_DATA_HOME": str(base / "data"), "COLUMNS": "200"}
    url = f"sqlite:///{base / 'demo.sqlite3'}"
    first = runner.invoke(app, ["demo", "--no-serve", "--db", url], env=env)
    second = runner.invoke(app, ["demo", "--no-serve", "--db", url], env=env)
    return {"url": url, "env": env, "data": base / "data" / "chitieu", "first": first, "second": second}


def evaluate(url: str, *period: str) -> dict[str, dict[str, Any]]:
    result = runner.invoke(app, ["evaluate", *period, "--json", "--db", url])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return {row["indicator"]: row for row in rows}


def documents(url: str) -> list[str]:
    from sqlalchemy import select

    from chitieu.store import models
    from chitieu.store.db import session_scope

    with session_scope(url) as session:
        return list(session.scalars(select(models.Document.name)))


def test_the_first_run_loads_every_sample_and_prints_both_evaluations(demo: dict[str, Any]) -> None:
    first = demo["first"]
    assert first.exit_code == 0, first.output
    for path in sample_paths():
        assert f"+ {path.name}" in first.stdout
    assert "Đánh giá năm 2024" in first.stdout and "Đánh giá nhiệm kỳ 2021-2025" in first.stdout
    assert sorted(documents(demo["url"])) == sorted(p.name for p in sample_paths())


def test_the_admin_password_is_printed_and_kept_in_a_private_file(demo: dict[str, Any]) -> None:
    printed = re.search(r"tên đăng nhập admin, mật khẩu (\S+)", demo["first"].stdout)
    assert printed, demo["first"].stdout
    [saved] = demo["data"].glob("tai-khoan-quan-tri*.txt")
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert str(saved) in demo["first"].stdout.replace("\n", "")
    assert f"Mật khẩu: {printed.group(1)}" in saved.read_text(encoding="utf-8")
    assert demo["url"] in saved.read_text(encoding="utf-8")


def test_the_second_run_adds_nothing_and_says_how_to_log_in(demo: dict[str, Any]) -> None:
    second = demo["second"]
    assert second.exit_code == 0, second.output
    assert "đã được nạp từ trước" in second.stdout
    assert "đăng nhập bằng tài khoản đã tạo trước đó" in second.stdout
    assert "chitieu user password admin" in second.stdout
    assert "mật khẩu" not in second.stdout.split("Tài khoản đã có sẵn")[1].split("\n")[0]
    assert len(documents(demo["url"])) == len(sample_paths())
    from sqlalchemy import func, select

    from chitieu.store import models
    from chitieu.store.db import session_scope

    with session_scope(demo["url"]) as session:
        assert session.scalar(select(func.count()).select_from(models.User)) == 1
        progress = select(func.count()).select_from(models.AuditLog).where(models.AuditLog.action == "update_progress")
        assert session.scalar(progress) == 2  # the sample plan's progress, recorded once


def test_2024_targets_meet_nine_month_results_and_the_forecast_uses_2023(demo: dict[str, Any]) -> None:
    rows = evaluate(demo["url"], "--year", "2024")
    grain = rows["grain_output"]
    assert grain["target"]["value"] == 230 and grain["unit"] == "nghìn tấn"
    assert grain["actual"]["value"] == pytest.approx(131.2) and grain["plan_ratio"] == pytest.approx(57.0)
    # 57% after nine months looks late, but 2023 reached 56,5% by September: on track
    assert grain["status"] == "Vượt" and grain["provisional"]
    assert "theo tỷ trọng cùng kỳ năm trước: 9 tháng bằng 56,5% cả năm" in grain["rule"]
    assert rows["domestic_revenue"]["status"] == "Không đạt"
    assert rows["domestic_revenue"]["forecast"]["label"] == "khó đạt"
    assert rows["total_social_investment"]["forecast"]["label"] == "có nguy cơ không đạt"
    assert rows["tourist_arrivals"]["unit"] == "triệu lượt"
    assert rows["tourist_arrivals"]["target"]["value"] == 1.5
    # the report's 79,7% disagrees with the resolution's 3.100 tỷ đồng
    findings = rows["tourism_revenue"].get("findings") or []
    assert [f["check"] for f in findings] == ["plan_ratio"]
    # a ratio stated in tấn against a plan in nghìn tấn is no disagreement
    assert not [f for f in grain.get("findings") or [] if f["check"] == "plan_ratio"]
    assert rows["health_insurance_coverage"]["target"]["comparator"] == ">"


def test_the_term_table_gives_every_verdict(demo: dict[str, Any]) -> None:
    rows = evaluate(demo["url"], "--term", "2021-2025")
    expected = {
        "grdp_growth": "Không đạt",
        "tea_new_planting": "Vượt",
        "forest_cover": "Vượt",
        "poverty_rate": "Đạt",
        "ntm_communes": "Không đạt",
        "ntm_districts": "Không đánh giá",
    }
    assert {code: rows[code]["status"] for code in expected} == expected
    assert rows["grdp_growth"]["aggregate"]["value"] == pytest.approx(5.39, abs=0.005)
    assert {row["official_status"] for row in rows.values()} >= {"Vượt", "Đạt", "Không đạt", "Không đánh giá"}


def test_the_web_application_opens_on_2024_with_the_samples(demo: dict[str, Any], tmp_path: Path) -> None:
    from chitieu.web.app import create_app

    password = re.search(r"mật khẩu (\S+)", demo["first"].stdout)
    assert password
    client = TestClient(create_app(demo["url"], secret_key="k" * 48, data_dir=tmp_path), follow_redirects=False)
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token
    response = client.post("/login", data={"username": "admin", "password": password.group(1),
                                           "csrf_token": token.group(1), "next": "/"})
    assert response.status_code == 303
    dashboard = client.get("/").text
    assert "Tổng quan <span" in dashboard and "năm 2024" in dashboard.split("</h1>")[0]
    tasks = client.get("/api/tasks").json()
    statuses = {t["code"]: t["status"] for t in tasks}
    assert statuses["B.I.1.a"] == "done_on_time" and statuses["B.I.2.a"] == "done_late"
    assert statuses["B.I.1.b"] == "overdue"
    found = client.get("/api/search", params={"q": "che phu rung"}).json()
    assert "forest_cover" in [i["code"] for i in found["indicators"]]
    assert len(found["documents"]) >= 4
