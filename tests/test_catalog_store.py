"""Users' changes to the catalogue (real SQLite through the real migrations) and the CLI for them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from chitieu.catalog.matcher import match_indicator
from chitieu.catalog.model import CatalogError, UnknownIndicator
from chitieu.catalog.store import (
    add_alias,
    confirm,
    dismiss,
    load_catalog,
    merge,
    register_unmatched,
    rename,
    slug_for,
)
from chitieu.cli import app
from chitieu.store import models
from chitieu.store.db import session_scope

PHRASE = "Tỷ lệ hộ gia đình có kết nối Internet cáp quang"


def _fact(document_id: int, indicator: str, value: float) -> models.Fact:
    return models.Fact(
        document_id=document_id,
        kind="actual",
        indicator=indicator,
        label=PHRASE,
        value=value,
        unit="%",
        src_start=0,
        src_end=10,
        src_text="…",
    )


def _document(session: object) -> models.Document:
    doc = models.Document(content_hash="h" * 64, name="bao-cao.txt", format="txt", text="…")
    session.add(doc)  # type: ignore[attr-defined]
    session.flush()  # type: ignore[attr-defined]
    return doc


def test_slug_is_ascii_and_bounded() -> None:
    assert slug_for("Tỷ lệ hộ dùng Internet") == "new:ty_le_ho_dung_internet"
    assert slug_for("Đảng viên mới (người)") == "new:dang_vien_moi_nguoi"
    long = slug_for("chỉ tiêu " * 40)
    assert long.startswith("new:") and len(long) <= 80 and not long.endswith("_")


def test_unmatched_phrase_becomes_an_unconfirmed_indicator(tmp_db_url: str) -> None:
    assert match_indicator(PHRASE, "%") is None
    with session_scope(tmp_db_url) as session:
        code = register_unmatched(session, f"(3) {PHRASE} đạt 45%", "%")
        assert code == "new:ty_le_ho_gia_dinh_co_ket_noi_internet_cap_quang"
    with session_scope(tmp_db_url) as session:
        catalog = load_catalog(session)
        ind = catalog[code]
        assert (ind.name, ind.unit, ind.confirmed, ind.shipped) == (PHRASE, "%", False, False)
        assert [i.code for i in catalog.unconfirmed()] == [code]
        # the next document with the same indicator, even without diacritics, finds it
        again = match_indicator("Ty 1e ho gia dinh co ket noi Internet cap quang", "%", catalog=catalog)
        assert again is not None and again.code == code
        audit = session.scalars(select(models.AuditLog).where(models.AuditLog.entity_id == code)).all()
        assert [a.action for a in audit] == ["catalog.register"]


def test_registering_the_same_indicator_again_gives_the_same_code(tmp_db_url: str) -> None:
    with session_scope(tmp_db_url) as session:
        first = register_unmatched(session, PHRASE, None)
        second = register_unmatched(session, PHRASE.upper(), "%")
        assert first == second
        row = session.get(models.Indicator, first)
        assert row is not None and row.unit == "%" and row.aliases == [PHRASE.upper()]
        assert session.scalars(select(models.Indicator)).all() == [row]


@pytest.mark.parametrize("phrase", ["", "   ", "12,5%", "(1)", "Do", "Do có", "Tổng số", "hộ"])
def test_registering_an_empty_phrase_is_refused(tmp_db_url: str, phrase: str) -> None:
    with session_scope(tmp_db_url) as session, pytest.raises(CatalogError):
        register_unmatched(session, phrase)


def test_confirm_sets_what_evaluation_needs(tmp_db_url: str) -> None:
    with session_scope(tmp_db_url) as session:
        code = register_unmatched(session, PHRASE, "%")
        ind = confirm(session, code, group="kinh tế", direction="up", aggregation="last")
    assert (ind.confirmed, ind.group, ind.direction, ind.aggregation) == (True, "kinh tế", "up", "last")
    with session_scope(tmp_db_url) as session:
        assert load_catalog(session).unconfirmed() == []


def test_dismiss_keeps_the_answer_and_confirm_undoes_it(tmp_db_url: str) -> None:
    with session_scope(tmp_db_url) as session:
        code = register_unmatched(session, "Cử", "bác sỹ")
        assert load_catalog(session)[code].name == "Số bác sỹ được cử"
        assert dismiss(session, code, username="kehoach").dismissed
    with session_scope(tmp_db_url) as session:
        # the same wording found in the next document keeps the planner's answer
        assert register_unmatched(session, "cử", "bác sỹ") == code
        catalog = load_catalog(session)
        assert catalog[code].dismissed and catalog.unconfirmed() == []
        ind = confirm(session, code)
        assert (ind.confirmed, ind.dismissed) == (True, False)
        audit = session.scalars(select(models.AuditLog.action).where(models.AuditLog.entity_id == code)).all()
        assert audit == ["catalog.register", "catalog.dismiss", "catalog.confirm"]


def test_the_catalogues_own_indicators_cannot_be_dismissed(tmp_db_url: str) -> None:
    with session_scope(tmp_db_url) as session, pytest.raises(CatalogError, match="thuộc danh mục"):
        dismiss(session, "grdp_growth")


def test_cli_dismiss(tmp_db_url: str) -> None:
    with session_scope(tmp_db_url) as session:
        codes = [register_unmatched(session, "Cử", "bác sỹ"), register_unmatched(session, "Trao", "suất")]
    rc, out, _ = _run("catalog", "dismiss", *codes, "--db", tmp_db_url)
    assert rc == 0 and "Đã bỏ qua 2 cụm từ: Số bác sỹ được cử; Số suất được trao" in out
    rc, out, _ = _run("catalog", "list", "--unconfirmed", "--db", tmp_db_url)
    assert rc == 0 and "được cử" not in out
    rc, _, err = _run("catalog", "dismiss", codes[0], "forest_cover", "--db", tmp_db_url)
    assert rc == 1 and "thuộc danh mục" in err


@pytest.mark.parametrize(
    ("field", "value"), [("group", "kinh te"), ("direction", "higher"), ("aggregation", "median")]
)
def test_confirm_refuses_invalid_values(tmp_db_url: str, field: str, value: str) -> None:
    with session_scope(tmp_db_url) as session:
        code = register_unmatched(session, PHRASE, "%")
    with session_scope(tmp_db_url) as session, pytest.raises(CatalogError):
        confirm(session, code, **{field: value})


def test_unknown_codes_are_refused(tmp_db_url: str) -> None:
    with session_scope(tmp_db_url) as session:
        with pytest.raises(UnknownIndicator):
            confirm(session, "new:khong_co")
        with pytest.raises(UnknownIndicator):
            rename(session, "khong_co", "Tên")
        with pytest.raises(UnknownIndicator):
            merge(session, "grdp_growth", "khong_co")


def test_renaming_a_shipped_indicator_keeps_the_old_name_as_a_wording(tmp_db_url: str) -> None:
    with session_scope(tmp_db_url) as session:
        ind = rename(session, "forest_cover", "Tỷ lệ che phủ rừng (kể cả cây cao su)")
    assert ind.name == "Tỷ lệ che phủ rừng (kể cả cây cao su)"
    with session_scope(tmp_db_url) as session:
        catalog = load_catalog(session)
        assert catalog["forest_cover"].direction == "up"  # shipped fields are kept
        match = match_indicator("Tỷ lệ che phủ rừng", "%", catalog=catalog)
        assert match is not None and match.code == "forest_cover" and match.name == ind.name
    # the shipped catalogue itself is untouched
    assert load_catalog()["forest_cover"].name == "Tỷ lệ che phủ rừng"


def test_renaming_to_an_empty_name_is_refused(tmp_db_url: str) -> None:
    with session_scope(tmp_db_url) as session, pytest.raises(CatalogError):
        rename(session, "forest_cover", "  ")


def test_alias_teaches_a_new_wording(tmp_db_url: str) -> None:
    wording = "độ phủ xanh của rừng toàn tỉnh"
    with session_scope(tmp_db_url) as session:
        add_alias(session, "forest_cover", wording)
        add_alias(session, "forest_cover", wording)  # twice is once
    with session_scope(tmp_db_url) as session:
        catalog = load_catalog(session)
        assert catalog["forest_cover"].aliases.count(wording) == 1
        match = match_indicator(wording, "%", catalog=catalog)
        assert match is not None and (match.code, match.method) == ("forest_cover", "alias")


def test_merge_moves_wordings_and_figures_and_redirects(tmp_db_url: str) -> None:
    with session_scope(tmp_db_url) as session:
        code = register_unmatched(session, "Tỷ lệ phủ rừng toàn tỉnh", "%")
        doc = _document(session)
        session.add_all([_fact(doc.id, code, 52.0), _fact(doc.id, code, 53.1), _fact(doc.id, "forest_cover", 51.0)])
    with session_scope(tmp_db_url) as session:
        moved = merge(session, code, "forest_cover")
    assert moved == 2
    with session_scope(tmp_db_url) as session:
        catalog = load_catalog(session)
        assert catalog.get(code) == catalog["forest_cover"]
        assert code not in {i.code for i in catalog.all()}
        assert "Tỷ lệ phủ rừng toàn tỉnh" in catalog["forest_cover"].aliases
        codes = session.scalars(select(models.Fact.indicator)).all()
        assert set(codes) == {"forest_cover"}
        # a later document with the merged wording lands on the target
        assert register_unmatched(session, "Tỷ lệ phủ rừng toàn tỉnh", "%") == "forest_cover"


def test_merge_chains_are_flattened_and_loops_refused(tmp_db_url: str) -> None:
    with session_scope(tmp_db_url) as session:
        a = register_unmatched(session, "Chỉ tiêu thử nghiệm thứ nhất", "%")
        b = register_unmatched(session, "Chỉ tiêu thử nghiệm thứ hai", "%")
        merge(session, a, b)
        merge(session, b, "forest_cover")
    with session_scope(tmp_db_url) as session:
        assert session.get(models.Indicator, a).merged_into == "forest_cover"  # type: ignore[union-attr]
        with pytest.raises(CatalogError):
            merge(session, "forest_cover", a)
        with pytest.raises(CatalogError):
            merge(session, "forest_cover", "forest_cover")


def test_composites_follow_user_changes(tmp_db_url: str) -> None:
    with session_scope(tmp_db_url) as session:
        merge(session, "share_product_taxes", "share_services")
    with session_scope(tmp_db_url) as session:
        children = {c.code for c in load_catalog(session).children("economic_structure")}
    assert children == {"share_agriculture", "share_industry_construction", "share_services"}


# --- command line -----------------------------------------------------------------------------

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_list_filters_by_group_and_state(tmp_db_url: str) -> None:
    with session_scope(tmp_db_url) as session:
        code = register_unmatched(session, PHRASE, "%")
    rc, out, _ = _run("catalog", "list", "--json", "--db", tmp_db_url)
    assert rc == 0 and len(out.splitlines()) == len(load_catalog()) + 1
    rc, out, _ = _run("catalog", "list", "--unconfirmed", "--json", "--db", tmp_db_url)
    assert rc == 0 and [json.loads(line)["code"] for line in out.splitlines()] == [code]
    rc, out, _ = _run("catalog", "list", "--group", "quốc phòng - an ninh", "--json", "--db", tmp_db_url)
    assert rc == 0 and "traffic_accidents" in out and "grdp_growth" not in out
    rc, out, _ = _run("catalog", "list", "--unconfirmed", "--db", tmp_db_url)
    assert rc == 0 and "Chỉ tiêu chưa xác nhận: 1 chỉ tiêu" in out


def test_cli_show_confirm_rename_merge(tmp_db_url: str) -> None:
    with session_scope(tmp_db_url) as session:
        code = register_unmatched(session, PHRASE, "%")
    rc, out, _ = _run("catalog", "show", "poverty_reduction", "--db", tmp_db_url)
    assert rc == 0 and "Mức giảm tỷ lệ hộ nghèo" in out and "càng cao càng tốt" in out
    rc, out, _ = _run("catalog", "confirm", code, "--group", "kinh tế", "--direction", "up", "--db", tmp_db_url)
    assert rc == 0 and "Đã xác nhận" in out
    rc, out, _ = _run("catalog", "rename", code, "Tỷ lệ hộ có Internet cáp quang", "--db", tmp_db_url)
    assert rc == 0 and "Đã đổi tên" in out
    rc, out, _ = _run("catalog", "alias", code, "hộ dùng cáp quang", "--db", tmp_db_url)
    assert rc == 0 and "Đã thêm cách gọi" in out
    rc, out, _ = _run("catalog", "merge", code, "fiber_broadband_villages", "--db", tmp_db_url)
    assert rc == 0 and "Đã gộp" in out
    rc, out, _ = _run("catalog", "show", code, "--db", tmp_db_url)
    assert rc == 0 and "đã được gộp vào" in out and "fiber_broadband_villages" in out
    rc, out, _ = _run("catalog", "match", "hộ dùng cáp quang", "--unit", "%", "--json", "--db", tmp_db_url)
    best = json.loads(out.splitlines()[0])
    assert rc == 0 and (best["code"], best["method"], best["score"]) == ("fiber_broadband_villages", "alias", 1.0)
    rc, out, _ = _run("catalog", "match", "Ty 1e che phu rung", "--db", tmp_db_url)
    assert rc == 0 and "forest_cover" in out and "ocr" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("catalog", "show", "khong_co"), "không có chỉ tiêu"),
        (("catalog", "confirm", "grdp_growth", "--group", "linh tinh"), "nhóm chỉ tiêu không hợp lệ"),
        (("catalog", "list", "--group", "linh tinh"), "nhóm chỉ tiêu không hợp lệ"),
        (("catalog", "merge", "grdp_growth", "grdp_growth"), "chính nó"),
        (("catalog", "rename", "grdp_growth", " "), "không được để trống"),
    ],
)
def test_cli_user_mistakes_are_one_line_errors(tmp_db_url: str, args: tuple[str, ...], message: str) -> None:
    rc, _out, err = _run(*args, "--db", tmp_db_url)
    assert rc == 1
    assert message in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_cli_uses_the_database_it_is_given(tmp_path: Path) -> None:
    first, second = f"sqlite:///{tmp_path / 'a.sqlite3'}", f"sqlite:///{tmp_path / 'b.sqlite3'}"
    assert _run("catalog", "rename", "forest_cover", "Độ che phủ rừng", "--db", first)[0] == 0
    assert "Độ che phủ rừng" in _run("catalog", "show", "forest_cover", "--db", first)[1]
    assert "Tên: Tỷ lệ che phủ rừng" in _run("catalog", "show", "forest_cover", "--db", second)[1]
