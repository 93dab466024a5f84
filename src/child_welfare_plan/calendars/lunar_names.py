"""Names of lunar years and lunar festivals: the sexagenary cycle (can chi) and the
festivals a Vietnamese plan names by a lunar day.

A lunar year is named by one of the ten heavenly stems (thiên can: Giáp, Ất, Bính, Đinh,
Mậu, Kỷ, Canh, Tân, Nhâm, Quý) and one of the twelve earthly branches (địa chi: Tý, Sửu,
Dần, Mão, Thìn, Tỵ, Ngọ, Mùi, Thân, Dậu, Tuất, Hợi), both advancing by one each year, so
the names repeat every 60 years. Lunar year 1984 was Giáp Tý, the first of a cycle; 2023 is
Quý Mão. The name belongs to the *lunar* year: 21/01/2023, the eve of Tết, is still in Nhâm
Dần. In Vietnamese usage the fourth branch, Mão, is the cat (not the rabbit), the second,
Sửu, the buffalo, and the eighth, Mùi, the goat.

Example:
    >>> year_name(2023)
    YearName(vi='Quý Mão', en='Water Cat')
    >>> festival(8, 15).name_vi
    'Tết Trung thu'

References:
    * Hồ Ngọc Đức, "Âm lịch Việt Nam" (https://www.informatik.uni-leipzig.de/~duc/amlich/):
      the years of the lunar calendar and their can chi names.
    * Stems and branches in order, and the cycle anchored at Giáp Tý 1984 (Canh Thìn 2000,
      Tân Tỵ 2001): saptet.com, "Can chi"; Wikiversity, "Lục thập hoa giáp".
    * 2023 is Quý Mão, with the cat for Mão: khoahoc.news, "Vì sao năm Mão của Việt Nam là
      mèo"; Sửu the buffalo and Mùi the goat in Vietnamese usage: vietnamarchitecture and
      codegym blogs (secondary sources).
    * The elements of the stems (Giáp, Ất wood; Bính, Đinh fire; Mậu, Kỷ earth; Canh, Tân
      metal; Nhâm, Quý water): vietnamesezodiac.com, "Heavenly stems".
    * Labour Code 45/2019/QH14, Art. 112.1 (Giỗ Tổ Hùng Vương, 10/3 âm lịch, and Tết âm
      lịch are public holidays); Tết Nguyên đán = 01/01 âm lịch, Tết Trung thu (the
      children's festival) = 15/8 âm lịch.
"""

from __future__ import annotations

import attrs

from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.i18n.localized import Message

__all__ = [
    "BRANCHES",
    "LUNAR_FESTIVALS",
    "STEMS",
    "LunarFestival",
    "YearName",
    "festival",
    "year_name",
]

STEMS: tuple[tuple[str, str], ...] = (
    ("Giáp", "Wood"),
    ("Ất", "Wood"),
    ("Bính", "Fire"),
    ("Đinh", "Fire"),
    ("Mậu", "Earth"),
    ("Kỷ", "Earth"),
    ("Canh", "Metal"),
    ("Tân", "Metal"),
    ("Nhâm", "Water"),
    ("Quý", "Water"),
)
"""The ten heavenly stems in order, each with its element in English."""

BRANCHES: tuple[tuple[str, str], ...] = (
    ("Tý", "Rat"),
    ("Sửu", "Buffalo"),
    ("Dần", "Tiger"),
    ("Mão", "Cat"),
    ("Thìn", "Dragon"),
    ("Tỵ", "Snake"),
    ("Ngọ", "Horse"),
    ("Mùi", "Goat"),
    ("Thân", "Monkey"),
    ("Dậu", "Rooster"),
    ("Tuất", "Dog"),
    ("Hợi", "Pig"),
)
"""The twelve earthly branches in order, each with its animal in Vietnamese usage."""

_CYCLE_START = 1984
"""A lunar year named Giáp Tý, the first of the 60 names."""


@attrs.frozen
class YearName:
    """The name of a lunar year: ``vi`` "Quý Mão", ``en`` "Water Cat"."""

    vi: str
    en: str

    def to_dict(self) -> dict[str, str]:
        """``{"vi", "en"}``."""
        return {"vi": self.vi, "en": self.en}


def year_name(lunar_year: int) -> YearName:
    """The can chi name of a lunar year (any year of the proleptic cycle)."""
    stem, element = STEMS[(lunar_year - _CYCLE_START) % 10]
    branch, animal = BRANCHES[(lunar_year - _CYCLE_START) % 12]
    return YearName(f"{stem} {branch}", f"{element} {animal}")


@attrs.frozen
class LunarFestival:
    """A festival held on a lunar day (never in a leap month)."""

    code: str
    month: int
    day: int
    name_vi: str
    name_en: str
    reference: str

    def to_dict(self) -> dict[str, str]:
        """``{"code", "name_vi", "name_en"}``."""
        return {"code": self.code, "name_vi": self.name_vi, "name_en": self.name_en}


LUNAR_FESTIVALS: tuple[LunarFestival, ...] = (
    LunarFestival(
        code="tet-nguyen-dan",
        month=1,
        day=1,
        name_vi="Tết Nguyên đán",
        name_en="Lunar New Year",
        reference="Bộ luật Lao động 2019, Điều 112.1 (Tết âm lịch)",
    ),
    LunarFestival(
        code="gio-to-hung-vuong",
        month=3,
        day=10,
        name_vi="Giỗ Tổ Hùng Vương",
        name_en="Hùng Kings' Commemoration Day",
        reference="Bộ luật Lao động 2019, Điều 112.1 (ngày 10 tháng 3 âm lịch)",
    ),
    LunarFestival(
        code="tet-trung-thu",
        month=8,
        day=15,
        name_vi="Tết Trung thu",
        name_en="Mid-Autumn Festival",
        reference="Ngày 15 tháng 8 âm lịch, Tết Trung thu của thiếu nhi",
    ),
)
"""The festivals named by a lunar day that plans and the calendar of holidays use."""


def festival(month: int, day: int, *, leap: bool = False) -> LunarFestival | None:
    """The festival held on lunar day ``day`` of ``month`` (none in a leap month)."""
    if not (1 <= month <= 12 and 1 <= day <= 30):
        raise InvalidValueError(
            Message(
                "lunar day {day}/{month}: expected a day 1-30 of a month 1-12", day=day, month=month
            )
        )
    if leap:
        return None
    for entry in LUNAR_FESTIVALS:
        if (entry.month, entry.day) == (month, day):
            return entry
    return None
