"""Timeliness: statuses, first submissions, delay buckets, findings, rates, and their laws."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from child_welfare_plan.calendars.dates import local_date
from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.model import Submission
from child_welfare_plan.model.deadlines import By, WithinDays
from child_welfare_plan.rules.timeliness import (
    DELAY_BUCKETS,
    Status,
    TimelinessResult,
    delay_bucket,
    timeliness,
)
from tests.judging import (
    item,
    judge,
    report,
    six,
    sub,
)
from tests.strategies import (
    as_of_days,
    examples,
    submission_lists,
    submissions,
    timeliness_plan,
)

D = date

# -- statuses -----------------------------------------------------------------------------------


def test_a_report_on_the_last_on_time_day_is_on_time() -> None:
    """Seed plan VI: "trước ngày 15/6/2023" — 14/6/2023 is the last on-time day."""
    it = item(judge([six("ubnd-11074", D(2023, 6, 14))], D(2023, 12, 20)), "ubnd-11074")
    assert it.status is Status.ON_TIME
    assert it.last_on_time_day == D(2023, 6, 14)
    assert it.received == D(2023, 6, 14)
    assert (it.days_late, it.days_overdue, it.days_left, it.delay_bucket) == (None,) * 4


def test_a_report_on_the_day_named_by_before_is_one_day_late() -> None:
    """ "Trước ngày 15/6" read literally: a report on 15/6 is late by one day."""
    it = item(judge([six("ubnd-11074", D(2023, 6, 15))], D(2023, 12, 20)), "ubnd-11074")
    assert it.status is Status.LATE
    assert (it.days_late, it.delay_bucket) == (1, "1-3")
    assert it.days_overdue is None and it.days_left is None


def test_the_civil_code_roll_moves_a_weekend_last_day_to_monday() -> None:
    """Civil Code 2015 Art. 148.5: "trước ngày 10/12/2023" ends on Saturday 09/12, so a
    report on Monday 11/12 is on time and one on Tuesday 12/12 is one day late."""
    on_time = sub("ubnd-11074", "bao-cao-nam", D(2023, 12, 11), "2023")
    late = sub("ubnd-11083", "bao-cao-nam", D(2023, 12, 12), "2023")
    result = judge([on_time, late], D(2023, 12, 20))
    assert item(result, "ubnd-11074", "bao-cao-nam").status is Status.ON_TIME
    assert item(result, "ubnd-11074", "bao-cao-nam").last_on_time_day == D(2023, 12, 11)
    assert item(result, "ubnd-11083", "bao-cao-nam").days_late == 1


def test_nothing_received_after_the_last_day_is_overdue_by_calendar_days() -> None:
    it = item(judge([], D(2023, 6, 20)), "y-te")
    assert it.status is Status.OVERDUE
    assert it.days_overdue == 6
    assert it.received is None and it.days_late is None and it.days_left is None


def test_nothing_received_before_the_last_day_is_pending_with_days_left() -> None:
    assert item(judge([], D(2023, 6, 4)), "y-te").days_left == 10
    on_the_day = item(judge([], D(2023, 6, 14)), "y-te")
    assert (on_the_day.status, on_the_day.days_left) == (Status.PENDING, 0)
    assert item(judge([], D(2023, 6, 15)), "y-te").status is Status.OVERDUE


def test_a_unit_dissolved_before_the_report_falls_due_is_not_expected() -> None:
    """Xã Hưng Đạo ends on 31/3/2023: it owes the implementation plan (due 29/3) but not
    the six-month report (due 14/6); its successor reports for its area."""
    result = judge([], D(2023, 12, 20))
    assert item(result, "ubnd-11086", "ke-hoach").status is Status.OVERDUE
    assert item(result, "ubnd-11086").status is Status.NOT_EXPECTED
    assert item(result, "ubnd-11086", "bao-cao-nam").status is Status.NOT_EXPECTED


def test_a_unit_created_after_the_period_is_not_expected_and_not_counted() -> None:
    result = judge([six("ubnd-11089", D(2023, 6, 1))], D(2023, 12, 20))
    it = item(result, "ubnd-11089")
    assert it.status is Status.NOT_EXPECTED
    assert it.received == D(2023, 6, 1)
    rate = result.rate("bao-cao-6-thang", "2023S1")
    assert (rate.expected, rate.received, rate.not_expected) == (3, 0, 2)


def test_an_ad_hoc_report_is_received_or_not_received_and_never_overdue() -> None:
    result = judge([sub("ubnd-11074", "tu-kiem-tra", D(2023, 10, 3))], D(2030, 1, 1))
    received = item(result, "ubnd-11074", "tu-kiem-tra")
    missing = item(result, "ubnd-11083", "tu-kiem-tra")
    assert (received.status, received.received, received.last_on_time_day) == (
        Status.RECEIVED,
        D(2023, 10, 3),
        None,
    )
    assert missing.status is Status.NOT_RECEIVED
    assert missing.days_overdue is None
    rate = result.rate("tu-kiem-tra")
    assert (rate.expected, rate.received, rate.on_time, rate.on_time_rate) == (3, 1, None, None)
    assert rate.reporting_rate == pytest.approx(1 / 3)


# -- first submission, content, duplicates, time zones ---------------------------------------


def test_the_first_submission_decides_and_the_latest_revision_is_the_content() -> None:
    first = six("y-te", D(2023, 6, 10), document_number="01/BC", revision=1)
    second = six("y-te", D(2023, 6, 20), document_number="02/BC", revision=2)
    it = item(judge([second, first], D(2023, 12, 20)), "y-te")
    assert it.status is Status.ON_TIME
    assert it.received == D(2023, 6, 10)
    assert it.first == first and it.content == second
    assert it.to_dict()["document_number"] == "02/BC"
    assert it.submissions == 2


def test_revision_numbers_order_the_content_before_the_order_of_receipt() -> None:
    corrected = six("y-te", D(2023, 6, 10), document_number="03/BC", revision=3)
    resent_old = six("y-te", D(2023, 6, 12), document_number="02/BC", revision=2)
    it = item(judge([corrected, resent_old], D(2023, 12, 20)), "y-te")
    assert it.content == corrected


def test_a_revision_received_after_as_of_is_not_the_content() -> None:
    first = six("y-te", D(2023, 6, 10), document_number="01/BC")
    later = six("y-te", D(2023, 7, 1), document_number="02/BC")
    assert item(judge([first, later], D(2023, 6, 30)), "y-te").content == first
    assert item(judge([first, later], D(2023, 7, 1)), "y-te").content == later


def test_identical_re_submissions_count_once() -> None:
    once = six("y-te", D(2023, 6, 10), document_number="01/BC")
    it = item(judge([once, once, once], D(2023, 12, 20)), "y-te")
    assert it.submissions == 1


def test_an_aware_datetime_is_judged_by_its_date_in_vietnam() -> None:
    """20:00 UTC on 14/6 is 03:00 on 15/6 in Vietnam (UTC+7): one day late."""
    it = item(judge([six("y-te", datetime(2023, 6, 14, 20, 0, tzinfo=UTC))], D(2023, 7, 1)), "y-te")
    assert it.received == D(2023, 6, 15)
    assert it.status is Status.LATE


def test_a_naive_datetime_is_local_time() -> None:
    it = item(judge([six("y-te", datetime(2023, 6, 14, 23, 59))], D(2023, 7, 1)), "y-te")
    assert it.status is Status.ON_TIME


def test_a_period_id_in_lower_case_matches_its_obligation() -> None:
    it = item(
        judge([sub("y-te", "bao-cao-6-thang", D(2023, 6, 1), "2023s1")], D(2023, 7, 1)), "y-te"
    )
    assert it.status is Status.ON_TIME


# -- delay buckets ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "bucket"),
    [
        (1, "1-3"),
        (3, "1-3"),
        (4, "4-7"),
        (7, "4-7"),
        (8, "8-14"),
        (14, "8-14"),
        (15, "15-30"),
        (30, "15-30"),
        (31, ">30"),
        (400, ">30"),
    ],
)
def test_delay_buckets_have_inclusive_bounds(days: int, bucket: str) -> None:
    assert delay_bucket(days) == bucket


def test_a_delay_of_zero_days_has_no_bucket() -> None:
    with pytest.raises(InvalidValueError, match="days_late"):
        delay_bucket(0)


@given(st.integers(min_value=1, max_value=10_000))
def test_every_positive_delay_falls_in_exactly_one_bucket(days: int) -> None:
    holding = [b for b, lo, hi in DELAY_BUCKETS if lo <= days and (hi is None or days <= hi)]
    assert holding == [delay_bucket(days)]


# -- findings of the judgement ------------------------------------------------------------------


def test_a_submission_that_matches_nothing_is_an_error_with_the_reason() -> None:
    stray = [
        sub("ubnd-huyen", "bao-cao-6-thang", D(2023, 6, 1), "2023S1"),
        sub("y-te", "bao-cao-6-thang", D(2023, 6, 1), "2022S2"),
        sub("y-te", "khong-co", D(2023, 6, 1)),
        report("ubnd-11083", "dx-01", D(2023, 8, 6)),
        report("ubnd-11083", "dx-99", D(2023, 8, 6)),
    ]
    result = judge(stray, D(2023, 12, 1))
    assert [f.code for f in result.findings] == ["unmatched-submission"] * 5
    assert result.has_errors()
    text = " ".join(f.message for f in result.findings)
    for reason in (
        "not expected",
        "covers 2023S1, not '2022S2'",
        "unknown obligation 'khong-co'",
        "does not owe",
        "no incident 'dx-99'",
    ):
        assert reason in text


def test_submissions_after_as_of_are_counted_in_an_info_finding() -> None:
    result = judge([six("y-te", D(2023, 6, 10))], D(2023, 6, 1))
    assert [(f.code, str(f.severity)) for f in result.findings] == [
        ("received-after-as-of", "info"),
    ]
    assert item(result, "y-te").status is Status.PENDING


def test_a_deadline_in_a_year_without_a_working_calendar_is_an_error() -> None:
    plan = timeliness_plan()
    ob = attrs.evolve(plan.obligations[0], deadline=By(D(1900, 12, 31)))
    plan = attrs.evolve(plan, obligations=(ob,))
    result = timeliness(plan, [], as_of=D(2023, 1, 1))
    assert [f.code for f in result.findings] == ["bad-deadline"]
    assert {i.status for i in result} == {Status.NOT_RECEIVED, Status.NOT_EXPECTED}


def test_a_relative_deadline_without_an_event_is_a_warning_and_not_judged() -> None:
    plan = timeliness_plan()
    ob = attrs.evolve(plan.obligations[1], deadline=WithinDays(5))
    plan = attrs.evolve(plan, obligations=(ob,))
    result = timeliness(plan, [], as_of=D(2023, 12, 1))
    assert [f.code for f in result.findings] == ["no-anchor"]
    assert Status.OVERDUE not in {i.status for i in result}


# -- rates and the JSON form --------------------------------------------------------------------


def test_rates_count_expected_received_and_on_time() -> None:
    subs = [six("ubnd-11074", D(2023, 6, 1)), six("ubnd-11083", D(2023, 6, 20))]
    rate = judge(subs, D(2023, 12, 20)).rate("bao-cao-6-thang", "2023S1")
    assert (rate.expected, rate.received, rate.on_time, rate.late, rate.overdue) == (3, 2, 1, 1, 1)
    assert rate.to_dict()["reporting_rate"] == pytest.approx(2 / 3)
    assert rate.to_dict()["on_time_rate"] == pytest.approx(1 / 3)


def test_the_json_form_has_the_keys_of_the_design_with_nulls_where_they_do_not_apply() -> None:
    data = judge([six("ubnd-11074", D(2023, 6, 1))], D(2023, 6, 4)).to_dict()
    assert list(data) == ["as_of", "plan", "items", "rates", "findings"]
    assert data["as_of"] == "2023-06-04" and data["plan"] == "tt-2023"
    required = {
        "reporter",
        "obligation",
        "period",
        "last_on_time_day",
        "status",
        "received",
        "days_late",
        "days_overdue",
        "days_left",
    }
    for entry in data["items"]:
        assert required <= set(entry)
    on_time = next(
        e
        for e in data["items"]
        if e["reporter"] == "ubnd-11074" and e["obligation"] == "bao-cao-6-thang"
    )
    assert on_time["received"] == "2023-06-01"
    assert on_time["days_left"] is None and on_time["days_overdue"] is None
    assert {
        "obligation",
        "period",
        "expected",
        "received",
        "on_time",
        "reporting_rate",
        "on_time_rate",
    } <= set(data["rates"][0])


def test_overdue_items_come_by_obligation_most_overdue_first() -> None:
    result = judge([], D(2023, 12, 20))
    overdue = result.overdue()
    obligations = [i.obligation for i in overdue]
    assert obligations == sorted(
        obligations, key=["ke-hoach", "bao-cao-6-thang", "bao-cao-nam", "dot-xuat"].index
    )
    assert overdue[0].days_overdue == (D(2023, 12, 20) - D(2023, 3, 29)).days


def test_due_within_lists_pending_reports_falling_due_soon() -> None:
    soon = judge([], D(2023, 6, 1)).due_within(14)
    assert {(i.reporter, i.obligation) for i in soon} == {
        ("ubnd-11074", "bao-cao-6-thang"),
        ("ubnd-11083", "bao-cao-6-thang"),
        ("y-te", "bao-cao-6-thang"),
    }
    assert judge([], D(2023, 5, 1)).due_within(14) == ()


# -- laws ---------------------------------------------------------------------------------------


def comparable(result: TimelinessResult) -> tuple[object, ...]:
    return (result.items, result.rates)


@given(submission_lists(), as_of_days(), st.randoms())
def test_the_order_of_submissions_does_not_matter(
    subs: list[Submission], as_of: date, rnd: random.Random
) -> None:
    shuffled = list(subs)
    rnd.shuffle(shuffled)
    assert judge(subs, as_of) == judge(shuffled, as_of)


@given(submission_lists(), submissions(), as_of_days())
def test_a_submission_received_after_as_of_changes_nothing(
    subs: list[Submission], extra: Submission, as_of: date
) -> None:
    if local_date(extra.received) <= as_of:
        extra = attrs.evolve(extra, received=as_of + timedelta(days=1))
    assert comparable(judge(subs, as_of)) == comparable(judge([*subs, extra], as_of))


@given(submission_lists(), as_of_days(), st.integers(min_value=1, max_value=400))
def test_on_time_stays_on_time_at_any_later_date(
    subs: list[Submission], as_of: date, later: int
) -> None:
    before = judge(subs, as_of)
    after = {(i.reporter, i.obligation, i.period): i for i in judge(subs, as_of + timedelta(later))}
    for it in before.with_status(Status.ON_TIME):
        again = after[(it.reporter, it.obligation, it.period)]
        assert again.status is Status.ON_TIME and again.received == it.received


@given(submission_lists(), as_of_days())
def test_days_overdue_grow_by_exactly_one_per_day(subs: list[Submission], as_of: date) -> None:
    today = judge(subs, as_of)
    tomorrow = {(i.reporter, i.obligation, i.period): i for i in judge(subs, as_of + timedelta(1))}
    for it in today.with_status(Status.OVERDUE):
        nxt = tomorrow[(it.reporter, it.obligation, it.period)]
        if nxt.status is Status.OVERDUE:
            assert nxt.days_overdue == (it.days_overdue or 0) + 1
        else:  # the report came in the next day: late by the days it was overdue, plus one
            assert nxt.status is Status.LATE
            assert nxt.received == as_of + timedelta(1)


@given(submission_lists(), as_of_days())
def test_rates_stay_between_zero_and_one(subs: list[Submission], as_of: date) -> None:
    for rate in judge(subs, as_of).rates:
        for value in (rate.reporting_rate, rate.on_time_rate):
            assert value is None or 0 <= value <= 1
        assert rate.on_time is None or rate.on_time <= rate.received <= rate.expected


@given(submission_lists(), submissions(), as_of_days())
def test_a_reporters_first_submission_never_lowers_the_reporting_rate(
    subs: list[Submission], new: Submission, as_of: date
) -> None:
    key = (new.reporter, new.obligation, new.period)
    subs = [s for s in subs if (s.reporter, s.obligation, s.period) != key]
    before = {(r.obligation, r.period): r for r in judge(subs, as_of).rates}
    after = {(r.obligation, r.period): r for r in judge([*subs, new], as_of).rates}
    for k, rate in before.items():
        if rate.reporting_rate is not None:
            assert (after[k].reporting_rate or 0) >= rate.reporting_rate


@settings(max_examples=examples(50))
@given(submission_lists(), st.data(), as_of_days())
def test_duplicates_never_raise_a_rate(
    subs: list[Submission], data: st.DataObject, as_of: date
) -> None:
    if not subs:
        return
    copies = data.draw(st.lists(st.sampled_from(subs), min_size=1, max_size=10))
    assert judge(subs, as_of).rates == judge([*subs, *copies], as_of).rates
