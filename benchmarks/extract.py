"""Target extraction against the hand-made gold lists of the corpus resolutions.

Prints, for the corpus resolutions 000 and 002, the archive's political report 003 (its wrecked
scan, as it is and restored, read whole), and for every document written for the tests
in ``tests/fixtures/unseen/`` (a political report clean and as OCR without diacritics, resolutions
in other provinces' wordings, a targets table, a plan in prose, a Markdown export): recall and
precision (a fact matches a gold target on value, upper bound, unit, comparator, indicator code
where the catalogue is available and the gold names one, and for the unseen documents also the
period and the ``every_year`` flag), the misses and the extra facts, and throughput of
``extract_targets`` and ``find_quantities`` in KB/s. The unseen documents are read through the
whole pipeline (``read_document`` + ``extract_facts``), as a user's upload is.
Run: ``.venv/bin/python benchmarks/extract.py``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from chitieu.extract.facts import Fact
from chitieu.extract.quantities import find_quantities
from chitieu.extract.targets import extract_targets
from chitieu.pipeline import extract_facts, read_document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = ROOT / "tests" / "gold"
FIXTURES = ROOT / "tests" / "fixtures"

try:
    import chitieu.catalog.matcher  # noqa: F401

    CATALOGUE = True
except ImportError:  # pragma: no cover
    CATALOGUE = False


def matches(fact: Fact, gold: dict[str, Any]) -> bool:
    if fact.value is None or abs(fact.value - gold["value"]) > 1e-6:
        return False
    if (fact.value_high is None) != (gold["value_high"] is None):
        return False
    if gold["value_high"] is not None and abs((fact.value_high or 0) - gold["value_high"]) > 1e-6:
        return False
    if fact.unit != gold["unit"] or fact.comparator != gold["comparator"]:
        return False
    if CATALOGUE and gold["indicator"] and fact.indicator != gold["indicator"]:
        return False
    if gold.get("period") and (fact.period is None or fact.period.label != gold["period"]):
        return False
    return "fixture" not in gold or bool(fact.extra.get("every_year")) == bool(gold.get("every_year"))


def score(
    facts: list[Fact], gold: list[dict[str, Any]]
) -> tuple[float, float, list[dict[str, Any]], list[Fact]]:
    """(recall, precision, missed gold targets, facts matching no gold target)."""
    unused = list(facts)
    missed = []
    for g in gold:
        hit = next((f for f in unused if matches(f, g)), None)
        if hit is None:
            missed.append(g)
        else:
            unused.remove(hit)
    found = len(gold) - len(missed)
    recall = found / len(gold) if gold else 1.0
    precision = found / len(facts) if facts else 1.0
    return recall, precision, missed, unused


def _report(name: str, facts: list[Fact], targets: list[dict[str, Any]], speed: str = "") -> float:
    recall, precision, missed, extra = score(facts, targets)
    print(f"\n{name}: {len(facts)} targets, gold {len(targets)}")
    print(f"  recall {recall:.3f}  precision {precision:.3f}{speed}")
    for g in missed:
        print(
            f"  MISSED  {g['label']}: {g['comparator']} {g['value']} {g['unit']} [{g['indicator']}] {g.get('period')}"
        )
    for f in extra:
        period = f.period.label if f.period else None
        print(
            f"  EXTRA   {f.label}: {f.comparator} {f.value} {f.unit} [{f.indicator}] {period} ← {f.source.text[:60]!r}"
        )
    return recall


def main() -> int:
    print(f"catalogue: {'yes' if CATALOGUE else 'no'}")
    for gold_path in sorted(GOLD.glob("targets_*.json")):
        spec = json.loads(gold_path.read_text(encoding="utf-8"))
        if "fixture" in spec:
            doc = read_document(FIXTURES / spec["fixture"] / spec["document"])
            facts = [f for f in extract_facts(doc) if f.kind == "target"]
            targets = [{**g, "fixture": spec["fixture"]} for g in spec["targets"]]
            _report(spec["document"], facts, targets)
            continue
        if not CORPUS.exists():
            print("corpus not found:", CORPUS)
            continue
        wrecked = CORPUS / "wrecked" / spec["document"]
        if wrecked.exists():
            # the archive's scan: its text layer as it is, and as chitieu reads it (restored)
            for restore, how in ((False, "as it is"), (True, "restored")):
                started = time.perf_counter()
                facts = [f for f in extract_facts(read_document(wrecked, restore=restore)) if f.kind == "target"]
                seconds = time.perf_counter() - started
                _report(f"{spec['document']} (wrecked scan, {how})", facts, spec["targets"], f"  {seconds:.1f} s")
            continue
        doc = read_document(CORPUS / spec["document"])
        text = doc.text
        rounds = 20
        t0 = time.perf_counter()
        for _ in range(rounds):
            facts = extract_targets(text, doc.name)
        elapsed = (time.perf_counter() - t0) / rounds
        size_kb = len(text.encode("utf-8")) / 1024
        _report(spec["document"], facts, spec["targets"], f"  extract_targets {size_kb / elapsed:,.0f} KB/s")
    if not CORPUS.exists():
        return 0
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("0*.txt"))]
    total = sum(len(t.encode("utf-8")) for t in texts)
    t0 = time.perf_counter()
    count = 0
    for _ in range(5):
        for t in texts:
            count += len(find_quantities(t))
    elapsed = time.perf_counter() - t0
    print(
        f"\nfind_quantities over the corpus: {5 * total / elapsed / 1024:,.0f} KB/s ({count // 5} quantities)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
