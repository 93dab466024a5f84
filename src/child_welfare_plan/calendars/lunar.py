"""The Vietnamese lunisolar calendar (âm lịch), computed for UTC+7.

A lunar month starts on the local day (UTC+7) of a new moon. Month 11 is the month that
holds the winter solstice. A lunar year from one month 11 to the next that holds 13 months
has a leap month (tháng nhuận): the first month after month 11 with no major solar term
(trung khí); it takes the number of the month before it. New moons and the sun's longitude
come from the formulas of Jean Meeus, as published by Hồ Ngọc Đức in his converter
(``amlich.js``, ``VietCalendar.java``); this module follows that method step for step.

The method's shortened series can misplace a new moon by a minute or two. Against PyEphem,
every month start from 1900 to 2100 agrees except three new moons that fall less than two
minutes before midnight (20/06/1944, 09/12/2072, 15/11/2077), which the method puts on the
next day; ``docs/lunar.md`` discusses them.

China computes the same calendar for UTC+8, so the two differ in some years: Tết 1985 was
21/01 in Vietnam and 20/02 in China, Tết 2007 17/02 and 18/02, Tết 2030 will be 02/02 and
03/02. Dates before 1968 are the modern rule applied backwards (the proleptic calendar): North
Vietnam adopted UTC+7 for the calendar in 1967/1968, the South in 1975/1976.

Supported range: solar dates 1900-01-01 to 2100-12-31, in both directions; the structure of
a lunar year (:func:`leap_month`, :func:`month_length`, :func:`months_of_year`) for the lunar
years 1899 to 2100, the years that overlap that range. The month table is computed once, on
first use (a few milliseconds), and cached.

A leap month is written with "nhuận": ``15/02 nhuận/2023`` is day 15 of the leap 2nd month of
lunar year 2023. Days below 10 and months 1 and 2 are written with a leading zero, as Decree
30/2020/NĐ-CP prescribes for dates in administrative documents.

References:
    * Hồ Ngọc Đức, "Âm lịch Việt Nam" and "Computing the Vietnamese lunar calendar"
      (https://www.informatik.uni-leipzig.de/~duc/amlich/, pages ``calrules.html`` and
      ``calrules_en.html``): the rules, the UTC+7 meridian (105° E) and the algorithm
      followed here.
    * Jean Meeus, *Astronomical Algorithms*, Willmann-Bell, 1991: the sun's longitude by the
      low-accuracy method (ch. 24 of the 1st edition, 25 of the 2nd); the new moon series
      with lunation 0 on 1900-01-01 is the shorter one of Meeus' *Astronomical Formulae for
      Calculators* (our reading of the coefficients; Hồ Ngọc Đức cites *Astronomical
      Algorithms* for both).
    * P. K. Seidelmann (ed.), *Explanatory Supplement to the Astronomical Almanac*, 1992:
      the rules of the Chinese calendar that the Vietnamese one shares.
    * Government of the Democratic Republic of Vietnam, decision of 08/8/1967 on the time
      zone UTC+7 and the lunar calendar compiled for it (cited as Quyết định 121-CP;
      the number is as commonly cited, not checked against the gazette).
    * Nghị định 30/2020/NĐ-CP (05/3/2020) on administrative documents, Phụ lục I: the
      leading zero for days below 10 and for months 1 and 2.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import itertools
import math

import attrs

from child_welfare_plan.errors import CalendarError
from child_welfare_plan.i18n.localized import Message

__all__ = [
    "FIRST_DATE",
    "FIRST_YEAR",
    "LAST_DATE",
    "LAST_YEAR",
    "TIME_ZONE",
    "LunarDate",
    "LunarMonth",
    "leap_month",
    "month_length",
    "months_of_year",
    "new_year",
    "to_lunar",
    "to_solar",
]

TIME_ZONE = 7.0
"""Hours east of UTC for which the calendar is computed (Vietnam; China uses 8)."""

FIRST_DATE = datetime.date(1900, 1, 1)
"""First solar date that can be converted."""
LAST_DATE = datetime.date(2100, 12, 31)
"""Last solar date that can be converted."""
FIRST_YEAR = 1899
"""First lunar year whose structure is known (its last month starts on :data:`FIRST_DATE`)."""
LAST_YEAR = 2100
"""Last lunar year whose structure is known (it ends in early 2101)."""

# A date's proleptic Gregorian ordinal plus this is its Julian day number.
_JDN_OFFSET = 1721425
# Julian day of the new moon of 1900-01-01 (lunation 0 of the series), and the mean
# synodic month, as in Hồ Ngọc Đức's code.
_EPOCH_NEW_MOON = 2415021.076998695
_SYNODIC_MONTH = 29.530588853


def _two_digits_for_small(value: int, *, months: bool) -> str:
    """A day (or month) as written in Vietnamese administrative documents."""
    if value < 10 and (not months or value <= 2):
        return f"{value:02d}"
    return str(value)


def _check_month_and_day(month: int, day: int) -> None:
    if not 1 <= month <= 12:
        raise CalendarError(
            Message("lunar month {month} is not a month: expected 1 to 12", month=month)
        )
    if not 1 <= day <= 30:
        raise CalendarError(Message("lunar day {day} is not a day: expected 1 to 30", day=day))


def _validate_month(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not 1 <= value <= 12:
        raise CalendarError(
            Message("LunarDate.month: {value} is not a lunar month, expected 1 to 12", value=value)
        )


def _validate_day(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not 1 <= value <= 30:
        raise CalendarError(
            Message("LunarDate.day: {value} is not a lunar day, expected 1 to 30", value=value)
        )


@attrs.frozen
class LunarDate:
    """A day of the Vietnamese lunar calendar.

    Construction checks only that the month is 1..12 and the day 1..30; whether the day
    exists in that year (a 30th day, a leap month) is checked by :meth:`to_solar`.
    """

    year: int
    month: int = attrs.field(validator=_validate_month)
    day: int = attrs.field(validator=_validate_day)
    leap: bool = False

    def to_solar(self) -> datetime.date:
        """The solar (Gregorian) date of this lunar day."""
        return to_solar(self.year, self.month, self.day, self.leap)

    def __str__(self) -> str:
        day = _two_digits_for_small(self.day, months=False)
        month = _two_digits_for_small(self.month, months=True)
        leap = " nhuận" if self.leap else ""
        return f"{day}/{month}{leap}/{self.year}"


@attrs.frozen
class LunarMonth:
    """One month of a lunar year: its number, leap flag, first solar day and length."""

    year: int
    month: int
    leap: bool
    start: datetime.date
    length: int

    @property
    def end(self) -> datetime.date:
        """The last solar day of the month."""
        return self.start + datetime.timedelta(days=self.length - 1)


# --- astronomy (Meeus, as published by Hồ Ngọc Đức) -----------------------------------


def _new_moon(k: int) -> float:
    """Julian day (UT) of the k-th new moon after the one of 1900-01-01."""
    t = k / 1236.85  # Julian centuries from 1900 January 0.5
    t2 = t * t
    t3 = t2 * t
    dr = math.pi / 180
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)  # mean new moon
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3  # sun's mean anomaly
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3  # moon's anomaly
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3  # argument of latitude
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * dr) + 0.0021 * math.sin(2 * dr * m)
    c1 = c1 - 0.4068 * math.sin(mpr * dr) + 0.0161 * math.sin(dr * 2 * mpr)
    c1 = c1 - 0.0004 * math.sin(dr * 3 * mpr)
    c1 = c1 + 0.0104 * math.sin(dr * 2 * f) - 0.0051 * math.sin(dr * (m + mpr))
    c1 = c1 - 0.0074 * math.sin(dr * (m - mpr)) + 0.0004 * math.sin(dr * (2 * f + m))
    c1 = c1 - 0.0004 * math.sin(dr * (2 * f - m)) - 0.0006 * math.sin(dr * (2 * f + mpr))
    c1 = c1 + 0.0010 * math.sin(dr * (2 * f - mpr)) + 0.0005 * math.sin(dr * (2 * mpr + m))
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd1 + c1 - delta_t


def _sun_longitude(jd: float) -> float:
    """The sun's longitude in radians, in [0, 2π), at Julian day ``jd`` (UT)."""
    t = (jd - 2451545.0) / 36525  # Julian centuries from 2000-01-01 12:00 UT
    t2 = t * t
    dr = math.pi / 180
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2  # mean anomaly
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2  # mean longitude
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(dr * m)
    dl = dl + (0.019993 - 0.000101 * t) * math.sin(dr * 2 * m) + 0.000290 * math.sin(dr * 3 * m)
    longitude = (l0 + dl) * dr
    return longitude - 2 * math.pi * math.floor(longitude / (2 * math.pi))


