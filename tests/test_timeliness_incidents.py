"""Timeliness of reports on incidents, the pack's readings of "promptly", drafting offices
and deadlines with a time of day."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

import attrs

from child_welfare_plan.model import Plan, Reporters
from child_welfare_plan.model.deadlines import Before, Promptly, WithinDays, WithinHours
from child_welfare_plan.model.plan import Incident
from child_welfare_plan.rules.timeliness import (
    Status,
    timeliness,
)
from child_welfare_plan.rules.validate import validate_plan
from tests.judging import (
    PLAN,
    ROLLED,
    item,
    judge,
    report,
    six,
)
from tests.strategies import (
    INCIDENTS,
    VN,
    timeliness_plan,
)

D = date

# -- reports on incidents -----------------------------------------------------------------------


def test_an_abuse_report_within_twelve_hours_of_the_information_is_on_time() -> None:
    """The plan reads "kịp thời" as 12 hours from when the case became known, after
    Decree 56/2017/NĐ-CP Art. 26.3 (emergency measures within 12 hours of the information);
    dx-01 was known 05/8/2023 21:45, so the limit ends 06/8 09:45."""
    result = judge(
        [report("ubnd-11074", "dx-01", datetime(2023, 8, 6, 9, 45, tzinfo=VN))], D(2023, 9, 1)
    )
    it = item(result, "ubnd-11074", "dot-xuat")
    assert it.status is Status.ON_TIME
    assert it.period == "dx-01"
    assert it.due_at == datetime(2023, 8, 6, 9, 45)
    assert it.last_on_time_day == D(2023, 8, 6)


def test_an_incident_report_after_the_limit_is_late_by_started_days() -> None:
    it = item(
        judge(
            [report("ubnd-11074", "dx-01", datetime(2023, 8, 6, 20, 45, tzinfo=VN))], D(2023, 9, 1)
        ),
        "ubnd-11074",
        "dot-xuat",
    )
    assert it.status is Status.LATE
    assert (it.hours_late, it.days_late, it.delay_bucket) == (11.0, 1, "1-3")


def test_an_incident_report_given_as_a_date_is_judged_by_the_day() -> None:
    it = item(
        judge([report("ubnd-11074", "dx-01", D(2023, 8, 6))], D(2023, 9, 1)),
        "ubnd-11074",
        "dot-xuat",
    )
    assert it.status is Status.ON_TIME


def test_an_unreported_incident_is_pending_on_its_day_and_overdue_after() -> None:
    assert item(judge([], D(2023, 8, 6)), "ubnd-11074", "dot-xuat").status is Status.PENDING
    overdue = item(judge([], D(2023, 8, 9)), "ubnd-11074", "dot-xuat")
    assert (overdue.status, overdue.days_overdue) == (Status.OVERDUE, 3)


def test_promptly_is_a_parameter_of_the_plan_not_a_constant() -> None:
    """The same report, 11 hours past a 12-hour limit, is on time under a 24-hour reading."""
    late = report("ubnd-11074", "dx-01", datetime(2023, 8, 6, 20, 45, tzinfo=VN))
    lenient = timeliness_plan(promptly=WithinHours(24))
    result = timeliness(lenient, [late], as_of=D(2023, 9, 1), incidents=INCIDENTS)
    assert item(result, "ubnd-11074", "dot-xuat").status is Status.ON_TIME


def test_a_limit_in_working_days_runs_from_the_day_the_incident_became_known() -> None:
    """ "Trong vòng 05 ngày làm việc" from Friday 18/8/2023: the 5th working day after is
    Friday 25/8 (Civil Code Art. 147: the count starts the next day)."""
    plan = timeliness_plan()
    ob = attrs.evolve(plan.obligations[4], deadline=WithinDays(5, working=True))
    plan = attrs.evolve(plan, obligations=(*plan.obligations[:4], ob))
    incident = Incident(id="dx-09", kind="xam-hai", unit="11083", known=datetime(2023, 8, 18, 9, 0))
    result = timeliness(plan, [], as_of=D(2023, 8, 25), incidents=[incident])
    it = item(result, "ubnd-11083", "dot-xuat")
    assert (it.last_on_time_day, it.status, it.days_left) == (D(2023, 8, 25), Status.PENDING, 0)


def test_an_incident_of_another_kind_calls_for_no_report() -> None:
    other = Incident(id="dx-03", kind="dich-benh", unit="11074", known=datetime(2023, 5, 1, 8, 0))
    result = judge([], D(2023, 12, 1), incidents=[other])
    assert [i for i in result if i.obligation == "dot-xuat"] == []
    assert result.rate("dot-xuat").expected == 0
    assert result.rate("dot-xuat").reporting_rate is None


def test_without_incidents_reports_on_incidents_are_listed_but_not_judged() -> None:
    result = judge([report("ubnd-11074", "dx-01", D(2023, 8, 6))], D(2023, 9, 1), incidents=None)
    it = item(result, "ubnd-11074", "dot-xuat")
    assert (it.status, it.period, it.last_on_time_day) == (Status.RECEIVED, "dx-01", None)
    assert [f.code for f in result.findings] == ["incidents-not-given"]
    assert not result.has_errors()


def test_an_incident_no_reporter_owes_is_a_warning() -> None:
    """An incident recorded at district level has no commune People's Committee above it."""
    at_district = Incident(id="dx-04", kind="xam-hai", unit="298", known=datetime(2023, 5, 1, 8, 0))
    result = judge([], D(2023, 12, 1), incidents=[at_district])
    assert [f.code for f in result.findings] == ["no-reporter-for-incident"]


