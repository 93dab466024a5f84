"""Hypothesis strategies and test plans, shared by every test module: the model, document
references, aggregation data, timeliness submissions."""

from __future__ import annotations

import datetime as dt
import functools
import os
import string
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, timezone
from itertools import product

from hypothesis import reject
from hypothesis import strategies as st

from child_welfare_plan.catalogs import Catalog, national_catalog
from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.model import (
    AdministrativeUnit,
    Agency,
    AgencyGroup,
    AgencyKind,
    Comparator,
    DataValue,
    Dimension,
    Event,
    FundingSource,
    Indicator,
    Level,
    Objective,
    ObligationKind,
    Plan,
    Reporters,
    ReportingObligation,
    Responsibility,
    ResponsibilityMode,
    Signatory,
    Submission,
    Target,
    Task,
    TaskGroup,
    Term,
    UnitKind,
    canonical_disaggregation,
    deadlines,
)
from child_welfare_plan.model import date_rules as schedule
from child_welfare_plan.model.deadlines import Before, By, WithinHours
from child_welfare_plan.model.document_kinds import DocumentKind
from child_welfare_plan.model.documents import TITLE_OPENERS, DocumentRef
from child_welfare_plan.model.plan import Incident

__all__ = [
    "AGE",
    "AS_OF_DAYS",
    "INCIDENTS",
    "INCIDENT_KINDS",
    "ISSUERS",
    "KEYS",
    "NAMES",
    "SEX",
    "SUMMARIES",
    "TEST_CATALOG",
    "VI_ALPHABET",
    "VN",
    "aggregate_plans",
    "as_of_days",
    "catalog_indicators",
    "cell_values",
    "codes",
    "date_rules",
    "deadline_rules",
    "document_refs",
    "document_symbols",
    "hierarchies",
    "plans",
    "reporting_units",
    "submission_lists",
    "submissions",
    "texts",
    "timeliness_plan",
    "values_for",
    "vietnamese_phrases",
    "vietnamese_words",
]

PROFILE = os.environ.get("CWP_HYPOTHESIS_PROFILE", "ci")
"""The Hypothesis profile of this run: ``ci`` (the default) or ``deep``."""

DEEP_EXAMPLES = 1000
"""Examples per property under the ``deep`` profile."""


def examples(n: int) -> int:
    """``n`` examples, or :data:`DEEP_EXAMPLES` under the ``deep`` profile: a test that
    asks for a number of examples asks through this, so the deep profile reaches it too."""
    return DEEP_EXAMPLES if PROFILE == "deep" else n


_SLUG = string.ascii_lowercase + string.digits


# Document references --------------------------------------------------------------------

_VI_LOWER = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
VI_ALPHABET = _VI_LOWER + _VI_LOWER.upper() + "0123456789-/,().&:;"
_PLAIN_WORDS = [
    "trẻ",
    "em",
    "công",
    "tác",
    "năm",
    "2023",
    "huyện",
    "Tứ",
    "Kỳ",
    "chương",
    "trình",
    "hành",
    "động",
    "quốc",
    "gia",
    "bảo",
    "vệ",
    "chăm",
    "sóc",
    "phòng",
    "chống",
    "tai",
    "nạn",
    "thương",
    "tích",
    "giai",
    "đoạn",
    "2021-2030",
    "Xã",
    "hội",
]
# Words that collide with the grammar of a reference.
_TRICKY_WORDS = [
    "số",
    "ngày",
    "của",
    "Của",
    "về",
    "Luật",
    "liên",
    "tịch",
    "quy",
    "định",
    "hoà",
    "Uỷ",
    "quý",
    "12/KH-UBND",
    "07/3/2023",
    "5",
    "phê",
    "duyệt",
    "Nghị",
    "quyết",
    "Số:",
    "-",
    "/",
    "ND-CP",
    "Bộ",
    "luật",
]
vietnamese_words = st.one_of(
    st.sampled_from(_PLAIN_WORDS),
    st.sampled_from(_TRICKY_WORDS),
    st.text(VI_ALPHABET, min_size=1, max_size=6),
)
vietnamese_phrases = st.lists(vietnamese_words, min_size=1, max_size=6).map(" ".join)

