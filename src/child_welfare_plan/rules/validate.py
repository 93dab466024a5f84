"""Plan validation: every problem of a plan as a finding, located by its path in the file.

:func:`validate_plan` never raises on a bad plan: it returns every finding at once, in the
order of the plan's sections, each with a stable code and the path of the offending value
inside the plan file (``task_groups[2].tasks[3].lead``), so a plan author can fix them all
in one pass.

Codes (stable; tools match on them):

=================================  ========  =====================================================
code                               severity  meaning
=================================  ========  =====================================================
``bad-hierarchy``                  error     the plan's units do not form a valid tree (no other
                                             check runs)
``unknown-unit``                   error     a unit code the plan's units do not hold
``unknown-agency``                 error     an agency (or group) code the plan does not define
``unknown-category``               error     a category not in the catalog
``unknown-indicator``              error     an indicator not in the catalog
``unknown-event``                  error     a task names an event the plan does not define
``unknown-obligation``             error     ``feeds`` names an obligation the plan lacks
``duplicate-id``                   error     two elements of one kind share an id
``task-without-lead``              warning   a task names nobody (no lead, no addressee) and the
                                             plan has no coordinator
``event-outside-year``             error     an event's date rule gives no day in the plan year
``event-before-plan-span``         warning   an event's day in the plan year falls before the
                                             plan's span starts (its issue date, or the date of
                                             the latest document it is based on)
``bad-period``                     error     ``covers`` is not a period id
``bad-deadline``                   error     a deadline's date cannot be resolved (outside the
                                             years whose working days are known)
``missing-period``                 error     a periodic obligation covers no period
``missing-deadline``               error     a periodic, document or event-triggered obligation
                                             has no deadline
``no-time-limit``                  warning   the deadline sets no time limit ("kịp thời") and the
                                             plan gives no reading: reports are listed as
                                             received or not, never judged late
``rolled-past-named-day``          warning   the Civil Code roll takes a dated deadline to a day
                                             its phrase excludes ("trước ngày 10/12/2023" on time
                                             on Monday 11/12/2023)
``due-before-period-starts``       error     the deadline falls before the period begins
``due-before-period-ends``         warning   the last on-time day falls before the period ends,
                                             under the plan's period convention
``consolidation-not-after-feeds``  error     a consolidating report is not due after every
                                             report that feeds it
``reporter-without-committee``     warning   a unit at a reporting level has no People's
                                             Committee agency in the plan
``no-expected-reporters``          warning   an obligation expects no reporter at all
``requested-agency-reports``       warning   an agency the plan only requests ("Đề nghị") is
                                             listed as a reporter, so it would be counted as
                                             expected
``area-not-in-force``              error     the plan's area exists on no day of the plan's year
``unit-not-in-force``              warning   a unit does not exist on a day the plan needs it
``agency-not-in-force``            warning   an agency does not exist on a day the plan needs it
``unit-name-mismatch``             warning   the register of units knows the unit's code under
                                             another name (often a reused code)
=================================  ========  =====================================================

The last four come from :mod:`child_welfare_plan.rules.in_force` (which days a plan needs
each unit and agency); pass a ``register`` of units to check units that carry no validity
in the plan file.

Deadlines are compared by their last on-time day after the Civil Code roll (a last day that
is not a working day moves to the next working day), under the working calendar passed in;
an obligation's ``reading`` (the pack's time limit for a text that gives none) stands in for
its ``deadline``.

Example:
    >>> from child_welfare_plan.io.plans import load_plan
    >>> findings = validate_plan(load_plan("plan.toml"), source="plan.toml")  # doctest: +SKIP
    >>> [f.code for f in findings]  # doctest: +SKIP
    ['due-before-period-ends']

References:
    * Civil Code 2015 Art. 148.5 (roll of a last day that is not a working day).
    * Decree 09/2019/NĐ-CP Art. 12 (data cut-offs of periodic reports).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from child_welfare_plan.calendars.deadlines import resolve
from child_welfare_plan.calendars.schedule import occurrences
from child_welfare_plan.calendars.workdays import WorkingCalendar
from child_welfare_plan.catalogs import Catalog, national_catalog
from child_welfare_plan.errors import CwpError, reason
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.deadlines import Promptly, format_deadline
from child_welfare_plan.model.findings import Finding, Location, Severity
from child_welfare_plan.model.periods import parse_period
from child_welfare_plan.model.plan import (
    ObligationKind,
    Plan,
    PlanSpan,
    ReportingObligation,
    ResponsibilityMode,
    Target,
    Task,
)
from child_welfare_plan.model.successions import UnitRegister
from child_welfare_plan.rules.in_force import FINDING_CODES as IN_FORCE_CODES
from child_welfare_plan.rules.in_force import in_force_findings
from child_welfare_plan.rules.plan_ids import duplicate_ids

__all__ = ["FINDING_CODES", "obligation_last_day", "validate_plan"]

FINDING_CODES: dict[str, Severity] = {
    "bad-hierarchy": Severity.ERROR,
    "unknown-unit": Severity.ERROR,
    "unknown-agency": Severity.ERROR,
    "unknown-category": Severity.ERROR,
    "unknown-indicator": Severity.ERROR,
    "unknown-event": Severity.ERROR,
    "unknown-obligation": Severity.ERROR,
    "duplicate-id": Severity.ERROR,
    "task-without-lead": Severity.WARNING,
    "event-outside-year": Severity.ERROR,
    "event-before-plan-span": Severity.WARNING,
    "bad-period": Severity.ERROR,
    "bad-deadline": Severity.ERROR,
    "missing-period": Severity.ERROR,
    "missing-deadline": Severity.ERROR,
    "no-time-limit": Severity.WARNING,
    "rolled-past-named-day": Severity.WARNING,
    "due-before-period-starts": Severity.ERROR,
    "due-before-period-ends": Severity.WARNING,
    "consolidation-not-after-feeds": Severity.ERROR,
    "reporter-without-committee": Severity.WARNING,
    "no-expected-reporters": Severity.WARNING,
    "requested-agency-reports": Severity.WARNING,
    **IN_FORCE_CODES,
}
"""Every code :func:`validate_plan` can return, with its severity."""

_NEEDS_DEADLINE = (ObligationKind.PERIODIC, ObligationKind.DOCUMENT, ObligationKind.EVENT_TRIGGERED)


def _f(code: str, message: str, path: str, source: str | None) -> Finding:
    return Finding(FINDING_CODES[code], code, message, Location(file=source, path=path))


def validate_plan(
    plan: Plan,
    *,
    catalog: Catalog | None = None,
    calendar: WorkingCalendar | None = None,
    source: str | None = None,
    register: UnitRegister | None = None,
) -> list[Finding]:
    """Every finding of ``plan``, in the order of the plan's sections, then those of the
    days its units and agencies exist.

    Args:
        catalog: the vocabularies to check codes against (the national catalog by default).
        calendar: working days for the deadline roll (Vietnam's public calendar by default).
        source: the plan file's name, for the findings' locations.
        register: the units over time, for units the plan gives no validity (none: only
            the plan's own validity dates are checked).
    """
    catalog = catalog if catalog is not None else national_catalog()
    calendar = calendar if calendar is not None else WorkingCalendar()
    findings: list[Finding] = []
    add = findings.append

    try:
        tree = plan.hierarchy
    except CwpError as exc:
        add(_f("bad-hierarchy", reason(exc), "units", source))
        return findings
    if plan.area is not None and plan.area not in tree:
        add(
            _f(
                "unknown-unit",
                Message('unknown unit "{unit}" (the plan\'s area)', unit=plan.area),
                "area",
                source,
            )
        )

    def agency_ref(code: str | None, path: str) -> None:
        if code is not None and not plan.knows(code):
            add(_f("unknown-agency", Message('unknown agency "{code}"', code=code), path, source))

    findings.extend(duplicate_ids(plan, source))
    agency_ref(plan.issuer, "issuer")
    agency_ref(plan.coordinator, "coordinator")
    for i, agency in enumerate(plan.agencies):
        if agency.unit not in tree:
            add(
                _f(
                    "unknown-unit",
                    Message('unknown unit "{unit}"', unit=agency.unit),
                    path=f"agencies[{i}].unit",
                    source=source,
                )
            )
    for i, group in enumerate(plan.groups):
        for j, member in enumerate(group.agencies):
            agency_ref(member, f"groups[{i}].agencies[{j}]")

    def category_refs(codes: Iterable[str], path: str) -> None:
        for j, code in enumerate(codes):
            if not catalog.has("category", code):
                add(
                    _f(
                        "unknown-category",
                        Message('unknown category "{code}"', code=code),
                        path=f"{path}[{j}]",
                        source=source,
                    )
                )

    def indicator_ref(code: str | None, path: str) -> None:
        if code is not None and not catalog.has("indicator", code):
            add(
                _f(
                    "unknown-indicator",
                    Message('unknown indicator "{code}"', code=code),
                    path,
                    source,
                )
            )

    event_ids = {e.id for e in plan.events}

    def targets(items: Iterable[Target], path: str) -> None:
        for j, target in enumerate(items):
            indicator_ref(target.indicator, f"{path}[{j}].indicator")
            if target.scope is not None and target.scope not in tree:
                add(
                    _f(
                        "unknown-unit",
                        Message('unknown unit "{unit}"', unit=target.scope),
                        path=f"{path}[{j}].scope",
                        source=source,
                    )
                )

    def task(t: Task, path: str) -> None:
        agency_ref(t.lead, f"{path}.lead")
        for j, code in enumerate(t.support):
            agency_ref(code, f"{path}.support[{j}]")
        if plan.lead_of(t) is None and t.addressee is None:
            add(
                _f(
                    "task-without-lead",
                    Message("task {task!r} names no lead agency", task=t.id),
                    path,
                    source,
                )
            )
        category_refs(t.categories, f"{path}.categories")
        for j, code in enumerate(t.indicators):
            indicator_ref(code, f"{path}.indicators[{j}]")
        targets(t.targets, f"{path}.targets")
        for j, code in enumerate(t.events):
            if code not in event_ids:
                add(
                    _f(
                        "unknown-event",
                        Message('unknown event "{code}"', code=code),
                        path=f"{path}.events[{j}]",
                        source=source,
                    )
                )

    for i, objective in enumerate(plan.objectives):
        category_refs(objective.categories, f"objectives[{i}].categories")
        targets(objective.targets, f"objectives[{i}].targets")
    for i, task_group in enumerate(plan.task_groups):
        for j, t in enumerate(task_group.tasks):
            task(t, f"task_groups[{i}].tasks[{j}]")
    for i, resp in enumerate(plan.responsibilities):
        agency_ref(resp.agency, f"responsibilities[{i}].agency")
        for j, t in enumerate(resp.tasks):
            task(t, f"responsibilities[{i}].tasks[{j}]")
    span = plan.span()
    for i, event in enumerate(plan.events):
        for j, code in enumerate(event.agencies):
            agency_ref(code, f"events[{i}].agencies[{j}]")
        try:
            days = occurrences(event.when, plan.year)
        except CwpError as exc:
            add(
                _f(
                    "event-outside-year",
                    Message("event {event!r}: {error}", event=event.id, error=reason(exc)),
                    path=f"events[{i}].when",
                    source=source,
                )
            )
            continue
        if not days:
            add(
                _f(
                    "event-outside-year",
                    Message(
                        "event {event!r} has no day in the plan year {year} "
                        "(its date rule falls outside it)",
                        event=event.id,
                        year=str(plan.year),
                    ),
                    path=f"events[{i}].when",
                    source=source,
                )
            )
        for occurrence in days:
            if occurrence.end < span.start:
                add(
                    _f(
                        "event-before-plan-span",
                        Message(
                            "event {event!r} falls on {day}, before the plan's span starts "
                            "({start}, {why})",
                            event=event.id,
                            day=occurrence.end,
                            start=span.start,
                            why=_span_words(span),
                        ),
                        path=f"events[{i}].when",
                        source=source,
                    )
                )
    area_known = plan.area is None or plan.area in tree
    findings.extend(_obligations(plan, calendar, source, area_known=area_known))
    findings.extend(in_force_findings(plan, register=register, calendar=calendar, source=source))
    return findings


def _span_words(span: PlanSpan) -> Message:
    if span.known_by == "issued":
        return Message("the date of {source}", source=span.source)
    if span.known_by == "based-on":
        return Message("not before {source}, which it is based on", source=span.source)
    return Message("the start of the plan year")


def obligation_last_day(
    plan: Plan, obligation: ReportingObligation, calendar: WorkingCalendar | None = None
) -> date | None:
    """The last on-time day of a dated obligation (Civil Code roll applied), or None when
    its deadline is relative to an event, sets no time limit, or is absent. The pack's
    ``reading`` stands in for the text's ``deadline`` when there is one.

    Raises:
        CalendarError: the deadline falls in a year whose working days are not known.
    """
    rule = obligation.effective_deadline
    if rule is None or rule.kind not in ("before", "by"):
        return None
    return resolve(rule, calendar=calendar or WorkingCalendar()).last_on_time_day


def _requested_agencies(plan: Plan) -> set[str]:
    """Agencies the plan only requests: named by a requested responsibility and by no
    assigned one."""
    requested: set[str] = set()
    assigned: set[str] = set()
    for resp in plan.responsibilities:
        if resp.agency is None or not plan.knows(resp.agency):
            continue
        try:
            members = set(plan.members(resp.agency))
        except CwpError:  # a group at a level of an unknown area: reported elsewhere
            continue
        (requested if resp.mode is ResponsibilityMode.REQUESTED else assigned).update(members)
    return requested - assigned


def _obligations(
    plan: Plan, calendar: WorkingCalendar, source: str | None, *, area_known: bool
) -> Iterator[Finding]:
    """Findings of the reporting obligations; the checks that need the plan's area are
    skipped when the area is not among its units (already reported as ``unknown-unit``)."""
    ids = {o.id: o for o in plan.obligations}
    requested = _requested_agencies(plan)
    last_days: dict[str, date | None] = {}
    for i, ob in enumerate(plan.obligations):
        path = f"obligations[{i}]"
        for j, code in enumerate(ob.reporters.agencies):
            where = f"{path}.reporters.agencies[{j}]"
            if not plan.knows(code):
                yield _f(
                    "unknown-agency", Message('unknown agency "{code}"', code=code), where, source
                )
            elif code in requested:
                yield _f(
                    "requested-agency-reports",
                    Message(
                        "{code!r} is only requested by the plan (Đề nghị), not assigned, yet "
                        "it is expected to report {obligation!r}",
                        code=code,
                        obligation=ob.id,
                    ),
                    where,
                    source,
                )
        for field, addressee in (
            ("recipient", ob.recipient),
            ("via", ob.via),
            ("drafted_by", ob.drafted_by),
        ):
            if addressee is not None and not plan.knows(addressee):
                yield _f(
                    "unknown-agency",
                    Message('unknown agency "{code}"', code=addressee),
                    path=f"{path}.{field}",
                    source=source,
                )
        if area_known and ob.reporters.level is not None:
            for unit in plan.area_units(ob.reporters.level):
                if plan.committee_of(unit.code) is None:
                    yield _f(
                        "reporter-without-committee",
                        Message(
                            "{level} {unit} ({name}) has no People's Committee agency, so it "
                            "cannot be expected to report {obligation!r}",
                            level=str(unit.level),
                            unit=unit.code,
                            name=unit.name,
                            obligation=ob.id,
                        ),
                        path=f"{path}.reporters.level",
                        source=source,
                    )
        if area_known and not plan.expected_reporters(ob):
            yield _f(
                "no-expected-reporters",
                Message(
                    "no reporter is expected for {obligation!r}: no unit at level {level} in "
                    "the plan's area has a People's Committee and no agency is listed",
                    obligation=ob.id,
                    level=str(ob.reporters.level),
                ),
                path=f"{path}.reporters",
                source=source,
            )
        for j, fed in enumerate(ob.feeds):
            if fed not in ids:
                yield _f(
                    "unknown-obligation",
                    Message('unknown obligation "{code}"', code=fed),
                    path=f"{path}.feeds[{j}]",
                    source=source,
                )
        if ob.kind in _NEEDS_DEADLINE and ob.effective_deadline is None:
            yield _f(
                "missing-deadline",
                Message(
                    "{kind} obligation {obligation!r} has no deadline",
                    kind=str(ob.kind),
                    obligation=ob.id,
                ),
                path=f"{path}.deadline",
                source=source,
            )
        if isinstance(ob.effective_deadline, Promptly):
            yield _f(
                "no-time-limit",
                Message(
                    "{obligation!r} is due {rule!r}, which sets no time limit, and the plan "
                    "gives no reading: its reports are listed as received or not, never "
                    "judged late",
                    obligation=ob.id,
                    rule=format_deadline(ob.effective_deadline),
                ),
                path=f"{path}.deadline",
                source=source,
            )
        if ob.kind is ObligationKind.PERIODIC and ob.covers is None:
            yield _f(
                "missing-period",
                Message("periodic obligation {obligation!r} covers no period", obligation=ob.id),
                path=f"{path}.covers",
                source=source,
            )
        try:
            last = obligation_last_day(plan, ob, calendar)
        except CwpError as exc:
            yield _f(
                "bad-deadline",
                Message("{obligation!r}: {error}", obligation=ob.id, error=reason(exc)),
                path=f"{path}.deadline",
                source=source,
            )
            last = None
        last_days[ob.id] = last
        rule = ob.effective_deadline
        if last is not None and rule is not None:
            deadline = resolve(rule, calendar=calendar)
            if deadline.rolled_beyond_text:
                field = "reading" if ob.reading is not None else "deadline"
                yield _f(
                    "rolled-past-named-day",
                    Message(
                        "{obligation!r} ({rule!r}) is on time until {last}: {reason}",
                        obligation=ob.id,
                        rule=format_deadline(rule),
                        last=deadline.last_on_time_day,
                        reason=deadline.reason,
                    ),
                    path=f"{path}.{field}",
                    source=source,
                )
        if ob.covers is None:
            continue
        try:
            period = parse_period(ob.covers, plan.period_convention)
        except CwpError as exc:
            yield _f("bad-period", reason(exc), path=f"{path}.covers", source=source)
            continue
        if last is None:
            continue
        if last < period.start:
            yield _f(
                "due-before-period-starts",
                Message(
                    "{obligation!r} is due by {last}, before the period {period} it covers "
                    "starts ({start})",
                    obligation=ob.id,
                    last=last,
                    period=period.id,
                    start=period.start,
                ),
                path=f"{path}.deadline",
                source=source,
            )
        elif last < period.end:
            yield _f(
                "due-before-period-ends",
                Message(
                    "{obligation!r} is due by {last}, before the period {period} it covers "
                    "ends ({end} under the {convention} convention): the report cannot hold "
                    "the whole period",
                    obligation=ob.id,
                    last=last,
                    period=period.id,
                    end=period.end,
                    convention=str(plan.period_convention),
                ),
                path=f"{path}.deadline",
                source=source,
            )
    for i, ob in enumerate(plan.obligations):
        last = last_days.get(ob.id)
        for fed in ob.feeds:
            fed_last = last_days.get(fed)
            if last is not None and fed_last is not None and last <= fed_last:
                yield _f(
                    "consolidation-not-after-feeds",
                    Message(
                        "{obligation!r} (due by {last}) consolidates {fed!r} but is not due "
                        "after it (due by {fed_last})",
                        obligation=ob.id,
                        last=last,
                        fed=fed,
                        fed_last=fed_last,
                    ),
                    path=f"obligations[{i}].deadline",
                    source=source,
                )
