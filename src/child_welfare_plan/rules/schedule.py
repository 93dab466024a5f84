"""The plan calendar: every event and every deadline of a plan, in date order.

Events come from their date rules (lunar days computed for UTC+7); deadlines are the last
on-time day of each dated reporting obligation, after the Civil Code roll. The calendar
can be filtered by agency and by dates, rendered as a table, as JSON (design §7) or as
iCalendar (RFC 5545) with stable UIDs, so that importing it again updates rather than
duplicates.

Each item says what a reader should not take for granted (``note``): an event day before
the plan's span starts (``outside_span``: a plan issued in March does not organise January's
Tết), a deadline the Civil Code roll takes to a day its phrase excludes, a day that comes
from the pack's reading rather than the text's words. Obligations with no calendar day
(reports on incidents, reports with no date) are listed apart (``undated``), each with the
text's deadline and the pack's reading, if any.

References:
    * Civil Code 2015 Art. 148.5 (a last day that is not a working day rolls forward).
    * RFC 5545, Internet Calendaring and Scheduling Core Object Specification (iCalendar):
      §3.6.1 VEVENT, §3.6.6 VALARM, §3.8.4.7 UID, §3.8.2.2 DTEND (exclusive for dates).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from child_welfare_plan.calendars.deadlines import resolve
from child_welfare_plan.calendars.schedule import occurrences
from child_welfare_plan.calendars.workdays import WorkingCalendar
from child_welfare_plan.errors import InvalidValueError, NotFoundError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.date_rules import format_date_rule
from child_welfare_plan.model.deadlines import format_deadline
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.model.validators import to_tuple
from child_welfare_plan.presentation import Presentable, presenter
from child_welfare_plan.rules.validate import obligation_last_day

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CalendarItem", "PlanCalendar", "UndatedObligation", "plan_calendar"]


@attrs.frozen
class CalendarItem:
    """One entry: an event occurrence, a task's scheduled days, or a deadline.

    ``end`` is inclusive. ``scheduled`` is False for an event that happens "some time in
    the year" (its span is the whole year).
    """

    start: date
    end: date
    kind: str
    """``event``, ``task`` or ``deadline``."""
    id: str
    title: str
    agencies: tuple[str, ...] = attrs.field(converter=to_tuple, default=())
    scheduled: bool = True
    detail: str | None = None
    outside_span: bool = False
    """True for an event day before the plan's span starts (see :meth:`Plan.span`)."""
    note: str | None = None
    """What the item departs from: the span, the words of the deadline, or the text."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: ``{"start", "end", "kind", "id", "title", "agencies", ...}``."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "agencies": list(self.agencies),
            "scheduled": self.scheduled,
            "detail": self.detail,
            "outside_span": self.outside_span,
            "note": self.note,
        }


@attrs.frozen
class UndatedObligation:
    """A reporting obligation with no day on the calendar: its deadline as the text says it
    (None when the text gives none) and the pack's reading, if any."""

    id: str
    title: str
    kind: str
    deadline: str | None
    reading: str | None = None
    reading_basis: str | None = None
    agencies: tuple[str, ...] = attrs.field(converter=to_tuple, default=())

    def to_dict(self) -> dict[str, Any]:
        """``{"id", "title", "kind", "deadline", "reading", "reading_basis", "agencies"}``."""
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "deadline": self.deadline,
            "reading": self.reading,
            "reading_basis": self.reading_basis,
            "agencies": list(self.agencies),
        }


@attrs.frozen
class PlanCalendar(Presentable):
    """The items of a plan's calendar in date order."""

    plan: str
    year: int
    items: tuple[CalendarItem, ...] = attrs.field(converter=to_tuple)
    undated: tuple[UndatedObligation, ...] = attrs.field(converter=to_tuple, default=())

    def to_dict(self) -> dict[str, Any]:
        """Design §7: ``{"plan", "items": [...]}``, with ``undated`` beside it."""
        return {
            "plan": self.plan,
            "items": [item.to_dict() for item in self.items],
            "undated": [u.to_dict() for u in self.undated],
        }

    def to_pandas(self) -> pd.DataFrame:
        """The items as a pandas DataFrame, dates as datetimes (needs pandas)."""
        frame: pd.DataFrame = presenter().frames(self)
        return frame


def _expand(plan: Plan, code: str) -> set[str]:
    return {code, *plan.members(code)} if plan.knows(code) else {code}


def _concerns(plan: Plan, item: CalendarItem, agency: str) -> bool:
    """Whether ``item`` concerns ``agency``: named on it (directly or through a group), or
    an event or task that names no one and so concerns everyone."""
    if not item.agencies:
        return item.kind != "deadline"
    wanted = _expand(plan, agency)
    return any(wanted & _expand(plan, code) for code in item.agencies)


