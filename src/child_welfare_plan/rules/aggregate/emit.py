"""The rows of an aggregation: plain values, and ratios and shares computed from their
aggregated parts (never by averaging ratios)."""

from __future__ import annotations

from collections.abc import Iterable

from child_welfare_plan.catalogs import Catalog
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.indicators import Indicator, ValueType
from child_welfare_plan.model.periods import Period
from child_welfare_plan.model.units import Level
from child_welfare_plan.rules.aggregate.results import AggregateRow, number
from child_welfare_plan.rules.aggregate.values import DataValueSet

__all__ = ["Emitter", "Stored"]

Stored = tuple[float | None, float, bool, int, int]
"""``(value, coverage, complete, reported, expected)`` of a node."""

_NO_VALUE = Message("no reporting unit sent a value")
"""Why a node has no value when no unit under it reported."""


class Emitter:
    """Writes the engine's stored aggregates as rows, in catalog and tree order."""

    catalog: Catalog
    data: DataValueSet
    periods: tuple[Period, ...]
    levels: tuple[Level, ...]
    targets: dict[Level, list[int]]
    store: dict[tuple[str, str, str], dict[int, Stored]]
    rows: list[AggregateRow]

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
        """Every stored aggregate as rows: by period, indicator (catalog order), breakdown,
        level (highest first) and unit (code order)."""
        keys_by: dict[tuple[str, str], list[str]] = {}
        for ind_code, period_id, key in self.store:
            keys_by.setdefault((ind_code, period_id), []).append(key)
        levels = sorted(self.levels, key=lambda lv: lv.rank)
        for period in self.periods:
            for ind in self.catalog.indicators:
                if ind.is_computed:
                    self.emit_computed(ind, period, keys_by, levels)
                else:
                    self.emit_plain(ind, period, keys_by, levels)

    def emit_plain(
        self,
        ind: Indicator,
        period: Period,
        keys_by: dict[tuple[str, str], list[str]],
        levels: list[Level],
    ) -> None:
        """The rows of a count, an amount or a yes/no indicator (with its share)."""
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
                            _NO_VALUE
                            if n == 0
                            else Message("the indicator does not aggregate over units")
                        )
                    elif boolean:
                        share = value / n
                    if whole and value is not None and value.is_integer():
                        value = int(value)
                    append(
                        AggregateRow(
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

    def emit_computed(
        self,
        ind: Indicator,
        period: Period,
        keys_by: dict[tuple[str, str], list[str]],
        levels: list[Level],
    ) -> None:
        """The rows of a ratio (numerator / denominator × factor) or a share (units where a
        yes/no indicator is true / units that reported × factor), from aggregated parts."""
        assert ind.numerator is not None
        codes = self.data._codes
        period_id = period.id
        for key in self.sort_keys(ind, self.computed_keys(ind, period, keys_by)):
            top = self.store[(ind.numerator, period_id, key)]
            bottom = (
                self.store.get((ind.denominator, period_id, key), {})
                if ind.denominator is not None
                else None
            )
            for level in levels:
                for node in self.targets[level]:
                    num = top.get(node)
                    if num is None:
                        continue
                    cell = (
                        _share(ind, num) if bottom is None else _ratio(ind, num, bottom.get(node))
                    )
                    self.rows.append(
                        AggregateRow(codes[node], level.value, period_id, ind.code, key, *cell)
                    )


_Cell = tuple[
    float | None, float, bool, int, int, str | None, float | int | None, float | int | None, None
]
"""The fields of a computed row after its key: value, coverage, complete, reported,
expected, reason, numerator, denominator, share."""


def _ratio(ind: Indicator, num: Stored, den: Stored | None) -> _Cell:
    num_value = num[0]
    den_value = den[0] if den is not None else None
    value: float | None = None
    reason: str | None = None
    if num_value is None:
        reason = Message("the numerator {code} has no value", code=ind.numerator)
    elif den_value is None:
        reason = Message("the denominator {code} has no value", code=ind.denominator)
    elif den_value == 0:
        reason = Message("the denominator {code} is zero", code=ind.denominator)
    else:
        value = num_value / den_value * ind.factor
    return (
        value,
        min(num[1], den[1]) if den is not None else 0.0,
        bool(num[2] and den is not None and den[2]),
        min(num[3], den[3]) if den is not None else 0,
        num[4],
        reason,
        number(num_value, True),
        number(den_value, True),
        None,
    )


def _share(ind: Indicator, num: Stored) -> _Cell:
    true_count, coverage, complete, n, n_expected = num
    value = None
    reason = None
    if true_count is None or n == 0:
        reason = _NO_VALUE
    else:
        value = true_count / n * ind.factor
    return (
        value,
        coverage,
        complete,
        n,
        n_expected,
        reason,
        number(true_count, True),
        n if n else None,
        None,
    )
