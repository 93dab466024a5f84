"""Spreadsheets (``.xlsx``, ``.xlsm``, ``.xlsb``, ``.xls``, ``.ods``) read as tables.

The *long layout* is the CSV's layout on a sheet: a header row (the first row that is not
blank) with the CSV's column names, then one row per value or submission. The first sheet
is read, or the one named after ``#``: ``values.xlsx#Biểu 01``. What the same rows give in
CSV, they give here.

Cells keep their spreadsheet types: numbers stay numbers (a whole number is an ``int``:
``11074`` is the unit code 11074, not ``11074.0``), booleans stay booleans. A cell typed as a
date becomes its ISO text (``2023-06-07``, or ``2023-06-07T08:30:00`` with a time, read as
Vietnam time), which the loaders read as they read it in CSV; a date typed as text
(``07/06/2023``) is read as text. A date column holding a plain number (a date serial whose
cell lost its date format) is not guessed at: the loaders name it with the date it would be
(:func:`serial_date_hint`).

Findings of a spreadsheet are located by sheet, row number and column letter.

Reading needs the optional ``office`` extra (python-calamine, imported when a spreadsheet
is first read).

References:
    * ECMA-376 Part 1 §18.17.4 (SpreadsheetML dates: serial day numbers from 1899-12-30 in
      the 1900 date system, with 1900 wrongly taken as a leap year).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import Any

from child_welfare_plan.errors import CwpError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.tables import Table
from child_welfare_plan.model.cells import Cell, cell_text
from child_welfare_plan.model.findings import Finding, Location, Severity

__all__ = [
    "SPREADSHEET_SUFFIXES",
    "Sheet",
    "column_letter",
    "read_sheet",
    "read_spreadsheet_table",
    "serial_date_hint",
    "split_sheet",
]

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
"""The suffixes of the spreadsheet files read (Excel 2007+, Excel 97-2003, OpenDocument)."""

_EXCEL_EPOCH = dt.date(1899, 12, 30)
"""Day 0 of the 1900 date system as spreadsheets count it (serial 1 is 1900-01-01, and the
phantom 29/02/1900 makes every later serial one day ahead of a plain count from 31/12/1899)."""


class MissingExtraError(CwpError):
    """An optional library is needed and not installed."""


def split_sheet(path: str | PathLike[str]) -> tuple[Path, str | None]:
    """``values.xlsx#Biểu 01`` → ``(Path("values.xlsx"), "Biểu 01")``; a path that exists as
    a file, or has no ``#``, names no sheet."""
    text = str(path)
    if "#" not in text or Path(text).exists():
        return Path(text), None
    file, _, sheet = text.rpartition("#")
    return Path(file), sheet or None


def column_letter(index: int) -> str:
    """The letter of the column at ``index`` counted from 0: 0 → ``A``, 26 → ``AA``."""
    letters = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def serial_date_hint(cell: Cell) -> Message | None:
    """For a number in a date column: what it would be as a spreadsheet date serial, said so
    that the person can fix the cell; None for a cell that is not a number."""
    if isinstance(cell, bool) or not isinstance(cell, int | float):
        return None
    shown = cell_text(cell)
    try:
        day = _EXCEL_EPOCH + dt.timedelta(days=int(cell))
    except (OverflowError, ValueError):
        day = None
    if day is not None and 1 <= cell < 2958466:
        return Message(
            "{shown} is a number, not a date (as a spreadsheet date serial it would be "
            "{day}); give the cell a date format, or type the date as DD/MM/YYYY or YYYY-MM-DD",
            shown=shown,
            day=day,
        )
    return Message(
        "{shown} is a number, not a date; give the cell a date format, or type the date as "
        "DD/MM/YYYY or YYYY-MM-DD",
        shown=shown,
    )


class Sheet:
    """One sheet's cells, every row from row 1 and every column from column A."""

    def __init__(self, source: str, name: str, rows: list[list[Cell]]) -> None:
        self.source = source
        self.name = name
        self.rows = rows

    def cell(self, row: int, column: int) -> Cell:
        """The cell at a row number (from 1) and column index (from 0); ``""`` when empty."""
        if 1 <= row <= len(self.rows):
            line = self.rows[row - 1]
            if 0 <= column < len(line):
                return line[column]
        return ""

    def locate(self, row: int, column: int | None = None, field: str | None = None) -> Location:
        """A location on this sheet."""
        letter = column_letter(column) if column is not None else None
        return Location(file=self.source, row=row, column=letter, sheet=self.name, field=field)


