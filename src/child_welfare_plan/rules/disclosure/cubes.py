"""Linked tables of counts and the suppression that protects them (the engine behind
:func:`~child_welfare_plan.rules.disclosure.suppress` and public figures).

A count in a table counts *records* (children) that have one *leaf* on each axis: a
commune, a half-year, a sex, ... A published figure is a **box**: the number of records
whose leaf on every axis lies in a given set (a commune's year is the commune and both
halves; the district's total is every commune). Every sum a reader can use — a district is
the sum of its communes, a year of its halves, a total of its breakdown — holds because
the boxes are built from the same records, so the engine never lists relations: it moves
records.

**Hypercubes.** Choose, on each axis, either one leaf ``u`` ("same") or two leaves ``u``
and ``v`` ("pair"). Take a record at the corner with every ``u`` and move it to the corners
reached by swapping ``u`` for ``v``, alternately adding and taking away, so that every
corner of the cube changes by ±t. A box changes only when, on every paired axis, it holds
exactly one of ``u`` and ``v`` (and on the other axes it holds ``u``); every other box,
published or not, keeps its value. (With no pair at all the cube adds t records: every box
holding the corner grows.) So if every box the cube changes is withheld, a reader cannot
tell the published table apart from the one moved by t, for every t that keeps the
changed boxes within what the reader knows of them:

* a withheld box is at least 1 (zeros are always published, so a withheld count is not
  zero);
* a *hidden* box (a count that is never printed, such as the children of a part who are
  not in it, worked out as a difference) is at least 0.

If ``D`` is the smallest slack (value − lower bound) among the boxes that grow with t and
``U`` the smallest among those that shrink, t ranges over ``[−D, U]``, and every changed
box can take every value of an interval ``D + U`` wide. The linear-programming interval a
reader computes from every published number contains that interval, so it is at least as
wide (``D + U`` is the cube's *width*).

**The rule.** Every count from 1 to k − 1 (published or hidden) must lie on a cube of width
at least the protection level (k by default), and every box such a cube changes is
withheld. :func:`protect` marks the small published counts (primary), then, for each small
count not yet on such a cube, searches for the cheapest cube of sufficient width (fewest
further counts withheld, then the smallest sum of them) and withholds its boxes
(complementary). A cube's boxes all share its width, so a complementary count is covered by
the cube that withheld it. A zero is never withheld; a cube that would change a published
zero is not used. A cube that adds records always exists (its boxes all hold a record of
the small count, so none is zero) and has no upper limit, so the search always ends.

The search runs axis by axis, the axes where the count is narrowest first; leaves that no
remaining box tells apart are tried once.

References:
    * Giessing, S. and Repsilber, D., "Tools and strategies to protect multiple tables
      with the GHQUAR cell suppression engine", *Inference Control in Statistical
      Databases*, LNCS 2316 (2002) 181–192: the hypercube method.
    * Hundepool, A. et al., *Statistical Disclosure Control*, Wiley, 2012, ch. 4 and 5:
      protection intervals (upper and lower protection levels) and the audit of a
      suppression pattern by linear programming.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum

import attrs

from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.i18n.localized import Message

__all__ = ["Axis", "Box", "Key", "LinkedTable", "Protection", "Suppression", "protect"]

Key = tuple[int, ...]
"""A box: one bit mask of leaves per axis (bit i set when leaf i is in the box)."""


class Suppression(StrEnum):
    """Why a count is withheld."""

    PRIMARY = "primary"
    """The count is from 1 to k − 1."""
    COMPLEMENTARY = "complementary"
    """The count is withheld so that others cannot be worked out or narrowed down."""


def _leaves(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


@attrs.frozen
class Axis:
    """One attribute of the records counted, with its leaves in a fixed order."""

    name: str
    leaves: tuple[str, ...] = attrs.field(converter=_leaves)

    _index: dict[str, int] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_index", {leaf: i for i, leaf in enumerate(self.leaves)})

    def mask(self, leaves: Iterable[str]) -> int:
        """The bit mask of some of the leaves."""
        out = 0
        for leaf in leaves:
            out |= 1 << self._index[leaf]
        return out

    @property
    def full(self) -> int:
        """The mask of every leaf."""
        return (1 << len(self.leaves)) - 1


@attrs.frozen
class Box:
    """A count, and whether it is hidden (never printed, but worked out by a reader)."""

    value: int
    hidden: bool = False


def _axes(items: Iterable[Axis]) -> tuple[Axis, ...]:
    return tuple(items)


@attrs.frozen
class LinkedTable:
    """Counts over the same records, each a box of leaves."""

    axes: tuple[Axis, ...] = attrs.field(converter=_axes)
    boxes: Mapping[Key, Box]

    def __attrs_post_init__(self) -> None:
        for key in self.boxes:
            if len(key) != len(self.axes) or any(
                m <= 0 or m > a.full for m, a in zip(key, self.axes, strict=True)
            ):
                raise InvalidValueError(
                    Message("LinkedTable: box {key!r} does not fit the axes", key=str(key))
                )


@attrs.frozen
class Protection:
    """What :func:`protect` withholds, and the width each protected count is proven to
    have (the reader's interval is at least that wide)."""

    k: int
    level: int
    withheld: Mapping[Key, Suppression]
    widths: Mapping[Key, float]
    """For every withheld or hidden box on a cube: the widest cube it lies on."""
    complete: bool = True
    """False when some small count could not be put on a cube (the figures do not agree
    with one another); the caller must then withhold the whole table."""


_Signed = list[tuple[Key, int]]


@attrs.frozen
class _Cube:
    """A cube through a target (signs set so that the target grows with t)."""

    boxes: tuple[tuple[Key, int], ...]
    """The boxes it changes, with +1 for those that grow with the target."""
    cost: tuple[int, int]
    """(published counts it would withhold, their sum)."""
    grow: float
    """How far the target can go down: the smallest slack among the boxes that grow."""
    shrink: float
    """How far the target can go up: the smallest slack among the boxes that shrink."""

    @property
    def width(self) -> float:
        return self.grow + self.shrink


class _Search:
    def __init__(self, table: LinkedTable, k: int, level: int) -> None:
        self.table = table
        self.k = k
        self.level = level
        self.boxes = table.boxes
        self.keys = sorted(table.boxes)
        self.sizes = [len(a.leaves) for a in table.axes]
        self.withheld: dict[Key, Suppression] = {}
        self.widths: dict[Key, float] = {}
        self.slacks = {k: b.value - (0 if b.hidden else 1) for k, b in self.boxes.items()}
        self._first: dict[int, _Split] = {}

    def slack(self, key: Key) -> int:
        """How far a box can go down: to 0 when hidden, else to 1."""
        return self.slacks[key]

    def cubes(self, target: Key) -> Iterator[_Cube]:
        """Every usable cube through ``target`` (one per class of equivalent leaves), in
        a fixed order."""
        order = sorted(range(len(target)), key=lambda a: (target[a].bit_count(), a))

        def visit(depth: int, current: _Signed) -> Iterator[_Cube]:
            if depth == len(order):
                cube = self.judge(target, current)
                if cube is not None:
                    yield cube
                return
            axis = order[depth]
            wanted = target[axis]
            split = self.first(axis) if depth == 0 else _Split(current, axis)
            groups, holders, leaves = split.groups, split.holders, split.leaves
            if wanted.bit_count() < len(leaves):
                inside = [u for u in _bits(wanted) if u in split.chosen]
            else:
                inside = [u for u in leaves if (wanted >> u) & 1]
            for u in inside:
                yield from visit(depth + 1, [i for m in holders[u] for i in groups[m]])
            for u in inside:
                held_u = set(holders[u])
                for v in (v for v in leaves if not (wanted >> v) & 1):
                    held_v = set(holders[v])
                    moved = [i for m in holders[u] if m not in held_v for i in groups[m]]
                    moved += [
                        (key, -s) for m in holders[v] if m not in held_u for key, s in groups[m]
                    ]
                    yield from visit(depth + 1, moved)

        yield from visit(0, [])  # the first axis splits every box: see first()

    def first(self, axis: int) -> _Split:
        """Every box along ``axis`` (the same for every target)."""
        if axis not in self._first:
            self._first[axis] = _Split([(key, 1) for key in self.keys], axis)
        return self._first[axis]

    def judge(self, target: Key, cube: _Signed) -> _Cube | None:
        """A cube's cost and reach, or None when it would change a published zero."""
        flip = next(s for key, s in cube if key == target)
        grow = shrink = math.inf
        count = total = 0
        boxes, withheld, slacks = self.boxes, self.withheld, self.slacks
        for key, s in cube:
            box = boxes[key]
            if not box.hidden and key not in withheld:
                if box.value == 0:
                    return None
                count += 1
                total += box.value
            slack = slacks[key]
            if s == flip:
                if slack < grow:
                    grow = slack
            elif slack < shrink:
                shrink = slack
        signed = tuple((key, s * flip) for key, s in cube)
        return _Cube(signed, (count, total), grow, shrink)

    def reach(self, target: Key, free: list[_Cube]) -> float:
        """The width a family of cubes that withhold nothing new proves for ``target``.

        Cubes moved together add up: going up, each cube takes what it can from the
        slack left in the boxes that shrink with it (a box shared by several cubes gives
        its slack once); going down, likewise from the boxes that grow, the target's own
        slack included. Growing boxes are not counted in its favour, so the bound is
        safe."""

        def packed(side: int) -> float:
            left: dict[Key, float] = {}
            total = 0.0
            ranked = sorted(
                range(len(free)), key=lambda i: (-(free[i].shrink if side < 0 else free[i].grow), i)
            )
            for cube in (free[i] for i in ranked):
                giving = [key for key, s in cube.boxes if s == side]
                amount = min((left.setdefault(k, self.slack(k)) for k in giving), default=math.inf)
                if amount <= 0:
                    continue
                if math.isinf(amount):
                    return amount
                for key in giving:
                    left[key] -= amount
                total += amount
            return total

        return packed(-1) + packed(1)

    def run(self) -> bool:
        small = [key for key in self.keys if 0 < self.boxes[key].value < self.k]
        for key in small:
            if not self.boxes[key].hidden:
                self.withheld[key] = Suppression.PRIMARY
        complete = True
        for target in small:
            if self.widths.get(target, 0) >= self.level:
                continue
            free: list[_Cube] = []
            best: tuple[tuple[int, int], _Cube] | None = None
            quick = _Packing(self, target)
            for cube in self.cubes(target):
                if cube.cost == (0, 0):
                    free.append(cube)
                    if quick.add(cube) >= self.level:
                        break
                elif cube.width >= self.level:
                    rank = (cube.cost[1], cube.cost[0])
                    if best is None or rank < best[0]:
                        best = (rank, cube)
            width = max(quick.width, self.reach(target, free))
            if width >= self.level:
                self.widths[target] = width
                continue
            wide = [c for c in free if c.width >= self.level]
            chosen = wide[0] if wide else None if best is None else best[1]
            if chosen is None:
                complete = False
                continue
            for key, _ in chosen.boxes:
                if not self.boxes[key].hidden and key not in self.withheld:
                    self.withheld[key] = Suppression.COMPLEMENTARY
                self.widths[key] = max(self.widths.get(key, 0), chosen.width)
        return complete


def _bits(mask: int) -> Iterator[int]:
    """The leaves of a mask, lowest first."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


class _Split:
    """Boxes along one axis: grouped by their mask, the masks that hold each leaf, and one
    leaf of each class (leaves held by the same masks are equivalent)."""

    def __init__(self, current: _Signed, axis: int) -> None:
        self.groups: dict[int, _Signed] = {}
        for item in current:
            self.groups.setdefault(item[0][axis], []).append(item)
        self.holders: dict[int, list[int]] = {}
        for mask in sorted(self.groups):
            for leaf in _bits(mask):
                self.holders.setdefault(leaf, []).append(mask)
        classes: dict[tuple[int, ...], int] = {}
        for leaf in sorted(self.holders):
            classes.setdefault(tuple(self.holders[leaf]), leaf)
        self.leaves = sorted(classes.values())
        self.chosen = set(self.leaves)


class _Packing:
    """Cubes that withhold nothing new, moved together as they come (see
    :meth:`_Search.reach`, which ranks them first)."""

    def __init__(self, search: _Search, target: Key) -> None:
        self.search = search
        self.left: dict[Key, float] = {}
        self.up = 0.0
        self.down = 0.0

    @property
    def width(self) -> float:
        return self.up + self.down

    def add(self, cube: _Cube) -> float:
        for side in (-1, 1):
            giving = [key for key, s in cube.boxes if s == side]
            amount = min(
                (self.left.setdefault(k, self.search.slack(k)) for k in giving),
                default=math.inf,
            )
            if amount > 0:
                for key in giving:
                    self.left[key] -= amount
                if side < 0:
                    self.up += amount
                else:
                    self.down += amount
        return self.width


def protect(table: LinkedTable, k: int, level: int | None = None) -> Protection:
    """Withhold the counts from 1 to ``k`` − 1 of ``table`` and enough others that every
    small or withheld count can be moved over an interval at least ``level`` wide (``k``
    by default) without changing any published count.

    Deterministic: the result depends only on the table (axes in their given order).
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise InvalidValueError(
            Message("protect: k={k!r} (expected an integer of at least 1)", k=k)
        )
    level = k if level is None else level
    if isinstance(level, bool) or not isinstance(level, int) or level < 0:
        raise InvalidValueError(
            Message("protect: level={level!r} (expected a non-negative integer)", level=level)
        )
    search = _Search(table, k, level)
    complete = search.run()
    return Protection(k, level, dict(search.withheld), dict(search.widths), complete)
