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

import math
import operator
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from child_welfare_plan.errors import CalendarError, InvalidValueError, ParseError
from child_welfare_plan.model.cells import Cell, cell_text
from child_welfare_plan.model.findings import Finding, Location, Severity
from child_welfare_plan.model.indicators import (
    DataValue,
    Indicator,
    TimeAggregation,
    UnitAggregation,
    ValueType,
    canonical_disaggregation,
    parse_disaggregation,
)
from child_welfare_plan.model.periods import Period, PeriodType, parse_period
from child_welfare_plan.model.units import AdministrativeUnit, Level
from child_welfare_plan.presentation import Presentable, presenter

if TYPE_CHECKING:
    import pandas as pd

    from child_welfare_plan.catalog import Catalog
    from child_welfare_plan.model.plan import Plan

__all__ = [
    "AGGREGATE_COLUMNS",
    "BOOLEAN_WORDS",
    "AggregateResult",
    "AggregateValue",
    "Columns",
    "DataValueSet",
    "Record",
    "aggregate",
]

Record = tuple[int | None, Cell, Cell, Cell, Cell, Cell]
"""``(row, unit, period, indicator, disaggregation, value)`` as read from a table."""

#: Words accepted for a boolean value (case and surrounding spaces ignored).
BOOLEAN_WORDS: Mapping[str, float] = {
    "1": 1.0,
    "0": 0.0,
    "true": 1.0,
    "false": 0.0,
    "có": 1.0,
    "không": 0.0,
    "co": 1.0,
    "khong": 0.0,
}

