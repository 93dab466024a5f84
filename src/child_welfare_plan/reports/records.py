"""The columns of the tables in a report's JSON ``data`` when a table has no rows.

A one-table-per-file format (CSV) takes a table's columns from its rows; an empty table
still needs its header, so that every file reads back (``pandas.read_csv`` refuses a file
with no columns). The columns here come from the result types' own JSON forms.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from child_welfare_plan.model.findings import Finding
from child_welfare_plan.model.units import Level
from child_welfare_plan.rules.aggregate import AGGREGATE_COLUMNS
from child_welfare_plan.rules.evaluate import IndicatorRow
from child_welfare_plan.rules.schedule import CalendarItem
from child_welfare_plan.rules.timeliness import Rate, Status, StatusItem

__all__ = ["empty_record"]


def _finding() -> dict[str, Any]:
    return Finding.error("-", "-").to_dict()


def _status_item() -> dict[str, Any]:
    return StatusItem(
        reporter="-", obligation="-", period=None, last_on_time_day=None, status=Status.PENDING
    ).to_dict()


def _rate() -> dict[str, Any]:
    return Rate(obligation="-", period=None, expected=0, received=0, on_time=None).to_dict()


def _value() -> dict[str, Any]:
    return dict.fromkeys(AGGREGATE_COLUMNS[:11])


def _indicator() -> dict[str, Any]:
    row = IndicatorRow(
        unit="00",
        name="-",
        level=Level.COMMUNE,
        indicator="-",
        value=None,
        coverage=None,
        complete=None,
    )
    return row.to_dict()


def _calendar_item() -> dict[str, Any]:
    day = date(2000, 1, 1)
    return CalendarItem(start=day, end=day, kind="event", id="-", title="-").to_dict()


_RECORDS: dict[str, Callable[[], dict[str, Any]]] = {
    "findings": _finding,
    "items": _status_item,
    "rates": _rate,
    "values": _value,
    "indicators": _indicator,
    "plans": lambda: dict.fromkeys(("id", "year", "title", "issuer")),
    "calendar:items": _calendar_item,
}


def empty_record(kind: str, table: str) -> dict[str, Any] | None:
    """A record with the keys a row of ``table`` has in the JSON of ``cwp kind`` (its values
    are placeholders), or None when this module does not know the table."""
    make = _RECORDS.get(f"{kind}:{table}") or _RECORDS.get(table)
    return make() if make is not None else None
