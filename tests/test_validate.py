"""Plan validation (design §4): every finding code on small synthetic plans, and the laws
the deadline checks obey."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from child_welfare_plan.catalogs import Catalog, national_catalog
from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.model import (
    AdministrativeUnit,
    Agency,
    AgencyGroup,
    Event,
    Finding,
    Indicator,
    Objective,
    Plan,
    Reporters,
    ReportingObligation,
    Responsibility,
    Target,
    Task,
    TaskGroup,
    parse_document_ref,
)
from child_welfare_plan.model.date_rules import FixedDay, LunarDay, Unscheduled, Window
from child_welfare_plan.model.deadlines import Before, By, Promptly, WithinHours
from child_welfare_plan.model.periods import parse_period
from child_welfare_plan.rules import validate
from child_welfare_plan.rules.validate import FINDING_CODES, obligation_last_day, validate_plan
from tests.strategies import examples, plans

CATALOG = national_catalog().merged(
    Catalog(
        indicators=[
            Indicator(code="chi-so-thu", name="Chỉ số thử", name_en="Test", value_type="count")
        ]
    )
)


def base_plan() -> Plan:
    """A district, two communes, two offices and the Front; a six-month report from the
    communes and the health office, consolidated for the province. No finding."""
    units = [
        AdministrativeUnit(code="30", name="Tỉnh Hải Dương", level="province", kind="tinh"),
        AdministrativeUnit(code="298", name="Huyện Tứ Kỳ", level="district", parent="30"),
        AdministrativeUnit(code="11074", name="Thị trấn Tứ Kỳ", level="commune", parent="298"),
        AdministrativeUnit(code="11083", name="Xã Đại Sơn", level="commune", parent="298"),
    ]
    agencies = [
        Agency(code="ubnd-tinh", name="UBND tỉnh", unit="30", kind="peoples-committee"),
        Agency(code="ubnd-huyen", name="UBND huyện", unit="298", kind="peoples-committee"),
        Agency(code="ldtbxh", name="Phòng LĐTBXH", unit="298", kind="specialised-office"),
        Agency(code="y-te", name="Phòng Y tế", unit="298", kind="specialised-office"),
        Agency(code="mttq", name="UBMTTQ huyện", unit="298", kind="front"),
        Agency(code="ubnd-11074", name="UBND thị trấn", unit="11074", kind="peoples-committee"),
        Agency(code="ubnd-11083", name="UBND xã Đại Sơn", unit="11083", kind="peoples-committee"),
    ]
    return Plan(
        id="thu-2023",
        title="Kế hoạch thử",
        year=2023,
        issuer="ubnd-huyen",
        area="298",
        coordinator="ldtbxh",
        period_convention="nd09",
        objectives=[
            Objective(
                id="ii",
                text="Giảm trẻ em bị xâm hại.",
                categories=["art10-l"],
                targets=[Target(id="t-1", indicator="chi-so-thu", value=1, year=2023)],
            )
        ],
        task_groups=[
            TaskGroup(
                id="iii-1",
                title="Nhiệm vụ",
                tasks=[
                    Task(id="iii-1-1", text="Tuyên truyền.", lead="ldtbxh", support=["y-te"]),
                    Task(id="iii-1-2", text="Tết Trung thu.", events=["trung-thu"]),
                ],
            )
        ],
        responsibilities=[
            Responsibility(
                id="v-1",
                agency="ldtbxh",
                tasks=[
                    Task(id="v-1-1", text="Tổng hợp.", lead="ldtbxh", indicators=["chi-so-thu"])
                ],
            ),
            Responsibility(id="v-9", agency="mttq", mode="requested"),
            Responsibility(id="v-10", agency="ubnd-cac-xa"),
        ],
        events=[
            Event(id="thang-hanh-dong", title="Tháng hành động", when=Window(6, 1, 6, 30)),
            Event(id="trung-thu", title="Tết Trung thu", when=LunarDay(8, 15), agencies=["y-te"]),
        ],
        obligations=[
            ReportingObligation(
                id="bc-6-thang",
                title="Báo cáo 6 tháng",
                kind="periodic",
                reporters=Reporters(level="commune", agencies=["y-te"]),
                recipient="ubnd-huyen",
                via="ldtbxh",
                covers="2023S1",
                deadline=Before(date(2023, 6, 15)),
            ),
            ReportingObligation(
                id="bc-6-thang-tinh",
                title="Báo cáo tỉnh",
                kind="periodic",
                reporters=Reporters(agencies=["ldtbxh"]),
                recipient="ubnd-tinh",
                covers="2023S1",
                deadline=Before(date(2023, 6, 20)),
                feeds=["bc-6-thang"],
            ),
            ReportingObligation(
                id="bc-dot-xuat",
                title="Báo cáo đột xuất",
                kind="event-triggered",
                reporters=Reporters(level="commune"),
                recipient="ubnd-huyen",
                deadline=WithinHours(12, "kể từ khi phát hiện"),
                triggers=["xam-hai"],
            ),
        ],
        units=units,
        agencies=agencies,
        groups=[AgencyGroup(code="ubnd-cac-xa", name="UBND các xã, thị trấn", level="commune")],
    )


def check(plan: Plan, source: str | None = None) -> list[Finding]:
    return validate_plan(plan, catalog=CATALOG, source=source)


def with_obligation(plan: Plan, index: int, **changes: Any) -> Plan:
    obligations = list(plan.obligations)
    obligations[index] = attrs.evolve(obligations[index], **changes)
    return attrs.evolve(plan, obligations=obligations)


def with_task(plan: Plan, index: int, **changes: Any) -> Plan:
    group = plan.task_groups[0]
    tasks = list(group.tasks)
    tasks[index] = attrs.evolve(tasks[index], **changes)
    return attrs.evolve(plan, task_groups=[attrs.evolve(group, tasks=tasks)])


def test_a_sound_plan_has_no_finding() -> None:
    assert check(base_plan()) == []


# code -> (how to break the base plan, path of the finding, words of its message)
EXAMPLES: dict[str, tuple[Callable[[Plan], Plan], str, str]] = {
    "bad-hierarchy": (
        lambda p: attrs.evolve(
            p,
            units=[
                *p.units,
                AdministrativeUnit(code="11999", name="Xã X", level="commune", parent="297"),
            ],
        ),
        "units",
        "'297', which is not in the hierarchy",
    ),
    "unknown-unit": (
        lambda p: attrs.evolve(
            p, agencies=[*p.agencies, Agency(code="x", name="X", unit="999", kind="other")]
        ),
        "agencies[7].unit",
        'unknown unit "999"',
    ),
    "unknown-agency": (
        lambda p: with_task(p, 0, lead="y-te2"),
        "task_groups[0].tasks[0].lead",
        'unknown agency "y-te2"',
    ),
    "unknown-category": (
        lambda p: with_task(p, 1, categories=["art10-f"]),
        "task_groups[0].tasks[1].categories[0]",
        'unknown category "art10-f"',
    ),
    "unknown-indicator": (
        lambda p: with_task(p, 1, indicators=["khong-co"]),
        "task_groups[0].tasks[1].indicators[0]",
        'unknown indicator "khong-co"',
    ),
    "unknown-event": (
        lambda p: with_task(p, 1, events=["tet-doan-ngo"]),
        "task_groups[0].tasks[1].events[0]",
        'unknown event "tet-doan-ngo"',
    ),
    "unknown-obligation": (
        lambda p: with_obligation(p, 1, feeds=["bc-quy"]),
        "obligations[1].feeds[0]",
        'unknown obligation "bc-quy"',
    ),
    "duplicate-id": (
        lambda p: with_task(p, 1, id="iii-1-1"),
        "task_groups[0].tasks[1].id",
        "task id 'iii-1-1' is used twice (first at task_groups[0].tasks[0].id)",
    ),
    "task-without-lead": (
        lambda p: attrs.evolve(p, coordinator=None),
        "task_groups[0].tasks[1]",
        "task 'iii-1-2' names no lead agency",
    ),
    "event-outside-year": (
        lambda p: attrs.evolve(
            p, events=[*p.events, Event(id="nhuan", title="29/02", when=FixedDay(2, 29))]
        ),
        "events[2].when",
        "has no day in the plan year 2023",
    ),
    "bad-period": (
        lambda p: with_obligation(p, 0, covers="2023H1"),
        "obligations[0].covers",
        "2023H1",
    ),
    "bad-deadline": (
        lambda p: with_obligation(p, 0, deadline=Before(date(2101, 1, 5))),
        "obligations[0].deadline",
        "not for year 2101",
    ),
    "missing-period": (
        lambda p: with_obligation(p, 0, covers=None),
        "obligations[0].covers",
        "periodic obligation 'bc-6-thang' covers no period",
    ),
    "missing-deadline": (
        lambda p: with_obligation(p, 2, deadline=None),
        "obligations[2].deadline",
        "event-triggered obligation 'bc-dot-xuat' has no deadline",
    ),
    "due-before-period-starts": (
        lambda p: with_obligation(p, 0, deadline=By(date(2022, 12, 14))),
        "obligations[0].deadline",
        "before the period 2023S1 it covers starts (2022-12-15)",
    ),
    "due-before-period-ends": (
        lambda p: with_obligation(p, 0, deadline=Before(date(2023, 6, 14))),
        "obligations[0].deadline",
        "before the period 2023S1 it covers ends (2023-06-14 under the nd09 convention)",
    ),
    "consolidation-not-after-feeds": (
        lambda p: with_obligation(p, 1, deadline=Before(date(2023, 6, 15))),
        "obligations[1].deadline",
        "'bc-6-thang-tinh' (due by 2023-06-14) consolidates 'bc-6-thang' but is not due after it",
    ),
    "reporter-without-committee": (
        lambda p: attrs.evolve(p, agencies=[a for a in p.agencies if a.code != "ubnd-11083"]),
        "obligations[0].reporters.level",
        "commune 11083 (Xã Đại Sơn) has no People's Committee agency",
    ),
    "no-expected-reporters": (
        lambda p: with_obligation(p, 2, reporters=Reporters(level="province")),
        "obligations[2].reporters",
        "no reporter is expected for 'bc-dot-xuat'",
    ),
    "requested-agency-reports": (
        lambda p: with_obligation(p, 0, reporters=Reporters(level="commune", agencies=["mttq"])),
        "obligations[0].reporters.agencies[0]",
        "'mttq' is only requested by the plan (Đề nghị)",
    ),
    "event-before-plan-span": (
        lambda p: attrs.evolve(
            p,
            based_on=[
                parse_document_ref(
                    "Kế hoạch số 606/KH-UBND ngày 07/3/2023 của Ủy ban nhân dân tỉnh Hải Dương"
                )
            ],
            events=[*p.events, Event(id="tet", title="Tết Nguyên đán", when=LunarDay(1, 1))],
        ),
        "events[2].when",
        "falls on 2023-01-22, before the plan's span starts (2023-03-07, not before "
        "606/KH-UBND, which it is based on)",
    ),
    "no-time-limit": (
        lambda p: with_obligation(p, 2, deadline=Promptly()),
        "obligations[2].deadline",
        "'bc-dot-xuat' is due 'kịp thời', which sets no time limit",
    ),
    "rolled-past-named-day": (
        lambda p: with_obligation(p, 1, deadline=Before(date(2023, 6, 18))),
        "obligations[1].deadline",
        "Saturday 17/6/2023 and Sunday 18/6/2023 are days off, so the last on-time day moves "
        "from 17/6/2023 to the next working day, 19/6/2023",
    ),
}


def test_every_code_has_an_example_and_a_row_in_the_module_docs() -> None:
    assert set(EXAMPLES) == set(FINDING_CODES)
    documented = set(re.findall(r"^``([a-z-]+)``", validate.__doc__ or "", re.MULTILINE))
    assert documented == set(FINDING_CODES)


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_each_finding_code_on_a_small_plan(code: str) -> None:
    breaking, path, words = EXAMPLES[code]
    findings = [f for f in check(breaking(base_plan()), source="thu.toml") if f.code == code]
    assert findings, f"no {code} finding"
    finding = next((f for f in findings if f.location.path == path), None)
    assert finding is not None, [f.location.path for f in findings]
    assert words in finding.message
    assert finding.severity is FINDING_CODES[code]
    assert finding.location.file == "thu.toml"


def test_a_hierarchy_error_stops_validation() -> None:
    breaking, _, _ = EXAMPLES["bad-hierarchy"]
    assert [f.code for f in check(breaking(base_plan()))] == ["bad-hierarchy"]


def test_unknown_area_is_reported_without_crashing_the_reporter_checks() -> None:
    findings = check(attrs.evolve(base_plan(), area="299"))
    assert [(f.code, f.location.path) for f in findings] == [("unknown-unit", "area")]


def with_event(plan: Plan, event: Event) -> Plan:
    return attrs.evolve(plan, events=[*plan.events, event])


def test_29_february_is_an_event_day_in_a_leap_year_only() -> None:
    plan = with_event(base_plan(), Event(id="nhuan", title="29/02", when=FixedDay(2, 29)))
    assert [f.code for f in check(plan)] == ["event-outside-year"]
    assert check(attrs.evolve(plan, year=2024, obligations=[])) == []


def test_an_unscheduled_event_is_inside_every_year() -> None:
    plan = with_event(base_plan(), Event(id="dd", title="Diễn đàn", when=Unscheduled()))
    assert check(plan) == []


def test_a_group_or_an_agency_may_report_unless_only_requested() -> None:
    """The Front is requested ("Đề nghị"), not ordered; the same agency also given an
    assigned duty may report."""
    plan = with_obligation(base_plan(), 0, reporters=Reporters(agencies=["mttq"]))
    assert [f.code for f in check(plan)] == ["requested-agency-reports"]
    assigned = attrs.evolve(
        plan, responsibilities=[*plan.responsibilities, Responsibility(id="v-11", agency="mttq")]
    )
    assert check(assigned) == []


def test_saturday_deadline_rolls_before_the_period_end_check() -> None:
    """Civil Code 2015 Art. 148.5: "trước ngày 17/6/2023" ends on Friday 16/6, but
    "trước ngày 11/6/2023" (10/6 a Saturday) rolls to Monday 12/6, still before 14/6, and
    past the day the phrase names (11/6)."""
    plan = with_obligation(base_plan(), 0, deadline=Before(date(2023, 6, 11)))
    ob = plan.obligations[0]
    assert obligation_last_day(plan, ob) == date(2023, 6, 12)
    assert [f.code for f in check(plan)] == ["rolled-past-named-day", "due-before-period-ends"]


def test_a_reading_stands_in_for_words_that_set_no_time_limit() -> None:
    """ "Kịp thời" sets no time limit; a pack's reading beside it is what is checked."""
    plan = with_obligation(
        base_plan(),
        2,
        deadline=Promptly(),
        reading=WithinHours(12, "kể từ khi phát hiện"),
        reading_basis="The pack's reading (Decree 56/2017/NĐ-CP Art. 26.3).",
    )
    assert check(plan) == []
    assert plan.obligations[2].effective_deadline == WithinHours(12, "kể từ khi phát hiện")


