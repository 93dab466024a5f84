"""Timeliness: a plan with every kind of obligation, and its submissions."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

from hypothesis import strategies as st

from child_welfare_plan.model import (
    AdministrativeUnit,
    Agency,
    Level,
    Plan,
    Reporters,
    ReportingObligation,
    Submission,
)
from child_welfare_plan.model.deadlines import Before, WithinHours
from child_welfare_plan.model.plan import Incident

VN = timezone(timedelta(hours=7))

COMMUNES = {
    "11074": ("Thị trấn Tứ Kỳ", None, None),
    "11083": ("Xã Đại Sơn", None, None),
    "11086": ("Xã Hưng Đạo", None, date(2023, 3, 31)),
    "11089": ("Xã Ngọc Kỳ", date(2024, 1, 1), None),
}
"""Two communes that exist all year, one dissolved on 31/3/2023, one created in 2024."""


def timeliness_plan(*, promptly: WithinHours | None = None) -> Plan:
    """A district plan with a document, two periodic reports, an ad-hoc report and a report
    on incidents (``promptly`` is its deadline, 12 hours by default)."""
    units = [
        AdministrativeUnit(code="30", name="Tỉnh Hải Dương", level="province", kind="tinh"),
        AdministrativeUnit(
            code="298", name="Huyện Tứ Kỳ", level="district", kind="huyen", parent="30"
        ),
    ]
    agencies = [
        Agency(code="ubnd-huyen", name="UBND huyện Tứ Kỳ", unit="298", kind="peoples-committee"),
        Agency(code="ldtbxh", name="Phòng LĐTBXH", unit="298", kind="specialised-office"),
        Agency(code="y-te", name="Phòng Y tế", unit="298", kind="specialised-office"),
    ]
    for code, (name, start, end) in COMMUNES.items():
        units.append(
            AdministrativeUnit(
                code=code,
                name=name,
                level="commune",
                kind="xa",
                parent="298",
                valid_from=start,
                valid_to=end,
            )
        )
        agencies.append(
            Agency(code=f"ubnd-{code}", name=f"UBND {name}", unit=code, kind="peoples-committee")
        )
    communes_and_health = Reporters(level=Level.COMMUNE, agencies=["y-te"])
    return Plan(
        id="tt-2023",
        title="Kế hoạch thử tính kịp thời",
        year=2023,
        issuer="ubnd-huyen",
        area="298",
        coordinator="ldtbxh",
        period_convention="nd09",
        units=units,
        agencies=agencies,
        obligations=[
            ReportingObligation(
                id="ke-hoach",
                title="Kế hoạch triển khai",
                kind="document",
                reporters=communes_and_health,
                recipient="ubnd-huyen",
                deadline=Before(date(2023, 3, 30)),
            ),
            ReportingObligation(
                id="bao-cao-6-thang",
                title="Báo cáo 6 tháng",
                kind="periodic",
                reporters=communes_and_health,
                recipient="ubnd-huyen",
                covers="2023S1",
                deadline=Before(date(2023, 6, 15)),
            ),
            ReportingObligation(
                id="bao-cao-nam",
                title="Báo cáo năm",
                kind="periodic",
                reporters=communes_and_health,
                recipient="ubnd-huyen",
                covers="2023",
                deadline=Before(date(2023, 12, 10)),
            ),
            ReportingObligation(
                id="tu-kiem-tra",
                title="Báo cáo tự kiểm tra",
                kind="ad-hoc",
                reporters=Reporters(level=Level.COMMUNE),
                recipient="ubnd-huyen",
            ),
            ReportingObligation(
                id="dot-xuat",
                title="Báo cáo đột xuất",
                kind="event-triggered",
                reporters=Reporters(level=Level.COMMUNE),
                recipient="ubnd-huyen",
                deadline=promptly if promptly is not None else WithinHours(12),
                triggers=["tu-vong-tntt", "xam-hai"],
            ),
        ],
    )


INCIDENTS = (
    Incident(
        id="dx-01",
        kind="xam-hai",
        unit="11074",
        known=datetime(2023, 8, 5, 21, 45, tzinfo=VN),
    ),
    Incident(
        id="dx-02",
        kind="tu-vong-tntt",
        unit="11083",
        known=datetime(2023, 10, 18, 12, 15, tzinfo=VN),
    ),
)
"""Two incidents: abuse known 05/8 21:45 (due 06/8 09:45), a death known 18/10 12:15."""

KEYS: tuple[tuple[str, str, str | None], ...] = (
    *(
        (r, ob, period)
        for ob, period in (
            ("ke-hoach", None),
            ("bao-cao-6-thang", "2023S1"),
            ("bao-cao-nam", "2023"),
        )
        for r in ("ubnd-11074", "ubnd-11083", "ubnd-11086", "ubnd-11089", "y-te")
    ),
    ("ubnd-11074", "tu-kiem-tra", None),
    ("ubnd-11083", "tu-kiem-tra", None),
    ("ubnd-11074", "dot-xuat", "dx-01"),
    ("ubnd-11083", "dot-xuat", "dx-02"),
)
"""Every (reporter, obligation, period) the plan can receive."""

AS_OF_DAYS = (date(2023, 1, 1), date(2024, 2, 28))
"""The span the strategies draw dates from."""


def as_of_days() -> st.SearchStrategy[date]:
    """Days to judge at, in and around the plan year."""
    return st.dates(min_value=AS_OF_DAYS[0], max_value=AS_OF_DAYS[1])


@st.composite
def _received(draw: st.DrawFn) -> date | datetime:
    day = draw(as_of_days())
    form = draw(st.sampled_from(["date", "naive", "vn", "utc"]))
    if form == "date":
        return day
    moment = datetime.combine(day, time(draw(st.integers(0, 23)), draw(st.sampled_from([0, 30]))))
    if form == "naive":
        return moment
    if form == "vn":
        return moment.replace(tzinfo=VN)
    return moment.replace(tzinfo=UTC)


@st.composite
def submissions(draw: st.DrawFn) -> Submission:
    """A submission for one of :data:`KEYS`, received as a date, a naive datetime or an
    aware one, with or without a document number and a revision."""
    reporter, obligation, period = draw(st.sampled_from(KEYS))
    return Submission(
        reporter=reporter,
        obligation=obligation,
        period=period,
        received=draw(_received()),
        document_number=draw(st.sampled_from([None, "01/BC", "02/BC"])),
        revision=draw(st.sampled_from([None, 1, 2])),
    )


def submission_lists(max_size: int = 25) -> st.SearchStrategy[list[Submission]]:
    """Lists of submissions for the plan of :func:`timeliness_plan`."""
    return st.lists(submissions(), max_size=max_size)
