"""CONTRACT.md as a new user meets it: the real ``chitieu`` command, run from the repository root.

Every document form the product reads (generated fixtures, the bundled samples, our own
resolution as DOCX and text PDF, and the real corpus when it is present) goes through
``chitieu text`` and ``chitieu extract --json``; every fact must have the contract's fields
and types, and its ``source.text`` must be exactly ``(chitieu text FILE)[start:end]``.
Storage, evaluation and reports are checked end to end on the samples (ingest twice adds
nothing; ``--db`` and ``CHITIEU_DB`` are the same database). Error handling of user mistakes
lives in ``test_contract_cli.py``.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from chitieu.catalog import shipped_catalog
from corpus import clean
from fixtures.build import Fixtures
from fixtures.resolution import EXPECTED_TARGETS, write_resolution_docx, write_resolution_pdf

REPO = Path(__file__).resolve().parents[1]
SAMPLES = sorted((REPO / "src" / "chitieu" / "samples").glob("[0-9]*.*"))
SAMPLES_BY_NAME = {path.name: path for path in SAMPLES}

KINDS = {"target", "actual", "task", "table_row"}
COMPARATORS = {"=", "~", ">", ">=", "<", "<=", "range"}
VERDICTS = {"Vượt", "Đạt", "Không đạt", "Không đánh giá"}
STATUSES = VERDICTS | {"Chưa có số liệu"}
KIND_FIELDS = {
    "actual": ("estimate", "plan_ratio", "plan_basis", "plan_ratios", "change"),
    "task": ("id", "title", "lead", "support", "deadline", "reporting"),
    "table_row": ("target", "annual", "term_value", "official_status", "computed_status", "computed_term_value"),
}


def chitieu_command() -> list[str]:
    """The installed console script next to the interpreter (``.venv/bin/chitieu``)."""
    script = Path(sys.executable).parent / "chitieu"
    return [str(script)] if script.exists() else [sys.executable, "-m", "chitieu.cli"]


def chitieu(*args: str, env: dict[str, str] | None = None, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*chitieu_command(), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


# --------------------------------------------------------------------------- the documents


@pytest.fixture(scope="session")
def own_resolutions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("resolutions")
    return {
        "docx": write_resolution_docx(d / "nghi-quyet-2026.docx"),
        "pdf": write_resolution_pdf(d / "nghi-quyet-2026.pdf"),
    }


FIXTURE_FORMS = [f.name for f in dataclasses.fields(Fixtures) if f.name != "directory"]
DOCUMENTS = (
    [pytest.param(("fixture", name), id=f"fixture-{name}") for name in FIXTURE_FORMS]
    + [pytest.param(("own", form), id=f"own-resolution-{form}") for form in ("docx", "pdf")]
    + [pytest.param(("sample", path.name), id=f"sample-{path.name}") for path in SAMPLES]
    + [pytest.param(("corpus", prefix), id=f"corpus-{prefix}") for prefix in ("000", "001", "002", "004")]
)


@pytest.fixture
def document(
    request: pytest.FixtureRequest, fixture_files: Fixtures, own_resolutions: dict[str, Path]
) -> Path:
    where, name = request.param
    if where == "fixture":
        return Path(getattr(fixture_files, name))
    if where == "own":
        return own_resolutions[name]
    if where == "sample":
        return REPO / "src" / "chitieu" / "samples" / name
    return clean(name)


_TEXTS: dict[Path, str] = {}


def text_of(path: Path) -> str:
    """``chitieu text FILE`` (once per file per session: OCR is slow)."""
    if path not in _TEXTS:
        result = chitieu("text", str(path))
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        _TEXTS[path] = result.stdout
    return _TEXTS[path]


def extract_json(path: Path) -> list[dict[str, Any]]:
    result = chitieu("extract", str(path), "--json")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stdout.split("\n") if line]
    objects = []
    for line in lines:
        obj = json.loads(line)
        assert isinstance(obj, dict), line
        objects.append(obj)
    return objects


# --------------------------------------------------------------------------- field checks


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _iso(value: Any) -> dt.date:
    assert isinstance(value, str), value
    return dt.date.fromisoformat(value)


def fact_violations(fact: dict[str, Any], text: str, document: str) -> list[str]:
    """What in one fact breaks CONTRACT (empty when it conforms)."""
    bad: list[str] = []
    kind = fact.get("kind")
    if kind not in KINDS:
        bad.append(f"kind {kind!r}")
    if not isinstance(fact.get("label"), str) or not fact["label"].strip():
        bad.append(f"label {fact.get('label')!r}")
    code = fact.get("indicator")
    if code is not None and not (isinstance(code, str) and code):
        bad.append(f"indicator {code!r}")
    elif isinstance(code, str) and not code.startswith("new:"):
        # a recognised indicator is named as the catalogue names it, diacritics and all
        known = shipped_catalog().get(code)
        if known is None:
            bad.append(f"indicator {code!r} is not in the catalogue")
        elif fact.get("label") != known.name:
            bad.append(f"label {fact.get('label')!r} is not the catalogue's name {known.name!r}")
    for key in ("value", "value_high"):
        if key not in fact or (fact[key] is not None and not _is_number(fact[key])):
            bad.append(f"{key} {fact.get(key)!r}")
    if "comparator" not in fact or (fact["comparator"] is not None and fact["comparator"] not in COMPARATORS):
        bad.append(f"comparator {fact.get('comparator')!r}")
    if fact.get("comparator") == "range" and fact.get("value_high") is None:
        bad.append("range without value_high")
    if "unit" not in fact or (fact["unit"] is not None and not isinstance(fact["unit"], str)):
        bad.append(f"unit {fact.get('unit')!r}")
    period = fact.get("period")
    if period is None:
        # only a document that names no year at all may leave a fact without a period
        if any(str(y) in text for y in range(1990, 2051)):
            bad.append("period missing although the document names a year")
    elif not isinstance(period, dict) or not {"start", "end", "label"} <= set(period):
        bad.append(f"period {period!r}")
    else:
        try:
            if _iso(period["start"]) > _iso(period["end"]):
                bad.append(f"period start after end {period}")
        except (AssertionError, ValueError):
            bad.append(f"period dates {period}")
        if not isinstance(period["label"], str) or not period["label"]:
            bad.append(f"period label {period!r}")
    source = fact.get("source")
    if not isinstance(source, dict):
        bad.append(f"source {source!r}")
    else:
        if source.get("document") != document:
            bad.append(f"source.document {source.get('document')!r}")
        start, end = source.get("start"), source.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            bad.append(f"source span {start}..{end}")
        elif text[start:end] != source.get("text"):
            bad.append(f"source.text {source.get('text')!r} != text[{start}:{end}] {text[start:end]!r}")
    for key in KIND_FIELDS.get(str(kind), ()):
        if key not in fact:
            bad.append(f"{kind} without {key}")
    if kind == "actual":
        bad += _actual_violations(fact)
    elif kind == "task":
        bad += _task_violations(fact)
    elif kind == "table_row":
        bad += _table_row_violations(fact)
    return bad


def _actual_violations(fact: dict[str, Any]) -> list[str]:
    bad = []
    if not isinstance(fact.get("estimate"), bool):
        bad.append(f"estimate {fact.get('estimate')!r}")
    if fact.get("plan_ratio") is not None and not _is_number(fact["plan_ratio"]):
        bad.append(f"plan_ratio {fact['plan_ratio']!r}")
    if fact.get("plan_ratio") is not None and not isinstance(fact.get("plan_basis"), str):
        bad.append(f"plan_basis {fact.get('plan_basis')!r}")
    ratios = fact.get("plan_ratios")
    if not isinstance(ratios, list) or any(
        not isinstance(r, dict) or not _is_number(r.get("value")) or "basis" not in r for r in ratios
    ):
        bad.append(f"plan_ratios {ratios!r}")
    change = fact.get("change")
    if change is not None:
        well_formed = isinstance(change, dict) and {"value", "unit", "direction", "basis"} <= set(change)
        if not well_formed or change["direction"] not in {"up", "down"} or not _is_number(change["value"]):
            bad.append(f"change {change!r}")
    return bad


def _task_violations(fact: dict[str, Any]) -> list[str]:
    bad = []
    if not isinstance(fact.get("id"), str) or not fact["id"]:
        bad.append(f"task id {fact.get('id')!r}")
    if not isinstance(fact.get("title"), str) or not fact["title"]:
        bad.append(f"task title {fact.get('title')!r}")
    for key in ("lead", "support"):
        if not isinstance(fact.get(key), list) or not all(isinstance(a, str) for a in fact[key]):
            bad.append(f"task {key} {fact.get(key)!r}")
    if fact.get("deadline") is not None:
        try:
            _iso(fact["deadline"])
        except (AssertionError, ValueError):
            bad.append(f"deadline {fact['deadline']!r}")
    return bad


def _table_row_violations(fact: dict[str, Any]) -> list[str]:
    bad = []
    target = fact.get("target")
    if target is not None and (not isinstance(target, dict) or not {"value", "value_high", "comparator"} <= set(target)):
        bad.append(f"table target {target!r}")
    annual = fact.get("annual")
    if not isinstance(annual, dict) or any(
        not (len(k) == 4 and k.isdigit()) or not (v is None or _is_number(v)) for k, v in annual.items()
    ):
        bad.append(f"annual {annual!r}")
    for key in ("term_value", "computed_term_value"):
        if fact.get(key) is not None and not _is_number(fact[key]):
            bad.append(f"{key} {fact[key]!r}")
    for key in ("official_status", "computed_status"):
        if fact.get(key) is not None and fact[key] not in VERDICTS:
            bad.append(f"{key} {fact[key]!r}")
    return bad


# --------------------------------------------------------------------------- text and extract


@pytest.mark.parametrize("document", DOCUMENTS, indirect=True)
def test_text_prints_normalised_vietnamese_text(document: Path) -> None:
    text = text_of(document)
    assert text.strip(), "no text"
    assert unicodedata.is_normalized("NFC", text)
    assert "\ufffd" not in text, "undecodable characters"
    # every form carries Vietnamese words with their diacritics (legacy encodings converted)
    assert any(word in text.lower() for word in ("năm", "tỷ", "đạt", "tỉnh", "chỉ tiêu")), text[:300]


@pytest.mark.parametrize("document", DOCUMENTS, indirect=True)
def test_extract_json_follows_the_contract(document: Path) -> None:
    text = text_of(document)
    facts = extract_json(document)
    assert facts, "a planning document yields facts"
    problems = [f"{fact.get('kind')} {fact.get('label')!r}: {v}" for fact in facts for v in fact_violations(fact, text, document.name)]
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_own_resolution_targets_in_word_and_pdf(form: str, own_resolutions: dict[str, Path]) -> None:
    facts = [f for f in extract_json(own_resolutions[form]) if f["kind"] == "target"]
    for written, value, high, comparator, unit in EXPECTED_TARGETS:
        found = [f for f in facts if written in f["source"]["text"]]
        assert found, f"no target for {written!r}"
        fact = found[0]
        assert (fact["value"], fact["value_high"], fact["comparator"], fact["unit"]) == (value, high, comparator, unit)
        assert fact["period"] == {"start": "2026-01-01", "end": "2026-12-31", "label": "năm 2026"}


# --------------------------------------------------------------------------- ingest


def _counts(db_file: Path) -> tuple[int, int]:
    with sqlite3.connect(db_file) as con:
        documents = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        facts = con.execute("SELECT count(*) FROM facts").fetchone()[0]
    return documents, facts


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled samples ingested once into a fresh SQLite file through ``--db``."""
    db_file = tmp_path_factory.mktemp("db") / "samples.sqlite3"
    result = chitieu("ingest", *map(str, SAMPLES), "--db", f"sqlite:///{db_file}")
    assert result.returncode == 0, result.stderr
    return db_file


