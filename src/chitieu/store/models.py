"""The relational schema, shared by the CLI, the web application and the reports.

Every fact row keeps the span of the document text it came from (``src_start``/``src_end``
index into ``documents.text``, the normalised text that ``chitieu text`` prints), so any
figure on any page or report can be traced to its sentence.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(500))
    format: Mapped[str] = mapped_column(String(20))
    doc_type: Mapped[str | None] = mapped_column(String(50))  # "Nghị quyết", "Kế hoạch", "Báo cáo" ...
    number: Mapped[str | None] = mapped_column(String(100))  # "52/NQ-HĐND"
    issuer: Mapped[str | None] = mapped_column(String(300))
    place: Mapped[str | None] = mapped_column(String(100))
    issued_on: Mapped[dt.date | None] = mapped_column(Date)
    issued_text: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(Text)
    period_start: Mapped[dt.date | None] = mapped_column(Date)
    period_end: Mapped[dt.date | None] = mapped_column(Date)
    period_label: Mapped[str | None] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    outline: Mapped[list[Any]] = mapped_column(default=list)
    footnotes: Mapped[list[Any]] = mapped_column(default=list)
    meta: Mapped[dict[str, Any]] = mapped_column(default=dict)
    quality: Mapped[float] = mapped_column(Float, default=1.0)  # 1 = clean Vietnamese, 0 = destroyed
    ocr: Mapped[bool] = mapped_column(Boolean, default=False)
    encoding: Mapped[str | None] = mapped_column(String(20))
    size_bytes: Mapped[int] = mapped_column(Integer, default=0)
    uploaded_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())

    facts: Mapped[list[Fact]] = relationship(back_populates="document", cascade="all, delete-orphan")
    tasks: Mapped[list[Task]] = relationship(back_populates="document", cascade="all, delete-orphan")


class Indicator(Base):
    """Indicators added or changed by users; the shipped catalogue lives in ``catalog/data``.

    A row with the code of a shipped indicator overrides its name/aliases; a row with a new code
    is an indicator found in a document that matched nothing (``confirmed`` false until a user
    confirms it, ``dismissed`` when a user says it is not an indicator); ``merged_into`` redirects
    a code to another.
    """

    __tablename__ = "indicators"

    code: Mapped[str] = mapped_column(String(80), primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    group: Mapped[str | None] = mapped_column(String(100))
    unit: Mapped[str | None] = mapped_column(String(50))
    direction: Mapped[str | None] = mapped_column(String(10))  # "up" | "down"
    aggregation: Mapped[str | None] = mapped_column(String(20))  # "cagr" | "mean" | "sum" | "last"
    parent: Mapped[str | None] = mapped_column(String(80))
    aliases: Mapped[list[Any]] = mapped_column(default=list)
    agency: Mapped[str | None] = mapped_column(String(200))  # department that reports it
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    dismissed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    merged_into: Mapped[str | None] = mapped_column(String(80))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now(), onupdate=func.now())


class Fact(Base):
    __tablename__ = "facts"
    __table_args__ = (
        Index("ix_facts_indicator_period", "indicator", "period_start", "period_end"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # target | actual | task | table_row
    indicator: Mapped[str | None] = mapped_column(String(80))
    label: Mapped[str] = mapped_column(Text)
    value: Mapped[float | None] = mapped_column(Float)
    value_high: Mapped[float | None] = mapped_column(Float)
    comparator: Mapped[str | None] = mapped_column(String(10))
    unit: Mapped[str | None] = mapped_column(String(50))
    period_start: Mapped[dt.date | None] = mapped_column(Date)
    period_end: Mapped[dt.date | None] = mapped_column(Date)
    period_label: Mapped[str | None] = mapped_column(String(100))
    estimate: Mapped[bool] = mapped_column(Boolean, default=False)
    derived: Mapped[bool] = mapped_column(Boolean, default=False)  # e.g. a plan implied by a ratio
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    src_start: Mapped[int] = mapped_column(Integer)
    src_end: Mapped[int] = mapped_column(Integer)
    src_text: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)  # kind-specific fields, as in JSON

    document: Mapped[Document] = relationship(back_populates="facts")


class Agency(Base):
    """A body of the province (sở, ban, ngành, UBND xã …); users can edit names and aliases."""

    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    short_name: Mapped[str | None] = mapped_column(String(100))
    aliases: Mapped[list[Any]] = mapped_column(default=list)


class Task(Base):
    __tablename__ = "tasks"
    __table_args__ = (UniqueConstraint("document_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(50))  # "B.I.1.a"
    parent_code: Mapped[str | None] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(Text)
    lead: Mapped[list[Any]] = mapped_column(default=list)
    support: Mapped[list[Any]] = mapped_column(default=list)
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    reporting: Mapped[list[Any]] = mapped_column(default=list)
    src_start: Mapped[int] = mapped_column(Integer)
    src_end: Mapped[int] = mapped_column(Integer)
    # progress, kept by reporters
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    progress_note: Mapped[str | None] = mapped_column(Text)
    updated_by: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    document: Mapped[Document] = relationship(back_populates="tasks")


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    full_name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))  # admin | planner | reporter | viewer
    agency: Mapped[str | None] = mapped_column(String(300))  # for reporters: their department
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class Entry(Base):
    """An actual entered or corrected by hand (data entry); counts as an official figure source."""

    __tablename__ = "entries"
    __table_args__ = (
        # one hand entry per indicator and period (migration 0003): re-entering corrects it
        Index("ux_entries_indicator_period", "indicator", "period_start", "period_end", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator: Mapped[str] = mapped_column(String(80), index=True)
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    period_label: Mapped[str] = mapped_column(String(100))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(50))
    estimate: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text)
    attachment_name: Mapped[str | None] = mapped_column(String(300))
    attachment: Mapped[bytes | None] = mapped_column()
    entered_by: Mapped[str] = mapped_column(String(100))
    entered_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class AuditLog(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    username: Mapped[str | None] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[str | None] = mapped_column(String(100))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