def _cell(value: Any) -> Cell:
    """A calamine value as a table cell: empty → ``""`` (as in CSV), whole float → int, a
    date → ISO text."""
    if value is None:
        return ""
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def read_sheet(path: str | PathLike[str], sheet: str | None = None) -> Sheet:
    """The cells of ``sheet`` (default: the one named after ``#`` in ``path``, else the
    first sheet).

    Raises:
        MissingExtraError: python-calamine (the ``office`` extra) is not installed.
        CwpError: the file cannot be read as a spreadsheet, or has no such sheet (the
            message names the sheets it has).
    """
    file, named = split_sheet(path)
    wanted = sheet if sheet is not None else named
    try:
        import python_calamine  # the optional `office` extra
    except ImportError:
        raise MissingExtraError(
            Message(
                "reading {kind} files needs the `office` extra: "
                "pip install 'child-welfare-plan[office]'",
                kind=file.suffix or "spreadsheet",
            )
        ) from None
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(file))
    except Exception as exc:  # calamine raises its own errors, OSError and ValueError
        raise CwpError(
            Message(
                "{file}: cannot read the spreadsheet: {reason}", file=str(file), reason=str(exc)
            )
        ) from None
    names = list(workbook.sheet_names)
    if not names:
        raise CwpError(Message("{file}: the spreadsheet has no sheets", file=str(file)))
    if wanted is None:
        wanted = names[0]
    elif wanted not in names:
        raise CwpError(
            Message(
                "{file}: no sheet named {wanted!r} (sheets: {sheets})",
                file=str(file),
                wanted=wanted,
                sheets=", ".join(repr(n) for n in names),
            )
        )
    try:
        raw = workbook.get_sheet_by_name(wanted).to_python(skip_empty_area=False)
    except Exception as exc:
        raise CwpError(
            Message(
                "{file}: cannot read sheet {wanted!r}: {reason}",
                file=str(file),
                wanted=wanted,
                reason=str(exc),
            )
        ) from None
    rows = [[_cell(value) for value in line] for line in raw]
    return Sheet(str(file), wanted, rows)


def _blank(row: Sequence[Cell]) -> bool:
    return all(cell_text(c) == "" for c in row)


def read_spreadsheet_table(path: str | PathLike[str]) -> Table:
    """A sheet in the long layout as a :class:`Table`: the first row that is not blank is
    the header, each later row that is not blank a row of the table. A cell right of the
    header is a ``bad-row-width`` finding, as a longer row is in CSV."""
    sheet = read_sheet(path)
    source = sheet.source
    start = next((i for i, row in enumerate(sheet.rows) if not _blank(row)), None)
    if start is None:
        return Table(
            source,
            (),
            (),
            (),
            (
                Finding(
                    Severity.ERROR, "empty-file", Message("the sheet is empty"), Location(source)
                ),
            ),
            sheet=sheet.name,
        )
    header = list(sheet.rows[start])
    while header and cell_text(header[-1]) == "":
        header.pop()
    # The table may start right of column A: its first heading sets the first column.
    first = next(i for i, c in enumerate(header) if cell_text(c) != "")
    columns = tuple(cell_text(c) for c in header[first:])
    width = len(columns)
    letters = tuple(column_letter(first + i) for i in range(width))
    findings: list[Finding] = []
    seen: set[str] = set()
    for index, name in enumerate(columns):
        if name in seen:
            findings.append(
                Finding(
                    Severity.ERROR,
                    "duplicate-column",
                    Message("column {name!r} appears twice", name=name),
                    sheet.locate(start + 1, first + index),
                )
            )
        seen.add(name)
    rows: list[Sequence[Cell]] = []
    numbers: list[int] = []
    for number, line in enumerate(sheet.rows[start + 1 :], start + 2):
        if _blank(line):
            continue
        outside = [
            i for i in (*range(first), *range(first + width, len(line))) if cell_text(line[i]) != ""
        ]
        if outside:
            findings.append(
                Finding(
                    Severity.ERROR,
                    "bad-row-width",
                    Message(
                        "the row has a cell in column {column}, outside the header's "
                        "{width} columns",
                        column=column_letter(outside[0]),
                        width=width,
                    ),
                    sheet.locate(number, outside[0]),
                )
            )
            continue
        cells = list(line[first : first + width])
        cells.extend([""] * (width - len(cells)))
        rows.append(cells)
        numbers.append(number)
    # A header with no rows is an empty table, as in CSV: the loaders decide whether that is
    # normal (no submission received yet) or a problem (no data values).
    return Table(source, columns, rows, numbers, tuple(findings), sheet=sheet.name, labels=letters)
