"""JSON shapes of the ``/api/`` endpoints (they document themselves in ``/openapi.json``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    username: str
    full_name: str | None = None
    role: str
    agency: str | None = None
    active: bool = True


class LoginIn(BaseModel):
    username: str
    password: str


class UserIn(BaseModel):
    username: str
    password: str
    role: str = "viewer"
    agency: str | None = None
    full_name: str | None = None


class UserPatch(BaseModel):
    role: str | None = None
    agency: str | None = None
    full_name: str | None = None
    active: bool | None = None
    password: str | None = None


class FactOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    document_id: int
    kind: str
    indicator: str | None = None
    label: str
    value: float | None = None
    value_high: float | None = None
    comparator: str | None = None
    unit: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    period_label: str | None = None
    estimate: bool = False
    confidence: float = 1.0
    src_start: int
    src_end: int
    src_text: str
    data: dict[str, Any] = Field(default_factory=dict)


class DocumentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    format: str
    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    issued_on: dt.date | None = None
    title: str | None = None
    period_label: str | None = None
    quality: float
    ocr: bool
    size_bytes: int
    uploaded_by: str | None = None
    created_at: dt.datetime | None = None
    facts: int = 0


class DocumentDetailOut(DocumentOut):
    text: str
    fact_list: list[FactOut] = Field(default_factory=list)


class JobOut(BaseModel):
    id: str
    filename: str
    state: str
    state_label: str
    finished: bool
    progress: float
    message: str
    document_id: int | None = None
    created: bool | None = None
    facts: int = 0
    submitted_at: str
    finished_at: str | None = None


class TaskOut(BaseModel):
    id: int
    document_id: int
    code: str
    parent_code: str | None = None
    depth: int = 0
    title: str
    lead: list[Any] = Field(default_factory=list)
    support: list[Any] = Field(default_factory=list)
    deadline: dt.date | None = None
    completed_on: dt.date | None = None
    status: str
    status_label: str
    progress_note: str | None = None
    updated_by: str | None = None
    updated_at: dt.datetime | None = None
    version: int
    can_edit: bool = False


class TaskProgressIn(BaseModel):
    version: int = Field(description="The version the change is based on (optimistic locking).")
    completed_on: dt.date | None = Field(None, description="Completion date; null to mark the task not done.")
    note: str | None = Field(None, max_length=4000)


class SnippetPartOut(BaseModel):
    text: str
    highlighted: bool


class DocumentHitOut(BaseModel):
    document_id: int
    title: str
    name: str
    doc_type: str | None = None
    number: str | None = None
    score: float
    snippet: list[SnippetPartOut]


class IndicatorHitOut(BaseModel):
    code: str
    name: str
    unit: str | None = None
    agency: str | None = None
    score: float


class SearchOut(BaseModel):
    query: str
    tokens: list[str]
    documents: list[DocumentHitOut]
    indicators: list[IndicatorHitOut]


class IndicatorGroupOut(BaseModel):
    code: str | None
    label: str
    agency: str | None = None
    unit: str | None = None
    facts: int
    targets: int
    actuals: int
    latest_period: str | None = None


class IndicatorDetailOut(IndicatorGroupOut):
    fact_list: list[FactOut]
