"""Administrative units and their hierarchy at a date.

The tree is not hard-wired to three levels: since 01/07/2025 communes sit directly under
provinces, so a parent only has to be at a *higher* level than its child.

References:
    * Decision 124/2004/QĐ-TTg on the list and codes of administrative units (GSO codes).
    * Resolution 1669/NQ-UBTVQH15 (2025) and the two-tier local government from 01/07/2025.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date
from enum import StrEnum

import attrs

from child_welfare_plan.errors import InvalidValueError, NotFoundError
from child_welfare_plan.model import validators as v

__all__ = ["AdministrativeUnit", "Hierarchy", "Level", "UnitKind", "fold_name"]


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
                f"unknown kind of administrative unit {text!r} "
                f"(expected one of {', '.join(sorted(_KIND_BY_NAME))})"
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
                raise InvalidValueError(
                    f"AdministrativeUnit.parent: unit {self.code} is its own parent"
                )
        elif self.level is not Level.PROVINCE:
            raise InvalidValueError(
                f"AdministrativeUnit.parent: {self.level} {self.code} has no parent "
                "(expected the code of a higher-level unit)"
            )

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


@attrs.frozen
class Hierarchy:
    """A tree of units: lookups by code and name, children, ancestors, leaves.

    Building one checks the tree: every parent exists and stands at a higher level than its
    child, no code repeats, and there is no cycle. Use :meth:`at` for the tree at a date.
    """

    units: tuple[AdministrativeUnit, ...] = attrs.field(converter=v.to_tuple)
    _by_code: dict[str, AdministrativeUnit] = attrs.field(init=False, repr=False, eq=False)
    _children: dict[str | None, list[str]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        by_code: dict[str, AdministrativeUnit] = {}
        for unit in self.units:
            if unit.code in by_code:
                raise InvalidValueError(f"Hierarchy: unit code {unit.code!r} appears twice")
            by_code[unit.code] = unit
        children: dict[str | None, list[str]] = {}
        for unit in self.units:
            if unit.parent is not None and unit.parent not in by_code:
                raise InvalidValueError(
                    f"Hierarchy: {unit.level} {unit.code} ({unit.name}) names parent "
                    f"{unit.parent!r}, which is not in the hierarchy"
                )
            children.setdefault(unit.parent, []).append(unit.code)
        object.__setattr__(self, "_by_code", by_code)
        object.__setattr__(self, "_children", children)
        self._check_acyclic()
        for unit in self.units:
            parent = by_code.get(unit.parent) if unit.parent is not None else None
            if parent is not None and parent.level.rank >= unit.level.rank:
                raise InvalidValueError(
                    f"Hierarchy: {unit.level} {unit.code} ({unit.name}) has parent "
                    f"{parent.code} at level {parent.level} "
                    f"(expected a level above {unit.level})"
                )

    def _check_acyclic(self) -> None:
        state: dict[str, int] = {}
        for start in self._by_code:
            path: list[str] = []
            node: str | None = start
            while node is not None and state.get(node, 0) == 0:
                state[node] = 1
                path.append(node)
                node = self._by_code[node].parent
            if node is not None and state.get(node) == 1:
                cycle = [*path[path.index(node) :], node]
                raise InvalidValueError(f"Hierarchy: cycle in parents {' → '.join(cycle)}")
            for done in path:
                state[done] = 2

    def __len__(self) -> int:
        return len(self.units)

    def __iter__(self) -> Iterator[AdministrativeUnit]:
        return iter(self.units)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, code: str) -> AdministrativeUnit:
        """The unit with this code; :class:`NotFoundError` if there is none."""
        try:
            return self._by_code[code]
        except KeyError:
            raise NotFoundError(f"no administrative unit with code {code!r}") from None

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
        return tuple(u for u in self.units if u.parent is None or u.parent not in self._by_code)

    def children(self, code: str) -> tuple[AdministrativeUnit, ...]:
        """The units directly under ``code``."""
        self.get(code)
        return tuple(self._by_code[c] for c in self._children.get(code, ()))

    def ancestors(self, code: str) -> tuple[AdministrativeUnit, ...]:
        """The chain of parents of ``code``, nearest first."""
        chain = []
        parent = self.get(code).parent
        while parent is not None and parent in self._by_code:
            unit = self._by_code[parent]
            chain.append(unit)
            parent = unit.parent
        return tuple(chain)

    def ancestor_at(self, code: str, level: Level | str) -> AdministrativeUnit | None:
        """The unit at ``level`` above (or equal to) ``code``; None if the tree skips it."""
        level = Level(level)
        unit = self.get(code)
        if unit.level is level:
            return unit
        return next((a for a in self.ancestors(code) if a.level is level), None)

    def descendants(
        self, code: str, level: Level | str | None = None
    ) -> tuple[AdministrativeUnit, ...]:
        """Every unit below ``code`` (optionally only those at ``level``), depth first."""
        wanted = None if level is None else Level(level)
        out: list[AdministrativeUnit] = []
        stack = list(reversed(self._children.get(code, ())))
        self.get(code)
        while stack:
            unit = self._by_code[stack.pop()]
            if wanted is None or unit.level is wanted:
                out.append(unit)
            stack.extend(reversed(self._children.get(unit.code, ())))
        return tuple(out)

    def leaves(self, code: str) -> tuple[AdministrativeUnit, ...]:
        """The units below ``code`` with no children (``code`` itself if it has none)."""
        if not self._children.get(code):
            return (self.get(code),)
        return tuple(u for u in self.descendants(code) if not self._children.get(u.code))

    def at_level(self, level: Level | str) -> tuple[AdministrativeUnit, ...]:
        """Every unit at ``level``."""
        wanted = Level(level)
        return tuple(u for u in self.units if u.level is wanted)

    def at(self, day: date) -> Hierarchy:
        """The tree as it stood on ``day``: only units active then."""
        return Hierarchy(tuple(u for u in self.units if u.active_on(day)))

    def subtree(self, code: str) -> Hierarchy:
        """``code`` and everything below it, plus its ancestors for context."""
        keep = [*reversed(self.ancestors(code)), self.get(code), *self.descendants(code)]
        return Hierarchy(tuple(keep))

    @classmethod
    def of(cls, units: Iterable[AdministrativeUnit]) -> Hierarchy:
        """Build a hierarchy from any iterable of units."""
        return cls(tuple(units))
