"""Two-way tables of counts (rows × columns, with the totals published beside them) and
their disclosure control: :func:`suppress` withholds the small counts and the counts that
would reveal them (the rule is in :mod:`child_welfare_plan.rules.disclosure`).

A table is a :class:`~child_welfare_plan.rules.disclosure.cubes.LinkedTable` with two axes:
a cell is one row and one column, a row total one row and every column, and so on. A
total the table does not publish (``row_totals=False``) is not a box: nothing is worked
out from it. Ties are broken by the row and column keys, never by positions, so the same
counts are withheld whatever the order of the rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.rules.disclosure.cubes import (
    Axis,
    Box,
    Key,
    LinkedTable,
    Suppression,
    protect,
)

__all__ = [
    "DEFAULT_K",
    "CountTable",
    "Position",
    "SuppressedTable",
    "Suppression",
    "count_cell",
    "suppress",
]

#: The default threshold: counts from 1 to 4 are withheld.
DEFAULT_K = 5

Position = tuple[str | None, str | None]
"""A cell of a table: ``(row, column)``; ``None`` stands for the total, so ``(row, None)``
is a row total, ``(None, column)`` a column total and ``(None, None)`` the grand total."""


def _not_a_count(where: str, value: object) -> Message:
    return Message(
        "count {where}: {value!r} (expected a non-negative integer)", where=where, value=value
    )


def count_cell(where: str, value: object) -> int:
    """A count as an int; anything else (a negative, a fraction, a bool) is refused."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValueError(_not_a_count(where, value))
    if isinstance(value, float):
        if not value.is_integer():
            raise InvalidValueError(_not_a_count(where, value))
        value = int(value)
    if value < 0:
        raise InvalidValueError(_not_a_count(where, value))
    return value


def _keys(kind: str, keys: Iterable[object]) -> tuple[str, ...]:
    out: list[str] = []
    seen: set[str] = set()
    for key in keys:
        if not isinstance(key, str):
            raise InvalidValueError(
                Message("CountTable.{kind}: {key!r} (expected a string key)", kind=kind, key=key)
            )
        if key in seen:
            raise InvalidValueError(
                Message("CountTable.{kind}: {key!r} appears twice", kind=kind, key=key)
            )
        seen.add(key)
        out.append(key)
    if not out:
        raise InvalidValueError(
            Message("CountTable.{kind}: no {kind} (expected at least one)", kind=kind)
        )
    return tuple(out)


def _row_keys(keys: Iterable[object]) -> tuple[str, ...]:
    return _keys("rows", keys)


def _column_keys(keys: Iterable[object]) -> tuple[str, ...]:
    return _keys("columns", keys)


def _matrix(rows: Iterable[Iterable[object]]) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(count_cell(f"in row {i + 1}", v) for v in row) for i, row in enumerate(rows))


@attrs.frozen
class CountTable:
    """Counts by row and column, with the totals that are published beside them.

    ``counts[i][j]`` is the count of row ``rows[i]`` and column ``columns[j]``. Row totals
    are published when ``row_totals``, column totals when ``column_totals``, and the grand
    total when both are (a one-way list is a single column with ``row_totals=False``:
    its column total is the list's total). Totals are always the sums of the counts.
    """

    rows: tuple[str, ...] = attrs.field(converter=_row_keys)
    columns: tuple[str, ...] = attrs.field(converter=_column_keys)
    counts: tuple[tuple[int, ...], ...] = attrs.field(converter=_matrix)
    row_totals: bool = True
    column_totals: bool = True
    _row_index: dict[str, int] = attrs.field(init=False, eq=False, repr=False)
    _column_index: dict[str, int] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if len(self.counts) != len(self.rows) or any(
            len(row) != len(self.columns) for row in self.counts
        ):
            raise InvalidValueError(
                Message(
                    "CountTable.counts: expected {rows} rows of {columns} counts, one per row "
                    "and column",
                    rows=len(self.rows),
                    columns=len(self.columns),
                )
            )
        object.__setattr__(self, "_row_index", {k: i for i, k in enumerate(self.rows)})
        object.__setattr__(self, "_column_index", {k: j for j, k in enumerate(self.columns)})

    @classmethod
    def from_cells(
        cls,
        cells: Mapping[tuple[str, str], int],
        *,
        rows: Sequence[str] | None = None,
        columns: Sequence[str] | None = None,
        row_totals: bool = True,
        column_totals: bool = True,
    ) -> CountTable:
        """A table from ``{(row, column): count}``; every combination must be present.

        Rows and columns come in first-seen order unless given.
        """
        row_keys = list(rows) if rows is not None else list(dict.fromkeys(r for r, _ in cells))
        col_keys = (
            list(columns) if columns is not None else list(dict.fromkeys(c for _, c in cells))
        )
        matrix: list[list[int]] = []
        for r in row_keys:
            line: list[int] = []
            for c in col_keys:
                if (r, c) not in cells:
                    raise InvalidValueError(
                        Message(
                            "CountTable: no count for row {row!r}, column {column!r} (expected "
                            "one for every row and column; write 0 for none)",
                            row=r,
                            column=c,
                        )
                    )
                line.append(cells[(r, c)])
            matrix.append(line)
        extra = set(cells) - {(r, c) for r in row_keys for c in col_keys}
        if extra:
            raise InvalidValueError(
                Message(
                    "CountTable: counts for cells outside the rows and columns: {cells}",
                    cells=str(sorted(extra)),
                )
            )
        return cls(row_keys, col_keys, matrix, row_totals, column_totals)

    @classmethod
    def from_rows(
        cls,
        rows: Mapping[str, Mapping[str, int]],
        *,
        columns: Sequence[str] | None = None,
        row_totals: bool = True,
        column_totals: bool = True,
    ) -> CountTable:
        """A table from ``{row: {column: count}}``."""
        cells = {(r, c): v for r, line in rows.items() for c, v in line.items()}
        return cls.from_cells(
            cells,
            rows=list(rows),
            columns=columns,
            row_totals=row_totals,
            column_totals=column_totals,
        )

    @classmethod
    def from_list(cls, items: Mapping[str, int], *, column: str = "count") -> CountTable:
        """A one-way list with its total: one column, no row totals."""
        return cls(list(items), [column], [[v] for v in items.values()], False, True)

    # Values ---------------------------------------------------------------------------

    def row_total(self, row: str) -> int:
        """The sum of a row."""
        return sum(self.counts[self._row_index[row]])

    def column_total(self, column: str) -> int:
        """The sum of a column."""
        j = self._column_index[column]
        return sum(line[j] for line in self.counts)

    @property
    def grand_total(self) -> int:
        """The sum of every count."""
        return sum(sum(line) for line in self.counts)

    def value(self, position: Position) -> int:
        """The count (or total) at a position."""
        row, column = position
        if row is None and column is None:
            return self.grand_total
        if row is None:
            assert column is not None
            return self.column_total(column)
        if column is None:
            return self.row_total(row)
        return self.counts[self._row_index[row]][self._column_index[column]]

    def is_published(self, position: Position) -> bool:
        """True for a cell, and for a total the table publishes."""
        row, column = position
        if row is not None and column is not None:
            return True
        if row is None and column is None:
            return self.row_totals and self.column_totals
        return self.row_totals if column is None else self.column_totals

    def positions(self) -> tuple[Position, ...]:
        """Every published position: cells row by row, then row totals, column totals and
        the grand total (those published)."""
        out: list[Position] = [(r, c) for r in self.rows for c in self.columns]
        if self.row_totals:
            out += [(r, None) for r in self.rows]
        if self.column_totals:
            out += [(None, c) for c in self.columns]
        if self.row_totals and self.column_totals:
            out.append((None, None))
        return tuple(out)


