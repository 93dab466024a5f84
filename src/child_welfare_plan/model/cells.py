"""Cells: values as a table gives them, before they are read as model values."""

from __future__ import annotations

__all__ = ["Cell", "cell_text", "echo", "shorten"]

Cell = str | int | float | bool | None
"""A cell of a table: text from CSV, or a JSON scalar (a spreadsheet's number or boolean)."""


def cell_text(cell: Cell) -> str:
    """A cell as stripped text: None is empty, a boolean ``true``/``false``, a whole float
    loses its ``.0`` (``11074.0`` → ``11074``)."""
    if type(cell) is str:
        return cell.strip()
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def shorten(text: str, limit: int = 300) -> str:
    """``text`` cut to about ``limit`` characters, the full length noted."""
    if len(text) <= limit:
        return text
    return f"{text[: max(limit - 25, 10)]}… ({len(text):,} characters)"


def echo(value: object, limit: int = 60) -> str:
    """A cell or other user text as a message quotes it: its ``repr``, cut to about
    ``limit`` characters with the full length noted, so that a 50 MB cell never becomes a
    50 MB message."""
    if not isinstance(value, str):
        return shorten(repr(value), limit)
    if len(value) <= limit:
        return repr(value)
    return f"{value[: max(limit - 25, 10)]!r}… ({len(value):,} characters)"