def _new_moon_day(k: int) -> int:
    """Julian day number of the local (UTC+7) day of the k-th new moon."""
    return math.floor(_new_moon(k) + 0.5 + TIME_ZONE / 24)


def _sun_sector(jdn: int) -> int:
    """Which 30° sector (0 = 0°..30°, 9 = 270°..300°) the sun is in at local midnight."""
    return math.floor(_sun_longitude(jdn - 0.5 - TIME_ZONE / 24) / math.pi * 6)


def _month_11_start(year: int) -> int:
    """Julian day number of the first day of the lunar month holding the winter solstice."""
    k = math.floor((datetime.date(year, 12, 31).toordinal() + _JDN_OFFSET - 2415021) / 29.530588853)
    start = _new_moon_day(k)
    if _sun_sector(start) >= 9:  # the solstice came before this new moon
        start = _new_moon_day(k - 1)
    return start


def _lunation_of(jdn: int) -> int:
    """The lunation number k of the new moon that starts on day ``jdn``."""
    return math.floor((jdn - _EPOCH_NEW_MOON) / _SYNODIC_MONTH + 0.5)


def _leap_offset(k11: int) -> int:
    """Months after month 11 (lunation ``k11``) to the first month with no major term."""
    offset = 1
    sector = _sun_sector(_new_moon_day(k11 + offset))
    while True:
        previous = sector
        offset += 1
        sector = _sun_sector(_new_moon_day(k11 + offset))
        if sector == previous or offset >= 14:
            return offset - 1


