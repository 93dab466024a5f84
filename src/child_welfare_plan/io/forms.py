"""Form layouts: the Excel forms (*biểu mẫu*) communes fill, read as data values.

A form puts indicators down the rows and breakdowns across the columns, with the unit and
the period in its heading. A pack declares the layout of each of its forms in a small TOML
file and registers it (hook ``register_form_layouts``)::

    id = "tu-ky-xa-6-thang"               # stable code; the template writes it in id_cell
    title = "BIỂU SỐ LIỆU VỀ TRẺ EM 6 THÁNG"
    sheet = "Biểu 01"
    unit = "C4"                           # the cell holding the unit's code
    period = "C5"                         # the cell holding the period id
    id_cell = "H1"
    header_row = 7                        # column headings (template only)
    period_types = ["sixmonthly"]

    [[columns]]                           # which column is which breakdown value
    column = "C"
    disaggregation = ""                   # the total
    label = "Tổng số"
    [[columns]]
    column = "D"
    disaggregation = "sex=male"
    label = "Nam"

    [[rows]]                              # which row is which indicator (and breakdown)
    row = 8
    indicator = "tre-em"
    columns = ["C", "D"]                  # its input cells (default: every column)

    [[column_totals]]                     # where totals sit: in each row that has them,
    total = "C"                           # C is the sum of D and E
    parts = ["D", "E"]
    [[row_totals]]                        # in each column that has them, row 11 is the
    total = 11                            # sum of rows 12 to 25
    parts = [12, 13]
    [[cell_totals]]                       # one cell the sum of others
    total = "D8"
    parts = ["F9", "G9"]

A cell's breakdown is its row's and its column's together (``sex=male`` and
``age_group=0-2``). An empty cell is not reported (a missing value is never a zero).

Reading a filled form (:func:`read_form`) gives one table row per filled cell, with the
unit and period of the heading, and checks the form's own totals: a total whose parts are
all filled must equal their sum, else a ``form-total-mismatch`` error located at the total's
cell (``form.xlsx, sheet Biểu 01, row 8, column C``). Every other finding about a value is
located at its cell, and one about the unit or period at the heading's cell.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping, Sequence
from importlib.abc import Traversable
from os import PathLike
from pathlib import Path
from typing import Any

import attrs

from child_welfare_plan.errors import CwpError, InvalidValueError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.sources import DataSource
from child_welfare_plan.io.spreadsheets import (
    SPREADSHEET_SUFFIXES,
    Sheet,
    column_letter,
    read_sheet,
    split_sheet,
)
from child_welfare_plan.io.tables import Table, error_message
from child_welfare_plan.model.cells import Cell, cell_text
from child_welfare_plan.model.findings import Finding, Location, Severity
from child_welfare_plan.model.indicators import canonical_disaggregation, parse_disaggregation
from child_welfare_plan.model.periods import PeriodType
from child_welfare_plan.model.validators import CODE_PATTERN

__all__ = [
    "FormCell",
    "FormColumn",
    "FormLayout",
    "FormRow",
    "cell_ref",
    "form_matches",
    "form_source",
    "layouts_for",
    "parse_cell_ref",
    "read_form",
]

_REF = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")
_LETTERS = re.compile(r"[A-Z]{1,3}")


def parse_cell_ref(ref: str) -> tuple[int, int]:
    """``C12`` → ``(12, 2)``: the row number (from 1) and the column index (from 0).

    Raises:
        InvalidValueError: not a cell reference.
    """
    match = _REF.fullmatch(ref.strip().upper())
    if match is None:
        raise InvalidValueError(
            Message("{ref!r} is not a cell reference (expected e.g. C12)", ref=ref)
        )
    return int(match[2]), _column_index(match[1])


def _column_index(letters: str) -> int:
    if not _LETTERS.fullmatch(letters):
        raise InvalidValueError(
            Message("{letters!r} is not a column letter (expected e.g. C)", letters=letters)
        )
    index = 0
    for char in letters:
        index = index * 26 + (ord(char) - ord("A") + 1)
    return index - 1


def cell_ref(row: int, column: int) -> str:
    """``(12, 2)`` → ``C12``."""
    return f"{column_letter(column)}{row}"


def _key(text: str, where: Message) -> str:
    try:
        return canonical_disaggregation(parse_disaggregation(text))
    except InvalidValueError as exc:
        raise InvalidValueError(
            Message("{where}: {problem}", where=where, problem=error_message(exc))
        ) from None


def _upper(text: object) -> str:
    return str(text).upper()


@attrs.frozen
class FormColumn:
    """A column of the form: its letter, the breakdown value it holds, its heading."""

    column: str = attrs.field(converter=_upper)
    disaggregation: str = ""
    label: str = ""

    @property
    def index(self) -> int:
        """The column's index from 0."""
        return _column_index(self.column)


