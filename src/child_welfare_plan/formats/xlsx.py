"""The ``xlsx`` output format: an Excel workbook with one sheet per table of the report.

Sheets are named from the section heading and the table's title, wholly in the report's
language (:func:`sheet_tables`; at most 31 characters, unique, none of
``[ ] : * ? / \\``, as Excel requires). Cells keep their types: numbers
are numbers, dates are dates (shown dd/mm/yyyy), fractions of a percentage column (rates,
coverage) are percentage cells, and so are the figures of indicators measured in %
(:class:`~child_welfare_plan.reports.base.Percentage`: ``91.67`` is stored as 0.9167 and
shown ``91.67%``); a withheld count stays the marker its table prints (``x``). Each sheet
has a bold, frozen header row with a filter, and columns as wide as their content.

Needs the ``office`` extra (openpyxl), imported when a workbook is written.

References:
    * ECMA-376 Office Open XML, Part 1 §18.2.20 (sheet: name) and §18.8.30 (numFmt).
    * Microsoft Support, "Rename a worksheet": at most 31 characters, none of
      ``/ \\ ? * : [ ]``, not blank, not starting or ending with an apostrophe.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from typing import Any

from child_welfare_plan.calendars.dates import local_moment
from child_welfare_plan.errors import MissingDependencyError
from child_welfare_plan.formats.cells import cell_text
from child_welfare_plan.i18n import in_report_language
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.ooxml import day_moment, settle
from child_welfare_plan.reports.base import Block, Percentage, Report

__all__ = [
    "DATE_FORMAT",
    "PERCENT_FORMAT",
    "PERCENT_POINTS_FORMAT",
    "render_xlsx",
    "sheet_name",
    "sheet_tables",
]

#: Excel number formats of the cells (the digits' separators follow the reader's locale).
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
PERCENT_FORMAT = "0.0%"
PERCENT_POINTS_FORMAT = "0.00%"
"""The format of an indicator measured in %: two decimals, as the text formats show it."""
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.00"

_MAX_NAME = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_WITHHELD = re.compile(r"<\d+|x")
_HEADER_FILL = "FFE8E8E8"
_MIN_WIDTH, _MAX_WIDTH = 6, 60
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters an xlsx cell cannot hold."""


def sheet_name(title: str, taken: set[str]) -> str:
    """A valid, unused sheet name for ``title`` (added to ``taken``, compared ignoring case
    as Excel does)."""
    base = " ".join(_FORBIDDEN.sub(" ", title).split()).strip("'").strip()
    base = base or str(len(taken) + 1)
    name = _cut(base, _MAX_NAME)
    n = 1
    while name.casefold() in taken:
        n += 1
        tail = f" ({n})"
        name = _cut(base, _MAX_NAME - len(tail)) + tail
    taken.add(name.casefold())
    return name


def _cut(text: str, size: int) -> str:
    """``text`` in at most ``size`` characters: when longer, cut after a whole word (in its
    second half) and marked with an ellipsis."""
    if len(text) <= size:
        return text
    head = text[: size - 1]
    space = head.rfind(" ")
    if space > size // 2:
        head = head[:space]
    return head.rstrip(" -,.;'") + "…"


def sheet_tables(report: Report) -> list[tuple[str, Block]]:
    """The tables of ``report`` with the title of each sheet: the section's name (its
    ``sheet``, else its heading), then the table's own (its ``sheet``, else its title) when
    it has one. Both are in the report's language: a builder whose heading or title holds
    the plan's Vietnamese words gives an English report other names for its sheets."""
    out: list[tuple[str, Block]] = []
    for section in report.sections:
        name = section.sheet if section.sheet is not None else section.heading
        for block in section.tables:
            title = name
            own = block.sheet if block.sheet is not None else block.title
            if own and own != section.heading:
                title = f"{name} - {own}"
            out.append((title, block))
    return out


def _cell(value: Any, percent: bool) -> tuple[Any, str | None]:
    """The value an xlsx cell holds, and its number format."""
    if isinstance(value, Enum):
        value = value.value
    if value is None or isinstance(value, bool):
        return value, None
    if isinstance(value, Percentage):
        return float(value) / 100, PERCENT_POINTS_FORMAT
    if isinstance(value, int | float):
        if percent:
            return value, PERCENT_FORMAT
        whole = isinstance(value, int) or float(value).is_integer()
        return value, INTEGER_FORMAT if whole else DECIMAL_FORMAT
    if isinstance(value, datetime):
        return local_moment(value), DATETIME_FORMAT
    if isinstance(value, date):
        return value, DATE_FORMAT
    return _ILLEGAL.sub("", str(value)), None


def _widths(block: Block) -> Iterable[int]:
    percent = {block.columns.index(c) for c in block.percent_columns if c in block.columns}
    for i, column in enumerate(block.columns):
        longest = max(
            [len(column), *(len(cell_text(row[i], i in percent)) for row in block.rows[:1000])]
        )
        yield max(_MIN_WIDTH, min(_MAX_WIDTH, longest + 2))


@in_report_language
def render_xlsx(report: Report) -> bytes:
    """The report's tables as an Excel workbook, one sheet each (see the module docs)."""
    try:
        import openpyxl  # the optional `office` extra
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise MissingDependencyError(
            Message(
                "the xlsx format needs the `office` extra: pip install 'child-welfare-plan[office]'"
            )
        ) from None

    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    book.properties.title = report.title
    taken: set[str] = set()
    tables = sheet_tables(report)
    if not tables:  # a workbook has at least one sheet: the report's words
        lines = [report.title, *(p for s in report.sections for p in (s.heading, *s.paragraphs))]
        tables = [(report.title, Block((report.title,), [(line,) for line in lines[1:]]))]
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", start_color=_HEADER_FILL, end_color=_HEADER_FILL)
    for title, block in tables:
        sheet = book.create_sheet(sheet_name(title, taken))
        percent = set(block.percent_columns)
        for col, heading in enumerate(block.columns, start=1):
            cell = sheet.cell(row=1, column=col, value=_ILLEGAL.sub("", heading))
            cell.font, cell.fill = header_font, header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for r, row in enumerate(block.rows, start=2):
            for col, (column, raw) in enumerate(zip(block.columns, row, strict=True), start=1):
                value, number_format = _cell(raw, column in percent)
                cell = sheet.cell(row=r, column=col, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text that starts with "=" stays text, never a formula
                    if _WITHHELD.fullmatch(value):
                        cell.alignment = Alignment(horizontal="right")
                if number_format is not None:
                    cell.number_format = number_format
        for col, width in enumerate(_widths(block), start=1):
            sheet.column_dimensions[get_column_letter(col)].width = width
        sheet.freeze_panes = "A2"
        if block.rows:
            last = get_column_letter(len(block.columns))
            sheet.auto_filter.ref = f"A1:{last}{len(block.rows) + 1}"
    buffer = io.BytesIO()
    book.save(buffer)
    day = report.document.day if report.document is not None else None
    return settle(buffer.getvalue(), day_moment(day))  # the same report, the same bytes
