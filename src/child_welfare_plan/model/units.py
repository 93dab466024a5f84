"""Administrative units and their hierarchy at a date.

The tree is not hard-wired to three levels: since 01/07/2025 communes sit directly under
provinces, so a parent only has to be at a *higher* level than its child.

References:
    * Decision 124/2004/QĐ-TTg on the list and codes of administrative units (GSO codes).
    * Resolution 1669/NQ-UBTVQH15 (2025) and the two-tier local government from 01/07/2025.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date
from enum import StrEnum

import attrs

from child_welfare_plan.errors import InvalidValueError, NotFoundError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model import validators as v
from child_welfare_plan.model.findings import Composed, joined

__all__ = ["AdministrativeUnit", "Hierarchy", "Level", "UnitKind", "fold_name", "validity"]


class Level(StrEnum):
    """The level of an administrative unit; lower rank is higher in the tree."""

    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"

    @property
    def rank(self) -> int:
        """0 for a province, 1 for a district, 2 for a commune."""
        return _RANK[self]


_RANK = {Level.PROVINCE: 0, Level.DISTRICT: 1, Level.COMMUNE: 2}

#: What each level is called in a message (the words of the reports' labels).
_LEVEL_WORDS = {
    Level.PROVINCE: Message("province"),
    Level.DISTRICT: Message("district"),
    Level.COMMUNE: Message("commune"),
}


class UnitKind(StrEnum):
    """The kind of unit as the law names it (tỉnh, huyện, xã, phường, ...)."""

    TINH = "tinh"
    THANH_PHO_TRUNG_UONG = "thanh-pho-trung-uong"
    HUYEN = "huyen"
    QUAN = "quan"
    THI_XA = "thi-xa"
    THANH_PHO = "thanh-pho"
    XA = "xa"
    PHUONG = "phuong"
    THI_TRAN = "thi-tran"
    DAC_KHU = "dac-khu"

    @classmethod
    def from_vietnamese(cls, text: str) -> UnitKind:
        """The kind named in Vietnamese, as the GSO list writes it (``Thị trấn``)."""
        key = fold_name(text)
        try:
            return _KIND_BY_NAME[key]
        except KeyError:
            raise InvalidValueError(
                Message(
                    "unknown kind of administrative unit {text!r} (expected one of {kinds})",
                    text=text,
                    kinds=", ".join(sorted(_KIND_BY_NAME)),
                )
            ) from None


_KIND_BY_NAME = {
    "tinh": UnitKind.TINH,
    "thanh pho trung uong": UnitKind.THANH_PHO_TRUNG_UONG,
    "huyen": UnitKind.HUYEN,
    "quan": UnitKind.QUAN,
    "thi xa": UnitKind.THI_XA,
    "thanh pho": UnitKind.THANH_PHO,
    "xa": UnitKind.XA,
    "phuong": UnitKind.PHUONG,
    "thi tran": UnitKind.THI_TRAN,
    "dac khu": UnitKind.DAC_KHU,
}


def fold_name(text: str) -> str:
    """Lower-case, diacritics removed (đ → d), spaces collapsed: for lookups by name."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return " ".join(stripped.casefold().split())