@attrs.frozen
class FormRow:
    """A row of the form: its number, indicator, breakdown, input columns and label."""

    row: int
    indicator: str
    disaggregation: str = ""
    columns: tuple[str, ...] = ()
    label: str = ""


@attrs.frozen
class FormCell:
    """One input cell: where it is and what it holds."""

    row: int
    column: int
    indicator: str
    disaggregation: str

    @property
    def ref(self) -> str:
        """The cell's reference (``C12``)."""
        return cell_ref(self.row, self.column)

    @property
    def field(self) -> str:
        """What the cell holds, as findings name it (``tre-em, sex=male``)."""
        return f"{self.indicator}, {self.disaggregation or 'total'}"


@attrs.frozen(kw_only=True)
class FormLayout:
    """Where a form holds its unit, its period and each value (see the module docs).

    Raises:
        InvalidValueError: a bad cell reference, a row or column declared twice, two cells
            holding the same indicator and breakdown, a total naming a cell that is not an
            input cell.
    """

    id: str
    title: str
    sheet: str
    unit: str
    period: str
    columns: tuple[FormColumn, ...]
    rows: tuple[FormRow, ...]
    id_cell: str | None = None
    header_row: int | None = None
    period_types: tuple[PeriodType, ...] = ()
    plans: tuple[str, ...] = ()
    description: str = ""
    totals: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Each total cell with the cells that add up to it (references)."""
    cells: tuple[FormCell, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not CODE_PATTERN.fullmatch(self.id):
            raise InvalidValueError(Message("form layout id {id!r} is not a code", id=self.id))
        for ref in (self.unit, self.period, *([self.id_cell] if self.id_cell else [])):
            parse_cell_ref(ref)
        by_letter = {c.column: c for c in self.columns}
        if len(by_letter) != len(self.columns):
            raise InvalidValueError(
                Message("form {form}: a column is declared twice", form=self.id)
            )
        numbers = [r.row for r in self.rows]
        if len(set(numbers)) != len(numbers):
            raise InvalidValueError(Message("form {form}: a row is declared twice", form=self.id))
        cells: list[FormCell] = []
        seen: dict[tuple[str, str], str] = {}
        for row in self.rows:
            row_parts = parse_disaggregation(
                _key(row.disaggregation, Message("row {row}", row=row.row))
            )
            for letter in row.columns or tuple(by_letter):
                column = by_letter.get(letter.upper())
                if column is None:
                    raise InvalidValueError(
                        Message(
                            "form {form}: row {row} names column {letter!r}, which the "
                            "layout does not declare",
                            form=self.id,
                            row=row.row,
                            letter=letter,
                        )
                    )
                column_parts = parse_disaggregation(column.disaggregation)
                if set(row_parts) & set(column_parts):
                    raise InvalidValueError(
                        Message(
                            "form {form}: row {row} and column {letter} both break "
                            "{indicator} down by {keys}",
                            form=self.id,
                            row=row.row,
                            letter=letter,
                            indicator=row.indicator,
                            keys=", ".join(sorted(set(row_parts) & set(column_parts))),
                        )
                    )
                key = canonical_disaggregation({**row_parts, **column_parts})
                ref = cell_ref(row.row, column.index)
                if (row.indicator, key) in seen:
                    raise InvalidValueError(
                        Message(
                            "form {form}: {ref} and {other} both hold {indicator}, {key}",
                            form=self.id,
                            ref=ref,
                            other=seen[(row.indicator, key)],
                            indicator=row.indicator,
                            key=key,
                        )
                        if key
                        else Message(
                            "form {form}: {ref} and {other} both hold {indicator}, total",
                            form=self.id,
                            ref=ref,
                            other=seen[(row.indicator, key)],
                            indicator=row.indicator,
                        )
                    )
                seen[(row.indicator, key)] = ref
                cells.append(FormCell(row.row, column.index, row.indicator, key))
        refs = {c.ref for c in cells}
        for total, parts in self.totals:
            for ref in (total, *parts):
                if ref not in refs:
                    raise InvalidValueError(
                        Message(
                            "form {form}: the total at {total} names {ref}, which is not an "
                            "input cell of the layout",
                            form=self.id,
                            total=total,
                            ref=ref,
                        )
                    )
        object.__setattr__(self, "cells", tuple(cells))

    @classmethod
    def load(cls, path: str | PathLike[str] | Traversable) -> FormLayout:
        """Read a layout file (TOML, see the module docs).

        Raises:
            CwpError: the file cannot be read or is not a valid layout (the message names
                the file).
        """
        try:
            file = Path(path) if isinstance(path, str | PathLike) else path
            return cls.from_data(tomllib.loads(file.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise CwpError(
                Message(
                    "{file}: cannot read the form layout: {reason}", file=str(path), reason=str(exc)
                )
            ) from None
        except (InvalidValueError, KeyError, TypeError, ValueError) as exc:
            raise CwpError(
                Message(
                    "{file}: not a valid form layout: {reason}",
                    file=str(path),
                    reason=error_message(exc),
                )
            ) from None

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> FormLayout:
        """A layout from the data of a layout file."""
        rows = tuple(
            FormRow(
                row=int(r["row"]),
                indicator=str(r["indicator"]),
                disaggregation=str(r.get("disaggregation", "")),
                columns=tuple(str(c).upper() for c in r.get("columns", ())),
                label=str(r.get("label", "")),
            )
            for r in data.get("rows", ())
        )
        columns = tuple(
            FormColumn(
                column=str(c["column"]),
                disaggregation=_key(
                    str(c.get("disaggregation", "")), Message("column {column}", column=c["column"])
                ),
                label=str(c.get("label", "")),
            )
            for c in data.get("columns", ())
        )
        row_cells = {r.row: r.columns or tuple(c.column for c in columns) for r in rows}
        totals: list[tuple[str, tuple[str, ...]]] = []
        for item in data.get("column_totals", ()):
            total, parts = str(item["total"]).upper(), [str(p).upper() for p in item["parts"]]
            for number, letters in sorted(row_cells.items()):
                if total in letters and all(p in letters for p in parts):
                    totals.append((f"{total}{number}", tuple(f"{p}{number}" for p in parts)))
        for item in data.get("row_totals", ()):
            total_row, part_rows = int(item["total"]), [int(p) for p in item["parts"]]
            for column in columns:
                letter = column.column
                if letter in row_cells.get(total_row, ()) and all(
                    letter in row_cells.get(p, ()) for p in part_rows
                ):
                    totals.append(
                        (f"{letter}{total_row}", tuple(f"{letter}{p}" for p in part_rows))
                    )
        for item in data.get("cell_totals", ()):
            totals.append(
                (str(item["total"]).upper(), tuple(str(p).upper() for p in item["parts"]))
            )
        return cls(
            id=str(data["id"]),
            title=str(data.get("title", data["id"])),
            sheet=str(data.get("sheet", "Biểu 01")),
            unit=str(data["unit"]).upper(),
            period=str(data["period"]).upper(),
            columns=columns,
            rows=rows,
            id_cell=str(data["id_cell"]).upper() if data.get("id_cell") else None,
            header_row=int(data["header_row"]) if data.get("header_row") else None,
            period_types=tuple(PeriodType(t) for t in data.get("period_types", ())),
            plans=tuple(str(p) for p in data.get("plans", ())),
            description=str(data.get("description", "")),
            totals=tuple(totals),
        )

    def source_name(self) -> str:
        """The name of the data source that reads this form: ``form:<id>``."""
        return f"form:{self.id}"


def form_matches(layout: FormLayout, path: Path) -> bool:
    """True when ``path`` is a spreadsheet of this form: it has the form's sheet, and the
    form's id in its ``id_cell`` (a template written by ``cwp template``)."""
    file, _ = split_sheet(path)
    if file.suffix.lower() not in SPREADSHEET_SUFFIXES or layout.id_cell is None:
        return False
    try:
        sheet = read_sheet(file, layout.sheet)
    except CwpError:
        return False
    row, column = parse_cell_ref(layout.id_cell)
    return cell_text(sheet.cell(row, column)) == layout.id


