"""Codes, texts, date and deadline rules, unit trees and whole plans."""

from __future__ import annotations

import functools
import string
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone

from hypothesis import strategies as st

from child_welfare_plan.catalogs import national_catalog
from child_welfare_plan.model import (
    AdministrativeUnit,
    Agency,
    AgencyGroup,
    AgencyKind,
    Comparator,
    Event,
    FundingSource,
    Level,
    Objective,
    ObligationKind,
    Plan,
    Reporters,
    ReportingObligation,
    Responsibility,
    ResponsibilityMode,
    Signatory,
    Target,
    Task,
    TaskGroup,
    UnitKind,
    deadlines,
)
from child_welfare_plan.model import date_rules as schedule
from child_welfare_plan.model.deadlines import Before, By
from tests.strategies.base import (
    _SLUG,
)
from tests.strategies.documents import (
    document_refs,
)


def codes(prefix: str = "") -> st.SearchStrategy[str]:
    """ASCII slugs such as ``bao-cao-6-thang``."""
    part = st.text(_SLUG, min_size=1, max_size=6)
    return st.lists(part, min_size=1, max_size=3).map(lambda ps: prefix + "-".join(ps))


def texts() -> st.SearchStrategy[str]:
    """Non-empty Vietnamese-looking text (no surrogates, some non-ASCII letters)."""
    alphabet = string.ascii_letters + " ăâđêôơưáàảãạếềểễệốồổỗộớờởỡợ"
    return st.text(alphabet, min_size=1, max_size=40).filter(lambda s: s.strip() != "")


def date_rules() -> st.SearchStrategy[schedule.DateRule]:
    """Every kind of event date rule, valid in every year."""
    day_month = st.tuples(st.integers(1, 12), st.integers(1, 28))
    fixed = day_month.map(lambda md: schedule.FixedDay(md[0], md[1]))
    window = st.tuples(day_month, day_month).map(lambda ab: schedule.Window(*min(ab), *max(ab)))
    lunar = st.tuples(st.integers(1, 10), st.integers(1, 29)).map(
        lambda md: schedule.LunarDay(md[0], md[1])
    )
    recurrence = st.sampled_from(
        ["FREQ=MONTHLY;BYMONTHDAY=15", "FREQ=WEEKLY;BYDAY=MO", "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1"]
    ).map(schedule.Recurrence)
    return st.one_of(fixed, window, lunar, recurrence, st.just(schedule.Unscheduled()))


def _anchor() -> st.SearchStrategy[str]:
    return st.sampled_from(["", "kể từ khi nhận được thông báo", "kể từ ngày xảy ra vụ việc"])


def deadline_rules(year: int = 2023) -> st.SearchStrategy[deadlines.DeadlineRule]:
    """Every kind of deadline rule, dated rules within ``year``."""
    days = st.dates(date(year, 1, 1), date(year, 12, 31))
    return st.one_of(
        days.map(deadlines.Before),
        days.map(deadlines.By),
        st.builds(deadlines.WithinDays, st.integers(1, 60), st.booleans(), _anchor()),
        st.builds(deadlines.WithinHours, st.integers(1, 72), _anchor()),
    )


@st.composite
def hierarchies(
    draw: st.DrawFn, max_districts: int = 3, max_communes: int = 5
) -> tuple[AdministrativeUnit, ...]:
    """A province with districts and communes; sometimes communes directly under the
    province (the two-tier government since 01/07/2025)."""
    province = AdministrativeUnit(
        code="30", name="Tỉnh Thử", level=Level.PROVINCE, kind=UnitKind.TINH
    )
    units = [province]
    n_districts = draw(st.integers(0, max_districts))
    serial = 10000
    for d in range(n_districts):
        district = AdministrativeUnit(
            code=f"{300 + d}",
            name=f"Huyện {d}",
            level=Level.DISTRICT,
            kind=UnitKind.HUYEN,
            parent="30",
        )
        units.append(district)
        for _ in range(draw(st.integers(1, max_communes))):
            serial += 3
            units.append(
                AdministrativeUnit(
                    code=str(serial),
                    name=f"Xã {serial}",
                    level=Level.COMMUNE,
                    kind=UnitKind.XA,
                    parent=district.code,
                )
            )
    if n_districts == 0:
        for _ in range(draw(st.integers(1, max_communes))):
            serial += 3
            units.append(
                AdministrativeUnit(
                    code=str(serial),
                    name=f"Phường {serial}",
                    level=Level.COMMUNE,
                    kind=UnitKind.PHUONG,
                    parent="30",
                )
            )
    return tuple(units)


