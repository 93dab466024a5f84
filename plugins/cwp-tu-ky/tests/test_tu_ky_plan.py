"""The plan ``tu-ky-2023`` as data: units, agencies, sections, events and reporting."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import pytest

from child_welfare_plan.calendars.deadlines import resolve
from child_welfare_plan.calendars.schedule import occurrences
from child_welfare_plan.i18n.localized import localize
from child_welfare_plan.io.plans import plan_from_data, plan_to_data
from child_welfare_plan.model import (
    AgencyKind,
    Comparator,
    Level,
    Plan,
    ResponsibilityMode,
    UnitKind,
)
from child_welfare_plan.model.deadlines import Promptly, format_deadline
from child_welfare_plan.model.periods import parse_period
from child_welfare_plan.rules.validate import obligation_last_day

# Source: the national list of administrative units and codes as published on 10/04/2023
# (Tỉnh Hải Dương 30, Huyện Tứ Kỳ 298).
COMMUNES = {
    "11074": "Thị trấn Tứ Kỳ",
    "11083": "Xã Đại Sơn",
    "11086": "Xã Hưng Đạo",
    "11089": "Xã Ngọc Kỳ",
    "11092": "Xã Bình Lăng",
    "11095": "Xã Chí Minh",
    "11098": "Xã Tái Sơn",
    "11101": "Xã Quang Phục",
    "11110": "Xã Dân Chủ",
    "11113": "Xã Tân Kỳ",
    "11116": "Xã Quang Khải",
    "11119": "Xã Đại Hợp",
    "11122": "Xã Quảng Nghiệp",
    "11125": "Xã An Thanh",
    "11128": "Xã Minh Đức",
    "11131": "Xã Văn Tố",
    "11134": "Xã Quang Trung",
    "11137": "Xã Phượng Kỳ",
    "11140": "Xã Cộng Lạc",
    "11143": "Xã Tiên Động",
    "11146": "Xã Nguyên Giáp",
    "11149": "Xã Hà Kỳ",
    "11152": "Xã Hà Thanh",
}
OFFICES = ("tckh", "tu-phap", "y-te", "gddt", "vhtt", "cong-an")
NAMED_AGENCIES = {
    "ubnd-huyen",
    "ldtbxh",
    "tckh",
    "tu-phap",
    "y-te",
    "gddt",
    "vhtt",
    "cong-an",
    "mttq",
    "dai-phat-thanh",
    "ubnd-tinh",
    "so-ldtbxh",
}


def test_units_are_the_province_the_district_and_its_23_communes_of_2023(plan: Plan) -> None:
    """Source: national list of administrative units, 10/04/2023: Tứ Kỳ (298) of Hải Dương
    (30) had 23 commune-level units, one town (Thị trấn Tứ Kỳ) and 22 communes."""
    tree = plan.hierarchy
    assert (tree.get("30").name, tree.get("30").level, tree.get("30").kind) == (
        "Tỉnh Hải Dương",
        Level.PROVINCE,
        UnitKind.TINH,
    )
    district = tree.get("298")
    assert (district.name, district.parent, district.kind) == ("Huyện Tứ Kỳ", "30", UnitKind.HUYEN)
    communes = plan.area_units("commune")
    assert {u.code: u.name for u in communes} == COMMUNES
    assert all(u.parent == "298" for u in communes)
    kinds = {u.code: u.kind for u in communes}
    assert kinds.pop("11074") is UnitKind.THI_TRAN
    assert set(kinds.values()) == {UnitKind.XA}
    assert len(plan.units) == 25
    assert all(u.name_en for u in plan.units)


def test_agencies_have_the_agreed_codes_and_every_commune_its_committee(plan: Plan) -> None:
    codes = {a.code for a in plan.agencies}
    assert codes == NAMED_AGENCIES | {f"ubnd-{code}" for code in COMMUNES}
    for code in COMMUNES:
        committee = plan.committee_of(code)
        assert committee is not None
        assert committee.code == f"ubnd-{code}"
        assert committee.kind is AgencyKind.PEOPLES_COMMITTEE
    assert plan.agency("mttq").kind is AgencyKind.FRONT
    assert plan.agency("cong-an").kind is AgencyKind.POLICE
    assert plan.agency("ubnd-tinh").unit == plan.agency("so-ldtbxh").unit == "30"
    assert plan.agency("ldtbxh").name == "Phòng Lao động – Thương binh và Xã hội"
    assert all(a.name_en for a in plan.agencies)


def test_communes_as_a_group_are_their_23_peoples_committees(plan: Plan) -> None:
    assert plan.members("ubnd-cac-xa") == tuple(f"ubnd-{code}" for code in COMMUNES)


def test_plan_header_signatory_and_coordinator(plan: Plan) -> None:
    assert (plan.id, plan.year, plan.issuer, plan.area) == ("tu-ky-2023", 2023, "ubnd-huyen", "298")
    assert plan.title == "Kế hoạch thực hiện công tác trẻ em năm 2023"
    assert plan.document is None  # the published text shows no number or date
    assert plan.signatory is not None
    assert (plan.signatory.capacity, plan.signatory.title, plan.signatory.name) == (
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Dương Hà Hải",
    )
    assert plan.coordinator == "ldtbxh"
    assert any(n.startswith("Coordinator: V.1") for n in plan.notes)
    assert str(plan.period_convention) == "nd09"
    assert plan.period_basis is not None
    assert "09/2019/NĐ-CP Art. 12" in localize(plan.period_basis, "en")
    assert not any("09/2019" in n for n in plan.notes)  # the reading lives in period_basis


def test_based_on_the_provincial_plan_and_the_district_programme(plan: Plan) -> None:
    refs = [(r.citation, r.date, r.issuer) for r in plan.based_on]
    assert refs == [
        ("606/KH-UBND", date(2023, 3, 7), "Ủy ban nhân dân tỉnh Hải Dương"),
        ("131/KH-UBND", date(2021, 7, 30), "UBND huyện"),
    ]


def test_legal_bases_are_the_eleven_documents_the_text_cites(plan: Plan) -> None:
    assert [r.citation for r in plan.legal_bases] == [
        "Luật Trẻ em",
        "121/2020/QH14",
        "23/CT-TTg",
        "23/QĐ-TTg",
        "782/QĐ-TTg",
        "1248/QĐ-TTg",
        "56/2017/NĐ-CP",
        "13/2021/TT-BLĐTBXH",
        "123/2015/NĐ-CP",
        "130/2021/NĐ-CP",
        "80/2017/NĐ-CP",
    ]


def test_every_legal_basis_is_a_reference_of_some_task(plan: Plan) -> None:
    cited = {ref for task in plan.all_tasks() for ref in task.references}
    assert set(plan.legal_bases) <= cited


def test_sections_iii_and_v_have_their_bullets_as_tasks(plan: Plan) -> None:
    assert [(g.id, len(g.tasks)) for g in plan.task_groups] == [
        ("iii-1", 5),
        ("iii-2", 5),
        ("iii-3", 4),
        ("iii-4", 3),
        ("iii-5", 4),
        ("iii-6", 1),
    ]
    assert [(r.id, r.agency, len(r.tasks)) for r in plan.responsibilities] == [
        ("v-1", "ldtbxh", 4),
        ("v-2", "tckh", 2),
        ("v-3", "tu-phap", 2),
        ("v-4", "y-te", 1),
        ("v-5", "gddt", 3),
        ("v-6", "vhtt", 3),
        ("v-7", "cong-an", 3),
        ("v-8", None, 1),
        ("v-9", "mttq", 1),
        ("v-10", "ubnd-cac-xa", 4),
    ]


def test_the_front_is_requested_not_assigned(plan: Plan) -> None:
    """Source: the plan, V.9 "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam huyện ..."."""
    modes = {r.id: r.mode for r in plan.responsibilities}
    assert modes.pop("v-9") is ResponsibilityMode.REQUESTED
    assert set(modes.values()) == {ResponsibilityMode.ASSIGNED}


def test_other_offices_of_v8_are_named_in_words_only(plan: Plan) -> None:
    """Source: the plan, V.8 "Các phòng, ban ngành có liên quan khác: Theo chức năng, ..."."""
    (v8,) = [r for r in plan.responsibilities if r.id == "v-8"]
    assert v8.agency is None
    assert v8.addressee == "Các phòng, ban ngành có liên quan khác"
    (task,) = v8.tasks
    assert (task.lead, task.addressee) == (None, "Các phòng, ban ngành có liên quan khác")
    assert plan.lead_of(task) is None  # the text names who acts: no coordinator stands in


def test_collective_subjects_of_section_iii_are_addressees_not_leads(plan: Plan) -> None:
    """Source: the plan, III.1 (2nd and 5th bullets), III.3 (4th) and III.5 (1st) name
    collective subjects; III.5 (2nd) names the communes' committees. The People's Councils
    and the Fatherland Front (III.1, 5th) supervise the administration: Phòng LĐTBXH cannot
    be their lead."""
    tasks = {t.id: t for t in plan.all_tasks()}
    for task_id in ("iii-1-2", "iii-1-5", "iii-3-4", "iii-5-1"):
        assert tasks[task_id].addressee, task_id
        assert tasks[task_id].lead is None and plan.lead_of(tasks[task_id]) is None
    communes = tasks["iii-5-2"]
    assert (communes.lead, communes.addressee) == (
        "ubnd-cac-xa",
        "Ủy ban nhân dân các xã, thị trấn",
    )


def test_the_coordinator_stands_in_only_for_tasks_that_name_nobody(plan: Plan) -> None:
    """Source: the plan, V.1 ("Chủ trì ... tổ chức triển khai nội dung của Kế hoạch"): Phòng
    LĐTBXH coordinates the district People's Committee's own tasks; a task whose text names
    who acts, an agency or a collective subject, keeps it."""
    for task in plan.all_tasks():
        if task.lead is not None:
            assert plan.lead_of(task) == task.lead, task.id
        elif task.addressee is not None:
            assert plan.lead_of(task) is None, task.id
        else:
            assert plan.lead_of(task) == "ldtbxh", task.id
            assert task.section is not None and task.section.startswith("III."), task.id


def test_leads_and_supporters_where_the_text_names_them(plan: Plan) -> None:
    tasks = {t.id: t for t in plan.all_tasks()}
    assert (tasks["v-1-1"].lead, tasks["v-1-1"].support) == (
        "ldtbxh",
        ("ubnd-cac-xa", "so-ldtbxh", "dai-phat-thanh"),
    )
    assert (tasks["v-2-1"].lead, tasks["v-2-1"].support) == ("tckh", ("ldtbxh",))
    assert (tasks["v-4-1"].lead, tasks["v-4-1"].support) == ("y-te", ("ldtbxh",))
    assert tasks["iii-5-2"].lead == "ubnd-cac-xa"
    assert plan.lead_of(tasks["iii-1-1"]) == "ldtbxh"  # no lead in the text: the coordinator


def test_the_two_targets_of_v3(plan: Plan) -> None:
    targets = {t.id: t for t in plan.all_targets()}
    assert set(targets) == {"v-3-bi-hai-duoc-bao-ve", "v-3-vi-pham-duoc-tu-van"}
    assert {t.indicator for t in targets.values()} == {
        "ty-le-tre-em-bi-hai-duoc-tro-giup-phap-ly",
        "ty-le-tre-em-vi-pham-duoc-tu-van",
    }
    for target in targets.values():
        assert (target.comparator, target.value, target.year, target.source) == (
            Comparator.GE,
            100,
            2023,
            "V.3",
        )
        assert target.scope is None


def test_events_fall_on_their_2023_days(plan: Plan) -> None:
    """Sources: the plan (III.2, III.4); Tết Nguyên đán 2023 was Sunday 22/01/2023 and Tết
    Trung thu (15/8 âm lịch) Friday 29/9/2023 (Vietnamese lunar calendar, UTC+7)."""
    days = {
        e.id: [(o.start, o.end, o.scheduled) for o in occurrences(e.when, 2023)]
        for e in plan.events
    }
    assert days == {
        "tet-nguyen-dan": [(date(2023, 1, 22), date(2023, 1, 22), True)],
        "thang-hanh-dong": [(date(2023, 6, 1), date(2023, 6, 30), True)],
        "quoc-te-thieu-nhi": [(date(2023, 6, 1), date(2023, 6, 1), True)],
        "dien-dan-tre-em": [(date(2023, 1, 1), date(2023, 12, 31), False)],
        "tet-trung-thu": [(date(2023, 9, 29), date(2023, 9, 29), True)],
        "ngay-toan-dan-dua-tre-den-truong": [(date(2023, 9, 5), date(2023, 9, 5), True)],
    }


EXPECTED_OBLIGATIONS = [
    # id, kind, covers, deadline text, recipient, via, feeds
    ("ke-hoach-trien-khai", "document", None, "trước ngày 30/3/2023", "ubnd-huyen", "ldtbxh", ()),
    ("bao-cao-6-thang", "periodic", "2023S1", "trước ngày 15/6/2023", "ubnd-huyen", "ldtbxh", ()),
    ("bao-cao-nam", "periodic", "2023", "trước ngày 05/12/2023", "ubnd-huyen", "ldtbxh", ()),
    (
        "bao-cao-6-thang-tinh",
        "periodic",
        "2023S1",
        "trước ngày 20/6/2023",
        "ubnd-tinh",
        None,
        ("bao-cao-6-thang",),
    ),
    (
        "bao-cao-nam-tinh",
        "periodic",
        "2023",
        "trước ngày 10/12/2023",
        "ubnd-tinh",
        None,
        ("bao-cao-nam",),
    ),
    ("bao-cao-tu-kiem-tra", "ad-hoc", None, None, "ubnd-huyen", "ldtbxh", ()),
    ("bao-cao-dot-xuat", "event-triggered", None, "kịp thời", "ubnd-huyen", "ldtbxh", ()),
]


def test_reporting_obligations_as_agreed(plan: Plan) -> None:
    actual = [
        (
            o.id,
            str(o.kind),
            o.covers,
            None if o.deadline is None else format_deadline(o.deadline),
            o.recipient,
            o.via,
            o.feeds,
        )
        for o in plan.obligations
    ]
    assert actual == EXPECTED_OBLIGATIONS
    assert plan.obligation("bao-cao-dot-xuat").triggers == ("tu-vong-tntt", "xam-hai")


@pytest.mark.parametrize("obligation_id", ["ke-hoach-trien-khai", "bao-cao-6-thang", "bao-cao-nam"])
def test_29_reporters_the_communes_and_six_offices_never_the_front(
    plan: Plan, obligation_id: str
) -> None:
    expected = plan.expected_reporters(plan.obligation(obligation_id))
    assert expected == (*(f"ubnd-{code}" for code in COMMUNES), *OFFICES)
    assert len(expected) == 29
    assert "mttq" not in expected


def test_the_district_reports_to_the_province_and_its_office_drafts(plan: Plan) -> None:
    """Source: the plan, VI.2 "Phòng Lao động – Thương binh và Xã hội huyện ... tham mưu báo
    cáo UBND tỉnh": the office advises and drafts, the district People's Committee reports."""
    for obligation_id in ("bao-cao-6-thang-tinh", "bao-cao-nam-tinh"):
        ob = plan.obligation(obligation_id)
        assert plan.expected_reporters(ob) == ("ubnd-huyen",)
        assert ob.drafted_by == "ldtbxh"
        assert ob.text is not None and "tham mưu báo cáo UBND tỉnh" in ob.text
        assert "reporters" in ob.pack_readings


