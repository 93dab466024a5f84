"""Cells of a table of incidents and submissions that hold a moment or a date, read with
the findings that say why one cannot be read (in the reader's language)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from child_welfare_plan.calendars.dates import parse_received
from child_welfare_plan.errors import CwpError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.spreadsheets import serial_date_hint
from child_welfare_plan.io.tables import error_message
from child_welfare_plan.model.cells import Cell, cell_text, echo

__all__ = ["EMPTY_INCIDENT_CELL", "in_column", "read_moment"]

Add = Callable[[str, str, int, str], None]
"""Adds a finding: ``add(code, message, row, column)``."""

EMPTY_INCIDENT_CELL = {
    "id": Message("the incident's id is empty"),
    "kind": Message("the incident's kind is empty"),
    "unit": Message("the incident's unit is empty"),
}


def in_column(column: str, problem: str) -> Message:
    """``problem`` with the column it is in before it (``received: …``)."""
    return Message("{column}: {problem}", column=column, problem=problem)


def read_moment(add: Add, cell: Cell, number: int, column: str) -> tuple[datetime | None, bool]:
    """A datetime cell and whether it could be read: None for an empty cell, a date at
    00:00 (with a warning for ``known``); an unreadable one (a plain number among them) is
    a ``bad-date`` finding."""
    text = cell_text(cell)
    if not text:
        return None, True
    hint = serial_date_hint(cell)
    if hint is not None:
        add("bad-date", in_column(column, hint), number, column)
        return None, False
    try:
        value = parse_received(text)
    except CwpError as exc:
        add("bad-date", in_column(column, error_message(exc)), number, column)
        return None, False
    if isinstance(value, datetime):
        return value, True
    if column == "known":
        add(
            "known-without-time",
            Message(
                "known {text} has no time; the time limit is counted from 00:00 that day",
                text=echo(text),
            ),
            number,
            column,
        )
    return datetime(value.year, value.month, value.day), True
