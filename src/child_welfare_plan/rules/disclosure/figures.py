"""The figures of a plan's area that may be published, protected as one publication.

A public output (``cwp evaluate --audience public``, ``cwp aggregate --audience public``)
prints some of the figures of one *publication*: every unit of the plan's area, every
period of the data and every period made of them (a year and its halves), every
breakdown published at the area. :func:`public_figures` protects that whole publication
once, whatever one run prints, so that two runs (a year, then its second half) cannot be
subtracted from each other: each run prints a slice of the same protected table.

What is protected:

* **Counts of children** — an indicator of type ``count`` that is ``sensitive`` in the
  catalog (all counts are, unless marked otherwise: the number of children is not).
  Counts of one indicator form a linked table whose axes are the units (communes add up
  to the district), the periods (halves add up to the year for a flow; a stock's year is
  its last half) and each dimension of its breakdowns.
* **Parts of a group** — when a ratio divides one sensitive count by another (children
  helped out of children in special circumstances; child victims given legal aid out of
  child victims), the children *not* in the part are a count too, worked out as a
  difference: both counts share one table, with a further axis (in the part, not in it),
  and the difference is a hidden count protected like the others.
* **Breakdowns** of counts of children are published at the area only; below it (a
  commune by sex) nearly every cell is below the threshold, and they are left out.
* **Ratios, rates and shares** computed from a count of children are published only
  where every count they are computed from is (withheld ``derived`` otherwise), and so are
  the measured values of targets.

Counts that are not sensitive (children, money raised, communes recognised) are published
as they are.

When the figures do not agree with one another (a stock whose year is not its last half,
a part larger than its whole, a ratio structure the tables cannot hold), every count of
the table concerned that is not zero is withheld: safe, if little is left.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum

import attrs

from child_welfare_plan.catalogs import Catalog
from child_welfare_plan.errors import ParseError
from child_welfare_plan.model.indicators import (
    REPORTING_PERIOD_TYPES,
    Indicator,
    TimeAggregation,
    UnitAggregation,
    ValueType,
    parse_disaggregation,
)
from child_welfare_plan.model.periods import Period, parse_period, period_containing
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.rules.aggregate import (
    AggregateResult,
    AggregateRow,
    DataValueSet,
    aggregate,
)
from child_welfare_plan.rules.disclosure.cubes import Axis, Box, Key, LinkedTable, protect
from child_welfare_plan.rules.disclosure.tables import DEFAULT_K

__all__ = [
    "PublicFigures",
    "Withheld",
    "derived_indicators",
    "protect_figures",
    "public_figures",
    "publication_periods",
    "sensitive_counts",
]


class Withheld(StrEnum):
    """Why a figure is not published (the same reason for a small count and for the
    counts withheld to protect it, so that the reason reveals nothing)."""

    SUPPRESSED = "suppressed"
    """A count of children withheld by disclosure control."""
    DERIVED = "derived"
    """A ratio, rate, share or target value computed from a withheld count."""


FigureKey = tuple[str, str, str, str]
"""(unit, period, indicator, disaggregation)."""


def sensitive_counts(catalog: Catalog) -> frozenset[str]:
    """The codes of the indicators that count children (sensitive counts)."""
    return frozenset(
        i.code for i in catalog.indicators if i.value_type is ValueType.COUNT and i.sensitive
    )


def derived_indicators(catalog: Catalog) -> frozenset[str]:
    """The ratios and shares computed from a count of children."""
    counts = sensitive_counts(catalog)
    return frozenset(
        i.code
        for i in catalog.indicators
        if i.is_computed and (i.numerator in counts or i.denominator in counts)
    )


@attrs.frozen
class PublicFigures:
    """Which figures of a plan's area a public output may print, for threshold ``k``."""

    k: int
    level: int
    """The protection level: every withheld count keeps an interval this wide."""
    periods: tuple[str, ...]
    """The periods of the publication (those of the data and those made of them)."""
    sensitive: frozenset[str]
    """The indicators whose figures are protected (counts of children, and what is
    computed from them)."""
    top: frozenset[str]
    """The units where breakdowns of counts of children are published (the area)."""
    withheld_figures: Mapping[FigureKey, Withheld] = attrs.field(repr=False)
    known: frozenset[FigureKey] = attrs.field(repr=False)
    """Every protected figure of the publication."""

    def withheld(
        self, unit: str, period: str, indicator: str, disaggregation: str = ""
    ) -> Withheld | None:
        """Why a figure is withheld; None when it may be published. A protected figure
        outside the publication (a period it does not hold) is withheld."""
        if indicator not in self.sensitive:
            return None
        key = (unit, period, indicator, disaggregation)
        found = self.withheld_figures.get(key)
        if found is not None or key in self.known:
            return found
        return Withheld.SUPPRESSED

    def shown(self, unit: str, indicator: str, disaggregation: str = "") -> bool:
        """False for a breakdown of a count of children below the area: public outputs
        leave it out."""
        return indicator not in self.sensitive or not disaggregation or unit in self.top


