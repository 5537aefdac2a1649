"""Time Vietnamese normalisation on the corpus documents (or on files given as arguments).

Prints, per document, its size, the number of lines before and after, the footnotes found and
the best of several runs, in milliseconds.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from chitieu.text.normalize import normalize_text

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def main(paths: list[Path]) -> None:
    for path in paths:
        text = path.read_text(encoding="utf-8")
        runs = []
        result = normalize_text(text, markdown=path.suffix == ".md")
        for _ in range(7):
            started = time.perf_counter()
            result = normalize_text(text, markdown=path.suffix == ".md")
            runs.append(time.perf_counter() - started)
        print(
            f"{path.name:32s} {len(text) / 1024:6.1f} KB  lines {len(text.splitlines()):5d} -> "
            f"{len(result.mapped.text.splitlines()):4d}  footnotes {len(result.footnotes):3d}  "
            f"best {min(runs) * 1000:6.1f} ms  median {sorted(runs)[len(runs) // 2] * 1000:6.1f} ms"
        )


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]] or sorted(CORPUS.glob("*.txt")))
