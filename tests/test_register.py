"""The national register of units shipped as package data, and how it is built."""

from __future__ import annotations

import collections
from datetime import date
from importlib import resources

import pytest

from child_welfare_plan.catalogs.units import (
    LIST_DATES,
    RegisterSources,
    build_register,
    national_register,
    read_sources,
)
from child_welfare_plan.errors import NotFoundError
from child_welfare_plan.model import Level
from child_welfare_plan.model.successions import SuccessionKind, UnitRegister

REGISTER: UnitRegister = national_register()
REFORM = date(2025, 7, 1)
UNITS = resources.files("child_welfare_plan.catalogs").joinpath("data", "units")


def _counts(day: date) -> dict[str, int]:
    return dict(collections.Counter(u.level.value for u in REGISTER.at(day)))


def test_the_list_of_10_april_2023() -> None:
    """The national list of 10/04/2023: 63 provinces, 705 districts, 10,598 communes (the
    project's vn_admin_units_2023-04-10.csv, with the five island districts that have no
    commune)."""
    assert _counts(date(2023, 4, 10)) == {"province": 63, "district": 705, "commune": 10598}


def test_the_list_in_force_until_30_june_2025() -> None:
    """The list before the reform: 63 provinces, 696 districts, 10,035 communes
    (vietnamadminunits 1.0.4, admin_units_legacy; 10,035 is the count quoted in spring
    2025)."""
    assert _counts(date(2025, 6, 30)) == {"province": 63, "district": 696, "commune": 10035}


def test_the_list_of_1_july_2025() -> None:
    """Resolution 202/2025/QH15: 34 provinces; 3,321 communes and no districts from
    01/07/2025 (vietnamadminunits 1.0.4, admin_units)."""
    assert _counts(REFORM) == {"province": 34, "commune": 3321}
    assert all(u.parent is None or len(u.parent) == 2 for u in REGISTER.at(REFORM))


def test_11086_is_hung_dao_then_dai_son() -> None:
    """11086 was Xã Hưng Đạo of Tứ Kỳ district (298) until 30/06/2025, divided between Xã
    Đại Sơn (which keeps the code) and Xã Tân Kỳ on 01/07/2025 (Resolution 1669/NQ-UBTVQH15
    (check); vietnamadminunits 1.0.4 converter, 11086 divided)."""
    before = REGISTER.unit("11086", date(2023, 6, 1))
    after = REGISTER.unit("11086", REFORM)
    assert (before.name, before.parent, before.valid_to) == (
        "Xã Hưng Đạo",
        "298",
        date(2025, 6, 30),
    )
    assert (after.name, after.parent, after.valid_from) == ("Xã Đại Sơn", "31", REFORM)
    split = REGISTER.successors(before)
    assert {(s.new, s.kind) for s in split} == {("11086", "split"), ("11113", "split")}
    assert all(s.share is None for s in split)
    assert {s.old for s in REGISTER.predecessors(after)} == {"10846", "11083", "11086", "11092"}


def test_tu_ky_becomes_six_communes_of_hai_phong() -> None:
    """Tứ Kỳ district's 23 units of 2023 lie in six communes of Hải Phòng from 01/07/2025:
    Tứ Kỳ 11074, Đại Sơn 11086, Tân Kỳ 11113, Chí Minh 11131, Lạc Phượng 11140, Nguyên Giáp
    11146 (Resolution 1669/NQ-UBTVQH15 (check))."""
    communes = REGISTER.hierarchy.descendants("298", on=date(2023, 6, 1))
    assert len(communes) == 23
    landing = {link.unit.code for u in communes for link in REGISTER.forward(u, REFORM)}
    assert landing == {"11074", "11086", "11113", "11131", "11140", "11146"}
    tu_ky = REGISTER.unit("11074", REFORM)
    assert tu_ky.name == "Xã Tứ Kỳ" and tu_ky.parent == "31"
    assert {u.code for u in REGISTER.backward(tu_ky, date(2023, 6, 1))} == {
        "11074",
        "11101",
        "11116",
        "11128",
    }


def test_the_merger_round_of_hai_duong_took_effect_on_1_december_2024() -> None:
    """Resolution 1250/NQ-UBTVQH15 (24/10/2024, in force 01/12/2024): Ngọc Kỳ and Tái Sơn
    became Xã Kỳ Sơn (code 11098) in Tứ Kỳ district."""
    ky_son = REGISTER.unit("11098", date(2024, 12, 1))
    assert ky_son.name == "Xã Kỳ Sơn"
    formed = REGISTER.predecessors(ky_son)
    assert {s.old for s in formed} == {"11089", "11098"}
    assert all(s.effective == date(2024, 12, 1) and not s.date_estimated for s in formed)
    assert REGISTER.unit("11098", date(2024, 11, 30)).name == "Xã Tái Sơn"


def test_a_change_whose_day_is_unknown_is_marked_estimated() -> None:
    """Where transitions.toml knows no day for a province's 2023–2025 round, the
    successions carry the estimate and say so."""
    estimated = [s for s in REGISTER.successions if s.date_estimated]
    assert estimated and all(s.effective < REFORM for s in estimated)


def test_every_unit_before_the_reform_goes_somewhere_or_is_said_to_end() -> None:
    """Each commune of 30/06/2025 passes to units of 01/07/2025; each district ends with
    the two-tier government, except the five island districts that became special zones."""
    for unit in REGISTER.at(date(2025, 6, 30)):
        if unit.level is Level.PROVINCE and unit.valid_to is None:
            continue
        if REGISTER.successors(unit):
            continue
        ending = REGISTER.ending(unit)
        assert ending is not None, unit
        assert unit.level is Level.DISTRICT, unit


