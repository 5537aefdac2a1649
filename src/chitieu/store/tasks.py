"""Task rows derived from a plan's task facts. (stub: being built)"""

from __future__ import annotations

from sqlalchemy.orm import Session

from chitieu.extract.facts import Fact
from chitieu.store import models


def store_tasks(session: Session, document: models.Document, facts: list[Fact]) -> None:
    return None
