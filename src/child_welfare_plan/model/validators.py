"""attrs validators that say which field got which value and what was expected."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import attrs

from child_welfare_plan.errors import InvalidValueError

__all__ = [
    "CODE_PATTERN",
    "code",
    "codes",
    "dates_in_order",
    "non_empty",
    "non_negative",
    "to_tuple",
    "unit_code",
]

#: An ASCII code: letters, digits, ``-``, ``_`` and ``.``; no spaces (``bao-cao-6-thang``).
CODE_PATTERN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?")
_UNIT_CODE = re.compile(r"[0-9]{2,5}")


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """attrs converter: any iterable (a list from TOML or JSON) becomes an immutable tuple."""
    return tuple(value)


def _owner(inst: object) -> str:
    return type(inst).__name__


def code(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A stable ASCII code with no spaces."""
    if not isinstance(value, str) or not CODE_PATTERN.fullmatch(value):
        raise InvalidValueError(
            f"{_owner(inst)}.{attribute.name}: {value!r} is not a code "
            "(expected ASCII letters, digits, '-', '_' or '.', with no spaces)"
        )


def optional_code(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A code, or None."""
    if value is not None:
        code(inst, attribute, value)


def codes(inst: object, attribute: attrs.Attribute[Any], value: Iterable[object]) -> None:
    """A tuple of codes, each valid and none repeated."""
    seen: set[object] = set()
    for item in value:
        code(inst, attribute, item)
        if item in seen:
            raise InvalidValueError(f"{_owner(inst)}.{attribute.name}: {item!r} is listed twice")
        seen.add(item)


def unit_code(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An official GSO unit code: 2 (province), 3 (district) or 5 (commune) digits."""
    if not isinstance(value, str) or not _UNIT_CODE.fullmatch(value):
        raise InvalidValueError(
            f"{_owner(inst)}.{attribute.name}: {value!r} is not an official unit code "
            "(expected 2 to 5 digits, e.g. '30', '298', '11074')"
        )


def non_empty(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A string with some text in it."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(
            f"{_owner(inst)}.{attribute.name}: expected some text, got {value!r}"
        )


def non_negative(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A number that is zero or more."""
    if not isinstance(value, int | float) or value < 0:
        raise InvalidValueError(
            f"{_owner(inst)}.{attribute.name}: {value!r} is negative (expected 0 or more)"
        )


def dates_in_order(start_field: str, end_field: str) -> Callable[[Any], None]:
    """A check for ``__attrs_post_init__``: the end is not before the start."""

    def check(inst: Any) -> None:
        start: date | None = getattr(inst, start_field)
        end: date | None = getattr(inst, end_field)
        if start is not None and end is not None and end < start:
            raise InvalidValueError(
                f"{_owner(inst)}.{end_field}: {end.isoformat()} is before "
                f"{start_field} {start.isoformat()} (expected an end on or after the start)"
            )

    return check
