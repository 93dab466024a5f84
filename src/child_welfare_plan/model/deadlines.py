"""Deadline rules as Vietnamese plans state them: the rule types and their phrases.

A plan states a deadline as a phrase; :func:`parse_deadline` turns it into a rule and
:func:`format_deadline` writes the canonical phrase back:

* :class:`Before` — "trước ngày D": the last on-time day is D − 1 (read literally, "before
  15/6" excludes 15/6).
* :class:`By` — "chậm nhất (là) ngày D", "không muộn hơn ngày D", "trong ngày D": the last
  on-time day is D.
* :class:`WithinDays` — "trong vòng N ngày (làm việc) kể từ …": N days, or N working days,
  counted from the day after an anchor event (Civil Code 2015 Art. 147).
* :class:`WithinHours` — "trong thời hạn N giờ …": N hours from the anchor instant.

The last on-time day of a rule, with the Civil Code roll, is worked out by
:func:`child_welfare_plan.calendars.deadlines.resolve`.

Example:
    >>> parse_deadline("trước ngày 10/12/2023")
    Before(date=datetime.date(2023, 12, 10))
    >>> format_deadline(By(datetime.date(2023, 6, 15)))
    'chậm nhất ngày 15/6/2023'

References:
    * Civil Code 91/2015/QH13, Art. 147 (a period in days starts on the day after the day
      or event that starts it; a period in hours starts at the stated instant).
    * Decree 56/2017/NĐ-CP, Art. 26–28 (time limits in hours and working days in child
      protection: emergency measures within 12 hours, a support plan within 5 working days).
    * Decree 30/2020/NĐ-CP, Appendix I (dates in administrative documents: a day below 10
      and the months 1 and 2 take a leading zero, as in "05/12/2023", "15/6/2023") (check).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import ClassVar, Literal, TypeAlias

import attrs

from child_welfare_plan.errors import InvalidValueError, ParseError
from child_welfare_plan.model.cells import echo, shorten

__all__ = [
    "DEADLINE_FORMS",
    "Before",
    "By",
    "DeadlineRule",
    "WithinDays",
    "WithinHours",
    "format_deadline",
    "format_vn_date",
    "parse_deadline",
]

DEADLINE_FORMS = (
    "trước ngày 15/6/2023",
    "chậm nhất ngày 15/6/2023",
    "chậm nhất là ngày 15/6/2023",
    "chậm nhất vào ngày 15/6/2023",
    "không muộn hơn ngày 15/6/2023",
    "không chậm hơn ngày 15/6/2023",
    "đến hết ngày 15/6/2023",
    "trong ngày 15/6/2023",
    "trong vòng 05 ngày làm việc kể từ …",
    "trong vòng 30 ngày kể từ …",
    "trong thời hạn 12 giờ kể từ …",
    "trong vòng 12 giờ kể từ …",
)
"""The phrases :func:`parse_deadline` reads, one example each. Dates may also be written
15/06/2023, 15-6-2023, 15.6.2023 or "ngày 15 tháng 6 năm 2023"; "trong thời hạn" and
"trong vòng" are interchangeable, and a number may be followed by itself in words
("05 (năm) ngày")."""

_TRAILING_PUNCTUATION = " .;,:"


def _normalise_text(text: str) -> str:
    """NFC, runs of whitespace as one space, no trailing punctuation."""
    collapsed = " ".join(unicodedata.normalize("NFC", text).split())
    return collapsed.rstrip(_TRAILING_PUNCTUATION)


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(unicodedata.normalize("NFC", pattern), re.IGNORECASE)


_DATE = (
    r"(?:(?P<day>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<month>\d{1,2})\s*(?P=sep)\s*(?P<year>\d{4})"
    r"|(?P<wday>\d{1,2})\s+tháng\s+(?P<wmonth>\d{1,2})\s+năm\s+(?P<wyear>\d{4}))"
)
_BEFORE = _compile(rf"trước\s+(?:ngày\s+)?{_DATE}")
_BY = _compile(
    r"(?:(?:chậm\s+nhất(?:\s+là)?(?:\s+vào)?|không\s+muộn\s+hơn|không\s+chậm\s+hơn"
    rf"|đến\s+hết)\s+(?:ngày\s+)?|trong\s+ngày\s+){_DATE}"
)
_RELATIVE = _compile(
    r"trong(?:\s+vòng|\s+thời\s+hạn)?\s+(?P<n>\d+)\s*(?:\([^()]*\)\s*)?"
    r"(?P<unit>ngày\s+làm\s+việc|ngày|giờ)(?:\s+(?P<anchor>.+))?"
)
_WORKING_WORDS = _compile(r"làm\s+việc(?:\s|$)")


def _normalise_anchor(text: str) -> str:
    return _normalise_text(text)


def _check_count(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidValueError(
            f"{type(instance).__name__}.{attribute.name} = {value!r}: expected a whole "
            f"number of at least 1"
        )


@attrs.frozen
class Before:
    """Rule "trước ngày D": on time up to and including the day before ``date``."""

    kind: ClassVar[Literal["before"]] = "before"
    date: dt.date


@attrs.frozen
class By:
    """Rule "chậm nhất ngày D" ("không muộn hơn", "trong ngày D"): on time up to ``date``."""

    kind: ClassVar[Literal["by"]] = "by"
    date: dt.date


@attrs.frozen
class WithinDays:
    """Within ``n`` days (or ``n`` working days) of an anchor event.

    The count starts on the day after the anchor (Civil Code 2015 Art. 147), so the last day
    is anchor + ``n`` days, or the ``n``-th working day after the anchor.

    Attributes:
        n: the number of days, at least 1.
        working: whether the days are working days ("ngày làm việc").
        anchor: a free description of the event, e.g. "kể từ khi nhận được thông báo"
            (stored NFC-normalised, with single spaces and no trailing punctuation).
    """

    kind: ClassVar[Literal["within_days"]] = "within_days"
    n: int = attrs.field(validator=_check_count)
    working: bool = False
    anchor: str = attrs.field(default="", converter=_normalise_anchor)

    def __attrs_post_init__(self) -> None:
        if _WORKING_WORDS.match(self.anchor):
            raise InvalidValueError(
                f"WithinDays.anchor {self.anchor!r} starts with 'làm việc', which would read "
                f"as the unit 'ngày làm việc'; set working=True instead"
            )


@attrs.frozen
class WithinHours:
    """Within ``n`` hours of an anchor instant (no roll: hours run through days off).

    Attributes:
        n: the number of hours, at least 1.
        anchor: a free description of the event, e.g. "kể từ khi nhận được tin báo".
    """

    kind: ClassVar[Literal["within_hours"]] = "within_hours"
    n: int = attrs.field(validator=_check_count)
    anchor: str = attrs.field(default="", converter=_normalise_anchor)


DeadlineRule: TypeAlias = Before | By | WithinDays | WithinHours
"""Any deadline rule; dispatch on ``kind`` or on the class."""


#: The most digits a relative time limit may have ("trong vòng 999999 ngày").
_MAX_LIMIT_DIGITS = 6


def _date_from(match: re.Match[str], text: str) -> dt.date:
    names = ("day", "month", "year") if match["day"] is not None else ("wday", "wmonth", "wyear")
    parts = [match[name] for name in names]
    day, month, year = (int(p) for p in parts)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ParseError(
            f"deadline phrase {echo(text)} names {day}/{month}/{year}, which is not a date; "
            f"expected day/month/year of a real day"
        ) from None


def parse_deadline(text: str) -> DeadlineRule:
    """Read a Vietnamese deadline phrase ("trước ngày 15/6/2023", "trong vòng 05 ngày làm
    việc kể từ …"; see :data:`DEADLINE_FORMS`) into a rule.

    Case, runs of whitespace, Unicode normalisation, trailing punctuation and enclosing
    parentheses do not matter.

    Raises:
        ParseError: the phrase is not one of the known forms, or names a date that does not
            exist; the message quotes the phrase and lists the forms.
    """
    phrase = _normalise_text(text)
    if phrase.startswith("(") and phrase.endswith(")"):
        phrase = _normalise_text(phrase[1:-1])
    if match := _BEFORE.fullmatch(phrase):
        return Before(_date_from(match, text))
    if match := _BY.fullmatch(phrase):
        return By(_date_from(match, text))
    if match := _RELATIVE.fullmatch(phrase):
        digits = match["n"].lstrip("0") or "0"
        n = int(digits) if len(digits) <= _MAX_LIMIT_DIGITS else None
        if n is None or n < 1:
            raise ParseError(
                f"deadline phrase {echo(text)} gives a time limit of {shorten(digits, 20)}; "
                f"expected a whole number of at least 1 and at most {10**_MAX_LIMIT_DIGITS - 1}"
            )
        unit = " ".join(match["unit"].lower().split())
        anchor = match["anchor"] or ""
        if unit == "giờ":
            return WithinHours(n, anchor)
        return WithinDays(n, unit == "ngày làm việc", anchor)
    raise ParseError(
        f"cannot read deadline phrase {echo(text)}; expected one of the forms: "
        + "; ".join(DEADLINE_FORMS)
        + " (dates as 15/6/2023, 15-06-2023, 15.6.2023 or 15 tháng 6 năm 2023)"
    )


def format_vn_date(d: dt.date) -> str:
    """A date as Vietnamese documents write it: ``15/6/2023``, ``05/12/2023``, ``07/02/2023``."""
    day = f"{d.day:02d}"
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"{day}/{month}/{d.year:04d}"


def format_deadline(rule: DeadlineRule) -> str:
    """The canonical Vietnamese phrase of ``rule``; ``parse_deadline`` reads it back."""
    if isinstance(rule, Before):
        return f"trước ngày {format_vn_date(rule.date)}"
    if isinstance(rule, By):
        return f"chậm nhất ngày {format_vn_date(rule.date)}"
    if isinstance(rule, WithinDays):
        unit = "ngày làm việc" if rule.working else "ngày"
        phrase = f"trong vòng {rule.n} {unit}"
    else:
        phrase = f"trong thời hạn {rule.n} giờ"
    return f"{phrase} {rule.anchor}" if rule.anchor else phrase
