"""When a plan's events fall: the occurrences of a date rule in a solar year.

:func:`occurrences` turns a rule (:mod:`child_welfare_plan.model.date_rules`) and a year into
the dates it falls on, always inside that solar year; a lunar day is placed by the Vietnamese
lunar calendar (:mod:`child_welfare_plan.calendars.lunar`).

Example:
    >>> from child_welfare_plan.model.date_rules import parse_date_rule
    >>> [o.start for o in occurrences(parse_date_rule("15/8 âm lịch"), 2023)]
    [datetime.date(2023, 9, 29)]

References:
    * RFC 5545, Internet Calendaring and Scheduling (iCalendar), §3.3.10 Recurrence Rule.
"""

from __future__ import annotations

import calendar
import datetime
from typing import assert_never

import attrs
from dateutil.rrule import rrulestr

from child_welfare_plan.calendars import lunar
from child_welfare_plan.errors import CalendarError, InvalidValueError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.date_rules import (
    DateRule,
    FixedDay,
    LunarDay,
    Recurrence,
    Unscheduled,
    Window,
)

__all__ = ["Occurrence", "occurrences"]


def _solar_date(year: int, month: int, day: int) -> datetime.date:
    """The date, with 29/02 moved to 28/02 in a common year."""
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


@attrs.frozen
class Occurrence:
    """The days an event takes up in a year, ends included.

    ``scheduled`` is False for an :class:`Unscheduled` event, whose occurrence is the
    whole year: the event happens some time in it.
    """

    start: datetime.date
    end: datetime.date
    scheduled: bool = True

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidValueError(
                Message(
                    "Occurrence: end {end} is before start {start}",
                    end=self.end,
                    start=self.start,
                )
            )


def _one_day(day: datetime.date) -> Occurrence:
    return Occurrence(day, day, scheduled=True)


def _lunar_dates(rule: LunarDay, year: int) -> list[datetime.date]:
    if not lunar.FIRST_DATE.year <= year <= lunar.LAST_DATE.year:
        raise CalendarError(
            Message(
                "year {year} is outside the range of the lunar calendar: expected "
                "{first} to {last}",
                year=str(year),
                first=str(lunar.FIRST_DATE.year),
                last=str(lunar.LAST_DATE.year),
            )
        )
    found = []
    for lunar_year in (year - 1, year):
        for month in lunar.months_of_year(lunar_year):
            if month.month == rule.month and month.leap == rule.leap:
                day = month.start + datetime.timedelta(days=min(rule.day, month.length) - 1)
                if day.year == year:
                    found.append(day)
    return sorted(found)


def _recurrence_dates(rule: Recurrence, year: int) -> list[datetime.date]:
    first = datetime.datetime(year, 1, 1)
    last = datetime.datetime(year, 12, 31, 23, 59, 59, 999999)
    moments = rrulestr(rule.rrule, dtstart=first).between(first, last, inc=True)
    return sorted({moment.date() for moment in moments})


def occurrences(rule: DateRule, year: int) -> tuple[Occurrence, ...]:
    """The occurrences of a rule in a solar year, in date order, each inside that year.

    Raises:
        CalendarError: the year is not 1..9999, or, for a lunar day, outside 1900..2100.
    """
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        raise CalendarError(
            Message("year {year} is not a year: expected 1 to 9999", year=str(year))
        )

    if isinstance(rule, FixedDay):
        if rule.month == 2 and rule.day == 29 and not calendar.isleap(year):
            return ()
        return (_one_day(datetime.date(year, rule.month, rule.day)),)
    if isinstance(rule, Window):
        start = _solar_date(year, rule.start_month, rule.start_day)
        end = _solar_date(year, rule.end_month, rule.end_day)
        return (Occurrence(start, end, scheduled=True),)
    if isinstance(rule, LunarDay):
        return tuple(_one_day(day) for day in _lunar_dates(rule, year))
    if isinstance(rule, Recurrence):
        return tuple(_one_day(day) for day in _recurrence_dates(rule, year))
    if isinstance(rule, Unscheduled):
        return (Occurrence(datetime.date(year, 1, 1), datetime.date(year, 12, 31), False),)
    assert_never(rule)
