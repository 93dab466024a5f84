"""Deadline phrases and rules: "trước ngày", "chậm nhất", relative limits, the Civil Code roll."""

from __future__ import annotations

import datetime as dt
import unicodedata

import attrs
import pytest
from hypothesis import given, reject
from hypothesis import strategies as st

from child_welfare_plan.calendars.deadlines import resolve
from child_welfare_plan.calendars.workdays import WorkingCalendar
from child_welfare_plan.errors import InvalidValueError, ParseError
from child_welfare_plan.i18n import language
from child_welfare_plan.model.deadlines import (
    DEADLINE_FORMS,
    PROMPT_WORDS,
    Before,
    By,
    DeadlineRule,
    Promptly,
    WithinDays,
    WithinHours,
    fold_diacritics,
    format_deadline,
    format_vn_date,
    parse_deadline,
)

D = dt.date
NATIONAL = WorkingCalendar()
UTC = dt.UTC

dates = st.dates(min_value=D(1996, 1, 1), max_value=D(2099, 10, 31))
anchors = st.dates(min_value=D(1996, 1, 1), max_value=D(2095, 12, 31))
anchor_text = st.lists(
    st.sampled_from(
        list("aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậềểễếệỳỷỹýỵ")
        + list("AĂÂĐÊÔƠƯ0123456789 ()/.,;:-\t\n\u0301")
        + ["kể từ", "khi", "nhận được", "thông báo", "làm việc", "ngày", "giờ"]
    ),
    max_size=20,
).map("".join)


times = st.none() | st.builds(dt.time, st.integers(0, 23), st.integers(0, 59))


@st.composite
def rules(draw: st.DrawFn, *, promptly: bool = False) -> DeadlineRule:
    """Any rule, with free-text anchors and, for dated rules, sometimes a time of day; with
    ``promptly``, also the rules that set no time limit."""
    kinds = ["before", "by", "within_days", "within_hours"] + (["promptly"] if promptly else [])
    kind = draw(st.sampled_from(kinds))
    if kind == "before":
        return Before(draw(dates), draw(times))
    if kind == "by":
        return By(draw(dates), draw(times))
    if kind == "promptly":
        return Promptly(draw(st.sampled_from(PROMPT_WORDS)))
    n = draw(st.integers(min_value=1, max_value=999))
    try:
        if kind == "within_days":
            return WithinDays(n, draw(st.booleans()), draw(anchor_text))
        return WithinHours(n, draw(anchor_text))
    except InvalidValueError:
        reject()


def last_day(text: str, *, roll: bool = True) -> dt.date:
    return resolve(parse_deadline(text), roll=roll).last_on_time_day


# -- required facts -------------------------------------------------------------------------


def test_before_15_june_2023_ends_on_wednesday_14_june() -> None:
    """Seed plan, section VI: six-month report "trước ngày 15/6/2023". Read literally the
    last on-time day is 14/6/2023, a Wednesday, so nothing rolls."""
    deadline = resolve(parse_deadline("trước ngày 15/6/2023"))
    assert deadline.last_on_time_day == D(2023, 6, 14)
    assert deadline.last_on_time_day.weekday() == 2
    assert not deadline.rolled


def test_before_10_december_2023_rolls_to_monday_11_december() -> None:
    """Civil Code 2015 Art. 148.5: the last day 09/12/2023 is a Saturday (10/12 a Sunday),
    so the limit ends at the end of the next working day, Monday 11/12/2023."""
    deadline = resolve(parse_deadline("trước ngày 10/12/2023"))
    assert deadline.unrolled == D(2023, 12, 9)
    assert deadline.last_on_time_day == D(2023, 12, 11)
    assert deadline.rolled


def test_before_10_december_2023_without_the_roll_ends_on_saturday() -> None:
    deadline = resolve(parse_deadline("trước ngày 10/12/2023"), roll=False)
    assert deadline.last_on_time_day == D(2023, 12, 9)
    assert not deadline.rolled


def test_before_5_december_2023_ends_on_monday_4_december() -> None:
    """Seed plan, section VI: annual report "trước ngày 05/12/2023"; 04/12/2023 is a Monday."""
    assert last_day("trước ngày 05/12/2023") == D(2023, 12, 4)