def test_the_one_unit_of_2023_without_a_known_successor() -> None:
    """28825 Xã Phú An Hòa (Bến Tre) vanished before 2025 and no source names the unit
    that received it: the register says so."""
    unit = REGISTER.unit("28825", date(2023, 6, 1))
    assert REGISTER.successors(unit) == ()
    ending = REGISTER.ending(unit)
    assert ending is not None and ending.note is not None and "unresolved" in ending.note
    assert REGISTER.forward(unit, REFORM) == ()


def test_divided_units_are_splits_and_merged_provinces_merges() -> None:
    kinds = collections.Counter(s.kind for s in REGISTER.successions if s.effective == REFORM)
    assert kinds[SuccessionKind.SPLIT] == 1033  # 471 divided units (vietnamadminunits)
    provinces = [s for s in REGISTER.successions if len(s.old) == 2 and s.effective == REFORM]
    assert {s.old for s in provinces if s.new == "31"} == {"30", "31"}


def test_search_without_diacritics() -> None:
    found = [(u.code, u.name, u.valid_from) for u in REGISTER.search("tu ky")]
    assert found == [
        ("11074", "Thị trấn Tứ Kỳ", None),
        ("11074", "Xã Tứ Kỳ", REFORM),
        ("298", "Huyện Tứ Kỳ", None),
    ]
    assert REGISTER.search("") == ()


def test_an_unknown_code_or_day_is_refused_with_the_history() -> None:
    with pytest.raises(NotFoundError, match="no administrative unit with code '99999'"):
        REGISTER.unit("99999", REFORM)
    with pytest.raises(NotFoundError, match=r"Huyện Tứ Kỳ \(… to 2025-06-30\)"):
        REGISTER.unit("298", REFORM)


def test_the_shipped_files_are_small_and_carry_their_provenance() -> None:
    """Package data stays a few MB at most; the provenance names the sources and the MIT
    notice of vietnamadminunits goes with its data."""
    size = sum(f.stat().st_size for f in UNITS.iterdir())  # type: ignore[attr-defined]
    assert size < 1_000_000
    provenance = UNITS.joinpath("PROVENANCE.md").read_text(encoding="utf-8")
    assert "vietnamadminunits" in provenance and "MIT" in provenance
    assert "Copyright (c) 2025 Tran Ngoc Minh Hieu" in UNITS.joinpath(
        "LICENSE-vietnamadminunits.txt"
    ).read_text(encoding="utf-8")
    assert [d.isoformat() for d in LIST_DATES] == ["2023-04-10", "2025-06-30", "2025-07-01"]


def _row(code: str, name: str, level: str, parent: str = "") -> tuple[str, str, str, str, str]:
    kind = {"province": "tinh", "district": "huyen", "commune": "xa"}[level]
    return (code, name, level, kind, parent)


def test_the_register_is_built_from_three_lists_and_their_links() -> None:
    """A commune merged before the reform, one carried on, both merged on 01/07/2025 into
    a commune that reuses a code; the district ends."""
    sources = RegisterSources(
        first=[
            _row("30", "Tỉnh A", "province"),
            _row("298", "Huyện B", "district", "30"),
            _row("11089", "Xã C", "commune", "298"),
            _row("11098", "Xã D", "commune", "298"),
            _row("11074", "Xã E", "commune", "298"),
        ],
        before_reform=[
            _row("30", "Tỉnh A", "province"),
            _row("298", "Huyện B", "district", "30"),
            _row("11098", "Xã F", "commune", "298"),
            _row("11074", "Xã E", "commune", "298"),
        ],
        after_reform=[_row("31", "Tỉnh G", "province"), _row("11074", "Xã H", "commune", "31")],
        changes=[("11089", "11098", "merge", ""), ("11098", "11098", "merge", "")],
        crosswalk=[("11098", "11074", "0"), ("11074", "11074", "0")],
    )
    transitions = {
        "round-2023-2025": {"effective": date(2024, 12, 1), "basis": "NQ x", "estimated": True},
        "reform-2025": {
            "effective": REFORM,
            "merger": "NQ 202",
            "communes": "NQ {province}",
            "codes": "QĐ 19",
            "districts": "two tiers",
        },
    }
    register = build_register(sources, transitions)
    assert [u.name for u in register.versions("11098")] == ["Xã D", "Xã F"]
    assert [u.name for u in register.versions("11074")] == ["Xã E", "Xã H"]
    h = register.unit("11074", REFORM)
    assert {s.old for s in register.predecessors(h)} == {"11098", "11074"}
    assert register.predecessors(h)[0].basis == "NQ Tỉnh G; QĐ 19"
    f = register.unit("11098", date(2025, 1, 1))
    assert all(s.date_estimated for s in register.predecessors(f))
    ending = register.ending(register.unit("298", date(2024, 1, 1)))
    assert ending is not None and ending.basis == "two tiers"
    assert register.unit("31", REFORM).name == "Tỉnh G"
    assert [s.new for s in register.successors(register.unit("30", date(2024, 1, 1)))] == ["31"]


def test_the_shipped_lists_read_back() -> None:
    sources = read_sources()
    assert len(sources.first) == 63 + 705 + 10598
    assert len(sources.crosswalk) == 10602
    unresolved = [c for c in sources.changes if c[0] == "28825"]
    assert [c[:3] for c in unresolved] == [("28825", "", "merge")]
