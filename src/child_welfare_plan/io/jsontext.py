"""JSON read strictly enough that nothing in it is lost or changed in silence.

:func:`json.loads` keeps the last of two equal keys, turns ``1e400`` into infinity and
stops with a ``RecursionError`` on an array nested 100,000 deep. :func:`load_json` keeps
every key (an object that repeats one is marked, see :func:`repeated_keys`), keeps a number
too large for a float as its text (so that it is reported as written), and turns a nesting
too deep to read into a :class:`JsonError` like any other malformed JSON.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from typing import Any

from child_welfare_plan.i18n.localized import Message

__all__ = ["JsonError", "RepeatedKeys", "load_json", "nesting_depth", "repeated_keys"]


class JsonError(ValueError):
    """Text that is not JSON this library reads; ``line`` is where, when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class RepeatedKeys(dict[str, Any]):
    """A JSON object that gives a key more than once; :attr:`repeated` names them (the
    object holds the first value of each, but it must not be used as if it were whole)."""

    repeated: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    repeated: list[str] = []
    for key, value in pairs:
        if key in out:
            repeated.append(key)
            continue
        out[key] = value
    if not repeated:
        return out
    marked = RepeatedKeys(out)
    marked.repeated = tuple(dict.fromkeys(repeated))
    return marked


def _float(text: str) -> float | str:
    """A JSON number with a fraction or exponent; one beyond a float's range stays text
    (``"1e400"``), so that the reader reports it as written instead of as infinity."""
    value = float(text)
    return value if math.isfinite(value) else text


def load_json(text: str) -> Any:
    """Parse ``text`` as JSON (see the module docs).

    Raises:
        JsonError: malformed JSON, or nesting too deep to read.
    """
    try:
        return json.loads(text, object_pairs_hook=_object, parse_float=_float)
    except json.JSONDecodeError as exc:
        raise JsonError(Message("not valid JSON: {reason}", reason=str(exc)), exc.lineno) from None
    except RecursionError:
        raise JsonError(Message("the JSON is nested too deeply to read")) from None
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise JsonError(Message("not valid JSON: {reason}", reason=str(exc))) from None


def repeated_keys(value: Any) -> Iterator[tuple[str, str]]:
    """``(path, key)`` for every key given twice in one object anywhere in ``value``
    (walked without recursion, however deep)."""
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack:
        item, path = stack.pop()
        if isinstance(item, dict):
            for key in getattr(item, "repeated", ()):
                yield path, key
            children = [(v, f"{path}.{k}" if path else str(k)) for k, v in item.items()]
            stack.extend(reversed(children))
        elif isinstance(item, list):
            stack.extend(reversed([(v, f"{path}[{i}]") for i, v in enumerate(item)]))


def nesting_depth(value: Any) -> int:
    """How deeply objects and arrays nest in ``value`` (a scalar is 0; walked without
    recursion)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            items: Any = item.values()
        elif isinstance(item, list):
            items = item
        else:
            continue
        deepest = max(deepest, depth + 1)
        stack.extend((v, depth + 1) for v in items)
    return deepest
