"""Validation of ``tu-ky-2023``: the shipped plan has no error and exactly the four expected
warnings; deliberately broken copies of it trigger every finding code."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import attrs
import pytest

from child_welfare_plan.model import AdministrativeUnit, Plan, Reporters
from child_welfare_plan.model.date_rules import FixedDay
from child_welfare_plan.model.deadlines import Before
from child_welfare_plan.rules.validate import FINDING_CODES, validate_plan


def test_the_plan_has_no_error_and_four_warnings(plan: Plan) -> None:
    """The annual reports are due before 14/12/2023, the end of 2023 under Decree 09/2019
    Art. 12; the six-month reports are due on or after 14/6/2023, the end of 2023S1.
    "Trước ngày 10/12/2023" rolls past the day it names (09/12 and 10/12/2023 are a
    Saturday and a Sunday: Civil Code 2015 Art. 148.5). Tết Nguyên đán 2023, Sunday
    22/01/2023, falls before the plan, which implements the province's plan of 07/3/2023."""
    findings = validate_plan(plan, source="tu-ky-2023.toml")
    assert [(str(f.severity), f.code, f.location.path) for f in findings] == [
        ("warning", "event-before-plan-span", "events[0].when"),
        ("warning", "due-before-period-ends", "obligations[2].deadline"),
        ("warning", "rolled-past-named-day", "obligations[4].deadline"),
        ("warning", "due-before-period-ends", "obligations[4].deadline"),
    ]
    assert [plan.obligations[i].id for i in (2, 4)] == ["bao-cao-nam", "bao-cao-nam-tinh"]
    assert plan.events[0].id == "tet-nguyen-dan"
    assert all(f.location.file == "tu-ky-2023.toml" for f in findings)


def test_the_roll_past_10_december_names_the_weekend(plan: Plan) -> None:
    """Civil Code 2015 Art. 148.5: the last day 09/12/2023 is a Saturday and 10/12/2023 a
    Sunday, so "trước ngày 10/12/2023" ends on Monday 11/12/2023, after the day it names."""
    (finding,) = [f for f in validate_plan(plan) if f.code == "rolled-past-named-day"]
    for words in ("bao-cao-nam-tinh", "Saturday 09/12/2023", "Sunday 10/12/2023", "11/12/2023"):
        assert words in finding.message
    assert "after the day the text names (10/12/2023)" in finding.message


def test_an_unknown_drafting_office_is_reported(plan: Plan) -> None:
    broken = _obligation_evolved(plan, "bao-cao-nam-tinh", drafted_by="ldtbxh2")
    located = {(f.code, f.location.path) for f in validate_plan(broken)}
    assert ("unknown-agency", "obligations[4].drafted_by") in located


def test_a_collective_addressee_is_not_a_task_without_lead(plan: Plan) -> None:
    """III.1 (5th bullet) names the People's Councils and the Fatherland Front: the task has
    no lead agency, and is not reported for it, even with no coordinator to stand in."""
    without = attrs.evolve(plan, coordinator=None)
    flagged = {f.location.path for f in validate_plan(without) if f.code == "task-without-lead"}
    tasks = {
        f"task_groups[{i}].tasks[{j}]": t
        for i, g in enumerate(plan.task_groups)
        for j, t in enumerate(g.tasks)
    } | {
        f"responsibilities[{i}].tasks[{j}]": t
        for i, r in enumerate(plan.responsibilities)
        for j, t in enumerate(r.tasks)
    }
    assert flagged
    assert all(tasks[str(path)].addressee is None for path in flagged)
    assert "task_groups[0].tasks[4]" not in flagged  # iii-1-5, the supervision duty


