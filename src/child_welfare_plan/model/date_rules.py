"""Event date rules: when in a year an activity of a plan takes place.

A plan names its events by a date rule, one of five kinds:

* :class:`FixedDay`: a day of the solar year, ``01/6`` (Ngày Quốc tế thiếu nhi);
* :class:`Window`: a span of days, ``01/6-30/6`` (Tháng hành động vì trẻ em);
* :class:`LunarDay`: a day of the lunar calendar, ``15/8 âm lịch`` (Tết Trung thu);
* :class:`Recurrence`: an RFC 5545 RRULE, ``RRULE:FREQ=MONTHLY;BYMONTHDAY=15``;
* :class:`Unscheduled`: some time in the year, ``trong năm``.

:func:`parse_date_rule` and :func:`format_date_rule` read and write the compact text used in
plan files, and ``parse_date_rule(format_date_rule(rule)) == rule``. The dates a rule falls
on in a year come from :func:`child_welfare_plan.calendars.schedule.occurrences`.

Example:
    >>> format_date_rule(Window(6, 1, 6, 30))
    '01/6-30/6'

References:
    * Kế hoạch thực hiện công tác trẻ em năm 2023, UBND huyện Tứ Kỳ: the events named
      above ("ngày Quốc tế thiếu nhi (01/6)", "Tháng hành động vì trẻ em (từ ngày 01/6 đến
      ngày 30/6)", "Tết Trung thu", "Tết Nguyên đán").
    * RFC 5545, Internet Calendaring and Scheduling (iCalendar), §3.3.10 Recurrence Rule.
    * Nghị định 30/2020/NĐ-CP, Phụ lục I: days below 10 and months 1 and 2 written with a
      leading zero (``05/9``, ``07/01``), the form :func:`format_date_rule` writes.
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from typing import ClassVar, Literal, TypeAlias, assert_never

import attrs
from dateutil.rrule import rrulestr

from child_welfare_plan.errors import CalendarError, InvalidValueError, ParseError, reason
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.findings import joined
from child_welfare_plan.model.validators import owned

__all__ = [
    "ACCEPTED_FORMS",
    "DateRule",
    "FixedDay",
    "LunarDay",
    "Recurrence",
    "Unscheduled",
    "Window",
    "format_date_rule",
    "parse_date_rule",
]

ACCEPTED_FORMS = (
    Message('"01/6" (a fixed day)'),
    Message('"01/6-30/6" or "từ ngày 01/6 đến ngày 30/6" (a window)'),
    Message('"15/8 âm lịch" or "15/8 AL" (a lunar day; "15/2 nhuận âm lịch" in a leap month)'),
    Message('"RRULE:FREQ=MONTHLY;BYMONTHDAY=15" (an RFC 5545 recurrence rule)'),
    Message('"trong năm" or "unscheduled" (some time in the year)'),
)
"""The text forms :func:`parse_date_rule` reads, for messages and documentation."""


def _day_month(day: int, month: int) -> str:
    """``day/month`` with the leading zeros of Decree 30/2020 (``05/9``, ``07/01``)."""
    month_text = f"{month:02d}" if month <= 2 else str(month)
    return f"{day:02d}/{month_text}"


def _check_solar_day(owner: str, month: int, day: int) -> None:
    """Refuse a day/month that exists in no year (29/02 exists in leap years)."""
    if not 1 <= month <= 12:
        raise CalendarError(
            Message(
                "{owner}: month {month} is not a month, expected 1 to 12", owner=owner, month=month
            )
        )
    longest = calendar.monthrange(2000, month)[1]  # 2000 is a leap year
    if not 1 <= day <= longest:
        raise CalendarError(
            Message(
                "{owner}: {day}/{month} is not a date, expected a day from 1 to {longest}",
                owner=owner,
                day=day,
                month=month,
                longest=longest,
            )
        )


@attrs.frozen
class FixedDay:
    """The same day every year, e.g. ``FixedDay(6, 1)``: 01/6, International Children's Day.

    29/02 is allowed; in a common year it has no occurrence.
    """

    kind: ClassVar[Literal["fixed"]] = "fixed"
    month: int
    day: int

    def __attrs_post_init__(self) -> None:
        _check_solar_day("FixedDay", self.month, self.day)


@attrs.frozen
class Window:
    """A span of days inside one year, ends included, e.g. ``Window(6, 1, 6, 30)``.

    An end on 29/02 is read as 28/02 in a common year (a start on 29/02 likewise).
    """

    kind: ClassVar[Literal["window"]] = "window"
    start_month: int
    start_day: int
    end_month: int
    end_day: int

    def __attrs_post_init__(self) -> None:
        _check_solar_day("Window start", self.start_month, self.start_day)
        _check_solar_day("Window end", self.end_month, self.end_day)
        if (self.end_month, self.end_day) < (self.start_month, self.start_day):
            raise InvalidValueError(
                Message(
                    "Window: end {end} is before start {start}; a window lies inside one year",
                    end=_day_month(self.end_day, self.end_month),
                    start=_day_month(self.start_day, self.start_month),
                )
            )


@attrs.frozen
class LunarDay:
    """A day of the lunar calendar, e.g. ``LunarDay(8, 15)``: Tết Trung thu.

    In a solar year it falls on every day of that year with this lunar month and day: once
    for months 1 to 10 (the day of the lunar year of the same number), zero, one or two times
    for months 11 and 12, whose days fall in December or in January of the next year. Day 30
    of a 29-day month falls on day 29 (the last day, as "30 Tết" is kept when the 12th month
    is short); a leap month the lunar year does not have gives no occurrence.
    """

    kind: ClassVar[Literal["lunar"]] = "lunar"
    month: int
    day: int
    leap: bool = False

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise CalendarError(
                Message(
                    "LunarDay: month {month} is not a lunar month, expected 1 to 12",
                    month=self.month,
                )
            )
        if not 1 <= self.day <= 30:
            raise CalendarError(
                Message("LunarDay: day {day} is not a lunar day, expected 1 to 30", day=self.day)
            )


_RRULE_PREFIX = re.compile(r"^\s*RRULE:", re.IGNORECASE)
_DAY_OR_COARSER = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY")


def _strip_rrule_prefix(text: str) -> str:
    return _RRULE_PREFIX.sub("", text).strip()


def _check_rrule(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if "\n" in value or "\r" in value or "DTSTART" in value.upper():
        problem = Message(
            "{value!r} is not a single RRULE; expected one line such as "
            '"FREQ=MONTHLY;BYMONTHDAY=15" without DTSTART (each year starts on 1 January)',
            value=value,
        )
        raise InvalidValueError(owned("Recurrence", "rrule", problem))
    frequency = None
    for part in value.upper().split(";"):
        key, _, setting = part.partition("=")
        if key.strip() == "FREQ":
            frequency = setting.strip()
    if frequency not in _DAY_OR_COARSER:
        problem = Message(
            "{value!r} has FREQ={frequency}; expected one of {accepted}",
            value=value,
            frequency=str(frequency),
            accepted=", ".join(_DAY_OR_COARSER),
        )
        raise InvalidValueError(owned("Recurrence", "rrule", problem))
    try:
        rrulestr(value, dtstart=datetime.datetime(2000, 1, 1))
    except (ValueError, TypeError) as error:
        problem = Message(
            "{value!r} is not an RFC 5545 recurrence rule: {error}", value=value, error=str(error)
        )
        raise InvalidValueError(owned("Recurrence", "rrule", problem)) from error


@attrs.frozen
class Recurrence:
    """An RFC 5545 RRULE evaluated within each year, e.g. ``"FREQ=MONTHLY;BYMONTHDAY=15"``.

    The rule starts afresh on 1 January of each year (its DTSTART), so COUNT and INTERVAL
    count within the year. A leading ``RRULE:`` is dropped. FREQ is DAILY or coarser.
    """

    kind: ClassVar[Literal["rrule"]] = "rrule"
    rrule: str = attrs.field(converter=_strip_rrule_prefix, validator=_check_rrule)


@attrs.frozen
class Unscheduled:
    """Some time in the year, no date fixed ("trong năm")."""

    kind: ClassVar[Literal["unscheduled"]] = "unscheduled"


DateRule: TypeAlias = FixedDay | Window | LunarDay | Recurrence | Unscheduled


# --- text form ------------------------------------------------------------------------

_DM = r"([0-9]{1,2})\s*/\s*([0-9]{1,2})"
_FIXED = re.compile(rf"(?:ngày\s+)?{_DM}")
_WINDOW = re.compile(
    rf"(?:từ\s+)?(?:ngày\s+)?{_DM}\s*(?:-|–|—|\s(?:đến|tới)\s)\s*(?:ngày\s+)?{_DM}"
)
_LUNAR = re.compile(rf"(?:ngày\s+)?{_DM}(\s*nhuận)?\s+\(?(?:âm lịch|al|âl)\)?")
_UNSCHEDULED = ("trong năm", "unscheduled")


def _normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def parse_date_rule(text: str) -> DateRule:
    """Read the compact text of a date rule (see :data:`ACCEPTED_FORMS`).

    Raises:
        ParseError: the text is none of the accepted forms, or names a day that cannot
            exist (``31/2``, a window that ends before it starts).
    """
    clean = _normalise(text)
    folded = clean.casefold()
    try:
        if folded in _UNSCHEDULED:
            return Unscheduled()
        if folded.startswith("rrule:"):
            return Recurrence(clean)
        if match := _LUNAR.fullmatch(folded):
            day, month, leap = match.groups()
            return LunarDay(int(month), int(day), leap=leap is not None)
        if match := _WINDOW.fullmatch(folded):
            start_day, start_month, end_day, end_month = (int(group) for group in match.groups())
            return Window(start_month, start_day, end_month, end_day)
        if match := _FIXED.fullmatch(folded):
            day, month = match.groups()
            return FixedDay(int(month), int(day))
    except (CalendarError, InvalidValueError) as error:
        raise ParseError(
            Message("date rule {text!r}: {error}", text=text, error=reason(error))
        ) from error
    raise ParseError(
        Message(
            "date rule {text!r} is not one of the accepted forms: {forms}",
            text=text,
            forms=joined(ACCEPTED_FORMS, "; "),
        )
    )


def format_date_rule(rule: DateRule) -> str:
    """The compact text of a date rule; :func:`parse_date_rule` reads it back."""
    if isinstance(rule, FixedDay):
        return _day_month(rule.day, rule.month)
    if isinstance(rule, Window):
        start = _day_month(rule.start_day, rule.start_month)
        return f"{start}-{_day_month(rule.end_day, rule.end_month)}"
    if isinstance(rule, LunarDay):
        leap = " nhuận" if rule.leap else ""
        return f"{_day_month(rule.day, rule.month)}{leap} âm lịch"
    if isinstance(rule, Recurrence):
        return f"RRULE:{rule.rrule}"
    if isinstance(rule, Unscheduled):
        return "trong năm"
    assert_never(rule)
