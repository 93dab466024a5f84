"""Hypothesis strategies for the model, shared by every test module."""

from __future__ import annotations

import datetime as dt
import string
from datetime import date, datetime, timedelta

from hypothesis import reject
from hypothesis import strategies as st

from child_welfare_plan.calendars import deadlines, schedule
from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.model import (
    AdministrativeUnit,
    Agency,
    AgencyGroup,
    AgencyKind,
    Comparator,
    Event,
    FundingSource,
    Level,
    Objective,
    ObligationKind,
    Plan,
    Reporters,
    ReportingObligation,
    Responsibility,
    ResponsibilityMode,
    Signatory,
    Target,
    Task,
    TaskGroup,
    UnitKind,
)
from child_welfare_plan.model.documents import TITLE_OPENERS, DocumentKind, DocumentRef

__all__ = [
    "ISSUERS",
    "NAMES",
    "SUMMARIES",
    "VI_ALPHABET",
    "codes",
    "date_rules",
    "deadline_rules",
    "document_refs",
    "document_symbols",
    "hierarchies",
    "plans",
    "texts",
    "vietnamese_phrases",
    "vietnamese_words",
]

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


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    """A valid, self-contained plan with every part filled in."""
    year = draw(st.integers(2000, 2030))
    units = draw(hierarchies())
    area = next((u.code for u in units if u.level is Level.DISTRICT), "30")
    communes = [u for u in units if u.level is Level.COMMUNE]
    agencies = [
        Agency(code="ubnd", name="Ủy ban nhân dân", unit=area, kind=AgencyKind.PEOPLES_COMMITTEE),
        Agency(
            code="ldtbxh",
            name="Phòng LĐTBXH",
            name_en="Labour office",
            unit=area,
            kind=AgencyKind.SPECIALISED_OFFICE,
        ),
        Agency(code="mttq", name="Mặt trận", unit=area, kind=AgencyKind.FRONT),
        *(
            Agency(
                code=f"ubnd-{c.code}",
                name=f"UBND {c.name}",
                unit=c.code,
                kind=AgencyKind.PEOPLES_COMMITTEE,
            )
            for c in communes
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
        indicator=None,
        comparator=draw(st.sampled_from(list(Comparator))),
        value=draw(st.floats(0, 100, allow_nan=False)),
        year=year,
        baseline=baseline,
        baseline_year=None if baseline is None else year - draw(st.integers(1, 5)),
        text=draw(texts()),
    )
    group_levels = st.none() | st.just(Level.COMMUNE)
    periods = st.sampled_from([None, f"{year}", f"{year}S1", f"{year}Q2", f"{year}06"])
    obligations = [
        ReportingObligation(
            id=f"bao-cao-{i}",
            title=draw(texts()),
            kind=draw(st.sampled_from(list(ObligationKind))),
            reporters=Reporters(
                level=draw(group_levels) or Level.COMMUNE, agencies=draw(some_agencies)
            ),
            recipient="ubnd",
            via=draw(st.none() | st.just("ldtbxh")),
            covers=draw(periods),
            deadline=draw(st.none() | deadline_rules(year)),
            basis=draw(st.none() | texts()),
        )
        for i in range(draw(st.integers(0, 3)))
    ]
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