_KIND_COUNT, _KIND_AMOUNT, _KIND_BOOLEAN = 0, 1, 2
_TYPE_RANK = {t: rank for rank, t in enumerate(PeriodType)}


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _show(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


class _Series:
    """The values of one indicator, period and breakdown, by reporting-unit id."""

    __slots__ = ("derived", "indicator", "key", "period", "rows", "values")

    def __init__(self, indicator: Indicator, period: Period, key: str) -> None:
        self.indicator = indicator
        self.period = period
        self.key = key
        self.values: dict[int, float] = {}
        self.rows: dict[int, int] = {}
        self.derived: dict[int, str] = {}


Problem = tuple[str, str, str]
"""``(code, column, message)`` of a rejected cell."""

_Slot = tuple[int, dict[int, float], dict[int, int], _Series]
"""What a (period, indicator, disaggregation) triple of cells resolves to: the kind of
value, the series' values and rows, and the series."""

Columns = tuple[int, int, int, int | None, int]
"""Positions of ``unit, period, indicator, disaggregation, value`` in a row (no
disaggregation column: every value is a total)."""


class DataValueSet:
    """Reported values checked against a plan and a catalog, indexed for aggregation.

    Add values with :meth:`add`, :meth:`add_value` or :meth:`extend`, then call
    :meth:`finish` (done by :func:`aggregate` if needed), which checks totals against
    their breakdowns. :attr:`findings` holds every problem found, located by ``source``
    (a file name), row and column. Iterating yields the accepted values as
    :class:`~child_welfare_plan.model.DataValue` objects.

    Values are accepted for the *reporting units* of the plan's area: the units of the area
    that have no units below them (the communes of a district plan).
    """

    def __init__(self, plan: Plan, catalog: Catalog, *, source: str | None = None) -> None:
        self.plan = plan
        self.catalog = catalog
        self.source = source
        self.findings: list[Finding] = []
        tree = plan.hierarchy
        self._tree = tree
        self._convention = plan.period_convention
        self._codes: list[str] = [u.code for u in tree.units]
        self._uid: dict[str, int] = {code: i for i, code in enumerate(self._codes)}
        if plan.area is None:
            area_units = list(tree.units)
            leaves = [u for u in tree.units if not tree.children(u.code)]
        else:
            area_units = [tree.get(plan.area), *tree.descendants(plan.area)]
            leaves = list(tree.leaves(plan.area))
        self._area: frozenset[int] = frozenset(self._uid[u.code] for u in area_units)
        self._leaves: tuple[int, ...] = tuple(self._uid[u.code] for u in leaves)
        self._reporting: dict[Cell, int] = {u.code: self._uid[u.code] for u in leaves}
        self._bounded: dict[int, AdministrativeUnit] = {
            self._uid[u.code]: u
            for u in leaves
            if u.valid_from is not None or u.valid_to is not None
        }
        self._bad_units: dict[Cell, Problem] = {}
        self._slots: dict[tuple[Cell, Cell, Cell], _Slot] = {}
        self._rejected: dict[tuple[Cell, Cell, Cell], list[Problem]] = {}
        self._groups: dict[tuple[str, str], dict[str, _Series]] = {}
        self._periods: dict[str, Period] = {}
        self._key_parts: dict[str, dict[str, str]] = {"": {}}
        self._accepted = 0
        self._finished = False

    # -- adding values ----------------------------------------------------------------------

    def add(
        self,
        unit: Cell,
        period: Cell,
        indicator: Cell,
        value: Cell,
        disaggregation: Cell | Mapping[str, str] = "",
        *,
        row: int | None = None,
    ) -> None:
        """Check and add one value (cells as read from a file: text or numbers)."""
        if isinstance(disaggregation, Mapping):
            disaggregation = ";".join(f"{k}={v}" for k, v in disaggregation.items())
        self.extend([(row, unit, period, indicator, disaggregation, value)])

    def add_value(self, value: DataValue, *, row: int | None = None) -> None:
        """Check and add a :class:`~child_welfare_plan.model.DataValue`."""
        self.extend(
            [(row, value.unit, value.period, value.indicator, value.disaggregation, value.value)]
        )

    def extend(self, records: Iterable[Record]) -> None:
        """Check and add many ``(row, unit, period, indicator, disaggregation, value)``."""
        self.extend_rows(records, (1, 2, 3, 4, 5), row_at=0)

    def extend_rows(
        self,
        rows: Iterable[Sequence[Cell]],
        columns: Columns,
        *,
        first_row: int = 1,
        row_at: int | None = None,
        reader: Any = None,
        width: int | None = None,
    ) -> None:
        """Check and add the rows of a table: the loaders' hot path.

        ``columns`` gives the positions of the five cells. Rows are numbered from
        ``first_row``, unless a row holds its number at ``row_at`` or ``reader.line_num``
        (a :func:`csv.reader`) gives it. With ``width``, a row of another length is a
        ``bad-row-width`` finding; blank rows are skipped. Each distinct (period, indicator,
        disaggregation) is checked once; a row then costs a few dict look-ups.
        """
        if self._finished:
            raise InvalidValueError("DataValueSet: values cannot be added after finish()")
        iu, ip, ii, idis, iv = columns
        header = width
        if idis is None:
            # No disaggregation column: every value is a total (a rare, slower path).
            rows = ([*r, None] if header is None or len(r) == header else r for r in rows)
            idis = -1
            width = None if width is None else width + 1
        triple_of = operator.itemgetter(ip, ii, idis)
        resolved: Columns = (iu, ip, ii, idis, iv)
        slots = self._slots
        rejected = self._rejected
        reporting = self._reporting
        bounded = self._bounded
        resolve = self._resolve
        slow = self._slow_row
        count_kind, boolean_kind = _KIND_COUNT, _KIND_BOOLEAN
        accepted = 0
        try:
            for row, record in enumerate(rows, first_row):
                if row_at is not None:
                    row = record[row_at]  # type: ignore[assignment]
                elif reader is not None:
                    row = reader.line_num
                if width is not None and len(record) != width:
                    self._bad_width(record, header or width, row)
                    continue
                triple = triple_of(record)
                slot = slots.get(triple)
                if slot is None and triple not in rejected:
                    found = resolve(*triple)
                    if isinstance(found, list):
                        rejected[triple] = found
                    else:
                        slot = slots[triple] = found
                uid = reporting.get(record[iu])
                if uid is None or slot is None:
                    slow(record, resolved, slot or rejected[triple], uid, row)
                    continue
                kind, values, value_rows, series = slot
                value = record[iv]
                if kind != boolean_kind and type(value) is str:
                    try:
                        number = float(value)
                    except ValueError:
                        self._report(self._unreadable(value), row)
                        continue
                else:
                    parsed = self._value(value, kind)
                    if isinstance(parsed, tuple):
                        self._report(parsed, row)
                        continue
                    number = parsed
                if kind == count_kind:
                    if number < 0.0 or not number.is_integer():
                        self._report(self._out_of_range(value, number, series), row)
                        continue
                elif number - number != 0.0 or number < 0.0:
                    self._report(self._out_of_range(value, number, series), row)
                    continue
                if bounded and uid in bounded and not self._active(uid, series, row):
                    continue
                if uid in values:
                    self._duplicate(series, uid, values[uid], number, row)
                else:
                    values[uid] = number
                    if row is not None:
                        value_rows[uid] = row
                    accepted += 1
        finally:
            self._accepted += accepted

    def _slow_row(
        self,
        record: Sequence[Cell],
        columns: Columns,
        slot: _Slot | list[Problem],
        uid: int | None,
        row: int,
    ) -> None:
        """A row whose unit or (period, indicator, disaggregation) is not plainly good."""
        if uid is None:
            if self._blank(record):
                return
            found = self._unit(record[columns[0]])
            if isinstance(found, tuple):
                self._report(found, row)
            else:
                uid = found
        if isinstance(slot, list):
            for problem in slot:
                self._report(problem, row)
            return
        if uid is not None:
            # The unit cell was written another way (" 11074", 11074): now known, add the row.
            self.extend_rows([record], columns, first_row=row)

    @staticmethod
    def _blank(record: Sequence[Cell]) -> bool:
        return all(cell_text(cell) == "" for cell in record)

    def _bad_width(self, record: Sequence[Cell], width: int, row: int | None) -> None:
        if record and not self._blank(record):
            self._report(
                (
                    "bad-row-width",
                    "",
                    f"the row has {len(record)} cells but the header has {width} columns",
                ),
                row,
            )

    def _out_of_range(self, cell: Cell, number: float, series: _Series) -> Problem:
        if number - number != 0.0:
            return ("bad-value", "value", f"{cell!r} is not a finite number")
        if number < 0.0:
            return (
                "negative-value",
                "value",
                f"{_show(number)} is negative (a {series.indicator.value_type} is 0 or more)",
            )
        return ("fractional-count", "value", f"{number!r} is not a whole number (a count)")

    def _active(self, uid: int, series: _Series, row: int | None) -> bool:
        unit = self._bounded[uid]
        period = series.period
        if unit.active_between(period.start, period.end):
            return True
        self._report(
            (
                "unit-inactive",
                "unit",
                f"unit {unit.code} ({unit.name}) did not exist during {period.id} "
                f"({period.start.isoformat()} to {period.end.isoformat()})",
            ),
            row,
        )
        return False

    def _report(
        self, problem: Problem, row: int | None, severity: Severity = Severity.ERROR
    ) -> None:
        code, column, message = problem
        self.findings.append(
            Finding(severity, code, message, Location(file=self.source, row=row, column=column))
        )

    def _duplicate(
        self, series: _Series, uid: int, old: float, new: float, row: int | None
    ) -> None:
        first = series.rows.get(uid)
        where = f" (first given in row {first})" if first is not None else ""
        what = f"unit {self._codes[uid]}, {series.period.id}, {series.indicator.code}" + (
            f", {series.key}" if series.key else ""
        )
        if old == new:
            self._report(
                (
                    "duplicate-value",
                    "value",
                    f"{what}: the same value {_show(new)} again{where}; counted once",
                ),
                row,
                Severity.WARNING,
            )
        else:
            self._report(
                (
                    "conflicting-value",
                    "value",
                    f"{what}: {_show(new)} differs from {_show(old)}"
                    f"{where}; the first value is kept",
                ),
                row,
            )

    def _unit(self, cell: Cell) -> int | Problem:
        cached = self._bad_units.get(cell)
        if cached is not None:
            return cached
        code = cell_text(cell)
        result: int | Problem
        if not code:
            result = ("missing-cell", "unit", "the unit is empty")
        elif code in self._reporting:
            result = self._reporting[code]
            self._reporting[cell] = result
            return result
        elif code not in self._uid:
            result = (
                "unknown-unit",
                "unit",
                f"unknown unit {code!r}: the plan {self.plan.id!r} has no unit with this code",
            )
        elif self._uid[code] not in self._area:
            unit = self._tree.get(code)
            result = (
                "unit-outside-area",
                "unit",
                f"unit {code} ({unit.name}) is outside the plan's area {self.plan.area}",
            )
        else:
            unit = self._tree.get(code)
            result = (
                "not-a-reporting-unit",
                "unit",
                f"unit {code} ({unit.name}) has units "
                "below it: values are reported by the units at the bottom of the tree "
                "and rolled up from them",
            )
        self._bad_units[cell] = result
        return result

    @staticmethod
    def _unreadable(text: str) -> Problem:
        if not text.strip():
            return ("missing-cell", "value", "the value is empty")
        return ("bad-value", "value", f"{text!r} is not a number")

    def _value(self, cell: Cell, kind: int) -> float | Problem:
        if kind == _KIND_BOOLEAN:
            if isinstance(cell, bool):
                return 1.0 if cell else 0.0
            word = unicodedata.normalize("NFC", cell_text(cell).casefold())
            if word in BOOLEAN_WORDS:
                return BOOLEAN_WORDS[word]
            try:
                number = float(word)
            except ValueError:
                number = -1.0
            if number in (0.0, 1.0):
                return number
            return (
                "bad-boolean",
                "value",
                f"{cell!r} is not a yes/no value (expected 1/0, true/false, có/không)",
            )
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            return ("missing-cell", "value", "the value is empty")
        if isinstance(cell, bool):
            return ("bad-value", "value", f"{cell!r} is not a number")
        try:
            return float(cell)
        except (TypeError, ValueError):
            return ("bad-value", "value", f"{cell!r} is not a number")

    def _resolve(
        self, period: Cell, indicator: Cell, disaggregation: Cell
    ) -> _Slot | list[Problem]:
        problems: list[Problem] = []
        catalog = self.catalog
        ind: Indicator | None = None
        code = cell_text(indicator)
        if not code:
            problems.append(("missing-cell", "indicator", "the indicator is empty"))
        elif not catalog.has("indicator", code):
            known = ", ".join(i.code for i in catalog.indicators if not i.is_computed)
            problems.append(
                ("unknown-indicator", "indicator", f"unknown indicator {code!r} (known: {known})")
            )
        else:
            ind = catalog.indicator(code)
            if ind.is_computed:
                parts = " and ".join(p for p in (ind.numerator, ind.denominator) if p)
                problems.append(
                    (
                        "computed-indicator",
                        "indicator",
                        f"{code} is a {ind.value_type} computed after aggregation "
                        f"from {parts}: send those, never the {ind.value_type}",
                    )
                )
        per: Period | None = None
        text = cell_text(period)
        if not text:
            problems.append(
                (
                    "missing-period",
                    "period",
                    "the period is empty: every value is for a period (a stock for "
                    "the period it ends, a flow for the period it covers)",
                )
            )
        else:
            try:
                per = parse_period(text, self._convention)
            except ParseError as exc:
                problems.append(("bad-period", "period", str(exc)))
            if per is not None and ind is not None and per.type not in ind.allowed_period_types:
                allowed = ", ".join(t.value for t in ind.allowed_period_types)
                problems.append(
                    (
                        "period-type-not-allowed",
                        "period",
                        f"{per.id} is a {per.type} period; {ind.code} is reported "
                        f"for {allowed} periods",
                    )
                )
        key = ""
        text = cell_text(disaggregation)
        try:
            parts_map = parse_disaggregation(text)
        except InvalidValueError as exc:
            problems.append(("bad-disaggregation", "disaggregation", str(exc)))
        else:
            for dim, item in parts_map.items():
                if not catalog.has("dimension", dim):
                    known = ", ".join(d.code for d in catalog.dimensions)
                    problems.append(
                        (
                            "unknown-dimension",
                            "disaggregation",
                            f"unknown dimension {dim!r} (known: {known})",
                        )
                    )
                    continue
                if ind is not None and dim not in ind.disaggregations:
                    allowed = ", ".join(ind.disaggregations) or "none"
                    problems.append(
                        (
                            "dimension-not-allowed",
                            "disaggregation",
                            f"{ind.code} is not broken down by {dim!r} (its dimensions: {allowed})",
                        )
                    )
                    continue
                codes = catalog.dimension(dim).codes
                if item not in codes:
                    problems.append(
                        (
                            "unknown-dimension-value",
                            "disaggregation",
                            f"{item!r} is not a value of {dim!r} "
                            f"(expected one of {', '.join(codes)})",
                        )
                    )
            key = canonical_disaggregation(parts_map)
            self._key_parts.setdefault(key, parts_map)
        if problems or ind is None or per is None:
            return problems
        kind = {
            ValueType.COUNT: _KIND_COUNT,
            ValueType.AMOUNT: _KIND_AMOUNT,
            ValueType.BOOLEAN: _KIND_BOOLEAN,
        }[ind.value_type]
        series = self._series(ind, per, key)
        return (kind, series.values, series.rows, series)

    def _series(self, ind: Indicator, period: Period, key: str) -> _Series:
        self._periods.setdefault(period.id, period)
        group = self._groups.setdefault((ind.code, period.id), {})
        series = group.get(key)
        if series is None:
            series = group[key] = _Series(ind, self._periods[period.id], key)
        return series

    # -- breakdowns -------------------------------------------------------------------------

    def finish(self) -> DataValueSet:
        """Check every total against its breakdowns and derive missing totals (once)."""
        if not self._finished:
            self._finished = True
            for group in list(self._groups.values()):
                self._check_breakdowns(group)
        return self

    def _parts(self, key: str) -> dict[str, str]:
        parts = self._key_parts.get(key)
        if parts is None:
            parts = self._key_parts[key] = parse_disaggregation(key)
        return parts

    def _check_breakdowns(self, group: dict[str, _Series]) -> None:
        ind = next(iter(group.values())).indicator
        if not ind.is_additive or not ind.disaggregations:
            return
        candidates: dict[str, dict[str, str]] = {}
        stack = list(group)
        while stack:
            key = stack.pop()
            if key in candidates:
                continue
            parts = self._parts(key)
            candidates[key] = parts
            for dim in parts:
                stack.append(canonical_disaggregation({k: v for k, v in parts.items() if k != dim}))
        period = next(iter(group.values())).period
        for key in sorted(candidates, key=lambda k: (-len(candidates[k]), k)):
            parts = candidates[key]
            parent = group.get(key)
            for dim in ind.disaggregations:
                if dim in parts:
                    continue
                cells = [
                    group.get(canonical_disaggregation({**parts, dim: value}))
                    for value in self.catalog.dimension(dim).codes
                ]
                children = [c for c in cells if c is not None]
                if len(children) != len(cells) or not children:
                    continue
                if parent is None:
                    parent = _Series(ind, period, key)
                self._compare(parent, dim, children)
            if parent is not None and key not in group and parent.values:
                group[key] = parent

    def _compare(self, parent: _Series, dim: str, children: list[_Series]) -> None:
        """Check (or derive) ``parent`` against the sum of ``children``, unit by unit, for
        the units that have every child; the sums are column-wise, in C, when possible."""
        totals = parent.values
        maps = [c.values for c in children]
        smallest = min(maps, key=len)
        if all(m.keys() == smallest.keys() for m in maps):
            units = list(smallest)
        else:
            units = [u for u in smallest if all(u in m for m in maps)]
        if not units:
            return
        columns = [list(map(m.__getitem__, units)) for m in maps]
        sums = list(map(math.fsum, zip(*columns, strict=True)))
        if not totals:
            totals.update(zip(units, sums, strict=True))
            parent.derived.update(dict.fromkeys(units, dim))
            return
        given = list(map(totals.get, units))
        if given == sums:
            return
        for uid, reported, total in zip(units, given, sums, strict=True):
            if reported is None:
                totals[uid] = total
                parent.derived[uid] = dim
            elif reported != total and not _close(reported, total):
                self._mismatch(parent, dim, children, uid, reported, total)

    def _mismatch(
        self,
        parent: _Series,
        dim: str,
        children: list[_Series],
        uid: int,
        given: float,
        total: float,
    ) -> None:
        rows = [c.rows[uid] for c in children if uid in c.rows]
        shown = ", ".join(str(r) for r in rows[:20]) + (", …" if len(rows) > 20 else "")
        where = f" (rows {shown})" if rows else ""
        what = f"unit {self._codes[uid]}, {parent.period.id}, {parent.indicator.code}"
        label = f"the value for {parent.key}" if parent.key else "the total"
        if uid in parent.derived:
            message = (
                f"{what}: the breakdown by {parent.derived[uid]} adds up to {_show(given)} "
                f"but the breakdown by {dim} adds up to {_show(total)}{where}"
            )
            row = rows[0] if rows else None
        else:
            message = (
                f"{what}: {label} {_show(given)} disagrees with the sum {_show(total)} of its "
                f"breakdown by {dim}{where}"
            )
            row = parent.rows.get(uid)
        self._report(("total-mismatch", "value", message), row)

    # -- reading back -----------------------------------------------------------------------

    def __len__(self) -> int:
        """The number of values accepted (derived totals not counted)."""
        return self._accepted

    def __iter__(self) -> Iterator[DataValue]:
        """The accepted values (not the derived totals), as DataValue objects."""
        for group in self._groups.values():
            for series in group.values():
                for uid, value in series.values.items():
                    if uid not in series.derived:
                        yield DataValue(
                            unit=self._codes[uid],
                            period=series.period.id,
                            indicator=series.indicator.code,
                            disaggregation=series.key,
                            value=value,
                        )

    @property
    def periods(self) -> tuple[Period, ...]:
        """The periods values were given for, in order."""
        return tuple(sorted(self._periods.values()))

    def has_errors(self) -> bool:
        """True when an error-level finding was recorded."""
        return any(f.severity is Severity.ERROR for f in self.findings)


# -- results ---------------------------------------------------------------------------------

#: The columns of :attr:`AggregateResult.rows`, the fields of :class:`AggregateValue`.
AGGREGATE_COLUMNS = (
    "unit",
    "level",
    "period",
    "indicator",
    "disaggregation",
    "value",
    "coverage",
    "complete",
    "reported",
    "expected",
    "reason",
    "numerator",
    "denominator",
    "share",
)
_ALWAYS = AGGREGATE_COLUMNS[:11]
_FRACTION_PARTS = AGGREGATE_COLUMNS[:13]

Row = tuple[Any, ...]
"""A row of :attr:`AggregateResult.rows`, in :data:`AGGREGATE_COLUMNS` order."""


def _number(value: float | None, whole: bool) -> float | int | None:
    if value is None:
        return None
    if whole and value.is_integer():
        return int(value)
    return value


@attrs.frozen(kw_only=True)
class AggregateValue:
    """One rolled-up figure: a unit's value of an indicator for a period and breakdown.

    ``coverage`` is the share of the expected reporting units that reported (0..1) and
    ``complete`` says that all of them reported the whole period; ``reported`` and
    ``expected`` are those numbers of units. ``value`` is None when it is undefined (no unit
    reported, a zero denominator), with ``reason`` saying why. A ratio or a share carries
    its ``numerator`` and ``denominator``; a boolean carries the ``share`` (0..1) of the
    reporting units where it is true.
    """

    unit: str
    level: Level = attrs.field(converter=Level)
    period: str
    indicator: str
    disaggregation: str = ""
    value: float | None
    coverage: float
    complete: bool
    reported: int
    expected: int
    reason: str | None = None
    numerator: float | None = None
    denominator: float | None = None
    share: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (design §7) with every extra key."""
        out = {name: getattr(self, name) for name in AGGREGATE_COLUMNS}
        out["level"] = self.level.value
        return out


@attrs.frozen
class AggregateResult(Presentable):
    """What :func:`aggregate` returns: the rolled-up values and every finding.

    ``rows`` holds the values as plain tuples in :data:`AGGREGATE_COLUMNS` order (cheap at
    national scale); :attr:`values` gives them as :class:`AggregateValue` objects.
    ``computed`` and ``booleans`` name the ratio/share and the boolean indicators, whose
    rows carry ``numerator``/``denominator`` and ``share`` in :meth:`to_dict`.
    """

    plan: str
    rows: tuple[Row, ...] = attrs.field(repr=False)
    findings: tuple[Finding, ...] = ()
    periods: tuple[str, ...] = ()
    levels: tuple[Level, ...] = ()
    computed: frozenset[str] = frozenset()
    booleans: frozenset[str] = frozenset()
    _values: tuple[AggregateValue, ...] | None = attrs.field(
        default=None, init=False, eq=False, repr=False
    )
    _index: dict[tuple[str, str, str, str], Row] | None = attrs.field(
        default=None, init=False, eq=False, repr=False
    )

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[AggregateValue]:
        return iter(self.values)

    @property
    def values(self) -> tuple[AggregateValue, ...]:
        """Every value, as :class:`AggregateValue` objects (built on first use)."""
        if self._values is None:
            built = tuple(
                AggregateValue(**dict(zip(AGGREGATE_COLUMNS, row, strict=True)))
                for row in self.rows
            )
            object.__setattr__(self, "_values", built)
        assert self._values is not None
        return self._values

    def get(
        self, unit: str, period: str, indicator: str, disaggregation: str = ""
    ) -> AggregateValue | None:
        """The value for a unit, period, indicator and breakdown (canonical string), if any."""
        if self._index is None:
            index = {(r[0], r[2], r[3], r[4]): r for r in self.rows}
            object.__setattr__(self, "_index", index)
        assert self._index is not None
        row = self._index.get((unit, period, indicator, disaggregation))
        if row is None:
            return None
        return AggregateValue(**dict(zip(AGGREGATE_COLUMNS, row, strict=True)))

    def has_errors(self) -> bool:
        """True when an error-level finding remains."""
        return any(f.severity is Severity.ERROR for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``cwp aggregate`` (design §7): ``{"plan", "values", "findings"}``;
        each value has the keys of design §7 with ``reported``, ``expected`` and ``reason``,
        a ratio or share adds ``numerator`` and ``denominator``, a boolean ``share``."""
        computed, booleans = self.computed, self.booleans
        out = []
        for row in self.rows:
            if row[3] in computed:
                out.append(dict(zip(_FRACTION_PARTS, row, strict=False)))
            elif row[3] in booleans:
                item = dict(zip(_ALWAYS, row, strict=False))
                item["share"] = row[13]
                out.append(item)
            else:
                out.append(dict(zip(_ALWAYS, row, strict=False)))
        return {
            "plan": self.plan,
            "values": out,
            "findings": [f.to_dict() for f in self.findings],
        }

    def to_pandas(self) -> pd.DataFrame:
        """The values as a pandas DataFrame, one row per value (needs pandas)."""
        frame: pd.DataFrame = presenter().frames(self)
        return frame


# -- aggregation -----------------------------------------------------------------------------


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
        catalog: the indicators (default: the national catalog merged with plugins').
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
        from child_welfare_plan.api import catalog as merged_catalog

        catalog = merged_catalog()
    if isinstance(values, DataValueSet):
        data = values
    else:
        data = DataValueSet(plan, catalog)
        data.extend(
            (n, v.unit, v.period, v.indicator, v.disaggregation, v.value)
            for n, v in enumerate(values, start=1)
        )
    data.finish()
    engine = _Engine(plan, data, catalog, _levels(plan, level), _periods(plan, data, periods))
    return engine.run()


def _levels(plan: Plan, level: Level | str | Sequence[Level | str] | None) -> tuple[Level, ...]:
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
                f"aggregate level {item!r} is not known (expected one of {known})"
            ) from None
        if chosen.rank < top.rank:
            raise InvalidValueError(
                f"aggregate level {chosen} is above the plan's area {plan.area} ({top}): "
                "a plan's data rolls up to its own area at most"
            )
        if chosen not in out:
            out.append(chosen)
    return tuple(sorted(out, key=lambda lv: lv.rank))


def _periods(
    plan: Plan, data: DataValueSet, periods: Sequence[Period | str] | None
) -> tuple[Period, ...]:
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
                    raise InvalidValueError(str(exc)) from None
            found.setdefault(period.id, period)
    return tuple(sorted(found.values(), key=_period_order))


def _period_order(period: Period) -> tuple[Any, ...]:
    """Shorter periods before the longer ones that end with them: S1, S2, then the year."""
    return (period.end, _TYPE_RANK[period.type], period.start)


Stored = tuple[float | None, float, bool, int, int]
"""``(value, coverage, complete, reported, expected)`` of a node."""


class _Stage:
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


_COMBINE: dict[UnitAggregation, Any] = {
    UnitAggregation.SUM: math.fsum,
    UnitAggregation.AVERAGE: math.fsum,
    UnitAggregation.NONE: math.fsum,
    UnitAggregation.MAX: max,
    UnitAggregation.MIN: min,
}


class _Engine:
    """The roll-up of one DataValueSet: over time per unit, then up the tree by level."""

    def __init__(
        self,
        plan: Plan,
        data: DataValueSet,
        catalog: Catalog,
        levels: tuple[Level, ...],
        periods: tuple[Period, ...],
    ) -> None:
        self.plan = plan
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
        self.rows: list[Row] = []
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
        by_indicator: dict[str, dict[str, dict[str, _Series]]] = {}
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
            findings=(*self.data.findings, *self.findings),
            periods=tuple(p.id for p in self.periods),
            levels=self.levels,
            computed=frozenset(i.code for i in indicators if i.is_computed),
            booleans=frozenset(i.code for i in indicators if i.value_type is ValueType.BOOLEAN),
        )

    # -- over time --------------------------------------------------------------------------

    def aggregate_indicator(
        self, ind: Indicator, period: Period, groups: dict[str, dict[str, _Series]]
    ) -> None:
        known = self.data._periods
        inside = [
            known[pid]
            for pid in groups
            if period.start <= known[pid].start
            and known[pid].end <= period.end
            and known[pid].convention is period.convention
        ]
        if not inside:
            return
        keys = {key for p in inside for key, series in groups[p.id].items() if series.values}
        for key in keys:
            parts = [(p, groups[p.id][key]) for p in inside if key in groups[p.id]]
            over_time = self.over_time(ind, period, [(p, s) for p, s in parts if s.values])
            if over_time is not None:
                self.over_units(ind, period, key, *over_time)

    def over_time(
        self, ind: Indicator, period: Period, parts: list[tuple[Period, _Series]]
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
        for kind in sorted(by_type, key=lambda t: -_TYPE_RANK[t]):
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
                f"{ind.code} for {period.id}: values were sent both for periods of different "
                "lengths inside it; for each unit the longest period it sent is used",
            )
        )

    # -- over units -------------------------------------------------------------------------

    def over_units(
        self,
        ind: Indicator,
        period: Period,
        key: str,
        values: dict[int, float],
        fractions: dict[int, float],
    ) -> None:
        how = ind.unit_aggregation
        combine = _COMBINE[how]
        stored: dict[int, Stored] = self.store.setdefault((ind.code, period.id, key), {})
        expected = self.expected(period)
        complete_input = len(values) == len(self.leaves)
        stage: _Stage | None = None
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
    ) -> _Stage:
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
        return _Stage(value, count, missing, partial)

    @staticmethod
    def next_stage(step: list[tuple[int, list[int]]], stage: _Stage, combine: Any) -> _Stage:
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
        return _Stage(value, count, missing, partial)

    # -- rows -------------------------------------------------------------------------------

    def sort_keys(self, ind: Indicator, keys: Iterable[str]) -> list[str]:
        """Breakdowns in catalog order: the total, then by one dimension, then by two..."""
        dims = ind.disaggregations
        catalog = self.catalog

        def order(key: str) -> tuple[int, list[tuple[int, int]], str]:
            parts = self.data._parts(key)
            places = []
            for dim, item in parts.items():
                codes = catalog.dimension(dim).codes if catalog.has("dimension", dim) else ()
                places.append(
                    (
                        dims.index(dim) if dim in dims else len(dims),
                        codes.index(item) if item in codes else len(codes),
                    )
                )
            return (len(parts), sorted(places), key)

        return sorted(keys, key=order)

    def emit(self) -> None:
        keys_by: dict[tuple[str, str], list[str]] = {}
        for ind_code, period_id, key in self.store:
            keys_by.setdefault((ind_code, period_id), []).append(key)
        levels = sorted(self.levels, key=lambda lv: lv.rank)
        for period in self.periods:
            for ind in self.catalog.indicators:
                if ind.value_type is ValueType.RATIO:
                    self.emit_ratio(ind, period, keys_by, levels)
                elif ind.value_type is ValueType.SHARE:
                    self.emit_share(ind, period, keys_by, levels)
                else:
                    self.emit_plain(ind, period, keys_by, levels)

    def emit_plain(
        self,
        ind: Indicator,
        period: Period,
        keys_by: dict[tuple[str, str], list[str]],
        levels: list[Level],
    ) -> None:
        keys = keys_by.get((ind.code, period.id))
        if not keys:
            return
        codes = self.data._codes
        whole = ind.value_type is not ValueType.AMOUNT
        boolean = ind.value_type is ValueType.BOOLEAN
        period_id, code = period.id, ind.code
        append = self.rows.append
        for key in self.sort_keys(ind, keys):
            nodes = self.store[(code, period_id, key)]
            for level in levels:
                level_name = level.value
                for node in self.targets[level]:
                    item = nodes.get(node)
                    if item is None:
                        continue
                    value, coverage, complete, n, n_expected = item
                    reason = None
                    share = None
                    if value is None:
                        reason = (
                            "no reporting unit sent a value"
                            if n == 0
                            else "the indicator does not aggregate over units"
                        )
                    elif boolean:
                        share = value / n
                    if whole and value is not None and value.is_integer():
                        value = int(value)
                    append(
                        (
                            codes[node],
                            level_name,
                            period_id,
                            code,
                            key,
                            value,
                            coverage,
                            complete,
                            n,
                            n_expected,
                            reason,
                            None,
                            None,
                            share,
                        )
                    )

    def computed_keys(
        self, ind: Indicator, period: Period, keys_by: dict[tuple[str, str], list[str]]
    ) -> list[str]:
        """The breakdowns of a ratio or share: its numerator's, within its own dimensions."""
        assert ind.numerator is not None
        allowed = set(ind.disaggregations)
        return [
            key
            for key in keys_by.get((ind.numerator, period.id), ())
            if set(self.data._parts(key)) <= allowed
        ]

    def emit_ratio(
        self,
        ind: Indicator,
        period: Period,
        keys_by: dict[tuple[str, str], list[str]],
        levels: list[Level],
    ) -> None:
        assert ind.numerator is not None and ind.denominator is not None
        keys = self.computed_keys(ind, period, keys_by)
        codes = self.data._codes
        period_id = period.id
        for key in self.sort_keys(ind, keys):
            top = self.store[(ind.numerator, period_id, key)]
            bottom = self.store.get((ind.denominator, period_id, key), {})
            for level in levels:
                for node in self.targets[level]:
                    num = top.get(node)
                    if num is None:
                        continue
                    den = bottom.get(node)
                    num_value = num[0]
                    den_value = den[0] if den is not None else None
                    value: float | None = None
                    reason: str | None = None
                    if num_value is None:
                        reason = f"the numerator {ind.numerator} has no value"
                    elif den_value is None:
                        reason = f"the denominator {ind.denominator} has no value"
                    elif den_value == 0:
                        reason = f"the denominator {ind.denominator} is zero"
                    else:
                        value = num_value / den_value * ind.factor
                    self.rows.append(
                        (
                            codes[node],
                            level.value,
                            period_id,
                            ind.code,
                            key,
                            value,
                            min(num[1], den[1]) if den is not None else 0.0,
                            bool(num[2] and den is not None and den[2]),
                            min(num[3], den[3]) if den is not None else 0,
                            num[4],
                            reason,
                            _number(num_value, True),
                            _number(den_value, True),
                            None,
                        )
                    )

    def emit_share(
        self,
        ind: Indicator,
        period: Period,
        keys_by: dict[tuple[str, str], list[str]],
        levels: list[Level],
    ) -> None:
        assert ind.numerator is not None
        keys = self.computed_keys(ind, period, keys_by)
        codes = self.data._codes
        period_id = period.id
        for key in self.sort_keys(ind, keys):
            nodes = self.store[(ind.numerator, period_id, key)]
            for level in levels:
                for node in self.targets[level]:
                    item = nodes.get(node)
                    if item is None:
                        continue
                    true_count, coverage, complete, n, n_expected = item
                    value = None
                    reason = None
                    if true_count is None or n == 0:
                        reason = "no reporting unit sent a value"
                    else:
                        value = true_count / n * ind.factor
                    self.rows.append(
                        (
                            codes[node],
                            level.value,
                            period_id,
                            ind.code,
                            key,
                            value,
                            coverage,
                            complete,
                            n,
                            n_expected,
                            reason,
                            _number(true_count, True),
                            n if n else None,
                            None,
                        )
                    )
