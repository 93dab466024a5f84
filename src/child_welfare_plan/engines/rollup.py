"""The roll-up as set operations, for the data where it is provably exact.

After the columnar check (:mod:`child_welfare_plan.engines.ingest`), the accepted values
are still in the engine. When every one of them came the fast way (whole numbers: every
sum is exact, whatever its order), no total disagrees with or is missing from a complete
breakdown, no indicator mixes period lengths inside a period, and every period splits into
1, 2, 4 or 8 parts (so every share of a period is exact in binary), the roll-up runs in
the engine, written once in narwhals:

* totals against complete breakdowns: one group-by of each unit's members of each complete
  set, cells added and the total subtracted as whole numbers (the sets are the rules' own:
  :func:`~child_welfare_plan.rules.aggregate.breakdowns.breakdown_candidates`);
* over time per reporting unit: flow = sum, stock = the last sub-period the unit sent,
  max, min; the parts it sent and whether it sent the last one (its coverage);
* up the tree, one level at a time: each reporting unit joined to its node at the first
  level, each level rolled up from the one below (sums, maxima, minima, units counted,
  missing shares and partial units are all sums, maxima or minima of the level below).

The rules' own engine (:class:`~child_welfare_plan.rules.aggregate.engine.Engine`) then
counts the expected units and writes the rows, ratios and shares from these aggregates.
Anything else returns None, and the values go into the rules' data-value set instead
(:func:`~child_welfare_plan.engines.ingest.to_set`): same answer, the Python way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from child_welfare_plan.catalogs import Catalog
from child_welfare_plan.engines.ingest import Batch
from child_welfare_plan.errors import CalendarError
from child_welfare_plan.model.indicators import TimeAggregation, UnitAggregation, ValueType
from child_welfare_plan.model.periods import Period
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.model.units import Level
from child_welfare_plan.rules.aggregate import AggregateResult, DataValueSet
from child_welfare_plan.rules.aggregate import levels_for as resolve_levels
from child_welfare_plan.rules.aggregate import periods_for as resolve_periods
from child_welfare_plan.rules.aggregate.breakdowns import breakdown_candidates, cell_keys
from child_welfare_plan.rules.aggregate.emit import Stored
from child_welfare_plan.rules.aggregate.engine import Engine
from child_welfare_plan.rules.aggregate.series import Series
from child_welfare_plan.rules.order import canonical_order

__all__ = ["roll_up"]

_TIME = {
    TimeAggregation.SUM: 0,
    TimeAggregation.LAST: 1,
    TimeAggregation.MAX: 2,
    TimeAggregation.MIN: 3,
}
#: A part's place is written above the value (values are under 1e15 < 2**50).
_STAMP = float(2**50)
#: Periods whose parts are exact binary fractions of them.
_EXACT_PARTS = (1, 2, 4, 8)


class _Inexact(Exception):
    """The data needs the rules' own roll-up."""


def roll_up(
    plan: Plan,
    data: DataValueSet,
    catalog: Catalog,
    batch: Batch,
    series: list[Series],
    level: Level | str | Sequence[Level | str] | None,
    periods: Sequence[Period | str] | None,
) -> AggregateResult | None:
    """The aggregation of the batch's fast rows in the engine, or None when it would not be
    exact (the caller then uses the rules)."""
    if len(data):  # a value accepted the slow way lives in Python
        return None
    levels = resolve_levels(plan, level)
    targets = resolve_periods(plan, data, periods)
    engine = Engine(plan, data, catalog, levels, targets)
    sid_of = {id(one): sid for sid, one in enumerate(series)}
    values = batch.fast_frame()
    counts = batch.collect(_count_by_series(values))
    filled = dict(zip(counts["sid"], counts["n"], strict=True))
    if not filled:
        return None
    try:
        timing, tids = _timing(data, catalog, targets, sid_of, filled)
        edges = _edges(data, catalog, sid_of)
    except _Inexact:
        return None
    if edges["sid"]:
        bad = batch.collect(_mismatches(batch, values, edges))
        if bad["n"][0]:
            return None
    if not tids:
        return None
    by_node = batch.collect(_by_node(batch, values, timing, engine))
    data._accepted = sum(filled.values())
    engine.store = _store(engine, tids, by_node)
    engine.emit()
    indicators = catalog.indicators
    return AggregateResult(
        plan=plan.id,
        rows=tuple(engine.rows),
        findings=tuple(canonical_order([*data.findings, *data.findings.summaries()])),
        periods=tuple(p.id for p in targets),
        levels=levels,
        computed=frozenset(i.code for i in indicators if i.is_computed),
        booleans=frozenset(i.code for i in indicators if i.value_type is ValueType.BOOLEAN),
    )


