"""Deadline rules as Vietnamese plans state them: the rule types and their phrases.

A plan states a deadline as a phrase; :func:`parse_deadline` turns it into a rule and
:func:`format_deadline` writes the canonical phrase back:

* :class:`Before` — "trước ngày D": the last on-time day is D − 1 (read literally, "before
  15/6" excludes 15/6). With a time of day, "trước 16 giờ 00 ngày D" is before 16:00 *on*
  D: D itself is the last on-time day, and the time limit ends at 16:00 that day.
* :class:`By` — "chậm nhất (là) ngày D", "không muộn hơn ngày D", "trong ngày D", "hạn chót
  ngày D": the last on-time day is D; "chậm nhất 17 giờ ngày D" ends at 17:00 on D.
* :class:`WithinDays` — "trong vòng N ngày (làm việc) kể từ …": N days, or N working days,
  counted from the day after an anchor event (Civil Code 2015 Art. 147).
* :class:`WithinHours` — "trong thời hạn N giờ …": N hours from the anchor instant.
* :class:`Promptly` — "kịp thời", "ngay": the text asks for promptness and sets no time
  limit, so no day can be computed from it; a plan may give its own reading beside it.

A dated phrase may leave out the year ("trước ngày 15/6") when a year is given to
:func:`parse_deadline` (the plan's year, or ``--year`` on the command line). Phrases typed
without diacritics ("truoc ngay 15/6/2024", "cham nhat 17h ngay 14/6/2024") read the same.

The last on-time day of a rule, with the Civil Code roll, is worked out by
:func:`child_welfare_plan.calendars.deadlines.resolve`.

Example:
    >>> parse_deadline("trước ngày 10/12/2023")
    Before(date=datetime.date(2023, 12, 10), time=None)
    >>> parse_deadline("trước 16 giờ 00 ngày 14/6/2024")
    Before(date=datetime.date(2024, 6, 14), time=datetime.time(16, 0))
    >>> format_deadline(By(datetime.date(2023, 6, 15)))
    'chậm nhất ngày 15/6/2023'

References:
    * Civil Code 91/2015/QH13, Art. 147 (a period in days starts on the day after the day
      or event that starts it; a period in hours starts at the stated instant).
    * Decree 56/2017/NĐ-CP, Art. 25–28 (time limits in child protection: notify "ngay",
      immediately (Art. 25.1); emergency measures within 12 hours (Art. 26.3); a support
      plan within 05 working days (Art. 28.1)).
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
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.cells import echo, shorten

__all__ = [
    "DEADLINE_FORMS",
    "PROMPT_WORDS",
    "Before",
    "By",
    "DeadlineRule",
    "Promptly",
    "WithinDays",
    "WithinHours",
    "fold_diacritics",
    "format_deadline",
    "format_vn_date",
    "parse_deadline",
]

DEADLINE_FORMS = (
    "trước ngày 15/6/2023",
    "trước 16 giờ 00 ngày 14/6/2024",
    "trước 17h00 ngày 14/6/2024",
    "chậm nhất ngày 15/6/2023",
    "chậm nhất là ngày 15/6/2023",
    "chậm nhất vào ngày 15/6/2023",
    "chậm nhất 17 giờ ngày 14/6/2024",
    "không muộn hơn ngày 15/6/2023",
    "không chậm hơn ngày 15/6/2023",
    "đến hết ngày 15/6/2023",
    "trong ngày 15/6/2023",
    "hạn chót ngày 15/6/2023",
    "trong vòng 05 ngày làm việc kể từ …",
    "trong vòng 30 ngày kể từ …",
    "trong thời hạn 12 giờ kể từ …",
    "trong vòng 12 giờ kể từ …",
    "kịp thời",
    "ngay",
)
"""The phrases :func:`parse_deadline` reads, one example each. Dates may also be written
15/06/2023, 15-6-2023, 15.6.2023 or "ngày 15 tháng 6 năm 2023", and without the year when
one is given; a time of day as "16 giờ 00", "16 giờ", "16h00", "16h", "16g00" or "16:00"; "trong
thời hạn" and "trong vòng" are interchangeable, a number may be followed by itself in words
("05 (năm) ngày"), and every phrase may be typed without diacritics."""

PROMPT_WORDS = ("kịp thời", "ngay", "ngay lập tức")
"""The words of :class:`Promptly`: promptness with no time limit."""

_TRAILING_PUNCTUATION = " .;,:"


def _normalise_text(text: str) -> str:
    """NFC, runs of whitespace as one space, no trailing punctuation."""
    collapsed = " ".join(unicodedata.normalize("NFC", text).split())
    return collapsed.rstrip(_TRAILING_PUNCTUATION)


def fold_diacritics(text: str) -> str:
    """``text`` without Vietnamese diacritics ("trước ngày" → "truoc ngay", "Đ" → "D")."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _w(words: str) -> str:
    """A pattern for ``words`` that also matches them typed without diacritics: each letter
    with a diacritic becomes a class of itself and its bare letter; spaces match any run of
    whitespace."""
    out: list[str] = []
    for char in unicodedata.normalize("NFC", words):
        if char == " ":
            out.append(r"\s+")
            continue
        bare = fold_diacritics(char)
        out.append(f"[{bare}{char}]" if bare != char else re.escape(char))
    return "".join(out)


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_DATE = (
    r"(?:(?P<day>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<month>\d{1,2})"
    r"(?:\s*(?P=sep)\s*(?P<year>\d{4}))?"
    rf"|(?P<wday>\d{{1,2}})\s+{_w('tháng')}\s+(?P<wmonth>\d{{1,2}})"
    rf"(?:\s+{_w('năm')}\s+(?P<wyear>\d{{4}}))?)"
)
_TIME = (
    rf"(?P<hour>\d{{1,2}})\s*(?:{_w('giờ')}|h|g)\s*(?:(?P<minute>\d{{1,2}})(?:\s*{_w('phút')})?)?"
    r"|(?P<chour>\d{1,2}):(?P<cminute>\d{2})"
)
_ON_DAY = rf"(?:(?:{_TIME})\s*,?\s*)?(?:{_w('ngày')}\s+)?{_DATE}"
_BEFORE = _compile(rf"{_w('trước')}\s+{_ON_DAY}")
_BY = _compile(
    rf"(?:(?:{_w('chậm nhất')}(?:\s+{_w('là')})?(?:\s+{_w('vào')})?|{_w('không muộn hơn')}"
    rf"|{_w('không chậm hơn')}|{_w('đến hết')}|{_w('hạn chót')}(?:\s+{_w('là')}|\s*:)?)"
    rf"\s+{_ON_DAY})"
)
_IN_DAY = _compile(rf"{_w('trong ngày')}\s+{_DATE}")
_RELATIVE = _compile(
    rf"{_w('trong')}(?:\s+{_w('vòng')}|\s+{_w('thời hạn')})?\s+(?P<n>\d+)\s*(?:\([^()]*\)\s*)?"
    rf"(?P<unit>{_w('ngày làm việc')}|{_w('ngày')}|{_w('giờ')})(?:\s+(?P<anchor>.+))?"
)
_PROMPTLY = _compile("|".join(_w(words) for words in sorted(PROMPT_WORDS, key=len, reverse=True)))
_WORKING_WORDS = _compile(rf"{_w('làm việc')}(?:\s|$)")


