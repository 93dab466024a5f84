"""Administrative units over time: what became of a unit, and a register of all of them.

A :class:`Succession` says that on its ``effective`` day (part of) one unit passed to
another: a **merge** (the whole unit joins a new one, with others), a **split** (the unit
is divided; each piece is one succession, with its ``share`` when known), a **rename** or
a **re-parenting** (the same territory under a new name, kind or parent). The old unit
ends the day before ``effective``, the new one begins on it. When the new unit keeps the
old one's code, the code is *reused*: it names a different unit from that day.

A :class:`UnitRegister` holds every unit that has existed (a
:class:`~child_welfare_plan.model.units.Hierarchy` over time) and the successions between
them. It answers "which unit had this code on this day", "what came before and after", and
"where is this unit's territory on another day" (:meth:`UnitRegister.forward`), the basis
of re-aggregating figures across a reform.

References:
    * Resolution 202/2025/QH15 of the National Assembly (12/06/2025) on the rearrangement
      of provinces: 34 provinces from 01/07/2025.
    * Decision 19/2025/QĐ-TTg on the list and codes of administrative units (check): a
      merged unit keeps the code of the unit where its People's Committee sits.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from enum import StrEnum

import attrs

from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model import validators as v
from child_welfare_plan.model.findings import Composed
from child_welfare_plan.model.units import AdministrativeUnit, Hierarchy, fold_name, validity

__all__ = [
    "Ending",
    "Link",
    "Succession",
    "SuccessionKind",
    "UnitKey",
    "UnitRegister",
    "Weights",
    "describe",
    "unit_key",
]

_DAY = timedelta(days=1)

UnitKey = tuple[str, date | None]
"""A unit's identity: its code and the first day of its validity (None: before records)."""


def unit_key(unit: AdministrativeUnit) -> UnitKey:
    """The identity of a unit: ``(code, valid_from)``."""
    return (unit.code, unit.valid_from)


class SuccessionKind(StrEnum):
    """How a unit passed to its successor."""

    MERGE = "merge"
    """The whole unit joined a new unit, together with others."""
    SPLIT = "split"
    """The unit was divided; this succession carries one piece of it."""
    RENAME = "rename"
    """The same territory under a new name or kind (or a new code)."""
    REPARENT = "reparent"
    """The same territory under a new parent (and perhaps a new name)."""


def _share(inst: object, attribute: attrs.Attribute[float | None], value: float | None) -> None:
    if value is not None and not (0.0 < value <= 1.0 and math.isfinite(value)):
        problem = Message("{share!r} (expected a fraction above 0 and at most 1)", share=value)
        raise InvalidValueError(v.owned("Succession", "share", problem))


@attrs.frozen(kw_only=True)
class Succession:
    """On ``effective``, (part of) unit ``old`` passed to unit ``new``.

    ``share`` is the part of ``old`` that went to ``new``: always 1 for a merge, a rename
    or a re-parenting; for a split, the share when a source states it, else None.
    ``date_estimated`` says that the register does not know the exact day and uses an
    estimate; ``basis`` cites the legal act; ``note`` says how the row was derived when it
    is a heuristic.
    """

    old: str = attrs.field(validator=v.unit_code)
    new: str = attrs.field(validator=v.unit_code)
    effective: date
    kind: SuccessionKind = attrs.field(converter=SuccessionKind)
    share: float | None = attrs.field(default=None, validator=_share)
    basis: str | None = None
    date_estimated: bool = False
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.kind is not SuccessionKind.SPLIT:
            if self.share not in (None, 1.0):
                raise InvalidValueError(
                    Message(
                        "Succession {old} → {new}: a {kind} carries the whole unit (share 1), "
                        "not {share!r}",
                        old=self.old,
                        new=self.new,
                        kind=str(self.kind),
                        share=self.share,
                    )
                )
            object.__setattr__(self, "share", 1.0)

    @property
    def reuses_code(self) -> bool:
        """True when the new unit keeps the old one's code but is a different unit (a merge
        or a split into a unit that keeps the code)."""
        return self.old == self.new and self.kind in (SuccessionKind.MERGE, SuccessionKind.SPLIT)


@attrs.frozen(kw_only=True)
class Ending:
    """A unit that ends with no successor (a district abolished on 01/07/2025), or whose
    successor no source names."""

    code: str = attrs.field(validator=v.unit_code)
    effective: date
    """The first day the unit no longer exists."""
    basis: str | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class Link:
    """Where (part of) a unit's territory lies on a day: in ``unit``, for ``share`` of it.

    ``share`` is None when a split with no known share lies on the way (``splits`` lists
    those splits); ``estimated`` says that a share given by the caller was applied.
    """

    unit: AdministrativeUnit
    share: float | None
    estimated: bool = False
    splits: tuple[Succession, ...] = ()


