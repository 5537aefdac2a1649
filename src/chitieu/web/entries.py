"""Data entry: a department enters or corrects the actual of one of its indicators for a period.

Figures are typed the way the province writes them ("1.234,5", "52,9", "07"), so values are read
with the extractor's own Vietnamese number grammar and periods with its period grammar ("9
tháng năm 2024", "quý III/2024", "năm 2023"). Every rule a figure breaks gives one clear
Vietnamese message tied to its form field.

One hand entry exists per indicator and period; entering again corrects it. Two people
correcting the same figure at once must never lose one change silently: the form carries the
version it was based on (0 for "no figure yet"), the store's ``version_id_col`` refuses a stale
update, and the loser is told what the other person entered. Every change is written to the
audit log with who, when, the figure before and after.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from chitieu.catalog import Catalog
from chitieu.errors import ChitieuError
from chitieu.evaluate.series import Observation
from chitieu.extract.facts import Period
from chitieu.extract.periods import parse_period
from chitieu.extract.quantities import parse_number
from chitieu.store import models
from chitieu.text.fold import fold
from chitieu.web.evaluation_view import ref_of
from chitieu.web.filters import number
from chitieu.web.permissions import Principal, can_edit_indicator

MAX_NOTE = 4000
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ABS_VALUE = 1e13
UNUSUAL_FACTOR = 50.0  # a figure this many times above or below the series' last one is suspect

_UNIT_ALIASES = {"phan tram": "%", "phan nghin": "‰", "%o": "‰", "hecta": "ha", "hec ta": "ha", "hecta ": "ha"}
_SAFE_NAME = re.compile(r"[^\w.\- ]+", re.UNICODE)


class EntryRefused(ChitieuError):
    """The submitted figure breaks a rule; ``errors`` maps each form field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(next(iter(errors.values())))
        self.errors = errors


class EntryForbidden(ChitieuError):
    """The user may not enter figures of this indicator."""


@dataclass
class EntryConflict(Exception):
    """Someone else changed (or created) the figure since the form was opened."""

    current: models.Entry

    @property
    def message(self) -> str:
        e = self.current
        who = e.entered_by or "một người khác"
        when = e.entered_at.strftime("%H:%M ngày %d/%m/%Y") if e.entered_at else ""
        kind = "ước tính" if e.estimate else "chính thức"
        return (
            f"Số liệu này vừa được {who} cập nhật{(' lúc ' + when) if when else ''}: "
            f"{number(e.value)}{(' ' + e.unit) if e.unit else ''} ({kind}). "
            "Thay đổi của bạn chưa được lưu; hãy xem số liệu mới rồi nhập lại nếu vẫn cần sửa."
        )


@dataclass
class EntryInput:
    """A submitted form (or API body), as text, before validation."""

    indicator: str
    period: str
    value: str
    unit: str = ""
    estimate: bool = False
    note: str = ""
    version: int = 0
    confirm_unusual: bool = False
    attachment_name: str | None = None
    attachment: bytes | None = None


@dataclass
class CleanEntry:
    indicator: str
    period: Period
    value: float
    unit: str | None
    estimate: bool
    note: str | None
    version: int
    attachment_name: str | None = None
    attachment: bytes | None = None
    warnings: list[str] = field(default_factory=list)


def parse_value(text: str) -> float:
    """A figure as Vietnamese write it: ``1.234,5`` → 1234.5, ``52,9`` → 52.9, ``-3,42``, ``07``."""
    cleaned = (text or "").strip().replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        raise ValueError("Hãy nhập giá trị.")
    value = parse_number(cleaned)
    if value is None:
        raise ValueError(
            f"«{text.strip()[:40]}» không phải là một số. Dùng dấu phẩy cho phần thập phân và dấu chấm "
            "phân cách hàng nghìn, ví dụ 1.234,5."
        )
    if math.isnan(value) or math.isinf(value) or abs(value) > MAX_ABS_VALUE:
        raise ValueError("Giá trị quá lớn.")
    return value