ISSUERS = (
    "Ủy ban nhân dân tỉnh Hải Dương",
    "UBND huyện",
    "Quốc hội",
    "Chính phủ",
    "Thủ tướng Chính phủ",
    "Bộ trưởng Bộ Lao động - Thương binh và Xã hội",
    "Bộ Văn hóa, Thể thao và Du lịch",
    "Bộ Chính trị",
    "Hội đồng nhân dân tỉnh Hải Dương",
)
SUMMARIES = (
    "về việc thực hiện công tác trẻ em năm 2023",
    "phê duyệt Chương trình hành động quốc gia vì trẻ em giai đoạn 2021-2030",
    "quy định chi tiết một số điều của Luật Trẻ em",
    "ban hành Bộ chỉ tiêu thống kê về tình hình trẻ em và tình hình xâm hại trẻ em",
)
NAMES = (
    "Trẻ em",
    "Hộ tịch",
    "Hình sự",
    "Phòng, chống bạo lực gia đình",
    "Liên hợp quốc về quyền trẻ em",
    "sửa đổi, bổ sung một số điều của Luật Giáo dục",
)
_SYMBOL_PARTS = st.one_of(
    st.sampled_from(["UBND", "CP", "TTg", "BLĐTBXH", "HĐND", "QH14", "BCĐ", "LĐTBXH", "BTC"]),
    st.tuples(
        st.sampled_from("ABCDHKLNQTUVXĐ"),
        st.text("ABCDHKLNQTUVXĐabgđr0123456789&", max_size=5),
    ).map("".join),
)


@st.composite
def document_symbols(draw: st.DrawFn, kind: DocumentKind) -> tuple[str, int | None]:
    """A symbol for ``kind`` and the year to go with it (None for the forms without one)."""
    if draw(st.integers(0, 5)) == 0:
        return f"{draw(_SYMBOL_PARTS)}/{draw(st.sampled_from(['TW', 'TU', 'HU']))}", None
    parts = [kind.abbreviation] if kind.abbreviation and draw(st.booleans()) else []
    parts += draw(st.lists(_SYMBOL_PARTS, min_size=1, max_size=2))
    return "-".join(parts), draw(st.none() | st.integers(1945, 2100))


@st.composite
def document_refs(draw: st.DrawFn) -> DocumentRef:
    """Any valid DocumentRef: realistic parts mixed with text that collides with the grammar."""
    kind = draw(st.sampled_from(DocumentKind))
    number = symbol = year = None
    if draw(st.booleans()):
        number = draw(
            st.integers(1, 999_999).map(str) | st.integers(1, 9).map(lambda n: f"{n:02d}")
        )
        symbol, year = draw(document_symbols(kind))
    date = draw(st.none() | st.dates(dt.date(1945, 1, 1), dt.date(2100, 12, 31)))
    if year is not None and date is not None:
        date = dt.date(year, 1, 1) + dt.timedelta(days=draw(st.integers(0, 364)))
    issuer = draw(st.none() | st.sampled_from(ISSUERS) | vietnamese_phrases)
    if kind.cited_by_name:
        title = draw(st.none() | st.sampled_from(NAMES) | vietnamese_phrases)
    else:
        opened = st.tuples(st.sampled_from(TITLE_OPENERS), vietnamese_phrases).map(" ".join)
        title = draw(st.none() | st.sampled_from(SUMMARIES) | opened | vietnamese_phrases)
    try:
        return DocumentRef(
            kind, number=number, year=year, symbol=symbol, issuer=issuer, date=date, title=title
        )
    except InvalidValueError:
        reject()


def codes(prefix: str = "") -> st.SearchStrategy[str]:
    """ASCII slugs such as ``bao-cao-6-thang``."""
    part = st.text(_SLUG, min_size=1, max_size=6)
    return st.lists(part, min_size=1, max_size=3).map(lambda ps: prefix + "-".join(ps))


def texts() -> st.SearchStrategy[str]:
    """Non-empty Vietnamese-looking text (no surrogates, some non-ASCII letters)."""
    alphabet = string.ascii_letters + " ăâđêôơưáàảãạếềểễệốồổỗộớờởỡợ"
    return st.text(alphabet, min_size=1, max_size=40).filter(lambda s: s.strip() != "")