def test_a_reading_needs_its_basis() -> None:
    with pytest.raises(InvalidValueError, match="reading_basis"):
        with_obligation(base_plan(), 2, reading=WithinHours(12))


def test_a_dated_reading_is_what_the_roll_and_the_periods_check() -> None:
    plan = with_obligation(
        base_plan(), 1, deadline=Promptly(), reading=Before(date(2023, 6, 18)), reading_basis="x"
    )
    findings = check(plan)
    assert [(f.code, f.location.path) for f in findings] == [
        ("rolled-past-named-day", "obligations[1].reading")
    ]
    assert obligation_last_day(plan, plan.obligations[1]) == date(2023, 6, 19)


@settings(max_examples=examples(100), deadline=None)
@given(day=st.dates(date(2023, 1, 1), date(2024, 12, 31)), before=st.booleans())
def test_a_roll_of_a_dated_deadline_is_flagged_exactly_when_it_moves_the_day(
    day: date, before: bool
) -> None:
    """Whatever the day, the warning fires exactly when the Civil Code roll moves the last
    on-time day, and the rolled day is then one the phrase excludes."""
    rule = Before(day) if before else By(day)
    plan = with_obligation(base_plan(), 1, deadline=rule, covers=None, kind="document")
    plan = attrs.evolve(plan, obligations=plan.obligations[:2])
    flagged = [f for f in check(plan) if f.code == "rolled-past-named-day"]
    last = obligation_last_day(plan, plan.obligations[1])
    assert last is not None
    literal = day - timedelta(days=1) if before else day
    assert bool(flagged) == (last != literal)
    if flagged:
        assert last >= day if before else last > day


