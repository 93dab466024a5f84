"""Working days: weekends, Vietnam's public holidays, swapped Saturdays, local adjustments."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from child_welfare_plan.calendars.workdays import (
    LOCAL_DAY_OFF_NAME,
    WorkingCalendar,
    national_holiday_years,
)
from child_welfare_plan.errors import CalendarError, InvalidValueError

D = dt.date
NATIONAL = WorkingCalendar()

days = st.dates(min_value=D(1995, 1, 1), max_value=D(2099, 10, 31))
counts = st.integers(min_value=0, max_value=60)
adjustment_days = st.frozensets(
    st.dates(min_value=D(2023, 1, 1), max_value=D(2023, 12, 31)), max_size=10
)


@st.composite
def calendars(draw: st.DrawFn) -> WorkingCalendar:
    """The national calendar with random, consistent local adjustments in 2023."""
    off = draw(adjustment_days)
    working = draw(adjustment_days) - off
    return WorkingCalendar(extra_days_off=off, extra_working_days=working)


# -- legal facts ----------------------------------------------------------------------------


def test_national_day_is_not_a_working_day() -> None:
    """Labour Code 45/2019/QH14 Art. 112.1.đ: 2 September (and one adjacent day) off."""
    assert not NATIONAL.is_working_day(D(2023, 9, 2))
    assert not NATIONAL.is_working_day(D(2023, 9, 1))
    assert NATIONAL.holiday_name(D(2023, 9, 2)) == "Quốc khánh"
    assert NATIONAL.holiday_name(D(2023, 9, 2), language="en_US") == "National Day"


def test_national_day_on_a_saturday_is_compensated_on_monday() -> None:
    """Labour Code 2019 Art. 112.3: a holiday on a weekly day off is taken on the next
    working day; 02/9/2023 was a Saturday, so Monday 04/9/2023 was off."""
    assert not NATIONAL.is_working_day(D(2023, 9, 4))
    assert NATIONAL.is_working_day(D(2023, 9, 5))


def test_tet_2023_days_off_run_from_20_to_26_january() -> None:
    """Tết Quý Mão 2023 for state employees: Friday 20/01 (29 Tết) to Thursday 26/01/2023
    (mùng 5), back to work Friday 27/01 (MOLISA notice on Tết 2023; Labour Code 2019
    Art. 112.1.b: 5 days of Tết)."""
    for offset in range(7):
        assert not NATIONAL.is_working_day(D(2023, 1, 20) + dt.timedelta(days=offset))
    assert NATIONAL.is_working_day(D(2023, 1, 19))
    assert NATIONAL.is_working_day(D(2023, 1, 27))
    assert NATIONAL.holiday_name(D(2023, 1, 22)) == "Tết Nguyên Đán"


def test_saturday_4_may_2024_was_swapped_into_a_working_day() -> None:
    """Official Dispatch 2450/VPCP-KGVX (2024): Monday 29/4/2024 off, Saturday 04/5/2024
    worked instead (domain notes §6)."""
    assert NATIONAL.is_working_day(D(2024, 5, 4))
    assert not NATIONAL.is_working_day(D(2024, 4, 29))
    assert NATIONAL.holiday_name(D(2024, 5, 4)) is None


def test_saturday_26_april_2025_was_swapped_into_a_working_day() -> None:
    """2025 swap for 30/4–1/5: Friday 02/5/2025 off, Saturday 26/4/2025 worked (domain
    notes §6; python-holidays Vietnam special holidays)."""
    assert NATIONAL.is_working_day(D(2025, 4, 26))
    assert not NATIONAL.is_working_day(D(2025, 5, 2))


def test_an_ordinary_saturday_is_not_a_working_day() -> None:
    """Decision 188/1999/QĐ-TTg: state agencies rest on Saturday and Sunday; 09/12/2023 was
    an ordinary Saturday."""
    assert not NATIONAL.is_working_day(D(2023, 12, 9))
    assert not NATIONAL.is_working_day(D(2023, 12, 10))
    assert NATIONAL.holiday_name(D(2023, 12, 9)) is None
    assert NATIONAL.is_working_day(D(2023, 12, 11))


# -- local adjustments ----------------------------------------------------------------------


def test_local_adjustments_override_the_national_calendar() -> None:
    monday, sunday = D(2023, 6, 12), D(2023, 6, 18)
    local = WorkingCalendar(extra_days_off={monday}, extra_working_days={sunday})
    assert not local.is_working_day(monday)
    assert local.is_working_day(sunday)
    assert local.holiday_name(monday) == LOCAL_DAY_OFF_NAME["vi"]
    assert local.holiday_name(monday, language="en_US") == LOCAL_DAY_OFF_NAME["en_US"]
    assert local.roll_forward(monday) == D(2023, 6, 13)


def test_a_local_working_day_on_a_holiday_has_no_holiday_name() -> None:
    local = WorkingCalendar(extra_working_days={D(2023, 9, 4)})
    assert local.is_working_day(D(2023, 9, 4))
    assert local.holiday_name(D(2023, 9, 4)) is None


def test_with_adjustments_replaces_an_opposite_adjustment() -> None:
    day = D(2023, 6, 12)
    closed = NATIONAL.with_adjustments(days_off=[day])
    assert not closed.is_working_day(day)
    reopened = closed.with_adjustments(working_days=[day])
    assert reopened.is_working_day(day)
    assert reopened.extra_days_off == frozenset()
    assert NATIONAL.is_working_day(day)  # the original is unchanged


def test_a_day_cannot_be_both_off_and_worked() -> None:
    day = D(2023, 6, 12)
    with pytest.raises(InvalidValueError, match="2023-06-12"):
        WorkingCalendar(extra_days_off={day}, extra_working_days={day})
    with pytest.raises(InvalidValueError, match="2023-06-12"):
        NATIONAL.with_adjustments(days_off=[day], working_days=[day])


# -- counting -------------------------------------------------------------------------------


def test_add_zero_working_days_is_the_day_itself_even_on_a_weekend() -> None:
    assert NATIONAL.add_working_days(D(2023, 12, 9), 0) == D(2023, 12, 9)


def test_add_working_days_skips_weekends_and_holidays() -> None:
    """From Friday 01/9/2023: 02/9 (holiday, Saturday), 03/9 (Sunday), 04/9 (day in lieu)
    are skipped; the 5th working day after is Monday 11/9/2023."""
    assert NATIONAL.add_working_days(D(2023, 9, 1), 1) == D(2023, 9, 5)
    assert NATIONAL.add_working_days(D(2023, 9, 1), 5) == D(2023, 9, 11)
    assert NATIONAL.working_days_between(D(2023, 9, 1), D(2023, 9, 11)) == 5
    assert NATIONAL.working_days_between(D(2023, 9, 11), D(2023, 9, 1)) == -5


def test_negative_working_day_count_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="n=-1"):
        NATIONAL.add_working_days(D(2023, 6, 12), -1)


def test_a_year_outside_the_holiday_tables_is_a_calendar_error() -> None:
    beyond = national_holiday_years().stop
    with pytest.raises(CalendarError, match=str(beyond)):
        NATIONAL.is_working_day(D(beyond, 6, 1))


def test_importing_the_calendar_modules_does_not_import_holidays() -> None:
    """The package stays light to import: python-holidays is loaded on first use."""
    src = Path(__file__).resolve().parents[1] / "src"
    code = (
        "import sys\n"
        "import child_welfare_plan.calendars.workdays\n"
        "import child_welfare_plan.calendars.deadlines\n"
        "import child_welfare_plan.model.periods\n"
        "print('holidays' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(src)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "False"


# -- properties -----------------------------------------------------------------------------


@given(day=days)
def test_roll_forward_gives_a_working_day_not_earlier_and_is_idempotent(day: dt.date) -> None:
    rolled = NATIONAL.roll_forward(day)
    assert NATIONAL.is_working_day(rolled)
    assert rolled >= day
    assert NATIONAL.roll_forward(rolled) == rolled
    assert (rolled == day) == NATIONAL.is_working_day(day)


@given(day=days, n=st.integers(min_value=1, max_value=60))
def test_add_working_days_lands_on_a_working_day(day: dt.date, n: int) -> None:
    assert NATIONAL.is_working_day(NATIONAL.add_working_days(day, n))


@given(day=days, n=counts, m=counts)
def test_add_working_days_is_strictly_monotone_in_n(day: dt.date, n: int, m: int) -> None:
    if n < m:
        assert NATIONAL.add_working_days(day, n) < NATIONAL.add_working_days(day, m)
    elif n == m:
        assert NATIONAL.add_working_days(day, n) == NATIONAL.add_working_days(day, m)


@given(day=days, n=counts)
def test_adding_in_steps_equals_adding_at_once(day: dt.date, n: int) -> None:
    stepped = NATIONAL.add_working_days(NATIONAL.add_working_days(day, n), 1)
    assert stepped == NATIONAL.add_working_days(day, n + 1)


@given(day=days, n=counts)
def test_working_days_between_counts_what_add_working_days_added(day: dt.date, n: int) -> None:
    assert NATIONAL.working_days_between(day, NATIONAL.add_working_days(day, n)) == n


@given(calendar=calendars(), day=st.dates(min_value=D(2023, 1, 1), max_value=D(2023, 12, 31)))
def test_local_adjustments_decide_the_days_they_name(
    calendar: WorkingCalendar, day: dt.date
) -> None:
    if day in calendar.extra_days_off:
        assert not calendar.is_working_day(day)
    elif day in calendar.extra_working_days:
        assert calendar.is_working_day(day)
    else:
        assert calendar.is_working_day(day) == NATIONAL.is_working_day(day)
    rolled = calendar.roll_forward(day)
    assert calendar.is_working_day(rolled)
    assert rolled >= day