def _overlaps(item: CalendarItem, start: date | None, end: date | None) -> bool:
    return (start is None or item.end >= start) and (end is None or item.start <= end)


def plan_calendar(
    plan: Plan,
    *,
    agency: str | None = None,
    start: date | None = None,
    end: date | None = None,
    calendar: WorkingCalendar | None = None,
) -> PlanCalendar:
    """Every event occurrence, scheduled task and deadline of ``plan`` in date order.

    Raises:
        NotFoundError: ``agency`` is not an agency or group of the plan.
        InvalidValueError: ``end`` is before ``start``.

    Args:
        agency: keep only items that concern this agency (named on an event or task, an
            expected reporter, the recipient or the office a report goes through). Events
            and tasks that name no agency concern everyone and are kept.
        start, end: keep only items that overlap these dates (inclusive).
        calendar: working days for the roll (Vietnam's public calendar by default).
    """
    if agency is not None and not plan.knows(agency):
        known = ", ".join(sorted([a.code for a in plan.agencies] + [g.code for g in plan.groups]))
        raise NotFoundError(
            Message(
                "plan {plan!r} has no agency {agency!r} (it has: {known})",
                plan=plan.id,
                agency=agency,
                known=known,
            )
        )
    if start is not None and end is not None and end < start:
        raise InvalidValueError(
            Message("the end {end} is before the start {start}", end=end, start=start)
        )

    items: list[CalendarItem] = []
    undated: list[UndatedObligation] = []
    span = plan.span()
    for event in plan.events:
        when = format_date_rule(event.when)
        for occ in occurrences(event.when, plan.year):
            before = occ.end < span.start
            items.append(
                CalendarItem(
                    occ.start,
                    occ.end,
                    "event",
                    event.id,
                    event.title,
                    event.agencies,
                    occ.scheduled,
                    when,
                    outside_span=before,
                    note=f"before the plan's span, which starts {span.start.isoformat()}"
                    if before
                    else None,
                )
            )
    for task in plan.all_tasks():
        if task.schedule is None:
            continue
        agencies = tuple(a for a in (plan.lead_of(task), *task.support) if a is not None)
        for occ in occurrences(task.schedule, plan.year):
            items.append(
                CalendarItem(
                    occ.start,
                    occ.end,
                    "task",
                    task.id,
                    task.text,
                    agencies,
                    occ.scheduled,
                    format_date_rule(task.schedule),
                )
            )
    cal = calendar if calendar is not None else WorkingCalendar()
    for obligation in plan.obligations:
        concerned = (*plan.expected_reporters(obligation), obligation.recipient)
        concerned += tuple(a for a in (obligation.via, obligation.drafted_by) if a is not None)
        agencies = tuple(dict.fromkeys(concerned))
        rule = obligation.effective_deadline
        last = obligation_last_day(plan, obligation, cal)
        if last is None or rule is None:
            undated.append(
                UndatedObligation(
                    obligation.id,
                    obligation.title,
                    str(obligation.kind),
                    None if obligation.deadline is None else format_deadline(obligation.deadline),
                    None if obligation.reading is None else format_deadline(obligation.reading),
                    obligation.reading_basis,
                    agencies,
                )
            )
            continue
        words = format_deadline(obligation.deadline) if obligation.deadline is not None else ""
        detail = words
        if obligation.reading is not None:
            detail = f"{words} (pack's reading: {format_deadline(obligation.reading)})".strip()
        if obligation.covers:
            detail += f" (kỳ {obligation.covers})"
        deadline = resolve(rule, calendar=cal)
        items.append(
            CalendarItem(
                last,
                last,
                "deadline",
                obligation.id,
                obligation.title,
                agencies,
                True,
                detail,
                note=deadline.reason if deadline.rolled_beyond_text else None,
            )
        )
    if agency is not None:
        items = [i for i in items if _concerns(plan, i, agency)]
    items = [i for i in items if _overlaps(i, start, end)]
    items.sort(key=lambda i: (i.start, i.end, i.kind, i.id))
    if agency is not None:
        undated = [u for u in undated if _expand(plan, agency) & set(u.agencies)]
    return PlanCalendar(plan.id, plan.year, items, undated)


def items_between(items: Iterable[CalendarItem], start: date, end: date) -> list[CalendarItem]:
    """The items overlapping ``start``..``end`` (inclusive)."""
    return [i for i in items if _overlaps(i, start, end)]
