"""Event date rules: occurrences in a year, the text form, and their laws."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from child_welfare_plan.calendars import lunar
from child_welfare_plan.calendars.schedule import Occurrence, occurrences
from child_welfare_plan.errors import CalendarError, InvalidValueError, ParseError
from child_welfare_plan.model.date_rules import (
    ACCEPTED_FORMS,
    DateRule,
    FixedDay,
    LunarDay,
    Recurrence,
    Unscheduled,
    Window,
    format_date_rule,
    parse_date_rule,
)

D = dt.date
ONE_DAY = dt.timedelta(days=1)
LUNAR_YEARS = st.integers(min_value=lunar.FIRST_DATE.year, max_value=lunar.LAST_DATE.year)
DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # any year, so 29/02


@st.composite
def day_months(draw: st.DrawFn) -> tuple[int, int]:
    """(month, day) of a day that exists in some year."""
    month = draw(st.integers(min_value=1, max_value=12))
    return month, draw(st.integers(min_value=1, max_value=DAYS_IN_MONTH[month - 1]))


fixed_days = day_months().map(lambda md: FixedDay(*md))


@st.composite
def windows(draw: st.DrawFn) -> Window:
    first, second = sorted([draw(day_months()), draw(day_months())])
    return Window(first[0], first[1], second[0], second[1])


lunar_days = st.builds(
    LunarDay,
    month=st.integers(min_value=1, max_value=12),
    day=st.integers(min_value=1, max_value=30),
    leap=st.booleans(),
)


@st.composite
def recurrences(draw: st.DrawFn) -> Recurrence:
    """RRULEs built from the parts a plan uses: frequency, interval, count, by-parts."""
    parts = [f"FREQ={draw(st.sampled_from(['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY']))}"]
    if draw(st.booleans()):
        parts.append(f"INTERVAL={draw(st.integers(min_value=1, max_value=4))}")
    if draw(st.booleans()):
        parts.append(f"COUNT={draw(st.integers(min_value=1, max_value=20))}")
    if draw(st.booleans()):
        parts.append(f"BYMONTH={draw(st.integers(min_value=1, max_value=12))}")
    if draw(st.booleans()):
        parts.append(f"BYMONTHDAY={draw(st.integers(min_value=1, max_value=31))}")
    if draw(st.booleans()):
        parts.append(f"BYDAY={draw(st.sampled_from(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']))}")
    return Recurrence(";".join(parts))


date_rules: st.SearchStrategy[DateRule] = st.one_of(
    fixed_days, windows(), lunar_days, recurrences(), st.just(Unscheduled())
)


# --- examples ---------------------------------------------------------------------------


def test_mid_autumn_2023_falls_on_29_september() -> None:
    """Tết Trung thu, 15/8 lunar, in 2023: 29/09/2023 (Hồ Ngọc Đức's lunar calendar)."""
    assert occurrences(parse_date_rule("15/8 âm lịch"), 2023) == (
        Occurrence(D(2023, 9, 29), D(2023, 9, 29), scheduled=True),
    )


def test_lunar_new_year_2023_falls_on_22_january() -> None:
    """Tết Nguyên đán, 1/1 lunar, in 2023: 22/01/2023 (Hồ Ngọc Đức's lunar calendar)."""
    assert occurrences(LunarDay(1, 1), 2023) == (Occurrence(D(2023, 1, 22), D(2023, 1, 22)),)


def test_month_of_action_for_children_2023_is_june() -> None:
    """Tháng hành động vì trẻ em, "từ ngày 01/6 đến ngày 30/6" (the 2023 Tứ Kỳ plan, §4)."""
    rule = parse_date_rule("từ ngày 01/6 đến ngày 30/6")
    assert rule == Window(6, 1, 6, 30) == parse_date_rule("01/6-30/6")
    assert occurrences(rule, 2023) == (Occurrence(D(2023, 6, 1), D(2023, 6, 30)),)


def test_childrens_day_is_1_june() -> None:
    """Ngày Quốc tế thiếu nhi (01/6), as the 2023 Tứ Kỳ plan writes it."""
    assert occurrences(parse_date_rule("01/6"), 2023) == (Occurrence(D(2023, 6, 1), D(2023, 6, 1)),)


def test_fixed_day_5_september() -> None:
    """05/9, the school opening day ("ngày toàn dân đưa trẻ đến trường" in the 2023 plan)."""
    rule = parse_date_rule("05/9")
    assert rule == FixedDay(9, 5)
    assert occurrences(rule, 2023) == (Occurrence(D(2023, 9, 5), D(2023, 9, 5)),)
    assert format_date_rule(rule) == "05/9"


def test_unscheduled_event_takes_the_whole_year_flagged_unscheduled() -> None:
    assert occurrences(parse_date_rule("trong năm"), 2023) == (
        Occurrence(D(2023, 1, 1), D(2023, 12, 31), scheduled=False),
    )


def test_monthly_rule_on_the_15th_occurs_twelve_times() -> None:
    found = occurrences(parse_date_rule("RRULE:FREQ=MONTHLY;BYMONTHDAY=15"), 2023)
    assert [o.start for o in found] == [D(2023, month, 15) for month in range(1, 13)]


def test_rrule_count_and_interval_count_from_1_january_of_each_year() -> None:
    rule = Recurrence("FREQ=WEEKLY;INTERVAL=2;COUNT=3")
    assert [o.start for o in occurrences(rule, 2024)] == [
        D(2024, 1, 1),
        D(2024, 1, 15),
        D(2024, 1, 29),
    ]
    assert [o.start for o in occurrences(rule, 2025)] == [
        D(2025, 1, 1),
        D(2025, 1, 15),
        D(2025, 1, 29),
    ]


def test_29_february_occurs_only_in_leap_years() -> None:
    assert occurrences(FixedDay(2, 29), 2023) == ()
    assert occurrences(FixedDay(2, 29), 2024) == (Occurrence(D(2024, 2, 29), D(2024, 2, 29)),)
    assert occurrences(Window(2, 1, 2, 29), 2023) == (Occurrence(D(2023, 2, 1), D(2023, 2, 28)),)


def test_lunar_new_years_eve_is_the_last_day_of_month_12_even_when_it_is_the_29th() -> None:
    """ "30 Tết" is kept on the last day of the year: 21/01/2023 and 09/02/2024 were day 30
    of month 12, 28/01/2025 was day 29 of a 29-day month 12 (the eves of Tết 2023–2025)."""
    eve = LunarDay(12, 30)
    assert occurrences(eve, 2023)[0].start == D(2023, 1, 21)
    assert occurrences(eve, 2024)[0].start == D(2024, 2, 9)
    assert lunar.month_length(2024, 12) == 29
    assert occurrences(eve, 2025)[0].start == D(2025, 1, 28)


def test_leap_month_day_occurs_only_in_years_with_that_leap_month() -> None:
    """Lunar 2023 has a leap 2nd month (Hồ Ngọc Đức's tables); 2024 has no leap month."""
    rule = LunarDay(2, 15, leap=True)
    assert occurrences(rule, 2023) == (Occurrence(D(2023, 4, 5), D(2023, 4, 5)),)
    assert occurrences(rule, 2024) == ()


def test_month_12_lunar_day_can_fall_twice_or_not_at_all_in_a_solar_year() -> None:
    """1/12 lunar of 2022 fell on 23/12/2022 and that of 2023 on 11/01/2024: none in 2023."""
    assert occurrences(LunarDay(12, 1), 2023) == ()
    assert [o.start for o in occurrences(LunarDay(12, 1), 2024)] == [
        D(2024, 1, 11),
        D(2024, 12, 31),
    ]


def test_kind_tags_name_each_rule_class() -> None:
    kinds = {cls: cls.kind for cls in (FixedDay, Window, LunarDay, Recurrence, Unscheduled)}
    assert kinds == {
        FixedDay: "fixed",
        Window: "window",
        LunarDay: "lunar",
        Recurrence: "rrule",
        Unscheduled: "unscheduled",
    }
    assert FixedDay(6, 1).kind == "fixed"


# --- text form --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("1/6", FixedDay(6, 1)),
        ("ngày 01/06", FixedDay(6, 1)),
        ("01/6–30/6", Window(6, 1, 6, 30)),
        ("01/6 - 30/6", Window(6, 1, 6, 30)),
        ("15/8 AL", LunarDay(8, 15)),
        ("15/8 (âm lịch)", LunarDay(8, 15)),
        ("  15/8   Âm Lịch ", LunarDay(8, 15)),
        (unicodedata.normalize("NFD", "15/8 âm lịch"), LunarDay(8, 15)),
        ("15/2 nhuận âm lịch", LunarDay(2, 15, leap=True)),
        ("rrule:FREQ=DAILY;COUNT=2", Recurrence("FREQ=DAILY;COUNT=2")),
        ("TRONG NĂM", Unscheduled()),
        ("unscheduled", Unscheduled()),
    ],
)
def test_parse_accepts_the_usual_spellings(text: str, rule: DateRule) -> None:
    assert parse_date_rule(text) == rule


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (FixedDay(1, 7), "07/01"),
        (FixedDay(12, 25), "25/12"),
        (Window(6, 1, 6, 30), "01/6-30/6"),
        (LunarDay(1, 1), "01/01 âm lịch"),
        (LunarDay(2, 15, leap=True), "15/02 nhuận âm lịch"),
        (Recurrence("RRULE:FREQ=MONTHLY;BYMONTHDAY=15"), "RRULE:FREQ=MONTHLY;BYMONTHDAY=15"),
        (Unscheduled(), "trong năm"),
    ],
)
def test_format_writes_days_as_administrative_documents_do(rule: DateRule, text: str) -> None:
    """Decree 30/2020/NĐ-CP, Appendix I: a leading zero for days below 10 and months 1, 2."""
    assert format_date_rule(rule) == text