def parse_entry_period(text: str, today: dt.date | None = None) -> Period:
    """A period within one year: ``năm 2024``, ``9 tháng năm 2024``, ``quý III/2024``, ``tháng 9/2024``."""
    today = today or dt.date.today()
    raw = (text or "").strip()
    if not raw:
        raise ValueError("Hãy nhập kỳ số liệu, ví dụ: năm 2024, 9 tháng năm 2024, quý III năm 2024.")
    period = parse_period(raw) or (parse_period("năm " + raw) if raw.isdigit() else None)
    if period is None:
        raise ValueError(
            f"Không hiểu kỳ «{raw[:60]}». Ví dụ đúng: năm 2024, 6 tháng đầu năm 2024, 9 tháng năm 2024, "
            "quý III năm 2024, tháng 9 năm 2024."
        )
    if period.start.year != period.end.year:
        raise ValueError("Kỳ số liệu phải nằm trong một năm (nhập từng năm của giai đoạn).")
    if period.start.year < 1990 or period.start > today:
        raise ValueError(f"Kỳ «{period.label}» chưa bắt đầu hoặc quá xa: chỉ nhập kết quả của kỳ đã diễn ra.")
    return period


def unit_key(unit: str | None) -> str:
    key = " ".join((unit or "").split()).lower()
    return _UNIT_ALIASES.get(fold(key), key)


def expected_unit(catalog: Catalog, code: str, series: list[Observation]) -> str | None:
    """The indicator's unit: the catalogue's, else the one its stated targets use."""
    entry = catalog.get(code)
    if entry is not None and entry.unit:
        return entry.unit
    units = [o.unit for o in series if o.unit and o.kind == "target"] or [o.unit for o in series if o.unit]
    return max(set(units), key=units.count) if units else None


def _is_change(name: str) -> bool:
    folded = fold(name)
    return any(w in folded for w in ("tang", "giam", "chenh lech", "toc do"))


def _is_share(name: str) -> bool:
    return fold(name).startswith(("ty le", "ty trong", "do che phu", "ti le"))


def _reference(series: list[Observation], period: Period) -> Observation | None:
    """The figure a new one is compared with: the latest actual of the series, else its target."""
    actuals = [o for o in series if o.kind == "actual" and o.value and o.entry_id is None]
    targets = [o for o in series if o.kind == "target" and o.value and o.period_end.year == period.end.year]
    pool = actuals or targets
    return max(pool, key=lambda o: (o.period_end, o.order)) if pool else None


def _safe_filename(name: str | None) -> str | None:
    if not name:
        return None
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = _SAFE_NAME.sub("_", base).strip(" .")[:200]
    return base or "tep-dinh-kem"


def validate(data: EntryInput, catalog: Catalog, series: list[Observation], today: dt.date | None = None) -> CleanEntry:
    """Read and check a submitted figure; raise ``EntryRefused`` with one message per bad field."""
    errors: dict[str, str] = {}
    code = (data.indicator or "").strip()
    entry = catalog.get(code) if code else None
    if entry is None:
        errors["indicator"] = "Hãy chọn một chỉ tiêu có trong danh mục."
    name = entry.name if entry else code
    period: Period | None = None
    try:
        period = parse_entry_period(data.period, today)
    except ValueError as exc:
        errors["period"] = str(exc)
    value: float | None = None
    try:
        value = parse_value(data.value)
    except ValueError as exc:
        errors["value"] = str(exc)
    unit = " ".join((data.unit or "").split()) or None
    expected = expected_unit(catalog, code, series) if entry else None
    if expected and unit and unit_key(unit) != unit_key(expected):
        errors["unit"] = f"Đơn vị «{unit}» không khớp với đơn vị của chỉ tiêu ({expected}); hãy quy đổi về {expected}."
    unit = unit or expected
    if value is not None and "value" not in errors:
        if value < 0 and not _is_change(name):
            errors["value"] = "Giá trị không được âm với chỉ tiêu này."
        elif unit_key(unit) == "%" and _is_share(name) and not 0 <= value <= 100:
            errors["value"] = f"Tỷ lệ phải nằm trong khoảng 0–100% (đã nhập {number(value)}%)."
        elif unit_key(unit) == "‰" and not -1000 <= value <= 1000:
            errors["value"] = f"Giá trị phần nghìn phải nằm trong khoảng 0–1.000‰ (đã nhập {number(value)}‰)."
    if value is not None and period is not None and not errors.get("value") and not data.confirm_unusual:
        ref = _reference(series, period)
        if ref is not None and ref.value and value and ref.value > 0 and value > 0:
            ratio = value / ref.value
            if ratio > UNUSUAL_FACTOR or ratio < 1 / UNUSUAL_FACTOR:
                errors["value"] = (
                    f"Giá trị {number(value)} khác xa số liệu gần nhất {number(ref.value)} ({ref.period_label}). "
                    "Hãy kiểm tra đơn vị và dấu phân cách (dấu phẩy là phần thập phân: 1.234,5); nếu số liệu đúng, "
                    "đánh dấu «Tôi xác nhận số liệu này đúng» rồi gửi lại."
                )
    note = (data.note or "").strip() or None
    if note and len(note) > MAX_NOTE:
        errors["note"] = f"Ghi chú dài quá {MAX_NOTE} ký tự."
    if data.attachment is not None and len(data.attachment) > MAX_ATTACHMENT_BYTES:
        errors["attachment"] = f"Tệp đính kèm quá lớn (tối đa {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB)."
    if data.version < 0:
        errors["version"] = "Phiên bản số liệu không hợp lệ; hãy tải lại trang."
    if errors:
        raise EntryRefused(errors)
    assert entry is not None and period is not None and value is not None
    return CleanEntry(
        indicator=catalog.resolve(code), period=period, value=value, unit=unit, estimate=data.estimate,
        note=note, version=data.version,
        attachment_name=_safe_filename(data.attachment_name) if data.attachment else None,
        attachment=data.attachment or None,
    )


