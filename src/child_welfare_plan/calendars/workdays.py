"""Working days in Vietnam: weekends, public holidays, days off in lieu, swapped Saturdays.

A :class:`WorkingCalendar` answers "is this a working day?" from the national calendar
(python-holidays' ``holidays.VN``: public holidays, days off in lieu, and the Saturdays
the Government swaps into working days around long holidays) plus local adjustments a
province decides (``extra_days_off``, ``extra_working_days``), which win over the national
calendar. Saturday and Sunday are the weekly days off of state agencies.

Example:
    >>> import datetime as dt
    >>> cal = WorkingCalendar()
    >>> cal.is_working_day(dt.date(2024, 5, 4))  # a Saturday swapped into a working day
    True
    >>> cal.roll_forward(dt.date(2023, 9, 2))  # National Day, then Sunday, then a day in lieu
    datetime.date(2023, 9, 5)

References:
    * Labour Code 45/2019/QH14, Art. 112 (public holidays: New Year, Tết, Hùng Kings'
      Commemoration Day, 30/4, 1/5, National Day; a holiday falling on a weekly day off is
      compensated on the next working day).
    * Decision 188/1999/QĐ-TTg (40-hour week: state agencies rest on Saturday and Sunday).
    * The yearly notices of the Ministry of Labour, Invalids and Social Affairs that swap
      working days around holidays, e.g. Saturday 04/5/2024 worked for Monday 29/4/2024 and
      Saturday 26/4/2025 worked for Friday 02/5/2025 (as carried by python-holidays).
    * python-holidays, Vietnam: https://github.com/vacanza/holidays
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from child_welfare_plan.errors import CalendarError, InvalidValueError
from child_welfare_plan.i18n.localized import Message

if TYPE_CHECKING:
    from holidays import HolidayBase

__all__ = ["LOCAL_DAY_OFF_NAME", "DayOff", "WorkingCalendar", "national_holiday_years"]

LOCAL_DAY_OFF_NAME = {
    "vi": "Ngày nghỉ theo quyết định của địa phương",
    "en_US": "Local day off",
}
"""The name :meth:`WorkingCalendar.holiday_name` gives a local day off with no national name."""

_ONE_DAY = dt.timedelta(days=1)

_WEEKEND_NAMES = {5: ("Thứ Bảy", "Saturday"), 6: ("Chủ nhật", "Sunday")}


@attrs.frozen
class DayOff:
    """Why a day is not a working day.

    Attributes:
        date: the day.
        reason: ``holiday`` (a public holiday or a day off in lieu, with its national name),
            ``local`` (a day off the province decided), ``weekend`` (Saturday or Sunday), or
            ``day-off`` (not worked, for no reason the calendar names).
        name: the Vietnamese name ("Quốc khánh", "Thứ Bảy").
        name_en: the English name ("National Day", "Saturday").
    """

    date: dt.date
    reason: str
    name: str
    name_en: str

    def to_dict(self) -> dict[str, str]:
        """``{"date", "reason", "name", "name_en"}``, the date in ISO form."""
        return {
            "date": self.date.isoformat(),
            "reason": self.reason,
            "name": self.name,
            "name_en": self.name_en,
        }


def national_holiday_years() -> range:
    """The years for which python-holidays knows Vietnam's calendar."""
    from holidays.countries.vietnam import Vietnam  # heavy: loaded when first needed

    return range(Vietnam.start_year, Vietnam.end_year + 1)


@functools.cache
def _national_holidays(year: int, language: str) -> HolidayBase:
    """Vietnam's holidays of one year, built once per (year, language)."""
    import holidays  # heavy (every country's calendar): loaded when first needed

    if year not in national_holiday_years():
        known = national_holiday_years()
        raise CalendarError(
            Message(
                "Vietnam's working days are known for {first}..{last}, not for year {year}",
                first=str(known.start),
                last=str(known.stop - 1),
                year=str(year),
            )
        )
    return holidays.country_holidays("VN", years=year, language=language, expand=False)


def _as_date(d: dt.date) -> dt.date:
    return d.date() if isinstance(d, dt.datetime) else d


def _to_date_set(days: Iterable[dt.date]) -> frozenset[dt.date]:
    return frozenset(_as_date(d) for d in days)


def _step(d: dt.date, days: int) -> dt.date:
    try:
        return d + dt.timedelta(days=days)
    except OverflowError:
        raise CalendarError(
            Message("no day {days:+d} from {day} within the supported date range", days=days, day=d)
        ) from None


