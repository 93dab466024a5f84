"""The shared strategies generate what the property tests rely on them to generate.

A property over ``plans()`` only says something about consolidating reports, incidents,
catalog targets or reporters at some level if ``plans()`` draws them: each feature below
must be found within a bounded number of examples, and what is drawn must be sound.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis.errors import NoSuchExample

from child_welfare_plan.calendars.deadlines import resolve
from child_welfare_plan.model import Level, ObligationKind, Plan, ReportingObligation
from child_welfare_plan.rules.validate import validate_plan
from tests.strategies import INCIDENT_KINDS, catalog_indicators, examples, plans


def _reporters_at(level: Level) -> Callable[[Plan], bool]:
    """Some obligation expects the People's Committees of units at ``level``, and the
    plan's area holds such a unit with one."""

    def found(plan: Plan) -> bool:
        return any(
            ob.reporters.level is level
            and any(plan.committee_of(u.code) for u in plan.area_units(level))
            for ob in plan.obligations
        )

    return found


FEATURES: dict[str, Callable[[Plan], bool]] = {
    "a district → province report fed by commune reports": lambda plan: any(
        ob.feeds and ob.reporters.agencies == ("ubnd",) for ob in plan.obligations
    ),
    "a report of every district fed by commune reports": lambda plan: any(
        ob.feeds and ob.reporters.level is Level.DISTRICT for ob in plan.obligations
    ),
    "an event-triggered report with its triggers": lambda plan: any(
        ob.kind is ObligationKind.EVENT_TRIGGERED and ob.triggers for ob in plan.obligations
    ),
    "a target on an indicator of the catalog": lambda plan: any(
        t.indicator in catalog_indicators() for o in plan.objectives for t in o.targets
    ),
    "reporters at province level": lambda plan: any(
        ob.reporters.level is Level.PROVINCE for ob in plan.obligations
    ),
    "reporters at district level": _reporters_at(Level.DISTRICT),
    "reporters at commune level": _reporters_at(Level.COMMUNE),
    "reporters named by a list of agencies alone": lambda plan: any(
        ob.reporters.level is None and ob.reporters.agencies for ob in plan.obligations
    ),
    "reporters at a level and a list of agencies": lambda plan: any(
        ob.reporters.level is not None and ob.reporters.agencies for ob in plan.obligations
    ),
    "a plan with no area": lambda plan: plan.area is None,
    "a province plan": lambda plan: plan.area == "30",
}


def test_plans_draw_every_feature() -> None:
    """Draw plans until each feature has been seen (at most ``examples(300)`` plans; each
    feature is common enough to be seen well within that)."""
    seen: set[str] = set()

    def all_seen(plan: Plan) -> bool:
        seen.update(name for name, has in FEATURES.items() if has(plan))
        return seen == set(FEATURES)

    try:
        find(
            plans(),
            all_seen,
            settings=settings(
                max_examples=examples(300),
                phases=[Phase.generate],
                database=None,
                deadline=None,
                suppress_health_check=[HealthCheck.too_slow],
            ),
        )
    except NoSuchExample:
        pytest.fail(f"plans() never drew: {', '.join(sorted(set(FEATURES) - seen))}")


def _last_day(ob: ReportingObligation) -> date:
    assert ob.deadline is not None
    return resolve(ob.deadline).last_on_time_day


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_what_plans_draw_is_sound(plan: Plan) -> None:
    """Consolidating reports are fed by commune reports and due after them, and go to the
    province; incident reports name their triggers and cover no period; every reference
    resolves, so validation finds none of the errors a sound plan cannot have."""
    province = plan.committee_of("30")
    for ob in plan.obligations:
        if ob.feeds:
            assert province is not None and ob.recipient == province.code
            for fed in map(plan.obligation, ob.feeds):
                assert fed.reporters.level is Level.COMMUNE
                assert _last_day(ob) > _last_day(fed)
        if ob.kind is ObligationKind.EVENT_TRIGGERED:
            assert ob.triggers and set(ob.triggers) <= set(INCIDENT_KINDS)
            assert ob.covers is None
        else:
            assert ob.triggers == ()
    codes = {f.code for f in validate_plan(plan)}
    assert not codes & {
        "bad-hierarchy",
        "unknown-unit",
        "unknown-agency",
        "unknown-indicator",
        "unknown-obligation",
        "duplicate-id",
        "consolidation-not-after-feeds",
    }