def publication_periods(plan: Plan, periods: Iterable[Period]) -> tuple[str, ...]:
    """The periods of the data, and every reporting period (month, quarter, half, year)
    that contains one of them, in order."""
    found: dict[str, Period] = {}
    for p in periods:
        found.setdefault(p.id, p)
        for kind in REPORTING_PERIOD_TYPES:
            outer = period_containing(p.start, kind, plan.period_convention)
            if outer.start <= p.start and p.end <= outer.end:
                found.setdefault(outer.id, outer)
    return tuple(p.id for p in sorted(found.values()))


def public_figures(
    plan: Plan,
    values: DataValueSet,
    catalog: Catalog | None = None,
    *,
    k: int = DEFAULT_K,
    level: int | None = None,
) -> PublicFigures:
    """Protect every figure of the plan's area that a public output could print: every
    level from the area down, every period of :func:`publication_periods`."""
    catalog = values.catalog if catalog is None else catalog
    values.finish()
    tree = plan.hierarchy
    if plan.area is not None:
        units = [tree.get(plan.area), *tree.descendants(plan.area)]
    else:
        units = list(tree.units)
    levels = sorted({u.level for u in units}, key=lambda lv: lv.rank)
    periods = publication_periods(plan, values.periods)
    result = aggregate(plan, values, catalog, level=levels, periods=periods)
    return protect_figures(plan, result, catalog, k=k, level=level)


def protect_figures(
    plan: Plan,
    result: AggregateResult,
    catalog: Catalog,
    *,
    k: int = DEFAULT_K,
    level: int | None = None,
) -> PublicFigures:
    """Protect the figures of an aggregation as one publication (see the module)."""
    level = k if level is None else level
    counts = sensitive_counts(catalog)
    derived = derived_indicators(catalog)
    tree = plan.hierarchy
    if plan.area is not None:
        top = frozenset({plan.area})
    else:
        top = frozenset(u.code for u in tree.roots())
    rows = [r for r in result.rows if r.indicator in counts]
    known: set[FigureKey] = {(r.unit, r.period, r.indicator, r.disaggregation) for r in rows}
    eligible = [r for r in rows if not r.disaggregation or r.unit in top]
    withheld: dict[FigureKey, Withheld] = {}
    for members, link in _groups(catalog, counts, {r.indicator for r in eligible}):
        group = [r for r in eligible if r.indicator in members]
        builder = _GroupTable(plan, catalog, group, link)
        table = builder.table()
        protection = None if table is None else protect(table, k, level)
        if protection is None or not protection.complete:
            for r in group:
                if r.value is not None and r.value != 0:
                    withheld[_figure(r)] = Withheld.SUPPRESSED
            continue
        for r in group:
            if builder.keys.get(_figure(r)) in protection.withheld:
                withheld[_figure(r)] = Withheld.SUPPRESSED
    for r in result.rows:
        if r.indicator not in derived:
            continue
        known.add(_figure(r))
        ind = catalog.indicator(r.indicator)
        for part in (ind.numerator, ind.denominator):
            if part in counts:
                key = (r.unit, r.period, part, r.disaggregation)
                if key not in known or key in withheld:
                    withheld[_figure(r)] = Withheld.DERIVED
    return PublicFigures(
        k=k,
        level=level,
        periods=result.periods,
        sensitive=counts | derived,
        top=top,
        withheld_figures=withheld,
        known=frozenset(known),
    )


def _figure(row: AggregateRow) -> FigureKey:
    return (row.unit, row.period, row.indicator, row.disaggregation)


def _groups(
    catalog: Catalog, counts: frozenset[str], present: set[str]
) -> list[tuple[frozenset[str], tuple[str, str] | None]]:
    """The tables to protect: each count alone, or a whole and its part together
    (``link`` = (whole, part)); a count in two such pairs makes one table with no link,
    withheld whole by :func:`protect_figures` (``link`` is then ``("", "")``)."""
    links: list[tuple[str, str]] = []
    for ind in catalog.indicators:
        if (
            ind.value_type is ValueType.RATIO
            and ind.numerator in counts
            and ind.denominator in counts
            and ind.numerator in present
            and ind.denominator in present
        ):
            assert ind.numerator is not None and ind.denominator is not None
            links.append((ind.denominator, ind.numerator))
    parent = {code: code for code in present}

    def root(code: str) -> str:
        while parent[code] != code:
            code = parent[code]
        return code

    for whole, part in links:
        parent[root(part)] = root(whole)
    members: dict[str, set[str]] = {}
    for code in sorted(present):
        members.setdefault(root(code), set()).add(code)
    out: list[tuple[frozenset[str], tuple[str, str] | None]] = []
    for name in sorted(members):
        group = frozenset(members[name])
        inside = [link for link in links if link[0] in group]
        if not inside:
            out.append((group, None))
        elif len(inside) == 1 and _same_aggregation(catalog, *inside[0]):
            out.append((group, inside[0]))
        else:
            out.append((group, ("", "")))
    return out