def test_ingest_stores_one_row_per_document(sample_db: Path) -> None:
    documents, facts = _counts(sample_db)
    assert documents == len(SAMPLES)
    assert facts > 0


def test_ingesting_the_same_content_again_adds_nothing(sample_db: Path) -> None:
    before = _counts(sample_db)
    again = chitieu("ingest", *map(str, SAMPLES), "--db", f"sqlite:///{sample_db}")
    assert again.returncode == 0, again.stderr
    assert _counts(sample_db) == before


def test_same_content_under_another_name_adds_nothing(sample_db: Path, tmp_path: Path) -> None:
    before = _counts(sample_db)
    copy = tmp_path / "ban-sao.md"
    copy.write_bytes(SAMPLES[0].read_bytes())
    result = chitieu("ingest", str(copy), "--db", f"sqlite:///{sample_db}")
    assert result.returncode == 0, result.stderr
    assert _counts(sample_db) == before


def test_chitieu_db_environment_variable_is_the_same_as_db_option(sample_db: Path, tmp_path: Path) -> None:
    env_db = tmp_path / "env.sqlite3"
    env = {"CHITIEU_DB": f"sqlite:///{env_db}"}
    first = chitieu("ingest", *map(str, SAMPLES), env=env)
    assert first.returncode == 0, first.stderr
    assert _counts(env_db) == _counts(sample_db)
    # the same database through --db: nothing new; evaluation reads the same either way
    second = chitieu("ingest", *map(str, SAMPLES), "--db", f"sqlite:///{env_db}")
    assert second.returncode == 0, second.stderr
    assert _counts(env_db) == _counts(sample_db)
    via_env = chitieu("evaluate", "--year", "2024", "--json", env=env)
    via_option = chitieu("evaluate", "--year", "2024", "--json", "--db", f"sqlite:///{env_db}")
    assert via_env.returncode == via_option.returncode == 0
    assert via_env.stdout == via_option.stdout
    assert via_env.stdout.strip()


