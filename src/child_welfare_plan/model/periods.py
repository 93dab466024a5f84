"""Reporting periods with DHIS2-compatible ids, under two conventions.

A :class:`Period` is a type (daily, weekly, monthly, quarterly, six-monthly, yearly) and an
index within a year, with inclusive ``start`` and ``end`` dates. Its id is the DHIS2 one:
``2023``, ``2023S1``, ``2023Q2``, ``202306``, ``2023W05`` (ISO week), ``20230615``.

The dates depend on a :class:`Convention`:

* ``calendar``: calendar boundaries (``2023S1`` = 01/01/2023–30/06/2023).
* ``nd09``: the data cut-offs of Decree 09/2019/NĐ-CP Art. 12, where a period runs from the
  15th of the month before it to the 14th of its last month (``2023S1`` =
  15/12/2022–14/6/2023, ``2023`` = 15/12/2022–14/12/2023). Daily and weekly periods are the
  same under both conventions.

Example:
    >>> p = parse_period("2023S1", "nd09")
    >>> p.start, p.end
    (datetime.date(2022, 12, 15), datetime.date(2023, 6, 14))
    >>> [str(q) for q in p.parts("quarterly")]
    ['2023Q1', '2023Q2']

References:
    * Decree 09/2019/NĐ-CP of 24/01/2019 on the reporting regime of state administrative
      agencies, Art. 12 (data cut-off of periodic reports): 12.1 monthly, from the 15th of
      the previous month to the 14th of the reporting month; 12.4 yearly, from 15/12 of the
      previous year to 14/12 of the reporting year. 12.2 quarterly (15th of the month before
      the quarter to the 14th of its last month) and 12.3 six-monthly (15/12 of the previous
      year to 14/6; 15/6 to 14/12) are read the same way (check).
    * DHIS2 documentation, "Date and period format" (period ids).
    * ISO 8601 week dates (weeks start on Monday; week 1 holds the year's first Thursday).
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Any

import attrs

from child_welfare_plan.errors import CalendarError, InvalidValueError, ParseError, reason
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.cells import echo
from child_welfare_plan.model.findings import joined

__all__ = [
    "PERIOD_ID_FORMS",
    "Convention",
    "Period",
    "PeriodType",
    "parse_period",
    "period_containing",
    "periods_in_year",
]


class PeriodType(StrEnum):
    """The kinds of period, finest first (the order used to sort periods that start together)."""

    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SIXMONTHLY = "sixmonthly"
    YEARLY = "yearly"


#: What each type of period is called in a message (in English, its code).
_TYPE_WORDS = {
    PeriodType.DAILY: Message("daily"),
    PeriodType.WEEKLY: Message("weekly"),
    PeriodType.MONTHLY: Message("monthly"),
    PeriodType.QUARTERLY: Message("quarterly"),
    PeriodType.SIXMONTHLY: Message("sixmonthly"),
    PeriodType.YEARLY: Message("yearly"),
}


class Convention(StrEnum):
    """Where period boundaries fall: calendar boundaries, or Decree 09/2019 data cut-offs."""

    CALENDAR = "calendar"
    ND09 = "nd09"


PERIOD_ID_FORMS = (
    Message("2023 (yearly)"),
    Message("2023S1 (six-monthly)"),
    Message("2023Q2 (quarterly)"),
    Message("202306 (monthly)"),
    Message("2023W05 (ISO week)"),
    Message("20230615 (daily)"),
)
"""The accepted period id forms, one example each."""

_TYPE_RANK = {t: rank for rank, t in enumerate(PeriodType)}
_CONVENTION_RANK = {c: rank for rank, c in enumerate(Convention)}
_MONTHS_IN = {
    PeriodType.MONTHLY: 1,
    PeriodType.QUARTERLY: 3,
    PeriodType.SIXMONTHLY: 6,
    PeriodType.YEARLY: 12,
}
_ND09_CUTOFF_DAY = 14
"""Decree 09/2019 Art. 12: a period ends on the 14th and the next starts on the 15th."""

_ONE_DAY = dt.timedelta(days=1)
_ID_PATTERN = re.compile(
    r"(?P<year>\d{4})(?:(?P<letter>[SQW])(?P<number>\d{1,2})|(?P<month>\d{2})(?P<day>\d{2})?)?"
)


def _to_period_type(value: PeriodType | str) -> PeriodType:
    try:
        return PeriodType(value)
    except ValueError:
        accepted = ", ".join(t.value for t in PeriodType)
        raise InvalidValueError(
            Message(
                "period type {value} is not known; expected one of {accepted}",
                value=repr(value),
                accepted=accepted,
            )
        ) from None


def _to_convention(value: Convention | str) -> Convention:
    try:
        return Convention(value)
    except ValueError:
        accepted = ", ".join(c.value for c in Convention)
        raise InvalidValueError(
            Message(
                "period convention {value} is not known; expected one of {accepted}",
                value=repr(value),
                accepted=accepted,
            )
        ) from None


def _iso_weeks_in(year: int) -> int:
    """Number of ISO weeks (52 or 53) in ISO year ``year``: 28/12 is always in the last."""
    return dt.date(year, 12, 28).isocalendar().week


def _last_day_of_month(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - _ONE_DAY


def _month_before(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


@attrs.frozen(order=False)
class Period:
    """A reporting period: a type and an index within a year, with inclusive dates.

    Attributes:
        type: the period type.
        year: the year of the id (for weekly periods, the ISO year).
        index: month 1–12, quarter 1–4, half 1–2, ISO week 1–52/53, 1 for a year, or for a
            daily period the day itself (a :class:`datetime.date` in ``year``).
        convention: where the boundaries fall (``calendar`` or ``nd09``).

    Periods sort by start date, then by type (finest first). Construct them directly,
    with :func:`parse_period`, :func:`period_containing` or :func:`periods_in_year`.

    Raises:
        InvalidValueError: an index out of range for the type and year (a week 53 only in
            years that have one).
        CalendarError: a period whose dates fall outside what :mod:`datetime` can hold.
    """

    type: PeriodType = attrs.field(converter=_to_period_type)
    year: int
    index: int | dt.date = 1
    convention: Convention = attrs.field(default=Convention.CALENDAR, converter=_to_convention)
    _start: dt.date = attrs.field(init=False, eq=False, repr=False)
    _end: dt.date = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        self._check_index()
        try:
            start, end = self._bounds()
        except (ValueError, OverflowError):
            raise CalendarError(
                Message(
                    "period {id!r} ({convention}) lies outside the supported date range "
                    "{first}..{last}",
                    id=self.id,
                    convention=str(self.convention),
                    first=dt.date.min,
                    last=dt.date.max,
                )
            ) from None
        object.__setattr__(self, "_start", start)
        object.__setattr__(self, "_end", end)

    def _check_index(self) -> None:
        if isinstance(self.year, bool) or not isinstance(self.year, int):
            raise InvalidValueError(
                Message("period year {year} must be an int", year=repr(self.year))
            )
        if not dt.MINYEAR <= self.year <= dt.MAXYEAR:
            raise InvalidValueError(
                Message(
                    "period year {year} must be between {first} and {last}",
                    year=str(self.year),
                    first=str(dt.MINYEAR),
                    last=str(dt.MAXYEAR),
                )
            )
        index = self.index
        if self.type is PeriodType.DAILY:
            if not isinstance(index, dt.date) or isinstance(index, dt.datetime):
                raise InvalidValueError(
                    Message(
                        "daily period index {index} must be a datetime.date (the day itself)",
                        index=repr(index),
                    )
                )
            if index.year != self.year:
                raise InvalidValueError(
                    Message(
                        "daily period index {day} is not in year {year}",
                        day=index,
                        year=str(self.year),
                    )
                )
            return
        if isinstance(index, bool) or not isinstance(index, int):
            raise InvalidValueError(
                Message(
                    "{type} period index {index} must be an int, not {kind}",
                    type=_TYPE_WORDS[self.type],
                    index=repr(index),
                    kind=type(index).__name__,
                )
            )
        if self.type is PeriodType.WEEKLY:
            highest = _iso_weeks_in(self.year)
            if not 1 <= index <= highest:
                raise InvalidValueError(
                    Message(
                        "weekly period index {index} is out of range: ISO year {year} has "
                        "weeks 1..{highest}",
                        index=index,
                        year=str(self.year),
                        highest=highest,
                    )
                )
            return
        highest = 12 // _MONTHS_IN[self.type]
        if not 1 <= index <= highest:
            raise InvalidValueError(
                Message(
                    "{type} period index {index} is out of range: expected 1..{highest}",
                    type=_TYPE_WORDS[self.type],
                    index=index,
                    highest=highest,
                )
            )

    def _bounds(self) -> tuple[dt.date, dt.date]:
        index = self.index
        if isinstance(index, dt.date):  # daily
            return index, index
        if self.type is PeriodType.WEEKLY:
            monday = dt.date.fromisocalendar(self.year, index, 1)
            return monday, monday + dt.timedelta(days=6)
        span = _MONTHS_IN[self.type]
        first_month = (index - 1) * span + 1
        last_month = index * span
        if self.convention is Convention.ND09:
            before_year, before_month = _month_before(self.year, first_month)
            start = dt.date(before_year, before_month, _ND09_CUTOFF_DAY + 1)
            return start, dt.date(self.year, last_month, _ND09_CUTOFF_DAY)
        return dt.date(self.year, first_month, 1), _last_day_of_month(self.year, last_month)

    # -- identity -------------------------------------------------------------------------

    @property
    def id(self) -> str:
        """The DHIS2 period id (``2023``, ``2023S1``, ``2023Q2``, ``202306``, ``2023W05``, …)."""
        index = self.index
        if isinstance(index, dt.date):
            return f"{index.year:04d}{index.month:02d}{index.day:02d}"
        year = f"{self.year:04d}"
        if self.type is PeriodType.YEARLY:
            return year
        if self.type is PeriodType.SIXMONTHLY:
            return f"{year}S{index}"
        if self.type is PeriodType.QUARTERLY:
            return f"{year}Q{index}"
        if self.type is PeriodType.WEEKLY:
            return f"{year}W{index:02d}"
        return f"{year}{index:02d}"

    def __str__(self) -> str:
        return self.id

    # -- dates ----------------------------------------------------------------------------

    @property
    def start(self) -> dt.date:
        """The first day of the period (inclusive)."""
        return self._start

    @property
    def end(self) -> dt.date:
        """The last day of the period (inclusive)."""
        return self._end

    @property
    def days(self) -> int:
        """The number of days in the period."""
        return (self._end - self._start).days + 1

    def contains(self, d: dt.date) -> bool:
        """Whether day ``d`` (a datetime counts by its date) lies in the period."""
        if isinstance(d, dt.datetime):
            d = d.date()
        return self._start <= d <= self._end

    # -- navigation -----------------------------------------------------------------------

    def next(self) -> Period:
        """The period of the same type and convention that starts the day after this ends."""
        return self._step(1)

    def previous(self) -> Period:
        """The period of the same type and convention that ends the day before this starts."""
        return self._step(-1)

    def _step(self, delta: int) -> Period:
        index = self.index
        try:
            if isinstance(index, dt.date):
                day = index + dt.timedelta(days=delta)
                return Period(self.type, day.year, day, self.convention)
            if self.type is PeriodType.WEEKLY:
                monday = self._start + dt.timedelta(weeks=delta)
                iso = monday.isocalendar()
                return Period(self.type, iso.year, iso.week, self.convention)
            per_year = 12 // _MONTHS_IN[self.type]
            year, position = divmod(self.year * per_year + (index - 1) + delta, per_year)
            return Period(self.type, year, position + 1, self.convention)
        except (OverflowError, InvalidValueError):
            if delta > 0:
                missing = Message(
                    "there is no {type} period after {id!r} within the supported date range",
                    type=_TYPE_WORDS[self.type],
                    id=self.id,
                )
            else:
                missing = Message(
                    "there is no {type} period before {id!r} within the supported date range",
                    type=_TYPE_WORDS[self.type],
                    id=self.id,
                )
            raise CalendarError(missing) from None

    def parts(self, type: PeriodType | str) -> tuple[Period, ...]:
        """The periods of a finer ``type`` (same convention) that together make up this one.

        ``2023S1`` → ``2023Q1, 2023Q2``; ``2023`` → ``2023S1, 2023S2``; a period's parts of
        its own type are the period itself.

        Raises:
            CalendarError: ``type`` is coarser than this period's, or its periods do not
                nest in this one (ISO weeks do not nest in months, quarters or years).
        """
        target = _to_period_type(type)
        if _TYPE_RANK[target] > _TYPE_RANK[self.type]:
            raise CalendarError(
                Message(
                    "cannot split {type} period {id!r} into {target} periods: {target} is "
                    "coarser than {type}",
                    type=_TYPE_WORDS[self.type],
                    id=self.id,
                    target=_TYPE_WORDS[target],
                )
            )
        if target is self.type:
            return (self,)
        found: list[Period] = []
        part = period_containing(self._start, target, self.convention)
        while part.start <= self._end:
            found.append(part)
            if part.end >= self._end:
                break
            part = part.next()
        if found[0].start != self._start or found[-1].end != self._end:
            raise CalendarError(
                Message(
                    "{target} periods do not nest in {type} period {id!r} ({start}..{end}, "
                    "{convention})",
                    target=_TYPE_WORDS[target],
                    type=_TYPE_WORDS[self.type],
                    id=self.id,
                    start=self._start,
                    end=self._end,
                    convention=str(self.convention),
                )
            )
        return tuple(found)

    # -- ordering and export --------------------------------------------------------------

    def _sort_key(self) -> tuple[dt.date, int, dt.date, int, int, int]:
        index = self.index
        position = index.toordinal() if isinstance(index, dt.date) else index
        return (
            self._start,
            _TYPE_RANK[self.type],
            self._end,
            _CONVENTION_RANK[self.convention],
            self.year,
            position,
        )

    def __lt__(self, other: Any) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() < other._sort_key()

    def __le__(self, other: Any) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() <= other._sort_key()

    def __gt__(self, other: Any) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() > other._sort_key()

    def __ge__(self, other: Any) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() >= other._sort_key()

    def to_dict(self) -> dict[str, str]:
        """The JSON form of ``cwp period``: ``{"id", "type", "start", "end"}``, dates ISO."""
        return {
            "id": self.id,
            "type": self.type.value,
            "start": self._start.isoformat(),
            "end": self._end.isoformat(),
        }


def parse_period(text: str, convention: Convention | str = Convention.CALENDAR) -> Period:
    """Read a DHIS2 period id (``2023``, ``2023S1``, ``2023Q2``, ``202306``, ``2023W05``,
    ``20230615``; letters in either case, ``2023W5`` accepted) under ``convention``.

    Raises:
        ParseError: the text is not a period id, or names a period that does not exist
            (``202313``, ``2021W53``); the message quotes the text and lists the forms.
    """
    conv = _to_convention(convention)
    match = _ID_PATTERN.fullmatch(text.strip().upper())
    if match is None:
        raise ParseError(_bad_id_message(text, Message("not a period id")))
    year = int(match["year"])
    letter, number, month, day = match["letter"], match["number"], match["month"], match["day"]
    try:
        if letter is not None:
            kind = {
                "S": PeriodType.SIXMONTHLY,
                "Q": PeriodType.QUARTERLY,
                "W": PeriodType.WEEKLY,
            }[letter]
            return Period(kind, year, int(number), conv)
        if day is not None:
            try:
                the_day = dt.date(year, int(month), int(day))
            except ValueError as error:
                raise InvalidValueError(
                    Message("no such day ({error})", error=str(error))
                ) from None
            return Period(PeriodType.DAILY, year, the_day, conv)
        if month is not None:
            return Period(PeriodType.MONTHLY, year, int(month), conv)
        return Period(PeriodType.YEARLY, year, 1, conv)
    except (InvalidValueError, CalendarError) as error:
        raise ParseError(_bad_id_message(text, reason(error))) from None


def _bad_id_message(text: str, why: str) -> Message:
    return Message(
        "cannot read period id {text}: {why}; expected one of the forms {forms}",
        text=echo(text),
        why=why,
        forms=joined(PERIOD_ID_FORMS),
    )


def period_containing(
    d: dt.date,
    type: PeriodType | str,
    convention: Convention | str = Convention.CALENDAR,
) -> Period:
    """The period of ``type`` under ``convention`` that contains day ``d``.

    Under ``nd09`` a day on or after the 15th belongs to the next month's period: 20/6/2023
    is in ``202307`` and in ``2023S2``.
    """
    kind = _to_period_type(type)
    conv = _to_convention(convention)
    if isinstance(d, dt.datetime):
        d = d.date()
    if kind is PeriodType.DAILY:
        return Period(kind, d.year, d, conv)
    if kind is PeriodType.WEEKLY:
        iso = d.isocalendar()
        return Period(kind, iso.year, iso.week, conv)
    year, month = d.year, d.month
    if conv is Convention.ND09 and d.day > _ND09_CUTOFF_DAY:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        if year > dt.MAXYEAR:
            raise CalendarError(
                Message(
                    "{day} falls in an nd09 {kind} period of year {year}, beyond the supported "
                    "range",
                    day=d,
                    kind=_TYPE_WORDS[kind],
                    year=str(year),
                )
            )
    return Period(kind, year, (month - 1) // _MONTHS_IN[kind] + 1, conv)


def periods_in_year(
    type: PeriodType | str,
    year: int,
    convention: Convention | str = Convention.CALENDAR,
) -> tuple[Period, ...]:
    """The periods of ``type`` that make up the yearly period ``year`` under ``convention``.

    Under ``nd09`` that year runs from 15/12 of the year before to 14/12, so its daily
    periods start on 15/12 of the year before. Weekly periods are the ISO weeks of ISO year
    ``year`` (weeks do not nest in years).
    """
    kind = _to_period_type(type)
    conv = _to_convention(convention)
    if kind is PeriodType.WEEKLY:
        return tuple(Period(kind, year, week, conv) for week in range(1, _iso_weeks_in(year) + 1))
    return Period(PeriodType.YEARLY, year, 1, conv).parts(kind)