def date_rules() -> st.SearchStrategy[schedule.DateRule]:
    """Every kind of event date rule, valid in every year."""
    day_month = st.tuples(st.integers(1, 12), st.integers(1, 28))
    fixed = day_month.map(lambda md: schedule.FixedDay(md[0], md[1]))
    window = st.tuples(day_month, day_month).map(lambda ab: schedule.Window(*min(ab), *max(ab)))
    lunar = st.tuples(st.integers(1, 10), st.integers(1, 29)).map(
        lambda md: schedule.LunarDay(md[0], md[1])
    )
    recurrence = st.sampled_from(
        ["FREQ=MONTHLY;BYMONTHDAY=15", "FREQ=WEEKLY;BYDAY=MO", "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1"]
    ).map(schedule.Recurrence)
    return st.one_of(fixed, window, lunar, recurrence, st.just(schedule.Unscheduled()))


def _anchor() -> st.SearchStrategy[str]:
    return st.sampled_from(["", "kể từ khi nhận được thông báo", "kể từ ngày xảy ra vụ việc"])


def deadline_rules(year: int = 2023) -> st.SearchStrategy[deadlines.DeadlineRule]:
    """Every kind of deadline rule, dated rules within ``year``."""
    days = st.dates(date(year, 1, 1), date(year, 12, 31))
    return st.one_of(
        days.map(deadlines.Before),
        days.map(deadlines.By),
        st.builds(deadlines.WithinDays, st.integers(1, 60), st.booleans(), _anchor()),
        st.builds(deadlines.WithinHours, st.integers(1, 72), _anchor()),
    )


@st.composite
def hierarchies(
    draw: st.DrawFn, max_districts: int = 3, max_communes: int = 5
) -> tuple[AdministrativeUnit, ...]:
    """A province with districts and communes; sometimes communes directly under the
    province (the two-tier government since 01/07/2025)."""
    province = AdministrativeUnit(
        code="30", name="Tỉnh Thử", level=Level.PROVINCE, kind=UnitKind.TINH
    )
    units = [province]
    n_districts = draw(st.integers(0, max_districts))
    serial = 10000
    for d in range(n_districts):
        district = AdministrativeUnit(
            code=f"{300 + d}",
            name=f"Huyện {d}",
            level=Level.DISTRICT,
            kind=UnitKind.HUYEN,
            parent="30",
        )
        units.append(district)
        for _ in range(draw(st.integers(1, max_communes))):
            serial += 3
            units.append(
                AdministrativeUnit(
                    code=str(serial),
                    name=f"Xã {serial}",
                    level=Level.COMMUNE,
                    kind=UnitKind.XA,
                    parent=district.code,
                )
            )
    if n_districts == 0:
        for _ in range(draw(st.integers(1, max_communes))):
            serial += 3
            units.append(
                AdministrativeUnit(
                    code=str(serial),
                    name=f"Phường {serial}",
                    level=Level.COMMUNE,
                    kind=UnitKind.PHUONG,
                    parent="30",
                )
            )
    return tuple(units)


INCIDENT_KINDS = ("tu-vong-tntt", "xam-hai", "bo-roi")
"""Kinds of incidents that trigger event-triggered reports in generated plans."""


@functools.cache
def catalog_indicators() -> tuple[str, ...]:
    """The indicator codes of the national catalog, which generated targets name."""
    return tuple(i.code for i in national_catalog().indicators)


def _reporters(draw: st.DrawFn, agency_codes: Sequence[str]) -> Reporters:
    """The committees of every unit at a level (province, district or commune), a list of
    agencies, or both."""
    level = draw(st.none() | st.sampled_from(Level))
    least = 0 if level is not None else 1
    agencies = draw(
        st.lists(st.sampled_from(agency_codes), min_size=least, max_size=3, unique=True)
    )
    return Reporters(level=level, agencies=agencies)


def _relative_deadlines() -> st.SearchStrategy[deadlines.DeadlineRule]:
    """What "promptly" may mean for a report on an incident."""
    return st.one_of(
        st.builds(deadlines.WithinHours, st.integers(1, 72), _anchor()),
        st.builds(deadlines.WithinDays, st.integers(1, 15), st.booleans(), _anchor()),
    )