@attrs.frozen
class WorkingCalendar:
    """Vietnam's working days, with a province's local adjustments on top.

    Attributes:
        extra_days_off: days that are not worked although the national calendar says they
            are (a local holiday, a decision to close offices).
        extra_working_days: days that are worked although the national calendar says they
            are not (a local swap of a Saturday).

    Raises:
        InvalidValueError: a day is both an extra day off and an extra working day.
        CalendarError (from the methods): a day outside the years python-holidays covers.
    """

    extra_days_off: frozenset[dt.date] = attrs.field(default=frozenset(), converter=_to_date_set)
    extra_working_days: frozenset[dt.date] = attrs.field(
        default=frozenset(), converter=_to_date_set
    )

    def __attrs_post_init__(self) -> None:
        both = self.extra_days_off & self.extra_working_days
        if both:
            days = ", ".join(d.isoformat() for d in sorted(both))
            raise InvalidValueError(
                Message(
                    "extra_days_off and extra_working_days both hold {days}; "
                    "a day is either worked or not",
                    days=days,
                )
            )

    def is_working_day(self, d: dt.date) -> bool:
        """Whether ``d`` is a working day (a datetime counts by its date)."""
        d = _as_date(d)
        if d in self.extra_working_days:
            return True
        if d in self.extra_days_off:
            return False
        return bool(_national_holidays(d.year, "vi").is_working_day(d))

    def holiday_name(self, d: dt.date, *, language: str = "vi") -> str | None:
        """The name of the holiday or day off in lieu on ``d``, or None.

        Ordinary weekends have no name; a local day off is named
        :data:`LOCAL_DAY_OFF_NAME` unless it is also a national holiday. ``language`` is any
        language python-holidays has for Vietnam (``vi``, ``en_US``, ``th``).
        """
        d = _as_date(d)
        if d in self.extra_working_days:
            return None
        name = _national_holidays(d.year, language).get(d)
        if name is None and d in self.extra_days_off:
            return LOCAL_DAY_OFF_NAME["vi" if language == "vi" else "en_US"]
        return None if name is None else str(name)

    def day_off(self, d: dt.date) -> DayOff | None:
        """Why ``d`` is not a working day, or None when it is one.

        A public holiday (or day off in lieu) is named as python-holidays names it; a local
        day off by :data:`LOCAL_DAY_OFF_NAME`; a Saturday or Sunday by its weekday.
        """
        d = _as_date(d)
        if self.is_working_day(d):
            return None
        national = _national_holidays(d.year, "vi").get(d)
        if national is not None:
            english = _national_holidays(d.year, "en_US").get(d)
            return DayOff(d, "holiday", str(national), str(english or national))
        if d in self.extra_days_off:
            return DayOff(d, "local", LOCAL_DAY_OFF_NAME["vi"], LOCAL_DAY_OFF_NAME["en_US"])
        if d.weekday() in _WEEKEND_NAMES:
            vi, en = _WEEKEND_NAMES[d.weekday()]
            return DayOff(d, "weekend", vi, en)
        return DayOff(d, "day-off", "Ngày nghỉ", "Day off")

    def roll_forward(self, d: dt.date) -> dt.date:
        """``d`` itself if it is a working day, else the next working day."""
        d = _as_date(d)
        while not self.is_working_day(d):
            d = _step(d, 1)
        return d

    def add_working_days(self, d: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``d`` (``d`` itself for ``n == 0``).

        ``d`` need not be a working day: the count starts the day after it, as a period in
        days does (Civil Code 2015 Art. 147).
        """
        if n < 0:
            raise InvalidValueError(Message("working-day count n={n} must be 0 or more", n=n))
        d = _as_date(d)
        while n > 0:
            d = _step(d, 1)
            if self.is_working_day(d):
                n -= 1
        return d

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """The number of working days after ``a`` up to and including ``b``.

        So ``working_days_between(d, add_working_days(d, n)) == n``; negative when ``b`` is
        before ``a``.
        """
        a, b = _as_date(a), _as_date(b)
        if b < a:
            return -self.working_days_between(b, a)
        count = 0
        d = a
        while d < b:
            d = _step(d, 1)
            if self.is_working_day(d):
                count += 1
        return count

    def with_adjustments(
        self,
        days_off: Iterable[dt.date] = (),
        working_days: Iterable[dt.date] = (),
    ) -> WorkingCalendar:
        """A copy with more local adjustments; a new adjustment replaces an opposite one."""
        off = _to_date_set(days_off)
        work = _to_date_set(working_days)
        both = off & work
        if both:
            days = ", ".join(d.isoformat() for d in sorted(both))
            raise InvalidValueError(
                Message(
                    "days_off and working_days both hold {days}; a day is either worked or not",
                    days=days,
                )
            )

        return WorkingCalendar(
            extra_days_off=(self.extra_days_off - work) | off,
            extra_working_days=(self.extra_working_days - off) | work,
        )
