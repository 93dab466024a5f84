"""Statistical disclosure control for count tables published to the public (design §4).

A table of counts about children (communes × categories, with totals) can identify a child
when a count is small. Before such a table leaves the administration:

* **Primary suppression** (threshold rule): every count from 1 to k − 1 is withheld
  (k = 5 by default). A zero is published: it says no child is concerned, which identifies
  nobody, and withholding zeros would hide most of a sparse table. Totals are counts too,
  and a small total is withheld like a small cell.
* **Complementary suppression**: further counts are withheld so that no withheld count can
  be worked out from what is published. In a table with totals, each withheld count must lie
  on a *cycle* of withheld counts (alternating along rows and columns, totals included);
  then adding 1 to every other count of the cycle and taking 1 from the rest keeps every
  published figure, so the count has at least two possible values. A withheld count on no
  such cycle is fixed by the published ones (it is a *bridge* of the graph whose nodes are
  the rows and columns and whose edges are the withheld counts and unpublished totals).
  For each such count, the cheapest walk between its row and its column that avoids it is
  withheld too, preferring interior cells to totals, then the smallest sum of counts, then
  the fewest cells.
  This implies the familiar rule that no row or column (with its total) has exactly one
  withheld count, which is necessary but not sufficient in two-way tables.
* Totals may be withheld: a small total is withheld like any count, and a total is used to
  close a cycle when no interior count can (a list whose every other count is zero).
  Interior counts are always tried first.

A total a table does not publish (``row_totals=False``) is not a constraint: nothing is
worked out from it. Ties are broken by the row and column keys, never by positions, so the
same counts are withheld whatever the order of the rows.

The protection is against exact recovery only: a withheld count may still be bounded
(known to lie between 0 and 3, say); stronger protection needs protection intervals, as in
τ-ARGUS.

References:
    * Law on Children 102/2016/QH13, Art. 6.11 (disclosing a child's private life without
      consent is prohibited) and Art. 21 (the child's right to privacy).
    * Hundepool, A. et al., *Statistical Disclosure Control*, Wiley, 2012, ch. 5 (frequency
      tables: threshold rule, primary and secondary suppression).
    * Cox, L. H., "Suppression methodology and statistical disclosure control", *JASA* 75
      (1980) 377–385.
    * Gusfield, D., "A graph theoretic approach to statistical data security", *SIAM J.
      Computing* 17 (1988) 552–571: in a two-way table with totals, exactly the withheld
      counts that are bridges of the row–column graph can be recovered.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any

import attrs

from child_welfare_plan.errors import InvalidValueError

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


class Suppression(StrEnum):
    """Why a count is withheld."""

    PRIMARY = "primary"
    """The count is from 1 to k − 1."""
    COMPLEMENTARY = "complementary"
    """The count is withheld so that others cannot be worked out from the totals."""


def count_cell(where: str, value: object) -> int:
    """A count as an int; anything else (a negative, a fraction, a bool) is refused."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValueError(f"count {where}: {value!r} (expected a non-negative integer)")
    if isinstance(value, float):
        if not value.is_integer():
            raise InvalidValueError(f"count {where}: {value!r} (expected a non-negative integer)")
        value = int(value)
    if value < 0:
        raise InvalidValueError(f"count {where}: {value!r} (expected a non-negative integer)")
    return value


