"""The plan calendar: events and deadlines in date order, filters, JSON and iCalendar."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from child_welfare_plan.cli import main
from child_welfare_plan.formats.ics import to_ical, uid
from child_welfare_plan.model import Event, Plan, Reporters, ReportingObligation, parse_document_ref
from child_welfare_plan.model.date_rules import LunarDay
from child_welfare_plan.model.deadlines import Before, Promptly, WithinHours
from child_welfare_plan.plugins import Host
from child_welfare_plan.reports.calendar import calendar_report
from child_welfare_plan.rules.schedule import plan_calendar
from tests.conftest import small_plan
from tests.strategies import examples, plans


def test_items_are_events_and_deadlines_in_date_order() -> None:
    cal = plan_calendar(small_plan())
    assert [(i.start, i.kind, i.id) for i in cal.items] == [
        (date(2023, 6, 1), "event", "thang-hanh-dong"),
        (date(2023, 6, 14), "deadline", "bao-cao-6-thang"),
        (date(2023, 9, 29), "event", "trung-thu"),
    ]
    month = cal.items[0]
    assert month.end == date(2023, 6, 30)


def test_mid_autumn_2023_is_29_september() -> None:
    """Tết Trung thu = 15/8 lunar; in 2023 it fell on 29/09/2023 (Hồ Ngọc Đức's tables;
    python-holidays' Chinese date is not used)."""
    (item,) = [i for i in plan_calendar(small_plan()).items if i.id == "trung-thu"]
    assert item.start == date(2023, 9, 29)


def test_deadline_is_the_rolled_last_on_time_day() -> None:
    """ "trước ngày 15/6/2023": last on-time day 14/6 (a Wednesday, no roll)."""
    (item,) = [i for i in plan_calendar(small_plan()).items if i.kind == "deadline"]
    assert item.start == item.end == date(2023, 6, 14)
    assert item.agencies == ("ubnd-11074", "ubnd-11083", "y-te", "ubnd-huyen", "ldtbxh")


def test_filter_by_agency_keeps_what_concerns_it() -> None:
    plan = small_plan()
    assert [i.id for i in plan_calendar(plan, agency="y-te").items] == [
        "thang-hanh-dong",
        "bao-cao-6-thang",
        "trung-thu",
    ]
    # An agency that reports nothing still sees the events that name no one.
    from child_welfare_plan.model import Agency

    front = Agency(code="mttq", name="Ủy ban MTTQ huyện", unit="298", kind="front")
    plan = attrs.evolve(plan, agencies=[*plan.agencies, front])
    assert [i.kind for i in plan_calendar(plan, agency="mttq").items] == ["event", "event"]


def test_filter_by_dates_keeps_overlapping_items() -> None:
    cal = plan_calendar(small_plan(), start=date(2023, 6, 15), end=date(2023, 9, 1))
    assert [i.id for i in cal.items] == ["thang-hanh-dong"]


@settings(max_examples=examples(40), deadline=None)
@given(
    plans(),
    st.dates(date(2000, 1, 1), date(2030, 12, 31)),
    st.dates(date(2000, 1, 1), date(2030, 12, 31)),
)
def test_calendar_is_sorted_and_filters_only_remove(plan: Plan, a: date, b: date) -> None:
    start, end = min(a, b), max(a, b)
    full = plan_calendar(plan)
    keys = [(i.start, i.end) for i in full.items]
    assert keys == sorted(keys)
    part = plan_calendar(plan, start=start, end=end)
    assert set(part.items) <= set(full.items)
    assert all(i.end >= start and i.start <= end for i in part.items)


def test_json_shape() -> None:
    data = calendar_report(plan_calendar(small_plan())).data
    assert data["plan"] == "thu-2023"
    assert data["items"][0] == {
        "start": "2023-06-01",
        "end": "2023-06-30",
        "kind": "event",
        "kind_label": "sự kiện",
        "id": "thang-hanh-dong",
        "title": "Tháng hành động vì trẻ em",
        "agencies": [],
        "agency_names": [],
        "scheduled": True,
        "detail": "01/6-30/6",
        "detail_label": "01/6-30/6",
        "outside_span": False,
        "note": None,
        "note_label": None,
    }
    assert data["undated"] == []


def test_an_event_before_the_plans_span_is_kept_and_flagged() -> None:
    """Tết Nguyên đán 2023 fell on Sunday 22/01/2023; a plan based on a document of
    07/3/2023 was not issued before that day, so it did not organise it."""
    plan = attrs.evolve(
        small_plan(),
        based_on=[
            parse_document_ref(
                "Kế hoạch số 606/KH-UBND ngày 07/3/2023 của Ủy ban nhân dân tỉnh Hải Dương"
            )
        ],
        events=[
            *small_plan().events,
            Event(id="tet", title="Tết Nguyên đán", when=LunarDay(1, 1)),
        ],
    )
    (tet,) = [i for i in plan_calendar(plan).items if i.id == "tet"]
    assert (tet.start, tet.outside_span) == (date(2023, 1, 22), True)
    assert tet.note is not None and "2023-03-07" in tet.note
    assert not any(i.outside_span for i in plan_calendar(plan).items if i.id != "tet")


def test_a_deadline_rolled_past_its_named_day_says_why() -> None:
    """Civil Code 2015 Art. 148.5: "trước ngày 10/12/2023" ends on Monday 11/12/2023 (09/12
    and 10/12 are a Saturday and a Sunday), after the day the text names."""
    plan = small_plan()
    plan = attrs.evolve(
        plan, obligations=[attrs.evolve(plan.obligations[0], deadline=Before(date(2023, 12, 10)))]
    )
    (item,) = [i for i in plan_calendar(plan).items if i.kind == "deadline"]
    assert item.start == date(2023, 12, 11)
    assert item.note is not None
    assert "Saturday 09/12/2023 and Sunday 10/12/2023" in item.note
    assert "after the day the text names (10/12/2023)" in item.note


def test_an_obligation_with_no_day_is_listed_with_the_texts_words_and_the_reading() -> None:
    """A report owed "kịp thời" has no calendar day: it is listed apart, with the plan's
    words and the pack's reading, never the reading as if it were the text's."""
    plan = small_plan()
    incident = ReportingObligation(
        id="dot-xuat",
        title="Báo cáo đột xuất",
        kind="event-triggered",
        reporters=Reporters(level="commune"),
        recipient="ubnd-huyen",
        deadline=Promptly(),
        reading=WithinHours(12, "kể từ khi phát hiện"),
        reading_basis="The pack's reading.",
    )
    plan = attrs.evolve(plan, obligations=[*plan.obligations, incident])
    cal = plan_calendar(plan)
    assert [u.to_dict() for u in cal.undated] == [
        {
            "id": "dot-xuat",
            "title": "Báo cáo đột xuất",
            "kind": "event-triggered",
            "deadline": "kịp thời",
            "reading": "trong thời hạn 12 giờ kể từ khi phát hiện",
            "reading_basis": "The pack's reading.",
            "agencies": ["ubnd-11074", "ubnd-11083", "ubnd-huyen"],
        }
    ]
    assert "dot-xuat" not in {i.id for i in cal.items}
    assert plan_calendar(plan, agency="ldtbxh").undated == ()


def test_ics_imports_cleanly_with_one_entry_per_item() -> None:
    icalendar = pytest.importorskip("icalendar")
    cal = plan_calendar(small_plan())
    parsed = icalendar.Calendar.from_ical(to_ical(cal, datetime(2023, 1, 2, 3, 4, 5)))
    events = list(parsed.walk("VEVENT"))
    assert len(events) == len(cal.items)
    month = events[0]
    assert month.decoded("dtstart") == date(2023, 6, 1)
    assert month.decoded("dtend") == date(2023, 7, 1)  # exclusive end of an all-day event
    deadline = events[1]
    (alarm,) = list(deadline.walk("VALARM"))
    assert alarm.decoded("trigger").days == -3
    assert str(deadline["uid"]) == uid("thu-2023", cal.items[1], 1)


def test_ics_uids_are_stable_across_exports() -> None:
    icalendar = pytest.importorskip("icalendar")
    plan = small_plan()
    first = icalendar.Calendar.from_ical(to_ical(plan_calendar(plan), datetime(2023, 1, 1)))
    retitled = attrs.evolve(
        plan, events=[attrs.evolve(e, title=e.title + " (sửa)") for e in plan.events]
    )
    second = icalendar.Calendar.from_ical(to_ical(plan_calendar(retitled), datetime(2023, 2, 1)))
    assert [str(e["uid"]) for e in first.walk("VEVENT")] == [
        str(e["uid"]) for e in second.walk("VEVENT")
    ]


@pytest.mark.usefixtures("in_english")
def test_cli_calendar_formats(
    host: Host, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["calendar", "thu-2023", "--format", "json", "--agency", "y-te"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [i["id"] for i in data["items"]] == ["thang-hanh-dong", "bao-cao-6-thang", "trung-thu"]
    target = tmp_path / "plan.ics"
    assert main(["calendar", "thu-2023", "--output", str(target)]) == 0
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert main(["plans", "--format", "ics"]) == 2
    assert "cannot render" in capsys.readouterr().err


def test_ics_uid_survives_a_deadline_moving_to_another_day() -> None:
    """Re-importing after a deadline moves must update the entry, not add a second one."""
    icalendar = pytest.importorskip("icalendar")
    from child_welfare_plan.model.deadlines import Before

    plan = small_plan()
    moved = attrs.evolve(
        plan, obligations=[attrs.evolve(plan.obligations[0], deadline=Before(date(2023, 6, 20)))]
    )

    def uids(p: Plan) -> dict[str, str]:
        parsed = icalendar.Calendar.from_ical(to_ical(plan_calendar(p), datetime(2023, 1, 1)))
        return {str(e["summary"]): str(e["uid"]) for e in parsed.walk("VEVENT")}

    assert uids(plan) == uids(moved)
    assert len(set(uids(plan).values())) == len(uids(plan))
