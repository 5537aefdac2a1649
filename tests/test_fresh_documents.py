"""Four documents in forms no other fixture has, read through the whole pipeline.

* ``a_nghi_quyet_nhom_chi_tieu.txt`` — a delta province's annual resolution whose targets are
  dash items under grouped headings ("a) Nhóm chỉ tiêu kinh tế:"), with "phấn đấu", "tối
  thiểu", "ít nhất", "không quá", "xuống dưới", "giảm còn", "%o" and "trên cả 3 tiêu chí";
* ``b_nghi_quyet_bang.docx`` (built by ``fixtures.fresh_docs``) — an annual resolution whose
  targets are a Word table "Thực hiện 2024 | Kế hoạch 2025" with the plan heading merged over
  "Mức phấn đấu | So với thực hiện 2024 (%)" and a real footnote on one indicator;
* ``c_phu_luc_nhiem_ky.docx`` — a term-evaluation appendix with two header rows ("Thực hiện
  các năm" merged over 2021…2024, "Ước 2025" merged down) and a verdict column "Đánh giá";
* ``d_phu_luc_nhiem_ky_ocr.txt`` — the same appendix as OCR without diacritics leaves it: the
  columns flattened, the years of the merged heading on the line below it, a stray "|", a row
  name wrapped over two lines, verdicts "Vwot", "Pat", "Bat", "Khong danh gia (…)".

Each has a hand-made gold list in ``tests/fixtures/fresh/``. Targets match on value, upper
bound, unit, comparator, period and catalogue code; table rows on code, target, every year's
value, the document's aggregate and its verdict. The appendices are also stored and evaluated
for the term through the command line, into a temporary SQLite database.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from chitieu.extract.facts import Fact
from chitieu.pipeline import extract_facts, read_document
from fixtures.fresh_docs import PLAN_FOOTNOTE, write_plan_table_docx, write_term_table_docx

HERE = Path(__file__).parent
FRESH = HERE / "fixtures" / "fresh"
CHITIEU = Path(sys.executable).parent / "chitieu"


def _gold(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FRESH / name).read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("fresh")
    return {
        "b_nghi_quyet_bang.docx": write_plan_table_docx(d / "b_nghi_quyet_bang.docx"),
        "c_phu_luc_nhiem_ky.docx": write_term_table_docx(d / "c_phu_luc_nhiem_ky.docx"),
        "d_phu_luc_nhiem_ky_ocr.txt": FRESH / "d_phu_luc_nhiem_ky_ocr.txt",
        "a_nghi_quyet_nhom_chi_tieu.txt": FRESH / "a_nghi_quyet_nhom_chi_tieu.txt",
    }


@cache
def _facts(path: Path) -> tuple[Fact, ...]:
    doc = read_document(path)
    facts = tuple(extract_facts(doc))
    for f in facts:
        assert f.source.text == doc.text[f.source.start : f.source.end]
    return facts


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) < 1e-6


def _target_matches(fact: Fact, g: dict[str, Any]) -> bool:
    return (
        fact.kind == "target"
        and fact.indicator == g["indicator"]
        and _close(fact.value, g["value"])
        and _close(fact.value_high, g["value_high"])
        and fact.unit == g["unit"]
        and fact.comparator == g["comparator"]
        and fact.period is not None
        and fact.period.label == g["period"]
    )


def _score_targets(facts: tuple[Fact, ...], gold: list[dict[str, Any]]) -> tuple[float, float, list[str], list[str]]:
    targets = [f for f in facts if f.kind == "target"]
    unused = list(targets)
    missed = []
    for g in gold:
        hit = next((f for f in unused if _target_matches(f, g)), None)
        if hit is None:
            missed.append(f"{g['indicator']} {g['comparator']} {g['value']} {g['unit']}")
        else:
            unused.remove(hit)
    found = len(gold) - len(missed)
    extra = [f"{f.indicator} {f.comparator} {f.value} {f.unit} ← {f.source.text!r}" for f in unused]
    return found / len(gold), (found / len(targets) if targets else 0.0), missed, extra


@pytest.mark.parametrize(
    "gold_name", ["gold_a_nghi_quyet_nhom_chi_tieu.json", "gold_b_nghi_quyet_bang.json"]
)
def test_resolution_targets_against_gold(built: dict[str, Path], gold_name: str) -> None:
    gold = _gold(gold_name)
    facts = _facts(built[gold["document"]])
    recall, precision, missed, extra = _score_targets(facts, gold["targets"])
    assert recall >= 0.95, missed
    assert precision >= 0.95, extra


def test_a_plan_table_with_last_years_results_is_no_evaluation_table(built: dict[str, Path]) -> None:
    """ "Thực hiện 2024 | Kế hoạch 2025": the 2024 column is the base, not a result judged against 2025."""
    facts = _facts(built["b_nghi_quyet_bang.docx"])
    assert not [f for f in facts if f.kind == "table_row"]
    # the comparison column ("So với thực hiện 2024 (%)", 109,1) is never read as the plan
    assert not [f for f in facts if f.kind == "target" and f.value in (109.1, 106.5, 112.4, 114.3)]


def test_the_word_footnote_on_a_table_row_is_kept(built: dict[str, Path]) -> None:
    doc = read_document(built["b_nghi_quyet_bang.docx"])
    assert any(PLAN_FOOTNOTE in note.text for note in doc.footnotes)
    revenue = next(f for f in _facts(built["b_nghi_quyet_bang.docx"]) if f.indicator == "budget_revenue")
    assert revenue.value == 10500


def _row_matches(fact: Fact, g: dict[str, Any]) -> bool:
    target = fact.extra.get("target") or {}
    annual = fact.extra.get("annual") or {}
    return (
        fact.kind == "table_row"
        and fact.indicator == g["indicator"]
        and _close(target.get("value"), g["target"]["value"])
        and _close(target.get("value_high"), g["target"]["value_high"])
        and target.get("comparator") == g["target"]["comparator"]
        and set(annual) == set(g["annual"])
        and all(_close(annual[y], v) for y, v in g["annual"].items())
        and _close(fact.extra.get("term_value"), g["term_value"])
        and fact.extra.get("official_status") == g["official_status"]
    )


@pytest.mark.parametrize("document", _gold("gold_phu_luc_nhiem_ky.json")["documents"])
def test_term_appendix_rows_against_gold(built: dict[str, Path], document: str) -> None:
    gold = _gold("gold_phu_luc_nhiem_ky.json")["rows"]
    rows = [f for f in _facts(built[document]) if f.kind == "table_row"]
    missed = [g["indicator"] for g in gold if not any(_row_matches(f, g) for f in rows)]
    assert not missed, (missed, [(f.indicator, f.extra) for f in rows])
    assert len(rows) == len(gold)


def test_ocr_appendix_names_come_back_with_their_marks(built: dict[str, Path]) -> None:
    clean = {f.indicator: f.label for f in _facts(built["c_phu_luc_nhiem_ky.docx"]) if f.kind == "table_row"}
    ocr = {f.indicator: f for f in _facts(built["d_phu_luc_nhiem_ky_ocr.txt"]) if f.kind == "table_row"}
    for code, label in clean.items():
        assert ocr[code].label == label
        assert 0 < ocr[code].confidence < 1


@pytest.mark.parametrize("document", _gold("gold_phu_luc_nhiem_ky.json")["documents"])
def test_term_appendix_is_stored_and_evaluated_for_the_term(
    built: dict[str, Path], document: str, tmp_path: Path
) -> None:
    gold = _gold("gold_phu_luc_nhiem_ky.json")
    env = {**os.environ, "CHITIEU_DB": f"sqlite:///{tmp_path / 'fresh.db'}"}
    ingest = subprocess.run([str(CHITIEU), "ingest", str(built[document])], env=env, capture_output=True, text=True)
    assert ingest.returncode == 0, ingest.stderr
    evaluated = subprocess.run(
        [str(CHITIEU), "evaluate", "--term", gold["term"], "--json"], env=env, capture_output=True, text=True
    )
    assert evaluated.returncode == 0, evaluated.stderr
    by_code = {e["indicator"]: e for e in map(json.loads, evaluated.stdout.splitlines())}
    for g in gold["rows"]:
        entry = by_code[g["indicator"]]
        assert entry["status"] == g["evaluated_status"], (g["indicator"], entry["rule"])
        assert entry["target"]["value"] == g["target"]["value"]
        if g["term_value"] is not None and g["indicator"] != "party_orgs_good":
            assert abs(entry["actual"]["value"] - g["term_value"]) < 0.01, (g["indicator"], entry["rule"])


def test_a_plan_table_over_last_years_estimate_gives_next_years_targets() -> None:
    """ "Ước thực hiện năm 2024 | Kế hoạch năm 2025 | So sánh (%)" as pipe rows of a text."""
    facts = _facts(FRESH / "e_nghi_quyet_bang_uoc.txt")
    got = {(f.indicator, f.comparator, f.value, f.value_high, f.period.label if f.period else None)
           for f in facts if f.kind == "target"}
    assert got == {
        ("grdp_growth", "range", 7.0, 7.5, "năm 2025"),
        ("budget_revenue", "=", 4200.0, None, "năm 2025"),
        ("poverty_rate", "<", 4.0, None, "năm 2025"),
    }
    assert not [f for f in facts if f.kind == "table_row"]
