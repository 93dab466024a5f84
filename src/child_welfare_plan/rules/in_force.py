"""Does each unit and agency a plan names exist on the days the plan needs it?

A plan lives in a year; its units and agencies have validity (units and agencies may carry
``valid_from``/``valid_to`` in the plan file; otherwise, given a unit register, a unit's
validity is that of the unit of the register with its code and name). The days a plan
needs them:

* its **area**: the whole year — an area that exists on no day of the year is an error
  (``area-not-in-force``), one that exists only part of it a warning;
* the **issuer**: the day the plan was issued (its document's date, else 1 January);
* the **coordinator** and the agency of each **responsibility**: the whole year;
* the lead and supporters of a **task**: the days of its schedule, else the whole year;
* the agencies of an **event**: the day each occurrence begins;
* the **reporters** of an obligation (its listed agencies and the People's Committees of
  the units at its level), its **recipient** and its **via**: the last on-time day of a
  dated deadline, else the whole year;
* a **target**'s scope: the last day of the target's year;
* any other unit the plan lists: some day of the year.

An agency exists while it and its unit both do. An agency the plan lists without dates,
whose code is that of a body of the national list (``so-ldtbxh`` at a province,
``ldtbxh`` and ``ubnd-<code>`` at a district: :mod:`child_welfare_plan.catalogs.agencies`),
ends when that body ends: the labour sector's offices on 28/02/2025, the district bodies on
30/06/2025. (The list's start dates say when a body took over children's affairs, not when
it began to exist, so they are not used.) A unit whose name does not match the name
the register gives its code is reported (``unit-name-mismatch``): a reused code (11086 is
Xã Hưng Đạo until 30/06/2025, Xã Đại Sơn from 01/07/2025) is the usual cause. Each unit
and agency is reported once, at the first place it is needed on a day it does not exist.

References:
    * Resolution 202/2025/QH15 and the resolutions of 16/06/2025 on each province's
      communes: two tiers of local government from 01/07/2025 (district bodies cease).
    * Decree 42/2025/NĐ-CP (27/02/2025, in force 01/03/2025): the Ministry of Health takes
      over the state management of children from the labour ministry.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from child_welfare_plan.calendars.deadlines import resolve
from child_welfare_plan.calendars.schedule import occurrences
from child_welfare_plan.calendars.workdays import WorkingCalendar
from child_welfare_plan.catalogs.agencies import agency_roles
from child_welfare_plan.errors import CwpError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.agencies import Agency
from child_welfare_plan.model.deadlines import DeadlineRule
from child_welfare_plan.model.findings import Finding, Location, Severity
from child_welfare_plan.model.plan import Plan, Task
from child_welfare_plan.model.successions import UnitRegister
from child_welfare_plan.model.units import AdministrativeUnit, fold_name, validity

__all__ = ["FINDING_CODES", "in_force_findings"]

FINDING_CODES: dict[str, Severity] = {
    "area-not-in-force": Severity.ERROR,
    "unit-not-in-force": Severity.WARNING,
    "agency-not-in-force": Severity.WARNING,
    "unit-name-mismatch": Severity.WARNING,
}
"""Every code :func:`in_force_findings` can return, with its severity."""

_KINDS = ("thanh pho", "thi tran", "thi xa", "dac khu", "tinh", "huyen", "quan", "xa", "phuong")

Span = tuple[date | None, date | None]
"""A validity: first and last day (None: open)."""

Need = tuple[str, tuple[date, ...], str]
"""What needs a unit or agency: the path in the plan, the days, and why (in words)."""


def _short(name: str) -> str:
    folded = fold_name(name)
    for kind in _KINDS:
        if folded.startswith(kind + " "):
            return folded[len(kind) + 1 :]
    return folded


def _exists(span: Span, day: date) -> bool:
    return (span[0] is None or span[0] <= day) and (span[1] is None or day <= span[1])


def _overlaps(span: Span, start: date, end: date) -> bool:
    return (span[0] is None or span[0] <= end) and (span[1] is None or start <= span[1])


def _both(a: Span, b: Span) -> Span:
    start = max((d for d in (a[0], b[0]) if d is not None), default=None)
    end = min((d for d in (a[1], b[1]) if d is not None), default=None)
    return (start, end)


def _either(a: Span, b: Span) -> Span:
    """The days from the first start to the last end of two spans."""
    start = None if a[0] is None or b[0] is None else min(a[0], b[0])
    end = None if a[1] is None or b[1] is None else max(a[1], b[1])
    return (start, end)


def _text(span: Span) -> Message:
    if span[0] is None and span[1] is None:
        return Message("at all times")
    if span[0] is not None and span[1] is not None and span[1] < span[0]:
        return Message(
            "on no day (from {start}, but its unit only until {end})", start=span[0], end=span[1]
        )
    if span[0] is None:
        return Message("until {end}", end=span[1])
    if span[1] is None:
        return Message("from {start}", start=span[0])
    return Message("from {start} to {end}", start=span[0], end=span[1])


class _Checker:
    def __init__(
        self,
        plan: Plan,
        register: UnitRegister | None,
        calendar: WorkingCalendar,
        source: str | None,
    ) -> None:
        self.plan = plan
        self.register = register
        self.calendar = calendar
        self.source = source
        self.findings: list[Finding] = []
        self.start = date(plan.year, 1, 1)
        self.end = date(plan.year, 12, 31)
        self.year = (self.start, self.end)
        self.units: dict[str, Span] = {}
        for i, unit in enumerate(plan.units):
            span = self._unit_span(unit, f"units[{i}]")
            # A code the plan lists twice (before and after a reform): the days of either.
            self.units[unit.code] = (
                _either(self.units[unit.code], span) if unit.code in self.units else span
            )
        self.reported: set[str] = set()
        # Units by code and agency spans, each found once: a national plan has 10,000
        # reporters and 11,000 units, and scanning the units for each reporter was quadratic.
        self.units_by_code: dict[str, list[AdministrativeUnit]] = {}
        for unit in plan.units:
            self.units_by_code.setdefault(unit.code, []).append(unit)
        self.spans: dict[str, Span | None] = {}

    def add(self, code: str, message: str, path: str) -> None:
        self.findings.append(
            Finding(FINDING_CODES[code], code, message, Location(file=self.source, path=path))
        )

    def _unit_span(self, unit: AdministrativeUnit, path: str) -> Span:
        """The unit's validity: its own, else that of the register's unit with its code
        and name (open when the register does not know the code)."""
        if unit.valid_from is not None or unit.valid_to is not None:
            return (unit.valid_from, unit.valid_to)
        if self.register is None or unit.code not in self.register:
            return (None, None)
        versions = self.register.versions(unit.code)
        wanted = (fold_name(unit.name), _short(unit.name))
        named = [u for u in versions if fold_name(u.name) in wanted or _short(u.name) in wanted]
        if not named:
            history = "; ".join(f"{u.name} ({validity(u)})" for u in versions)
            self.add(
                "unit-name-mismatch",
                Message(
                    "unit {unit} is called {name!r} in the plan, but the register of units "
                    "knows code {unit} only as: {history}",
                    unit=unit.code,
                    name=unit.name,
                    history=history,
                ),
                path,
            )
            return (None, None)
        inside = [u for u in named if u.active_between(*self.year)] or named
        starts = [u.valid_from for u in inside]
        ends = [u.valid_to for u in inside]
        return (
            None if None in starts else min(d for d in starts if d is not None),
            None if None in ends else max(d for d in ends if d is not None),
        )

    def agency_span(self, code: str) -> Span | None:
        """The days an agency exists (it and its unit); None when the plan lacks it."""
        if code in self.spans:
            return self.spans[code]
        if not self.plan.has_agency(code):
            span = None
        else:
            agency = self.plan.agency(code)
            span = _both(self._own_span(agency), self.units.get(agency.unit, (None, None)))
        self.spans[code] = span
        return span

    def _own_span(self, agency: Agency) -> Span:
        """The agency's validity: its own, else open from the start and ending when the
        national list's body with its code at its unit's level ends."""
        if agency.valid_from is not None or agency.valid_to is not None:
            return (agency.valid_from, agency.valid_to)
        units = self.units_by_code.get(agency.unit, [])
        for role in agency_roles():
            if role.kind is agency.kind and any(
                u.level is role.level and role.code_for(u) == agency.code for u in units
            ):
                return (None, role.valid_to)
        return (None, None)

    def need_agency(self, code: str | None, need: Need) -> None:
        if code is None or code in self.reported:
            return
        for member in self._members(code):
            span = self.agency_span(member)
            if span is None or member in self.reported:
                continue
            path, days, why = need
            missing = [d for d in days if not _exists(span, d)]
            if missing:
                self.reported.add(member)
                name = self.plan.agency(member).name
                self.add(
                    "agency-not-in-force",
                    Message(
                        "agency {agency!r} ({name}) does not exist on {day}, when {why}: it "
                        "exists {span}",
                        agency=member,
                        name=name,
                        day=missing[0],
                        why=why,
                        span=_text(span),
                    ),
                    path,
                )

    def _members(self, code: str) -> tuple[str, ...]:
        try:
            return self.plan.members(code)
        except CwpError:
            return ()

    def need_unit(self, code: str, need: Need) -> None:
        span = self.units.get(code)
        if span is None or code in self.reported:
            return
        path, days, why = need
        missing = [d for d in days if not _exists(span, d)]
        if missing:
            self.reported.add(code)
            self.add(
                "unit-not-in-force",
                Message(
                    "unit {unit} does not exist on {day}, when {why}: it exists {span}",
                    unit=code,
                    day=missing[0],
                    why=why,
                    span=_text(span),
                ),
                path,
            )

    def whole_year(self, path: str, what: str) -> Need:
        return (
            path,
            (self.start, self.end),
            Message("{what} throughout {year}", what=what, year=str(self.plan.year)),
        )

    def task_need(self, task: Task, path: str, lead: bool) -> Need:
        if lead:
            role = Message("it is the lead of task {task!r}", task=task.id)
        else:
            role = Message("it is the supporter of task {task!r}", task=task.id)
        if task.schedule is not None:
            try:
                days = tuple(o.start for o in occurrences(task.schedule, self.plan.year))
            except CwpError:
                days = ()
            if days:
                return (path, days, Message("{role} on that day", role=role))
        return self.whole_year(path, role)


def _task_paths(plan: Plan) -> Iterator[tuple[str, Task]]:
    for i, group in enumerate(plan.task_groups):
        for j, task in enumerate(group.tasks):
            yield f"task_groups[{i}].tasks[{j}]", task
    for i, resp in enumerate(plan.responsibilities):
        for j, task in enumerate(resp.tasks):
            yield f"responsibilities[{i}].tasks[{j}]", task


def in_force_findings(
    plan: Plan,
    *,
    register: UnitRegister | None = None,
    calendar: WorkingCalendar | None = None,
    source: str | None = None,
) -> list[Finding]:
    """Every unit and agency of ``plan`` that does not exist on a day the plan needs it
    (see the module docs); the plan's units must form a valid tree."""
    check = _Checker(plan, register, calendar or WorkingCalendar(), source)
    year = plan.year
    if plan.area is not None and plan.area in check.units:
        span = check.units[plan.area]
        if not _overlaps(span, check.start, check.end):
            check.add(
                "area-not-in-force",
                Message(
                    "the plan's area {area} does not exist in {year}: it exists {span}",
                    area=plan.area,
                    year=str(year),
                    span=_text(span),
                ),
                "area",
            )
            check.reported.add(plan.area)
        check.need_unit(plan.area, check.whole_year("area", Message("it is the plan's area")))
    issued = plan.document.date if plan.document and plan.document.date else check.start
    check.need_agency(plan.issuer, ("issuer", (issued,), Message("the plan is issued")))
    check.need_agency(
        plan.coordinator, check.whole_year("coordinator", Message("it coordinates the plan"))
    )
    for i, resp in enumerate(plan.responsibilities):
        path = f"responsibilities[{i}].agency"
        check.need_agency(
            resp.agency, check.whole_year(path, Message("it has duties under the plan"))
        )
    for path, task in _task_paths(plan):
        check.need_agency(task.lead, check.task_need(task, f"{path}.lead", lead=True))
        for j, code in enumerate(task.support):
            check.need_agency(code, check.task_need(task, f"{path}.support[{j}]", lead=False))
    for i, event in enumerate(plan.events):
        try:
            starts = tuple(o.start for o in occurrences(event.when, year))
        except CwpError:
            continue
        for j, code in enumerate(event.agencies):
            why = Message("event {event!r} takes place", event=event.id)
            check.need_agency(code, (f"events[{i}].agencies[{j}]", starts, why))
    for i, ob in enumerate(plan.obligations):
        path = f"obligations[{i}]"
        last = _last_day(ob.deadline, check.calendar) if ob.deadline is not None else None
        if last is not None:
            days: tuple[date, ...] = (last,)
            due = Message("{obligation!r}, due by {last}", obligation=ob.id, last=last)
        else:
            days = (check.start, check.end)
            due = Message(
                "{obligation!r}, due at any time in {year}", obligation=ob.id, year=str(year)
            )
        try:
            reporters: Iterable[str] = plan.expected_reporters(ob)
        except CwpError:
            reporters = ob.reporters.agencies
        for code in reporters:
            check.need_agency(
                code, (f"{path}.reporters", days, Message("it reports {due}", due=due))
            )
        check.need_agency(
            ob.recipient, (f"{path}.recipient", days, Message("it receives {due}", due=due))
        )
        check.need_agency(ob.via, (f"{path}.via", days, Message("it passes on {due}", due=due)))
    for i, unit in enumerate(plan.units):
        span = check.units.get(unit.code, (None, None))
        if unit.code not in check.reported and not _overlaps(span, check.start, check.end):
            check.reported.add(unit.code)
            check.add(
                "unit-not-in-force",
                Message(
                    "unit {unit} ({name}) is listed but does not exist in {year}: it exists {span}",
                    unit=unit.code,
                    name=unit.name,
                    year=str(year),
                    span=_text(span),
                ),
                path=f"units[{i}]",
            )
    for path, scope, target_year in _scopes(plan):
        end = date(target_year, 12, 31)
        why = Message("target year {year} ends", year=str(target_year))
        check.need_unit(scope, (path, (end,), why))

    return check.findings


def _scopes(plan: Plan) -> Iterator[tuple[str, str, int]]:
    for i, objective in enumerate(plan.objectives):
        for j, target in enumerate(objective.targets):
            if target.scope is not None:
                yield f"objectives[{i}].targets[{j}].scope", target.scope, target.year
    for path, task in _task_paths(plan):
        for j, target in enumerate(task.targets):
            if target.scope is not None:
                yield f"{path}.targets[{j}].scope", target.scope, target.year


def _last_day(deadline: DeadlineRule, calendar: WorkingCalendar) -> date | None:
    """The last on-time day of a dated deadline (None for a relative one or one whose year
    has no known working days)."""
    if deadline.kind not in ("before", "by"):
        return None
    try:
        return resolve(deadline, calendar=calendar).last_on_time_day
    except CwpError:
        return None