def _count_by_series(values: Any) -> Any:
    import narwhals as nw  # optional extra `engines`: the portable lazy layer

    return values.group_by("sid").agg(nw.len().alias("n"))


def _timing(
    data: DataValueSet,
    catalog: Catalog,
    targets: tuple[Period, ...],
    sid_of: dict[int, int],
    filled: dict[int, int],
) -> tuple[dict[str, list[Any]], list[tuple[str, Period, str]]]:
    """Which series make each output series (``tid``) over time, in the order the rules
    fill their store: the series id, its place among the period's parts, how many parts,
    whether it is the last one, and how the indicator aggregates over time."""
    table: dict[str, list[Any]] = {
        "sid": [],
        "tid": [],
        "sub": [],
        "parts": [],
        "is_last": [],
        "how": [],
    }
    tids: list[tuple[str, Period, str]] = []
    known = data._periods
    groups = data._groups
    for period in targets:
        for ind in catalog.indicators:
            if ind.is_computed:
                continue
            inside = [
                p
                for pid, p in known.items()
                if (ind.code, pid) in groups
                and period.start <= p.start
                and p.end <= period.end
                and p.convention is period.convention
            ]
            keys: dict[str, list[tuple[Period, int]]] = {}
            for p in inside:
                for key, one in groups[(ind.code, p.id)].items():
                    sid = sid_of.get(id(one))
                    if sid is not None and filled.get(sid):
                        keys.setdefault(key, []).append((p, sid))
            for key, parts in keys.items():
                whole = [sid for p, sid in parts if p == period]
                if whole:
                    if len(parts) > 1:
                        raise _Inexact  # overlapping periods: the rules warn and choose
                    how, place, count, last = 0, 0, 1, True
                    rows = [(whole[0], place, count, last)]
                else:
                    if ind.time_aggregation is TimeAggregation.NONE:
                        continue
                    if ind.time_aggregation not in _TIME:
                        raise _Inexact  # an average over time is not a whole number
                    kinds = {p.type for p, _ in parts}
                    if len(kinds) > 1:
                        raise _Inexact
                    try:
                        expected = period.parts(kinds.pop())
                    except CalendarError:
                        raise _Inexact from None
                    if len(expected) not in _EXACT_PARTS:
                        raise _Inexact
                    how = _TIME[ind.time_aggregation]
                    rows = []
                    for p, sid in parts:
                        if p not in expected:
                            raise _Inexact
                        place = expected.index(p)
                        rows.append((sid, place, len(expected), p == expected[-1]))
                tid = len(tids)
                tids.append((ind.code, period, key))
                for sid, place, count, last in rows:
                    table["sid"].append(sid)
                    table["tid"].append(tid)
                    table["sub"].append(place)
                    table["parts"].append(count)
                    table["is_last"].append(last)
                    table["how"].append(how)
    return table, tids


def _edges(data: DataValueSet, catalog: Catalog, sid_of: dict[int, int]) -> dict[str, list[Any]]:
    """Every complete set of cells and its total, as the rules' breakdown check finds them
    (:func:`~child_welfare_plan.rules.aggregate.breakdowns.breakdown_candidates`): each set's
    members, its cells counted ``1`` and its total ``-1`` (a total missing from the data has
    no member: deriving it is the rules' work), and how many cells make it complete."""
    members: dict[str, list[Any]] = {"sid": [], "set": [], "part": [], "cells": []}
    sets = 0
    for group in data._groups.values():
        ind = next(iter(group.values())).indicator
        if not ind.is_additive or not ind.disaggregations:
            continue
        for key, parts in breakdown_candidates(list(group), data._parts):
            for dim in ind.disaggregations:
                if dim in parts:
                    continue
                cells = [
                    group.get(cell) for cell in cell_keys(parts, dim, catalog.dimension(dim).codes)
                ]
                if any(c is None for c in cells):
                    continue
                parent = group.get(key)
                pairs = [(sid_of[id(child)], 1) for child in cells if child is not None]
                if parent is not None:
                    pairs.append((sid_of[id(parent)], -1))
                for sid, part in pairs:
                    members["sid"].append(sid)
                    members["set"].append(sets)
                    members["part"].append(part)
                    members["cells"].append(len(cells))
                sets += 1
    return members


