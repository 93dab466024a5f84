"""The lunar calendar against an independent astronomical oracle, PyEphem.

PyEphem (libastro: VSOP87 for the sun, ELP-based lunar theory, a ΔT table) finds every new
moon and every major solar term (trung khí: the sun's apparent longitude a multiple of 30°)
from 1899 to 2101. From those instants, taken in UTC+7, the calendar is rebuilt by its
rules alone, and compared with the implementation, which follows Hồ Ngọc Đức's method
(abbreviated Meeus series).

They agree on every month start except three new moons that fall less than two minutes
before local midnight, listed in ``KNOWN_DIFFERENCES``: there the abbreviated series puts
the new moon a minute or two later, just after midnight. The full series of Meeus,
*Astronomical Algorithms* ch. 49, agrees with PyEphem to within a few seconds on all three,
so astronomically the month starts a day earlier. The 1944 date is the modern rule applied
backwards (Vietnam computed its calendar for UTC+8 then, where that new moon fell at 00:59
on 21/06); 2072 and 2077 depend on ΔT, which cannot be known decades ahead to the minute.
The published Vietnamese reference (Hồ Ngọc Đức's method) gives the later day; so does
this library. See ``docs/lunar.md``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math

import attrs
import pytest

from child_welfare_plan.calendars.lunar import (
    FIRST_DATE,
    FIRST_YEAR,
    LAST_DATE,
    LAST_YEAR,
    LunarDate,
    months_of_year,
    to_lunar,
)

ephem = pytest.importorskip("ephem")

UTC_PLUS_7 = dt.timedelta(hours=7)
ONE_DAY = dt.timedelta(days=1)
CLOSE_TO_MIDNIGHT = dt.timedelta(minutes=2)

KNOWN_DIFFERENCES: dict[dt.date, dt.date] = {
    # day of the new moon by PyEphem (UTC+7): day 1 of the month by Hồ Ngọc Đức's method
    dt.date(1944, 6, 20): dt.date(1944, 6, 21),  # PyEphem 16:59:32 UT; month 5 of 1944
    dt.date(2072, 12, 9): dt.date(2072, 12, 10),  # PyEphem 16:58:28 UT; month 11 of 2072
    dt.date(2077, 11, 15): dt.date(2077, 11, 16),  # PyEphem 16:59:34 UT; month 10 of 2077
}


def local_time(instant: float) -> dt.datetime:
    """A PyEphem date (UT) as a naive UTC+7 datetime."""
    moment: dt.datetime = ephem.Date(instant).datetime()
    return moment + UTC_PLUS_7


def apparent_sun_longitude(instant: float) -> float:
    """The sun's apparent geocentric ecliptic longitude of date, in radians."""
    sun = ephem.Sun()
    sun.compute(instant)
    equatorial = ephem.Equatorial(sun.g_ra, sun.g_dec, epoch=instant)
    return float(ephem.Ecliptic(equatorial, epoch=instant).lon)


def solar_term(degrees: int, guess: float) -> float:
    """The instant near ``guess`` when the sun's apparent longitude is ``degrees``."""
    target = math.radians(degrees)

    def offset(instant: float) -> float:
        return (apparent_sun_longitude(instant) - target + math.pi) % (2 * math.pi) - math.pi

    found = float(ephem.newton(offset, guess, guess + 0.01))
    assert abs(found - guess) < 5, f"solar term {degrees}° not found near {ephem.Date(guess)}"
    assert abs(offset(found)) < 1e-7
    return found


@attrs.frozen
class Sky:
    """New moons and major solar terms as local (UTC+7) times, in time order."""

    new_moons: tuple[dt.datetime, ...]
    terms: tuple[tuple[dt.datetime, int], ...]  # (local time, longitude in degrees)
    new_moon_days: tuple[dt.date, ...]
    term_days: tuple[dt.date, ...]

    def has_major_term(self, start: dt.date, end: dt.date) -> bool:
        """Whether a major solar term falls on a local day from ``start`` to ``end``."""
        first = bisect.bisect_left(self.term_days, start)
        return first < len(self.term_days) and self.term_days[first] <= end


@pytest.fixture(scope="module")
def sky() -> Sky:
    new_moons = []
    instant = ephem.Date("1898/10/01")
    while instant < ephem.Date("2102/03/01"):
        instant = ephem.next_new_moon(instant)
        new_moons.append(local_time(instant))
    terms = []
    for year in range(1898, 2103):
        equinox = float(ephem.next_vernal_equinox(str(year)))
        for step in range(-3, 9):  # winter solstice of year - 1 .. the 240° term of year
            degrees = (30 * step) % 360
            terms.append((local_time(solar_term(degrees, equinox + 30.4368 * step)), degrees))
    terms.sort()
    gaps = [(later[0] - earlier[0]).days for earlier, later in itertools.pairwise(terms)]
    assert min(gaps) >= 29  # no term found twice
    assert max(gaps) <= 32  # no term missed
    return Sky(
        new_moons=tuple(new_moons),
        terms=tuple(terms),
        new_moon_days=tuple(moment.date() for moment in new_moons),
        term_days=tuple(moment.date() for moment, _ in terms),
    )