def _number(cell: Cell) -> float | None:
    if isinstance(cell, bool) or not isinstance(cell, int | float | str):
        return None
    try:
        value = float(cell)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _shown(value: float) -> int | float:
    """A whole number as an ``int`` (shown with no places), another as it is."""
    return int(value) if value.is_integer() else value


def read_form(path: str | PathLike[str], layout: FormLayout) -> Table:
    """A filled form as a table of data values, its totals checked (see the module docs).

    Raises:
        CwpError: the file cannot be read as a spreadsheet or lacks the form's sheet.
    """
    file, _ = split_sheet(path)
    sheet = read_sheet(file, layout.sheet)
    findings: list[Finding] = []
    anchors: dict[str, Location] = {}
    heading: dict[str, str] = {}
    for name, ref in (("unit", layout.unit), ("period", layout.period)):
        row, column = parse_cell_ref(ref)
        anchors[name] = sheet.locate(row, column, name)
        heading[name] = cell_text(sheet.cell(row, column))
    rows: list[list[Cell]] = []
    places: list[Location] = []
    filled: dict[str, tuple[Cell, FormCell]] = {}
    for cell in layout.cells:
        value = sheet.cell(cell.row, cell.column)
        if cell_text(value) == "":
            continue
        filled[cell.ref] = (value, cell)
        rows.append(
            [heading["unit"], heading["period"], cell.indicator, cell.disaggregation, value]
        )
        places.append(sheet.locate(cell.row, cell.column, cell.field))
    findings.extend(_check_totals(sheet, layout, filled))
    if not rows:
        findings.append(
            Finding(
                Severity.ERROR,
                "empty-file",
                Message("no figure is filled in on form {form}", form=layout.id),
                Location(sheet.source, sheet=sheet.name),
            )
        )
    return Table(
        sheet.source,
        ("unit", "period", "indicator", "disaggregation", "value"),
        rows,
        range(1, len(rows) + 1),
        tuple(findings),
        sheet=sheet.name,
        places=tuple(places),
        anchors=anchors,
        totals_checked=True,
    )


