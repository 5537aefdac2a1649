"""Actual-result extraction: recall and precision against hand-made gold lists, the misses, and
throughput.

* the corpus 9-month report: every statement with a plan ratio (``tests/gold/actuals_004.json``);
* our own reports in other wordings and forms (``tests/fixtures/reports/``, gold
  ``tests/gold/actuals_<name>.json``): every actual, read through the whole pipeline, matched on
  value, unit, plan ratio, change and catalogue code (as ``tests/test_actuals_reports.py``).

Run: ``.venv/bin/python benchmarks/actuals.py [--repeat N]``. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from chitieu.extract.actuals import extract_actuals
from chitieu.extract.facts import Fact
from chitieu.extract.implied import derive_implied_targets
from chitieu.pipeline import read_document

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from fixtures.report_docx import build_docx  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = ROOT / "tests" / "gold" / "actuals_004.json"
REPORTS = ROOT / "tests" / "fixtures" / "reports"
REPORT_GOLD = sorted((ROOT / "tests" / "gold").glob("actuals_[a-z]_*.json"))


def _matches(expected: dict[str, Any], fact: Fact) -> bool:
    if fact.value != expected["value"] or fact.unit != expected["unit"]:
        return False
    if (
        fact.extra.get("plan_ratio") != expected["plan_ratio"]
        or fact.extra.get("plan_basis") != expected["plan_basis"]
    ):
        return False
    if "plan_ratios" in expected and fact.extra.get("plan_ratios") != expected["plan_ratios"]:
        return False
    change, want = fact.extra.get("change"), expected["change"]
    if want is None:
        return change is None
    return change is not None and all(change[k] == v for k, v in want.items())


def _matches_all(expected: dict[str, Any], fact: Fact) -> bool:
    """A gold statement of our own reports: value, unit, plan ratio, change and catalogue code."""
    if (fact.value is None) != (expected["value"] is None):
        return False
    if fact.value is not None and abs(fact.value - expected["value"]) > 1e-6:
        return False
    if fact.unit != expected["unit"]:
        return False
    if expected.get("indicator") and fact.indicator != expected["indicator"]:
        return False
    return _matches({**expected, "value": fact.value}, fact)


def own_reports() -> None:
    """Per-document recall and precision on our own reports, with every miss and extra."""
    from chitieu.pipeline import extract_facts

    print("own reports (every actual; value, unit, plan ratio, change, catalogue code):")
    with tempfile.TemporaryDirectory() as tmp:
        for gold_path in REPORT_GOLD:
            spec = json.loads(gold_path.read_text(encoding="utf-8"))
            path = REPORTS / spec["document"]
            if path.suffix == ".docx":
                path = build_docx(
                    REPORTS / (gold_path.stem.removeprefix("actuals_") + ".json"), Path(tmp) / path.name
                )
            doc = read_document(path)
            facts = [f for f in extract_facts(doc) if f.kind == "actual"]
            pool = list(facts)
            misses = []
            periods_right = 0
            for expected in spec["statements"]:
                hit = next((f for f in pool if _matches_all(expected, f)), None)
                if hit is None:
                    misses.append(expected)
                    continue
                pool.remove(hit)
                periods_right += bool(hit.period and hit.period.label == expected["period"])
            found = len(spec["statements"]) - len(misses)
            print(
                f"  {spec['document']}: recall {found}/{len(spec['statements'])} = "
                f"{found / len(spec['statements']):.3f}; precision {found}/{len(facts)} = "
                f"{found / max(len(facts), 1):.3f}; periods right {periods_right}/{found}"
            )
            for miss in misses:
                print(
                    "    missed:",
                    miss["label"],
                    miss["value"],
                    miss["unit"],
                    miss["plan_ratio"],
                    miss["change"],
                )
            for extra in pool:
                print("    not in gold:", extra.value, extra.unit, extra.indicator, extra.source.text[:70])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    own_reports()
    path = CORPUS / "004_65b3fa33ca6884f9.txt"
    if not path.exists():
        print("corpus not available")
        return
    doc = read_document(path)
    meta = doc.metadata

    def run() -> list[Fact]:
        return extract_actuals(
            doc.text, doc.name, meta.period, doc.footnotes, outline=doc.outline, doc_type=meta.doc_type
        )

    facts = run()
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["statements"]
    pool = [f for f in facts if "plan_ratio" in f.extra]
    with_ratio = len(pool)
    misses = []
    for expected in gold:
        hit = next((f for f in pool if _matches(expected, f)), None)
        if hit is None:
            misses.append(expected)
        else:
            pool.remove(hit)
    found = len(gold) - len(misses)
    print(f"document: {path.name}, {len(doc.text)} characters, {len(doc.footnotes)} footnotes")
    print(
        f"actuals: {len(facts)} ({sum('footnote' in f.extra for f in facts)} from footnotes), "
        f"recognised indicators: {sum(f.indicator is not None for f in facts)}"
    )
    print(
        f"plan-ratio statements: recall {found}/{len(gold)} = {found / len(gold):.3f}; "
        f"precision {found}/{with_ratio} = {found / max(with_ratio, 1):.3f}"
    )
    print(f"implied targets: {len(derive_implied_targets(facts))}")
    for miss in misses:
        print("  missed:", miss["what"], miss["value"], miss["unit"], miss["plan_ratio"])
    for extra in pool:
        print(
            "  not in gold:", extra.value, extra.unit, extra.extra.get("plan_ratio"), extra.source.text[:60]
        )

    start = time.perf_counter()
    for _ in range(args.repeat):
        run()
    elapsed = (time.perf_counter() - start) / args.repeat
    print(
        f"throughput: {elapsed * 1000:.1f} ms per run, {len(doc.text) / elapsed / 1000:.0f} k characters/s, "
        f"{len(facts) / elapsed:.0f} facts/s"
    )


if __name__ == "__main__":
    main()
