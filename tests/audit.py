"""The disclosure auditor: a reader who computes.

A :class:`Reader` knows what a publication prints (fixed values), what its markers say (a
withheld count is at least 1), the relations between the figures (a total is the sum of
its parts; a rate is its numerator over its denominator) and that counts are not negative.
:meth:`Reader.interval` asks a linear program (HiGHS, through highspy: a test dependency)
for the smallest and the largest value a figure can take under all of that: the interval a
reader can narrow it down to. The library's own suppression never runs a linear program;
this is the check.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import highspy
import numpy as np

from child_welfare_plan.catalogs import Catalog
from child_welfare_plan.model.indicators import (
    TimeAggregation,
    ValueType,
    canonical_disaggregation,
    parse_disaggregation,
)
from child_welfare_plan.model.periods import Period, parse_period
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.rules.aggregate import DataValueSet, aggregate
from child_welfare_plan.rules.disclosure import Position, SuppressedTable
from child_welfare_plan.rules.disclosure.figures import publication_periods
from tests.published import WITHHELD, Printed, Shown

__all__ = ["Publication", "Reader", "count_table_narrow", "count_table_reader", "narrow"]

#: Slack allowed for floating-point error in the solver.
TOLERANCE = 1e-6


class Reader:
    """Unknown figures, what is known of them, and the intervals that follow."""

    def __init__(self) -> None:
        self.index: dict[Hashable, int] = {}
        self.lower: list[float] = []
        self.upper: list[float | None] = []
        self.equalities: list[tuple[dict[int, float], float]] = []
        self.inequalities: list[tuple[dict[int, float], float]] = []
        self._built: tuple[Any, ...] | None = None

    def variable(self, name: Hashable, lower: float = 0.0) -> int:
        """A figure (created at lower bound ``lower`` the first time; raised after)."""
        n = self.index.get(name)
        if n is None:
            n = self.index[name] = len(self.lower)
            self.lower.append(lower)
            self.upper.append(None)
        else:
            self.lower[n] = max(self.lower[n], lower)
        return n

    def __contains__(self, name: Hashable) -> bool:
        return name in self.index

    def fix(self, name: Hashable, value: float) -> None:
        """A figure the publication prints."""
        self._built = None
        n = self.variable(name)
        self.lower[n] = value
        self.upper[n] = value

    def at_least(self, name: Hashable, value: float) -> None:
        """A figure known to be at least ``value`` (a marker)."""
        self._built = None
        self.variable(name, value)

    def equal(self, terms: Mapping[Hashable, float], rhs: float = 0.0) -> None:
        """Σ coefficient × figure = rhs."""
        row: dict[int, float] = {}
        for name, coef in terms.items():
            n = self.variable(name)
            row[n] = row.get(n, 0.0) + coef
        self.equalities.append((row, rhs))

    def at_most(self, terms: Mapping[Hashable, float], high: float) -> None:
        """Σ coefficient × figure ≤ high (one side of a rounded rate)."""
        row: dict[int, float] = {}
        for name, coef in terms.items():
            n = self.variable(name)
            row[n] = row.get(n, 0.0) + coef
        self.inequalities.append((row, high))

    def sum_of(self, total: Hashable, parts: Iterable[Hashable]) -> None:
        """total = Σ parts."""
        terms: dict[Hashable, float] = {total: 1.0}
        for part in parts:
            terms[part] = terms.get(part, 0.0) - 1.0
        self.equal(terms)

    def _component(self, n: int) -> tuple[dict[int, int], Any]:
        """The linear program of the figures linked to figure ``n``, loaded once per
        group (figures that share no relation do not constrain each other)."""
        shape = (len(self.lower), len(self.equalities), len(self.inequalities))
        if self._built is None or self._built[0] != shape:
            parent = list(range(len(self.lower)))

            def root(i: int) -> int:
                while parent[i] != i:
                    parent[i] = parent[parent[i]]
                    i = parent[i]
                return i

            for row, _ in (*self.equalities, *self.inequalities):
                for i in row:
                    parent[root(i)] = root(next(iter(row)))
            self._built = (shape, [root(i) for i in range(len(self.lower))], {})
        _, roots, cache = self._built
        group = roots[n]
        if group not in cache:
            members = [i for i in range(len(self.lower)) if roots[i] == group]
            where = {i: j for j, i in enumerate(members)}
            rows = [(r, b, b) for r, b in self.equalities if r and roots[next(iter(r))] == group]
            rows += [
                (r, -highspy.kHighsInf, b)
                for r, b in self.inequalities
                if r and roots[next(iter(r))] == group
            ]
            columns: list[list[tuple[int, float]]] = [[] for _ in members]
            for m, (r, _, _) in enumerate(rows):
                for i, c in r.items():
                    columns[where[i]].append((m, c))
            lp = highspy.HighsLp()
            lp.num_col_ = len(members)
            lp.num_row_ = len(rows)
            lp.col_cost_ = np.zeros(len(members))
            lp.col_lower_ = np.array([self.lower[i] for i in members])
            lp.col_upper_ = np.array(
                [highspy.kHighsInf if self.upper[i] is None else self.upper[i] for i in members]
            )
            lp.row_lower_ = np.array([low for _, low, _ in rows])
            lp.row_upper_ = np.array([high for _, _, high in rows])
            start = [0]
            for column in columns:
                start.append(start[-1] + len(column))
            lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
            lp.a_matrix_.start_ = np.array(start, dtype=np.int32)
            lp.a_matrix_.index_ = np.array([m for c in columns for m, _ in c], dtype=np.int32)
            lp.a_matrix_.value_ = np.array([v for c in columns for _, v in c])
            solver = highspy.Highs()  # type: ignore[no-untyped-call]
            solver.setOptionValue("output_flag", False)
            solver.passModel(lp)
            cache[group] = (where, solver)
        return cache[group]  # type: ignore[no-any-return]

    def interval(self, name: Hashable) -> tuple[float, float]:
        """The smallest and largest value of a figure (``inf`` when unbounded)."""
        where, solver = self._component(self.index[name])
        n = where[self.index[name]]
        size = len(where)
        out: list[float] = []
        for sign in (1.0, -1.0):
            cost = np.zeros(size)
            cost[n] = sign
            solver.changeColsCost(size, np.arange(size, dtype=np.int32), cost)
            solver.run()
            status = solver.getModelStatus()
            if status == highspy.HighsModelStatus.kUnknown:  # a warm start gone wrong
                solver.clearSolver()
                solver.run()
                status = solver.getModelStatus()
            if status in (
                highspy.HighsModelStatus.kUnbounded,
                highspy.HighsModelStatus.kUnboundedOrInfeasible,
            ):
                out.append(math.inf)
            elif status != highspy.HighsModelStatus.kOptimal:
                raise AssertionError(f"the reader's linear program fails: {status}")
            else:
                out.append(sign * solver.getInfo().objective_function_value)
        return out[0], out[1]


def count_table_reader(result: SuppressedTable) -> Reader:
    """What a reader of a suppressed count table knows: every published count and total,
    the sums, and that a withheld count is at least 1."""
    table = result.table
    reader = Reader()
    for p in table.positions():
        reader.variable(p)
    for r in table.rows:
        reader.sum_of((r, None), [(r, c) for c in table.columns])
    for c in table.columns:
        reader.sum_of((None, c), [(r, c) for r in table.rows])
    reader.sum_of((None, None), [(r, c) for r in table.rows for c in table.columns])
    for p in table.positions():
        value = result.published(p)
        if value is not None:
            reader.fix(p, value)
        elif p in result.suppressed:
            reader.at_least(p, 1)
    return reader


def narrow(
    reader: Reader, names: Iterable[Hashable], level: float
) -> dict[Hashable, tuple[float, float]]:
    """The figures among ``names`` whose interval is less than ``level`` wide."""
    out: dict[Hashable, tuple[float, float]] = {}
    for name in names:
        low, high = reader.interval(name)
        if high - low < level - TOLERANCE:
            out[name] = (low, high)
    return out


def count_table_narrow(
    result: SuppressedTable, level: float
) -> dict[Position, tuple[float, float]]:
    """The withheld positions of a suppressed table narrower than ``level``."""
    reader = count_table_reader(result)
    found = narrow(reader, sorted(result.suppressed, key=repr), level)
    return {p: found[p] for p in result.suppressed if p in found}


# Publications ---------------------------------------------------------------------------


def _inside(inner: Period, outer: Period) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and inner != outer


class Publication:
    """The reader of one or several public outputs of the same data: what they print
    (:class:`~tests.published.Printed`), and every relation the figures obey (worked out
    here from the plan, the periods, the breakdowns and the ratios of the catalog, and
    kept only where the true figures satisfy it)."""

    def __init__(
        self, plan: Plan, values: DataValueSet, catalog: Catalog, k: int, level: int | None = None
    ) -> None:
        self.plan = plan
        self.catalog = catalog
        self.k = k
        self.level = k if level is None else level
        self.area = plan.area or ""
        self.problems: list[str] = []
        tree = plan.hierarchy
        units = [tree.get(self.area), *tree.descendants(self.area)]
        levels = sorted({u.level for u in units}, key=lambda lv: lv.rank)
        periods = publication_periods(plan, values.periods)
        result = aggregate(plan, values, catalog, level=levels, periods=periods)
        self.counts = {
            i.code for i in catalog.indicators if i.value_type is ValueType.COUNT and i.sensitive
        }
        self.ratios = {
            i.code: i
            for i in catalog.indicators
            if i.is_computed and (i.numerator in self.counts or i.denominator in self.counts)
        }
        self.truth: dict[tuple[str, str, str, str], float | None] = {
            (r.unit, r.period, r.indicator, r.disaggregation): r.value for r in result.rows
        }
        self.reader = Reader()
        self.rest_truth: dict[Hashable, float] = {}
        self.universe = {
            key
            for key, value in self.truth.items()
            if key[2] in self.counts and value is not None and (not key[3] or key[0] == self.area)
        }
        for key in sorted(self.universe):
            self.reader.variable(key)
        self._relations(periods)
        self.printed_keys: set[Hashable] = set()
        self.marked: set[Hashable] = set()

    # What every reader knows ------------------------------------------------------------

    def _holds(self, total: Hashable, parts: list[Hashable]) -> None:
        value = self._value(total)
        if value is not None and abs(value - sum(self._value(p) or 0 for p in parts)) < 1e-9:
            self.reader.sum_of(total, parts)

    def _value(self, name: Hashable) -> float | None:
        if name in self.rest_truth:
            return self.rest_truth[name]
        return self.truth.get(name) if isinstance(name, tuple) else None

    def _relations(self, period_ids: Iterable[str]) -> None:
        tree = self.plan.hierarchy
        periods = {p: parse_period(p, self.plan.period_convention) for p in period_ids}
        universe = self.universe
        by_rest: dict[tuple[str, str, str], list[tuple[str, str, str, str]]] = {}
        for key in universe:
            by_rest.setdefault((key[1], key[2], key[3]), []).append(key)
        # Units: a unit is the sum of its children.
        for unit, period, code, breakdown in sorted(universe):
            children = [(c.code, period, code, breakdown) for c in tree.children(unit)]
            if children and all(c in universe for c in children):
                self._holds((unit, period, code, breakdown), list(children))
        # Periods: a flow is the sum of the periods that tile it; a stock its last one.
        for unit, period, code, breakdown in sorted(universe):
            outer = periods[period]
            inner = [
                q
                for q in periods
                if _inside(periods[q], outer) and (unit, q, code, breakdown) in universe
            ]
            maximal = [q for q in inner if not any(_inside(periods[q], periods[r]) for r in inner)]
            if not maximal:
                continue
            ind = self.catalog.indicator(code)
            key = (unit, period, code, breakdown)
            if ind.time_aggregation is TimeAggregation.SUM:
                if sum(periods[q].days for q in maximal) == outer.days:
                    self._holds(key, [(unit, q, code, breakdown) for q in maximal])
            elif ind.time_aggregation is TimeAggregation.LAST:
                last = max(maximal, key=lambda q: periods[q].end)
                if periods[last].end == outer.end:
                    self._holds(key, [(unit, last, code, breakdown)])
        # Breakdowns: a value is the sum of its complete breakdown by one more dimension.
        for unit, period, code, breakdown in sorted(universe):
            parts = parse_disaggregation(breakdown)
            for dim in self.catalog.indicator(code).disaggregations:
                if dim in parts or not self.catalog.has("dimension", dim):
                    continue
                cells = [
                    (unit, period, code, canonical_disaggregation({**parts, dim: v}))
                    for v in self.catalog.dimension(dim).codes
                ]
                if all(c in universe for c in cells):
                    self._holds((unit, period, code, breakdown), list(cells))
        # Parts: the children of a whole who are not in its part.
        for ratio in self.ratios.values():
            if ratio.numerator not in self.counts or ratio.denominator not in self.counts:
                continue
            for unit, period, code, breakdown in sorted(universe):
                if code != ratio.denominator:
                    continue
                part = (unit, period, ratio.numerator, breakdown)
                whole = (unit, period, code, breakdown)
                if part in universe:
                    rest = ("rest", unit, period, ratio.numerator, breakdown)
                    truth = (self.truth[whole] or 0) - (self.truth[part] or 0)
                    if truth >= 0:
                        self.rest_truth[rest] = truth
                        self.reader.variable(rest)
                        self.reader.sum_of(whole, [part, rest])

    # What the outputs print ---------------------------------------------------------------

    def read(self, printed: Printed, label: str) -> None:
        """Add what one output prints."""
        self.problems += [f"{label}: printed twice: {c}" for c in printed.clashes]
        for key, shown in sorted(printed.figures.items(), key=lambda kv: repr(kv[0])):
            unit, period, code, breakdown = key
            part = None
            if ":" in code:
                part, code = code.split(":", 1)
                ratio = self.ratios.get(code)
                if ratio is None:
                    continue
                code = ratio.numerator if part == "numerator" else ratio.denominator  # type: ignore[assignment]
                key = (unit, period, code, breakdown)
            if code in self.counts:
                self._count(key, shown, label)
            elif code in self.ratios and part is None:
                self._ratio(key, shown, printed.precision, label)
        for target in printed.targets:
            key = (target.scope, target.period, target.indicator, "")
            if target.indicator in self.counts:
                self._count(key, target.actual, f"{label}: target {target.target}")
            elif target.indicator in self.ratios:
                self._ratio(key, target.actual, printed.precision, f"{label}: {target.target}")
            else:
                continue
            if target.actual in (WITHHELD, None) and target.status not in (
                "withheld",
                "no_data",
                "insufficient_coverage",
            ):
                self.problems.append(
                    f"{label}: target {target.target} withholds its value but prints the "
                    f"status {target.status!r}"
                )

    def _count(self, key: tuple[str, str, str, str], shown: Shown, label: str) -> None:
        if shown is None:
            if self.truth.get(key) is not None:
                self.problems.append(f"{label}: {key} printed empty but has a value")
            return
        if key not in self.universe:
            self.problems.append(f"{label}: {key} is printed but no public output may print it")
            return
        if shown == WITHHELD:
            self.reader.at_least(key, 1)
            self.marked.add(key)
            return
        value = float(shown)
        if abs(value - (self.truth[key] or 0)) > 1e-9:
            self.problems.append(f"{label}: {key} printed as {value}, not {self.truth[key]}")
        if 1 <= value < self.k:
            self.problems.append(f"{label}: {key} prints the small count {value}")
        self.reader.fix(key, value)
        self.printed_keys.add(key)

    def _ratio(
        self, key: tuple[str, str, str, str], shown: Shown, precision: float, label: str
    ) -> None:
        """A printed ratio r = factor × N / D, rounded to ± ``precision``: the reader knows
        factor·N − hi·D ≤ 0 ≤ factor·N − lo·D (D > 0), linear in the counts."""
        ratio = self.ratios[key[2]]
        if shown is None or shown == WITHHELD or ratio.denominator is None:
            return
        value = float(shown)
        slack = max(precision, abs(value) * 1e-9)
        parts: dict[str, str] = {"N": ratio.numerator or "", "D": ratio.denominator}
        names = {p: (key[0], key[1], code, key[3]) for p, code in parts.items()}
        for p, code in parts.items():
            if code in self.counts and names[p] not in self.universe:
                self.problems.append(f"{label}: ratio {key} printed from a count outside")
                return
        if not any(code in self.counts for code in parts.values()):
            return
        if all(code in self.counts for code in parts.values()):
            # A ratio of two counts of children gives both away: 91.67 % is 11 of 12 (the
            # fraction in lowest terms), which no linear program sees; the reader is
            # credited with both counts.
            known = self.truth.get(key)
            if known is None or abs(known - value) > slack + 1e-9:
                self.problems.append(f"{label}: ratio {key} printed as {value}, not {known}")
            for name in names.values():
                count = self.truth[name] or 0.0
                if 1 <= count < self.k:
                    self.problems.append(f"{label}: ratio {key} gives away the count {name}")
                self.reader.fix(name, count)
                self.printed_keys.add(name)
            return
        for bound, upper in ((value + slack, True), (value - slack, False)):
            terms: dict[Hashable, float] = {}
            constant = 0.0
            for p, coef in (("N", ratio.factor), ("D", -bound)):
                if parts[p] in self.counts:
                    terms[names[p]] = coef
                else:
                    constant += coef * (self.truth.get(names[p]) or 0.0)
            if upper:
                self.reader.at_most(terms, -constant)
            else:
                self.reader.at_most({n: -c for n, c in terms.items()}, constant)

    # The check -------------------------------------------------------------------------------

    def narrow(self) -> dict[Hashable, tuple[float, float, float | None]]:
        """Every protected figure a reader can narrow down to an interval less than the
        protection level wide: the withheld ones, the hidden differences, and the figures
        of the publication these outputs do not print, when small."""
        watch: set[Hashable] = set(self.marked)
        for name, rest in self.rest_truth.items():
            if 1 <= rest < self.k:
                watch.add(name)
        for key in self.universe - self.printed_keys:
            truth = self.truth[key]
            if truth is not None and 1 <= truth < self.k:
                watch.add(key)
        out: dict[Hashable, tuple[float, float, float | None]] = {}
        for name in sorted(watch, key=repr):
            low, high = self.reader.interval(name)
            if high - low < self.level - TOLERANCE:
                out[name] = (low, high, self._value(name))
        return out