def _mismatches(batch: Batch, values: Any, members: dict[str, list[Any]]) -> Any:
    """How many (unit, complete set) have no total or a total other than their sum, in one
    pass: each unit's members of a set summed with their sign (cells ``+``, total ``-``),
    as whole numbers (every fast value is one), so the comparison is exact."""
    import narwhals as nw  # optional extra `engines`

    table = batch.frame(
        "cwp_members",
        members,
        {"sid": "BIGINT", "set": "BIGINT", "part": "BIGINT", "cells": "BIGINT"},
    )
    cell = nw.col("part") == 1
    sums = (
        values.join(table, on="sid", how="inner")
        .with_columns(
            (nw.col("k_num").cast(nw.Int64) * nw.col("part")).alias("signed"),
            cell.cast(nw.Int64).alias("is_cell"),
            (~cell).cast(nw.Int64).alias("is_total"),
        )
        .group_by("uid", "set")
        .agg(
            nw.col("is_cell").sum().alias("found"),
            nw.col("is_total").sum().alias("totals"),
            nw.col("signed").sum().alias("difference"),
            nw.col("cells").max().alias("cells"),
        )
    )
    wrong = (nw.col("found") == nw.col("cells")) & (
        (nw.col("totals") == 0) | (nw.col("difference") != 0)
    )
    return sums.filter(wrong).select(nw.len().alias("n"))


def _by_node(batch: Batch, values: Any, timing: dict[str, list[Any]], engine: Engine) -> Any:
    """Each output series' aggregates by node and level: value sum, max, min, units that
    reported, their missing share of the period, and the units that missed part of it."""
    import narwhals as nw  # optional extra `engines`

    types = {
        "sid": "BIGINT",
        "tid": "BIGINT",
        "sub": "BIGINT",
        "parts": "BIGINT",
        "is_last": "BOOLEAN",
        "how": "BIGINT",
    }
    whole = [i for i, n in enumerate(timing["parts"]) if n == 1]
    split = [i for i, n in enumerate(timing["parts"]) if n != 1]
    # A period given as itself (most of them) needs no roll-up over time.
    times_whole = batch.frame(
        "cwp_whole",
        {k: [timing[k][i] for i in whole] for k in ("sid", "tid")},
        {"sid": "BIGINT", "tid": "BIGINT"},
    )
    times = batch.frame("cwp_timing", {k: [v[i] for i in split] for k, v in timing.items()}, types)
    # The tree one level at a time: each reporting unit to its node at the first level,
    # then each node to its node at the next level. Every aggregate below (sums, maxima,
    # minima, counts, exact missing shares) is rolled up from the level below, so each
    # value is joined once rather than once per level.
    leaves = engine.data._leaves
    where = {leaf: leaf for leaf in leaves}
    steps: list[Any] = []
    for index, step in enumerate(engine.steps):
        up = {member: target for target, members in step for member in members}
        if index == 0:
            where = {leaf: up[node] for leaf, node in where.items()}
            link = {"child": list(where), "node": list(where.values())}
        else:
            below = sorted(set(where.values()))
            where = {node: up[node] for node in below}
            link = {"child": below, "node": [where[node] for node in below]}
        steps.append(batch.frame(f"cwp_tree_{index}", link, {"child": "BIGINT", "node": "BIGINT"}))
    # The value of a unit's latest part, without a second join: its place and its value in
    # one exact number (a value under 2**50, a place under 8: below 2**53).
    rows = values.join(times, on="sid", how="inner").with_columns(
        (nw.col("sub").cast(nw.Float64) * _STAMP + nw.col("k_num")).alias("stamp"),
        nw.col("is_last").cast(nw.Int64).alias("last_part"),
    )
    per_leaf = rows.group_by("tid", "uid").agg(
        nw.len().alias("k"),
        nw.col("k_num").sum().alias("total"),
        nw.col("k_num").max().alias("high"),
        nw.col("k_num").min().alias("low"),
        nw.col("stamp").max().alias("stamped"),
        nw.col("last_part").max().alias("has_last"),
        nw.col("parts").max().alias("parts"),
        nw.col("how").max().alias("how"),
    )
    per_leaf = per_leaf.with_columns(
        (nw.col("stamped") - (nw.col("stamped") / _STAMP).floor() * _STAMP).alias("final")
    )
    how = nw.col("how")
    value = (
        nw.when(how == 1)
        .then(nw.col("final"))
        .otherwise(
            nw.when(how == 2)
            .then(nw.col("high"))
            .otherwise(nw.when(how == 3).then(nw.col("low")).otherwise(nw.col("total")))
        )
    )
    partial = (nw.col("k") < nw.col("parts")) & ~((how == 1) & (nw.col("has_last") == 1))
    per_leaf = per_leaf.select(
        "tid",
        "uid",
        value.alias("value"),
        partial.cast(nw.Int64).alias("partial"),
        nw.when(partial)
        .then((nw.col("parts") - nw.col("k")).cast(nw.Float64) / nw.col("parts"))
        .otherwise(0.0)
        .alias("missing"),
    )
    as_given = values.join(times_whole, on="sid", how="inner").select(
        "tid",
        "uid",
        nw.col("k_num").alias("value"),
        nw.lit(0).cast(nw.Int64).alias("partial"),
        nw.lit(0.0).cast(nw.Float64).alias("missing"),
    )
    per_leaf = nw.concat([as_given, per_leaf], how="vertical").select(
        "tid",
        nw.col("uid").alias("child"),
        nw.col("value").alias("total"),
        nw.col("value").alias("high"),
        nw.col("value").alias("low"),
        nw.lit(1).cast(nw.Int64).alias("n"),
        "missing",
        "partial",
    )
    levels = []
    below = per_leaf
    for index, link in enumerate(steps):
        rolled = (
            below.join(link, on="child", how="inner")
            .group_by("tid", "node")
            .agg(
                nw.col("total").sum(),
                nw.col("high").max(),
                nw.col("low").min(),
                nw.col("n").sum(),
                nw.col("missing").sum(),
                nw.col("partial").sum(),
            )
            .with_columns(nw.col("n").cast(nw.Int64), nw.col("partial").cast(nw.Int64))
        )
        rolled = batch.keep(f"cwp_level_{index}", rolled)
        levels.append(rolled.with_columns(nw.lit(index).cast(nw.Int64).alias("level")))
        below = rolled.rename({"node": "child"})
    return nw.concat(levels, how="vertical").select(
        "tid", "level", "node", "total", "high", "low", "n", "missing", "partial"
    )