def test_seed_plan_deadlines_all_parse_as_before_rules() -> None:
    """Seed plan, section VI: "trước ngày 30/3/2023", "trước ngày 20/6/2023"."""
    assert parse_deadline("trước ngày 30/3/2023") == Before(D(2023, 3, 30))
    assert parse_deadline("(trước ngày 20/6/2023)") == Before(D(2023, 6, 20))


# -- phrases --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("trước ngày 15/6/2023", Before(D(2023, 6, 15))),
        ("Trước ngày 15/06/2023.", Before(D(2023, 6, 15))),
        ("TRƯỚC NGÀY 15-6-2023", Before(D(2023, 6, 15))),
        ("trước  ngày\u00a015.6.2023", Before(D(2023, 6, 15))),
        ("trước ngày 15 tháng 6 năm 2023", Before(D(2023, 6, 15))),
        ("chậm nhất ngày 15/6/2023", By(D(2023, 6, 15))),
        ("chậm nhất là ngày 15/6/2023", By(D(2023, 6, 15))),
        ("Chậm nhất vào ngày 15/6/2023;", By(D(2023, 6, 15))),
        ("không muộn hơn ngày 15/6/2023", By(D(2023, 6, 15))),
        ("không chậm hơn ngày 15/6/2023", By(D(2023, 6, 15))),
        ("đến hết ngày 15/6/2023", By(D(2023, 6, 15))),
        ("trong ngày 15/6/2023", By(D(2023, 6, 15))),
        ("trong ngày 15 tháng 06 năm 2023", By(D(2023, 6, 15))),
        (
            "trong vòng 05 ngày làm việc kể từ ngày nhận được báo cáo",
            WithinDays(5, True, "kể từ ngày nhận được báo cáo"),
        ),
        ("trong thời hạn 05 (năm) ngày làm việc", WithinDays(5, True, "")),
        (
            "trong vòng 30 ngày kể từ khi nhận được thông báo",
            WithinDays(30, False, "kể từ khi nhận được thông báo"),
        ),
        (
            "trong thời hạn 12 giờ kể từ khi nhận được tin báo",
            WithinHours(12, "kể từ khi nhận được tin báo"),
        ),
        ("Trong vòng 12 giờ", WithinHours(12, "")),
    ],
)
def test_parse_reads_the_usual_phrases(text: str, rule: DeadlineRule) -> None:
    assert parse_deadline(text) == rule


def test_parse_reads_decomposed_unicode() -> None:
    text = unicodedata.normalize("NFD", "chậm nhất là ngày 15/6/2023")
    assert text != unicodedata.normalize("NFC", text)
    assert parse_deadline(text) == By(D(2023, 6, 15))


def test_anchor_keeps_its_case_and_loses_extra_whitespace() -> None:
    rule = parse_deadline("trong vòng 5 ngày   kể từ khi Chủ tịch UBND xã\nký quyết định.")
    assert rule == WithinDays(5, False, "kể từ khi Chủ tịch UBND xã ký quyết định")