@st.composite
def _consolidation(
    draw: st.DrawFn, year: int, consolidator: Reporters, recipient: str, committee: str
) -> list[ReportingObligation]:
    """Commune reports to ``committee`` and the report that consolidates them for
    ``recipient`` (district → province), due more than 15 days after each of them: longer
    than any run of days off, so its last on-time day, rolled or not, is always later."""
    period = draw(st.sampled_from([f"{year}", f"{year}S1", f"{year}Q2", f"{year}06"]))

    def dated(day: date) -> Before | By:
        return Before(day) if draw(st.booleans()) else By(day)

    fed: list[ReportingObligation] = []
    latest = date(year, 1, 1)
    for i in range(draw(st.integers(1, 2))):
        due = draw(st.dates(date(year, 1, 1), date(year, 12, 31)))
        latest = max(latest, due)
        fed.append(
            ReportingObligation(
                id=f"bao-cao-xa-{i}",
                title=draw(texts()),
                kind=ObligationKind.PERIODIC,
                reporters=Reporters(level=Level.COMMUNE),
                recipient=committee,
                covers=period,
                deadline=dated(due),
            )
        )
    consolidated = ReportingObligation(
        id="bao-cao-tong-hop",
        title=draw(texts()),
        kind=ObligationKind.PERIODIC,
        reporters=consolidator,
        recipient=recipient,
        covers=period,
        deadline=dated(latest + timedelta(days=draw(st.integers(16, 45)))),
        feeds=[ob.id for ob in fed],
    )
    return [*fed, consolidated]


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    """A valid, self-contained plan with every part filled in: a district plan, a province
    plan or one with no area; reporters at every level and agency lists; event-triggered
    reports with the incidents that trigger them; a district → province report that
    consolidates commune reports and is due after them; targets on catalog indicators."""
    year = draw(st.integers(2000, 2030))
    units = draw(hierarchies())
    districts = [u for u in units if u.level is Level.DISTRICT]
    # Mostly a district plan (the usual case), else a province plan or one with no area.
    area = draw(st.sampled_from([*(d.code for d in districts[:1] for _ in "12"), "30", None]))
    seat = area or "30"
    agencies = [
        Agency(code="ubnd", name="Ủy ban nhân dân", unit=seat, kind=AgencyKind.PEOPLES_COMMITTEE),
        Agency(
            code="ldtbxh",
            name="Phòng LĐTBXH",
            name_en="Labour office",
            unit=seat,
            kind=AgencyKind.SPECIALISED_OFFICE,
        ),
        Agency(code="mttq", name="Mặt trận", unit=seat, kind=AgencyKind.FRONT),
        *(
            Agency(
                code=f"ubnd-{u.code}",
                name=f"UBND {u.name}",
                unit=u.code,
                kind=AgencyKind.PEOPLES_COMMITTEE,
            )
            for u in units
            if u.code != seat
        ),
    ]
    agency_codes = [a.code for a in agencies]
    some_agencies = st.lists(st.sampled_from(agency_codes), max_size=3, unique=True)
    task_ids = iter(range(1, 10_000))

    def tasks(n: int) -> list[Task]:
        return [
            Task(
                id=f"t{next(task_ids)}",
                text=draw(texts()),
                lead=draw(st.none() | st.sampled_from(agency_codes)),
                support=draw(some_agencies),
                schedule=draw(st.none() | date_rules()),
                categories=draw(
                    st.lists(
                        st.sampled_from(["art10-a", "art10-dd", "covid-19"]),
                        max_size=2,
                        unique=True,
                    )
                ),
                section=draw(st.none() | st.just("III.1")),
            )
            for _ in range(n)
        ]

    baseline = draw(st.none() | st.floats(0, 100, allow_nan=False))
    target = Target(
        id="muc-tieu-1",
        indicator=draw(st.none() | st.sampled_from(catalog_indicators())),
        comparator=draw(st.sampled_from(list(Comparator))),
        value=draw(st.floats(0, 100, allow_nan=False)),
        year=year,
        baseline=baseline,
        baseline_year=None if baseline is None else year - draw(st.integers(1, 5)),
        scope=draw(st.none() | st.sampled_from([u.code for u in units])),
        text=draw(texts()),
    )
    periods = st.sampled_from([None, f"{year}", f"{year}S1", f"{year}Q2", f"{year}06"])
    obligations = []
    for i in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(list(ObligationKind)))
        triggered = kind is ObligationKind.EVENT_TRIGGERED
        rules = _relative_deadlines() if triggered else deadline_rules(year)
        obligations.append(
            ReportingObligation(
                id=f"bao-cao-{i}",
                title=draw(texts()),
                kind=kind,
                reporters=_reporters(draw, agency_codes),
                recipient="ubnd",
                via=draw(st.none() | st.just("ldtbxh")),
                covers=None if triggered else draw(periods),
                deadline=draw(st.none() | rules),
                triggers=draw(
                    st.lists(st.sampled_from(INCIDENT_KINDS), min_size=1, max_size=2, unique=True)
                )
                if triggered
                else (),
                basis=draw(st.none() | texts()),
            )
        )
    consolidate = draw(st.integers(0, 2)) > 0
    if districts and consolidate:
        # Communes report to their district, which consolidates for the province: in a
        # district plan its own People's Committee, in a province plan (or one with no
        # area) the committee of every district.
        district_plan = area == districts[0].code
        obligations += draw(
            _consolidation(
                year,
                consolidator=(
                    Reporters(agencies=["ubnd"])
                    if district_plan
                    else Reporters(level=Level.DISTRICT)
                ),
                recipient="ubnd-30" if district_plan else "ubnd",
                committee="ubnd" if district_plan else f"ubnd-{districts[0].code}",
            )
        )
    return Plan(
        id=draw(codes()),
        title=draw(texts()),
        year=year,
        issuer="ubnd",
        area=area,
        coordinator=draw(st.none() | st.just("ldtbxh")),
        signatory=draw(
            st.none()
            | st.builds(Signatory, name=texts(), title=texts(), capacity=st.none() | texts())
        ),
        period_convention=draw(st.sampled_from(["calendar", "nd09"])),
        document=draw(st.none() | document_refs()),
        based_on=draw(st.lists(document_refs(), max_size=2)),
        legal_bases=draw(st.lists(document_refs(), max_size=3)),
        purposes=draw(st.lists(texts(), max_size=2)),
        requirements=draw(st.lists(texts(), max_size=2)),
        objectives=[Objective(id="ii", text=draw(texts()), targets=[target])],
        task_groups=[
            TaskGroup(
                id=f"iii-{g}",
                title=draw(texts()),
                tasks=tasks(draw(st.integers(0, 3))),
                section=f"III.{g}",
            )
            for g in range(1, draw(st.integers(1, 3)) + 1)
        ],
        funding_sources=[FundingSource(id="iv-1", text=draw(texts()), kind="state-budget")],
        responsibilities=[
            Responsibility(id="v-1", agency="ldtbxh", tasks=tasks(2), section="V.1"),
            Responsibility(
                id="v-8", addressee="Các phòng, ban ngành có liên quan khác", section="V.8"
            ),
            Responsibility(id="v-9", agency="mttq", mode=ResponsibilityMode.REQUESTED),
        ],
        events=[
            Event(
                id=f"su-kien-{i}",
                title=draw(texts()),
                when=draw(date_rules()),
                agencies=draw(some_agencies),
            )
            for i in range(draw(st.integers(0, 3)))
        ],
        obligations=obligations,
        recipients=draw(st.lists(texts(), max_size=3)),
        units=units,
        agencies=agencies,
        groups=[AgencyGroup(code="ubnd-cac-xa", name="UBND các xã, thị trấn", level=Level.COMMUNE)],
        notes=draw(st.lists(texts(), max_size=1)),
    )


