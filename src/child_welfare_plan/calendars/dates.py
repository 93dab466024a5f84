"""Dates as Vietnamese documents and data files write them, and Vietnam's local time.

Received datetimes are compared in Vietnam's local time (Asia/Ho_Chi_Minh, UTC+7, no
daylight saving): an aware datetime is converted, a naive one or a date is already local.
"""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo
from functools import cache
from zoneinfo import ZoneInfo

from child_welfare_plan.errors import ParseError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.cells import echo

__all__ = [
    "LOCAL_TIMEZONE",
    "local_aware",
    "local_date",
    "local_moment",
    "parse_date",
    "parse_received",
]

LOCAL_TIMEZONE = "Asia/Ho_Chi_Minh"
"""The time zone received datetimes are compared in (UTC+7, no daylight saving)."""

_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(text: str) -> date:
    """``YYYY-MM-DD`` or ``DD/MM/YYYY`` (also ``D/M/YYYY``, ``.`` or ``-`` separators).

    Raises:
        ParseError: unreadable text, or a day that does not exist (31/02/2023).
    """
    value = text.strip()
    try:
        if _ISO.fullmatch(value):
            return date.fromisoformat(value)
        match = _DMY.fullmatch(value)
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
    except ValueError as exc:
        raise ParseError(
            Message("{text} is not a real date ({exc})", text=echo(text), exc=str(exc))
        ) from None
    raise ParseError(
        Message("{text} is not a date (expected YYYY-MM-DD or DD/MM/YYYY)", text=echo(text))
    )


def parse_received(text: str) -> date | datetime:
    """A date as :func:`parse_date` reads it, or an ISO 8601 date and time (naive or with
    an offset)."""
    value = text.strip()
    if "T" in value or (" " in value and ":" in value):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise ParseError(
                Message(
                    "{text} is not a date and time "
                    "(expected ISO 8601, e.g. 2023-06-14T16:30+07:00)",
                    text=echo(text),
                )
            ) from None

    return parse_date(value)


@cache
def _zone() -> tzinfo:
    return ZoneInfo(LOCAL_TIMEZONE)


def local_moment(moment: date | datetime) -> datetime:
    """A naive local (Vietnam) datetime: an aware datetime converted to Asia/Ho_Chi_Minh, a
    naive one as is, a date at 00:00."""
    if isinstance(moment, datetime):
        if moment.tzinfo is not None and moment.utcoffset() is not None:
            return moment.astimezone(_zone()).replace(tzinfo=None)
        return moment.replace(tzinfo=None)
    return datetime(moment.year, moment.month, moment.day)


def local_aware(moment: datetime) -> datetime:
    """An aware datetime in Vietnam's time (``+07:00``): an aware one converted, a naive one
    read as local time."""
    return local_moment(moment).replace(tzinfo=_zone())


def local_date(moment: date | datetime) -> date:
    """The Vietnamese local date of a date or datetime (see :func:`local_moment`)."""
    if isinstance(moment, datetime):
        if moment.tzinfo is not None and moment.utcoffset() is not None:
            return moment.astimezone(_zone()).date()
        return moment.date()
    return moment