def test_extract_needs_no_database(tmp_path: Path) -> None:
    env = {"CHITIEU_DB": f"sqlite:///{tmp_path / 'never.sqlite3'}", "XDG_DATA_HOME": str(tmp_path / "data")}
    result = chitieu("extract", str(SAMPLES[0]), "--json", env=env)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "never.sqlite3").exists()


# --------------------------------------------------------------------------- evaluate


def evaluation_violations(ev: dict[str, Any], texts: dict[str, str]) -> list[str]:
    bad = []
    for key in ("indicator", "label", "unit", "period", "target", "actual", "status", "plan_ratio", "rule", "sources"):
        if key not in ev:
            bad.append(f"no {key}")
    if bad:
        return bad
    if not isinstance(ev["indicator"], str) or not ev["indicator"]:
        bad.append(f"indicator {ev['indicator']!r}")
    if not isinstance(ev["label"], str) or not ev["label"].strip():
        bad.append(f"label {ev['label']!r}")
    if ev["status"] not in STATUSES:
        bad.append(f"status {ev['status']!r}")
    if not isinstance(ev["rule"], str) or not ev["rule"].strip():
        bad.append("empty rule")
    if ev["plan_ratio"] is not None and not _is_number(ev["plan_ratio"]):
        bad.append(f"plan_ratio {ev['plan_ratio']!r}")
    period = ev["period"]
    if not isinstance(period, dict) or _iso(period["start"]) > _iso(period["end"]) or not period.get("label"):
        bad.append(f"period {period!r}")
    sources = ev["sources"]
    if not isinstance(sources, list) or not sources or not all(isinstance(s, str) and s for s in sources):
        bad.append(f"sources {sources!r}")
    if ev["target"] is None and ev["actual"] is None:
        bad.append("neither target nor actual")
    for side, keys in (("target", ("value", "value_high", "comparator", "source")), ("actual", ("value", "estimate", "source"))):
        part = ev[side]
        if part is None:
            continue
        missing = [k for k in keys if k not in part]
        if missing:
            bad.append(f"{side} without {missing}")
            continue
        if part["value"] is not None and not _is_number(part["value"]):
            bad.append(f"{side}.value {part['value']!r}")
        if side == "target" and part["comparator"] is not None and part["comparator"] not in COMPARATORS:
            bad.append(f"target.comparator {part['comparator']!r}")
        if side == "actual" and not isinstance(part["estimate"], bool):
            bad.append(f"actual.estimate {part['estimate']!r}")
        source = part["source"]
        if not isinstance(source, dict) or not source.get("document"):
            bad.append(f"{side}.source {source!r}")
            continue
        if source["document"] not in sources:
            bad.append(f"{side}.source document {source['document']!r} not in sources")
        if source.get("start") is not None and source["document"] in texts:
            text = texts[source["document"]]
            if text[source["start"] : source["end"]] != source.get("text"):
                bad.append(f"{side}.source.text {source.get('text')!r} is not the document's text at its span")
    return bad


