"""Deadlines resolved to their last on-time day, with the Civil Code roll.

:func:`resolve` gives the :class:`Deadline` of a rule
(:mod:`child_welfare_plan.model.deadlines`): the literal last day, then the Civil Code roll
(on by default): a last day that is a weekend day or a public holiday moves to the end of the
next working day (Civil Code 2015 Art. 148.5), using :class:`WorkingCalendar`. The
:class:`Deadline` says which days off the roll skipped, and whether it took the last day
beyond what the phrase itself allows (``rolled_beyond_text``: "trước ngày 10/12/2023" is on
time on Monday 11/12/2023, after the day the text names).

A rule with a time of day ("trước 16 giờ 00 ngày 14/6/2024") has its last day on the named
day and a ``due_at`` instant at that time, Vietnamese local time. When that day is not a
working day the day rolls and the time is kept: this library's reading, since Art. 148.5
speaks of periods in days and the time an office names is the hour its inbox closes.

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
from typing import Any

import attrs

from child_welfare_plan.calendars.dates import local_aware, local_date
from child_welfare_plan.calendars.workdays import DayOff, WorkingCalendar
from child_welfare_plan.errors import CalendarError, InvalidValueError
from child_welfare_plan.i18n import N_, current, translations
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.deadlines import (
    Before,
    By,
    DeadlineRule,
    Promptly,
    WithinDays,
    WithinHours,
    format_deadline,
    format_vn_date,
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
        due_at: the instant the time limit ends, for hour rules and rules with a time of
            day (aware, Vietnamese local time; None otherwise).
        days_off: the days off the roll skipped (``unrolled`` up to the day before
            ``last_on_time_day``), each with its reason.
    """

    rule: DeadlineRule
    date: dt.date | None
    unrolled: dt.date
    last_on_time_day: dt.date
    rolled: bool
    due_at: dt.datetime | None = None
    days_off: tuple[DayOff, ...] = ()

    @property
    def rolled_beyond_text(self) -> bool:
        """True when the roll took the last on-time day of a dated rule to a day its phrase
        excludes: past D for "chậm nhất ngày D", onto or past D for "trước ngày D" (the
        Civil Code reading is kept; this says it departs from the words)."""
        return self.rolled and self.date is not None

    @property
    def reason(self) -> Message | None:
        """Why the last day rolled, in words (None when it did not): English as a string,
        in the reader's language by :func:`~child_welfare_plan.i18n.localized.localize`."""
        if not self.rolled:
            return None
        skipped = _DaysOff(self.days_off)
        if len(self.days_off) == 1:
            text = Message(
                "{skipped} is a day off, so the last on-time day moves from "
                "{unrolled} to the next working day, {last} "
                "(Civil Code 2015 Art. 148.5)",
                skipped=skipped,
                unrolled=_AsWritten.of(self.unrolled),
                last=_AsWritten.of(self.last_on_time_day),
            )
        else:
            text = Message(
                "{skipped} are days off, so the last on-time day moves from "
                "{unrolled} to the next working day, {last} "
                "(Civil Code 2015 Art. 148.5)",
                skipped=skipped,
                unrolled=_AsWritten.of(self.unrolled),
                last=_AsWritten.of(self.last_on_time_day),
            )
        if self.rolled_beyond_text and self.date is not None:
            if self.last_on_time_day == self.date:
                return Message(
                    "{reason}, the day the text names ({day})",
                    reason=text,
                    day=_AsWritten.of(self.date),
                )
            return Message(
                "{reason}, after the day the text names ({day})",
                reason=text,
                day=_AsWritten.of(self.date),
            )
        return text

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of ``cwp deadline``: ``{"rule", "date", "last_on_time_day",
        "rolled", "due_at", "reason", "reason_label", "days_off"}`` (``due_at`` ISO 8601
        with its offset, ``+07:00``, or null; ``reason`` English, ``reason_label`` in the
        current language)."""

        return {
            "rule": self.rule.kind,
            "date": None if self.date is None else self.date.isoformat(),
            "last_on_time_day": self.last_on_time_day.isoformat(),
            "rolled": self.rolled,
            "due_at": None if self.due_at is None else local_aware(self.due_at).isoformat(),
            "reason": None if self.reason is None else str(self.reason),
            "reason_label": None if self.reason is None else self.reason.localized(),
            "days_off": [d.to_dict() for d in self.days_off],
        }


class _AsWritten(dt.date):
    """A date that English text writes as Vietnamese documents do (``03/9/2023``, see
    :func:`~child_welfare_plan.model.deadlines.format_vn_date`); a message shows it in the
    reader's way in any other language."""

    @classmethod
    def of(cls, day: dt.date) -> _AsWritten:
        return cls(day.year, day.month, day.day)

    def __format__(self, spec: str) -> str:
        return format_vn_date(self) if not spec else super().__format__(spec)