def aware_datetimes() -> st.SearchStrategy[datetime]:
    """Datetimes with a fixed UTC offset from −12 h to +14 h."""
    from datetime import timezone

    offsets = st.integers(-12 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
    return st.datetimes(datetime(2000, 1, 1), datetime(2030, 12, 31), timezones=offsets)


# Aggregation: small unit trees, a test catalog, data values ----------------------------

SEX = ("male", "female")
AGE = ("a", "b", "c")

TEST_CATALOG = Catalog(
    dimensions=[
        Dimension(
            code="sex",
            name="Giới tính",
            name_en="Sex",
            values=[Term(code=c, name=c, name_en=c) for c in SEX],
        ),
        Dimension(
            code="age",
            name="Tuổi",
            name_en="Age",
            values=[Term(code=c, name=c, name_en=c) for c in AGE],
        ),
    ],
    indicators=[
        Indicator(
            code="flow",
            name="Luồng",
            name_en="A flow",
            value_type="count",
            time_aggregation="sum",
            unit_aggregation="sum",
            disaggregations=["sex", "age"],
        ),
        Indicator(
            code="stock",
            name="Tồn",
            name_en="A stock",
            value_type="count",
            time_aggregation="last",
            unit_aggregation="sum",
            disaggregations=["sex"],
        ),
        Indicator(
            code="mean",
            name="Trung bình",
            name_en="A mean over units",
            value_type="amount",
            time_aggregation="sum",
            unit_aggregation="average",
        ),
        Indicator(
            code="peak",
            name="Cao nhất",
            name_en="A maximum",
            value_type="count",
            time_aggregation="max",
            unit_aggregation="max",
        ),
        Indicator(
            code="flag",
            name="Cờ",
            name_en="A yes/no",
            value_type="boolean",
            time_aggregation="last",
            unit_aggregation="sum",
        ),
        Indicator(
            code="rate",
            name="Tỷ lệ",
            name_en="flow per stock",
            value_type="ratio",
            numerator="flow",
            denominator="stock",
            factor=100,
            disaggregations=["sex"],
        ),
        Indicator(
            code="flag-share",
            name="Tỷ lệ cờ",
            name_en="share of flags",
            value_type="share",
            numerator="flag",
            factor=100,
        ),
    ],
)


@st.composite
def aggregate_plans(draw: st.DrawFn) -> Plan:
    """A province plan: 1-3 districts of 1-4 communes, and 0-2 communes right under the
    province (a tree that skips the district level there)."""
    units = [AdministrativeUnit(code="10", name="Tỉnh A", level=Level.PROVINCE)]
    for d in range(1, draw(st.integers(1, 3)) + 1):
        district = f"10{d}"
        units.append(
            AdministrativeUnit(code=district, name=f"Huyện {d}", level=Level.DISTRICT, parent="10")
        )
        for c in range(1, draw(st.integers(1, 4)) + 1):
            units.append(
                AdministrativeUnit(
                    code=f"{district}{c:02d}",
                    name=f"Xã {d}.{c}",
                    level=Level.COMMUNE,
                    parent=district,
                )
            )
    for c in range(1, draw(st.integers(0, 2)) + 1):
        units.append(
            AdministrativeUnit(
                code=f"109{c:02d}", name=f"Xã riêng {c}", level=Level.COMMUNE, parent="10"
            )
        )
    return Plan(id="thu", title="Kế hoạch thử", year=2023, issuer="ubnd", area="10", units=units)


def reporting_units(plan: Plan) -> list[str]:
    """The units at the bottom of the plan's tree, which report values."""
    return [u.code for u in plan.area_units() if not plan.hierarchy.children(u.code)]


def cell_values(
    units: Sequence[str], period: str, counts: st.SearchStrategy[int] | None = None
) -> st.SearchStrategy[list[DataValue]]:
    """For some units, the finest cells (sex × age) of ``flow`` for ``period``."""
    counts = counts if counts is not None else st.integers(0, 50)
    cells = list(product(SEX, AGE))

    @st.composite
    def build(draw: st.DrawFn) -> list[DataValue]:
        out = []
        for unit in units:
            if not draw(st.booleans()):
                continue
            for sex, age in cells:
                out.append(
                    DataValue(
                        unit=unit,
                        period=period,
                        indicator="flow",
                        disaggregation=canonical_disaggregation({"sex": sex, "age": age}),
                        value=draw(counts),
                    )
                )
        return out

    return build()


@st.composite
def values_for(
    draw: st.DrawFn, plan: Plan, periods: Sequence[str] = ("2023S1", "2023S2")
) -> list[DataValue]:
    """Totals of every reported test indicator, for some units and periods (some missing)."""
    out = []
    for unit in reporting_units(plan):
        for period in periods:
            for code in ("flow", "stock", "mean", "peak", "flag"):
                if draw(st.integers(0, 4)) == 0:
                    continue
                high = 1 if code == "flag" else 500
                out.append(
                    DataValue(
                        unit=unit,
                        period=period,
                        indicator=code,
                        value=draw(st.integers(0, high)),
                    )
                )
    return out


# Timeliness: a plan with every kind of obligation, and its submissions ------------------

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