def _evaluations(sample_db: Path, *period: str) -> list[dict[str, Any]]:
    result = chitieu("evaluate", *period, "--json", "--db", f"sqlite:///{sample_db}")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line]


@pytest.mark.parametrize("period", [("--year", "2024"), ("--year", "2023"), ("--term", "2021-2025")], ids=" ".join)
def test_evaluate_json_follows_the_contract(sample_db: Path, period: tuple[str, str]) -> None:
    evaluations = _evaluations(sample_db, *period)
    assert evaluations
    texts = {path.name: text_of(path) for path in SAMPLES}
    problems = [f"{ev.get('label')!r}: {v}" for ev in evaluations for v in evaluation_violations(ev, texts)]
    assert not problems, "\n".join(problems[:20])
    # the samples hold targets and results for the same indicators: some are judged
    assert any(ev["status"] in VERDICTS - {"Không đánh giá"} for ev in evaluations)
    keys = [(ev["indicator"], ev["period"]["start"], ev["period"]["end"]) for ev in evaluations]
    assert len(keys) == len(set(keys)), "one object per indicator and period"


def test_evaluate_term_judges_the_sample_term_table(sample_db: Path) -> None:
    evaluations = {ev["indicator"]: ev for ev in _evaluations(sample_db, "--term", "2021-2025")}
    growth = evaluations["grdp_growth"]
    assert growth["period"]["start"] == "2021-01-01" and growth["period"]["end"] == "2025-12-31"
    assert growth["actual"]["value"] == pytest.approx(5.39, abs=0.01)
    assert growth["status"] == "Không đạt"
    # an aggregate's source is real text: the row that holds its latest figure
    source = growth["actual"]["source"]
    assert source["document"] == "04_danh_gia_nhiem_ky_2021_2025.md"
    assert text_of(SAMPLES_BY_NAME[source["document"]])[source["start"] : source["end"]] == source["text"]
    assert "5,39" in source["text"]


