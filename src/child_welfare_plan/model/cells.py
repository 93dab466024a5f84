"""Cells: values as a table gives them, before they are read as model values."""

from __future__ import annotations

__all__ = ["Cell", "cell_text"]

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
