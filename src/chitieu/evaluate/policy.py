"""The configurable part of judging: how near counts as met, and how "khoảng" is read.

Real verdicts are not perfectly consistent with any one rule (DOMAIN: "trên 5%" achieved 5,0%
was judged Đạt), so the rule is explicit and every verdict names the numbers it used. A
province changes these numbers in one place (``Policy`` or the ``CHITIEU_POLICY`` JSON file)
and every verdict, page and report follows.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, fields, replace
from pathlib import Path


@dataclass(frozen=True)
class Policy:
    # |actual − bound| within this (in the target's unit) counts as reaching the bound exactly:
    # it is "Đạt", not "Vượt" and not "Không đạt". Absorbs rounding in documents (5,0 vs 5).
    equal_abs: float = 0.005
    # Tolerance below a bound (or above, for lower-is-better) that still counts as "Đạt".
    # Relative to the target's magnitude; 0 = strict.
    shortfall_rel: float = 0.0
    # "khoảng X" (about X): the band X ± max(approx_abs_points, approx_rel·|X|) is "Đạt".
    # approx_abs_points applies to percentage units (%, ‰, điểm %), approx_rel to the rest.
    approx_abs_points: float = 0.2
    approx_rel: float = 0.02
    # A strict bound "trên X" reached exactly (actual == X) is judged "Đạt" (the province's
    # own practice) rather than "Không đạt".
    strict_bound_met_is_dat: bool = True

    def approx_band(self, target: float, unit: str | None) -> float:
        if unit in {"%", "‰", "điểm %"}:
            return self.approx_abs_points
        return abs(target) * self.approx_rel

    def describe(self) -> str:
        return (
            f"dung sai bằng {self.equal_abs:g}; khoảng ±{self.approx_abs_points:g} điểm (đơn vị %) "
            f"hoặc ±{self.approx_rel * 100:g}%; thiếu hụt cho phép {self.shortfall_rel * 100:g}%"
        )


DEFAULT_POLICY = Policy()


def load_policy(path: str | Path | None = None) -> Policy:
    """The policy from ``path`` or ``$CHITIEU_POLICY`` (JSON with any of Policy's fields)."""
    source = path or os.environ.get("CHITIEU_POLICY")
    if not source:
        return DEFAULT_POLICY
    data = json.loads(Path(source).read_text(encoding="utf-8"))
    known = {f.name for f in fields(Policy)}
    return replace(DEFAULT_POLICY, **{k: v for k, v in data.items() if k in known})
