"""The national register of administrative units, 10/04/2023 onwards, as package data.

Three lists are shipped (``data/units/``, gzip CSV): the list of 10/04/2023 (63 provinces,
705 districts, 10,598 communes), the list in force until 30/06/2025 (63 / 696 / 10,035)
and the list of 01/07/2025 (34 provinces, 3,321 communes, no districts); with the
successions between the first two (derived by matching the lists) and the converter of
01/07/2025 (one row per destination of a divided unit). ``transitions.toml`` says when
each change took effect and under which act. :func:`national_register` builds the
:class:`~child_welfare_plan.model.successions.UnitRegister` from them once, on first use.

How the register is built (:func:`build_register`):

* every unit of 2023 is a unit with no recorded start; a unit of the second list is the
  same unit when its code, name and parent did not change (spelling aside), else a new
  unit from the day its province's change took effect (an estimate where that day is not
  known: ``Succession.date_estimated``);
* on 01/07/2025 every district and commune ends; each commune of 01/07/2025 is a new unit,
  even when it keeps an old code (the code is then reused); a province continues when it
  absorbed no other and kept its name, else it is a new unit;
* a succession's kind follows the rows: several destinations → split (share unknown),
  several origins → merge, else a rename or a re-parenting.

Sources and licences: ``data/units/PROVENANCE.md``; rebuild the lists with
``scripts/build_geo_registers.py``.

References:
    * Resolution 202/2025/QH15 of the National Assembly (12/06/2025): 34 provinces.
    * Resolutions of the National Assembly Standing Committee of 16/06/2025, one per
      province, on its communes (Hải Phòng: 1669/NQ-UBTVQH15 (check)).
    * Resolution 1250/NQ-UBTVQH15 (24/10/2024, in force 01/12/2024): Hải Dương's districts
      and communes, 2023–2025.
    * Decision 19/2025/QĐ-TTg on the codes of administrative units (check).
"""

from __future__ import annotations

import collections
import csv
import functools
import gzip
import io
import tomllib
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from importlib import resources
from typing import Any

import attrs

from child_welfare_plan.model.successions import Ending, Succession, SuccessionKind, UnitRegister
from child_welfare_plan.model.units import AdministrativeUnit, Hierarchy

__all__ = [
    "LIST_DATES",
    "RegisterSources",
    "build_register",
    "national_register",
    "read_sources",
]

_DAY = timedelta(days=1)

LIST_DATES = (date(2023, 4, 10), date(2025, 6, 30), date(2025, 7, 1))
"""The days the three shipped lists describe."""

Row = tuple[str, str, str, str, str]
"""``code, name, level, kind, parent`` of a list."""


@attrs.frozen(kw_only=True)
class RegisterSources:
    """The shipped lists as rows: the three lists, the successions between the first two
    (``old, new, kind, note``; ``new`` empty when unresolved) and the converter of
    01/07/2025 (``old, new, divided``)."""

    first: Sequence[Row]
    before_reform: Sequence[Row]
    after_reform: Sequence[Row]
    changes: Sequence[tuple[str, str, str, str]]
    crosswalk: Sequence[tuple[str, str, str]]


def _rows(name: str) -> list[list[str]]:
    path = resources.files(__package__).joinpath("data", "units", name)
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8", newline="") as text:
        rows = list(csv.reader(io.StringIO(text.read())))
    return rows[1:]


def read_sources() -> RegisterSources:
    """The shipped lists, read from the package data."""

    def units(name: str) -> list[Row]:
        return [(r[0], r[1], r[2], r[3], r[4]) for r in _rows(name)]

    return RegisterSources(
        first=units("units_2023-04-10.csv.gz"),
        before_reform=units("units_2025-06-30.csv.gz"),
        after_reform=units("units_2025-07-01.csv.gz"),
        changes=[
            (r[0], r[1], r[2], r[3]) for r in _rows("successions_2023-04-10_2025-06-30.csv.gz")
        ],
        crosswalk=[(r[0], r[1], r[2]) for r in _rows("crosswalk_2025-07-01.csv.gz")],
    )


def _transitions() -> dict[str, Any]:
    path = resources.files(__package__).joinpath("data", "units", "transitions.toml")
    with path.open("rb") as handle:
        return tomllib.load(handle)


@functools.cache
def national_register() -> UnitRegister:
    """The register of every unit since 10/04/2023 (built once, then cached)."""
    return build_register(read_sources(), _transitions())


class _Draft:
    """A unit being built: a row and its validity."""

    __slots__ = ("row", "valid_from", "valid_to")

    def __init__(self, row: Row, valid_from: date | None) -> None:
        self.row = row
        self.valid_from = valid_from
        self.valid_to: date | None = None

    def unit(self) -> AdministrativeUnit:
        code, name, level, kind, parent = self.row
        return AdministrativeUnit(
            code=code,
            name=name,
            level=level,
            kind=kind or None,
            parent=parent or None,
            valid_from=self.valid_from,
            valid_to=self.valid_to,
        )


