"""Numbers and dates as a reader of the current language writes them, with Babel.

Vietnamese (locale ``vi_VN``): ``1.800``, ``92,0``, ``92,0%``, dates ``dd/mm/yyyy``.
English (locale ``en_US``): ``1,800``, ``92.0``, ``92.0%``, dates as ISO 8601
(``2023-12-31``, as the English reports always wrote them: unambiguous to every reader).
Machine formats (JSON, CSV) never come here: they keep ``.`` decimals and ISO dates.
"""

from __future__ import annotations

from datetime import date, datetime

from babel.numbers import format_decimal, format_percent

from child_welfare_plan.i18n import current

__all__ = ["LOCALES", "day", "moment", "number", "percent"]

#: The Babel locale of each language.
LOCALES = {"vi": "vi_VN", "en": "en_US"}


def _locale(lang: str | None) -> str:
    return LOCALES[lang or current()]


def number(value: float, *, decimals: int | None = None, lang: str | None = None) -> str:
    """A number with grouped thousands; ``decimals`` fixes the places shown (else a whole
    number shows none and another at most two)."""
    if decimals is not None:
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    elif isinstance(value, int) or float(value).is_integer():
        pattern = "#,##0"
    else:
        pattern = "#,##0.##"
    return format_decimal(value, format=pattern, locale=_locale(lang))


def percent(fraction: float, *, decimals: int = 1, lang: str | None = None) -> str:
    """A fraction (0.92) as a percentage (``92,0%`` in Vietnamese, ``92.0%`` in English)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return format_percent(fraction, format=pattern, locale=_locale(lang))


def day(value: date, *, lang: str | None = None) -> str:
    """A date: ``31/12/2023`` in Vietnamese, ``2023-12-31`` in English."""
    if isinstance(value, datetime):
        return moment(value, lang=lang)
    if (lang or current()) == "vi":
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    return value.isoformat()


def moment(value: datetime, *, lang: str | None = None) -> str:
    """A date and time to the minute: ``31/12/2023 17:00`` or ``2023-12-31 17:00``."""
    return f"{day(value.date(), lang=lang)} {value.hour:02d}:{value.minute:02d}"
