"""Indicator matching throughput: index build, fresh phrases, repeated phrases, accuracy on damage.

Phrases are the catalogue's own wordings, each also stripped of diacritics and damaged the way
OCR without a Vietnamese model damages text; a figure is appended so that every phrase is new
to the result cache. Run: ``.venv/bin/python benchmarks/catalog_match.py``.
"""

from __future__ import annotations

import random
import re
import time
import unicodedata

from chitieu.catalog.matcher import match_indicator
from chitieu.catalog.model import Catalog, shipped_catalog, shipped_indicators


def strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def ocr_damage(text: str) -> str:
    text = text.replace("Đ", "P").replace("đ", "p").replace("ư", "w")
    return strip_marks(re.sub(r"\bl(?=[aeiouyâêô])", "1", text))


def main() -> None:
    started = time.perf_counter()
    catalog = Catalog.from_indicators(shipped_indicators())
    match_indicator("khởi tạo", catalog=catalog)
    build = time.perf_counter() - started

    rng = random.Random(7)
    cases = []
    for ind in shipped_catalog().all():
        for phrase in ind.phrases:
            cases.append((phrase, ind.unit, ind.code))
    variants = [(p, u, c) for p, u, c in cases] + [(strip_marks(p), u, c) for p, u, c in cases]
    variants += [(ocr_damage(p), u, c) for p, u, c in cases]
    rng.shuffle(variants)

    started = time.perf_counter()
    right = found = 0
    for i, (phrase, unit, code) in enumerate(variants):
        match = match_indicator(f"{phrase} đạt {i},5", unit, catalog=catalog)
        found += match is not None
        right += match is not None and match.code == code
    fresh = time.perf_counter() - started

    started = time.perf_counter()
    repeats = 0
    for _ in range(3):
        for i, (phrase, unit, _code) in enumerate(variants):
            match_indicator(f"{phrase} đạt {i},5", unit, catalog=catalog)
            repeats += 1
    cached = time.perf_counter() - started

    print(f"indicators: {len(catalog)}; wordings: {len(cases)}")
    print(f"index build: {build * 1000:.0f} ms")
    print(f"fresh phrases: {len(variants)} in {fresh:.2f} s = {len(variants) / fresh:.0f} matches/s")
    print(f"repeated phrases: {repeats / cached:.0f} matches/s")
    print(
        f"recognised: {found / len(variants):.1%}; right code: {right / len(variants):.1%} "
        "(wordings shared by parts of different composites, such as 'tiểu học', are ambiguous by design)"
    )


if __name__ == "__main__":
    main()