# --- the month table --------------------------------------------------------------------


@attrs.frozen
class _Table:
    starts: tuple[int, ...]  # ordinals of the first day of each month, increasing
    months: tuple[LunarMonth, ...]
    index: dict[tuple[int, int, bool], int]  # (year, month, leap) -> position
    years: dict[int, tuple[int, int]]  # lunar year -> (first, last + 1) position


def _months_between(first_11: int, next_11: int) -> list[tuple[int, int, bool, int]]:
    """(lunar year, month, leap, start JDN) of the months from one month 11 to the next.

    ``first_11`` is month 11 of year Y - 1, ``next_11`` month 11 of year Y; months 11 and 12
    (and a leap 11 or 12) belong to year Y - 1, the rest to year Y.
    """
    year = datetime.date.fromordinal(next_11 - _JDN_OFFSET).year
    k11 = _lunation_of(first_11)
    count = round((next_11 - first_11) / _SYNODIC_MONTH)
    leap_at = _leap_offset(k11) if count == 13 else None
    out: list[tuple[int, int, bool, int]] = []
    for offset in range(count):
        start = _new_moon_day(k11 + offset)
        if leap_at is not None and offset >= leap_at:
            number, is_leap = offset + 10, offset == leap_at
        else:
            number, is_leap = offset + 11, False
        number = number - 12 if number > 12 else number
        owner = year - 1 if number >= 11 and offset < 4 else year
        out.append((owner, number, is_leap, start))
    if out[0][3] != first_11 or _new_moon_day(k11 + count) != next_11:
        raise AssertionError(f"lunar month table does not tile the year ending {year}")
    return out


@functools.cache
def _table() -> _Table:
    rows: list[tuple[int, int, bool, int]] = []
    # Months 11 of 1898 .. 2101 bound the lunar years 1899 .. 2101.
    elevens = [_month_11_start(year) for year in range(FIRST_YEAR - 1, LAST_YEAR + 2)]
    for first_11, next_11 in itertools.pairwise(elevens):
        rows.extend(_months_between(first_11, next_11))
    rows.append((LAST_YEAR + 1, 11, False, elevens[-1]))  # the end of the last month
    months: list[LunarMonth] = []
    for (year, number, is_leap, start), following in itertools.pairwise(rows):
        if FIRST_YEAR <= year <= LAST_YEAR:
            months.append(
                LunarMonth(
                    year=year,
                    month=number,
                    leap=is_leap,
                    start=datetime.date.fromordinal(start - _JDN_OFFSET),
                    length=following[3] - start,
                )
            )
    index = {(m.year, m.month, m.leap): i for i, m in enumerate(months)}
    years: dict[int, tuple[int, int]] = {}
    for i, m in enumerate(months):
        first, _ = years.get(m.year, (i, i))
        years[m.year] = (first, i + 1)
    return _Table(
        starts=tuple(m.start.toordinal() for m in months),
        months=tuple(months),
        index=index,
        years=years,
    )