def _normalise_anchor(text: str) -> str:
    return _normalise_text(text)


def _check_count(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidValueError(
            Message(
                "{owner}.{field} = {value!r}: expected a whole number of at least 1",
                owner=type(instance).__name__,
                field=attribute.name,
                value=value,
            )
        )


def _check_time(
    instance: object, attribute: attrs.Attribute[dt.time | None], value: object
) -> None:
    if value is None:
        return
    if (
        not isinstance(value, dt.time)
        or value.tzinfo is not None
        or value.second
        or value.microsecond
    ):
        raise InvalidValueError(
            Message(
                "{owner}.time = {value!r}: expected a local time of day in whole minutes "
                "(such as 16:00), or None",
                owner=type(instance).__name__,
                value=value,
            )
        )


@attrs.frozen
class Before:
    """Rule "trước ngày D": on time up to and including the day before ``date``.

    With a ``time`` of day ("trước 16 giờ 00 ngày D"), on time up to that time *on*
    ``date``: D is then the last on-time day and the time limit ends at ``time`` that day
    (Vietnamese local time).
    """

    kind: ClassVar[Literal["before"]] = "before"
    date: dt.date
    time: dt.time | None = attrs.field(default=None, validator=_check_time)


@attrs.frozen
class By:
    """Rule "chậm nhất ngày D" ("không muộn hơn", "trong ngày D", "hạn chót ngày D"): on time
    up to ``date``; with a ``time`` ("chậm nhất 17 giờ ngày D"), up to that time on D."""

    kind: ClassVar[Literal["by"]] = "by"
    date: dt.date
    time: dt.time | None = attrs.field(default=None, validator=_check_time)


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
                Message(
                    "WithinDays.anchor {anchor!r} starts with 'làm việc', which would read as "
                    "the unit 'ngày làm việc'; set working=True instead",
                    anchor=self.anchor,
                )
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


def _prompt_words(value: str) -> str:
    folded = fold_diacritics(_normalise_text(value)).casefold()
    for words in PROMPT_WORDS:
        if fold_diacritics(words) == folded:
            return words
    raise InvalidValueError(
        Message(
            "Promptly.words = {value!r}: expected one of {accepted}",
            value=value,
            accepted=", ".join(map(repr, PROMPT_WORDS)),
        )
    )


@attrs.frozen
class Promptly:
    """ "Kịp thời", "ngay": the text asks for promptness and sets no time limit.

    No day can be computed from it (:func:`~child_welfare_plan.calendars.deadlines.resolve`
    refuses it); a plan that needs one gives its own reading beside the text's words (see
    :attr:`~child_welfare_plan.model.plan.ReportingObligation.reading`).

    Attributes:
        words: the words, one of :data:`PROMPT_WORDS` (stored with their diacritics).
    """

    kind: ClassVar[Literal["promptly"]] = "promptly"
    words: str = attrs.field(default="kịp thời", converter=_prompt_words)


DeadlineRule: TypeAlias = Before | By | WithinDays | WithinHours | Promptly
"""Any deadline rule; dispatch on ``kind`` or on the class."""


#: The most digits a relative time limit may have ("trong vòng 999999 ngày").
_MAX_LIMIT_DIGITS = 6


def _number(match: re.Match[str], *names: str) -> int | None:
    for name in names:
        if match[name] is not None:
            return int(match[name])
    return None


def _date_from(match: re.Match[str], text: str, year: int | None) -> dt.date:
    day = _number(match, "day", "wday")
    month = _number(match, "month", "wmonth")
    named_year = _number(match, "year", "wyear")
    assert day is not None and month is not None
    if named_year is None:
        if year is None:
            raise ParseError(
                Message(
                    "deadline phrase {phrase} names no year; give the year (the plan's year, "
                    "or --year on the command line)",
                    phrase=echo(text),
                )
            )
        named_year = year
    try:
        return dt.date(named_year, month, day)
    except ValueError:
        raise ParseError(
            Message(
                "deadline phrase {phrase} names {day}/{month}/{year}, which is not a date; "
                "expected day/month/year of a real day",
                phrase=echo(text),
                day=str(day),
                month=str(month),
                year=str(named_year),
            )
        ) from None


def _time_from(match: re.Match[str], text: str) -> dt.time | None:
    hour = _number(match, "hour", "chour")
    if hour is None:
        return None
    minute = _number(match, "minute", "cminute") or 0
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        clock = f"{hour}:{minute:02d}"
        raise ParseError(
            Message(
                "deadline phrase {phrase} names the time {time}, which is not a time of day; "
                "expected hours 0-23 and minutes 0-59",
                phrase=echo(text),
                time=clock,
            )
        )
    return dt.time(hour, minute)


def parse_deadline(text: str, *, year: int | None = None) -> DeadlineRule:
    """Read a Vietnamese deadline phrase ("trước ngày 15/6/2023", "trước 16 giờ 00 ngày
    14/6/2024", "trong vòng 05 ngày làm việc kể từ …", "kịp thời"; see
    :data:`DEADLINE_FORMS`) into a rule.

    Case, runs of whitespace, Unicode normalisation, diacritics, trailing punctuation and
    enclosing parentheses do not matter.

    Args:
        text: the phrase.
        year: the year of a date written without one ("trước ngày 15/6"); a date that names
            its year keeps it.

    Raises:
        ParseError: the phrase is not one of the known forms, names a date or a time that
            does not exist, or a date without a year when no ``year`` is given; the message
            quotes the phrase (and, for an unknown form, lists the forms).
    """
    phrase = _normalise_text(text)
    if phrase.startswith("(") and phrase.endswith(")"):
        phrase = _normalise_text(phrase[1:-1])
    if match := _BEFORE.fullmatch(phrase):
        return Before(_date_from(match, text, year), _time_from(match, text))
    if match := _BY.fullmatch(phrase):
        return By(_date_from(match, text, year), _time_from(match, text))
    if match := _IN_DAY.fullmatch(phrase):
        return By(_date_from(match, text, year))
    if match := _RELATIVE.fullmatch(phrase):
        digits = match["n"].lstrip("0") or "0"
        n = int(digits) if len(digits) <= _MAX_LIMIT_DIGITS else None
        if n is None or n < 1:
            raise ParseError(
                Message(
                    "deadline phrase {phrase} gives a time limit of {limit}; expected a whole "
                    "number of at least 1 and at most {most}",
                    phrase=echo(text),
                    limit=shorten(digits, 20),
                    most=10**_MAX_LIMIT_DIGITS - 1,
                )
            )
        unit = fold_diacritics(" ".join(match["unit"].lower().split()))
        anchor = match["anchor"] or ""
        if unit == "gio":
            return WithinHours(n, anchor)
        return WithinDays(n, unit == "ngay lam viec", anchor)
    if _PROMPTLY.fullmatch(phrase):
        return Promptly(phrase)
    raise ParseError(
        Message(
            "cannot read deadline phrase {phrase}; expected one of the forms: {forms} (dates "
            "as 15/6/2023, 15-06-2023, 15.6.2023 or 15 tháng 6 năm 2023)",
            phrase=echo(text),
            forms="; ".join(DEADLINE_FORMS),
        )
    )


def format_vn_date(d: dt.date) -> str:
    """A date as Vietnamese documents write it: ``15/6/2023``, ``05/12/2023``, ``07/02/2023``."""
    day = f"{d.day:02d}"
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"{day}/{month}/{d.year:04d}"


def _on_day(rule: Before | By) -> str:
    day = format_vn_date(rule.date)
    if rule.time is None:
        return f"ngày {day}"
    return f"{rule.time.hour} giờ {rule.time.minute:02d} ngày {day}"


def format_deadline(rule: DeadlineRule) -> str:
    """The canonical Vietnamese phrase of ``rule``; ``parse_deadline`` reads it back."""
    if isinstance(rule, Before):
        return f"trước {_on_day(rule)}"
    if isinstance(rule, By):
        return f"chậm nhất {_on_day(rule)}"
    if isinstance(rule, Promptly):
        return rule.words
    if isinstance(rule, WithinDays):
        unit = "ngày làm việc" if rule.working else "ngày"
        phrase = f"trong vòng {rule.n} {unit}"
    else:
        phrase = f"trong thời hạn {rule.n} giờ"
    return f"{phrase} {rule.anchor}" if rule.anchor else phrase
