"""How a cell of a report table is written as text, shared by the text formats: numbers
and dates as the report's language writes them (:mod:`child_welfare_plan.i18n.formatting`)."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

from tabulate import tabulate

from child_welfare_plan.i18n import _
from child_welfare_plan.i18n.formatting import day, moment, number, percent
from child_welfare_plan.reports.base import Block

__all__ = ["cell_text", "shown_rows", "tabulate_block"]


def cell_text(value: Any, percent_column: bool = False, *, lang: str | None = None) -> str:
    """A cell as text in ``lang`` (the current language when None)."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if percent_column and isinstance(value, int | float):
        return percent(value, lang=lang)
    if isinstance(value, int | float):
        return number(value, lang=lang)
    if isinstance(value, datetime):
        return moment(value, lang=lang)
    if isinstance(value, date):
        return day(value, lang=lang)
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def shown_rows(block: Block, lang: str | None = None) -> list[list[str]]:
    """The rows of ``block`` as text."""
    shown = {block.columns.index(c) for c in block.percent_columns if c in block.columns}
    return [[cell_text(v, i in shown, lang=lang) for i, v in enumerate(row)] for row in block.rows]


def tabulate_block(block: Block, fmt: str, lang: str | None = None) -> str:
    """``block`` as a table in tabulate's format ``fmt``."""
    if not block.rows:
        return _("(none)")
    return tabulate(
        shown_rows(block, lang), headers=list(block.columns), tablefmt=fmt, disable_numparse=True
    )
