"""The bodies a local child-welfare plan names at each level, and the days they exist.

``data/agencies.toml`` lists, per level of local government, the People's Committee and
the office that advises it on children's affairs, with validity and legal basis: the
labour sector's offices until 28/02/2025, the health sector's from 01/03/2025, the
district bodies until 30/06/2025, the commune's Phòng Văn hóa - Xã hội from 01/07/2025.
:func:`agencies_for` turns them into the :class:`~child_welfare_plan.model.Agency` values
of one unit for a span of days (``cwp new-pack`` writes them into a new plan).

References:
    * Decree 42/2025/NĐ-CP (27/02/2025, in force 01/03/2025): functions of the Ministry of
      Health, including mothers and children and social protection.
    * Circular 20/2025/TT-BYT (23/06/2025): health offices of provincial and commune People's
      Committees (seen in secondary sources).
    * Decree 150/2025/NĐ-CP (12/06/2025): specialised offices of provincial and commune
      People's Committees (check).
    * Resolution 202/2025/QH15: two tiers of local government from 01/07/2025.
"""

from __future__ import annotations

import functools
import tomllib
from datetime import date
from importlib import resources

import attrs

from child_welfare_plan.model.agencies import Agency, AgencyKind
from child_welfare_plan.model.units import AdministrativeUnit, Level

__all__ = ["AgencyRole", "agencies_for", "agency_roles", "english_name", "unit_in_text"]


def unit_in_text(unit: AdministrativeUnit) -> str:
    """The unit's name as it reads inside a sentence: ``xã Tứ Kỳ``, ``thành phố Hải Phòng``."""
    return unit.name[:1].lower() + unit.name[1:]


_KIND_EN = {
    "tinh": ("Tỉnh", "province"),
    "thanh-pho-trung-uong": ("Thành phố", "city"),
    "huyen": ("Huyện", "district"),
    "quan": ("Quận", "urban district"),
    "thi-xa": ("Thị xã", "town"),
    "thanh-pho": ("Thành phố", "city"),
    "xa": ("Xã", "commune"),
    "phuong": ("Phường", "ward"),
    "thi-tran": ("Thị trấn", "township"),
    "dac-khu": ("Đặc khu", "special zone"),
}


def english_name(unit: AdministrativeUnit) -> str:
    """The unit's English name: its own, else ``Tứ Kỳ commune``, ``Hải Phòng city``."""
    if unit.name_en:
        return unit.name_en
    if unit.kind is not None and unit.kind.value in _KIND_EN:
        prefix, word = _KIND_EN[unit.kind.value]
        if unit.name.startswith(prefix + " "):
            return f"{unit.name[len(prefix) + 1 :]} {word}"
    return unit.name


@attrs.frozen(kw_only=True)
class AgencyRole:
    """A body every unit of a level has (or had): its key, names and validity."""

    key: str
    level: Level = attrs.field(converter=Level)
    role: str
    kind: AgencyKind = attrs.field(converter=AgencyKind)
    name: str
    name_en: str
    valid_from: date | None = None
    valid_to: date | None = None
    basis: str | None = None

    def active_between(self, start: date, end: date) -> bool:
        """True when the body exists on some day from ``start`` to ``end``."""
        return (self.valid_from is None or self.valid_from <= end) and (
            self.valid_to is None or start <= self.valid_to
        )

    def code_for(self, unit: AdministrativeUnit) -> str:
        """The agency code in a plan: ``ubnd-<unit code>`` for a committee, else the key."""
        return f"{self.key}-{unit.code}" if self.role == "committee" else self.key

    def agency(self, unit: AdministrativeUnit) -> Agency:
        """The body of ``unit``, bounded by the role's validity."""
        words = {"unit": unit_in_text(unit), "unit_en": english_name(unit)}
        return Agency(
            code=self.code_for(unit),
            name=self.name.format(**words),
            name_en=self.name_en.format(**words),
            unit=unit.code,
            kind=self.kind,
            valid_from=self.valid_from,
            valid_to=self.valid_to,
        )


@functools.cache
def agency_roles() -> tuple[AgencyRole, ...]:
    """Every role of ``data/agencies.toml`` (read once)."""
    path = resources.files(__package__).joinpath("data", "agencies.toml")
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return tuple(AgencyRole(**item) for item in data["agencies"])


def agencies_for(
    unit: AdministrativeUnit,
    start: date,
    end: date,
    roles: tuple[str, ...] = ("committee", "children"),
) -> tuple[AgencyRole, ...]:
    """The roles of ``unit``'s level that exist on some day from ``start`` to ``end``."""
    return tuple(
        r
        for r in agency_roles()
        if r.level is unit.level and r.role in roles and r.active_between(start, end)
    )
