"""Plan validation over time: a unit or agency missing on a day the plan needs it is a
warning; an area that does not exist in the plan's year is an error."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from child_welfare_plan.catalogs.units import national_register
from child_welfare_plan.io.plans import load_plan
from child_welfare_plan.model import AdministrativeUnit, Agency, Plan
from child_welfare_plan.rules.in_force import in_force_findings
from child_welfare_plan.rules.validate import FINDING_CODES, validate_plan
from cwp_tu_ky import PLAN_FILE
from tests.conftest import small_plan

REGISTER = national_register()


@pytest.fixture(scope="module")
def tu_ky() -> Plan:
    return load_plan(PLAN_FILE)


def _codes(plan: Plan) -> list[str]:
    return [f.code for f in in_force_findings(plan, register=REGISTER)]


def test_the_2023_plan_names_units_and_agencies_that_existed(tu_ky: Plan) -> None:
    assert _codes(tu_ky) == []
    assert not [f for f in validate_plan(tu_ky, register=REGISTER) if "in-force" in f.code]


def test_a_2026_plan_for_tu_ky_district_names_an_area_that_no_longer_exists(
    tu_ky: Plan,
) -> None:
    """Districts ceased on 30/06/2025 (Resolution 202/2025/QH15: two tiers of local
    government from 01/07/2025)."""
    findings = in_force_findings(attrs.evolve(tu_ky, year=2026), register=REGISTER)
    (area,) = [f for f in findings if f.code == "area-not-in-force"]
    assert area.severity == "error" and area.location.path == "area"
    assert "298 does not exist in 2026: it exists until 2025-06-30" in area.message
    assert FINDING_CODES["area-not-in-force"] == "error"


def test_a_2025_plan_warns_about_each_body_that_ceases_during_the_year(tu_ky: Plan) -> None:
    """The district and its communes end on 30/06/2025; the 2024 merger round (Resolution
    1250/NQ-UBTVQH15, in force 01/12/2024) ended Ngọc Kỳ, Tái Sơn and four others."""
    findings = in_force_findings(attrs.evolve(tu_ky, year=2025), register=REGISTER)
    by_code = {f.code for f in findings}
    assert "area-not-in-force" not in by_code  # it exists for half the year
    area = next(f for f in findings if f.location.path == "area")
    assert area.code == "unit-not-in-force" and "2025-12-31" in area.message
    coordinator = next(f for f in findings if f.location.path == "coordinator")
    assert coordinator.code == "agency-not-in-force" and "'ldtbxh'" in coordinator.message
    gone = {f.message.split()[1] for f in findings if (f.location.path or "").startswith("units[")}
    assert gone == {"11089", "11098", "11110", "11122", "11137", "11140"}
    assert len(
        {f.message.split("'")[1] for f in findings if f.code == "agency-not-in-force"}
    ) == len([f for f in findings if f.code == "agency-not-in-force"])  # each agency once


def test_a_reused_code_under_its_old_name_is_reported() -> None:
    """In 2026 code 11086 is Xã Đại Sơn: a plan calling it Xã Hưng Đạo names a unit that
    ceased on 30/06/2025."""
    units = [
        AdministrativeUnit(code="31", name="Thành phố Hải Phòng", level="province"),
        AdministrativeUnit(code="11086", name="Xã Hưng Đạo", level="commune", parent="31"),
    ]
    plan = Plan(id="p", title="Thử", year=2026, issuer="ubnd", area="11086", units=units)
    findings = in_force_findings(plan, register=REGISTER)
    assert [f.code for f in findings] == ["area-not-in-force"]
    assert "until 2025-06-30" in findings[0].message
    renamed = attrs.evolve(units[1], name="Xã Minh Tân")
    odd = in_force_findings(attrs.evolve(plan, units=[units[0], renamed]), register=REGISTER)
    assert [f.code for f in odd] == ["unit-name-mismatch"]
    assert "Xã Hưng Đạo (… to 2025-06-30); Xã Đại Sơn (2025-07-01 to …)" in odd[0].message


def test_validity_written_in_the_plan_is_used_without_a_register() -> None:
    """A pack may give validity itself; an agency exists while it and its unit do."""
    plan = small_plan()
    ended = [
        attrs.evolve(a, valid_to=date(2023, 2, 28)) if a.code == "ldtbxh" else a
        for a in plan.agencies
    ]
    findings = in_force_findings(attrs.evolve(plan, agencies=ended))
    assert [f.code for f in findings] == ["agency-not-in-force"]
    assert "does not exist on 2023-12-31" in findings[0].message
    assert "until 2023-02-28" in findings[0].message


def test_a_reporter_is_needed_on_the_last_day_of_its_report() -> None:
    """A commune that ceases before its report is due cannot be expected to send it."""
    plan = small_plan()
    units = [
        attrs.evolve(u, valid_to=date(2023, 5, 31)) if u.code == "11083" else u for u in plan.units
    ]
    findings = in_force_findings(attrs.evolve(plan, units=units))
    reporters = [f for f in findings if (f.location.path or "").endswith(".reporters")]
    assert reporters and all("ubnd-11083" in f.message for f in reporters)
    assert "it reports" in reporters[0].message


def test_an_agency_valid_to_before_valid_from_is_refused() -> None:
    with pytest.raises(ValueError, match="before valid_from"):
        Agency(
            code="x",
            name="X",
            unit="30",
            kind="other",
            valid_from=date(2025, 3, 1),
            valid_to=date(2025, 2, 28),
        )


def test_an_agency_whose_unit_ended_before_it_began_never_exists() -> None:
    """A commune office created on 01/07/2025 (Decree 150/2025/NĐ-CP (check)) for a unit
    that ended on 30/06/2025 exists on no day."""
    plan = small_plan()
    units = [
        attrs.evolve(u, valid_to=date(2023, 6, 30)) if u.code == "298" else u for u in plan.units
    ]
    units = [attrs.evolve(u, valid_to=date(2023, 6, 30)) if u.parent == "298" else u for u in units]
    late = [
        attrs.evolve(a, valid_from=date(2023, 7, 1)) if a.code == "ldtbxh" else a
        for a in plan.agencies
    ]
    findings = in_force_findings(attrs.evolve(plan, units=units, agencies=late))
    coordinator = next(f for f in findings if f.location.path == "coordinator")
    assert "on no day (from 2023-07-01, but its unit only until 2023-06-30)" in coordinator.message


def test_a_code_listed_twice_exists_on_the_days_of_either_unit() -> None:
    """A 2025 plan may list 11086 as Xã Hưng Đạo until 30/06/2025 and as Xã Đại Sơn from
    01/07/2025: the code then exists all year."""
    units = [
        REGISTER.unit("30", date(2024, 1, 1)),
        REGISTER.unit("298", date(2024, 1, 1)),
        REGISTER.unit("11086", date(2024, 1, 1)),
        REGISTER.unit("31", date(2025, 7, 1)),
        REGISTER.unit("11086", date(2025, 7, 1)),
    ]
    agency = Agency(code="ubnd-11086", name="UBND xã", unit="11086", kind="peoples-committee")
    plan = Plan(id="p", title="Thử", year=2025, issuer="ubnd-11086", units=units, agencies=[agency])
    assert in_force_findings(plan, register=REGISTER) == []


def test_an_agency_without_dates_has_the_national_list_s_validity(tu_ky: Plan) -> None:
    """The labour sector's provincial department ends on 28/02/2025 (Decree 42/2025/NĐ-CP,
    in force 01/03/2025: the Ministry of Health takes over children's affairs); the plan
    file gives ``so-ldtbxh`` no dates, so the national list of bodies gives them."""
    (agency,) = [a for a in tu_ky.agencies if a.code == "so-ldtbxh"]
    assert agency.valid_from is None and agency.valid_to is None
    findings = in_force_findings(attrs.evolve(tu_ky, year=2025), register=REGISTER)
    (so,) = [f for f in findings if "'so-ldtbxh'" in f.message]
    assert so.code == "agency-not-in-force"
    assert "it exists until 2025-02-28" in so.message
    # In 2024 it existed all year: no warning.
    in_2024 = in_force_findings(attrs.evolve(tu_ky, year=2024), register=REGISTER)
    assert not [f for f in in_2024 if "'so-ldtbxh'" in f.message]


def test_a_body_of_the_same_code_at_another_level_lends_no_dates() -> None:
    """``ldtbxh`` is the district office in the national list; a province agency coded
    ``ldtbxh`` is some other body and keeps open validity."""
    plan = small_plan()
    province = AdministrativeUnit(code="30", name="Tỉnh Hải Dương", level="province")
    office = Agency(code="ldtbxh", name="Sở X", unit="30", kind="specialised-office")
    plan = attrs.evolve(
        plan, year=2025, units=[*plan.units, province], agencies=[*plan.agencies, office]
    )
    assert not [f for f in in_force_findings(plan) if "'ldtbxh'" in f.message]


def test_each_agencys_days_are_worked_out_once_however_many_reports_need_it(
    tu_ky: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A national plan has 10,598 reporters and 11,366 units: working an agency's days out
    again for every report that needs it, scanning every unit each time, took minutes
    (benchmarks/status_national.py); each agency is now looked at once."""
    from child_welfare_plan.rules import in_force

    seen: list[str] = []
    own_span = in_force._Checker._own_span

    def counting(self: in_force._Checker, agency: Agency) -> in_force.Span:
        seen.append(agency.code)
        return own_span(self, agency)

    monkeypatch.setattr(in_force._Checker, "_own_span", counting)
    assert _codes(tu_ky) == []
    assert seen and len(seen) == len(set(seen)) <= len(tu_ky.agencies)
