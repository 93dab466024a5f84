"""Reported figures checked, then rolled up the unit tree and over time (design §4).

Two steps, both pure:

* :class:`DataValueSet` takes reported values (from a file through
  :func:`~child_welfare_plan.io.datavalues.load_data_values`, or as
  :class:`~child_welfare_plan.model.DataValue` objects) and checks each against the plan and
  the catalog, collecting every problem as a :class:`~child_welfare_plan.model.Finding`
  (unknown unit, indicator, dimension or value; a unit outside the plan's area; a negative
  or fractional count; a value sent for a computed indicator; conflicting duplicates; a
  period the indicator cannot take; an unreadable number; a total that disagrees with its
  breakdown). Accepted values are indexed by integer unit ids, one dict per series
  (indicator, period, breakdown), so a national data set is held without one object per
  value.
* :func:`aggregate` rolls them up: first over time for each reporting unit (a flow sums
  its sub-periods, a stock takes the last value), then up the tree, one pass per level,
  finest first, each level built from the one below. Every result carries its coverage
  (units that reported / units expected) and a complete flag; a missing value is never a
  zero. Ratios and shares are computed last, from the aggregated parts.

Breakdowns: for each unit, period and indicator, a value (the total, or a breakdown cell)
and a *complete* set of its cells along one more dimension must agree (the total and every
``sex=…`` cell; ``sex=female`` and every ``sex=female;age_group=…`` cell). When the
value itself is missing, it is derived as that sum, so a unit that sends only its
breakdown still counts in the total; when two dimensions both complete it, they must
agree with each other. An incomplete breakdown is neither checked nor summed.

Coverage: a unit's share of a period is 1 when it reported every sub-period of it (for a
stock: when it reported the last one, since earlier ones do not change the value), else the
part of the sub-periods it reported. Coverage is the sum of those shares over the units
expected (the reporting units of the area active in the period), between 0 and 1.

References:
    * DHIS2 documentation, "Aggregation" and "Data approval": aggregation over time (SUM,
      AVERAGE, LAST for stocks) and over org units; indicators computed after aggregation;
      expected reports and reporting rates.
    * IATI standard, result/indicator: ascending flag and cumulative values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from child_welfare_plan.catalogs import Catalog, national_catalog
from child_welfare_plan.errors import InvalidValueError, ParseError
from child_welfare_plan.errors import reason as said
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.indicators import DataValue
from child_welfare_plan.model.periods import Period, PeriodType, parse_period
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.model.units import Level
from child_welfare_plan.rules.aggregate.engine import Engine
from child_welfare_plan.rules.aggregate.results import (
    AGGREGATE_COLUMNS,
    AggregateLabels,
    AggregateResult,
    AggregateRow,
    AggregateValue,
)
from child_welfare_plan.rules.aggregate.series import BOOLEAN_WORDS, TYPE_RANK, Columns, Record
from child_welfare_plan.rules.aggregate.values import DataValueSet

__all__ = [
    "AGGREGATE_COLUMNS",
    "BOOLEAN_WORDS",
    "AggregateLabels",
    "AggregateResult",
    "AggregateRow",
    "AggregateValue",
    "Columns",
    "DataValueSet",
    "Record",
    "aggregate",
    "levels_for",
    "periods_for",
    "value_set",
]


def aggregate(
    plan: Plan,
    values: DataValueSet | Iterable[DataValue],
    catalog: Catalog | None = None,
    *,
    level: Level | str | Sequence[Level | str] | None = None,
    periods: Sequence[Period | str] | None = None,
) -> AggregateResult:
    """Roll reported values up to ``level`` (one or several) for ``periods``.

    Args:
        plan: the plan whose area and units frame the data.
        values: a :class:`DataValueSet` (as loaded from a file) or DataValue objects.
        catalog: the indicators (default: the catalog ``values`` were checked against, or
            the national catalog; :func:`child_welfare_plan.api.aggregate` uses the
            installed plugins' merged catalog).
        level: the level(s) to report; default the plan's area itself (with no area, the
            top level of its tree). A level above the area is refused.
        periods: the periods to report (ids under the plan's period convention); default
            every period in the data and the years they fall in.

    Returns:
        The values of every unit at the level(s) in the area, with coverage, and the
        findings of the data and of the aggregation.

    Raises:
        InvalidValueError: a level above the plan's area, or a period that cannot be read.
    """
    if catalog is None:
        catalog = values.catalog if isinstance(values, DataValueSet) else national_catalog()
    data = value_set(plan, values, catalog)
    engine = Engine(plan, data, catalog, levels_for(plan, level), periods_for(plan, data, periods))
    return engine.run()


def value_set(
    plan: Plan, values: DataValueSet | Iterable[DataValue], catalog: Catalog
) -> DataValueSet:
    """``values`` as a finished :class:`DataValueSet` (checked against ``plan`` and
    ``catalog`` when given as DataValue objects), ready to be rolled up more than once."""
    if isinstance(values, DataValueSet):
        data = values
    else:
        data = DataValueSet(plan, catalog)
        data.extend(
            (n, v.unit, v.period, v.indicator, v.disaggregation, v.value)
            for n, v in enumerate(values, start=1)
        )
    data.finish()
    return data


def levels_for(plan: Plan, level: Level | str | Sequence[Level | str] | None) -> tuple[Level, ...]:
    """The levels to report: ``level`` (one or several), checked against the plan's area;
    by default the area's own level."""
    tree = plan.hierarchy
    if plan.area is not None:
        top = tree.get(plan.area).level
    else:
        top = min((u.level for u in tree.roots()), key=lambda lv: lv.rank, default=Level.PROVINCE)
    if level is None:
        return (top,)
    items = [level] if isinstance(level, str | Level) else list(level)
    out: list[Level] = []
    for item in items:
        try:
            chosen = Level(item)
        except ValueError:
            known = ", ".join(lv.value for lv in Level)
            raise InvalidValueError(
                Message(
                    "aggregate level {level!r} is not known (expected one of {known})",
                    level=item,
                    known=known,
                )
            ) from None
        if chosen.rank < top.rank:
            raise InvalidValueError(
                Message(
                    "aggregate level {level} is above the plan's area {area} ({top}): a plan's "
                    "data rolls up to its own area at most",
                    level=str(chosen),
                    area=plan.area,
                    top=str(top),
                )
            )

        if chosen not in out:
            out.append(chosen)
    return tuple(sorted(out, key=lambda lv: lv.rank))


def periods_for(
    plan: Plan, data: DataValueSet, periods: Sequence[Period | str] | None
) -> tuple[Period, ...]:
    """The periods to report, shortest first: ``periods``, or those in the data and the
    years they fall in."""
    convention = plan.period_convention
    found: dict[str, Period] = {}
    if periods is None:
        for p in data.periods:
            found.setdefault(p.id, p)
            year = Period(PeriodType.YEARLY, p.year, 1, convention)
            if year.start <= p.start and p.end <= year.end:
                found.setdefault(year.id, year)
    else:
        for item in periods:
            if isinstance(item, Period):
                period = item
            else:
                try:
                    period = parse_period(item, convention)
                except ParseError as exc:
                    raise InvalidValueError(said(exc)) from None
            found.setdefault(period.id, period)
    return tuple(sorted(found.values(), key=_period_order))


def _period_order(period: Period) -> tuple[Any, ...]:
    """Shorter periods before the longer ones that end with them: S1, S2, then the year."""
    return (period.end, TYPE_RANK[period.type], period.start)
