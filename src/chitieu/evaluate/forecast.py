"""Will the year (or the term) be met? Projections with their reasoning.

In-year: a 9-month actual is compared with the annual plan. Whether 72% after nine months is
on track depends on seasonality (harvests come late), so when the same indicator's past years
are stored we use the share of the year's final value that was reached by the same point in
earlier years; otherwise a documented simple rule: flows accumulate evenly over the months,
levels (rates, shares, per-capita values) are already year-end-like.

Term: in the spirit of UN ESCAP's "anticipated progress" and Open SDG's progress measure, the
growth achieved so far is compared with the growth still required to reach the target in the
years left (ratio ≥ 95% on track, 60–95% needs acceleration, 0–60% limited, < 0 wrong way).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chitieu.evaluate.aggregate import compound_growth, required_average_rate
from chitieu.extract.quantities import format_number

DUNG_TIEN_DO = "đúng tiến độ"
CO_NGUY_CO = "có nguy cơ không đạt"
KHO_DAT = "khó đạt"

# projected / target at or above ON_TRACK is on track; at or above AT_RISK is at risk.
ON_TRACK = 1.0
AT_RISK = 0.9


@dataclass(frozen=True)
class Projection:
    value: float | None
    label: str | None  # DUNG_TIEN_DO / CO_NGUY_CO / KHO_DAT
    method: str  # Vietnamese account of how it was computed


def project_year_end(
    actual_to_date: float,
    months_elapsed: int,
    target: float | None,
    *,
    flow: bool = True,
    lower_is_better: bool = False,
    past_shares: Sequence[float] = (),
) -> Projection:
    """Project the year-end value of an in-year actual and label the chance of meeting ``target``.

    ``past_shares`` are, for earlier years, (value at the same point of the year) / (final
    value); their mean replaces the even-accumulation assumption for flows.
    """
    if not 0 < months_elapsed <= 12:
        raise ValueError("months_elapsed must be within 1..12")
    if flow:
        shares = [s for s in past_shares if s > 0]
        if shares:
            share = sum(shares) / len(shares)
            basis = "năm trước" if len(shares) == 1 else f"{len(shares)} năm trước (bình quân)"
            how = (
                f"theo tỷ trọng cùng kỳ {basis}: {months_elapsed} tháng bằng "
                f"{format_number(share * 100, 1)}% cả năm"
            )
        else:
            share = months_elapsed / 12
            how = f"giả định tích lũy đều theo tháng: nhân 12/{months_elapsed}"
        projected = actual_to_date / share
    else:
        projected = actual_to_date
        how = "giữ nguyên mức hiện tại (chỉ tiêu mức: tỷ lệ, bình quân, số hiện có; không nhân theo số tháng)"
    return Projection(projected, outlook_label(projected, target, lower_is_better), how)


def outlook_label(projected: float | None, target: float | None, lower_is_better: bool = False) -> str | None:
    """On track, at risk or hard to reach: the year's estimate against the plan."""
    if not target or projected is None:
        return None
    ratio = (target / projected if projected else 0.0) if lower_is_better else projected / target
    return DUNG_TIEN_DO if ratio >= ON_TRACK else CO_NGUY_CO if ratio >= AT_RISK else KHO_DAT


@dataclass(frozen=True)
class TermProgress:
    achieved_rate: float | None  # compound average so far (%/năm)
    required_rate: float | None  # needed in each remaining year (%/năm)
    ratio: float | None  # achieved / required (Open SDG style)
    label: str
    method: str


def term_growth_progress(
    achieved_rates: Sequence[float], target_rate: float, total_years: int
) -> TermProgress:
    """For a growth target "bình quân X%/năm" in progress: is the rate so far enough?"""
    if not achieved_rates:
        return TermProgress(None, target_rate, None, "chưa có số liệu", "chưa có năm nào có số liệu")
    achieved = compound_growth(list(achieved_rates))
    required = required_average_rate(list(achieved_rates), target_rate, total_years)
    if required is None:
        label = DUNG_TIEN_DO if achieved >= target_rate else KHO_DAT
        return TermProgress(
            achieved, None, None, label, f"đã hết nhiệm kỳ: bình quân {format_number(round(achieved, 2))}%"
        )
    ratio = achieved / required if required > 0 else (1.0 if achieved >= required else 0.0)
    label = _progress_label(ratio)
    method = (
        f"bình quân đã đạt {format_number(round(achieved, 2))}%/năm sau {len(achieved_rates)} năm; "
        f"cần {format_number(round(required, 2))}%/năm trong {total_years - len(achieved_rates)} năm còn lại "
        f"để đạt {format_number(target_rate)}%/năm → tỷ số {format_number(round(ratio * 100, 1))}% → {label}"
    )
    return TermProgress(achieved, required, ratio, label, method)


def _progress_label(ratio: float) -> str:
    if ratio >= 0.95:
        return DUNG_TIEN_DO
    if ratio >= 0.6:
        return CO_NGUY_CO
    return KHO_DAT
