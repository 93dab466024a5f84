"""Units over time: reforms that merge and split."""

from __future__ import annotations

from datetime import date, timedelta

import attrs
from hypothesis import strategies as st

from child_welfare_plan.model import (
    AdministrativeUnit,
    Level,
)
from child_welfare_plan.model.successions import Succession, SuccessionKind, UnitRegister
from child_welfare_plan.model.units import Hierarchy

REFORM_DAYS = (date(2024, 12, 1), date(2025, 7, 1))
"""The days of the two reforms of :func:`unit_histories`: a merger round, then the reform."""


@attrs.frozen
class UnitHistory:
    """A register drawn by :func:`unit_histories`: the units of 2023 (``first``), the
    shares of every split (``weights``) and a figure for each unit of 2023 (``values``)."""

    register: UnitRegister
    first: tuple[AdministrativeUnit, ...]
    weights: dict[tuple[str, str], float]
    values: dict[str, int]


@st.composite
def unit_histories(draw: st.DrawFn, max_units: int = 8) -> UnitHistory:
    """Communes of one province through two reforms (:data:`REFORM_DAYS`). At each, some
    units carry on unchanged and the others are merged in groups (the merged unit keeps
    the code of its first member, as a reused code does), split in two or three (the first
    piece keeps the code, unless that pair of codes was split before: shares are given by
    pairs of codes), or split in two with one piece merged with whole units into a unit that
    keeps the split unit's code (what happened to Xã Hưng Đạo, 11086, on 01/07/2025); every
    split gets drawn shares adding up to 1."""
    province = AdministrativeUnit(code="31", name="Tỉnh Thử", level=Level.PROVINCE)
    serial = iter(range(10003, 99999, 3))
    current = [
        AdministrativeUnit(code=str(next(serial)), name=f"Xã {i}", level="commune", parent="31")
        for i in range(draw(st.integers(1, max_units)))
    ]
    first = tuple(current)
    ended: list[AdministrativeUnit] = []
    successions: list[Succession] = []
    weights: dict[tuple[str, str], float] = {}
    for day in REFORM_DAYS:
        order = draw(st.permutations(current))
        changed: list[AdministrativeUnit] = []
        result: list[AdministrativeUnit] = []
        for unit in order:
            (result if draw(st.booleans()) else changed).append(unit)
        while changed:
            how = draw(st.sampled_from(("merge", "split", "split-into-merge")))
            if how == "split-into-merge" and len(changed) >= 2:
                # Xã Hưng Đạo (11086) in 2025: split, one piece merged with whole units
                # into a unit that reuses its code, the other piece gone elsewhere.
                size = draw(st.integers(1, min(2, len(changed) - 1)))
                old, group, changed = changed[0], changed[1 : 1 + size], changed[1 + size :]
                keep = (old.code, old.code) not in weights
                merged = AdministrativeUnit(
                    code=old.code if keep else str(next(serial)),
                    name=f"Xã {next(serial)}",
                    level="commune",
                    parent="31",
                    valid_from=day,
                )
                other = str(next(serial))
                pieces = [
                    merged,
                    AdministrativeUnit(
                        code=other, name=f"Xã {other}", level="commune", parent="31", valid_from=day
                    ),
                ]
                part = draw(st.integers(1, 9))
                for piece, share in zip(pieces, (part / 10, 1 - part / 10), strict=True):
                    weights[(old.code, piece.code)] = share
                    successions.append(
                        Succession(old=old.code, new=piece.code, effective=day, kind="split")
                    )
                successions += [
                    Succession(old=u.code, new=merged.code, effective=day, kind="merge")
                    for u in group
                ]
                olds = [old, *group]
            elif how == "merge":  # a merge of one to three units
                size = draw(st.integers(1, min(3, len(changed))))
                group, changed = changed[:size], changed[size:]
                new = attrs.evolve(
                    group[0], name=f"Xã {next(serial)}", valid_from=day, valid_to=None
                )
                kind = SuccessionKind.MERGE if size > 1 else SuccessionKind.RENAME
                successions += [
                    Succession(old=u.code, new=new.code, effective=day, kind=kind) for u in group
                ]
                pieces = [new]
                olds = group
            else:  # a split in two or three
                old, changed = changed[0], changed[1:]
                codes = [str(next(serial)) for _ in range(draw(st.integers(2, 3)))]
                if (old.code, old.code) not in weights:  # the first piece keeps the code
                    codes[0] = old.code
                pieces = [
                    AdministrativeUnit(
                        code=c, name=f"Xã {c}", level="commune", parent="31", valid_from=day
                    )
                    for c in codes
                ]
                parts = [draw(st.integers(1, 9)) for _ in pieces]
                for piece, part in zip(pieces, parts, strict=True):
                    weights[(old.code, piece.code)] = part / sum(parts)
                    successions.append(
                        Succession(old=old.code, new=piece.code, effective=day, kind="split")
                    )
                olds = [old]
            ended += [attrs.evolve(u, valid_to=day - timedelta(days=1)) for u in olds]
            result += pieces
        current = result
    values = {u.code: draw(st.integers(0, 500)) for u in first}
    register = UnitRegister(Hierarchy([province, *current, *ended]), tuple(successions))
    return UnitHistory(
        register=register,
        first=tuple(register.hierarchy.get(u.code, date(2023, 6, 1)) for u in first),
        weights=weights,
        values=values,
    )
