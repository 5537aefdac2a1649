"""Shared test fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.build import Fixtures, build_all
from pg import db_url, postgres_server  # noqa: F401  (PostgreSQL server + SQLite/PostgreSQL db_url)


@pytest.fixture(scope="session")
def fixture_files(tmp_path_factory: pytest.TempPathFactory) -> Fixtures:
    """Every generated document form (DOCX, PDFs, scans, images, legacy text …), built once."""
    return build_all(tmp_path_factory.mktemp("documents"))


@pytest.fixture
def tmp_db_url(tmp_path: Path) -> str:
    """A fresh, empty SQLite database URL for one test."""
    return f"sqlite:///{tmp_path / 'chitieu-test.sqlite3'}"