@pytest.mark.parametrize("period", [("--year", "2024"), ("--term", "2021-2025")], ids=" ".join)
def test_evaluate_without_json_prints_a_table(sample_db: Path, period: tuple[str, str]) -> None:
    result = chitieu("evaluate", *period, "--db", f"sqlite:///{sample_db}")
    assert result.returncode == 0, result.stderr
    assert "Đánh giá" in result.stdout and "Chỉ tiêu" in result.stdout


def test_evaluate_on_an_empty_database_prints_nothing_and_succeeds(tmp_path: Path) -> None:
    result = chitieu("evaluate", "--year", "2024", "--json", "--db", f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""


# --------------------------------------------------------------------------- reports


def _open_report(path: Path, fmt: str) -> str:
    """The report's text, read back with the library made for its format."""
    if fmt == "xlsx":
        import openpyxl

        book = openpyxl.load_workbook(path)
        return "\n".join(
            str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row if cell
        )
    if fmt == "docx":
        import docx

        document = docx.Document(str(path))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if fmt == "pdf":
        import pypdfium2

        pdf = pypdfium2.PdfDocument(str(path))
        try:
            return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        finally:
            pdf.close()
    if fmt == "html":
        from html.parser import HTMLParser

        chunks: list[str] = []

        class Collect(HTMLParser):
            def handle_data(self, data: str) -> None:
                chunks.append(data)

        content = path.read_text(encoding="utf-8")
        assert content.lstrip().lower().startswith("<!doctype html") or "<html" in content.lower()
        Collect().feed(content)
        return "".join(chunks)
    assert fmt == "csv"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) > 1 and len(rows[0]) > 3
    return "\n".join(",".join(row) for row in rows)