def _tasks_evolved(plan: Plan, task_id: str, **changes: Any) -> Plan:
    def fix(tasks: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(attrs.evolve(t, **changes) if t.id == task_id else t for t in tasks)

    return attrs.evolve(
        plan,
        task_groups=[attrs.evolve(g, tasks=fix(g.tasks)) for g in plan.task_groups],
        responsibilities=[attrs.evolve(r, tasks=fix(r.tasks)) for r in plan.responsibilities],
    )


def _obligation_evolved(plan: Plan, obligation_id: str, **changes: Any) -> Plan:
    return attrs.evolve(
        plan,
        obligations=[
            attrs.evolve(o, **changes) if o.id == obligation_id else o for o in plan.obligations
        ],
    )


def _event_evolved(plan: Plan, event_id: str, **changes: Any) -> Plan:
    return attrs.evolve(
        plan, events=[attrs.evolve(e, **changes) if e.id == event_id else e for e in plan.events]
    )


def _target_evolved(plan: Plan, **changes: Any) -> Plan:
    responsibilities = [
        attrs.evolve(
            r,
            tasks=[
                attrs.evolve(t, targets=[attrs.evolve(x, **changes) for x in t.targets])
                for t in r.tasks
            ],
        )
        for r in plan.responsibilities
    ]
    return attrs.evolve(plan, responsibilities=responsibilities)


def _without_agency(plan: Plan, code: str) -> Plan:
    return attrs.evolve(plan, agencies=[a for a in plan.agencies if a.code != code])


def _duplicate_task(plan: Plan) -> Plan:
    first = plan.task_groups[0]
    return attrs.evolve(
        plan, task_groups=[attrs.evolve(first, tasks=(*first.tasks, first.tasks[0]))]
    )


_STRAY_COMMUNE = AdministrativeUnit(
    code="11999", name="Xã Không Có", level="commune", kind="xa", parent="297"
)

# finding code -> (how to break the plan, the path of a finding it must produce)
BROKEN: dict[str, tuple[Callable[[Plan], Plan], str]] = {
    "bad-hierarchy": (lambda p: attrs.evolve(p, units=(*p.units, _STRAY_COMMUNE)), "units"),
    "unknown-unit": (lambda p: attrs.evolve(p, area="299"), "area"),
    "unknown-agency": (
        lambda p: _tasks_evolved(p, "iii-5-2", lead="ubnd-cac-xa2"),
        "task_groups[4].tasks[1].lead",
    ),
    "unknown-category": (
        lambda p: _tasks_evolved(p, "v-1-2", categories=["art10-f"]),
        "responsibilities[0].tasks[1].categories[0]",
    ),
    "unknown-indicator": (
        lambda p: _target_evolved(p, indicator="ty-le-khong-co"),
        "responsibilities[2].tasks[0].targets[0].indicator",
    ),
    "unknown-event": (
        lambda p: _tasks_evolved(p, "iii-4-1", events=["tet-doan-ngo"]),
        "task_groups[3].tasks[0].events[0]",
    ),
    "unknown-obligation": (
        lambda p: _obligation_evolved(p, "bao-cao-nam-tinh", feeds=["bao-cao-quy"]),
        "obligations[4].feeds[0]",
    ),
    "duplicate-id": (_duplicate_task, "task_groups[0].tasks[5].id"),
    "task-without-lead": (lambda p: attrs.evolve(p, coordinator=None), "task_groups[0].tasks[0]"),
    "event-outside-year": (
        lambda p: _event_evolved(p, "quoc-te-thieu-nhi", when=FixedDay(2, 29)),
        "events[2].when",
    ),
    "bad-period": (
        lambda p: _obligation_evolved(p, "bao-cao-6-thang", covers="2023H1"),
        "obligations[1].covers",
    ),
    "bad-deadline": (
        lambda p: _obligation_evolved(p, "bao-cao-nam", deadline=Before(date(2101, 1, 5))),
        "obligations[2].deadline",
    ),
    "missing-period": (
        lambda p: _obligation_evolved(p, "bao-cao-6-thang", covers=None),
        "obligations[1].covers",
    ),
    "missing-deadline": (
        lambda p: _obligation_evolved(
            p, "bao-cao-dot-xuat", deadline=None, reading=None, reading_basis=None
        ),
        "obligations[6].deadline",
    ),
    "no-time-limit": (
        lambda p: _obligation_evolved(p, "bao-cao-dot-xuat", reading=None, reading_basis=None),
        "obligations[6].deadline",
    ),
    "rolled-past-named-day": (lambda p: p, "obligations[4].deadline"),
    "event-before-plan-span": (lambda p: p, "events[0].when"),
    "due-before-period-starts": (
        lambda p: _obligation_evolved(p, "bao-cao-6-thang", deadline=Before(date(2022, 12, 1))),
        "obligations[1].deadline",
    ),
    "due-before-period-ends": (lambda p: p, "obligations[2].deadline"),
    "consolidation-not-after-feeds": (
        lambda p: _obligation_evolved(
            p, "bao-cao-6-thang-tinh", deadline=Before(date(2023, 6, 10))
        ),
        "obligations[3].deadline",
    ),
    "reporter-without-committee": (
        lambda p: _without_agency(p, "ubnd-11074"),
        "obligations[0].reporters.level",
    ),
    "no-expected-reporters": (
        lambda p: _obligation_evolved(
            p, "bao-cao-tu-kiem-tra", reporters=Reporters(level="district")
        ),
        "obligations[5].reporters",
    ),
    "requested-agency-reports": (
        lambda p: _obligation_evolved(
            p, "bao-cao-nam", reporters=Reporters(level="commune", agencies=["cong-an", "mttq"])
        ),
        "obligations[2].reporters.agencies[1]",
    ),
}


def test_every_finding_code_has_a_broken_copy() -> None:
    assert set(BROKEN) == set(FINDING_CODES)


@pytest.mark.parametrize("code", sorted(BROKEN))
def test_broken_copy_triggers_its_finding(plan: Plan, code: str) -> None:
    breaking, path = BROKEN[code]
    findings = validate_plan(breaking(plan))
    located = {(f.code, f.location.path) for f in findings}
    assert (code, path) in located
    assert all(f.severity is FINDING_CODES[f.code] for f in findings)