@pytest.mark.parametrize(
    "text", ["sau ngày 15/6/2023", "trước ngày 15/6/23", "15/6/2023", "trong vòng năm ngày", ""]
)
def test_unreadable_phrase_error_quotes_it_and_lists_the_forms(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_deadline(text)
    message = str(caught.value)
    assert repr(text) in message
    for form in DEADLINE_FORMS:
        assert form in message


def test_phrase_naming_a_date_that_does_not_exist_is_refused() -> None:
    with pytest.raises(ParseError, match="31/2/2023"):
        parse_deadline("trước ngày 31/2/2023")


def test_zero_day_limit_is_refused() -> None:
    with pytest.raises(ParseError, match="at least 1"):
        parse_deadline("trong vòng 0 ngày")
    with pytest.raises(InvalidValueError, match="at least 1"):
        WithinHours(0)


def test_anchor_starting_with_working_words_is_refused_for_calendar_days() -> None:
    with pytest.raises(InvalidValueError, match="working=True"):
        WithinDays(5, False, "làm việc kể từ …")


@pytest.mark.parametrize(
    ("rule", "phrase"),
    [
        (Before(D(2023, 6, 15)), "trước ngày 15/6/2023"),
        (Before(D(2023, 12, 5)), "trước ngày 05/12/2023"),
        (By(D(2023, 3, 7)), "chậm nhất ngày 07/3/2023"),
        (By(D(2023, 2, 20)), "chậm nhất ngày 20/02/2023"),
        (
            WithinDays(5, True, "kể từ khi nhận được"),
            "trong vòng 5 ngày làm việc kể từ khi nhận được",
        ),
        (WithinHours(12), "trong thời hạn 12 giờ"),
    ],
)
def test_format_gives_the_canonical_phrase(rule: DeadlineRule, phrase: str) -> None:
    """Decree 30/2020/NĐ-CP Appendix I writes a day below 10 and the months 1 and 2 with a
    leading zero, as the seed plan does ("05/12/2023", "15/6/2023", "07/3/2023")."""
    assert format_deadline(rule) == phrase


# -- relative rules -------------------------------------------------------------------------


def test_five_working_days_count_from_the_day_after_the_anchor() -> None:
    """Decree 56/2017/NĐ-CP Art. 28: a support plan within 5 working days; Civil Code 2015
    Art. 147: the anchor day is not counted. From Friday 01/9/2023 (holiday) the days
    02/9–04/9 are off, so the 5th working day is Monday 11/9/2023."""
    rule = parse_deadline("trong vòng 05 ngày làm việc kể từ ngày nhận được thông báo")
    deadline = resolve(rule, anchor=D(2023, 9, 1))
    assert deadline.last_on_time_day == D(2023, 9, 11)
    assert deadline.date is None
    assert not deadline.rolled


def test_calendar_days_count_from_the_day_after_the_anchor_then_roll() -> None:
    """Civil Code 2015 Art. 147–148: 30 days from 01/9/2023 end on Sunday 01/10/2023, which
    rolls to Monday 02/10/2023."""
    deadline = resolve(WithinDays(30), anchor=D(2023, 9, 1))
    assert deadline.unrolled == D(2023, 10, 1)
    assert deadline.last_on_time_day == D(2023, 10, 2)
    assert deadline.rolled
    assert resolve(WithinDays(1), anchor=D(2023, 6, 12)).last_on_time_day == D(2023, 6, 13)


def test_hours_run_through_a_weekend_without_rolling() -> None:
    """Decree 56/2017/NĐ-CP Art. 26: emergency measures within 12 hours; Civil Code 2015
    Art. 147.1: a limit in hours starts at the stated instant, and the weekend roll of
    Art. 148.5 concerns a last *day*."""
    deadline = resolve(WithinHours(12), anchor=dt.datetime(2023, 12, 8, 20, 0))
    assert deadline.due_at == dt.datetime(2023, 12, 9, 8, 0)
    assert deadline.last_on_time_day == D(2023, 12, 9)
    assert not deadline.rolled


def test_an_aware_anchor_is_read_in_vietnamese_local_time() -> None:
    """Vietnam is UTC+7: 16:59 UTC on 14/6 is 23:59 local, 17:00 UTC is 00:00 on 15/6."""
    hours = resolve(WithinHours(12), anchor=dt.datetime(2023, 6, 14, 4, 59, tzinfo=UTC))
    assert hours.last_on_time_day == D(2023, 6, 14)
    late = resolve(WithinHours(12), anchor=dt.datetime(2023, 6, 14, 5, 0, tzinfo=UTC))
    assert late.last_on_time_day == D(2023, 6, 15)
    days = resolve(WithinDays(1), anchor=dt.datetime(2023, 6, 13, 17, 30, tzinfo=UTC))
    assert days.last_on_time_day == D(2023, 6, 15)


def test_relative_rule_without_anchor_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="anchor"):
        resolve(WithinDays(5, True))
    with pytest.raises(InvalidValueError, match="anchor"):
        resolve(WithinHours(12))


def test_hour_rule_with_a_date_anchor_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="datetime"):
        resolve(WithinHours(12), anchor=D(2023, 6, 14))


