"""The ``json`` output format: a report's stable data (design §7)."""

from __future__ import annotations

import json
from datetime import date, datetime
from enum import Enum
from typing import Any

from child_welfare_plan.reports.base import Report

__all__ = ["COMPACT_JSON_ABOVE", "render_json"]


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


#: Reports with more list entries than this are written as compact JSON (one line):
#: Python's JSON encoder is several times slower when it indents.
COMPACT_JSON_ABOVE = 5_000


def _entries(data: Any) -> int:
    if isinstance(data, dict):
        return sum(_entries(v) for v in data.values() if isinstance(v, list | dict))
    if isinstance(data, list):
        return len(data)
    return 0


def _dumps(data: Any, indent: bool) -> str:
    """JSON text of ``data``: with orjson when it is installed (the ``fast`` extra, several
    times faster on national outputs), else with the standard library; both give the same
    document."""
    try:
        import orjson  # the optional `fast` extra
    except ImportError:
        pass
    else:
        option = orjson.OPT_INDENT_2 if indent else 0
        try:
            return orjson.dumps(data, default=_json_default, option=option).decode("utf-8")
        except TypeError:
            pass  # an integer beyond 64 bits, say: the standard library writes it
    return json.dumps(data, ensure_ascii=False, indent=2 if indent else None, default=_json_default)


def render_json(report: Report) -> str:
    """The report's stable data as UTF-8 JSON: indented for people, compact (one line) when
    it holds more than :data:`COMPACT_JSON_ABOVE` entries, as national runs do."""
    return _dumps(report.data, _entries(report.data) <= COMPACT_JSON_ABOVE) + "\n"