# --- public API -------------------------------------------------------------------------


def _check_date(d: datetime.date) -> None:
    if not FIRST_DATE <= d <= LAST_DATE:
        raise CalendarError(
            Message(
                "date {day} is outside the supported range of the lunar calendar: "
                "expected {first} to {last}",
                day=d,
                first=FIRST_DATE,
                last=LAST_DATE,
            )
        )


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CalendarError(
            Message(
                "lunar year {year} is outside the supported range: expected {first} to {last}",
                year=str(year),
                first=str(FIRST_YEAR),
                last=str(LAST_YEAR),
            )
        )


def to_lunar(d: datetime.date) -> LunarDate:
    """The lunar date of a solar (Gregorian) date.

    Raises:
        CalendarError: ``d`` is outside 1900-01-01 .. 2100-12-31.
    """
    _check_date(d)
    table = _table()
    ordinal = d.toordinal()
    position = bisect.bisect_right(table.starts, ordinal) - 1
    month = table.months[position]
    return LunarDate(month.year, month.month, ordinal - table.starts[position] + 1, month.leap)


def _find_month(year: int, month: int, leap: bool) -> LunarMonth:
    _check_year(year)
    table = _table()
    position = table.index.get((year, month, leap))
    if position is None:
        actual = leap_month(year)
        if actual is None:
            raise CalendarError(
                Message(
                    "lunar year {year} has no leap month {month} (it has no leap month)",
                    year=str(year),
                    month=month,
                )
            )
        raise CalendarError(
            Message(
                "lunar year {year} has no leap month {month} (its leap month is {actual})",
                year=str(year),
                month=month,
                actual=actual,
            )
        )
    return table.months[position]


def to_solar(year: int, month: int, day: int, leap: bool = False) -> datetime.date:
    """The solar (Gregorian) date of a lunar date.

    Raises:
        CalendarError: the lunar day does not exist (month not 1..12, day not 1..30, day 30
            of a 29-day month, a leap month the year does not have) or falls outside
            1900-01-01 .. 2100-12-31.
    """
    _check_month_and_day(month, day)
    found = _find_month(year, month, leap)
    if day > found.length:
        name = str(LunarDate(year, month, day, leap))
        raise CalendarError(
            Message(
                "lunar date {name} does not exist: that month has {length} days",
                name=name,
                length=found.length,
            )
        )
    result = found.start + datetime.timedelta(days=day - 1)
    if not FIRST_DATE <= result <= LAST_DATE:
        raise CalendarError(
            Message(
                "lunar date {name} falls on {day}, outside the supported range {first} to {last}",
                name=str(LunarDate(year, month, day, leap)),
                day=result,
                first=FIRST_DATE,
                last=LAST_DATE,
            )
        )

    return result


def months_of_year(year: int) -> tuple[LunarMonth, ...]:
    """The 12 or 13 months of a lunar year, in order, from month 1 to month 12."""
    _check_year(year)
    table = _table()
    first, end = table.years[year]
    return table.months[first:end]


def leap_month(year: int) -> int | None:
    """The number of the leap month of a lunar year, or None if it has none."""
    for month in months_of_year(year):
        if month.leap:
            return month.month
    return None


def month_length(year: int, month: int, leap: bool = False) -> int:
    """The number of days (29 or 30) of a lunar month.

    Raises:
        CalendarError: the month is not 1..12, or the year has no such leap month.
    """
    _check_month_and_day(month, 1)
    return _find_month(year, month, leap).length


def new_year(year: int) -> datetime.date:
    """The solar date of Tết Nguyên đán (day 1 of month 1) of a lunar year."""
    return to_solar(year, 1, 1)
