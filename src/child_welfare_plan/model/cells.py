"""Cells: values as a table gives them, before they are read as model values."""

from __future__ import annotations

from collections.abc import Sequence

from child_welfare_plan.i18n.localized import Message

__all__ = [
    "Cell",
    "cell_text",
    "echo",
    "listing",
    "shorten",
    "width_problem",
]

Cell = str | int | float | bool | None
"""A cell of a table: text from CSV, or a JSON scalar (a spreadsheet's number or boolean)."""


def cell_text(cell: Cell) -> str:
    """A cell as stripped text: None is empty, a boolean ``true``/``false``, a number as
    Python writes it. A float keeps its ``.0`` (``11074.0``), so that a JSON cell is read
    as the same text in CSV would be."""
    if type(cell) is str:
        return cell.strip()
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    return str(cell).strip()


def shorten(text: str, limit: int = 300) -> str:
    """``text`` cut to about ``limit`` characters, the full length noted."""
    if len(text) <= limit:
        return text
    return Message("{start}… ({n:,} characters)", start=text[: max(limit - 25, 10)], n=len(text))


def listing(codes: Sequence[str], limit: int = 12) -> str:
    """Codes a message lists, the first ``limit`` of them and how many more: a catalog of a
    hundred indicators is not a message."""
    shown = ", ".join(codes[:limit])
    more = len(codes) - limit
    return Message("{shown}, and {more} more", shown=shown, more=more) if more > 0 else shown


def echo(value: object, limit: int = 60) -> str:
    """A cell or other user text as a message quotes it: its ``repr``, cut to about
    ``limit`` characters with the full length noted, so that a 50 MB cell never becomes a
    50 MB message."""
    if not isinstance(value, str):
        return shorten(repr(value), limit)
    if len(value) <= limit:
        return repr(value)
    return Message(
        "{start!r}… ({n:,} characters)", start=value[: max(limit - 25, 10)], n=len(value)
    )


def width_problem(record: object, width: int) -> str:
    """The message of a row with another number of cells than the header has columns."""
    cells = list(record) if isinstance(record, list | tuple) else []
    if any(isinstance(c, str) and "\n" in c for c in cells):
        return Message(
            "the row has {cells} cells but the header has {width} columns (a quoted cell runs "
            "over several lines: is a closing quote missing?)",
            cells=len(cells),
            width=width,
        )
    return Message(
        "the row has {cells} cells but the header has {width} columns",
        cells=len(cells),
        width=width,
    )