@pytest.mark.parametrize(
    ("obligation_id", "last_on_time_day"),
    [
        ("ke-hoach-trien-khai", date(2023, 3, 29)),
        ("bao-cao-6-thang", date(2023, 6, 14)),
        ("bao-cao-nam", date(2023, 12, 4)),
        ("bao-cao-6-thang-tinh", date(2023, 6, 19)),
        ("bao-cao-nam-tinh", date(2023, 12, 11)),
    ],
)
def test_last_on_time_days_of_the_dated_reports(
    plan: Plan, obligation_id: str, last_on_time_day: date
) -> None:
    """Source: the plan, VI ("trước ngày D": the last on-time day is D - 1); Civil Code 2015
    Art. 148.5: 09/12/2023 is a Saturday, so "trước ngày 10/12/2023" ends on Monday
    11/12/2023."""
    ob = plan.obligation(obligation_id)
    assert obligation_last_day(plan, ob) == last_on_time_day


def test_periods_follow_the_cut_offs_of_decree_09_2019(plan: Plan) -> None:
    """Source: Decree 09/2019/NĐ-CP Art. 12: six-month data run from 15/12 of the previous
    year to 14/6, annual data from 15/12 of the previous year to 14/12."""
    six_months = parse_period("2023S1", plan.period_convention)
    year = parse_period("2023", plan.period_convention)
    assert (six_months.start, six_months.end) == (date(2022, 12, 15), date(2023, 6, 14))
    assert (year.start, year.end) == (date(2022, 12, 15), date(2023, 12, 14))


