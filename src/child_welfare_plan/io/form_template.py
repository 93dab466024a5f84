"""Blank forms to fill: an ``.xlsx`` workbook written from a form layout.

The sheet carries the form's title, the plan, the unit and the period (filled in), the
column headings and one labelled row per indicator. Only the input cells can be edited:
the sheet is protected and the input cells alone unlocked; Excel's data validation limits
them to whole numbers of 0 or more (0 or 1 for a yes/no indicator). The form's id is
written in its ``id_cell`` so that a filled copy is recognised when it is read back.

Writing needs the optional ``office`` extra (openpyxl, imported when a form is written).

References:
    * ECMA-376 Part 1 §18.3.1.85 (sheetProtection), §18.3.1.32 (dataValidation), §18.8.33
      (protection of a cell format: locked).
"""

from __future__ import annotations

import io
from typing import Any

from child_welfare_plan.catalogs import Catalog
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.forms import FormCell, FormLayout, parse_cell_ref
from child_welfare_plan.io.ooxml import day_moment, settle
from child_welfare_plan.io.spreadsheets import MissingExtraError, column_letter
from child_welfare_plan.model.indicators import ValueType, parse_disaggregation
from child_welfare_plan.model.periods import Period
from child_welfare_plan.model.plan import Plan

__all__ = ["form_labels", "write_template"]

_INPUT_FILL = "FFF2CC"
_CLOSED_FILL = "D9D9D9"


def _value_names(catalog: Catalog, key: str) -> str:
    names = []
    for dim, value in parse_disaggregation(key).items():
        if catalog.has("dimension", dim):
            terms = {t.code: t.name for t in catalog.dimension(dim).values}
            names.append(terms.get(value, value))
        else:
            names.append(value)
    return ", ".join(names)


def form_labels(layout: FormLayout, catalog: Catalog) -> tuple[dict[int, str], dict[str, str]]:
    """The label of each row (by number) and the heading of each column (by letter): the
    layout's own, else the catalog's names."""
    rows: dict[int, str] = {}
    for row in layout.rows:
        label = row.label
        if not label:
            label = (
                catalog.indicator(row.indicator).name
                if catalog.has("indicator", row.indicator)
                else row.indicator
            )
            if row.disaggregation:
                label = f"{label}: {_value_names(catalog, row.disaggregation)}"
        rows[row.row] = label
    columns = {
        c.column: c.label or (_value_names(catalog, c.disaggregation) or "Tổng số")
        for c in layout.columns
    }
    return rows, columns


def _is_boolean(catalog: Catalog, cell: FormCell) -> bool:
    return (
        catalog.has("indicator", cell.indicator)
        and catalog.indicator(cell.indicator).value_type is ValueType.BOOLEAN
    )


def write_template(
    layout: FormLayout, plan: Plan, catalog: Catalog, unit: str, period: Period
) -> bytes:
    """A blank copy of ``layout`` for ``unit`` and ``period``, as ``.xlsx`` bytes.

    Raises:
        MissingExtraError: openpyxl (the ``office`` extra) is not installed.
    """
    try:
        import openpyxl  # the optional `office` extra
        from openpyxl.styles import Alignment, Font, PatternFill, Protection
        from openpyxl.worksheet.datavalidation import DataValidation
    except ImportError:
        raise MissingExtraError(
            Message(
                "writing a form needs the `office` extra: pip install 'child-welfare-plan[office]'"
            )
        ) from None

    book = openpyxl.Workbook()
    ws: Any = book.active
    ws.title = layout.sheet
    bold = Font(bold=True)
    rows, headings = form_labels(layout, catalog)
    last_column = max([1, *(c.index for c in layout.columns)])

    ws["A1"] = layout.title
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = f"Kế hoạch: {plan.title} ({plan.id})"
    if layout.id_cell:
        ws[layout.id_cell] = layout.id
        ws[layout.id_cell].font = Font(size=8, color="808080")

    unit_name = plan.hierarchy.get(unit).name if unit in plan.hierarchy else ""
    dates = f"{period.start.strftime('%d/%m/%Y')} - {period.end.strftime('%d/%m/%Y')}" + (
        f" ({plan.period_convention})" if str(plan.period_convention) != "calendar" else ""
    )
    for ref, label, value, note in (
        (layout.unit, "Đơn vị:", unit, unit_name),
        (layout.period, "Kỳ báo cáo:", period.id, dates),
    ):
        row, column = parse_cell_ref(ref)
        if column > 0:
            ws.cell(row=row, column=column, value=label).font = bold
        target = ws.cell(row=row, column=column + 1, value=value)
        target.number_format = "@"  # text: 2023 stays the period 2023, 11074 a code
        target.font = bold
        ws.cell(row=row, column=column + 2, value=note)

    if layout.header_row:
        for column, text in ((1, "STT"), (2, "Chỉ tiêu")):
            ws.cell(row=layout.header_row, column=column, value=text).font = bold
        for form_column in layout.columns:
            cell = ws.cell(
                row=layout.header_row,
                column=form_column.index + 1,
                value=headings[form_column.column],
            )
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")

    inputs = {(c.row, c.column): c for c in layout.cells}
    closed = PatternFill("solid", fgColor=_CLOSED_FILL)
    open_fill = PatternFill("solid", fgColor=_INPUT_FILL)
    counts: list[str] = []
    flags: list[str] = []
    for number, form_row in enumerate(sorted(layout.rows, key=lambda r: r.row), start=1):
        ws.cell(row=form_row.row, column=1, value=number)
        label = ws.cell(row=form_row.row, column=2, value=rows[form_row.row])
        label.alignment = Alignment(vertical="center")
        for form_column in layout.columns:
            cell = ws.cell(row=form_row.row, column=form_column.index + 1)
            held = inputs.get((form_row.row, form_column.index))
            if held is None:
                cell.fill = closed
                continue
            cell.protection = Protection(locked=False)
            cell.fill = open_fill
            (flags if _is_boolean(catalog, held) else counts).append(cell.coordinate)

    if counts:
        whole = DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Số liệu không hợp lệ",
            error="Nhập một số nguyên không âm (0, 1, 2, ...).",
        )
        for ref in counts:
            whole.add(ref)
        ws.add_data_validation(whole)
    if flags:
        yes_no = DataValidation(
            type="whole",
            operator="between",
            formula1="0",
            formula2="1",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Số liệu không hợp lệ",
            error="Nhập 1 (có) hoặc 0 (không).",
        )
        for ref in flags:
            yes_no.add(ref)
        ws.add_data_validation(yes_no)

    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 60
    for index in range(2, last_column + 1):
        ws.column_dimensions[column_letter(index)].width = 12
    if layout.header_row:
        ws.freeze_panes = ws.cell(row=layout.header_row + 1, column=3)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.protection.sheet = True
    out = io.BytesIO()
    book.save(out)
    return settle(out.getvalue(), day_moment(period.start))  # the same form, the same bytes