@attrs.frozen(kw_only=True)
class AdministrativeUnit:
    """A province, district or commune-level unit with its official code."""

    code: str = attrs.field(validator=v.unit_code)
    name: str = attrs.field(validator=v.non_empty)
    level: Level = attrs.field(converter=Level)
    kind: UnitKind | None = attrs.field(default=None, converter=attrs.converters.optional(UnitKind))
    parent: str | None = attrs.field(default=None)
    valid_from: date | None = None
    valid_to: date | None = None
    name_en: str | None = None

    @parent.validator
    def _check_parent(self, attribute: attrs.Attribute[str | None], value: str | None) -> None:
        if value is not None:
            v.unit_code(self, attribute, value)
            if value == self.code:
                problem = Message("unit {code} is its own parent", code=self.code)
                raise InvalidValueError(v.owned("AdministrativeUnit", "parent", problem))
        elif self.level is not Level.PROVINCE:
            problem = Message(
                "{level} {code} has no parent (expected the code of a higher-level unit)",
                level=_LEVEL_WORDS[self.level],
                code=self.code,
            )
            raise InvalidValueError(v.owned("AdministrativeUnit", "parent", problem))

    def __attrs_post_init__(self) -> None:
        v.dates_in_order("valid_from", "valid_to")(self)

    def active_on(self, day: date) -> bool:
        """True when the unit exists on ``day``."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def active_between(self, start: date, end: date) -> bool:
        """True when the unit exists on some day from ``start`` to ``end``."""
        return (self.valid_from is None or self.valid_from <= end) and (
            self.valid_to is None or start <= self.valid_to
        )


def _overlap(a: AdministrativeUnit, b: AdministrativeUnit) -> bool:
    """True when two units exist on some common day."""
    return (a.valid_from is None or b.valid_to is None or a.valid_from <= b.valid_to) and (
        b.valid_from is None or a.valid_to is None or b.valid_from <= a.valid_to
    )


def _start(unit: AdministrativeUnit) -> date:
    return unit.valid_from or date.min


def validity(unit: AdministrativeUnit) -> str:
    """The unit's validity as text: ``2025-07-01 –``, ``– 2025-06-30``, ``always``."""
    if unit.valid_from is None and unit.valid_to is None:
        return Message("with no recorded start or end")
    start = unit.valid_from or "…"
    end = unit.valid_to or "…"
    return Message("{start} to {end}", start=start, end=end)


def _history(units: Iterable[AdministrativeUnit]) -> str:
    """``name (validity); ...`` of the units a code has named."""
    return joined(
        (Composed("{name} ({validity})", name=u.name, validity=validity(u)) for u in units), "; "
    )