def test_local_day_off_moves_the_roll() -> None:
    local = WorkingCalendar(extra_days_off={D(2023, 12, 11)})
    assert resolve(Before(D(2023, 12, 10)), calendar=local).last_on_time_day == D(2023, 12, 12)


def test_to_json_gives_rule_date_last_day_and_rolled() -> None:
    """Civil Code 2015 Art. 148.5: 09/12/2023 is a Saturday and 10/12/2023 a Sunday."""
    with language("vi"):
        data = resolve(parse_deadline("trước ngày 10/12/2023")).to_dict()
    assert data == {
        "rule": "before",
        "date": "2023-12-10",
        "last_on_time_day": "2023-12-11",
        "rolled": True,
        "due_at": None,
        "reason": "Saturday 09/12/2023 and Sunday 10/12/2023 are days off, so the last "
        "on-time day moves from 09/12/2023 to the next working day, 11/12/2023 (Civil Code "
        "2015 Art. 148.5), after the day the text names (10/12/2023)",
        "reason_label": "Thứ Bảy 09/12/2023 và Chủ nhật 10/12/2023 là ngày nghỉ nên ngày cuối "
        "cùng đúng hạn chuyển từ 09/12/2023 sang ngày làm việc tiếp theo, 11/12/2023 (Bộ luật "
        "Dân sự 2015, khoản 5 Điều 148), sau ngày văn bản ghi (10/12/2023)",
        "days_off": [
            {"date": "2023-12-09", "reason": "weekend", "name": "Thứ Bảy", "name_en": "Saturday"},
            {"date": "2023-12-10", "reason": "weekend", "name": "Chủ nhật", "name_en": "Sunday"},
        ],
    }
    assert resolve(By(D(2023, 6, 15))).to_dict()["rule"] == "by"
    relative = resolve(WithinDays(3), anchor=D(2023, 6, 12)).to_dict()
    assert relative["rule"] == "within_days"
    assert relative["date"] is None


# -- properties -----------------------------------------------------------------------------


@given(rule=rules(promptly=True))
def test_parse_of_format_gives_the_rule_back(rule: DeadlineRule) -> None:
    assert parse_deadline(format_deadline(rule)) == rule


@given(rule=rules(promptly=True))
def test_a_phrase_typed_without_diacritics_reads_the_same(rule: DeadlineRule) -> None:
    """Only a relative rule's free anchor text loses its diacritics with the phrase."""
    bare = fold_diacritics(format_deadline(rule))
    if isinstance(rule, WithinDays | WithinHours):
        try:
            expected: DeadlineRule = attrs.evolve(rule, anchor=fold_diacritics(rule.anchor))
        except InvalidValueError:
            reject()
    else:
        expected = rule
    assert parse_deadline(bare) == expected
    assert parse_deadline(bare.upper()).kind == rule.kind


@given(day=dates, at=times, before=st.booleans(), spelled=st.booleans())
def test_a_phrase_without_its_year_takes_the_year_given(
    day: dt.date, at: dt.time | None, before: bool, spelled: bool
) -> None:
    rule: DeadlineRule = Before(day, at) if before else By(day, at)
    phrase = format_deadline(rule)
    if spelled:
        phrase = phrase.replace(
            format_vn_date(day), f"{day.day} tháng {day.month}"
        )  # "ngày 15 tháng 6"
    else:
        phrase = phrase.replace(f"/{day.year}", "")
    assert parse_deadline(phrase, year=day.year) == rule
    assert parse_deadline(format_deadline(rule), year=day.year + 1) == rule  # a named year wins
    with pytest.raises(ParseError, match="names no year"):
        parse_deadline(phrase)


@given(rule=rules(), spaces=st.lists(st.sampled_from([" ", "  ", "\t", "\n", "\u00a0"])))
def test_parse_ignores_case_of_keywords_whitespace_and_normal_form(
    rule: DeadlineRule, spaces: list[str]
) -> None:
    phrase = format_deadline(rule)
    for index, space in enumerate(spaces):
        phrase = phrase.replace(" ", space if index % 2 else f"{space} ", 1)
    phrase = unicodedata.normalize("NFD", phrase)
    assert parse_deadline(phrase) == rule
    if isinstance(rule, Before | By):
        assert parse_deadline(format_deadline(rule).upper()) == rule