Weights = Mapping[tuple[str, str], float]
"""Shares of splits given by a caller: ``(old code, new code) → share``."""


@attrs.frozen
class UnitRegister:
    """Every unit that has existed, and the successions between them.

    Building one checks that each succession joins a unit ending the day before it to a
    unit beginning on it, that a unit passing to several successors is split (and a split
    unit's known shares add up to at most 1).
    """

    hierarchy: Hierarchy
    successions: tuple[Succession, ...] = attrs.field(converter=v.to_tuple, default=())
    endings: tuple[Ending, ...] = attrs.field(converter=v.to_tuple, default=())
    _after: dict[UnitKey, list[Succession]] = attrs.field(init=False, repr=False, eq=False)
    _before: dict[UnitKey, list[Succession]] = attrs.field(init=False, repr=False, eq=False)
    _ends: dict[tuple[str, date], Ending] = attrs.field(init=False, repr=False, eq=False)
    _by_end: dict[tuple[str, date | None], AdministrativeUnit] = attrs.field(
        init=False, repr=False, eq=False
    )
    _by_start: dict[tuple[str, date | None], AdministrativeUnit] = attrs.field(
        init=False, repr=False, eq=False
    )

    def __attrs_post_init__(self) -> None:
        ends = {(u.code, u.valid_to): u for u in self.hierarchy if u.valid_to is not None}
        starts = {(u.code, u.valid_from): u for u in self.hierarchy if u.valid_from is not None}
        object.__setattr__(self, "_by_end", ends)
        object.__setattr__(self, "_by_start", starts)
        after: dict[UnitKey, list[Succession]] = {}
        before: dict[UnitKey, list[Succession]] = {}
        for item in self.successions:
            old, new = self._ends_before(item), self._begins_on(item)
            after.setdefault(unit_key(old), []).append(item)
            before.setdefault(unit_key(new), []).append(item)
        for key, items in after.items():
            kinds = {s.kind for s in items}
            if len(items) > 1 and kinds != {SuccessionKind.SPLIT}:
                raise InvalidValueError(
                    Message(
                        "UnitRegister: unit {unit} passes to {n} units ({units}) but not by a "
                        "split",
                        unit=key[0],
                        n=len(items),
                        units=", ".join(s.new for s in items),
                    )
                )
            known = [s.share for s in items if s.share is not None]
            if len(items) > 1 and math.fsum(known) > 1.0 + 1e-9:
                raise InvalidValueError(
                    Message(
                        "UnitRegister: the shares of the split of {unit} add up to {total!r}, "
                        "more than 1",
                        unit=key[0],
                        total=math.fsum(known),
                    )
                )
        object.__setattr__(self, "_after", after)
        object.__setattr__(self, "_before", before)
        object.__setattr__(self, "_ends", {(e.code, e.effective): e for e in self.endings})

    def _ends_before(self, item: Succession) -> AdministrativeUnit:
        day = item.effective - _DAY
        found = self._by_end.get((item.old, day))
        if found is None:
            raise InvalidValueError(
                Message(
                    "UnitRegister: succession {old} → {new} on {effective}: no unit {old} ends "
                    "on {day}",
                    old=item.old,
                    new=item.new,
                    effective=item.effective,
                    day=day,
                )
            )
        return found

    def _begins_on(self, item: Succession) -> AdministrativeUnit:
        found = self._by_start.get((item.new, item.effective))
        if found is None:
            raise InvalidValueError(
                Message(
                    "UnitRegister: succession {old} → {new} on {effective}: no unit {new} "
                    "begins that day",
                    old=item.old,
                    new=item.new,
                    effective=item.effective,
                )
            )
        return found

    # Lookups ---------------------------------------------------------------------------

    def __contains__(self, code: object) -> bool:
        return code in self.hierarchy

    def versions(self, code: str) -> tuple[AdministrativeUnit, ...]:
        """Every unit that has had ``code``, oldest first."""
        return self.hierarchy.versions(code)

    def unit(self, code: str, on: date) -> AdministrativeUnit:
        """The unit that had ``code`` on ``on``.

        Raises:
            NotFoundError: no unit had the code that day (the message says when units did).
        """
        return self.hierarchy.get(code, on)

    def parent(self, unit: AdministrativeUnit) -> AdministrativeUnit | None:
        """The unit's parent (the one it began under)."""
        return self.hierarchy.parent_of(unit)

    def at(self, day: date) -> Hierarchy:
        """The units in force on ``day``."""
        return self.hierarchy.at(day)

    def successors(self, unit: AdministrativeUnit) -> tuple[Succession, ...]:
        """What the unit passed to when it ended (empty while it exists, or when it ended
        with no successor)."""
        return tuple(self._after.get(unit_key(unit), ()))

    def predecessors(self, unit: AdministrativeUnit) -> tuple[Succession, ...]:
        """What the unit was formed from (empty for a unit older than the register)."""
        return tuple(self._before.get(unit_key(unit), ()))

    def ending(self, unit: AdministrativeUnit) -> Ending | None:
        """Why the unit ended with no successor, when the register says."""
        if unit.valid_to is None:
            return None
        return self._ends.get((unit.code, unit.valid_to + _DAY))

    def old_unit(self, item: Succession) -> AdministrativeUnit:
        """The unit a succession starts from."""
        return self._ends_before(item)

    def new_unit(self, item: Succession) -> AdministrativeUnit:
        """The unit a succession leads to."""
        return self._begins_on(item)

    def search(self, text: str) -> tuple[AdministrativeUnit, ...]:
        """Units whose name contains ``text`` as whole words, ignoring diacritics and case
        ("tu ky" finds Huyện Tứ Kỳ, Thị trấn Tứ Kỳ and Xã Tứ Kỳ), oldest first."""
        words = fold_name(text).split()
        if not words:
            return ()
        n = len(words)
        found = []
        for unit in self.hierarchy.units:
            name = fold_name(unit.name).split()
            if any(name[i : i + n] == words for i in range(len(name) - n + 1)):
                found.append(unit)
        return tuple(sorted(found, key=lambda u: (u.code, u.valid_from or date.min)))

    # Across time -----------------------------------------------------------------------

    def forward(
        self, unit: AdministrativeUnit, day: date, weights: Weights | None = None
    ) -> tuple[Link, ...]:
        """The units in force on ``day`` that hold ``unit``'s territory, with the share of
        it each holds (the product of the shares on the way, summed over the ways).

        A split's share comes from ``weights`` (``(old code, new code) → share``; such a
        link is ``estimated``), else from the register, else it is unknown (None). A unit
        that ended with no successor leads nowhere.

        Raises:
            InvalidValueError: ``day`` is before the unit began (figures are carried
                forward in time only).
        """
        if unit.valid_from is not None and day < unit.valid_from:
            raise InvalidValueError(
                Message(
                    "unit {code} ({name}) began on {start}: it cannot be carried back to {day}",
                    code=unit.code,
                    name=unit.name,
                    start=unit.valid_from,
                    day=day,
                )
            )
        found: dict[UnitKey, Link] = {}
        stack: list[tuple[AdministrativeUnit, float | None, bool, tuple[Succession, ...]]] = [
            (unit, 1.0, False, ())
        ]
        while stack:
            here, share, estimated, splits = stack.pop()
            if here.active_on(day):
                key = unit_key(here)
                seen = found.get(key)
                if seen is not None:
                    share = None if share is None or seen.share is None else share + seen.share
                    estimated = estimated or seen.estimated
                    splits = (*seen.splits, *(s for s in splits if s not in seen.splits))
                found[key] = Link(unit=here, share=share, estimated=estimated, splits=splits)
                continue
            for item in self.successors(here):
                part: float | None = item.share
                used = False
                if item.kind is SuccessionKind.SPLIT and weights is not None:
                    given = weights.get((item.old, item.new))
                    if given is not None:
                        part, used = given, True
                missing = (item,) if part is None else ()
                stack.append(
                    (
                        self._begins_on(item),
                        None if share is None or part is None else share * part,
                        estimated or used,
                        (*splits, *missing),
                    )
                )
        return tuple(sorted(found.values(), key=lambda link: link.unit.code))

    def backward(self, unit: AdministrativeUnit, day: date) -> tuple[AdministrativeUnit, ...]:
        """The units in force on ``day`` whose territory (or part of it) ``unit`` holds.

        Raises:
            InvalidValueError: ``day`` is after the unit ended.
        """
        if unit.valid_to is not None and day > unit.valid_to:
            raise InvalidValueError(
                Message(
                    "unit {code} ({name}) ended on {end}: it has no predecessors on {day}",
                    code=unit.code,
                    name=unit.name,
                    end=unit.valid_to,
                    day=day,
                )
            )
        found: dict[UnitKey, AdministrativeUnit] = {}
        stack = [unit]
        while stack:
            here = stack.pop()
            if here.active_on(day):
                found.setdefault(unit_key(here), here)
                continue
            stack.extend(self._ends_before(item) for item in self.predecessors(here))
        return tuple(sorted(found.values(), key=lambda u: u.code))

    @classmethod
    def of(
        cls,
        units: Iterable[AdministrativeUnit],
        successions: Iterable[Succession] = (),
        endings: Iterable[Ending] = (),
    ) -> UnitRegister:
        """A register from units, successions and endings."""
        return cls(Hierarchy.of(units), tuple(successions), tuple(endings))


def describe(unit: AdministrativeUnit) -> str:
    """``11086 Xã Hưng Đạo (… to 2025-06-30)``."""
    return Composed(
        "{code} {name} ({validity})", code=unit.code, name=unit.name, validity=validity(unit)
    )