# --- laws -------------------------------------------------------------------------------

PERIOD_IDS = ["2023", "2023S1", "2023S2", "2023Q1", "2023Q4", "202306", "202312"]
deadline_days = st.dates(date(2022, 10, 1), date(2024, 3, 31))


@settings(max_examples=examples(200), deadline=None)
@given(
    covers=st.sampled_from(PERIOD_IDS),
    convention=st.sampled_from(["calendar", "nd09"]),
    day=deadline_days,
)
def test_period_findings_follow_from_the_last_on_time_day(
    covers: str, convention: str, day: date
) -> None:
    """An obligation is due before its period starts (error) exactly when its last on-time
    day is before the period's start, and before it ends (warning) exactly when that day
    lies in the period but before its last day."""
    plan = with_obligation(
        attrs.evolve(base_plan(), period_convention=convention),
        0,
        covers=covers,
        deadline=By(day),
    )
    ob = plan.obligations[0]
    last = obligation_last_day(plan, ob)
    assert last is not None
    period = parse_period(covers, convention)
    codes = {f.code for f in check(plan) if f.location.path == "obligations[0].deadline"}
    assert ("due-before-period-starts" in codes) == (last < period.start)
    assert ("due-before-period-ends" in codes) == (period.start <= last < period.end)


@settings(max_examples=examples(200), deadline=None)
@given(
    covers=st.sampled_from(PERIOD_IDS),
    convention=st.sampled_from(["calendar", "nd09"]),
    day=deadline_days,
    later=st.integers(0, 120),
)
def test_a_later_deadline_never_adds_a_period_finding(
    covers: str, convention: str, day: date, later: int
) -> None:
    plan = attrs.evolve(base_plan(), period_convention=convention)

    def period_codes(deadline_day: date) -> set[str]:
        broken = with_obligation(plan, 0, covers=covers, deadline=Before(deadline_day))
        return {f.code for f in check(broken) if f.code.startswith("due-before-period")}

    early, late = period_codes(day), period_codes(day + timedelta(days=later))
    assert late <= early or (
        late == {"due-before-period-ends"} and early == {"due-before-period-starts"}
    )