@given(day=dates, pad=st.booleans(), separator=st.sampled_from("/-."))
def test_parse_reads_any_date_spelling(day: dt.date, pad: bool, separator: str) -> None:
    numbers = (f"{day.day:02d}", f"{day.month:02d}") if pad else (str(day.day), str(day.month))
    assert parse_deadline(f"trước ngày {separator.join([*numbers, str(day.year)])}") == Before(day)
    worded = f"trong ngày {numbers[0]} tháng {numbers[1]} năm {day.year}"
    assert parse_deadline(worded) == By(day)


@given(day=dates)
def test_format_vn_date_reads_back(day: dt.date) -> None:
    assert parse_deadline(f"trước ngày {format_vn_date(day)}") == Before(day)


@given(day=dates, roll=st.booleans())
def test_by_d_resolves_like_before_the_next_day(day: dt.date, roll: bool) -> None:
    by = resolve(By(day), roll=roll)
    before = resolve(Before(day + dt.timedelta(days=1)), roll=roll)
    assert (by.unrolled, by.last_on_time_day, by.rolled) == (
        before.unrolled,
        before.last_on_time_day,
        before.rolled,
    )


@given(rule=rules(), anchor=anchors)
def test_rolled_last_day_is_a_working_day_never_earlier(
    rule: DeadlineRule, anchor: dt.date
) -> None:
    if isinstance(rule, WithinHours):
        return
    deadline = resolve(rule, anchor=anchor)
    assert NATIONAL.is_working_day(deadline.last_on_time_day)
    assert deadline.last_on_time_day >= deadline.unrolled
    assert deadline.rolled == (deadline.last_on_time_day != deadline.unrolled)


@given(rule=rules(), anchor=anchors)
def test_rolling_twice_changes_nothing(rule: DeadlineRule, anchor: dt.date) -> None:
    if isinstance(rule, WithinHours):
        return
    last = resolve(rule, anchor=anchor).last_on_time_day
    again = resolve(By(last))
    assert again.last_on_time_day == last
    assert not again.rolled


@given(rule=rules(), anchor=anchors)
def test_without_the_roll_the_last_day_is_the_literal_one(
    rule: DeadlineRule, anchor: dt.date
) -> None:
    if isinstance(rule, WithinHours):
        return
    deadline = resolve(rule, anchor=anchor, roll=False)
    assert deadline.last_on_time_day == deadline.unrolled
    assert not deadline.rolled
    assert deadline.unrolled == resolve(rule, anchor=anchor).unrolled


@given(n=st.integers(min_value=1, max_value=60), anchor=anchors, roll=st.booleans())
def test_working_day_limits_land_on_a_working_day(n: int, anchor: dt.date, roll: bool) -> None:
    deadline = resolve(WithinDays(n, working=True), anchor=anchor, roll=roll)
    assert NATIONAL.is_working_day(deadline.last_on_time_day)
    assert NATIONAL.working_days_between(anchor, deadline.last_on_time_day) == n


@given(
    n=st.integers(min_value=1, max_value=999),
    anchor=st.datetimes(min_value=dt.datetime(1996, 1, 1), max_value=dt.datetime(2099, 1, 1)),
)
def test_hour_limits_end_n_hours_after_the_anchor(n: int, anchor: dt.datetime) -> None:
    deadline = resolve(WithinHours(n), anchor=anchor)
    assert deadline.due_at == anchor + dt.timedelta(hours=n)
    assert deadline.last_on_time_day == (anchor + dt.timedelta(hours=n)).date()
    assert not deadline.rolled


# -- phrases offices use: a time of day, "hạn chót", no year, no diacritics -----------------