INCIDENT_KINDS = ("tu-vong-tntt", "xam-hai", "bo-roi")
"""Kinds of incidents that trigger event-triggered reports in generated plans."""


@functools.cache
def catalog_indicators() -> tuple[str, ...]:
    """The indicator codes of the national catalog, which generated targets name."""
    return tuple(i.code for i in national_catalog().indicators)


def _reporters(draw: st.DrawFn, agency_codes: Sequence[str]) -> Reporters:
    """The committees of every unit at a level (province, district or commune), a list of
    agencies, or both."""
    level = draw(st.none() | st.sampled_from(Level))
    least = 0 if level is not None else 1
    agencies = draw(
        st.lists(st.sampled_from(agency_codes), min_size=least, max_size=3, unique=True)
    )
    return Reporters(level=level, agencies=agencies)


def _relative_deadlines() -> st.SearchStrategy[deadlines.DeadlineRule]:
    """What "promptly" may mean for a report on an incident."""
    return st.one_of(
        st.builds(deadlines.WithinHours, st.integers(1, 72), _anchor()),
        st.builds(deadlines.WithinDays, st.integers(1, 15), st.booleans(), _anchor()),
    )


@st.composite
def _consolidation(
    draw: st.DrawFn, year: int, consolidator: Reporters, recipient: str, committee: str
) -> list[ReportingObligation]:
    """Commune reports to ``committee`` and the report that consolidates them for
    ``recipient`` (district → province), due more than 15 days after each of them: longer
    than any run of days off, so its last on-time day, rolled or not, is always later."""
    period = draw(st.sampled_from([f"{year}", f"{year}S1", f"{year}Q2", f"{year}06"]))

    def dated(day: date) -> Before | By:
        return Before(day) if draw(st.booleans()) else By(day)

    fed: list[ReportingObligation] = []
    latest = date(year, 1, 1)
    for i in range(draw(st.integers(1, 2))):
        due = draw(st.dates(date(year, 1, 1), date(year, 12, 31)))
        latest = max(latest, due)
        fed.append(
            ReportingObligation(
                id=f"bao-cao-xa-{i}",
                title=draw(texts()),
                kind=ObligationKind.PERIODIC,
                reporters=Reporters(level=Level.COMMUNE),
                recipient=committee,
                covers=period,
                deadline=dated(due),
            )
        )
    consolidated = ReportingObligation(
        id="bao-cao-tong-hop",
        title=draw(texts()),
        kind=ObligationKind.PERIODIC,
        reporters=consolidator,
        recipient=recipient,
        covers=period,
        deadline=dated(latest + timedelta(days=draw(st.integers(16, 45)))),
        feeds=[ob.id for ob in fed],
    )
    return [*fed, consolidated]


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    """A valid, self-contained plan with every part filled in: a district plan, a province
    plan or one with no area; reporters at every level and agency lists; event-triggered
    reports with the incidents that trigger them; a district → province report that
    consolidates commune reports and is due after them; targets on catalog indicators."""
    year = draw(st.integers(2000, 2030))
    units = draw(hierarchies())
    districts = [u for u in units if u.level is Level.DISTRICT]
    # Mostly a district plan (the usual case), else a province plan or one with no area.
    area = draw(st.sampled_from([*(d.code for d in districts[:1] for _ in "12"), "30", None]))
    seat = area or "30"
    agencies = [
        Agency(code="ubnd", name="Ủy ban nhân dân", unit=seat, kind=AgencyKind.PEOPLES_COMMITTEE),
        Agency(
            code="ldtbxh",
            name="Phòng LĐTBXH",
            name_en="Labour office",
            unit=seat,
            kind=AgencyKind.SPECIALISED_OFFICE,
        ),
        Agency(code="mttq", name="Mặt trận", unit=seat, kind=AgencyKind.FRONT),
        *(
            Agency(
                code=f"ubnd-{u.code}",
                name=f"UBND {u.name}",
                unit=u.code,
                kind=AgencyKind.PEOPLES_COMMITTEE,
            )
            for u in units
            if u.code != seat
        ),
    ]
    agency_codes = [a.code for a in agencies]
    some_agencies = st.lists(st.sampled_from(agency_codes), max_size=3, unique=True)
    task_ids = iter(range(1, 10_000))

    def tasks(n: int) -> list[Task]:
        return [
            Task(
                id=f"t{next(task_ids)}",
                text=draw(texts()),
                lead=draw(st.none() | st.sampled_from(agency_codes)),
                support=draw(some_agencies),
                schedule=draw(st.none() | date_rules()),
                categories=draw(
                    st.lists(
                        st.sampled_from(["art10-a", "art10-dd", "covid-19"]),
                        max_size=2,
                        unique=True,
                    )
                ),
                section=draw(st.none() | st.just("III.1")),
            )
            for _ in range(n)
        ]

    baseline = draw(st.none() | st.floats(0, 100, allow_nan=False))
    target = Target(
        id="muc-tieu-1",
        indicator=draw(st.none() | st.sampled_from(catalog_indicators())),
        comparator=draw(st.sampled_from(list(Comparator))),
        value=draw(st.floats(0, 100, allow_nan=False)),
        year=year,
        baseline=baseline,
        baseline_year=None if baseline is None else year - draw(st.integers(1, 5)),
        scope=draw(st.none() | st.sampled_from([u.code for u in units])),
        text=draw(texts()),
    )
    periods = st.sampled_from([None, f"{year}", f"{year}S1", f"{year}Q2", f"{year}06"])
    obligations = []
    for i in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(list(ObligationKind)))
        triggered = kind is ObligationKind.EVENT_TRIGGERED
        rules = _relative_deadlines() if triggered else deadline_rules(year)
        obligations.append(
            ReportingObligation(
                id=f"bao-cao-{i}",
                title=draw(texts()),
                kind=kind,
                reporters=_reporters(draw, agency_codes),
                recipient="ubnd",
                via=draw(st.none() | st.just("ldtbxh")),
                covers=None if triggered else draw(periods),
                deadline=draw(st.none() | rules),
                triggers=draw(
                    st.lists(st.sampled_from(INCIDENT_KINDS), min_size=1, max_size=2, unique=True)
                )
                if triggered
                else (),
                basis=draw(st.none() | texts()),
            )
        )
    consolidate = draw(st.integers(0, 2)) > 0
    if districts and consolidate:
        # Communes report to their district, which consolidates for the province: in a
        # district plan its own People's Committee, in a province plan (or one with no
        # area) the committee of every district.
        district_plan = area == districts[0].code
        obligations += draw(
            _consolidation(
                year,
                consolidator=(
                    Reporters(agencies=["ubnd"])
                    if district_plan
                    else Reporters(level=Level.DISTRICT)
                ),
                recipient="ubnd-30" if district_plan else "ubnd",
                committee="ubnd" if district_plan else f"ubnd-{districts[0].code}",
            )
        )
    return Plan(
        id=draw(codes()),
        title=draw(texts()),
        year=year,
        issuer="ubnd",
        area=area,
        coordinator=draw(st.none() | st.just("ldtbxh")),
        signatory=draw(
            st.none()
            | st.builds(Signatory, name=texts(), title=texts(), capacity=st.none() | texts())
        ),
        period_convention=draw(st.sampled_from(["calendar", "nd09"])),
        document=draw(st.none() | document_refs()),
        based_on=draw(st.lists(document_refs(), max_size=2)),
        legal_bases=draw(st.lists(document_refs(), max_size=3)),
        purposes=draw(st.lists(texts(), max_size=2)),
        requirements=draw(st.lists(texts(), max_size=2)),
        objectives=[Objective(id="ii", text=draw(texts()), targets=[target])],
        task_groups=[
            TaskGroup(
                id=f"iii-{g}",
                title=draw(texts()),
                tasks=tasks(draw(st.integers(0, 3))),
                section=f"III.{g}",
            )
            for g in range(1, draw(st.integers(1, 3)) + 1)
        ],
        funding_sources=[FundingSource(id="iv-1", text=draw(texts()), kind="state-budget")],
        responsibilities=[
            Responsibility(id="v-1", agency="ldtbxh", tasks=tasks(2), section="V.1"),
            Responsibility(
                id="v-8", addressee="Các phòng, ban ngành có liên quan khác", section="V.8"
            ),
            Responsibility(id="v-9", agency="mttq", mode=ResponsibilityMode.REQUESTED),
        ],
        events=[
            Event(
                id=f"su-kien-{i}",
                title=draw(texts()),
                when=draw(date_rules()),
                agencies=draw(some_agencies),
            )
            for i in range(draw(st.integers(0, 3)))
        ],
        obligations=obligations,
        recipients=draw(st.lists(texts(), max_size=3)),
        units=units,
        agencies=agencies,
        groups=[AgencyGroup(code="ubnd-cac-xa", name="UBND các xã, thị trấn", level=Level.COMMUNE)],
        notes=draw(st.lists(texts(), max_size=1)),
    )


def aware_datetimes() -> st.SearchStrategy[datetime]:
    """Datetimes with a fixed UTC offset from −12 h to +14 h."""

    offsets = st.integers(-12 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
    return st.datetimes(datetime(2000, 1, 1), datetime(2030, 12, 31), timezones=offsets)
