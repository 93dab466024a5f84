"""The checks of one cell of a data value: its unit, its number, and what its period,
indicator and breakdown resolve to (each distinct triple checked once)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from child_welfare_plan.errors import InvalidValueError, ParseError
from child_welfare_plan.errors import reason as said
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.cells import Cell, cell_text, echo, listing, width_problem
from child_welfare_plan.model.findings import Severity
from child_welfare_plan.model.indicators import (
    Indicator,
    ValueType,
    canonical_disaggregation,
    parse_disaggregation,
)
from child_welfare_plan.model.periods import Period, parse_period
from child_welfare_plan.rules.aggregate.numbers import read_number
from child_welfare_plan.rules.aggregate.series import (
    BOOLEAN_WORDS,
    CACHE_LIMIT,
    KIND_AMOUNT,
    KIND_BOOLEAN,
    KIND_COUNT,
    MAX_EXACT,
    Problem,
    Series,
    Slot,
    ValueSetState,
    show,
)

__all__ = ["FIRST_YEAR", "LAST_YEAR", "CellChecks"]

#: The years a period of a value may lie in: those the library's calendars cover.
FIRST_YEAR, LAST_YEAR = 1900, 2100


class CellChecks(ValueSetState):
    """Checks of the cells of one row against the plan and the catalog."""

    @staticmethod
    def _blank(record: Sequence[Cell]) -> bool:
        return all(cell_text(cell) == "" for cell in record)

    def _bad_width(self, record: Sequence[Cell], width: int, row: int | None) -> None:
        if record and not self._blank(record):
            self._report(("bad-row-width", "", width_problem(record, width)), row)

    def _out_of_range(self, cell: Cell, number: float, series: Series) -> Problem:
        if number - number != 0.0:
            return (
                "bad-value",
                "value",
                Message("{cell} is not a finite number", cell=echo(cell)),
            )
        if number < 0.0:
            return (
                "negative-value",
                "value",
                Message(
                    "{value} is negative (a {kind} is 0 or more)",
                    value=show(number),
                    kind=str(series.indicator.value_type),
                ),
            )
        return (
            "fractional-count",
            "value",
            Message("{value} is not a whole number (a count)", value=repr(number)),
        )

    def _active(self, uid: int, series: Series, row: int | None) -> bool:
        unit = self._bounded[uid]
        period = series.period
        if unit.active_between(period.start, period.end):
            return True
        self._report(
            (
                "unit-inactive",
                "unit",
                Message(
                    "unit {unit} ({name}) did not exist during {period} ({start} to {end})",
                    unit=unit.code,
                    name=unit.name,
                    period=period.id,
                    start=period.start,
                    end=period.end,
                ),
            ),
            row,
        )
        return False

    def _duplicate(self, series: Series, uid: int, old: float, new: float, row: int | None) -> None:
        first = series.rows.get(uid)
        what = Message(
            "unit {unit}, {period}, {indicator}",
            unit=self._codes[uid],
            period=series.period.id,
            indicator=series.indicator.code + (f", {series.key}" if series.key else ""),
        )
        if old == new:
            if first is None:
                message = Message(
                    "{what}: the same value {value} again; counted once", what=what, value=show(new)
                )
            else:
                message = Message(
                    "{what}: the same value {value} again (first given in row {first}); "
                    "counted once",
                    what=what,
                    value=show(new),
                    first=first,
                )
            self._report(("duplicate-value", "value", message), row, Severity.WARNING)
        else:
            if first is None:
                message = Message(
                    "{what}: {new} differs from {old}; the first value is kept",
                    what=what,
                    new=show(new),
                    old=show(old),
                )
            else:
                message = Message(
                    "{what}: {new} differs from {old} (first given in row {first}); the first "
                    "value is kept",
                    what=what,
                    new=show(new),
                    old=show(old),
                    first=first,
                )
            self._report(("conflicting-value", "value", message), row)

    def _lost_zeros(self, code: str) -> list[str]:
        """The units ``code`` may be without its leading zeros (``4`` for ``00004``): a
        spreadsheet drops them from a code typed as a number."""
        if not code.isascii() or not code.isdigit():
            return []
        padded = [code.zfill(n) for n in (2, 3, 5) if n > len(code)]
        return [f"{c} ({self._tree.get(c).name})" for c in padded if c in self._uid]

    def _unit(self, cell: Cell) -> int | Problem:
        cached = self._bad_units.get(cell)
        if cached is not None:
            return cached
        code = cell_text(cell)
        result: int | Problem
        if not code:
            result = ("missing-cell", "unit", Message("the unit is empty"))
        elif code in self._reporting:
            result = self._reporting[code]
            if len(self._reporting) < CACHE_LIMIT:
                self._reporting[cell] = result  # " 11074" is 11074: remember the spelling
            return result
        elif code not in self._uid:
            meant = self._lost_zeros(code)
            if meant:
                message = Message(
                    "unknown unit {code}: the plan {plan!r} has no unit with this code; did you "
                    "mean {names}? A code typed as a number loses its leading zeros: store the "
                    "unit column as text",
                    code=echo(code),
                    plan=self.plan.id,
                    names=" or ".join(meant),
                )
            else:
                message = Message(
                    "unknown unit {code}: the plan {plan!r} has no unit with this code",
                    code=echo(code),
                    plan=self.plan.id,
                )
            result = ("unknown-unit", "unit", message)
        elif self._uid[code] not in self._area:
            unit = self._tree.get(code)
            result = (
                "unit-outside-area",
                "unit",
                Message(
                    "unit {unit} ({name}) is outside the plan's area {area}",
                    unit=code,
                    name=unit.name,
                    area=self.plan.area,
                ),
            )
        else:
            unit = self._tree.get(code)
            result = (
                "not-a-reporting-unit",
                "unit",
                Message(
                    "unit {unit} ({name}) has units below it: values are reported by the units "
                    "at the bottom of the tree and rolled up from them",
                    unit=code,
                    name=unit.name,
                ),
            )
        if len(self._bad_units) < CACHE_LIMIT:
            self._bad_units[cell] = result
        return result

    @staticmethod
    def _too_large(cell: Cell) -> Problem:
        return (
            "value-too-large",
            "value",
            Message(
                "{cell} is too large to be kept exactly (2^53 and more lose digits)",
                cell=echo(cell),
            ),
        )

    def _value(self, cell: Cell, kind: int) -> float | Problem:
        """The number a cell holds, or the problem with it: the careful path for every
        cell that is not plain ASCII digits."""
        if kind == KIND_BOOLEAN:
            if isinstance(cell, bool):
                return 1.0 if cell else 0.0
            if isinstance(cell, int | float) and cell in (0, 1):
                return float(cell)
            word = unicodedata.normalize("NFC", cell_text(cell).casefold())
            if word in BOOLEAN_WORDS:
                return BOOLEAN_WORDS[word]
            return (
                "bad-boolean",
                "value",
                Message(
                    "{cell} is not a yes/no value (expected 1/0, true/false, có/không)",
                    cell=echo(cell),
                ),
            )
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            return ("missing-cell", "value", Message("the value is empty"))
        if isinstance(cell, bool):
            return ("bad-value", "value", Message("{cell} is not a number", cell=repr(cell)))
        if isinstance(cell, int):
            return self._too_large(cell) if abs(cell) >= MAX_EXACT else float(cell)
        if isinstance(cell, float):
            return cell
        return read_number(str(cell), kind)

    def _resolve(self, period: Cell, indicator: Cell, disaggregation: Cell) -> Slot | list[Problem]:
        problems: list[Problem] = []
        catalog = self.catalog
        ind: Indicator | None = None
        code = cell_text(indicator)
        if not code:
            problems.append(("missing-cell", "indicator", Message("the indicator is empty")))
        elif not catalog.has("indicator", code):
            known = self._known("indicators")
            problems.append(
                (
                    "unknown-indicator",
                    "indicator",
                    Message(
                        "unknown indicator {code} (known: {known})", code=echo(code), known=known
                    ),
                )
            )
        else:
            ind = catalog.indicator(code)
            if ind.is_computed:
                parts = " and ".join(p for p in (ind.numerator, ind.denominator) if p)
                problems.append(
                    (
                        "computed-indicator",
                        "indicator",
                        Message(
                            "{code} is a {kind} computed after aggregation from {parts}: send "
                            "those, never the {kind}",
                            code=code,
                            kind=str(ind.value_type),
                            parts=parts,
                        ),
                    )
                )
        per: Period | None = None
        text = cell_text(period)
        if not text:
            problems.append(
                (
                    "missing-period",
                    "period",
                    Message(
                        "the period is empty: every value is for a period (a stock for the "
                        "period it ends, a flow for the period it covers)"
                    ),
                )
            )
        else:
            try:
                per = parse_period(text, self._convention)
            except ParseError as exc:
                problems.append(("bad-period", "period", said(exc)))
            if per is not None and not FIRST_YEAR <= per.year <= LAST_YEAR:
                problems.append(
                    (
                        "bad-period",
                        "period",
                        Message(
                            "{period} lies outside the years the library covers ({first} to "
                            "{last})",
                            period=per.id,
                            first=str(FIRST_YEAR),
                            last=str(LAST_YEAR),
                        ),
                    )
                )
                per = None
            if per is not None and ind is not None and per.type not in ind.allowed_period_types:
                allowed = ", ".join(t.value for t in ind.allowed_period_types)
                problems.append(
                    (
                        "period-type-not-allowed",
                        "period",
                        Message(
                            "{period} is a {type} period; {indicator} is reported for {allowed} "
                            "periods",
                            period=per.id,
                            type=str(per.type),
                            indicator=ind.code,
                            allowed=allowed,
                        ),
                    )
                )
        key = ""
        text = cell_text(disaggregation)
        try:
            parts_map = parse_disaggregation(text)
        except InvalidValueError as exc:
            problems.append(("bad-disaggregation", "disaggregation", said(exc)))
        else:
            for dim, item in parts_map.items():
                if not catalog.has("dimension", dim):
                    known = self._known("dimensions")
                    problems.append(
                        (
                            "unknown-dimension",
                            "disaggregation",
                            Message(
                                "unknown dimension {code} (known: {known})",
                                code=echo(dim),
                                known=known,
                            ),
                        )
                    )
                    continue
                if ind is not None and dim not in ind.disaggregations:
                    allowed = ", ".join(ind.disaggregations) or Message("none")
                    problems.append(
                        (
                            "dimension-not-allowed",
                            "disaggregation",
                            Message(
                                "{indicator} is not broken down by {dimension!r} (its "
                                "dimensions: {allowed})",
                                indicator=ind.code,
                                dimension=dim,
                                allowed=allowed,
                            ),
                        )
                    )
                    continue
                codes = catalog.dimension(dim).codes
                if item not in codes:
                    problems.append(
                        (
                            "unknown-dimension-value",
                            "disaggregation",
                            Message(
                                "{value} is not a value of {dimension!r} (expected one of {codes})",
                                value=echo(item),
                                dimension=dim,
                                codes=", ".join(codes),
                            ),
                        )
                    )
            key = canonical_disaggregation(parts_map)
        if problems or ind is None or per is None:
            return problems
        self._key_parts.setdefault(key, parts_map)
        kind = {
            ValueType.COUNT: KIND_COUNT,
            ValueType.AMOUNT: KIND_AMOUNT,
            ValueType.BOOLEAN: KIND_BOOLEAN,
        }[ind.value_type]
        series = self._series(ind, per, key)
        return (kind, series.values, series.rows, series)

    def _known(self, what: str) -> str:
        """The codes a message lists as known, joined once per value set."""
        text = self._known_codes.get(what)
        if text is None:
            if what == "indicators":
                codes = [i.code for i in self.catalog.indicators if not i.is_computed]
            else:
                codes = [d.code for d in self.catalog.dimensions]
            text = self._known_codes[what] = listing(codes)
        return text

    def _check_period(self, period: Period, row: int | None) -> None:
        """A warning, once per period, for values of a period outside the plan's year:
        they are kept (a baseline may come from an earlier year), but said."""
        if period.id in self._periods_seen:
            return
        self._periods_seen.add(period.id)
        year = self._plan_year
        if period.end < year.start or period.start > year.end:
            self._report(
                (
                    "period-outside-plan",
                    "period",
                    Message(
                        "values for {period} lie outside the plan's year {year} ({start} to "
                        "{end}); they are kept",
                        period=period.id,
                        year=year.id,
                        start=year.start,
                        end=year.end,
                    ),
                ),
                row,
                Severity.WARNING,
            )

    def _series(self, ind: Indicator, period: Period, key: str) -> Series:
        self._periods.setdefault(period.id, period)
        group = self._groups.setdefault((ind.code, period.id), {})
        series = group.get(key)
        if series is None:
            series = group[key] = Series(ind, self._periods[period.id], key)
        return series