@attrs.frozen
class Hierarchy:
    """A tree of units over time: lookups by code and name, children, ancestors, leaves.

    A unit's identity is its code *and* its validity: one code may name several units one
    after the other (11086 was Xã Hưng Đạo until 30/06/2025 and is Xã Đại Sơn from
    01/07/2025), never two at once. A parent is named by its code: the parent of a unit is
    the unit with that code that exists while the unit does.

    Building one checks the tree: every parent exists while its child does and stands at a
    higher level, no code names two units on one day, and there is no cycle. Use
    :meth:`at` for the tree on a date (each code once). Lookups by code alone are for codes
    that name one unit; give ``on`` (a date) for a code that names several.
    """

    units: tuple[AdministrativeUnit, ...] = attrs.field(converter=v.to_tuple)
    _versions: dict[str, tuple[AdministrativeUnit, ...]] = attrs.field(
        init=False, repr=False, eq=False
    )
    _children: dict[str | None, list[AdministrativeUnit]] = attrs.field(
        init=False, repr=False, eq=False
    )

    def __attrs_post_init__(self) -> None:
        grouped: dict[str, list[AdministrativeUnit]] = {}
        for unit in self.units:
            grouped.setdefault(unit.code, []).append(unit)
        versions: dict[str, tuple[AdministrativeUnit, ...]] = {}
        for code, items in grouped.items():
            items.sort(key=_start)
            for earlier, later in itertools.pairwise(items):
                if _overlap(earlier, later):
                    raise InvalidValueError(
                        Message(
                            "Hierarchy: unit code {code!r} appears twice on one day ({earlier}, "
                            "{earlier_validity}; {later}, {later_validity}): a code names one "
                            "unit at a time",
                            code=code,
                            earlier=earlier.name,
                            earlier_validity=validity(earlier),
                            later=later.name,
                            later_validity=validity(later),
                        )
                    )
            versions[code] = tuple(items)
        children: dict[str | None, list[AdministrativeUnit]] = {}
        for unit in self.units:
            children.setdefault(unit.parent, []).append(unit)
        object.__setattr__(self, "_versions", versions)
        object.__setattr__(self, "_children", children)
        upward = True
        for unit in self.units:
            if unit.parent is None:
                continue
            parents = versions.get(unit.parent, ())
            if any(p.level.rank >= unit.level.rank for p in parents):
                upward = False
        if not upward:  # parents always a level up cannot form a cycle
            self._check_acyclic()
        for unit in self.units:
            if unit.parent is None:
                continue
            if unit.parent not in versions:
                raise InvalidValueError(
                    Message(
                        "Hierarchy: {level} {code} ({name}) names parent {parent!r}, which is "
                        "not in the hierarchy",
                        level=_LEVEL_WORDS[unit.level],
                        code=unit.code,
                        name=unit.name,
                        parent=unit.parent,
                    )
                )
            overlapping = [p for p in versions[unit.parent] if _overlap(p, unit)]
            if not overlapping:
                raise InvalidValueError(
                    Message(
                        "Hierarchy: {level} {code} ({name}, {validity}) names parent "
                        "{parent!r}, which does not exist at that time",
                        level=_LEVEL_WORDS[unit.level],
                        code=unit.code,
                        name=unit.name,
                        validity=validity(unit),
                        parent=unit.parent,
                    )
                )
            for parent in overlapping:
                if parent.level.rank >= unit.level.rank:
                    raise InvalidValueError(
                        Message(
                            "Hierarchy: {level} {code} ({name}) has parent {parent} at level "
                            "{parent_level} (expected a level above {level})",
                            level=_LEVEL_WORDS[unit.level],
                            code=unit.code,
                            name=unit.name,
                            parent=parent.code,
                            parent_level=_LEVEL_WORDS[parent.level],
                        )
                    )

    def _check_acyclic(self) -> None:
        parents: dict[str, set[str]] = {}
        for unit in self.units:
            if unit.parent is not None:
                parents.setdefault(unit.code, set()).add(unit.parent)
        state: dict[str, int] = {}

        def visit(code: str, path: list[str]) -> None:
            state[code] = 1
            path.append(code)
            for parent in sorted(parents.get(code, ())):
                if state.get(parent) == 1:
                    cycle = [*path[path.index(parent) :], parent]
                    raise InvalidValueError(
                        Message("Hierarchy: cycle in parents {cycle}", cycle=" → ".join(cycle))
                    )
                if state.get(parent, 0) == 0:
                    visit(parent, path)
            path.pop()
            state[code] = 2

        for code in self._versions:
            if state.get(code, 0) == 0:
                visit(code, [])

    def __len__(self) -> int:
        return len(self.units)

    def __iter__(self) -> Iterator[AdministrativeUnit]:
        return iter(self.units)

    def __contains__(self, code: object) -> bool:
        return code in self._versions

    def versions(self, code: str) -> tuple[AdministrativeUnit, ...]:
        """Every unit that has had this code, oldest first (empty when none)."""
        return self._versions.get(code, ())

    def get(self, code: str, on: date | None = None) -> AdministrativeUnit:
        """The unit with this code (on the day ``on``, when given).

        Raises:
            NotFoundError: no unit has the code, none had it on ``on``, or the code names
                several units over time and no day is given.
        """
        found = self._versions.get(code)
        if not found:
            raise NotFoundError(Message("no administrative unit with code {code!r}", code=code))
        if on is None:
            if len(found) == 1:
                return found[0]
            raise NotFoundError(
                Message(
                    "code {code!r} has named {n} units over time ({history}): give a date",
                    code=code,
                    n=len(found),
                    history=_history(found),
                )
            )
        for unit in found:
            if unit.active_on(on):
                return unit
        raise NotFoundError(
            Message(
                "no administrative unit had code {code!r} on {day}: {history}",
                code=code,
                day=on,
                history=_history(found),
            )
        )

    def parent_of(self, unit: AdministrativeUnit) -> AdministrativeUnit | None:
        """The unit's parent: the unit with its parent code that exists with it (the one
        it started under when there were several); None for a root."""
        if unit.parent is None or unit.parent not in self._versions:
            return None
        for parent in self._versions[unit.parent]:
            if _overlap(parent, unit):
                return parent
        return None

    def find(self, name: str) -> tuple[AdministrativeUnit, ...]:
        """Units whose name matches, ignoring diacritics, case and the kind prefix."""
        key = fold_name(name)
        found = []
        for unit in self.units:
            full = fold_name(unit.name)
            if key == full or full.endswith(" " + key):
                found.append(unit)
        return tuple(found)

    def roots(self) -> tuple[AdministrativeUnit, ...]:
        """Units with no parent in this hierarchy (provinces, or the top of a sub-tree)."""
        return tuple(u for u in self.units if u.parent is None or u.parent not in self._versions)

    def _below(self, unit: AdministrativeUnit) -> list[AdministrativeUnit]:
        return [c for c in self._children.get(unit.code, ()) if _overlap(c, unit)]

    def children(self, code: str, on: date | None = None) -> tuple[AdministrativeUnit, ...]:
        """The units directly under ``code`` (on the day ``on``, when given)."""
        if on is not None:
            return tuple(self._below(self.get(code, on)))
        if code not in self._versions:
            raise NotFoundError(Message("no administrative unit with code {code!r}", code=code))
        return tuple(self._children.get(code, ()))

    def ancestors(self, code: str, on: date | None = None) -> tuple[AdministrativeUnit, ...]:
        """The chain of parents of ``code``, nearest first."""
        chain = []
        parent = self.parent_of(self.get(code, on))
        while parent is not None:
            chain.append(parent)
            parent = self.parent_of(parent)
        return tuple(chain)

    def ancestor_at(
        self, code: str, level: Level | str, on: date | None = None
    ) -> AdministrativeUnit | None:
        """The unit at ``level`` above (or equal to) ``code``; None if the tree skips it."""
        level = Level(level)
        unit = self.get(code, on)
        if unit.level is level:
            return unit
        return next((a for a in self.ancestors(code, on) if a.level is level), None)

    def descendants(
        self, code: str, level: Level | str | None = None, on: date | None = None
    ) -> tuple[AdministrativeUnit, ...]:
        """Every unit below ``code`` (optionally only those at ``level``), depth first."""
        wanted = None if level is None else Level(level)
        tops = [self.get(code, on)] if on is not None else list(self.versions(code))
        if not tops:
            self.get(code)
        out: list[AdministrativeUnit] = []
        seen: set[int] = set()
        for top in tops:
            stack = list(reversed(self._below(top)))
            while stack:
                unit = stack.pop()
                if id(unit) in seen or (on is not None and not unit.active_on(on)):
                    continue
                seen.add(id(unit))
                if wanted is None or unit.level is wanted:
                    out.append(unit)
                stack.extend(reversed(self._below(unit)))
        return tuple(out)

    def leaves(self, code: str, on: date | None = None) -> tuple[AdministrativeUnit, ...]:
        """The units below ``code`` with no children (``code`` itself if it has none)."""
        below = self.descendants(code, on=on)
        if not below:
            return (self.get(code, on),) if on is not None else self.versions(code)
        return tuple(u for u in below if not self._below(u))

    def at_level(self, level: Level | str) -> tuple[AdministrativeUnit, ...]:
        """Every unit at ``level``."""
        wanted = Level(level)
        return tuple(u for u in self.units if u.level is wanted)

    def at(self, day: date) -> Hierarchy:
        """The tree as it stood on ``day``: only units active then (each code once)."""
        return Hierarchy(tuple(u for u in self.units if u.active_on(day)))

    def subtree(self, code: str, on: date | None = None) -> Hierarchy:
        """``code`` and everything below it, plus its ancestors for context."""
        top = [self.get(code, on)] if on is not None else list(self.versions(code))
        keep = [*reversed(self.ancestors(code, on)), *top, *self.descendants(code, on=on)]
        return Hierarchy(tuple(dict.fromkeys(keep)))

    @classmethod
    def of(cls, units: Iterable[AdministrativeUnit]) -> Hierarchy:
        """Build a hierarchy from any iterable of units."""
        return cls(tuple(units))
