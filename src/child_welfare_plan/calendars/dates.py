"""Reading dates as Vietnamese documents and data files write them."""

from __future__ import annotations

import re
from datetime import date, datetime

from child_welfare_plan.errors import ParseError

__all__ = ["parse_date", "parse_received"]

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
        raise ParseError(f"{text!r} is not a real date ({exc})") from None
    raise ParseError(f"{text!r} is not a date (expected YYYY-MM-DD or DD/MM/YYYY)")


def parse_received(text: str) -> date | datetime:
    """A date as :func:`parse_date` reads it, or an ISO 8601 date and time (naive or with
    an offset)."""
    value = text.strip()
    if "T" in value or (" " in value and ":" in value):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise ParseError(
                f"{text!r} is not a date and time (expected ISO 8601, e.g. 2023-06-14T16:30+07:00)"
            ) from None
    return parse_date(value)
