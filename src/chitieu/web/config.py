"""Settings of one web application instance, decided once in ``create_app``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WebSettings:
    db_url: str
    secret_key: str
    data_dir: Path
    max_upload_bytes: int
    session_max_age_s: int = 8 * 3600
    https_only_cookies: bool = False
    ingest_workers: int = 1
