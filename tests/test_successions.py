"""Units over time: successions, the register, and carrying figures across reforms.

The laws: carrying a unit's figure forward gives shares that add up to 1 (nothing counted
twice, nothing lost) once every split on the way has shares, else the figure is refused;
merging preserves totals; carrying in two steps (2023 → 2024 → 2025) equals carrying at once.
"""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given, settings

from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.model import AdministrativeUnit
from child_welfare_plan.model.successions import (
    Succession,
    SuccessionKind,
    UnitRegister,
)
from tests.strategies import REFORM_DAYS, UnitHistory, examples, unit_histories

LAST = REFORM_DAYS[-1]
MIDDLE = REFORM_DAYS[0]


def _carry(
    history: UnitHistory, values: dict[str, float], units: tuple[AdministrativeUnit, ...], day: date
) -> dict[str, float]:
    """Carry ``values`` of ``units`` to ``day`` with every split's shares."""
    out: dict[str, float] = {}
    for unit in units:
        for link in history.register.forward(unit, day, history.weights):
            assert link.share is not None
            out[link.unit.code] = out.get(link.unit.code, 0.0) + values[unit.code] * link.share
    return out


@settings(max_examples=examples(150))
@given(unit_histories())
def test_with_shares_every_figure_is_carried_whole_once(history: UnitHistory) -> None:
    """Nothing is counted twice or lost: a unit's shares on any later day add up to 1."""
    for unit in history.first:
        for day in (MIDDLE, LAST):
            links = history.register.forward(unit, day, history.weights)
            shares = [link.share for link in links]
            assert None not in shares
            assert math.isclose(math.fsum(s for s in shares if s is not None), 1.0)
            assert len({link.unit.code for link in links}) == len(links)


@settings(max_examples=examples(150))
@given(unit_histories())
def test_carrying_preserves_totals(history: UnitHistory) -> None:
    """Merging (and splitting with shares) preserves the total of the figures."""
    carried = _carry(history, dict(history.values), history.first, LAST)
    assert math.isclose(math.fsum(carried.values()), sum(history.values.values()), abs_tol=1e-6)
    assert set(carried) <= {u.code for u in history.register.at(LAST) if u.level == "commune"}


@settings(max_examples=examples(150))
@given(unit_histories())
def test_the_chain_equals_the_direct_mapping(history: UnitHistory) -> None:
    """2023 → 2024 → 2025 gives what 2023 → 2025 gives, unit by unit."""
    values = {k: float(v) for k, v in history.values.items()}
    direct = _carry(history, values, history.first, LAST)
    middle = _carry(history, values, history.first, MIDDLE)
    units = tuple(history.register.unit(code, MIDDLE) for code in middle)
    chained = _carry(history, middle, units, LAST)
    assert set(direct) == set(chained)
    for code, value in direct.items():
        assert math.isclose(value, chained[code], rel_tol=1e-9, abs_tol=1e-9)


@settings(max_examples=examples(150))
@given(unit_histories())
def test_without_shares_a_split_on_the_way_leaves_the_share_unknown(
    history: UnitHistory,
) -> None:
    """A figure is carried with known shares exactly when no split lies on its way."""
    for unit in history.first:
        links = history.register.forward(unit, LAST)
        splits = [s for link in links for s in link.splits]
        known = all(link.share is not None for link in links)
        assert known == (not splits)
        if known:
            assert math.isclose(math.fsum(link.share or 0.0 for link in links), 1.0)


@settings(max_examples=examples(100))
@given(unit_histories())
def test_backward_is_the_inverse_of_forward(history: UnitHistory) -> None:
    """A unit of 2025 holds exactly the units of 2023 that lead to it."""
    register = history.register
    leads: dict[str, set[str]] = {
        link.unit.code: set() for unit in history.first for link in register.forward(unit, LAST)
    }
    for unit in history.first:
        for link in register.forward(unit, LAST):
            leads[link.unit.code].add(unit.code)
    for code, origins in leads.items():
        back = register.backward(register.unit(code, LAST), date(2023, 6, 1))
        assert {u.code for u in back} == origins


# -- the register's checks -----------------------------------------------------------------------


def _u(code: str, start: date | None = None, end: date | None = None) -> AdministrativeUnit:
    parent = None if len(code) == 2 else "31"
    level = "province" if parent is None else "commune"
    return AdministrativeUnit(
        code=code, name=f"Xã {code}", level=level, parent=parent, valid_from=start, valid_to=end
    )


END = date(2025, 6, 30)


def test_a_succession_joins_an_ending_unit_to_a_beginning_one() -> None:
    with pytest.raises(InvalidValueError, match="no unit 11083 ends on 2025-06-30"):
        UnitRegister.of(
            [_u("31"), _u("11083"), _u("11086", LAST)],
            [Succession(old="11083", new="11086", effective=LAST, kind="merge")],
        )


def test_a_unit_passing_to_several_units_must_be_split() -> None:
    units = [_u("31"), _u("11086", end=END), _u("11086", LAST), _u("11113", LAST)]
    with pytest.raises(InvalidValueError, match="but not by a split"):
        UnitRegister.of(
            units,
            [
                Succession(old="11086", new="11086", effective=LAST, kind="merge"),
                Succession(old="11086", new="11113", effective=LAST, kind="merge"),
            ],
        )
    with pytest.raises(InvalidValueError, match="add up to"):
        UnitRegister.of(
            units,
            [
                Succession(old="11086", new="11086", effective=LAST, kind="split", share=0.7),
                Succession(old="11086", new="11113", effective=LAST, kind="split", share=0.6),
            ],
        )


def test_only_a_split_carries_part_of_a_unit() -> None:
    with pytest.raises(InvalidValueError, match="carries the whole unit"):
        Succession(old="11083", new="11086", effective=LAST, kind="merge", share=0.5)
    item = Succession(old="11086", new="11086", effective=LAST, kind=SuccessionKind.SPLIT)
    assert item.share is None and item.reuses_code


def test_figures_are_carried_forward_only() -> None:
    register = UnitRegister.of([_u("31"), _u("11086", LAST)])
    with pytest.raises(InvalidValueError, match="cannot be carried back"):
        register.forward(register.unit("11086", LAST), date(2024, 1, 1))