def _check_totals(
    sheet: Sheet, layout: FormLayout, filled: Mapping[str, tuple[Cell, FormCell]]
) -> list[Finding]:
    findings: list[Finding] = []
    for total_ref, part_refs in layout.totals:
        if total_ref not in filled or not all(p in filled for p in part_refs):
            continue
        total = _number(filled[total_ref][0])
        parts = [_number(filled[p][0]) for p in part_refs]
        if total is None or any(p is None for p in parts):
            continue  # an unreadable number is reported where it is
        added = math.fsum(p for p in parts if p is not None)
        if math.isclose(total, added, rel_tol=1e-9, abs_tol=1e-9):
            continue
        cell = filled[total_ref][1]
        span = ", ".join(part_refs)
        findings.append(
            Finding(
                Severity.ERROR,
                "form-total-mismatch",
                Message(
                    "{total_ref} ({field}) is {total} but its parts {span} add up to {added}",
                    total_ref=total_ref,
                    field=cell.field,
                    total=_shown(total),
                    span=span,
                    added=_shown(added),
                ),
                sheet.locate(cell.row, cell.column, cell.field),
            )
        )
    return findings


def layouts_for(layouts: Sequence[FormLayout], plan_id: str) -> list[FormLayout]:
    """The layouts meant for ``plan_id`` (those naming no plan serve every plan)."""
    return [layout for layout in layouts if not layout.plans or plan_id in layout.plans]


def form_source(layout: FormLayout) -> DataSource:
    """The data source that reads filled copies of ``layout`` (``form:<id>``): it claims a
    spreadsheet that carries the form's id in its ``id_cell``."""
    return DataSource(
        layout.source_name(),
        SPREADSHEET_SUFFIXES,
        lambda path: read_form(path, layout),
        Message("the form {form}: {title}", form=layout.id, title=layout.title),
        sniff=lambda path: form_matches(layout, path),
    )
