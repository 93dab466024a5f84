"""Names of lunar years (can chi) and lunar festivals, against published anchors, an
independent formula and python-holidays."""

from __future__ import annotations

import datetime as dt
import json

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from child_welfare_plan.calendars import lunar
from child_welfare_plan.calendars.lunar_names import (
    BRANCHES,
    LUNAR_FESTIVALS,
    STEMS,
    festival,
    year_name,
)
from child_welfare_plan.cli import main
from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.plugins import Host

years = st.integers(min_value=-3000, max_value=5000)


@pytest.mark.parametrize(
    ("year", "vi", "source"),
    [
        (2023, "Quý Mão", "khoahoc.news: 'năm mới 2023 là năm Quý Mão'"),
        (1984, "Giáp Tý", "saptet.com, Can chi: Giáp Tý 1984"),
        (2000, "Canh Thìn", "saptet.com, Can chi: Canh Thìn 2000"),
        (2001, "Tân Tỵ", "saptet.com, Can chi: Tân Tỵ 2001"),
    ],
)
def test_published_year_names(year: int, vi: str, source: str) -> None:
    """Each year's name as a published source gives it (``source``)."""
    assert year_name(year).vi == vi, source


def test_2023_is_the_water_cat() -> None:
    """Vietnamese usage names Mão the cat (khoahoc.news: "Việt Nam là quốc gia duy nhất có
    mèo là con giáp đại diện"); Quý is a water stem (vietnamesezodiac.com)."""
    assert year_name(2023).en == "Water Cat"


def test_ten_stems_and_twelve_branches_in_order() -> None:
    """Thập thiên can and thập nhị chi (Wikiversity, "Lục thập hoa giáp")."""
    assert [s for s, _ in STEMS] == [
        "Giáp",
        "Ất",
        "Bính",
        "Đinh",
        "Mậu",
        "Kỷ",
        "Canh",
        "Tân",
        "Nhâm",
        "Quý",
    ]
    assert [b for b, _ in BRANCHES] == [
        "Tý",
        "Sửu",
        "Dần",
        "Mão",
        "Thìn",
        "Tỵ",
        "Ngọ",
        "Mùi",
        "Thân",
        "Dậu",
        "Tuất",
        "Hợi",
    ]


@given(year=years)
def test_the_names_repeat_every_60_years_and_never_sooner(year: int) -> None:
    names = [year_name(year + i) for i in range(61)]
    assert names[60] == names[0]
    assert len(set(names[:60])) == 60


@given(year=years)
def test_stem_and_branch_each_advance_by_one_a_year(year: int) -> None:
    stems = [s for s, _ in STEMS]
    branches = [b for b, _ in BRANCHES]
    this, following = year_name(year).vi.split(), year_name(year + 1).vi.split()
    assert stems.index(following[0]) == (stems.index(this[0]) + 1) % 10
    assert branches.index(following[1]) == (branches.index(this[1]) + 1) % 12


@given(year=st.integers(min_value=1900, max_value=2100))
def test_names_agree_with_ho_ngoc_duc_formula(year: int) -> None:
    """Hồ Ngọc Đức's converter (amlich.js, getYearCanChi) names a lunar year
    CAN[(year + 6) % 10] + CHI[(year + 8) % 12]: offsets from year 0, not from Giáp Tý
    1984 as here, so the two computations are independent."""
    stems = [s for s, _ in STEMS]
    branches = [b for b, _ in BRANCHES]
    assert year_name(year).vi == f"{stems[(year + 6) % 10]} {branches[(year + 8) % 12]}"


def test_the_name_belongs_to_the_lunar_year() -> None:
    """Tết 2023 was Sunday 22/01/2023: the day before is still in Nhâm Dần."""
    assert year_name(lunar.to_lunar(dt.date(2023, 1, 21)).year).vi == "Nhâm Dần"
    assert year_name(lunar.to_lunar(dt.date(2023, 1, 22)).year).vi == "Quý Mão"


def test_festivals_of_lunar_days() -> None:
    """Tết Nguyên đán 01/01, Giỗ Tổ Hùng Vương 10/3 (Labour Code 2019 Art. 112.1), Tết
    Trung thu 15/8 (âm lịch); none in a leap month."""
    got = {f.code: (f.month, f.day) for f in LUNAR_FESTIVALS}
    assert got == {"tet-nguyen-dan": (1, 1), "gio-to-hung-vuong": (3, 10), "tet-trung-thu": (8, 15)}
    trung_thu = festival(8, 15)
    assert trung_thu is not None
    assert (trung_thu.name_vi, trung_thu.name_en) == ("Tết Trung thu", "Mid-Autumn Festival")
    assert festival(8, 15, leap=True) is None
    assert festival(8, 16) is None
    with pytest.raises(InvalidValueError):
        festival(13, 1)


@pytest.mark.parametrize("year", range(2007, 2051))
def test_public_holiday_festivals_agree_with_python_holidays(year: int) -> None:
    """python-holidays ``VN`` computes Tết and Giỗ Tổ Hùng Vương (a public holiday since
    2007) on its own, from its Vietnamese lunar tables: the days this library names as
    those festivals are its days."""
    named = holidays.country_holidays("VN", years=year, language="vi")
    for code, words in (("tet-nguyen-dan", "Tết Nguyên Đán"), ("gio-to-hung-vuong", "Hùng")):
        (entry,) = [f for f in LUNAR_FESTIVALS if f.code == code]
        day = lunar.to_solar(year, entry.month, entry.day)
        assert words in str(named.get(day)), (year, code, day)


def test_cwp_lunar_names_the_festival_and_the_year(
    host: Host, capsys: pytest.CaptureFixture[str]
) -> None:
    """29/9/2023 = 15/8 Quý Mão, Tết Trung thu (Vietnamese lunar calendar, UTC+7)."""
    assert main(["lunar", "2023-09-29", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["festival"] == {
        "code": "tet-trung-thu",
        "name_vi": "Tết Trung thu",
        "name_en": "Mid-Autumn Festival",
    }
    assert data["year_name"] == {"vi": "Quý Mão", "en": "Water Cat"}
    assert main(["lunar", "2023-09-29", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "festival: Tết Trung thu" in out and "Quý Mão" in out
    assert main(["lunar", "2023-09-29"]) == 0
    out = capsys.readouterr().out
    assert "ngày lễ: Tết Trung thu" in out and "năm Quý Mão" in out
    assert main(["lunar", "2023-09-30", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["festival"] is None