def test_incident_report_keeps_the_plans_words_and_reads_12_hours_beside_them(
    plan: Plan,
) -> None:
    """Source: the plan, III.3 (3rd bullet) "báo cáo kịp thời những trường hợp trẻ em bị tử
    vong do tai nạn thương tích, trẻ em bị xâm hại": no time limit. The pack's reading, 12
    hours from discovery, borrows the figure of Decree 56/2017/NĐ-CP Art. 26.3 (emergency
    intervention within 12 hours of receiving the information, where the child is at
    serious risk); Art. 25.1 asks for immediate notice ("thông báo ngay")."""
    ob = plan.obligation("bao-cao-dot-xuat")
    assert ob.deadline == Promptly("kịp thời")
    assert ob.text is not None and "báo cáo kịp thời" in ob.text
    assert ob.reading is not None and ob.effective_deadline == ob.reading
    known = datetime(2023, 8, 5, 21, 45, tzinfo=timezone(timedelta(hours=7)))
    assert resolve(ob.reading, anchor=known).due_at == known + timedelta(hours=12)
    assert ob.reading_basis is not None
    for phrase in ("56/2017/NĐ-CP", "Art. 25.1", "Art. 26.3", "12 hours", "this pack's reading"):
        assert phrase in localize(ob.reading_basis, "en")
    for phrase in ("khoản 1 Điều 25", "khoản 3 Điều 26", "12 giờ", "cách hiểu của gói này"):
        assert phrase in ob.reading_basis
    assert ob.basis is not None and "12 giờ" not in (ob.text or "")