def method_months() -> list[tuple[LunarDate, dt.date, dt.date]]:
    """(month as a lunar date on day 1, first day, last day) for every month of the method."""
    return [
        (LunarDate(m.year, m.month, 1, m.leap), m.start, m.end)
        for year in range(FIRST_YEAR, LAST_YEAR + 1)
        for m in months_of_year(year)
    ]


def test_month_starts_are_the_local_days_of_new_moons(sky: Sky) -> None:
    in_range = {day for day in sky.new_moon_days if FIRST_DATE <= day <= LAST_DATE}
    starts = {start for _, start, _ in method_months() if FIRST_DATE <= start <= LAST_DATE}
    assert len(in_range) > 2480
    assert sorted(in_range - starts) == sorted(KNOWN_DIFFERENCES)
    assert sorted(starts - in_range) == sorted(KNOWN_DIFFERENCES.values())


def test_known_differences_are_new_moons_just_before_local_midnight(sky: Sky) -> None:
    """Each listed difference is a new moon under two minutes before midnight (UTC+7),
    which the method puts on the next day."""
    by_day = {moment.date(): moment for moment in sky.new_moons}
    for ephem_day, method_day in KNOWN_DIFFERENCES.items():
        moment = by_day[ephem_day]
        midnight = dt.datetime.combine(method_day, dt.time())
        assert dt.timedelta(0) < midnight - moment < CLOSE_TO_MIDNIGHT
        assert method_day - ephem_day == ONE_DAY
        assert to_lunar(method_day).day == 1
        assert to_lunar(ephem_day).day in (29, 30)


def test_month_11_holds_the_winter_solstice() -> None:
    """Rule 3 of the calendar: the winter solstice always falls in month 11."""
    for year in range(FIRST_DATE.year, LAST_DATE.year + 1):
        solstice = local_time(float(ephem.next_winter_solstice(str(year)))).date()
        assert solstice.year == year
        lunar = to_lunar(solstice)
        assert (lunar.month, lunar.leap) == (11, False), f"solstice {solstice}: {lunar}"


def test_leap_month_is_the_first_month_after_month_11_without_a_major_term(sky: Sky) -> None:
    """Rule 4: from one month 11 to the next, 13 months mean a leap year, whose leap month
    is the first month with no major solar term; 12 months mean no leap month."""
    months = method_months()
    elevens = [
        i for i, (lunar, _, _) in enumerate(months) if (lunar.month, lunar.leap) == (11, False)
    ]
    assert len(elevens) == LAST_YEAR - FIRST_YEAR + 1
    for first, following in itertools.pairwise(elevens):
        cycle = months[first + 1 : following]
        leaps = [i for i, (lunar, _, _) in enumerate(cycle) if lunar.leap]
        without_term = [
            i for i, (_, start, end) in enumerate(cycle) if not sky.has_major_term(start, end)
        ]
        if len(cycle) + 1 == 13:
            assert len(leaps) == 1, f"cycle from {months[first][1]} has {len(leaps)} leap months"
            assert without_term, f"cycle from {months[first][1]} has no month without a term"
            assert leaps[0] == without_term[0], f"cycle from {months[first][1]}"
        else:
            assert len(cycle) + 1 == 12
            assert leaps == []


def test_calendar_rebuilt_from_ephem_numbers_every_month_as_the_method_does(sky: Sky) -> None:
    """Rebuild the whole calendar from PyEphem's new moons and terms by the rules alone and
    compare each month's year, number and leap flag; day 1 may differ only as listed."""
    starts = sky.new_moon_days
    solstice_months = {
        moment.year: bisect.bisect_right(starts, moment.date()) - 1
        for moment, degrees in sky.terms
        if degrees == 270
    }
    rebuilt: dict[LunarDate, dt.date] = {}
    for year in range(FIRST_YEAR, LAST_YEAR + 2):
        first, following = solstice_months[year - 1], solstice_months[year]
        count = following - first
        assert count in (12, 13)
        leap_at = None
        if count == 13:
            leap_at = next(
                offset
                for offset in range(1, count)
                if not sky.has_major_term(
                    starts[first + offset], starts[first + offset + 1] - ONE_DAY
                )
            )
        for offset in range(count):
            number = offset + 11 if leap_at is None or offset < leap_at else offset + 10
            number = number - 12 if number > 12 else number
            owner = year - 1 if number >= 11 and offset < 4 else year
            rebuilt[LunarDate(owner, number, 1, offset == leap_at)] = starts[first + offset]
    for lunar, start, _ in method_months():
        assert lunar in rebuilt, f"{lunar} is not in the calendar rebuilt from PyEphem"
        assert KNOWN_DIFFERENCES.get(rebuilt[lunar], rebuilt[lunar]) == start, str(lunar)
    method = {lunar for lunar, _, _ in method_months()}
    assert {lunar for lunar in rebuilt if FIRST_YEAR <= lunar.year <= LAST_YEAR} == method
