"""Deadlines resolved to their last on-time day, with the Civil Code roll.

:func:`resolve` gives the :class:`Deadline` of a rule
(:mod:`child_welfare_plan.model.deadlines`): the literal last day, then the Civil Code roll
(on by default): a last day that is a weekend day or a public holiday moves to the end of the
next working day (Civil Code 2015 Art. 148.5), using :class:`WorkingCalendar`.

Example:
    >>> from child_welfare_plan.model.deadlines import parse_deadline
    >>> rule = parse_deadline("trước ngày 10/12/2023")
    >>> resolve(rule).last_on_time_day  # 09/12 is a Saturday, 10/12 a Sunday
    datetime.date(2023, 12, 11)
    >>> resolve(rule, roll=False).last_on_time_day
    datetime.date(2023, 12, 9)

References:
    * Civil Code 91/2015/QH13, Art. 147 (a period in days starts on the day after the day
      or event that starts it; a period in hours starts at the stated instant) and Art. 148
      (148.1: a period in days ends at the end of its last day; 148.5: when the last day is
      a weekend day or a public holiday, the period ends at the end of the next working
      day; 148.6: the last day ends at 24:00). Same rule in the 2005 Code, Art. 153.5.
"""

from __future__ import annotations

import datetime as dt

import attrs

from child_welfare_plan.calendars.dates import local_date
from child_welfare_plan.calendars.workdays import WorkingCalendar
from child_welfare_plan.errors import CalendarError, InvalidValueError
from child_welfare_plan.model.deadlines import (
    Before,
    By,
    DeadlineRule,
    WithinDays,
    WithinHours,
    format_deadline,
)

__all__ = ["Deadline", "resolve"]

_ONE_DAY = dt.timedelta(days=1)


@attrs.frozen
class Deadline:
    """A rule resolved to its last on-time day.

    Attributes:
        rule: the rule resolved.
        date: the date the rule names (None for relative rules).
        unrolled: the literal last on-time day, before the Civil Code roll.
        last_on_time_day: the last day on which a submission is on time.
        rolled: whether the roll moved the last day (``last_on_time_day != unrolled``).
        due_at: for hour rules, the instant the time limit ends.
    """

    rule: DeadlineRule
    date: dt.date | None
    unrolled: dt.date
    last_on_time_day: dt.date
    rolled: bool
    due_at: dt.datetime | None = None

    def to_dict(self) -> dict[str, str | bool | None]:
        """The JSON form of ``cwp deadline``: ``{"rule", "date", "last_on_time_day", "rolled"}``."""
        return {
            "rule": self.rule.kind,
            "date": None if self.date is None else self.date.isoformat(),
            "last_on_time_day": self.last_on_time_day.isoformat(),
            "rolled": self.rolled,
        }


def resolve(
    rule: DeadlineRule,
    *,
    anchor: dt.date | dt.datetime | None = None,
    calendar: WorkingCalendar | None = None,
    roll: bool = True,
) -> Deadline:
    """The last on-time day of ``rule``.

    Args:
        rule: the rule.
        anchor: the event a relative rule counts from (a date, or a datetime, compared in
            Vietnamese local time; an hour rule needs a datetime). Dated rules ignore it.
        calendar: the working calendar (national calendar by default).
        roll: apply the Civil Code roll (Art. 148.5) to a last day that is not a working
            day. A count of working days always ends on a working day; hours never roll.

    Raises:
        InvalidValueError: a relative rule without an anchor, or an hour rule with a date.
        CalendarError: a day outside the supported range.
    """
    cal = WorkingCalendar() if calendar is None else calendar
    named: dt.date | None = None
    due_at: dt.datetime | None = None
    try:
        if isinstance(rule, Before):
            named = rule.date
            unrolled = rule.date - _ONE_DAY
        elif isinstance(rule, By):
            named = rule.date
            unrolled = rule.date
        elif isinstance(rule, WithinDays):
            start = local_date(_require_anchor(rule, anchor))
            if rule.working:
                unrolled = cal.add_working_days(start, rule.n)
            else:
                unrolled = start + dt.timedelta(days=rule.n)
        else:
            instant = _require_anchor(rule, anchor)
            if not isinstance(instant, dt.datetime):
                raise InvalidValueError(
                    f"anchor {instant.isoformat()} of rule {format_deadline(rule)!r} is a date; "
                    f"a time limit in hours needs a datetime"
                )
            due_at = instant + dt.timedelta(hours=rule.n)
            unrolled = local_date(due_at)
            return Deadline(rule, None, unrolled, unrolled, False, due_at)
    except OverflowError:
        raise CalendarError(
            f"the deadline of {format_deadline(rule)!r} falls outside the supported date range"
        ) from None
    last = cal.roll_forward(unrolled) if roll else unrolled
    return Deadline(rule, named, unrolled, last, last != unrolled, due_at)


def _require_anchor(
    rule: WithinDays | WithinHours, anchor: dt.date | dt.datetime | None
) -> dt.date | dt.datetime:
    if anchor is None:
        raise InvalidValueError(
            f"rule {format_deadline(rule)!r} ({rule.kind}) counts from an event: give the "
            "date (or date and time) of that event as its anchor (`--anchor` on the command "
            "line)"
        )
    return anchor
