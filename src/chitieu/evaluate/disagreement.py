"""Why the product's verdict differs from the one a document printed, said in one sentence.

Real verdicts are not perfectly consistent with any one rule (DOMAIN): the province calls
97,1% against a target of 97% "Đạt" where the rule says "Vượt", judges a yearly target on the
term's estimate where the rule judges every year, writes "Không đánh giá" where the figures
alone would judge. Showing where and why is audit information for the People's Council, not an
error to hide. ``explain`` reads only figures (pure); ``explain_evaluation`` feeds it from an
``Evaluation`` of the engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chitieu.evaluate.aggregate import RULE_NAMES
from chitieu.evaluate.policy import DEFAULT_POLICY, Policy
from chitieu.evaluate.rules import (
    CHUA_CO_SO_LIEU,
    DAT,
    KHONG_DANH_GIA,
    KHONG_DAT,
    VUOT,
    Actual,
    Target,
    actual_of,
    describe_actual,
    describe_target,
    fmt,
    judge,
)

if TYPE_CHECKING:
    from chitieu.catalog.model import AdminUnitCount
    from chitieu.evaluate.engine import Evaluation

REACHED = frozenset({VUOT, DAT})
UNJUDGED = frozenset({KHONG_DANH_GIA, CHUA_CO_SO_LIEU})
# the admin levels a unit of count names ("106 xã" counts communes)
UNIT_LEVELS = {"xã": ("commune", "rural_commune"), "huyện": ("district",)}


@dataclass(frozen=True)
class JudgedRow:
    """What the explanation reads of one judged row: the two verdicts and the figures behind them.

    ``figure`` is what the rule judged (the term's aggregate, or the year's figure), ``how`` the
    aggregation that made it ("cagr", "mean" …; None for a year's own figure), ``stated`` the
    document's own figure for the same period where it printed one, ``yearly`` each year's
    figure when the target binds every year, ``unjudged`` the rule's reason when it could not
    judge ("thiếu giá trị năm cuối 2025"), ``missing`` the period's years without a figure.
    """

    official: str
    computed: str
    target: Target
    direction: str = "up"
    figure: Actual | None = None
    how: str | None = None
    stated: Actual | None = None
    yearly: Mapping[int, Actual] = field(default_factory=dict)
    every_year: bool = False
    unjudged: str = ""
    missing: tuple[int, ...] = ()  # years of the period with no figure
    rule: str = ""  # the rule's own account, said where no figure explains the difference


def explain(
    row: JudgedRow, unit_counts: Iterable[AdminUnitCount] = (), policy: Policy = DEFAULT_POLICY
) -> str | None:
    """ "Văn bản đánh giá «Đạt», theo quy tắc «Vượt»: …" — None where the two agree or the
    document printed no verdict."""
    if not row.official or row.official == row.computed:
        return None
    reasons: list[str] = []
    stated = _stated_differs(row, policy)
    if stated:
        reasons.append(stated)
    if row.computed in UNJUDGED:
        reasons.append(f"quy tắc không đánh giá vì {row.unjudged or 'chưa đủ số liệu'}")
    elif row.every_year and row.computed == KHONG_DAT:
        reasons.append(_missed_years(row, policy))
    elif row.figure is not None and row.figure.value is not None:
        reasons.append(_comparison(row, policy))
    if row.official == KHONG_DANH_GIA:
        years = ", ".join(map(str, row.missing))
        reasons.insert(
            0,
            f"văn bản không đánh giá chỉ tiêu này; quy tắc đánh giá theo số liệu các năm có được (thiếu năm {years})"
            if years
            else "văn bản không đánh giá chỉ tiêu này dù hàng có đủ số liệu các năm",
        )
    reorganised = _reorganised(row, unit_counts)
    if reorganised:
        reasons.append(reorganised)
    if not reasons:
        reasons.append(row.rule.split(" → ")[0] if row.rule else "không có số liệu để đối chiếu")
    return f"Văn bản đánh giá «{row.official}», theo quy tắc «{row.computed}»: {'; '.join(reasons)}."


def _shown(actual: Actual, unit: str | None) -> str:
    return describe_actual(Actual(actual.value, actual.comparator), unit)


def _stated_differs(row: JudgedRow, policy: Policy) -> str:
    """ "văn bản ghi cả giai đoạn 0,42‰/năm, quy tắc tính trung bình cộng các năm: 1,05‰/năm"."""
    stated, figure = row.stated, row.figure
    if stated is None or stated.value is None or figure is None or figure.value is None:
        return ""
    if stated.comparator == figure.comparator and abs(stated.value - figure.value) <= policy.equal_abs:
        return ""
    unit = row.target.unit
    how = RULE_NAMES.get(row.how or "", "")
    ours = f"{how}: {_shown(figure, unit)}" if how else _shown(figure, unit)
    return f"văn bản ghi cả giai đoạn {_shown(stated, unit)}, quy tắc tính {ours}"


def _missed_years(row: JudgedRow, policy: Policy) -> str:
    """A yearly target missed in some year: which years and by what figure."""
    missed = [
        f"năm {year}: {_shown(actual, row.target.unit)}"
        for year, actual in sorted(row.yearly.items())
        if judge(row.target, actual, row.direction, policy).status == KHONG_DAT
    ]
    where = f" ({'; '.join(missed)})" if missed else ""
    return f"mục tiêu {describe_target(row.target)} áp dụng cho từng năm và có năm không đạt{where}"


def _comparison(row: JudgedRow, policy: Policy) -> str:
    """The rule's own comparison, with the policy named where both verdicts say the target was reached."""
    assert row.figure is not None
    verdict = judge(row.target, row.figure, row.direction, policy)
    because = verdict.rule.rsplit(": ", 1)[-1].split(" → ")[0]
    shown = _shown(row.figure, row.target.unit)
    if not because.startswith(shown):
        because = f"{shown}, {because}"  # "bằng mục tiêu …", "số liệu là cận trên …" name no figure
    text = f"mục tiêu {describe_target(row.target)}: {because}"
    if {row.official, row.computed} == REACHED:
        equal = fmt(policy.equal_abs)
        text += f"; quy tắc chỉ xếp «Đạt» khi bằng mục tiêu (dung sai {equal}), tốt hơn mục tiêu là «Vượt»"
    return text


def _reorganised(row: JudgedRow, unit_counts: Iterable[AdminUnitCount]) -> str:
    """A target counting every commune ("106 xã") against the count after a reorganisation ("38 xã")."""
    levels = UNIT_LEVELS.get((row.target.unit or "").strip())
    figure = row.figure
    if not levels or figure is None or figure.value is None or row.target.value is None:
        return ""
    counts = [u for u in unit_counts if u.level in levels]
    for before in counts:
        if before.count != row.target.value or before.end is None:
            continue
        for after in counts:
            same = after.area == before.area and after.level == before.level
            if same and after.count == figure.value and after.start is not None and after.start > before.end:
                unit = row.target.unit
                return (
                    f"{before.area} có {before.count} {unit} đến {before.end:%d/%m/%Y} và {after.count} {unit} "
                    f"từ {after.start:%d/%m/%Y} (sắp xếp đơn vị hành chính): {fmt(figure.value, unit)} là toàn bộ "
                    f"số {unit} sau sắp xếp, như mục tiêu {fmt(row.target.value, unit)} là toàn bộ số {unit} khi đặt ra"
                )
    return ""


def _unjudged_reason(rule: str) -> str:
    """The clause of a rule that says why it did not judge ("thiếu giá trị năm cuối 2025")."""
    head = rule.split(" → ")[0]
    return head.rsplit("; ", 1)[-1].rsplit(": ", 1)[-1].strip()


def explain_evaluation(ev: Evaluation, policy: Policy = DEFAULT_POLICY) -> str | None:
    """The engine's verdict beside the document's own, when they differ (None when they agree)."""
    if not ev.official_status or ev.official_status == ev.status:
        return None
    unjudged = _unjudged_reason(ev.rule) if ev.status in UNJUDGED else ""
    if ev.target is None:  # a composite (its parts' verdicts are the reason), or no target was read
        return explain(JudgedRow(ev.official_status, ev.status, Target(None), rule=ev.rule, unjudged=unjudged), (), policy)
    from chitieu.catalog.model import shipped_admin_units

    target = ev.target
    data = target.data
    unit = target.unit or ev.unit
    stated = None
    if isinstance(data.get("term_value"), int | float):
        stated = Actual(float(data["term_value"]), data.get("term_comparator") or "=")
    # the figures as the engine's rules read them (a bound cell keeps its sign, a doubt its note)
    figure = actual_of(ev.actual) if ev.actual is not None and ev.actual.value is not None else None
    row = JudgedRow(
        official=ev.official_status,
        computed=ev.status,
        target=Target(target.value, target.value_high, target.comparator or "=", unit),
        direction=ev.info.direction,
        figure=figure,
        how=ev.aggregate.rule if ev.aggregate is not None else None,
        stated=stated,
        yearly={year: actual_of(o) for year, o in ev.annual.items()},
        every_year=bool(data.get("every_year")),
        rule=ev.rule,
        unjudged=unjudged,
        missing=tuple(y for y in range(ev.period.start.year, ev.period.end.year + 1) if ev.annual and y not in ev.annual),
    )
    return explain(row, shipped_admin_units(), policy)