VN = dt.timezone(dt.timedelta(hours=7))


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("trước 16 giờ 00 ngày 14/6/2024", Before(D(2024, 6, 14), dt.time(16, 0))),
        ("trước 16 giờ ngày 14/6/2024", Before(D(2024, 6, 14), dt.time(16, 0))),
        ("trước 17h00 ngày 14/6/2024", Before(D(2024, 6, 14), dt.time(17, 0))),
        ("trước 16g00 ngày 14/6/2024", Before(D(2024, 6, 14), dt.time(16, 0))),
        ("chậm nhất 16g30 ngày 14/6/2024", By(D(2024, 6, 14), dt.time(16, 30))),
        ("trước 17h ngày 14/6/2024", Before(D(2024, 6, 14), dt.time(17, 0))),
        ("trước 16:30, ngày 14/6/2024", Before(D(2024, 6, 14), dt.time(16, 30))),
        ("trước 8 giờ 30 phút ngày 14 tháng 6 năm 2024", Before(D(2024, 6, 14), dt.time(8, 30))),
        ("chậm nhất 17 giờ ngày 14/6/2024", By(D(2024, 6, 14), dt.time(17, 0))),
        ("chậm nhất là 17 giờ 00 ngày 14/6/2024", By(D(2024, 6, 14), dt.time(17, 0))),
        ("hạn chót ngày 15/6/2023", By(D(2023, 6, 15))),
        ("Hạn chót: ngày 15/6/2023", By(D(2023, 6, 15))),
        ("hạn chót là 17h00 ngày 15/6/2023", By(D(2023, 6, 15), dt.time(17, 0))),
        ("truoc ngay 15/6/2024", Before(D(2024, 6, 15))),
        ("TRUOC 16 GIO 00 NGAY 14/6/2024", Before(D(2024, 6, 14), dt.time(16, 0))),
        ("cham nhat la ngay 15/6/2023", By(D(2023, 6, 15))),
        ("han chot ngay 15/6/2023", By(D(2023, 6, 15))),
        ("khong muon hon ngay 15/6/2023", By(D(2023, 6, 15))),
        ("trong vong 05 ngay lam viec", WithinDays(5, True, "")),
        ("kịp thời", Promptly("kịp thời")),
        ("Kip thoi.", Promptly("kịp thời")),
        ("ngay", Promptly("ngay")),
        ("ngay lập tức", Promptly("ngay lập tức")),
    ],
)
def test_parse_reads_the_phrases_offices_use(text: str, rule: DeadlineRule) -> None:
    assert parse_deadline(text) == rule


def test_before_16_hours_on_a_day_is_on_time_that_day_until_16_00() -> None:
    """ "Trước 16 giờ 00 ngày 14/6/2024" is read as before 16:00 on 14/6/2024: the named day
    is the last on-time day (a Friday: no roll), and the limit ends at 16:00 Vietnam time
    (UTC+7)."""
    deadline = resolve(parse_deadline("trước 16 giờ 00 ngày 14/6/2024"))
    assert deadline.last_on_time_day == D(2024, 6, 14)
    assert deadline.due_at == dt.datetime(2024, 6, 14, 16, 0, tzinfo=VN)
    data = deadline.to_dict()
    assert (data["last_on_time_day"], data["due_at"]) == ("2024-06-14", "2024-06-14T16:00:00+07:00")


def test_a_time_of_day_on_a_day_off_rolls_the_day_and_keeps_the_time() -> None:
    """Civil Code 2015 Art. 148.5 rolls a last day that is a day off; 02/9/2023 (National
    Day), Sunday 03/9 and 04/9 (day in lieu) are off, so the limit ends at 17:00 on 05/9."""
    deadline = resolve(parse_deadline("chậm nhất 17 giờ ngày 02/9/2023"))
    assert deadline.last_on_time_day == D(2023, 9, 5)
    assert deadline.due_at == dt.datetime(2023, 9, 5, 17, 0, tzinfo=VN)
    assert [d.reason for d in deadline.days_off] == ["holiday", "weekend", "holiday"]


def test_a_phrase_without_a_year_is_refused_without_one() -> None:
    with pytest.raises(ParseError, match="names no year"):
        parse_deadline("trước ngày 15/6")
    assert parse_deadline("trước ngày 15/6", year=2024) == Before(D(2024, 6, 15))


