"""Throughput of legacy decoding/detection and the quality score on the shared corpus.

Run: .venv/bin/python benchmarks/bench_text_legacy_quality.py
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from chitieu.text.legacy import (
    _chunk_is_vietnamese,
    cp1252_view,
    decode_bytes,
    detect_legacy,
    encode_tcvn3,
    encode_vni,
)
from chitieu.text.quality import quality_score
from chitieu.text.syllables import parse_syllable

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"  # clean documents; wrecked ones in wrecked/


def _rate(label: str, size: int, fn: Callable[[], object], repeat: int = 3) -> None:
    best = min(_timed(fn) for _ in range(repeat))
    print(f"{label:<40} {size / best / 1e6:8.2f} MB/s  ({size / 1e6:.2f} MB in {best * 1000:.0f} ms)")


def _timed(fn: Callable[[], object]) -> float:
    # Cold caches: a fresh document starts with none of its words seen.
    parse_syllable.cache_clear()
    _chunk_is_vietnamese.cache_clear()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    files = sorted(CORPUS.glob("0*.txt"))
    if not files:
        raise SystemExit(f"no corpus at {CORPUS}")
    text = unicodedata.normalize("NFC", "\n".join(p.read_text(encoding="utf-8") for p in files)) * 4
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    tcvn3 = encode_tcvn3(text, errors="replace")
    vni = encode_vni(text, errors="replace")
    utf8 = text.encode()
    _rate("quality_score (clean)", len(utf8), lambda: quality_score(text))
    _rate("quality_score (no diacritics)", len(stripped.encode()), lambda: quality_score(stripped))
    _rate("decode_bytes utf-8", len(utf8), lambda: decode_bytes(utf8))
    _rate("decode_bytes tcvn3", len(tcvn3), lambda: decode_bytes(tcvn3))
    _rate("decode_bytes vni", len(vni), lambda: decode_bytes(vni))
    _rate("detect_legacy (unicode text)", len(utf8), lambda: detect_legacy(text))
    view = cp1252_view(vni)
    _rate("detect_legacy (vni view)", len(view.encode()), lambda: detect_legacy(view))
    wrecked = "\n".join(p.read_text(encoding="utf-8") for p in sorted((CORPUS / "wrecked").glob("*.txt")))
    if wrecked:
        _rate("quality_score (wrecked corpus copy)", len(wrecked.encode()), lambda: quality_score(wrecked))
    print(f"scores: clean {quality_score(text):.3f}, no diacritics {quality_score(stripped):.3f}"
          + (f", wrecked {quality_score(wrecked):.3f}" if wrecked else ""))


if __name__ == "__main__":
    main()
