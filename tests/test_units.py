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


# -- identity over time: a code and a validity ------------------------------------------------


def _version(
    code: str,
    name: str,
    level: str,
    parent: str | None,
    start: date | None = None,
    end: date | None = None,
) -> AdministrativeUnit:
    return AdministrativeUnit(
        code=code, name=name, level=level, parent=parent, valid_from=start, valid_to=end
    )


REFORM = date(2025, 7, 1)
BEFORE = date(2025, 6, 30)


def _reform_tree() -> Hierarchy:
    """Code 11086 before and after 01/07/2025, under district 298 and then province 31."""
    return Hierarchy(
        [
            _version("30", "Tỉnh Hải Dương", "province", None, end=BEFORE),
            _version("31", "Thành phố Hải Phòng", "province", None, end=BEFORE),
            _version("31", "Thành phố Hải Phòng", "province", None, start=REFORM),
            _version("298", "Huyện Tứ Kỳ", "district", "30", end=BEFORE),
            _version("11086", "Xã Hưng Đạo", "commune", "298", end=BEFORE),
            _version("11086", "Xã Đại Sơn", "commune", "31", start=REFORM),
        ]
    )


def test_one_code_names_two_units_one_after_the_other() -> None:
    """Decision 19/2025/QĐ-TTg (check): a merged unit keeps the code of the unit where its
    People's Committee sits, so 11086 was Xã Hưng Đạo until 30/06/2025 and is Xã Đại Sơn
    from 01/07/2025 (vietnamadminunits 1.0.4, tables admin_units_legacy and admin_units)."""
    tree = _reform_tree()
    assert [u.name for u in tree.versions("11086")] == ["Xã Hưng Đạo", "Xã Đại Sơn"]
    assert tree.get("11086", date(2023, 6, 1)).parent == "298"
    assert tree.get("11086", REFORM).parent == "31"
    assert [a.code for a in tree.ancestors("11086", date(2023, 6, 1))] == ["298", "30"]
    assert [a.code for a in tree.ancestors("11086", REFORM)] == ["31"]
    assert "11086" in tree.at(REFORM) and "298" not in tree.at(REFORM)
    assert tree.at(BEFORE).get("11086").name == "Xã Hưng Đạo"


def test_a_code_that_named_several_units_needs_a_date() -> None:
    tree = _reform_tree()
    with pytest.raises(NotFoundError, match="give a date"):
        tree.get("11086")
    with pytest.raises(NotFoundError, match=r"on 2025-07-01: Huyện Tứ Kỳ \(… to 2025-06-30\)"):
        tree.get("298", REFORM)


def test_two_units_with_one_code_on_one_day_are_refused() -> None:
    with pytest.raises(InvalidValueError, match="appears twice on one day"):
        Hierarchy(
            [
                _version("31", "Thành phố Hải Phòng", "province", None, end=REFORM),
                _version("31", "Thành phố Hải Phòng", "province", None, start=REFORM),
            ]
        )


def test_a_parent_must_exist_while_its_child_does() -> None:
    with pytest.raises(InvalidValueError, match="does not exist at that time"):
        Hierarchy(
            [
                _version("30", "Tỉnh Hải Dương", "province", None, end=BEFORE),
                _version("11086", "Xã Đại Sơn", "commune", "30", start=REFORM),
            ]
        )


def test_children_and_leaves_follow_the_date() -> None:
    tree = _reform_tree()
    assert [u.code for u in tree.children("31", REFORM)] == ["11086"]
    assert tree.children("31", BEFORE) == ()
    assert [u.name for u in tree.leaves("31", on=REFORM)] == ["Xã Đại Sơn"]
    assert [u.name for u in tree.descendants("30", on=BEFORE)] == ["Huyện Tứ Kỳ", "Xã Hưng Đạo"]