@given(date_rules)
def test_parse_of_format_is_the_identity(rule: DateRule) -> None:
    assert parse_date_rule(format_date_rule(rule)) == rule


@given(date_rules)
def test_format_output_is_stable_under_a_round_trip(rule: DateRule) -> None:
    text = format_date_rule(rule)
    assert format_date_rule(parse_date_rule(text)) == text


# --- laws -------------------------------------------------------------------------------


@given(date_rules, LUNAR_YEARS)
def test_every_occurrence_lies_within_the_year_in_order(rule: DateRule, year: int) -> None:
    found = occurrences(rule, year)
    for occurrence in found:
        assert D(year, 1, 1) <= occurrence.start <= occurrence.end <= D(year, 12, 31)
    assert [o.start for o in found] == sorted({o.start for o in found})
    assert all(o.scheduled == (not isinstance(rule, Unscheduled)) for o in found)


@given(st.integers(min_value=1, max_value=10), st.integers(min_value=1, max_value=30), LUNAR_YEARS)
def test_lunar_day_of_months_1_to_10_is_the_day_of_the_same_lunar_year(
    month: int, day: int, year: int
) -> None:
    found = occurrences(LunarDay(month, day), year)
    expected = lunar.to_solar(year, month, min(day, lunar.month_length(year, month)))
    assert found == (Occurrence(expected, expected),)