class _DaysOff(Message):
    """The days off a roll skipped, named in the reader's language: "Saturday 09/12/2023
    and Sunday 10/12/2023", "Thứ Bảy 09/12/2023 và Chủ nhật 10/12/2023"."""

    days: tuple[DayOff, ...]

    def __new__(cls, days: tuple[DayOff, ...]) -> _DaysOff:
        made = str.__new__(cls, _days_off(days, "en"))
        made.template, made.args, made.days = "", {}, days

        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (_DaysOff, (self.days,))

    def localized(self, lang: str | None = None) -> str:
        """The days in ``lang`` (None: the current language)."""
        return _days_off(self.days, lang)


def _days_off(days: tuple[DayOff, ...], lang: str | None) -> str:
    """``days`` named in ``lang`` (None: the current language), joined as a list."""
    lang = lang or current()
    english = lang == "en"
    names: list[str] = []
    for d in days:
        when = format_vn_date(d.date) if english else _day(d.date, lang)
        name = d.name_en if english else d.name
        names.append(f"{name} {when}" if d.reason == "weekend" else f"{when} ({name})")
    if len(names) == 1:
        return names[0]
    joined = translations(lang).gettext(N_("{first} and {last}"))

    return joined.format(first=", ".join(names[:-1]), last=names[-1])


def _day(value: dt.date, lang: str) -> str:
    # Babel: loaded when a message is shown, not when one is made
    from child_welfare_plan.i18n.formatting import day

    return day(value, lang=lang)


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
        InvalidValueError: a relative rule without an anchor, an hour rule with a date, or
            a rule with no time limit ("kịp thời", :class:`Promptly`).
        CalendarError: a day outside the supported range.
    """
    cal = WorkingCalendar() if calendar is None else calendar
    named: dt.date | None = None
    due_at: dt.datetime | None = None
    at: dt.time | None = None
    if isinstance(rule, Promptly):
        raise InvalidValueError(
            Message(
                "{rule!r} asks for promptness and sets no time limit, so it has no last "
                "day; give a reading with a time limit (an obligation's `reading`)",
                rule=format_deadline(rule),
            )
        )
    try:
        if isinstance(rule, Before | By):
            named = rule.date
            at = rule.time
            unrolled = (
                rule.date - _ONE_DAY if isinstance(rule, Before) and at is None else rule.date
            )
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
                    Message(
                        "anchor {anchor} of rule {rule!r} is a date; "
                        "a time limit in hours needs a datetime",
                        anchor=instant.isoformat(),
                        rule=format_deadline(rule),
                    )
                )
            due_at = instant + dt.timedelta(hours=rule.n)
            unrolled = local_date(due_at)
            return Deadline(rule, None, unrolled, unrolled, False, due_at)
    except OverflowError:
        raise CalendarError(
            Message(
                "the deadline of {rule!r} falls outside the supported date range",
                rule=format_deadline(rule),
            )
        ) from None
    last = cal.roll_forward(unrolled) if roll else unrolled
    skipped: list[DayOff] = []
    day = unrolled
    while day < last:
        off = cal.day_off(day)
        if off is not None:
            skipped.append(off)
        day += _ONE_DAY
    if at is not None:
        due_at = local_aware(dt.datetime.combine(last, at))
    return Deadline(rule, named, unrolled, last, last != unrolled, due_at, tuple(skipped))


def _require_anchor(
    rule: WithinDays | WithinHours, anchor: dt.date | dt.datetime | None
) -> dt.date | dt.datetime:
    if anchor is None:
        raise InvalidValueError(
            Message(
                "rule {rule!r} ({kind}) counts from an event: give the date (or date and "
                "time) of that event as its anchor (`--anchor` on the command line)",
                rule=format_deadline(rule),
                kind=rule.kind,
            )
        )

    return anchor
