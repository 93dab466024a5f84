"""The roll-up of one data-value set: over time per reporting unit, then up the unit
tree one level at a time, finest first, each level built from the one below."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from child_welfare_plan.catalogs import Catalog
from child_welfare_plan.errors import CalendarError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.findings import Finding
from child_welfare_plan.model.indicators import (
    Indicator,
    TimeAggregation,
    UnitAggregation,
    ValueType,
)
from child_welfare_plan.model.periods import Period, PeriodType
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.model.units import Level
from child_welfare_plan.rules.aggregate.emit import Emitter, Stored
from child_welfare_plan.rules.aggregate.results import AggregateResult, AggregateRow
from child_welfare_plan.rules.aggregate.series import TYPE_RANK, Series
from child_welfare_plan.rules.aggregate.values import DataValueSet
from child_welfare_plan.rules.order import canonical_order

__all__ = ["Engine"]


class Stage:
    """Partial aggregates of one series by node: the value (sum, max or min), the number of
    reporting units, the part of a period they missed, and how many missed some."""

    __slots__ = ("count", "missing", "partial", "value")

    def __init__(
        self,
        value: dict[int, float],
        count: dict[int, int],
        missing: dict[int, float],
        partial: dict[int, int],
    ) -> None:
        self.value = value
        self.count = count
        self.missing = missing
        self.partial = partial


COMBINE: dict[UnitAggregation, Any] = {
    UnitAggregation.SUM: math.fsum,
    UnitAggregation.AVERAGE: math.fsum,
    UnitAggregation.NONE: math.fsum,
    UnitAggregation.MAX: max,
    UnitAggregation.MIN: min,
}


class Engine(Emitter):
    """The roll-up of one DataValueSet: over time per unit, then up the tree by level."""

    def __init__(
        self,
        plan: Plan,
        data: DataValueSet,
        catalog: Catalog,
        levels: tuple[Level, ...],
        periods: tuple[Period, ...],
        *,
        exact: bool = False,
    ) -> None:
        self.plan = plan
        self.exact = exact
        self.data = data
        self.catalog = catalog
        self.levels = levels
        self.periods = periods
        self.findings: list[Finding] = []
        tree = plan.hierarchy
        codes = data._codes
        uid = data._uid
        area = data._area
        self.leaves = frozenset(data._leaves)
        # One step per level, finest first: each node of the stage below goes to its
        # ancestor at the level, or stays itself where the tree skips the level.
        self.order = sorted(levels, key=lambda lv: -lv.rank)
        self.steps: list[list[tuple[int, list[int]]]] = []
        nodes: list[int] = list(data._leaves)
        for lv in self.order:
            groups: dict[int, list[int]] = {}
            for node in nodes:
                above = tree.ancestor_at(codes[node], lv)
                target = uid[above.code] if above is not None else node
                if target not in area:
                    target = node
                groups.setdefault(target, []).append(node)
            self.steps.append(sorted(groups.items()))
            nodes = sorted(groups)
        self.targets: dict[Level, list[int]] = {
            lv: sorted(
                (uid[u.code] for u in tree.at_level(lv) if uid[u.code] in area),
                key=lambda i: codes[i],
            )
            for lv in levels
        }
        self.store: dict[tuple[str, str, str], dict[int, Stored]] = {}
        self.rows: list[AggregateRow] = []
        self._expected: dict[str, list[dict[int, int]]] = {}

    def expected(self, period: Period) -> list[dict[int, int]]:
        """Reporting units active in ``period`` by node, stage by stage (finest first)."""
        cached = self._expected.get(period.id)
        if cached is not None:
            return cached
        bounded = self.data._bounded
        counts: dict[int, int] = {
            leaf: 1
            for leaf in self.data._leaves
            if leaf not in bounded or bounded[leaf].active_between(period.start, period.end)
        }
        out: list[dict[int, int]] = []
        for step in self.steps:
            rolled: dict[int, int] = {}
            for target, members in step:
                n = sum(counts.get(m, 0) for m in members)
                if n:
                    rolled[target] = n
            out.append(rolled)
            counts = rolled
        self._expected[period.id] = out
        return out

    def run(self) -> AggregateResult:
        by_indicator: dict[str, dict[str, dict[str, Series]]] = {}
        for (code, period_id), group in self.data._groups.items():
            by_indicator.setdefault(code, {})[period_id] = group
        for period in self.periods:
            for ind in self.catalog.indicators:
                if not ind.is_computed and ind.code in by_indicator:
                    self.aggregate_indicator(ind, period, by_indicator[ind.code])
        self.emit()
        indicators = self.catalog.indicators
        return AggregateResult(
            plan=self.plan.id,
            rows=tuple(self.rows),
            findings=tuple(canonical_order((*self.data.findings, *self.findings))),
            periods=tuple(p.id for p in self.periods),
            levels=self.levels,
            computed=frozenset(i.code for i in indicators if i.is_computed),
            booleans=frozenset(i.code for i in indicators if i.value_type is ValueType.BOOLEAN),
            convention=str(self.plan.period_convention),
        )

    def aggregate_indicator(
        self, ind: Indicator, period: Period, groups: dict[str, dict[str, Series]]
    ) -> None:
        for key, values, fractions in self.leaf_values(ind, period, groups):
            self.over_units(ind, period, key, values, fractions)

    def leaf_values(
        self, ind: Indicator, period: Period, groups: dict[str, dict[str, Series]]
    ) -> Iterator[tuple[str, dict[int, float], dict[int, float]]]:
        """For each breakdown of ``ind``: every reporting unit's value for ``period`` (its
        sub-periods rolled up over time) and, where below 1, the share of it reported. With
        ``exact``, only values sent for ``period`` itself count."""
        known = self.data._periods
        inside = [
            known[pid]
            for pid in groups
            if period.start <= known[pid].start
            and known[pid].end <= period.end
            and known[pid].convention is period.convention
            and (not self.exact or pid == period.id)
        ]
        if not inside:
            return
        keys = {key for p in inside for key, series in groups[p.id].items() if series.values}
        for key in sorted(keys):
            parts = [(p, groups[p.id][key]) for p in inside if key in groups[p.id]]
            over_time = self.over_time(ind, period, [(p, s) for p, s in parts if s.values])
            if over_time is not None:
                yield key, *over_time

    def over_time(
        self, ind: Indicator, period: Period, parts: list[tuple[Period, Series]]
    ) -> tuple[dict[int, float], dict[int, float]] | None:
        """Each reporting unit's value for ``period`` and, where below 1, its share of it."""
        for p, series in parts:
            if p == period:
                if len(parts) > 1:
                    self.overlap(ind, period)
                return series.values, {}
        how = ind.time_aggregation
        if how is TimeAggregation.NONE:
            return None
        by_type: dict[PeriodType, list[tuple[Period, dict[int, float]]]] = {}
        for p, series in parts:
            by_type.setdefault(p.type, []).append((p, series.values))
        if len(by_type) > 1:
            self.overlap(ind, period)
        values: dict[int, float] = {}
        fractions: dict[int, float] = {}
        for kind in sorted(by_type, key=lambda t: -TYPE_RANK[t]):
            try:
                expected = period.parts(kind)
            except CalendarError:
                continue
            ordered = sorted(by_type[kind], key=lambda item: item[0].start)
            seq = [v for _, v in ordered]
            last_present = ordered[-1][0] == expected[-1]
            acc, fraction = self.combine(how, seq, len(expected), last_present)
            if values:
                acc = {u: v for u, v in acc.items() if u not in values}
                fraction = {u: f for u, f in fraction.items() if u in acc}
            values.update(acc)
            fractions.update(fraction)
        return values, fractions

    @staticmethod
    def combine(
        how: TimeAggregation, seq: list[dict[int, float]], n: int, last_present: bool
    ) -> tuple[dict[int, float], dict[int, float]]:
        """Sub-period values (in time order) into one value per unit, and the share of the
        ``n`` sub-periods each unit reported where it is below 1 (for ``last``: 1 when the
        last sub-period is present)."""
        first = seq[0]
        same = all(s.keys() == first.keys() for s in seq[1:])
        if same:
            if how is TimeAggregation.LAST:
                acc = seq[-1]
            elif len(seq) == 1:
                acc = first
            else:
                getters = [s.__getitem__ for s in seq]
                columns = zip(*(map(g, first) for g in getters), strict=True)
                if how is TimeAggregation.SUM:
                    acc = dict(zip(first, map(math.fsum, columns), strict=True))
                elif how is TimeAggregation.AVERAGE:
                    acc = dict(zip(first, (math.fsum(c) / len(seq) for c in columns), strict=True))
                elif how is TimeAggregation.MAX:
                    acc = dict(zip(first, map(max, columns), strict=True))
                else:
                    acc = dict(zip(first, map(min, columns), strict=True))
            if len(seq) == n or (how is TimeAggregation.LAST and last_present):
                return acc, {}
            return acc, dict.fromkeys(acc, len(seq) / n)
        lists: dict[int, list[float]] = {}
        for s in seq:
            for u, v in s.items():
                if u in lists:
                    lists[u].append(v)
                else:
                    lists[u] = [v]
        if how is TimeAggregation.LAST:
            acc = {u: vs[-1] for u, vs in lists.items()}
        elif how is TimeAggregation.SUM:
            acc = {u: math.fsum(vs) for u, vs in lists.items()}
        elif how is TimeAggregation.AVERAGE:
            acc = {u: math.fsum(vs) / len(vs) for u, vs in lists.items()}
        elif how is TimeAggregation.MAX:
            acc = {u: max(vs) for u, vs in lists.items()}
        else:
            acc = {u: min(vs) for u, vs in lists.items()}
        last = seq[-1] if last_present else {}
        fractions = {
            u: len(vs) / n
            for u, vs in lists.items()
            if len(vs) < n and not (how is TimeAggregation.LAST and u in last)
        }
        return acc, fractions

    def overlap(self, ind: Indicator, period: Period) -> None:
        self.findings.append(
            Finding.warning(
                "overlapping-periods",
                Message(
                    "{indicator} for {period}: values were sent both for periods of different "
                    "lengths inside it; for each unit the longest period it sent is used",
                    indicator=ind.code,
                    period=period.id,
                ),
            )
        )

    def over_units(
        self,
        ind: Indicator,
        period: Period,
        key: str,
        values: dict[int, float],
        fractions: dict[int, float],
    ) -> None:
        how = ind.unit_aggregation
        combine = COMBINE[how]
        stored: dict[int, Stored] = self.store.setdefault((ind.code, period.id, key), {})
        expected = self.expected(period)
        complete_input = len(values) == len(self.leaves)
        stage: Stage | None = None
        for index, (step, level, counts) in enumerate(
            zip(self.steps, self.order, expected, strict=True)
        ):
            if index == 0:
                stage = self.first_stage(step, values, fractions, combine, complete_input)
            else:
                assert stage is not None
                stage = self.next_stage(step, stage, combine)
            for node in self.targets[level]:
                n_expected = counts.get(node, 0)
                if n_expected == 0:
                    continue
                n = stage.count.get(node, 0)
                value: float | None
                if n == 0:
                    value = None
                elif how is UnitAggregation.AVERAGE:
                    value = stage.value[node] / n
                elif how is UnitAggregation.NONE and node not in self.leaves:
                    value = None
                else:
                    value = stage.value[node]
                coverage = (n - stage.missing.get(node, 0.0)) / n_expected
                complete = n - stage.partial.get(node, 0) == n_expected
                stored[node] = (value, coverage, complete, n, n_expected)

    @staticmethod
    def first_stage(
        step: list[tuple[int, list[int]]],
        values: dict[int, float],
        fractions: dict[int, float],
        combine: Any,
        complete_input: bool,
    ) -> Stage:
        get = values.get
        value: dict[int, float] = {}
        count: dict[int, int] = {}
        if complete_input:
            for target, members in step:
                value[target] = combine(map(get, members))
                count[target] = len(members)
        else:
            for target, members in step:
                found = [v for v in map(get, members) if v is not None]
                if found:
                    value[target] = combine(found)
                    count[target] = len(found)
        missing: dict[int, float] = {}
        partial: dict[int, int] = {}
        if fractions:
            where = {m: target for target, members in step for m in members}
            for u, share in fractions.items():
                target = where[u]
                missing[target] = missing.get(target, 0.0) + (1.0 - share)
                partial[target] = partial.get(target, 0) + 1
        return Stage(value, count, missing, partial)

    @staticmethod
    def next_stage(step: list[tuple[int, list[int]]], stage: Stage, combine: Any) -> Stage:
        vget, cget, mget, pget = (
            stage.value.get,
            stage.count.get,
            stage.missing.get,
            stage.partial.get,
        )
        value: dict[int, float] = {}
        count: dict[int, int] = {}
        missing: dict[int, float] = {}
        partial: dict[int, int] = {}
        for target, members in step:
            found = [v for v in map(vget, members) if v is not None]
            if not found:
                continue
            value[target] = combine(found)
            count[target] = sum(cget(m, 0) for m in members)
            if stage.missing:
                m = math.fsum(mget(x, 0.0) for x in members)
                if m:
                    missing[target] = m
                    partial[target] = sum(pget(x, 0) for x in members)
        return Stage(value, count, missing, partial)