@given(LUNAR_YEARS)
def test_last_day_of_month_12_is_the_eve_of_tet(year: int) -> None:
    assert occurrences(LunarDay(12, 30), year) == (
        Occurrence(lunar.new_year(year) - ONE_DAY, lunar.new_year(year) - ONE_DAY),
    )


@given(lunar_days, LUNAR_YEARS)
def test_lunar_occurrences_are_exactly_the_matching_days(rule: LunarDay, year: int) -> None:
    """Each occurrence is a day with the rule's lunar month and day (or the month's last day
    for day 30 of a 29-day month); no other day of the year matches."""
    found = {o.start for o in occurrences(rule, year)}
    day = D(year, 1, 1)
    while day.year == year:
        date = lunar.to_lunar(day)
        length = lunar.month_length(date.year, date.month, date.leap)
        matches = (date.month, date.leap) == (rule.month, rule.leap) and date.day == min(
            rule.day, length
        )
        assert (day in found) == matches, f"{day} is {date}"
        day += ONE_DAY


# --- errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(("month", "day"), [(2, 30), (2, 31), (4, 31), (13, 1), (0, 1), (1, 0)])
def test_fixed_day_that_cannot_exist_is_refused(month: int, day: int) -> None:
    with pytest.raises(CalendarError, match="FixedDay"):
        FixedDay(month, day)


def test_window_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="end 01/6 is before start 30/6"):
        Window(6, 30, 6, 1)
    with pytest.raises(InvalidValueError, match="before start"):
        Window(12, 15, 1, 15)


@pytest.mark.parametrize(("month", "day"), [(0, 1), (13, 1), (1, 0), (1, 31)])
def test_lunar_day_out_of_bounds_is_refused(month: int, day: int) -> None:
    with pytest.raises(CalendarError, match="LunarDay"):
        LunarDay(month, day)


@pytest.mark.parametrize(
    "rrule",
    [
        "FREQ=HOURLY",
        "FREQ=DAILY;BYDAY=XX",
        "BYMONTHDAY=15",
        "DTSTART:20230101\nRRULE:FREQ=DAILY",
        "FREQ=DAILY;UNTIL=20230105T000000Z",
    ],
)
def test_recurrence_that_cannot_be_evaluated_per_year_is_refused(rrule: str) -> None:
    with pytest.raises(InvalidValueError, match=r"Recurrence\.rrule"):
        Recurrence(rrule)


def test_occurrence_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="before start"):
        Occurrence(D(2023, 6, 2), D(2023, 6, 1))


def test_lunar_day_outside_the_lunar_range_is_refused() -> None:
    with pytest.raises(CalendarError, match="1900 to 2100"):
        occurrences(LunarDay(8, 15), 1899)
    with pytest.raises(CalendarError, match="1900 to 2100"):
        occurrences(LunarDay(8, 15), 2101)


@pytest.mark.parametrize("year", [0, 10000])
def test_year_that_is_not_a_year_is_refused(year: int) -> None:
    with pytest.raises(CalendarError, match="expected 1 to 9999"):
        occurrences(FixedDay(6, 1), year)


@pytest.mark.parametrize(
    "text", ["", "hôm nay", "1/6/2023", "15/8 dương lịch", "01/6-", "6-1", "01/6 đến"]
)
def test_unreadable_text_is_refused_quoting_it_and_listing_the_forms(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_date_rule(text)
    assert repr(text) in str(caught.value)
    assert all(form in str(caught.value) for form in ACCEPTED_FORMS)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31/2", "31/2 is not a date"),
        ("32/1", "32/1 is not a date"),
        ("RRULE:", "FREQ=None"),
        ("30/6-01/6", "end 01/6 is before start 30/6"),
        ("15/13 âm lịch", "month 13 is not a lunar month"),
        ("RRULE:FREQ=SECONDLY", "FREQ=SECONDLY"),
    ],
)
def test_text_naming_an_impossible_rule_is_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(ParseError, match=reason) as caught:
        parse_date_rule(text)
    assert repr(text) in str(caught.value)
