"""The Vietnamese lunar calendar: published dates, python-holidays, and its laws."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import subprocess
import sys

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from child_welfare_plan.calendars.lunar import (
    FIRST_DATE,
    FIRST_YEAR,
    LAST_DATE,
    LAST_YEAR,
    LunarDate,
    leap_month,
    month_length,
    months_of_year,
    new_year,
    to_lunar,
    to_solar,
)
from child_welfare_plan.errors import CalendarError

D = dt.date
ONE_DAY = dt.timedelta(days=1)

solar_days = st.dates(min_value=FIRST_DATE, max_value=LAST_DATE)


@st.composite
def lunar_dates(draw: st.DrawFn) -> LunarDate:
    """A lunar date that exists and whose solar day lies in the supported range."""
    year = draw(st.integers(min_value=FIRST_YEAR + 1, max_value=LAST_YEAR - 1))
    month = draw(st.sampled_from(months_of_year(year)))
    day = draw(st.integers(min_value=1, max_value=month.length))
    return LunarDate(year, month.month, day, month.leap)


# --- published dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "tet"),
    [(1985, D(1985, 1, 21)), (2007, D(2007, 2, 17)), (2030, D(2030, 2, 2))],
)
def test_tet_follows_utc_plus_7_where_it_differs_from_china(year: int, tet: dt.date) -> None:
    """Tết 1985 21/01 (China 20/02), 2007 17/02 (China 18/02), 2030 02/02 (China 03/02).

    Source: Hồ Ngọc Đức, "Âm lịch Việt Nam" (informatik.uni-leipzig.de/~duc/amlich/), on
    the years in which Vietnamese and Chinese New Year differ; domain notes §6.
    """
    assert new_year(year) == tet
    assert to_lunar(tet) == LunarDate(year, 1, 1)


def test_tet_1968_is_the_29th_of_january_as_celebrated_in_the_north() -> None:
    """Tết Mậu Thân 1968: 29/01 in the North, which had adopted UTC+7; 30/01 in the South.

    Source: Wikipedia, "Vietnamese calendar" (the 1967 switch to UTC+7 and the two Tết
    of 1968); Hồ Ngọc Đức's historic calendar for 02/1968.
    """
    assert new_year(1968) == D(1968, 1, 29)


def test_tet_2023_is_the_22nd_of_january() -> None:
    """Tết Quý Mão: Sunday 22/01/2023.

    Source: Hồ Ngọc Đức's lunar calendar tables; python-holidays ``VN`` for 2023.
    """
    assert new_year(2023) == D(2023, 1, 22)


def test_mid_autumn_2023_is_the_29th_of_september() -> None:
    """Tết Trung thu (15/8 lunar) 2023: Friday 29/09/2023.

    Source: Hồ Ngọc Đức's lunar calendar tables.
    """
    assert to_solar(2023, 8, 15) == D(2023, 9, 29)
    assert to_lunar(D(2023, 9, 29)) == LunarDate(2023, 8, 15)


@pytest.mark.parametrize(("year", "month"), [(2020, 4), (2023, 2), (2025, 6)])
def test_leap_month_of_recent_years(year: int, month: int) -> None:
    """Leap months: 4 in Canh Tý 2020, 2 in Quý Mão 2023, 6 in Ất Tỵ 2025.

    Source: Hồ Ngọc Đức's lunar calendar tables.
    """
    assert leap_month(year) == month
    numbers = [(m.month, m.leap) for m in months_of_year(year)]
    assert numbers.index((month, True)) == numbers.index((month, False)) + 1


def test_leap_second_month_of_2023_starts_the_day_after_month_2_ends() -> None:
    """Month 2 of 2023 ran 20/02–21/03, leap month 2 22/03–19/04, month 3 from 20/04.

    Source: Hồ Ngọc Đức's lunar calendar tables.
    """
    assert to_solar(2023, 2, 1) == D(2023, 2, 20)
    assert to_solar(2023, 2, 1, leap=True) == D(2023, 3, 22)
    assert to_solar(2023, 3, 1) == D(2023, 4, 20)
    assert to_lunar(D(2023, 3, 22)) == LunarDate(2023, 2, 1, leap=True)


def test_tet_agrees_with_python_holidays_from_1901_to_2099() -> None:
    """python-holidays carries Vietnamese (UTC+7) Tết dates, including those that differ
    from China (its Mid-Autumn dates are the Chinese ones, so they are not compared)."""
    calendar = holidays.country_holidays(
        "VN", years=range(1901, 2100), observed=False, language="vi"
    )
    tet = {day.year: day for day in calendar.get_named("Tết Nguyên Đán", lookup="exact")}
    assert sorted(tet) == list(range(1901, 2100))
    assert {year: new_year(year) for year in tet} == tet


def test_hung_kings_day_agrees_with_python_holidays_from_2007_to_2099() -> None:
    """Giỗ Tổ Hùng Vương, 10/3 lunar, a public holiday since 2007 (Labour Code 2012 Art. 115,
    Labour Code 2019 Art. 112); python-holidays carries the Vietnamese dates."""
    calendar = holidays.country_holidays(
        "VN", years=range(2007, 2100), observed=False, language="vi"
    )
    found = calendar.get_named("Ngày Giỗ Tổ Hùng Vương", lookup="exact")
    days = {day.year: day for day in found}
    assert sorted(days) == list(range(2007, 2100))
    assert {year: to_solar(year, 3, 10) for year in days} == days


# --- range ------------------------------------------------------------------------------


def test_first_and_last_supported_days() -> None:
    """1900-01-01 is 01/12 of lunar 1899 (Tết 1900 was 31/01/1900); 2100-12-31 is in month
    12 of lunar 2100."""
    assert to_lunar(FIRST_DATE) == LunarDate(1899, 12, 1)
    assert new_year(1900) == D(1900, 1, 31)
    assert to_lunar(LAST_DATE).year == 2100


@pytest.mark.parametrize("day", [FIRST_DATE - ONE_DAY, LAST_DATE + ONE_DAY, D(1, 1, 1)])
def test_date_outside_the_range_is_refused(day: dt.date) -> None:
    with pytest.raises(CalendarError, match="outside the supported range"):
        to_lunar(day)


def test_lunar_date_whose_solar_day_is_outside_the_range_is_refused() -> None:
    with pytest.raises(CalendarError, match="outside the supported range"):
        to_solar(1899, 11, 29)
    with pytest.raises(CalendarError, match="outside the supported range"):
        new_year(1899)
    with pytest.raises(CalendarError, match="outside the supported range"):
        to_solar(1700, 1, 1)


def test_year_structure_outside_the_range_is_refused() -> None:
    with pytest.raises(CalendarError, match="lunar year 2101"):
        leap_month(LAST_YEAR + 1)
    with pytest.raises(CalendarError, match="lunar year 1898"):
        months_of_year(FIRST_YEAR - 1)


# --- impossible dates -------------------------------------------------------------------


def test_day_30_of_a_29_day_month_is_refused() -> None:
    assert month_length(2023, 1) == 29
    with pytest.raises(CalendarError, match="has 29 days"):
        to_solar(2023, 1, 30)


def test_leap_month_the_year_does_not_have_is_refused() -> None:
    with pytest.raises(CalendarError, match=r"no leap month 3 \(its leap month is 2\)"):
        to_solar(2023, 3, 1, leap=True)
    with pytest.raises(CalendarError, match=r"no leap month 8 \(it has no leap month\)"):
        month_length(2024, 8, leap=True)


@pytest.mark.parametrize(("month", "day"), [(0, 1), (13, 1), (1, 0), (1, 31)])
def test_month_or_day_out_of_bounds_is_refused(month: int, day: int) -> None:
    with pytest.raises(CalendarError, match="expected 1 to"):
        to_solar(2023, month, day)
    with pytest.raises(CalendarError, match="expected 1 to"):
        LunarDate(2023, month, day)


@given(
    year=st.integers(min_value=1850, max_value=2150),
    month=st.integers(min_value=-1, max_value=14),
    day=st.integers(min_value=-1, max_value=32),
    leap=st.booleans(),
)
def test_to_solar_either_round_trips_or_raises_calendar_error(
    year: int, month: int, day: int, leap: bool
) -> None:
    try:
        solar = to_solar(year, month, day, leap)
    except CalendarError:
        return
    assert to_lunar(solar) == LunarDate(year, month, day, leap)


# --- laws -------------------------------------------------------------------------------


@given(solar_days)
def test_solar_to_lunar_to_solar_is_the_identity(day: dt.date) -> None:
    assert to_lunar(day).to_solar() == day


def test_every_day_of_the_range_round_trips_and_follows_the_day_before() -> None:
    """Exhaustive over 1900–2100: each day converts back to itself, and the next day is the
    next lunar day or day 1 of the next month (after day 29 or 30)."""
    day = FIRST_DATE
    previous = to_lunar(day)
    assert to_solar(previous.year, previous.month, previous.day, previous.leap) == day
    while day < LAST_DATE:
        day += ONE_DAY
        current = to_lunar(day)
        assert current.to_solar() == day
        if current.day == 1:
            assert previous.day in (29, 30)
            assert previous.day == month_length(previous.year, previous.month, previous.leap)
        else:
            assert (current.year, current.month, current.leap) == (
                previous.year,
                previous.month,
                previous.leap,
            )
            assert current.day == previous.day + 1
        previous = current


@given(lunar_dates())
def test_lunar_to_solar_to_lunar_is_the_identity(date: LunarDate) -> None:
    assert to_lunar(date.to_solar()) == date


def test_month_lengths_are_29_or_30() -> None:
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for month in months_of_year(year):
            assert month.length in (29, 30)
            assert month_length(year, month.month, month.leap) == month.length


def test_each_year_has_12_months_or_13_with_one_leap_month() -> None:
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        months = months_of_year(year)
        leap = leap_month(year)
        assert len(months) == (12 if leap is None else 13)
        assert [m.month for m in months if not m.leap] == list(range(1, 13))
        assert [m.month for m in months if m.leap] == ([] if leap is None else [leap])
        for earlier, later in itertools.pairwise(months):
            assert later.start == earlier.end + ONE_DAY
            if later.leap:
                assert later.month == earlier.month


def test_years_follow_each_other_without_gap() -> None:
    for year in range(FIRST_YEAR, LAST_YEAR):
        assert months_of_year(year)[-1].end + ONE_DAY == months_of_year(year + 1)[0].start
    for year in range(FIRST_YEAR + 1, LAST_YEAR + 1):
        assert months_of_year(year)[0].start == new_year(year)


def test_year_length_matches_its_months() -> None:
    """A common lunar year has 353–355 days, a leap year 383–385."""
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        months = months_of_year(year)
        days = (months[-1].end - months[0].start).days + 1
        assert days in ((353, 354, 355) if len(months) == 12 else (383, 384, 385))


def test_tet_falls_between_21_january_and_20_february() -> None:
    """Lunar New Year falls from 21/01 to 20/02 (Explanatory Supplement to the Astronomical
    Almanac, ch. on the Chinese calendar)."""
    for year in range(FIRST_YEAR + 1, LAST_YEAR + 1):
        assert D(year, 1, 21) <= new_year(year) <= D(year, 2, 20)


# --- text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "text"),
    [
        (LunarDate(2023, 8, 15), "15/8/2023"),
        (LunarDate(2024, 1, 1), "01/01/2024"),
        (LunarDate(2023, 2, 15, leap=True), "15/02 nhuận/2023"),
        (LunarDate(2025, 6, 9, leap=True), "09/6 nhuận/2025"),
    ],
)
def test_lunar_date_text_marks_leap_months_with_nhuan(date: LunarDate, text: str) -> None:
    assert str(date) == text


def test_importing_the_module_does_not_build_the_month_table() -> None:
    """The month table is built on first use, so importing the package stays cheap."""
    code = (
        "import child_welfare_plan.calendars.lunar as lunar\n"
        "assert lunar._table.cache_info().currsize == 0\n"
        "lunar.to_lunar(lunar.FIRST_DATE)\n"
        "assert lunar._table.cache_info().currsize == 1\n"
    )
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