def test_incident_reports_are_owed_by_the_communes_and_the_sectors(plan: Plan) -> None:
    """Source: the plan, III.3 (3rd bullet) names no subject and I.2 addresses "Các cơ quan,
    đơn vị, ngành, hội đoàn thể huyện, UBND các xã, thị trấn": the communes and the sectors
    (schools, health, police) report, not only the communes."""
    ob = plan.obligation("bao-cao-dot-xuat")
    expected = plan.expected_reporters(ob)
    assert expected == (*(f"ubnd-{code}" for code in COMMUNES), *OFFICES)
    assert {"gddt", "y-te", "cong-an"} <= set(expected)
    assert set(ob.pack_readings) == {"reporters", "recipient", "via"}


def test_the_readings_of_the_pack_are_marked_on_the_obligations(plan: Plan) -> None:
    """Source: the plan, VI.1: "... xây dựng Kế hoạch triển khai thực hiện tại đơn vị, địa
    phương trước ngày 30/3/2023; báo cáo ... về UBND huyện (qua phòng Lao động ...)": the
    district as recipient is said of the reports, not of the implementation plans."""
    readings = {ob.id: set(ob.pack_readings) for ob in plan.obligations}
    assert readings == {
        "ke-hoach-trien-khai": {"reporters", "recipient", "via"},
        "bao-cao-6-thang": {"reporters"},
        "bao-cao-nam": {"reporters"},
        "bao-cao-6-thang-tinh": {"reporters"},
        "bao-cao-nam-tinh": {"reporters"},
        "bao-cao-tu-kiem-tra": set(),
        "bao-cao-dot-xuat": {"reporters", "recipient", "via"},
    }


