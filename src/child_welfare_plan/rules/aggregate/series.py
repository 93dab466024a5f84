"""The pieces a data-value set is made of: series of values, the kinds of cell problems,
and the small helpers the checks share."""

from __future__ import annotations

from collections.abc import Mapping

from child_welfare_plan.catalogs import Catalog
from child_welfare_plan.model.cells import Cell
from child_welfare_plan.model.findings import Finding, FindingList, Location, Severity
from child_welfare_plan.model.indicators import Indicator
from child_welfare_plan.model.periods import Convention, Period, PeriodType
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.model.units import AdministrativeUnit, Hierarchy

__all__ = [
    "BOOLEAN_WORDS",
    "CACHE_LIMIT",
    "KIND_AMOUNT",
    "KIND_BOOLEAN",
    "KIND_COUNT",
    "MAX_EXACT",
    "TYPE_RANK",
    "Columns",
    "Problem",
    "Record",
    "Series",
    "Slot",
    "ValueSetState",
    "close",
    "show",
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

KIND_COUNT, KIND_AMOUNT, KIND_BOOLEAN = 0, 1, 2
"""How a series' values are read: whole numbers, amounts, yes/no."""

CACHE_LIMIT = 50_000
"""How many distinct bad cells (and rejected combinations) a value set remembers: beyond
that, a file of junk is checked cell by cell again rather than filling memory."""

MAX_EXACT = 2.0**53
"""Numbers from here up lose digits as floating-point values: such a value is refused
rather than rounded in silence."""

TYPE_RANK = {t: rank for rank, t in enumerate(PeriodType)}
"""Period types from the longest to the shortest."""


def close(a: float, b: float) -> bool:
    """Equal up to floating-point noise (sums of amounts)."""
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def show(value: float) -> str:
    """A value as a message writes it: ``12``, ``1500000.5``."""
    return str(int(value)) if value.is_integer() else repr(value)


class Series:
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

Slot = tuple[int, dict[int, float], dict[int, int], Series]
"""What a (period, indicator, disaggregation) triple of cells resolves to: the kind of
value, the series' values and rows, and the series."""

Columns = tuple[int, int, int, int | None, int]
"""Positions of ``unit, period, indicator, disaggregation, value`` in a row (no
disaggregation column: every value is a total)."""


class ValueSetState:
    """What the parts of a :class:`~child_welfare_plan.rules.aggregate.DataValueSet` share:
    the plan and catalog, the unit index, the series, and the findings."""

    plan: Plan
    catalog: Catalog
    source: str | None
    check_totals: bool
    findings: FindingList
    _tree: Hierarchy
    _convention: Convention
    _codes: list[str]
    _uid: dict[str, int]
    _area: frozenset[int]
    _leaves: tuple[int, ...]
    _reporting: dict[Cell, int]
    _bounded: dict[int, AdministrativeUnit]
    _bad_units: dict[Cell, Problem]
    _slots: dict[tuple[Cell, Cell, Cell], Slot]
    _rejected: dict[tuple[Cell, Cell, Cell], list[Problem]]
    _groups: dict[tuple[str, str], dict[str, Series]]
    _periods: dict[str, Period]
    _periods_seen: set[str]
    _known_codes: dict[str, str]
    _plan_year: Period
    _key_parts: dict[str, dict[str, str]]
    _accepted: int
    _finished: bool

    def _report(
        self, problem: Problem, row: int | None, severity: Severity = Severity.ERROR
    ) -> None:
        code, column, message = problem
        findings = self.findings
        if findings.admits(code, severity, self.source):  # counted either way; built if kept
            location = Location(file=self.source, row=row, column=column)
            list.append(findings, Finding(severity, code, message, location))
