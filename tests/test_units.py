"""The unit hierarchy: checked parents, no cycles, lookups, and trees that skip a level."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given

from child_welfare_plan.errors import InvalidValueError, NotFoundError
from child_welfare_plan.model import AdministrativeUnit, Hierarchy, Level, UnitKind
from child_welfare_plan.model.units import fold_name
from tests.strategies import hierarchies


def _unit(code: str, level: str, parent: str | None, name: str = "") -> AdministrativeUnit:
    return AdministrativeUnit(code=code, name=name or f"Unit {code}", level=level, parent=parent)


def test_parent_at_the_wrong_level_is_refused() -> None:
    units = [
        _unit("30", "province", None),
        _unit("11074", "commune", "30"),
        _unit("298", "district", "11074"),
    ]
    with pytest.raises(InvalidValueError, match="has parent 11074 at level commune"):
        Hierarchy(units)


def test_unknown_parent_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="names parent '298'"):
        Hierarchy([_unit("30", "province", None), _unit("11074", "commune", "298")])


def test_cycle_is_refused_and_named() -> None:
    a = _unit("11001", "commune", "11002")
    b = _unit("11002", "commune", "11003")
    c = _unit("11003", "commune", "11001")
    with pytest.raises(InvalidValueError, match="cycle in parents 11001 → 11002 → 11003 → 11001"):
        Hierarchy([a, b, c])


def test_duplicate_code_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="appears twice"):
        Hierarchy([_unit("30", "province", None), _unit("30", "province", None)])


def test_tree_may_skip_the_district_level() -> None:
    """Since 01/07/2025 communes sit directly under provinces (two-tier local government,
    Resolution 1669/NQ-UBTVQH15); the hierarchy must not hard-wire three levels."""
    tree = Hierarchy([_unit("31", "province", None), _unit("11074", "commune", "31")])
    assert tree.ancestor_at("11074", Level.DISTRICT) is None
    assert tree.ancestor_at("11074", "province") == tree.get("31")


def test_lookup_by_name_ignores_diacritics_case_and_kind() -> None:
    tree = Hierarchy(
        [
            _unit("30", "province", None, "Tỉnh Hải Dương"),
            _unit("298", "district", "30", "Huyện Tứ Kỳ"),
            _unit("11074", "commune", "298", "Thị trấn Tứ Kỳ"),
            _unit("11083", "commune", "298", "Xã Đại Sơn"),
        ]
    )
    assert [u.code for u in tree.find("dai son")] == ["11083"]
    assert [u.code for u in tree.find("TỨ KỲ")] == ["298", "11074"]
    assert fold_name("Đại  Sơn") == "dai son"
    with pytest.raises(NotFoundError):
        tree.get("99999")


def test_tree_at_a_date_keeps_only_active_units() -> None:
    tree = Hierarchy(
        [
            _unit("30", "province", None),
            AdministrativeUnit(
                code="11110",
                name="Xã Dân Chủ",
                level="commune",
                parent="30",
                valid_to=date(2024, 11, 30),
            ),
        ]
    )
    assert "11110" in tree.at(date(2024, 11, 30))
    assert "11110" not in tree.at(date(2024, 12, 1))


def test_unit_kind_from_the_gso_list_names() -> None:
    assert UnitKind.from_vietnamese("Thị trấn") is UnitKind.THI_TRAN
    assert UnitKind.from_vietnamese("Thành phố Trung ương") is UnitKind.THANH_PHO_TRUNG_UONG
    with pytest.raises(InvalidValueError):
        UnitKind.from_vietnamese("Bang")


@given(hierarchies())
def test_leaves_of_the_root_tile_the_tree(units: tuple[AdministrativeUnit, ...]) -> None:
    """Every unit is the root, a leaf under it, or an ancestor of such a leaf; no leaf twice."""
    tree = Hierarchy(units)
    leaves = tree.leaves("30")
    assert len({u.code for u in leaves}) == len(leaves)
    covered = {u.code for leaf in leaves for u in (leaf, *tree.ancestors(leaf.code))}
    assert covered == {u.code for u in units}


@given(hierarchies())
def test_descendants_by_level_partition_the_descendants(
    units: tuple[AdministrativeUnit, ...],
) -> None:
    tree = Hierarchy(units)
    everything = tree.descendants("30")
    by_level = [u for level in Level for u in tree.descendants("30", level)]
    assert sorted(u.code for u in everything) == sorted(u.code for u in by_level)
    assert len(everything) == len(units) - 1