def test_a_time_that_is_not_a_time_of_day_is_refused() -> None:
    with pytest.raises(ParseError, match="24:00"):
        parse_deadline("trước 24 giờ ngày 14/6/2024")
    with pytest.raises(InvalidValueError, match="whole minutes"):
        Before(D(2024, 6, 14), dt.time(16, 0, 30))


def test_promptly_sets_no_time_limit_and_cannot_be_resolved() -> None:
    """Decree 56/2017/NĐ-CP Art. 25.1: whoever learns of abuse notifies "ngay"
    (immediately); a plan's "báo cáo kịp thời" likewise names no time limit."""
    assert format_deadline(Promptly()) == "kịp thời"
    with pytest.raises(InvalidValueError, match="no time limit"):
        resolve(Promptly("ngay"))
    with pytest.raises(InvalidValueError, match="expected one of"):
        Promptly("sớm")


# -- why a day rolled ---------------------------------------------------------------------


def test_the_roll_names_each_day_off_it_skips() -> None:
    """Labour Code 2019 Art. 112 and the holiday calendar: 02/9/2023 National Day, 03/9 a
    Sunday, 04/9 the day off in lieu; "trước ngày 03/9/2023" would end on 02/9."""
    deadline = resolve(parse_deadline("trước ngày 03/9/2023"))
    assert deadline.last_on_time_day == D(2023, 9, 5)
    assert [(d.date, d.reason, d.name) for d in deadline.days_off] == [
        (D(2023, 9, 2), "holiday", "Quốc khánh"),
        (D(2023, 9, 3), "weekend", "Chủ nhật"),
        (D(2023, 9, 4), "holiday", "Quốc khánh (nghỉ bù)"),
    ]
    assert deadline.rolled_beyond_text
    assert deadline.reason is not None and "after the day the text names (03/9/2023)" in (
        deadline.reason
    )


def test_a_roll_onto_the_named_day_itself_is_beyond_the_words_of_before() -> None:
    """ "Trước ngày 04/12/2023" (a Monday) ends on Sunday 03/12, which rolls to Monday 04/12:
    the day "trước" excludes."""
    deadline = resolve(Before(D(2023, 12, 4)))
    assert deadline.last_on_time_day == D(2023, 12, 4)
    assert deadline.rolled_beyond_text
    assert deadline.reason is not None and "the day the text names (04/12/2023)" in (
        deadline.reason
    )


def test_a_local_day_off_is_named_as_local() -> None:
    local = WorkingCalendar(extra_days_off={D(2023, 12, 11)})
    deadline = resolve(Before(D(2023, 12, 10)), calendar=local)
    assert [d.reason for d in deadline.days_off] == ["weekend", "weekend", "local"]


@given(rule=rules(), anchor=anchors)
def test_the_days_off_named_are_exactly_the_days_the_roll_skips(
    rule: DeadlineRule, anchor: dt.date
) -> None:
    if isinstance(rule, WithinHours):
        return
    deadline = resolve(rule, anchor=anchor)
    skipped = (deadline.last_on_time_day - deadline.unrolled).days
    assert [d.date for d in deadline.days_off] == [
        deadline.unrolled + dt.timedelta(days=i) for i in range(skipped)
    ]
    assert all(not NATIONAL.is_working_day(d.date) for d in deadline.days_off)
    assert (deadline.reason is None) == (not deadline.rolled)
    assert deadline.rolled_beyond_text == (deadline.rolled and deadline.date is not None)


@given(day=dates, at=st.builds(dt.time, st.integers(0, 23), st.integers(0, 59)))
def test_a_time_of_day_makes_the_named_day_the_last_one(day: dt.date, at: dt.time) -> None:
    """With a time, "trước H giờ ngày D" and "chậm nhất H giờ ngày D" both end on D (rolled
    like "chậm nhất ngày D"), at H o'clock; without one, only "chậm nhất" does."""
    for rule in (Before(day, at), By(day, at)):
        deadline = resolve(rule)
        assert deadline.unrolled == day
        assert deadline.last_on_time_day == resolve(By(day)).last_on_time_day
        assert deadline.due_at is not None
        assert deadline.due_at.time() == at and deadline.due_at.utcoffset() == dt.timedelta(hours=7)
        assert deadline.due_at.date() == deadline.last_on_time_day
