"""Reporting periods: DHIS2 ids, calendar and Decree 09/2019 (nd09) boundaries."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from child_welfare_plan.errors import CalendarError, InvalidValueError, ParseError
from child_welfare_plan.model.periods import (
    Convention,
    Period,
    PeriodType,
    parse_period,
    period_containing,
    periods_in_year,
)

D = dt.date
TYPE_RANK = {t: rank for rank, t in enumerate(PeriodType)}
NESTING_TYPES = [t for t in PeriodType if t is not PeriodType.WEEKLY]

years = st.integers(min_value=1901, max_value=2100)
conventions = st.sampled_from(Convention)
types = st.sampled_from(PeriodType)
days = st.dates(min_value=D(1901, 1, 1), max_value=D(2100, 11, 30))


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """Any period of any type and convention in 1901..2100."""
    kind = draw(types)
    convention = draw(conventions)
    return period_containing(draw(days), kind, convention)


def iso_year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return D.fromisocalendar(year, 1, 1), D.fromisocalendar(year + 1, 1, 1) - dt.timedelta(1)


# -- examples -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "convention", "start", "end"),
    [
        ("2023S1", "calendar", D(2023, 1, 1), D(2023, 6, 30)),
        ("2023S2", "calendar", D(2023, 7, 1), D(2023, 12, 31)),
        ("2023", "calendar", D(2023, 1, 1), D(2023, 12, 31)),
        ("2023Q2", "calendar", D(2023, 4, 1), D(2023, 6, 30)),
        ("202302", "calendar", D(2023, 2, 1), D(2023, 2, 28)),
        ("202402", "calendar", D(2024, 2, 1), D(2024, 2, 29)),
        ("2023W01", "calendar", D(2023, 1, 2), D(2023, 1, 8)),
        ("20230615", "calendar", D(2023, 6, 15), D(2023, 6, 15)),
        ("2023S1", "nd09", D(2022, 12, 15), D(2023, 6, 14)),
        ("2023S2", "nd09", D(2023, 6, 15), D(2023, 12, 14)),
        ("2023", "nd09", D(2022, 12, 15), D(2023, 12, 14)),
        ("2023Q1", "nd09", D(2022, 12, 15), D(2023, 3, 14)),
        ("2023Q2", "nd09", D(2023, 3, 15), D(2023, 6, 14)),
        ("202301", "nd09", D(2022, 12, 15), D(2023, 1, 14)),
        ("202306", "nd09", D(2023, 5, 15), D(2023, 6, 14)),
        ("2023W01", "nd09", D(2023, 1, 2), D(2023, 1, 8)),
        ("20230615", "nd09", D(2023, 6, 15), D(2023, 6, 15)),
    ],
)
def test_period_dates_follow_the_convention(
    text: str, convention: str, start: dt.date, end: dt.date
) -> None:
    """Decree 09/2019/NĐ-CP Art. 12: monthly 15th of the previous month to the 14th;
    quarterly 15th of the month before the quarter to the 14th of its last month; six-monthly
    15/12 of the previous year to 14/6 and 15/6 to 14/12; yearly 15/12 of the previous year to
    14/12. Daily and weekly periods are the same under both conventions; weeks are ISO weeks.
    """
    period = parse_period(text, convention)
    assert (period.start, period.end) == (start, end)
    assert period.days == (end - start).days + 1


@pytest.mark.parametrize(
    ("period", "expected_id"),
    [
        (Period(PeriodType.YEARLY, 2023), "2023"),
        (Period(PeriodType.SIXMONTHLY, 2023, 1), "2023S1"),
        (Period(PeriodType.QUARTERLY, 2023, 2), "2023Q2"),
        (Period(PeriodType.MONTHLY, 2023, 6), "202306"),
        (Period(PeriodType.WEEKLY, 2023, 5), "2023W05"),
        (Period(PeriodType.DAILY, 2023, D(2023, 6, 15)), "20230615"),
    ],
)
def test_period_ids_are_dhis2_ids(period: Period, expected_id: str) -> None:
    """DHIS2 period formats: yyyy, yyyySn, yyyyQn, yyyyMM, yyyyWn, yyyyMMdd."""
    assert period.id == expected_id
    assert str(period) == expected_id


def test_week_53_exists_only_in_long_iso_years() -> None:
    """ISO 8601: 2020 has 53 weeks (it starts on a Wednesday of a leap year); 2021 has 52."""
    week = parse_period("2020W53")
    assert (week.start, week.end) == (D(2020, 12, 28), D(2021, 1, 3))
    with pytest.raises(ParseError, match="2021W53"):
        parse_period("2021W53")
    with pytest.raises(InvalidValueError, match=r"weeks 1\.\.52"):
        Period(PeriodType.WEEKLY, 2021, 53)


def test_parse_accepts_lowercase_letters_and_an_unpadded_week() -> None:
    assert parse_period(" 2023s1 ") == Period(PeriodType.SIXMONTHLY, 2023, 1)
    assert parse_period("2023w5") == Period(PeriodType.WEEKLY, 2023, 5)


@pytest.mark.parametrize("text", ["", "23", "2023H1", "2023S3", "2023Q5", "202313", "20230231"])
def test_bad_period_id_error_quotes_the_id_and_lists_the_forms(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_period(text)
    message = str(caught.value)
    assert repr(text) in message
    for form in ("2023", "2023S1", "2023Q2", "202306", "2023W05", "20230615"):
        assert form in message


@pytest.mark.parametrize(
    ("kind", "index"),
    [
        (PeriodType.MONTHLY, 0),
        (PeriodType.MONTHLY, 13),
        (PeriodType.QUARTERLY, 5),
        (PeriodType.SIXMONTHLY, 3),
        (PeriodType.YEARLY, 2),
        (PeriodType.DAILY, 15),
        (PeriodType.MONTHLY, D(2023, 6, 1)),
    ],
)
def test_period_rejects_an_index_out_of_range(kind: PeriodType, index: int | dt.date) -> None:
    with pytest.raises(InvalidValueError, match=str(kind)):
        Period(kind, 2023, index)


def test_daily_period_index_must_lie_in_its_year() -> None:
    with pytest.raises(InvalidValueError, match="not in year 2022"):
        Period(PeriodType.DAILY, 2022, D(2023, 1, 1))


def test_period_rejects_unknown_type_and_convention() -> None:
    with pytest.raises(InvalidValueError, match="fortnightly"):
        Period("fortnightly", 2023)
    with pytest.raises(InvalidValueError, match="fiscal"):
        Period(PeriodType.YEARLY, 2023, 1, "fiscal")


def test_period_outside_the_date_range_is_a_calendar_error() -> None:
    with pytest.raises(CalendarError):
        Period(PeriodType.YEARLY, 1, 1, Convention.ND09)
    with pytest.raises(CalendarError):
        Period(PeriodType.YEARLY, 9999).next()


def test_six_months_split_into_quarters_and_a_year_into_halves() -> None:
    assert [p.id for p in parse_period("2023S1").parts("quarterly")] == ["2023Q1", "2023Q2"]
    assert [p.id for p in parse_period("2023").parts(PeriodType.SIXMONTHLY)] == [
        "2023S1",
        "2023S2",
    ]
    assert parse_period("2023Q2").parts("quarterly") == (parse_period("2023Q2"),)


def test_weeks_do_not_nest_in_months() -> None:
    with pytest.raises(CalendarError, match="do not nest"):
        parse_period("202306").parts("weekly")


def test_parts_refuses_a_coarser_type() -> None:
    with pytest.raises(CalendarError, match="coarser"):
        parse_period("202306").parts("yearly")


def test_nd09_day_after_the_cutoff_belongs_to_the_next_period() -> None:
    """Decree 09/2019 Art. 12: the 15th opens the next month's (and half-year's) period."""
    assert period_containing(D(2023, 6, 14), "monthly", "nd09").id == "202306"
    assert period_containing(D(2023, 6, 15), "monthly", "nd09").id == "202307"
    assert period_containing(D(2023, 6, 15), "sixmonthly", "nd09").id == "2023S2"
    assert period_containing(D(2023, 12, 15), "yearly", "nd09").id == "2024"


def test_periods_sort_by_start_then_finest_type_first() -> None:
    unsorted = [parse_period(i) for i in ("2023", "2023Q1", "202212", "202301", "20230101")]
    assert [p.id for p in sorted(unsorted)] == ["202212", "20230101", "202301", "2023Q1", "2023"]


def test_to_json_gives_id_type_and_iso_dates() -> None:
    assert parse_period("2023S1", "nd09").to_dict() == {
        "id": "2023S1",
        "type": "sixmonthly",
        "start": "2022-12-15",
        "end": "2023-06-14",
    }


def test_contains_counts_a_datetime_by_its_date() -> None:
    period = parse_period("202306")
    assert period.contains(dt.datetime(2023, 6, 30, 23, 59))
    assert not period.contains(D(2023, 7, 1))


# -- properties -----------------------------------------------------------------------------


@given(kind=st.sampled_from(NESTING_TYPES), year=years, convention=conventions)
def test_periods_of_a_type_tile_the_year(
    kind: PeriodType, year: int, convention: Convention
) -> None:
    whole = Period(PeriodType.YEARLY, year, 1, convention)
    found = periods_in_year(kind, year, convention)
    assert found[0].start == whole.start
    assert found[-1].end == whole.end
    for earlier, later in itertools.pairwise(found):
        assert later.start == earlier.end + dt.timedelta(days=1)
    assert sum(p.days for p in found) == whole.days


@given(year=years, convention=conventions)
def test_iso_weeks_tile_the_iso_year(year: int, convention: Convention) -> None:
    weeks = periods_in_year(PeriodType.WEEKLY, year, convention)
    first, last = iso_year_bounds(year)
    assert (weeks[0].start, weeks[-1].end) == (first, last)
    for earlier, later in itertools.pairwise(weeks):
        assert later.start == earlier.end + dt.timedelta(days=1)
    assert len(weeks) in (52, 53)


@given(year=years, half=st.integers(1, 2), convention=conventions)
def test_a_half_year_holds_exactly_its_two_quarters(
    year: int, half: int, convention: Convention
) -> None:
    semester = Period(PeriodType.SIXMONTHLY, year, half, convention)
    quarters = semester.parts(PeriodType.QUARTERLY)
    assert [q.index for q in quarters] == [2 * half - 1, 2 * half]
    assert (quarters[0].start, quarters[-1].end) == (semester.start, semester.end)


@given(year=years, quarter=st.integers(1, 4), convention=conventions)
def test_a_quarter_holds_exactly_its_three_months(
    year: int, quarter: int, convention: Convention
) -> None:
    whole = Period(PeriodType.QUARTERLY, year, quarter, convention)
    months = whole.parts(PeriodType.MONTHLY)
    assert [m.index for m in months] == [3 * quarter - 2, 3 * quarter - 1, 3 * quarter]
    assert (months[0].start, months[-1].end) == (whole.start, whole.end)


@given(period=periods(), kind=types)
def test_parts_cover_the_period_without_gap_or_overlap(period: Period, kind: PeriodType) -> None:
    if TYPE_RANK[kind] > TYPE_RANK[period.type]:
        return
    try:
        found = period.parts(kind)
    except CalendarError:
        assert kind is PeriodType.WEEKLY
        return
    assert (found[0].start, found[-1].end) == (period.start, period.end)
    assert sum(p.days for p in found) == period.days
    assert all(p.type is kind and p.convention is period.convention for p in found)


@given(period=periods())
def test_parse_of_the_id_gives_the_period_back(period: Period) -> None:
    assert parse_period(period.id, period.convention) == period


@given(day=days, kind=types, convention=conventions)
def test_period_containing_a_day_contains_it(
    day: dt.date, kind: PeriodType, convention: Convention
) -> None:
    assert period_containing(day, kind, convention).contains(day)


@given(period=periods())
def test_next_starts_the_day_after_and_previous_undoes_next(period: Period) -> None:
    following = period.next()
    assert following.start == period.end + dt.timedelta(days=1)
    assert following.previous() == period
    assert period.previous().end == period.start - dt.timedelta(days=1)


@given(found=st.lists(periods(), max_size=8))
def test_sorting_orders_by_start_then_type(found: list[Period]) -> None:
    keys = [(p.start, TYPE_RANK[p.type]) for p in sorted(found)]
    assert keys == sorted(keys)
