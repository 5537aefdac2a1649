"""The real provincial documents beside the repository, by the kind of text each test expects.

`../shared/corpus/*.txt` are clean documents in their original forms; `../shared/corpus/wrecked/`
holds documents as an archive's text layer often looks (OCR run without a Vietnamese model). A
test that reads clean text asks for `clean(...)`, a test of damaged reading for `wrecked(...)`,
so a wrecked copy never stands in for a clean one. Where the folder or the document is absent
the test is skipped with the reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpus"
WRECKED_DIR = CORPUS_DIR / "wrecked"


def _all(folder: Path) -> list[Path]:
    found = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not found:
        pytest.skip(f"real corpus not available at {folder}")
    return found


def _one(folder: Path, prefix: str) -> Path:
    found = [path for path in _all(folder) if path.name.startswith(f"{prefix}_")]
    if not found:
        pytest.skip(f"corpus document {prefix} is absent from {folder}")
    return found[0]


def clean_documents() -> list[Path]:
    """Every clean document (`000_….txt` …), sorted by name."""
    return _all(CORPUS_DIR)


def clean(prefix: str) -> Path:
    """The clean document whose name starts with `prefix` ("004")."""
    return _one(CORPUS_DIR, prefix)


def wrecked_documents() -> list[Path]:
    """Every wrecked document in `wrecked/`, sorted by name."""
    return _all(WRECKED_DIR)


def wrecked(prefix: str) -> Path:
    """The wrecked document whose name starts with `prefix` ("003")."""
    return _one(WRECKED_DIR, prefix)