def find_entry(session: Session, code: str, period: Period) -> models.Entry | None:
    return session.scalar(select(models.Entry).where(
        models.Entry.indicator == code, models.Entry.period_start == period.start, models.Entry.period_end == period.end,
    ))


def snapshot(entry: models.Entry) -> dict[str, Any]:
    """What the audit log keeps of an entry (the attachment by name only)."""
    return {
        "indicator": entry.indicator,
        "period": entry.period_label,
        "period_start": entry.period_start.isoformat(),
        "period_end": entry.period_end.isoformat(),
        "value": entry.value,
        "unit": entry.unit,
        "estimate": entry.estimate,
        "note": entry.note,
        "attachment": entry.attachment_name,
        "version": entry.version,
    }


def save_entry(session: Session, user: Principal, catalog: Catalog, clean: CleanEntry) -> tuple[models.Entry, bool]:
    """Create or correct the hand entry of ``clean``'s indicator and period; (entry, created).

    Raises ``EntryForbidden`` when the user may not enter this indicator's figures and
    ``EntryConflict`` when the figure changed since ``clean.version``.
    """
    if not can_edit_indicator(user, ref_of(catalog, clean.indicator)):
        raise EntryForbidden("Bạn không có quyền nhập số liệu của chỉ tiêu này (chỉ tiêu của cơ quan khác).")
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    existing = find_entry(session, clean.indicator, clean.period)
    if existing is not None and existing.version != clean.version:
        raise EntryConflict(existing)
    if existing is None and clean.version != 0:
        raise ChitieuError("Số liệu này đã bị xóa hoặc chưa từng được nhập; hãy tải lại trang rồi nhập lại.")
    created = existing is None
    before = None if existing is None else snapshot(existing)
    entry = existing or models.Entry(indicator=clean.indicator, period_start=clean.period.start,
                                     period_end=clean.period.end)
    entry.period_label = clean.period.label
    entry.value = clean.value
    entry.unit = clean.unit
    entry.estimate = clean.estimate
    entry.note = clean.note
    if clean.attachment is not None:
        entry.attachment, entry.attachment_name = clean.attachment, clean.attachment_name
    entry.entered_by = user.username
    entry.entered_at = now
    if created:
        session.add(entry)
    try:
        session.flush()
    except (StaleDataError, IntegrityError):  # changed, or created by someone else, meanwhile
        session.rollback()  # the figure is this request's only write: nothing else is lost
        current = find_entry(session, clean.indicator, clean.period)
        if current is None:
            raise ChitieuError("Số liệu này vừa bị xóa; hãy tải lại trang.") from None
        raise EntryConflict(current) from None
    session.add(models.AuditLog(
        username=user.username, action="entry.create" if created else "entry.update", entity="entry",
        entity_id=str(entry.id), before=before, after=snapshot(entry),
    ))
    session.flush()
    return entry, created