def test_the_plan_span_starts_with_the_provincial_plan_it_implements(plan: Plan) -> None:
    """Source: the plan's opening sentence: "Căn cứ Kế hoạch số 606/KH-UBND ngày 07/3/2023
    của Ủy ban nhân dân tỉnh Hải Dương"; the text shows no date of its own."""
    span = plan.span()
    assert (span.start, span.end, span.known_by, span.source) == (
        date(2023, 3, 7),
        date(2023, 12, 31),
        "based-on",
        "606/KH-UBND",
    )
    outside = [
        e.id for e in plan.events if any(o.end < span.start for o in occurrences(e.when, 2023))
    ]
    assert outside == ["tet-nguyen-dan"]


def test_orphans_without_anyone_to_rely_on_are_art_10_group_c(plan: Plan) -> None:
    """Source: the plan, V.1 "trẻ em mồ côi không nơi nương tựa"; Law on Children
    102/2016/QH13 Art. 10.1.c "Trẻ em không nơi nương tựa"."""
    (task,) = [t for t in plan.all_tasks() if t.id == "v-1-2"]
    assert "trẻ em mồ côi không nơi nương tựa" in task.text
    assert task.categories == ("art10-b", "art10-c", "chat-doc-hoa-hoc", "art10-d")


def test_every_task_naming_injuries_or_drowning_carries_the_injury_tag(plan: Plan) -> None:
    """Source: the plan's tasks that name "tai nạn", "thương tích" or "đuối nước"."""
    naming = [
        t.id
        for t in plan.all_tasks()
        if re.search(r"tai nạn|thương tích|đuối nước", t.text, flags=re.IGNORECASE)
    ]
    tagged = [t.id for t in plan.all_tasks() if "tai-nan-thuong-tich" in t.categories]
    assert naming == tagged
    assert len(naming) == 10


def test_every_task_naming_child_labour_carries_the_labour_tag(plan: Plan) -> None:
    """Source: the plan's tasks that name "lao động trái quy định" (III.1 cites the programme
    of Decision 782/QĐ-TTg by its title)."""
    naming = [t.id for t in plan.all_tasks() if "lao động trái quy định" in t.text]
    tagged = [t.id for t in plan.all_tasks() if "lao-dong-trai-quy-dinh" in t.categories]
    assert naming == tagged == ["iii-1-1", "iii-2-3", "v-5-1", "v-7-3"]


def test_plan_survives_the_exchange_form(plan: Plan) -> None:
    assert plan_from_data(plan_to_data(plan)) == plan