def _same_aggregation(catalog: Catalog, whole: str, part: str) -> bool:
    a, b = catalog.indicator(whole), catalog.indicator(part)
    return (a.time_aggregation, a.unit_aggregation) == (b.time_aggregation, b.unit_aggregation)


class _GroupTable:
    """The linked table of one group of counts: its axes and the box of every row."""

    def __init__(
        self,
        plan: Plan,
        catalog: Catalog,
        rows: Sequence[AggregateRow],
        link: tuple[str, str] | None,
    ) -> None:
        self.plan = plan
        self.catalog = catalog
        self.rows = rows
        self.link = link
        self.keys: dict[FigureKey, Key] = {}

    def table(self) -> LinkedTable | None:
        """The table, or None when the figures cannot be laid out as one."""
        if self.link == ("", "") or not self.rows:
            return None
        first: Indicator = self.catalog.indicator(self.rows[0].indicator)
        units = self._unit_axis(first)
        periods = self._period_axis(first)
        if periods is None:
            return None
        dims = sorted({d for r in self.rows for d in parse_disaggregation(r.disaggregation)})
        dim_axes: list[tuple[Axis, Mapping[str, int]]] = []
        for dim in dims:
            if self.catalog.has("dimension", dim):
                leaves = list(self.catalog.dimension(dim).codes)
            else:
                leaves = []
            seen = {
                parse_disaggregation(r.disaggregation)[dim]
                for r in self.rows
                if dim in parse_disaggregation(r.disaggregation)
            }
            leaves += sorted(seen - set(leaves))
            axis = Axis(dim, leaves)
            dim_axes.append((axis, {leaf: axis.mask([leaf]) for leaf in leaves}))
        axes = [units[0], periods[0], *(a for a, _ in dim_axes)]
        part_axis = Axis("part", ["in", "out"]) if self.link else None
        if part_axis is not None:
            axes.append(part_axis)
        boxes: dict[Key, Box] = {}
        for r in self.rows:
            if r.value is None:
                continue
            if not float(r.value).is_integer():
                return None
            parts = parse_disaggregation(r.disaggregation)
            unit_mask = units[1].get(r.unit)
            period_mask = periods[1].get(r.period)
            if unit_mask is None or period_mask is None:
                return None
            key = [unit_mask, period_mask]
            for axis, masks in dim_axes:
                key.append(masks[parts[axis.name]] if axis.name in parts else axis.full)
            if part_axis is not None and self.link is not None:
                key.append(0b01 if r.indicator == self.link[1] else 0b11)
            box_key = tuple(key)
            value = int(r.value)
            if box_key in boxes and boxes[box_key].value != value:
                return None
            boxes[box_key] = Box(value)
            self.keys[_figure(r)] = box_key
        if part_axis is not None:
            for box_key, box in list(boxes.items()):
                if box_key[-1] != 0b11:
                    continue
                part = boxes.get((*box_key[:-1], 0b01))
                if part is None:
                    continue
                rest = box.value - part.value
                if rest < 0:
                    return None
                boxes[(*box_key[:-1], 0b10)] = Box(rest, hidden=True)
        return LinkedTable(axes, boxes)

    def _unit_axis(self, ind: Indicator) -> tuple[Axis, dict[str, int]]:
        tree = self.plan.hierarchy
        codes = sorted({r.unit for r in self.rows})
        if ind.unit_aggregation is not UnitAggregation.SUM:
            axis = Axis("unit", codes)
            return axis, {c: axis.mask([c]) for c in codes}
        leaves: dict[str, list[str]] = {}
        for code in codes:
            leaves[code] = sorted(u.code for u in tree.leaves(code))
        axis = Axis("unit", sorted({leaf for found in leaves.values() for leaf in found}))
        return axis, {c: axis.mask(found) for c, found in leaves.items()}

    def _period_axis(self, ind: Indicator) -> tuple[Axis, dict[str, int]] | None:
        convention = self.plan.period_convention
        found: dict[str, Period] = {}
        for r in self.rows:
            try:
                found.setdefault(r.period, parse_period(r.period, convention))
            except ParseError:
                return None
        ids = sorted(found, key=lambda i: found[i])
        if ind.time_aggregation not in (TimeAggregation.SUM, TimeAggregation.LAST):
            axis = Axis("period", ids)
            return axis, {i: axis.mask([i]) for i in ids}

        def inside(inner: Period, outer: Period) -> bool:
            return outer.start <= inner.start and inner.end <= outer.end

        leaves = [i for i in ids if not any(j != i and inside(found[j], found[i]) for j in ids)]
        axis = Axis("period", leaves)
        masks: dict[str, int] = {}
        for i in ids:
            within = [leaf for leaf in leaves if inside(found[leaf], found[i])]
            if not within:
                return None
            if ind.time_aggregation is TimeAggregation.LAST:
                within = [max(within, key=lambda leaf: found[leaf].end)]
            masks[i] = axis.mask(within)
        return axis, masks
