"""Document metadata: type, number and symbol, issuer, place and date, period. (stub: being built)"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass
class DocumentMetadata:
    doc_type: str | None = None  # "Nghị quyết", "Kế hoạch", "Báo cáo", "Quyết định", "Tờ trình" …
    number: str | None = None  # "52/NQ-HĐND"
    issuer: str | None = None  # "Hội đồng nhân dân tỉnh Lai Châu"
    place: str | None = None  # "Lai Châu"
    issued_on: dt.date | None = None
    issued_text: str | None = None  # "Lai Châu, ngày 09 tháng 12 năm 2022"
    title: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    period_label: str | None = None  # "năm 2023", "9 tháng năm 2024", "giai đoạn 2021-2025"

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_type": self.doc_type,
            "number": self.number,
            "issuer": self.issuer,
            "place": self.place,
            "issued_on": self.issued_on.isoformat() if self.issued_on else None,
            "issued_text": self.issued_text,
            "title": self.title,
            "period": (
                {"start": self.period_start.isoformat(), "end": self.period_end.isoformat(), "label": self.period_label}
                if self.period_start and self.period_end
                else None
            ),
        }


def extract_metadata(text: str) -> DocumentMetadata:
    return DocumentMetadata()
