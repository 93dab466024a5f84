"""The data-value set: reported values checked against a plan and a catalog, and indexed
for aggregation by integer unit ids, one dict per series."""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from child_welfare_plan.catalogs import Catalog
from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.cells import Cell
from child_welfare_plan.model.findings import FindingList, has_errors
from child_welfare_plan.model.indicators import DataValue, Indicator
from child_welfare_plan.model.periods import Period, parse_period
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.model.units import AdministrativeUnit
from child_welfare_plan.rules.aggregate.breakdowns import BreakdownChecks
from child_welfare_plan.rules.aggregate.cells import CellChecks
from child_welfare_plan.rules.aggregate.series import (
    CACHE_LIMIT,
    KIND_BOOLEAN,
    KIND_COUNT,
    MAX_EXACT,
    Columns,
    Problem,
    Record,
    Series,
    Slot,
)

__all__ = ["DataValueSet"]


class DataValueSet(CellChecks, BreakdownChecks):
    """Reported values checked against a plan and a catalog, indexed for aggregation.

    Add values with :meth:`add`, :meth:`add_value` or :meth:`extend`, then call
    :meth:`finish` (done by :func:`~child_welfare_plan.rules.aggregate.aggregate` if
    needed), which checks totals against their breakdowns. :attr:`findings` holds every
    problem found, located by ``source`` (a file name), row and column. Iterating yields the
    accepted values as :class:`~child_welfare_plan.model.DataValue` objects.

    Values are accepted for the *reporting units* of the plan's area: the units of the area
    that have no units below them (the communes of a district plan).

    ``check_totals=False`` still derives a missing total from its breakdown but leaves the
    check of given totals to the caller (a form checks its own totals, cell by cell).
    """

    def __init__(
        self,
        plan: Plan,
        catalog: Catalog,
        *,
        source: str | None = None,
        check_totals: bool = True,
    ) -> None:
        self.plan = plan
        self.catalog = catalog
        self.source = source
        self.check_totals = check_totals
        self.findings: FindingList = FindingList()
        tree = plan.hierarchy
        reused = [
            code for code in dict.fromkeys(u.code for u in tree) if len(tree.versions(code)) > 1
        ]
        if reused:
            raise InvalidValueError(
                Message(
                    "plan {plan!r} lists several units under code(s) {codes} (one after "
                    "another): figures keyed by code cannot tell them apart; keep one unit per "
                    "code in the plan and carry figures to the units of another day with "
                    "--units-as-of",
                    plan=plan.id,
                    codes=", ".join(reused),
                )
            )

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
        self._slots: dict[tuple[Cell, Cell, Cell], Slot] = {}
        self._rejected: dict[tuple[Cell, Cell, Cell], list[Problem]] = {}
        self._groups: dict[tuple[str, str], dict[str, Series]] = {}
        self._periods: dict[str, Period] = {}
        self._periods_seen: set[str] = set()
        self._known_codes: dict[str, str] = {}
        self._plan_year = parse_period(str(plan.year), plan.period_convention)
        self._key_parts: dict[str, dict[str, str]] = {"": {}}
        self._accepted = 0
        self._finished = False

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
            raise InvalidValueError(Message("DataValueSet: values cannot be added after finish()"))
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
        count_kind, boolean_kind = KIND_COUNT, KIND_BOOLEAN
        max_exact, cache_limit = MAX_EXACT, CACHE_LIMIT
        problems: list[Problem] = []  # what a rejected (period, indicator, breakdown) has
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
                if slot is None:
                    known = rejected.get(triple)
                    if known is not None:
                        problems = known
                    else:
                        found = resolve(*triple)
                        if isinstance(found, list):
                            problems = found
                            if len(rejected) < cache_limit:
                                rejected[triple] = found
                        else:
                            slot = slots[triple] = found
                            self._check_period(found[3].period, row)
                uid = reporting.get(record[iu])
                if uid is None or slot is None:
                    slow(record, resolved, slot or problems, uid, row)
                    continue
                kind, values, value_rows, series = slot
                value = record[iv]
                if (
                    kind != boolean_kind
                    and type(value) is str
                    and value.isdigit()
                    and value.isascii()
                ):
                    # Plain ASCII digits: the common case, read at once. Anything else (signs,
                    # separators, other scripts' digits, decimals) takes the careful path.
                    number = float(value)
                    if number >= max_exact:
                        self._report(self._too_large(value), row)
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
        slot: Slot | list[Problem],
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

    def carry(
        self, unit: str, indicator: Indicator, period: Period, key: str, value: float
    ) -> None:
        """Add a value checked elsewhere, with no check of its cells: a figure carried from
        the units of another day (:mod:`child_welfare_plan.rules.remap`). ``unit`` must be
        a reporting unit of the plan."""
        if self._finished:
            raise InvalidValueError(Message("DataValueSet: values cannot be added after finish()"))
        series = self._series(indicator, period, key)
        series.values[self._reporting[unit]] = value
        self._accepted += 1

    def seal(self) -> DataValueSet:
        """Finish the set without checking totals against breakdowns: for carried values,
        whose source set was checked."""
        self._finished = True
        return self

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

    def value_rows(self) -> frozenset[int]:
        """The rows the accepted values came from (every other row of a file has a
        finding: nothing is dropped in silence)."""
        return frozenset(
            row
            for group in self._groups.values()
            for series in group.values()
            for uid, row in series.rows.items()
            if uid not in series.derived
        )

    @property
    def periods(self) -> tuple[Period, ...]:
        """The periods values were given for, in order."""
        return tuple(sorted(self._periods.values()))

    def has_errors(self) -> bool:
        """True when an error-level finding was recorded."""
        return has_errors(self.findings)
