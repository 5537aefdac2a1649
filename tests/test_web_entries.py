"""Data entry: Vietnamese numbers and periods, clear messages, units and ranges, optimistic
locking (no change is ever lost silently), the audit trail, attachments and hostile input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from chitieu.catalog import load_catalog
from chitieu.store import models
from chitieu.store.db import get_engine, session_scope
from chitieu.web.entries import (
    EntryConflict,
    EntryInput,
    parse_entry_period,
    parse_value,
    save_entry,
    validate,
)
from chitieu.web.permissions import Principal
from evaluation_world import World, build_world
from web_helpers import api_csrf, form_csrf, login, sqlite_url


@pytest.fixture
def world(tmp_path: Path) -> World:
    return build_world(sqlite_url(tmp_path), tmp_path)


# --- reading what people type --------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("1.234,5", 1234.5), ("52,9", 52.9), ("07", 7), ("-3,42", -3.42), ("2.450", 2450), ("11.056,22", 11056.22),
    (" 1 234,5 ", 1234.5), ("0,4", 0.4), ("125.797", 125797), ("1.5", 1.5), ("−2,1", -2.1),
])
def test_values_are_read_the_vietnamese_way(text: str, value: float) -> None:
    assert parse_value(text) == pytest.approx(value)


@pytest.mark.parametrize(("text", "message"), [
    ("", "Hãy nhập giá trị."),
    ("abc", "«abc» không phải là một số"),
    ("12abc", "không phải là một số"),
    ("1,2,3,4.5", "không phải là một số"),
    ("1e999", "không phải là một số"),
])
def test_bad_values_get_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_value(text)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("năm 2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ("9 tháng năm 2024", dt.date(2024, 1, 1), dt.date(2024, 9, 30)),
    ("6 tháng đầu năm 2025", dt.date(2025, 1, 1), dt.date(2025, 6, 30)),
    ("quý III năm 2024", dt.date(2024, 7, 1), dt.date(2024, 9, 30)),
])
def test_periods_are_read_from_their_usual_wordings(text: str, start: dt.date, end: dt.date) -> None:
    period = parse_entry_period(text, today=dt.date(2026, 11, 1))
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(("text", "message"), [
    ("", "Hãy nhập kỳ số liệu"),
    ("hôm qua", "Không hiểu kỳ «hôm qua»"),
    ("giai đoạn 2021-2025", "phải nằm trong một năm"),
    ("năm 2031", "chưa bắt đầu"),
])
def test_bad_periods_get_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_entry_period(text, today=dt.date(2026, 11, 1))


# --- the form ------------------------------------------------------------------------------

def _form(client: TestClient, **fields: str) -> dict[str, str]:
    token = form_csrf(client.get("/entries/new").text)
    data = {"indicator": "NS.THU", "period": "năm 2026", "value": "2.700", "unit": "tỷ đồng", "estimate": "0",
            "note": "", "version": "0", "back": "/entries", "csrf_token": token}
    data.update(fields)
    return data


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"value": "hai nghìn"}, "value", "không phải là một số"),
    ({"unit": "triệu đồng"}, "unit", "Đơn vị «triệu đồng» không khớp với đơn vị của chỉ tiêu (tỷ đồng)"),
    ({"indicator": "TL.CHEPHU", "unit": "%", "value": "153,2"}, "value", "Tỷ lệ phải nằm trong khoảng 0–100%"),
    ({"value": "-5"}, "value", "Giá trị không được âm"),
    ({"value": "250.000"}, "value", "khác xa số liệu gần nhất 2.480"),
    ({"period": "quý V 2026"}, "period", "Không hiểu kỳ"),
    ({"indicator": ""}, "indicator", "Hãy chọn một chỉ tiêu"),
    ({"note": "x" * 4001}, "note", "Ghi chú dài quá 4000 ký tự."),
])
def test_form_refuses_bad_figures_with_field_messages(world: World, fields: dict[str, str], field: str,
                                                     message: str) -> None:
    client = login(world.app, "taichinh")
    response = client.post("/entries", data=_form(client, **fields))
    assert response.status_code == 400
    assert f'data-field="{field}">' in response.text and message in response.text
    with session_scope(world.url) as session:
        assert session.scalar(select(models.Entry.id)) is None


def test_an_unusual_figure_is_saved_once_confirmed(world: World) -> None:
    client = login(world.app, "taichinh")
    refused = client.post("/entries", data=_form(client, value="250.000"))
    assert 'name="confirm_unusual"' in refused.text
    saved = client.post("/entries", data=_form(client, value="250.000", confirm_unusual="1"))
    assert saved.status_code == 303


def test_unit_may_be_left_empty_and_takes_the_indicators(world: World) -> None:
    client = login(world.app, "taichinh")
    assert client.post("/entries", data=_form(client, unit="", value="2.700,25")).status_code == 303
    with session_scope(world.url) as session:
        entry = session.scalars(select(models.Entry)).one()
        assert (entry.value, entry.unit, entry.entered_by, entry.period_label) == (2700.25, "tỷ đồng", "taichinh", "năm 2026")


# --- optimistic locking ------------------------------------------------------------------

def test_a_stale_correction_is_refused_and_shows_the_other_value(db_url: str, tmp_path: Path) -> None:
    w = build_world(db_url, tmp_path)
    finance, planner = login(w.app, "taichinh"), login(w.app, "planner")
    first = finance.post("/api/entries", json={"indicator": "NS.THU", "period": "năm 2026", "value": "2.650"},
                         headers=api_csrf(finance))
    assert first.status_code == 201 and first.json()["version"] == 1
    # both open the figure at version 1
    form_a = finance.get("/entries/new?indicator=NS.THU&period=năm 2026").text
    form_b = planner.get("/entries/new?indicator=NS.THU&period=năm 2026").text
    assert 'name="version" value="1"' in form_a and 'name="version" value="1"' in form_b
    a = finance.post("/entries", data=_form(finance, value="2.700", version="1"))
    assert a.status_code == 303
    b = planner.post("/entries", data=_form(planner, value="2.690", version="1"))
    assert b.status_code == 409
    assert "vừa được taichinh cập nhật" in b.text and "2.700 tỷ đồng" in b.text and "chưa được lưu" in b.text
    assert 'name="version" value="2"' in b.text  # resubmitting now is a deliberate override
    with session_scope(db_url) as session:
        assert session.scalars(select(models.Entry)).one().value == 2700
    api = planner.post("/api/entries", json={"indicator": "NS.THU", "period": "năm 2026", "value": 2690, "version": 1},
                       headers=api_csrf(planner))
    assert api.status_code == 409 and api.json()["current"]["value"] == 2700
    again = planner.post("/entries", data=_form(planner, value="2.690", version="2"))
    assert again.status_code == 303


def test_two_first_entries_of_the_same_figure_do_not_both_win(world: World) -> None:
    finance, planner = login(world.app, "taichinh"), login(world.app, "planner")
    body = {"indicator": "NS.THU", "period": "năm 2026", "value": "2.650", "version": 0}
    assert finance.post("/api/entries", json=body, headers=api_csrf(finance)).status_code == 201
    second = planner.post("/api/entries", json={**body, "value": "2.640"}, headers=api_csrf(planner))
    assert second.status_code == 409 and "2.650" in second.json()["detail"]


def test_the_store_refuses_an_update_based_on_an_old_version(world: World) -> None:
    """The version column itself catches a change made between reading and writing."""
    engine = get_engine(world.url)
    user = Principal(id=1, username="planner", role="planner")
    reader = sessionmaker(bind=engine, expire_on_commit=False)()
    catalog = load_catalog(reader)
    clean = validate(EntryInput(indicator="NS.THU", period="năm 2026", value="2.650"), catalog, [])
    _entry, _ = save_entry(reader, user, catalog, clean)
    reader.commit()  # the reader keeps its copy of the entry at version 1
    with session_scope(world.url) as other:
        other.scalars(select(models.Entry)).one().value = 2800  # someone else: version 2
    clean.version, clean.value = 1, 2700
    with pytest.raises(EntryConflict) as caught:
        save_entry(reader, user, catalog, clean)
    assert caught.value.current.value == 2800 and caught.value.current.version == 2
    reader.close()


# --- audit trail ------------------------------------------------------------------------------

def test_every_change_is_in_the_audit_trail(db_url: str, tmp_path: Path) -> None:
    w = build_world(db_url, tmp_path)
    client = login(w.app, "taichinh")
    client.post("/entries", data=_form(client, value="2.650", estimate="1"))
    client.post("/entries", data=_form(client, value="2.705,5", version="1", note="số chính thức của Cục Thống kê"))
    with session_scope(db_url) as session:
        rows = session.scalars(select(models.AuditLog).where(models.AuditLog.entity == "entry")
                               .order_by(models.AuditLog.id)).all()
        assert [r.action for r in rows] == ["entry.create", "entry.update"]
        assert rows[0].before is None and rows[0].after["value"] == 2650 and rows[0].after["estimate"] is True
        assert rows[1].before["value"] == 2650 and rows[1].after["value"] == 2705.5
        assert rows[1].after["estimate"] is False and all(r.username == "taichinh" and r.at for r in rows)
    page = client.get("/indicators/NS.THU").text
    audit = page[page.index('id="audit"'):]
    assert "Sửa số liệu" in audit and "Nhập số liệu" in audit and "2705.5" in audit


# --- permissions ------------------------------------------------------------------------------

def test_reporters_enter_only_their_agencys_figures(world: World) -> None:
    health = login(world.app, "yte")
    assert health.get("/entries/new?indicator=NS.THU").status_code == 403
    assert health.post("/entries", data=_form(health)).status_code == 403
    api = health.post("/api/entries", json={"indicator": "NS.THU", "period": "năm 2026", "value": "1"},
                      headers=api_csrf(health))
    assert api.status_code == 403
    options = health.get("/entries/new").text
    assert 'value="YT.BACSY"' in options and 'value="NS.THU"' not in options


def test_viewers_enter_nothing(world: World) -> None:
    viewer = login(world.app, "viewer")
    assert viewer.get("/entries/new").status_code == 403
    token = api_csrf(viewer)
    assert viewer.post("/api/entries", json={"indicator": "NS.THU", "period": "năm 2026", "value": "1"},
                       headers=token).status_code == 403
    assert "Nhập số liệu</a>" not in viewer.get("/").text


def test_entries_of_other_agencies_are_not_listed_nor_downloadable(world: World) -> None:
    finance = login(world.app, "taichinh")
    finance.post("/entries", data=_form(finance), files={"attachment": ("bien-ban.txt", b"so lieu", "text/plain")})
    entry_id = finance.get("/api/entries").json()[0]["id"]
    assert finance.get(f"/entries/{entry_id}/attachment").status_code == 200
    health = login(world.app, "yte")
    assert health.get("/api/entries").json() == []
    assert health.get(f"/entries/{entry_id}/attachment").status_code == 403


def test_without_csrf_nothing_is_saved(world: World) -> None:
    finance = login(world.app, "taichinh")
    response = finance.post("/api/entries", json={"indicator": "NS.THU", "period": "năm 2026", "value": "2.700"})
    assert response.status_code == 403
    data = _form(finance)
    data.pop("csrf_token")
    assert finance.post("/entries", data=data).status_code == 403


# --- hostile input ------------------------------------------------------------------------------

def test_html_in_notes_and_fields_is_shown_as_text(world: World) -> None:
    client = login(world.app, "taichinh")
    script = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    assert client.post("/entries", data=_form(client, note=script)).status_code == 303
    for path in ("/indicators/NS.THU", "/entries"):
        html = client.get(path).text
        assert script not in html and "&lt;script&gt;alert(" in html
    refused = client.post("/entries", data=_form(client, period=script, value=script))
    assert refused.status_code == 400 and "<script>alert(" not in refused.text and "&lt;script&gt;" in refused.text


def test_sql_looking_text_is_just_text(world: World) -> None:
    client = login(world.app, "taichinh")
    note = "'; DROP TABLE entries; --"
    assert client.post("/entries", data=_form(client, note=note)).status_code == 303
    assert client.get("/api/entries").json()[0]["note"] == note
    assert client.get("/api/entries?indicator=' OR 1=1 --").json() == []
    assert client.get("/api/evaluations?year=2026' OR '1'='1").status_code == 400


def test_an_html_attachment_is_downloaded_never_rendered(world: World) -> None:
    client = login(world.app, "taichinh")
    client.post("/entries", data=_form(client), files={"attachment": ("../../báo cáo<script>.html",
                                                                      b"<script>alert(1)</script>", "text/html")})
    entry = client.get("/api/entries").json()[0]
    assert entry["attachment"] == "báo cáo_script_.html"
    response = client.get(f"/entries/{entry['id']}/attachment")
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.headers["x-content-type-options"] == "nosniff"