REPORT_CASES = [
    *[pytest.param(("--year", "2024"), fmt, id=f"year-{fmt}") for fmt in ("xlsx", "docx", "html", "pdf", "csv")],
    *[pytest.param(("--term", "2021-2025"), fmt, id=f"term-{fmt}") for fmt in ("xlsx", "docx", "csv")],
    *[pytest.param(("--period", "2024-9M"), fmt, id=f"period-{fmt}") for fmt in ("xlsx", "html")],
]


@pytest.mark.parametrize(("period", "fmt"), REPORT_CASES)
def test_report_writes_a_file_its_library_opens(sample_db: Path, tmp_path: Path, period: tuple[str, str], fmt: str) -> None:
    out = tmp_path / f"bao-cao.{fmt}"
    result = chitieu("report", *period, "--format", fmt, "-o", str(out), "--db", f"sqlite:///{sample_db}")
    assert result.returncode == 0, result.stderr
    assert out.is_file() and out.stat().st_size > 0
    content = _open_report(out, fmt)
    expected = "GRDP" if period[0] == "--term" else "lương thực"
    assert expected in content, content[:500]


def test_report_format_follows_the_file_suffix(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "phu-luc.xlsx"
    result = chitieu("report", "--year", "2024", "-o", str(out), "--db", f"sqlite:///{sample_db}")
    assert result.returncode == 0, result.stderr
    assert "lương thực" in _open_report(out, "xlsx")


# --------------------------------------------------------------------------- make setup


def test_make_setup_is_idempotent(tmp_path: Path) -> None:
    """The Makefile's own logic, on a throw-away copy with a stand-in interpreter that logs its calls.

    The first ``make setup`` creates the environment and installs; the second changes
    nothing (no venv, no pip). System packages (``system``) are out of this check: they
    would need root, and the script installs only what is missing.
    """
    import shutil

    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    work = tmp_path / "checkout"
    work.mkdir()
    shutil.copy(REPO / "Makefile", work / "Makefile")
    shutil.copy(REPO / "pyproject.toml", work / "pyproject.toml")
    log = tmp_path / "calls.log"
    fake = tmp_path / "python3"
    fake.write_text(
        "#!/bin/sh\n"
        f'echo "$0 $*" >> {log}\n'
        'if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then\n'
        '  mkdir -p "$3/bin" && cp "$0" "$3/bin/python" && chmod +x "$3/bin/python"\n'
        "fi\n"
    )
    fake.chmod(0o755)

    def setup() -> list[str]:
        log.write_text("")
        result = subprocess.run(
            ["make", "-o", "system", "setup", f"PYTHON={fake}"], cwd=work, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return log.read_text().splitlines()

    first = setup()
    assert any("-m venv" in call for call in first)
    assert any("pip install" in call for call in first)
    assert setup() == [], "a second make setup must not touch the environment"
    # a changed pyproject.toml (new dependency) installs again, without re-creating the venv
    os.utime(work / "pyproject.toml", (dt.datetime.now().timestamp() + 5,) * 2)
    third = setup()
    assert any("pip install" in call for call in third)
    assert not any("-m venv" in call for call in third)
