"""Totals against their breakdowns: a value and every complete set of its cells along one
more dimension must agree; a missing total is derived from a complete breakdown."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Self

from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.indicators import canonical_disaggregation, parse_disaggregation
from child_welfare_plan.rules.aggregate.series import Series, ValueSetState, close, show
from child_welfare_plan.rules.order import canonical_order

__all__ = ["BreakdownChecks", "breakdown_candidates", "cell_keys"]


def breakdown_candidates(
    keys: Iterable[str], parts_of: Callable[[str], dict[str, str]]
) -> list[tuple[str, dict[str, str]]]:
    """The breakdowns a check of totals involves for one indicator and period: every key
    given and every coarser one (the key less one or more of its dimensions), each with its
    parts, finest first, then by key — the order in which missing totals are derived from
    their cells (a derived total can then be a cell of a coarser one)."""
    candidates: dict[str, dict[str, str]] = {}
    stack = list(keys)
    while stack:
        key = stack.pop()
        if key in candidates:
            continue
        parts = parts_of(key)
        candidates[key] = parts
        for dim in parts:
            stack.append(canonical_disaggregation({k: v for k, v in parts.items() if k != dim}))
    return sorted(candidates.items(), key=lambda item: (-len(item[1]), item[0]))


def cell_keys(parts: Mapping[str, str], dim: str, values: Sequence[str]) -> list[str]:
    """The keys of the complete set of cells of the breakdown ``parts`` along ``dim`` (one
    per value of the dimension, in the dimension's order)."""
    return [canonical_disaggregation({**parts, dim: value}) for value in values]


class BreakdownChecks(ValueSetState):
    """The check of totals against breakdowns, run once when the set is finished."""

    def finish(self) -> Self:
        """Check every total against its breakdowns and derive missing totals (once); the
        findings are then in the one order every engine gives
        (:func:`~child_welfare_plan.rules.order.canonical_order`)."""
        if not self._finished:
            self._finished = True
            for group in list(self._groups.values()):
                self._check_breakdowns(group)
            # Say what the cap on findings left out (one finding per kind).
            list.extend(self.findings, self.findings.summaries())
            self.findings[:] = canonical_order(self.findings)
        return self

    def _parts(self, key: str) -> dict[str, str]:
        parts = self._key_parts.get(key)
        if parts is None:
            parts = self._key_parts[key] = parse_disaggregation(key)
        return parts

    def _check_breakdowns(self, group: dict[str, Series]) -> None:
        ind = next(iter(group.values())).indicator
        if not ind.is_additive or not ind.disaggregations:
            return
        period = next(iter(group.values())).period
        for key, parts in breakdown_candidates(list(group), self._parts):
            parent = group.get(key)
            for dim in ind.disaggregations:
                if dim in parts:
                    continue
                cells = [
                    group.get(cell)
                    for cell in cell_keys(parts, dim, self.catalog.dimension(dim).codes)
                ]
                children = [c for c in cells if c is not None]
                if len(children) != len(cells) or not children:
                    continue
                if parent is None:
                    parent = Series(ind, period, key)
                self._compare(parent, dim, children)
            if parent is not None and key not in group and parent.values:
                group[key] = parent

    def _compare(self, parent: Series, dim: str, children: list[Series]) -> None:
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
            elif reported != total and not close(reported, total):
                self._mismatch(parent, dim, children, uid, reported, total)

    def _mismatch(
        self,
        parent: Series,
        dim: str,
        children: list[Series],
        uid: int,
        given: float,
        total: float,
    ) -> None:
        if not self.check_totals:
            return
        rows = [c.rows[uid] for c in children if uid in c.rows]
        shown = ", ".join(str(r) for r in rows[:20]) + (", …" if len(rows) > 20 else "")
        what = Message(
            "unit {unit}, {period}, {indicator}",
            unit=self._codes[uid],
            period=parent.period.id,
            indicator=parent.indicator.code,
        )
        if parent.key:
            label = Message("the value for {key}", key=parent.key)
        else:
            label = Message("the total")
        if uid in parent.derived:
            message = Message(
                "{what}: the breakdown by {first} adds up to {given} but the breakdown by "
                "{dimension} adds up to {total}",
                what=what,
                first=parent.derived[uid],
                given=show(given),
                dimension=dim,
                total=show(total),
            )
            row = rows[0] if rows else None
        else:
            message = Message(
                "{what}: {label} {given} disagrees with the sum {total} of its breakdown by "
                "{dimension}",
                what=what,
                label=label,
                given=show(given),
                total=show(total),
                dimension=dim,
            )
            row = parent.rows.get(uid)
        if rows:
            message = Message("{problem} (rows {rows})", problem=message, rows=shown)

        self._report(("total-mismatch", "value", message), row)
