"""Actual-result extraction on the corpus 9-month report: recall and precision against the gold
list of plan-ratio statements, the misses, and throughput.

Run: ``.venv/bin/python benchmarks/actuals.py [--repeat N]``. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from chitieu.extract.actuals import extract_actuals
from chitieu.extract.facts import Fact
from chitieu.extract.implied import derive_implied_targets
from chitieu.pipeline import read_document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = ROOT / "tests" / "gold" / "actuals_004.json"


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
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
