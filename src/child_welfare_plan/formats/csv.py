"""The ``csv`` output format: one tidy table per file, safe to open in a spreadsheet.

The tables are those of the report's stable JSON ``data`` (design §7): every list of
objects is a table named by its key (``items``, ``rates``, ``values``, ``indicators``,
``targets``, ``findings``...; a dotted path where two lists share a key). One row per
object; a nested object's keys become columns ``location.file``, ``location.row``...; a
list of plain values is one cell joined by ``;``; a list of objects inside a row is a table
of its own, each row naming its parent (``task_groups.id``). The data's own plain keys make
one more table of one row, named after the command (``deadline``: rule, date, last on-time
day...; ``status``: as_of, plan).

``--table NAME`` picks the table; without it, the report's ``main_table`` (or the first
table). ``--bom`` starts the file with a UTF-8 byte order mark, which Excel needs to read
Vietnamese correctly. A text cell that starts like a formula is prefixed with ``'``.

References:
    * RFC 4180, Common Format and MIME Type for Comma-Separated Values (CSV) Files.
    * H. Wickham, "Tidy Data", Journal of Statistical Software 59(10), 2014: one
      observation per row, one variable per column, one table per file.
    * OWASP, "CSV Injection" (prefixing cells that begin with =, +, -, @, tab or CR).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

import attrs

from child_welfare_plan.errors import NotFoundError
from child_welfare_plan.formats.options import RenderOptions
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.reports.base import Report
from child_welfare_plan.reports.records import empty_record

__all__ = ["DataTable", "data_tables", "render_csv", "safe_csv_cell"]


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


@attrs.frozen
class DataTable:
    """One table of a report's data: its columns and its rows (dicts of flat cells)."""

    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]


def _is_table(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(x, Mapping) for x in value)


def _flat(value: Any) -> Any:
    """A list of plain values as one cell; anything else as it is."""
    if isinstance(value, list):
        if all(not isinstance(x, Mapping | list) for x in value):
            return ";".join("" if x is None else str(safe_csv_cell(x)) for x in value)
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


class _Collector:
    def __init__(self) -> None:
        self.tables: dict[tuple[str, ...], list[dict[str, Any]]] = {}

    def mapping(self, data: Mapping[str, Any], path: tuple[str, ...]) -> None:
        for key, value in data.items():
            if _is_table(value):
                self.rows(value, (*path, key), {})
            elif isinstance(value, list) and not value:
                self.tables.setdefault((*path, key), [])
            elif isinstance(value, list) and path == ():
                self.tables[(key,)] = [{"value": x} for x in value]
            elif isinstance(value, Mapping):
                self.mapping(value, (*path, key))

    def rows(
        self, items: Iterable[Mapping[str, Any]], path: tuple[str, ...], ref: dict[str, Any]
    ) -> None:
        out = self.tables.setdefault(path, [])
        for n, item in enumerate(items, start=1):
            row = dict(ref)
            children: list[tuple[str, list[Mapping[str, Any]]]] = []
            _flatten(item, "", row, children)
            out.append(row)
            key = next((k for k in ("id", "code") if k in item), None)
            own = {f"{path[-1]}.{key}": item[key]} if key else {f"{path[-1]}.row": n}
            for name, child in children:
                self.rows(child, (*path, name), {**ref, **own})


def _flatten(
    item: Mapping[str, Any],
    prefix: str,
    row: dict[str, Any],
    children: list[tuple[str, list[Mapping[str, Any]]]],
) -> None:
    for key, value in item.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            _flatten(value, f"{name}.", row, children)
        elif _is_table(value):
            children.append((name, value))
        else:
            row[name] = _flat(value)


def data_tables(report: Report) -> dict[str, DataTable]:
    """The tables of ``report.data`` by name, in the order the data holds them."""
    collector = _Collector()
    collector.mapping(report.data, ())
    found = collector.tables
    row: dict[str, Any] = {}
    _flatten({k: v for k, v in report.data.items() if not isinstance(v, list)}, "", row, [])
    if row or not found:
        # The data's own keys: one row, named after the command (or ``<command>-summary``
        # when a list of the data already has the command's name, as ``cwp units`` does).
        own = report.kind if (report.kind,) not in found else f"{report.kind}-summary"
        found[(own,)] = [row]
    last = [path[-1] for path in found]
    tables: dict[str, DataTable] = {}
    for path, rows in found.items():
        name = path[-1] if last.count(path[-1]) == 1 else ".".join(path)
        columns: dict[str, None] = {}
        for row in rows:
            columns.update(dict.fromkeys(row))
        if not rows:
            example = empty_record(report.kind, path[-1])
            if example is not None:
                flat: dict[str, Any] = {}
                _flatten(example, "", flat, [])
                columns.update(dict.fromkeys(flat))
            else:
                columns[path[-1]] = None
        tables[name] = DataTable(tuple(columns), tuple(rows))
    return tables


def render_csv(report: Report, options: RenderOptions | None = None) -> str:
    """One table of the report's data as CSV (see the module docs).

    Raises:
        NotFoundError: ``options.table`` names no table of this report.
    """
    options = options or RenderOptions()
    tables = data_tables(report)
    name = options.table or report.main_table
    if name is None or (options.table is None and name not in tables):
        name = next(iter(tables))
    if name not in tables:
        raise NotFoundError(
            Message(
                "no table {name!r} in the output of `cwp {command}` (tables: {tables})",
                name=name,
                command=report.kind,
                tables=", ".join(tables),
            )
        )
    table = tables[name]
    buffer = io.StringIO()
    if options.bom:
        buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_csv_cell(c) for c in table.columns])
    for row in table.rows:
        writer.writerow([safe_csv_cell(row.get(c)) for c in table.columns])
    return buffer.getvalue()
