"""attrs validators that say which field got which value and what was expected."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import attrs

from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.findings import Composed

__all__ = [
    "CODE_PATTERN",
    "code",
    "codes",
    "dates_in_order",
    "non_empty",
    "non_negative",
    "owned",
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


#: The template of :func:`owned`: the converter reads the field from its arguments.
OWNED = "{owner}.{field}: {problem}"


def owned(owner: str, field: str, problem: Message) -> Composed:
    """``Owner.field: problem``: the class and field are names in code, the problem is
    shown in the reader's language (a plan file's finding puts the field in its path)."""
    return Composed(OWNED, owner=owner, field=field, problem=problem)


def code(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A stable ASCII code with no spaces."""
    if not isinstance(value, str) or not CODE_PATTERN.fullmatch(value):
        problem = Message(
            "{value!r} is not a code (expected ASCII letters, digits, '-', '_' or '.', with "
            "no spaces)",
            value=value,
        )
        raise InvalidValueError(owned(_owner(inst), attribute.name, problem))


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
            problem = Message("{item!r} is listed twice", item=item)
            raise InvalidValueError(owned(_owner(inst), attribute.name, problem))
        seen.add(item)


def unit_code(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An official GSO unit code: 2 (province), 3 (district) or 5 (commune) digits."""
    if not isinstance(value, str) or not _UNIT_CODE.fullmatch(value):
        problem = Message(
            "{value!r} is not an official unit code (expected 2 to 5 digits, e.g. '30', "
            "'298', '11074')",
            value=value,
        )
        raise InvalidValueError(owned(_owner(inst), attribute.name, problem))


def non_empty(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A string with some text in it."""
    if not isinstance(value, str) or not value.strip():
        problem = Message("expected some text, got {value!r}", value=value)
        raise InvalidValueError(owned(_owner(inst), attribute.name, problem))


def non_negative(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A number that is zero or more."""
    if not isinstance(value, int | float) or value < 0:
        problem = Message("{value!r} is negative (expected 0 or more)", value=value)
        raise InvalidValueError(owned(_owner(inst), attribute.name, problem))


def dates_in_order(start_field: str, end_field: str) -> Callable[[Any], None]:
    """A check for ``__attrs_post_init__``: the end is not before the start."""

    def check(inst: Any) -> None:
        start: date | None = getattr(inst, start_field)
        end: date | None = getattr(inst, end_field)
        if start is not None and end is not None and end < start:
            problem = Message(
                "{end} is before {start_field} {start} (expected an end on or after the start)",
                end=end,
                start_field=start_field,
                start=start,
            )
            raise InvalidValueError(owned(_owner(inst), end_field, problem))

    return check