# -- readings, drafting offices, times of day ------------------------------------------------


def _dot_xuat(**changes: Any) -> Plan:
    return attrs.evolve(
        PLAN,
        obligations=[
            attrs.evolve(o, **changes) if o.id == "dot-xuat" else o for o in PLAN.obligations
        ],
    )


def test_reports_on_incidents_are_judged_by_the_packs_reading_and_say_so() -> None:
    """A plan's "báo cáo kịp thời" sets no time limit; a pack's reading of 12 hours (the
    figure of Decree 56/2017/NĐ-CP Art. 26.3) is what the items are judged by."""
    plan = _dot_xuat(
        deadline=Promptly(), reading=WithinHours(12, "kể từ khi phát hiện"), reading_basis="x"
    )
    late = report("ubnd-11074", "dx-01", datetime(2023, 8, 6, 20, 45, tzinfo=UTC))
    result = timeliness(plan, [late], as_of=D(2023, 12, 20), incidents=INCIDENTS)
    it = item(result, "ubnd-11074", "dot-xuat")
    assert it.status is Status.LATE
    assert it.reading == "trong thời hạn 12 giờ kể từ khi phát hiện"
    assert it.to_dict()["reading"] == it.reading
    assert item(result, "ubnd-11074").reading is None  # the text's own deadline
    assert ROLLED in [f.code for f in validate_plan(plan)]  # a fact of the plan


def test_without_a_reading_words_that_set_no_limit_are_never_late() -> None:
    plan = _dot_xuat(deadline=Promptly())
    sent = report("ubnd-11074", "dx-01", datetime(2023, 9, 30, 8, 0, tzinfo=UTC))
    result = timeliness(plan, [sent], as_of=D(2023, 12, 20), incidents=INCIDENTS)
    assert item(result, "ubnd-11074", "dot-xuat").status is Status.RECEIVED
    assert item(result, "ubnd-11083", "dot-xuat").status is Status.NOT_RECEIVED
    assert [f.code for f in result.findings] == ["no-time-limit"]


def test_the_office_that_drafts_is_named_beside_the_reporter() -> None:
    """ "Phòng LĐTBXH ... tham mưu báo cáo UBND tỉnh": the district People's Committee
    reports, the office drafts; the item names both, so either can be chased."""
    plan = attrs.evolve(
        PLAN,
        obligations=[
            attrs.evolve(o, reporters=Reporters(agencies=["ubnd-huyen"]), drafted_by="ldtbxh")
            if o.id == "bao-cao-6-thang"
            else o
            for o in PLAN.obligations
        ],
    )
    result = timeliness(plan, [], as_of=D(2023, 12, 20), incidents=INCIDENTS)
    it = item(result, "ubnd-huyen")
    assert (it.status, it.drafted_by, it.drafted_by_name) == (
        Status.OVERDUE,
        "ldtbxh",
        "Phòng LĐTBXH",
    )
    assert {"drafted_by": "ldtbxh", "drafted_by_name": "Phòng LĐTBXH"}.items() <= (
        it.to_dict().items()
    )
    by_office = timeliness(
        plan, [six("ldtbxh", D(2023, 6, 10))], as_of=D(2023, 12, 20), incidents=INCIDENTS
    )
    (stray,) = [f for f in by_office.findings if f.code == "unmatched-submission"]
    assert "'ldtbxh' drafts it for its reporter" in stray.message


def test_a_deadline_with_a_time_of_day_is_judged_to_the_minute() -> None:
    """ "Trước 16 giờ 00 ngày 14/6/2023": on time at 15:59 that day, late at 16:01."""
    plan = attrs.evolve(
        PLAN,
        obligations=[
            attrs.evolve(o, deadline=Before(D(2023, 6, 14), time(16, 0)))
            if o.id == "bao-cao-6-thang"
            else o
            for o in PLAN.obligations
        ],
    )
    subs = [
        six("ubnd-11074", datetime(2023, 6, 14, 15, 59, tzinfo=VN)),
        six("ubnd-11083", datetime(2023, 6, 14, 16, 1, tzinfo=VN)),
        six("y-te", D(2023, 6, 14)),
    ]
    result = timeliness(plan, subs, as_of=D(2023, 12, 20), incidents=INCIDENTS)
    assert item(result, "ubnd-11074").status is Status.ON_TIME
    late = item(result, "ubnd-11083")
    assert (late.status, late.hours_late) == (Status.LATE, 0.02)
    assert item(result, "y-te").status is Status.ON_TIME  # a date alone: judged by the day
    assert late.due_at == datetime(2023, 6, 14, 16, 0)