@settings(max_examples=examples(200), deadline=None)
@given(fed_day=deadline_days, consolidated_day=deadline_days)
def test_consolidation_error_exactly_when_not_due_after_what_feeds_it(
    fed_day: date, consolidated_day: date
) -> None:
    plan = with_obligation(base_plan(), 0, covers=None, kind="document", deadline=By(fed_day))
    plan = with_obligation(plan, 1, covers=None, kind="document", deadline=By(consolidated_day))
    fed_last = obligation_last_day(plan, plan.obligations[0])
    consolidated_last = obligation_last_day(plan, plan.obligations[1])
    assert fed_last is not None and consolidated_last is not None
    codes = [f.code for f in check(plan)]
    assert ("consolidation-not-after-feeds" in codes) == (consolidated_last <= fed_last)


@settings(max_examples=examples(50), deadline=None)
@given(plan=plans())
def test_any_plan_gives_findings_with_their_codes_severity_never_an_exception(plan: Plan) -> None:
    for finding in validate_plan(plan):
        assert finding.severity is FINDING_CODES[finding.code]
        assert finding.location.path


@settings(max_examples=examples(50), deadline=None)
@given(plan=plans(), data=st.data())
def test_repeating_a_task_adds_exactly_one_duplicate_id(plan: Plan, data: st.DataObject) -> None:
    group_index = data.draw(st.integers(0, len(plan.task_groups) - 1))
    group = plan.task_groups[group_index]
    task = data.draw(st.sampled_from([*group.tasks, *plan.responsibilities[0].tasks]))
    groups = list(plan.task_groups)
    groups[group_index] = attrs.evolve(group, tasks=(*group.tasks, task))
    before = [f for f in validate_plan(plan) if f.code == "duplicate-id"]
    after = [
        f for f in validate_plan(attrs.evolve(plan, task_groups=groups)) if f.code == "duplicate-id"
    ]
    assert len(after) == len(before) + 1