def _keys(kind: str, keys: Iterable[object]) -> tuple[str, ...]:
    out: list[str] = []
    seen: set[str] = set()
    for key in keys:
        if not isinstance(key, str):
            raise InvalidValueError(f"CountTable.{kind}: {key!r} (expected a string key)")
        if key in seen:
            raise InvalidValueError(f"CountTable.{kind}: {key!r} appears twice")
        seen.add(key)
        out.append(key)
    if not out:
        raise InvalidValueError(f"CountTable.{kind}: no {kind} (expected at least one)")
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
                f"CountTable.counts: expected {len(self.rows)} rows of {len(self.columns)} "
                "counts, one per row and column"
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
                        f"CountTable: no count for row {r!r}, column {c!r} (expected one for "
                        "every row and column; write 0 for none)"
                    )
                line.append(cells[(r, c)])
            matrix.append(line)
        extra = set(cells) - {(r, c) for r in row_keys for c in col_keys}
        if extra:
            raise InvalidValueError(
                f"CountTable: counts for cells outside the rows and columns: {sorted(extra)}"
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


# The algorithm -------------------------------------------------------------------------
#
# The table is a bipartite graph: one node per row (and one for the row of column totals),
# one per column (and one for the column of row totals); each position is the edge between
# its row and its column. Withheld positions, and totals the table does not publish (they
# constrain nothing), are "free" edges. A withheld position can be worked out exactly when
# it is a bridge of the graph of free edges (Gusfield 1988).
#
# To put a bridge on a cycle we look for the cheapest walk between its two ends that does
# not use it. Walks alternate rows and columns; the search runs over the smaller side only
# ("hubs", the columns after transposing if need be), with the cost of going from hub a to
# hub b through any other node kept, for each pair, as the two cheapest ways (two, so the
# bridge's own end can be left out). Costs only fall as positions are withheld, so the
# pairs are updated in place.

_Cost = tuple[int, int, int]
"""(totals withheld, sum of the counts withheld, positions withheld): compared in order."""
_ZERO: _Cost = (0, 0, 0)
_Edge = tuple[int, int]
_Via = tuple[_Cost, tuple[int, str], int]


def _add(a: _Cost, b: _Cost) -> _Cost:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


class _Search:
    """The graph of a table, oriented so that its smaller side holds the hubs."""

    def __init__(self, table: CountTable, closed: set[_Edge]) -> None:
        self.table = table
        self.flip = len(table.columns) > len(table.rows)
        if self.flip:
            nodes, hubs = table.columns, table.rows
            counts = [list(col) for col in zip(*table.counts, strict=True)]
            node_totals, hub_totals = table.column_totals, table.row_totals
        else:
            nodes, hubs = table.rows, table.columns
            counts = [list(line) for line in table.counts]
            node_totals, hub_totals = table.row_totals, table.column_totals
        r = self.n_nodes = len(nodes)
        c = self.n_hubs = len(hubs)
        values = [[*line, sum(line)] for line in counts]
        values.append([sum(col) for col in zip(*values, strict=True)])
        self.node_keys = [*((0, k) for k in nodes), (1, "")]
        self.hub_keys = [*((0, k) for k in hubs), (1, "")]
        self.free: set[_Edge] = set()
        if not node_totals:
            self.free.update((i, c) for i in range(r))
        if not hub_totals:
            self.free.update((r, j) for j in range(c))
        if not (node_totals and hub_totals):
            self.free.add((r, c))
        self.open = frozenset(self.free)
        self.free |= {self.inner(e) for e in closed}
        # cost[i][j]: the price of withholding position (i, j); None when it cannot be (0).
        self.cost: list[list[_Cost | None]] = [
            [
                _ZERO if (i, j) in self.free else None if v == 0 else (int(i == r or j == c), v, 1)
                for j, v in enumerate(line)
            ]
            for i, line in enumerate(values)
        ]
        self.pairs: dict[_Edge, list[_Via]] = {}
        for i, line in enumerate(self.cost):
            usable = [(j, x) for j, x in enumerate(line) if x is not None]
            for n, (a, ca) in enumerate(usable):
                for b, cb in usable[n + 1 :]:
                    self._offer(a, b, i, _add(ca, cb))

    # Orientation -----------------------------------------------------------------------

    def inner(self, edge: _Edge) -> _Edge:
        """A (row, column) index pair of the table as a (node, hub) pair."""
        return (edge[1], edge[0]) if self.flip else edge

    def outer(self, edge: _Edge) -> _Edge:
        """A (node, hub) pair as a (row, column) index pair of the table."""
        return (edge[1], edge[0]) if self.flip else edge

    # Pair costs ------------------------------------------------------------------------

    def _offer(self, a: int, b: int, node: int, cost: _Cost) -> None:
        """Going between hubs a and b through ``node`` costs ``cost``: keep the two
        cheapest ways for the pair (one node each)."""
        entry: _Via = (cost, self.node_keys[node], node)
        current = self.pairs.setdefault((a, b) if a < b else (b, a), [])
        for n, known in enumerate(current):
            if known[2] == node:
                if entry < known:
                    current[n] = entry
                    current.sort()
                return
        current.append(entry)
        current.sort()
        del current[2:]

    def withhold(self, edge: _Edge) -> None:
        """Mark a (node, hub) position as withheld: it costs nothing from now on."""
        i, a = edge
        self.free.add(edge)
        self.cost[i][a] = _ZERO
        for b, cb in enumerate(self.cost[i]):
            if b != a and cb is not None:
                self._offer(a, b, i, cb)

    def _via(self, a: int, b: int, avoid: int) -> _Via | None:
        for entry in self.pairs.get((a, b) if a < b else (b, a), ()):
            if entry[2] != avoid:
                return entry
        return None

    # Search ----------------------------------------------------------------------------

    def cheapest_cycle(self, edge: _Edge) -> list[_Edge]:
        """The (node, hub) positions to withhold so that ``edge`` lies on a cycle of
        withheld positions: the cheapest walk between its ends that avoids it (empty when
        it already lies on one). Ties are broken by keys."""
        start, goal = edge
        best: dict[int, _Cost] = {}
        back: dict[int, tuple[int | None, int]] = {}
        heap: list[tuple[_Cost, tuple[int, str], int]] = []
        for a, ca in enumerate(self.cost[start]):
            if a != goal and ca is not None:
                best[a] = ca
                back[a] = (None, start)
                heap.append((ca, self.hub_keys[a], a))
        heapq.heapify(heap)
        done: set[int] = set()
        while heap:
            cost, _, a = heapq.heappop(heap)
            if a in done:
                continue
            done.add(a)
            if a == goal:
                break
            for b in range(self.n_hubs + 1):
                if b == a or b in done:
                    continue
                via = self._via(a, b, start)
                if via is None:
                    continue
                total = _add(cost, via[0])
                known = best.get(b)
                if known is None or total < known:
                    best[b] = total
                    back[b] = (a, via[2])
                    heapq.heappush(heap, (total, self.hub_keys[b], b))
        if goal not in done:  # pragma: no cover - a nonzero count always has a way round
            raise AssertionError(f"no cycle through position {self.outer(edge)}")
        walk: list[_Edge] = []
        hub = goal
        while True:
            previous, node = back[hub]
            walk.append((node, hub))
            if previous is None:
                break
            walk.append((node, previous))
            hub = previous
        return [e for e in dict.fromkeys(walk) if e not in self.free]


def _bridges(search: _Search) -> list[_Edge]:
    """The withheld (node, hub) positions that are bridges of the graph of free positions
    (Tarjan's algorithm, iterative)."""
    r = search.n_nodes
    edges = sorted(search.free)
    adjacency: list[list[int]] = [[] for _ in range(r + search.n_hubs + 2)]
    for e, (i, j) in enumerate(edges):
        adjacency[i].append(e)
        adjacency[r + 1 + j].append(e)
    order = [-1] * len(adjacency)
    low = [0] * len(adjacency)
    counter = 0
    found: list[_Edge] = []
    for root, around in enumerate(adjacency):
        if order[root] != -1 or not around:
            continue
        order[root] = low[root] = counter
        counter += 1
        stack: list[tuple[int, int, int]] = [(root, -1, 0)]  # node, edge in, next slot
        while stack:
            node, via, slot = stack[-1]
            if slot < len(adjacency[node]):
                stack[-1] = (node, via, slot + 1)
                e = adjacency[node][slot]
                if e == via:
                    continue
                i, j = edges[e]
                other = r + 1 + j if node == i else i
                if order[other] == -1:
                    order[other] = low[other] = counter
                    counter += 1
                    stack.append((other, e, 0))
                else:
                    low[node] = min(low[node], order[other])
                continue
            stack.pop()
            if stack:
                parent = stack[-1][0]
                low[parent] = min(low[parent], low[node])
                if low[node] > order[parent] and edges[via] not in search.open:
                    found.append(edges[via])
    return found


def suppress(table: CountTable, k: int = DEFAULT_K) -> SuppressedTable:
    """Withhold the counts from 1 to ``k`` − 1 and the counts that would reveal them.

    Deterministic, and independent of the order of rows and columns (ties are broken by
    their keys). A table with no count from 1 to k − 1 is published whole.
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise InvalidValueError(f"suppress: k={k!r} (expected an integer of at least 1)")
    r, c = len(table.rows), len(table.columns)

    def index(position: Position) -> _Edge:
        row, column = position
        i = r if row is None else table._row_index[row]
        j = c if column is None else table._column_index[column]
        return (i, j)

    def position(edge: _Edge) -> Position:
        i, j = edge
        return (None if i == r else table.rows[i], None if j == c else table.columns[j])

    marks: dict[_Edge, Suppression] = {}
    for p in table.positions():
        if 0 < table.value(p) < k:
            marks[index(p)] = Suppression.PRIMARY
    search = _Search(table, set(marks))

    def order(edge: _Edge) -> tuple[int, str, int, str]:
        return _position_key(position(search.outer(edge)))

    exposed = sorted(_bridges(search), key=order)
    while exposed:  # one pass protects them all; the loop is a safeguard
        for bridge in exposed:
            for added in search.cheapest_cycle(bridge):
                search.withhold(added)
                marks[search.outer(added)] = Suppression.COMPLEMENTARY
        exposed = sorted(_bridges(search), key=order)
    return SuppressedTable(table, k, [(position(e), s) for e, s in marks.items()])


# Report tables -------------------------------------------------------------------------