def _position_key(position: Position) -> tuple[int, str, int, str]:
    row, column = position
    return (row is None, row or "", column is None, column or "")


def _sorted_marks(
    marks: Iterable[tuple[Position, Suppression]],
) -> tuple[tuple[Position, Suppression], ...]:
    return tuple(sorted(marks, key=lambda m: _position_key(m[0])))


@attrs.frozen
class SuppressedTable:
    """A count table with the positions that must not be published, and why."""

    table: CountTable
    k: int
    marks: tuple[tuple[Position, Suppression], ...] = attrs.field(converter=_sorted_marks)
    _lookup: dict[Position, Suppression] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_lookup", dict(self.marks))

    def status(self, position: Position) -> Suppression | None:
        """Why the position is withheld, or None when it is published."""
        return self._lookup.get(position)

    def published(self, position: Position) -> int | None:
        """The count to publish at a position, or None when it is withheld (or is a total
        the table does not publish)."""
        if position in self._lookup or not self.table.is_published(position):
            return None
        return self.table.value(position)

    @property
    def suppressed(self) -> frozenset[Position]:
        """Every withheld position."""
        return frozenset(self._lookup)

    @property
    def primary(self) -> frozenset[Position]:
        """The positions withheld because their count is from 1 to k − 1."""
        return frozenset(p for p, s in self.marks if s is Suppression.PRIMARY)

    @property
    def complementary(self) -> frozenset[Position]:
        """The positions withheld to protect others."""
        return frozenset(p for p, s in self.marks if s is Suppression.COMPLEMENTARY)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: withheld values are null; ``row``/``column`` null for a total."""
        return {
            "k": self.k,
            "rows": list(self.table.rows),
            "columns": list(self.table.columns),
            "cells": [
                {
                    "row": p[0],
                    "column": p[1],
                    "value": self.published(p),
                    "suppressed": None if (s := self.status(p)) is None else s.value,
                }
                for p in self.table.positions()
            ],
        }


def suppress(table: CountTable, k: int = DEFAULT_K, level: int | None = None) -> SuppressedTable:
    """Withhold the counts from 1 to ``k`` − 1 and enough others that no withheld count
    can be narrowed down, from the published counts and totals, to an interval less than
    ``level`` wide (``k`` by default).

    Deterministic, and independent of the order of rows and columns (ties are broken by
    their keys). A table with no count from 1 to k − 1 is published whole.
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise InvalidValueError(
            Message("suppress: k={k!r} (expected an integer of at least 1)", k=k)
        )
    rows = Axis("rows", sorted(table.rows))
    columns = Axis("columns", sorted(table.columns))

    def key(position: Position) -> Key:
        row, column = position
        return (
            rows.full if row is None else rows.mask([row]),
            columns.full if column is None else columns.mask([column]),
        )

    boxes = {key(p): Box(table.value(p)) for p in table.positions()}
    result = protect(LinkedTable((rows, columns), boxes), k, level)
    if not result.complete:  # pragma: no cover - a table's counts always agree
        raise AssertionError("a count table could not be protected")
    marks = [
        (p, how) for p in table.positions() if (how := result.withheld.get(key(p))) is not None
    ]
    return SuppressedTable(table, k, marks)
