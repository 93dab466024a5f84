"""How a cell of a report table is written as text, shared by the text formats."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

from tabulate import tabulate

from child_welfare_plan.reports.base import Block

__all__ = ["cell_text", "shown_rows", "tabulate_block"]


def cell_text(value: Any, percent: bool = False) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if percent and isinstance(value, int | float):
        return f"{value * 100:.1f} %"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def shown_rows(block: Block) -> list[list[str]]:
    percent = {block.columns.index(c) for c in block.percent_columns if c in block.columns}
    return [[cell_text(v, i in percent) for i, v in enumerate(row)] for row in block.rows]


def tabulate_block(block: Block, fmt: str) -> str:
    if not block.rows:
        return "(none)"
    return tabulate(
        shown_rows(block), headers=list(block.columns), tablefmt=fmt, disable_numparse=True
    )
