"""The ``csv`` output format, safe to open in a spreadsheet: a text cell that starts like a
formula is prefixed with ``'``.

References:
    * OWASP, "CSV Injection" (prefixing cells that begin with =, +, -, @, tab or CR).
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from enum import Enum
from typing import Any

from child_welfare_plan.reports.base import Report

__all__ = ["render_csv", "safe_csv_cell"]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_csv_cell(value: Any) -> Any:
    """A cell a spreadsheet will not run: text starting with =, +, -, @, tab or CR gets a
    leading ``'``. Numbers are left as numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return safe_csv_cell(value.value)
    return "" if value is None else value


def render_csv(report: Report) -> str:
    """Every table as CSV rows ``section,table,<columns...>``, one header per table."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for section in report.sections:
        for block in section.tables:
            writer.writerow([safe_csv_cell(x) for x in ("section", "table", *block.columns)])
            for row in block.rows:
                cells = (section.heading, block.title or "", *row)
                writer.writerow([safe_csv_cell(x) for x in cells])
            writer.writerow([])
    return buffer.getvalue()