def _store(
    engine: Engine,
    tids: list[tuple[str, Period, str]],
    by_node: dict[str, list[Any]],
) -> dict[tuple[str, str, str], dict[int, Stored]]:
    """The rules' store from the aggregates: every node of each level the period expects
    (a node no unit reported for has no value and coverage 0)."""
    catalog = engine.catalog
    leaves = engine.leaves
    hows = [catalog.indicator(code).unit_aggregation for code, _, _ in tids]
    expected = [engine.expected(period) for _, period, _ in tids]
    levels = [frozenset(engine.targets[level]) for level in engine.order]
    stores: list[dict[int, Stored]] = [{} for _ in tids]
    average, none, high_of, low_of = (
        UnitAggregation.AVERAGE,
        UnitAggregation.NONE,
        UnitAggregation.MAX,
        UnitAggregation.MIN,
    )
    for tid, lvl, node, total, high, low, n, missing, partial in zip(
        by_node["tid"],
        by_node["level"],
        by_node["node"],
        by_node["total"],
        by_node["high"],
        by_node["low"],
        by_node["n"],
        by_node["missing"],
        by_node["partial"],
        strict=True,
    ):
        if node not in levels[lvl]:
            continue  # a unit standing for itself where the tree skips the level
        n_expected = expected[tid][lvl].get(node, 0)
        if not n_expected:
            continue
        how = hows[tid]
        value: float | None
        if how is average:
            value = total / n
        elif how is none and node not in leaves:
            value = None
        elif how is high_of:
            value = high
        elif how is low_of:
            value = low
        else:
            value = total
        stores[tid][node] = (
            value,
            (n - missing) / n_expected,
            n - partial == n_expected,
            n,
            n_expected,
        )
    for tid, stored in enumerate(stores):
        for index, level in enumerate(engine.order):
            counts = expected[tid][index]
            for node in engine.targets[level]:
                if node not in stored:
                    n_expected = counts.get(node, 0)
                    if n_expected:
                        stored[node] = (None, 0.0, False, 0, n_expected)
    return {
        (code, period.id, key): stored
        for (code, period, key), stored in zip(tids, stores, strict=True)
    }
