"""The iCalendar output format (RFC 5545) of ``cwp calendar``: all-day events, a reminder
before each deadline, and UIDs that stay the same when the calendar is exported again.

Needs the ``ics`` extra (icalendar), imported when a calendar is written.

References:
    * RFC 5545, Internet Calendaring and Scheduling Core Object Specification (iCalendar):
      §3.6.1 VEVENT, §3.6.6 VALARM, §3.8.4.7 UID, §3.8.2.2 DTEND (exclusive for dates).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from child_welfare_plan.errors import MissingDependencyError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.reports.base import Report
from child_welfare_plan.rules.schedule import CalendarItem, PlanCalendar

__all__ = ["REMINDER_DAYS", "accepts_calendar", "render_ics", "to_ical", "uid"]


#: Days before a deadline that an iCalendar reminder fires.
REMINDER_DAYS = 3


def uid(plan_id: str, item: CalendarItem, occurrence: int = 1) -> str:
    """A UID that stays the same when the calendar is exported again (RFC 5545 §3.8.4.7):
    built from the plan, the kind, the id, the year and the occurrence's rank in that year,
    never from its wording or its day — a deadline moved to another day keeps its UID, so a
    re-import updates the entry instead of adding one."""
    return f"{plan_id}.{item.kind}.{item.id}.{item.start.year}.{occurrence}@child-welfare-plan"


def to_ical(cal: PlanCalendar, stamp: datetime | None = None) -> bytes:
    """The calendar as an iCalendar file: all-day VEVENTs, a reminder
    :data:`REMINDER_DAYS` days before each deadline, stable UIDs."""
    try:
        import icalendar  # the optional `ics` extra
    except ImportError:
        raise MissingDependencyError(
            Message(
                "the ics format needs the icalendar library: pip install 'child-welfare-plan[ics]'"
            )
        ) from None

    when = stamp if stamp is not None else datetime(cal.year, 1, 1)
    out = icalendar.Calendar()
    out.add("prodid", "-//child-welfare-plan//cwp calendar//VI")
    out.add("version", "2.0")
    out.add("calscale", "GREGORIAN")
    out.add("x-wr-calname", cal.plan)
    ranks: dict[tuple[str, str, int], int] = {}
    for item in cal.items:
        key = (item.kind, item.id, item.start.year)
        ranks[key] = ranks.get(key, 0) + 1
        event = icalendar.Event()
        event.add("uid", uid(cal.plan, item, ranks[key]))
        event.add("dtstamp", when)
        event.add("dtstart", item.start)
        event.add("dtend", item.end + timedelta(days=1))  # DTEND of a date is exclusive
        summary = item.title if item.kind != "deadline" else f"Hạn: {item.title}"
        event.add("summary", summary)
        lines = [x for x in (item.detail, item.note, ", ".join(item.agencies)) if x]
        if lines:
            event.add("description", "\n".join(lines))
        event.add("categories", [item.kind])
        if not item.scheduled:
            event.add("transp", "TRANSPARENT")
        if item.kind == "deadline":
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"Sắp đến hạn: {item.title}")
            alarm.add("trigger", timedelta(days=-REMINDER_DAYS))
            event.add_component(alarm)
        out.add_component(event)
    data: bytes = out.to_ical()
    return data


def render_ics(report: Report) -> bytes:
    """The iCalendar output format (calendar reports only)."""
    cal, stamp = report.payload
    return to_ical(cal, stamp)


def accepts_calendar(report: Report) -> bool:
    """True for the report of ``cwp calendar``, the only one iCalendar can hold."""
    return report.kind == "calendar" and isinstance(report.payload, tuple)