def _province(units: Mapping[str, Row], code: str) -> str:
    row = units[code]
    while row[4]:
        row = units[row[4]]
    return row[0]


def build_register(sources: RegisterSources, transitions: Mapping[str, Any]) -> UnitRegister:
    """The register from the lists and the dates and acts of ``transitions.toml``."""
    first = {r[0]: r for r in sources.first}
    before = {r[0]: r for r in sources.before_reform}
    after = {r[0]: r for r in sources.after_reform}
    round_one = transitions["round-2023-2025"]
    known = {p["province"]: p for p in round_one.get("provinces", ())}

    def when(units: Mapping[str, Row], code: str) -> tuple[date, str, bool]:
        item = known.get(_province(units, code))
        if item is not None:
            return item["effective"], item["basis"], False
        return round_one["effective"], round_one["basis"], bool(round_one.get("estimated"))

    originals = {code: _Draft(row, None) for code, row in first.items()}
    drafts: list[_Draft] = list(originals.values())
    successions: list[Succession] = []
    endings: list[Ending] = []
    changed = {new for _, new, _, _ in sources.changes if new}
    ended = {old for old, _, _, _ in sources.changes}
    current: dict[str, _Draft] = {}
    for code, row in before.items():
        if code in first and code not in changed and code not in ended:
            current[code] = originals[code]
        else:
            current[code] = _Draft(row, when(before, code)[0])
            drafts.append(current[code])
    for old, new, kind, note in sources.changes:
        effective, basis, estimated = when(before, new) if new else when(first, old)
        originals[old].valid_to = effective - _DAY
        if not new:
            endings.append(Ending(code=old, effective=effective, basis=basis, note=note or None))
            continue
        successions.append(
            Succession(
                old=old,
                new=new,
                effective=effective,
                kind=kind,
                basis=basis,
                date_estimated=estimated,
                note=note or None,
            )
        )
    for code, draft in originals.items():
        if code not in before and code not in ended:
            effective, basis, _ = when(first, code)
            draft.valid_to = effective - _DAY
            endings.append(
                Ending(code=code, effective=effective, basis=basis, note="no successor known")
            )

    reform = transitions["reform-2025"]
    day: date = reform["effective"]
    by_province = {p["province"]: p for p in reform.get("provinces", ())}
    origins: dict[str, set[str]] = collections.defaultdict(set)
    for old, new, _ in sources.crosswalk:
        origins[after[new][4]].add(_province(before, old))
    for draft in current.values():
        if draft.row[2] != "province":
            draft.valid_to = day - _DAY
    for code, olds in sorted(origins.items()):
        row = after[code]
        kept = current.get(code)
        if olds == {code} and kept is not None and kept.row[1:4] == row[1:4]:
            continue
        drafts.append(_Draft(row, day))
        kind = SuccessionKind.MERGE if len(olds) > 1 else SuccessionKind.RENAME
        for old in sorted(olds):
            current[old].valid_to = day - _DAY
            successions.append(
                Succession(old=old, new=code, effective=day, kind=kind, basis=reform["merger"])
            )
    drafts.extend(_Draft(row, day) for row in after.values() if row[2] != "province")
    destinations = collections.Counter(old for old, _, _ in sources.crosswalk)
    origins_of = collections.Counter(new for _, new, _ in sources.crosswalk)
    for old, new, _ in sources.crosswalk:
        was, now = current[old].row, after[new]
        if destinations[old] > 1:
            kind = SuccessionKind.SPLIT
        elif origins_of[new] > 1:
            kind = SuccessionKind.MERGE
        elif was[1] != now[1] or was[3] != now[3]:
            kind = SuccessionKind.RENAME
        else:
            kind = SuccessionKind.REPARENT
        province = after[now[4]]
        text = by_province.get(province[0], {}).get("communes") or reform["communes"].format(
            province=province[1]
        )
        successions.append(
            Succession(
                old=old, new=new, effective=day, kind=kind, basis=f"{text}; {reform['codes']}"
            )
        )
    for code, draft in current.items():
        if draft.valid_to == day - _DAY and code not in destinations and draft.row[2] != "province":
            district = draft.row[2] == "district"
            endings.append(
                Ending(
                    code=code,
                    effective=day,
                    basis=reform["districts"] if district else None,
                    note=None if district else "no successor in the converter",
                )
            )
    units = [d.unit() for d in dict.fromkeys(drafts)]
    return UnitRegister(Hierarchy(units), tuple(successions), tuple(endings))
