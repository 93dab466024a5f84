"""Plan validation: every problem of a plan as a finding, located by its path in the file.

Codes (stable; tools match on them):

=================================  ========  =====================================================
code                               severity  meaning
=================================  ========  =====================================================
``bad-hierarchy``                  error     the plan's units do not form a valid tree
``unknown-unit``                   error     a unit code the plan's units do not hold
``unknown-agency``                 error     an agency (or group) code the plan does not define
``unknown-category``               error     a category not in the catalog
``unknown-indicator``              error     an indicator not in the catalog
``unknown-event``                  error     a task names an event the plan does not define
``unknown-obligation``             error     ``feeds`` names an obligation the plan lacks
``duplicate-id``                   error     two elements of one kind share an id
``task-without-lead``              warning   a task names no lead and the plan no coordinator
``event-outside-year``             error     an event falls outside the plan's year
``bad-period``                     error     ``covers`` is not a period id
``missing-period``                 error     a periodic obligation covers no period
``missing-deadline``               error     a periodic or document obligation has no deadline
``due-before-period-starts``       error     the deadline falls before the period begins
``due-before-period-ends``         warning   the last on-time day falls before the period ends,
                                             under the plan's period convention
``consolidation-not-after-feeds``  error     a consolidating report is not due after every
                                             report that feeds it
``reporter-without-committee``     warning   a unit at a reporting level has no People's
                                             Committee agency in the plan
=================================  ========  =====================================================

References:
    * Civil Code 2015 Art. 148.5 (roll of a last day that is not a working day).
    * Decree 09/2019/NĐ-CP Art. 12 (data cut-offs of periodic reports).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from child_welfare_plan.calendars.deadlines import resolve
from child_welfare_plan.calendars.periods import parse_period
from child_welfare_plan.calendars.schedule import occurrences
from child_welfare_plan.calendars.workdays import WorkingCalendar
from child_welfare_plan.catalog import Catalog, national_catalog
from child_welfare_plan.errors import CwpError
from child_welfare_plan.model.findings import Finding, Location, Severity
from child_welfare_plan.model.plan import ObligationKind, Plan, ReportingObligation, Task

__all__ = ["obligation_last_day", "validate_plan"]


def _f(severity: Severity, code: str, message: str, path: str, source: str | None) -> Finding:
    return Finding(severity, code, message, Location(file=source, path=path))


def validate_plan(
    plan: Plan,
    *,
    catalog: Catalog | None = None,
    calendar: WorkingCalendar | None = None,
    source: str | None = None,
) -> list[Finding]:
    """Every finding of ``plan``, in the order of the plan's sections.

    Args:
        catalog: the vocabularies to check codes against (the national catalog by default).
        calendar: working days for the deadline roll (Vietnam's public calendar by default).
        source: the plan file's name, for the findings' locations.
    """
    catalog = catalog if catalog is not None else national_catalog()
    calendar = calendar if calendar is not None else WorkingCalendar()
    findings: list[Finding] = []
    add = findings.append
    err, warn = Severity.ERROR, Severity.WARNING

    try:
        tree = plan.hierarchy
    except CwpError as exc:
        add(_f(err, "bad-hierarchy", str(exc), "units", source))
        return findings
    if plan.area is not None and plan.area not in tree:
        add(_f(err, "unknown-unit", f'unknown unit "{plan.area}" (the plan\'s area)', "area", source))

    def agency_ref(code: str | None, path: str) -> None:
        if code is not None and not plan.knows(code):
            add(_f(err, "unknown-agency", f'unknown agency "{code}"', path, source))

    findings.extend(_duplicates(plan, source))
    agency_ref(plan.issuer, "issuer")
    agency_ref(plan.coordinator, "coordinator")
    for i, agency in enumerate(plan.agencies):
        if agency.unit not in tree:
            add(_f(err, "unknown-unit", f'unknown unit "{agency.unit}"', f"agencies[{i}].unit", source))
    for i, group in enumerate(plan.groups):
        for j, member in enumerate(group.agencies):
            agency_ref(member, f"groups[{i}].agencies[{j}]")

    def category_refs(codes: Iterable[str], path: str) -> None:
        for j, code in enumerate(codes):
            if not catalog.has("category", code):
                add(_f(err, "unknown-category", f'unknown category "{code}"', f"{path}[{j}]", source))

    def indicator_ref(code: str | None, path: str) -> None:
        if code is not None and not catalog.has("indicator", code):
            add(_f(err, "unknown-indicator", f'unknown indicator "{code}"', path, source))

    event_ids = {e.id for e in plan.events}

    def task(t: Task, path: str) -> None:
        agency_ref(t.lead, f"{path}.lead")
        for j, code in enumerate(t.support):
            agency_ref(code, f"{path}.support[{j}]")
        if plan.lead_of(t) is None:
            add(_f(warn, "task-without-lead", f"task {t.id!r} names no lead agency", path, source))
        category_refs(t.categories, f"{path}.categories")
        for j, code in enumerate(t.indicators):
            indicator_ref(code, f"{path}.indicators[{j}]")
        for j, code in enumerate(t.events):
            if code not in event_ids:
                add(_f(err, "unknown-event", f'unknown event "{code}"', f"{path}.events[{j}]", source))

    for i, objective in enumerate(plan.objectives):
        category_refs(objective.categories, f"objectives[{i}].categories")
        for j, target in enumerate(objective.targets):
            indicator_ref(target.indicator, f"objectives[{i}].targets[{j}].indicator")
            if target.scope is not None and target.scope not in tree:
                add(_f(err, "unknown-unit", f'unknown unit "{target.scope}"',
                       f"objectives[{i}].targets[{j}].scope", source))
    for i, group in enumerate(plan.task_groups):
        for j, t in enumerate(group.tasks):
            task(t, f"task_groups[{i}].tasks[{j}]")
    for i, resp in enumerate(plan.responsibilities):
        agency_ref(resp.agency, f"responsibilities[{i}].agency")
        for j, t in enumerate(resp.tasks):
            task(t, f"responsibilities[{i}].tasks[{j}]")
    for i, event in enumerate(plan.events):
        for j, code in enumerate(event.agencies):
            agency_ref(code, f"events[{i}].agencies[{j}]")
        for occurrence in occurrences(event.when, plan.year):
            if occurrence.start.year != plan.year or occurrence.end.year != plan.year:
                add(_f(err, "event-outside-year",
                       f"event {event.id!r} runs {occurrence.start}..{occurrence.end}, "
                       f"outside the plan year {plan.year}", f"events[{i}].when", source))
    findings.extend(_obligations(plan, calendar, source))
    return findings


def _duplicates(plan: Plan, source: str | None) -> Iterator[Finding]:
    kinds: list[tuple[str, Iterable[tuple[str, str]]]] = [
        ("unit", ((f"units[{i}].code", u.code) for i, u in enumerate(plan.units))),
        ("agency", ((f"agencies[{i}].code", a.code) for i, a in enumerate(plan.agencies))),
        ("agency group", ((f"groups[{i}].code", g.code) for i, g in enumerate(plan.groups))),
        ("objective", ((f"objectives[{i}].id", o.id) for i, o in enumerate(plan.objectives))),
        ("target", (
            (f"objectives[{i}].targets[{j}].id", t.id)
            for i, o in enumerate(plan.objectives) for j, t in enumerate(o.targets)
        )),
        ("task group", ((f"task_groups[{i}].id", g.id) for i, g in enumerate(plan.task_groups))),
        ("task", (
            *((f"task_groups[{i}].tasks[{j}].id", t.id)
              for i, g in enumerate(plan.task_groups) for j, t in enumerate(g.tasks)),
            *((f"responsibilities[{i}].tasks[{j}].id", t.id)
              for i, r in enumerate(plan.responsibilities) for j, t in enumerate(r.tasks)),
        )),
        ("responsibility", ((f"responsibilities[{i}].id", r.id)
                            for i, r in enumerate(plan.responsibilities))),
        ("funding source", ((f"funding_sources[{i}].id", f.id)
                            for i, f in enumerate(plan.funding_sources))),
        ("event", ((f"events[{i}].id", e.id) for i, e in enumerate(plan.events))),
        ("obligation", ((f"obligations[{i}].id", o.id) for i, o in enumerate(plan.obligations))),
    ]
    agency_codes = {a.code for a in plan.agencies}
    for i, group in enumerate(plan.groups):
        if group.code in agency_codes:
            yield _f(Severity.ERROR, "duplicate-id",
                     f"agency group {group.code!r} has the code of an agency", f"groups[{i}].code",
                     source)
    for kind, entries in kinds:
        first: dict[str, str] = {}
        for path, code in entries:
            if code in first:
                yield _f(Severity.ERROR, "duplicate-id",
                         f"{kind} id {code!r} is used twice (first at {first[code]})", path, source)
            else:
                first[code] = path


def obligation_last_day(
    plan: Plan, obligation: ReportingObligation, calendar: WorkingCalendar | None = None
) -> date | None:
    """The last on-time day of a dated obligation (Civil Code roll applied), or None when
    its deadline is relative to an event or absent."""
    if obligation.deadline is None or obligation.deadline.kind not in ("before", "by"):
        return None
    return resolve(obligation.deadline, calendar=calendar or WorkingCalendar()).last_on_time_day


def _obligations(plan: Plan, calendar: WorkingCalendar, source: str | None) -> Iterator[Finding]:
    err, warn = Severity.ERROR, Severity.WARNING
    ids = {o.id: o for o in plan.obligations}
    last_days: dict[str, date | None] = {}
    for i, ob in enumerate(plan.obligations):
        path = f"obligations[{i}]"
        for j, code in enumerate(ob.reporters.agencies):
            if not plan.knows(code):
                yield _f(err, "unknown-agency", f'unknown agency "{code}"',
                         f"{path}.reporters.agencies[{j}]", source)
        for field, code in (("recipient", ob.recipient), ("via", ob.via)):
            if code is not None and not plan.knows(code):
                yield _f(err, "unknown-agency", f'unknown agency "{code}"', f"{path}.{field}", source)
        if ob.reporters.level is not None:
            for unit in plan.area_units(ob.reporters.level):
                if plan.committee_of(unit.code) is None:
                    yield _f(warn, "reporter-without-committee",
                             f"{unit.level} {unit.code} ({unit.name}) has no People's Committee "
                             f"agency, so it cannot be expected to report {ob.id!r}",
                             f"{path}.reporters.level", source)
        for j, fed in enumerate(ob.feeds):
            if fed not in ids:
                yield _f(err, "unknown-obligation", f'unknown obligation "{fed}"',
                         f"{path}.feeds[{j}]", source)
        if ob.kind in (ObligationKind.PERIODIC, ObligationKind.DOCUMENT) and ob.deadline is None:
            yield _f(err, "missing-deadline", f"{ob.kind} obligation {ob.id!r} has no deadline",
                     f"{path}.deadline", source)
        if ob.kind is ObligationKind.PERIODIC and ob.covers is None:
            yield _f(err, "missing-period", f"periodic obligation {ob.id!r} covers no period",
                     f"{path}.covers", source)
        last = obligation_last_day(plan, ob, calendar)
        last_days[ob.id] = last
        if ob.covers is None:
            continue
        try:
            period = parse_period(ob.covers, plan.period_convention)
        except CwpError as exc:
            yield _f(err, "bad-period", str(exc), f"{path}.covers", source)
            continue
        if last is None:
            continue
        if last < period.start:
            yield _f(err, "due-before-period-starts",
                     f"{ob.id!r} is due by {last}, before the period {period.id} it covers starts "
                     f"({period.start})", f"{path}.deadline", source)
        elif last < period.end:
            yield _f(warn, "due-before-period-ends",
                     f"{ob.id!r} is due by {last}, before the period {period.id} it covers ends "
                     f"({period.end} under the {plan.period_convention} convention): the report "
                     "cannot hold the whole period", f"{path}.deadline", source)
    for i, ob in enumerate(plan.obligations):
        last = last_days.get(ob.id)
        for fed in ob.feeds:
            fed_last = last_days.get(fed)
            if last is not None and fed_last is not None and last <= fed_last:
                yield _f(err, "consolidation-not-after-feeds",
                         f"{ob.id!r} (due by {last}) consolidates {fed!r} but is not due after it "
                         f"(due by {fed_last})", f"obligations[{i}].deadline", source)
