"""Tables read from CSV or JSON files, with every row's number kept for findings.

The built-in data sources (``csv`` and ``json``) produce a :class:`Table`; loaders of
submissions and data values read cells from it and turn every bad cell into a
:class:`~child_welfare_plan.model.Finding` located by file, row and column.
Row numbers are those a person sees: in a CSV file the header is row 1, so the first data
row is row 2; in a JSON array the first object is row 1.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import Any

import attrs

from child_welfare_plan.model.findings import Finding, Location, Severity

__all__ = ["Cell", "Table", "read_csv_table", "read_json_table"]

Cell = str | int | float | bool | None


@attrs.frozen
class Table:
    """Rows of cells under named columns, read from ``source``.

    ``findings`` holds problems of the file as a whole (not UTF-8, empty, malformed).
    """

    source: str
    columns: tuple[str, ...]
    rows: Sequence[Sequence[Cell]]
    row_numbers: Sequence[int]
    findings: tuple[Finding, ...] = ()

    def column_index(self, name: str) -> int | None:
        """The position of column ``name``, or None when the table lacks it."""
        try:
            return self.columns.index(name)
        except ValueError:
            return None

    def missing_columns(self, required: Sequence[str]) -> tuple[str, ...]:
        """The required columns the table lacks."""
        return tuple(c for c in required if c not in self.columns)


def _problem(source: str, code: str, message: str, row: int | None = None) -> Finding:
    return Finding(Severity.ERROR, code, message, Location(file=source, row=row))


def _empty(source: str, findings: list[Finding]) -> Table:
    return Table(source, (), (), (), tuple(findings))


def _decode(path: Path, source: str) -> tuple[str | None, Finding | None]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, _problem(source, "unreadable-file", f"cannot read the file: {exc}")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, _problem(
            source,
            "not-utf8",
            f"the file is not UTF-8 text (bad byte 0x{raw[exc.start]:02x} at byte {exc.start}); "
            "save it as UTF-8",
            row=line,
        )


def read_csv_table(path: str | PathLike[str]) -> Table:
    """Read a UTF-8 CSV file with a header row (a BOM is accepted)."""
    file = Path(path)
    source = str(path)
    text, problem = _decode(file, source)
    if text is None:
        return _empty(source, [problem] if problem else [])
    if not text.strip():
        return _empty(source, [_problem(source, "empty-file", "the file is empty")])
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except csv.Error as exc:
        return _empty(source, [_problem(source, "bad-csv", f"cannot read the header: {exc}", 1)])
    columns = tuple(h.strip() for h in header)
    findings: list[Finding] = []
    seen: set[str] = set()
    for name in columns:
        if name in seen:
            findings.append(
                _problem(source, "duplicate-column", f"column {name!r} appears twice", 1)
            )
        seen.add(name)
    rows: list[Sequence[Cell]] = []
    numbers: list[int] = []
    width = len(columns)
    try:
        for record in reader:
            number = reader.line_num
            if not record or all(not c.strip() for c in record):
                continue
            if len(record) != width:
                findings.append(
                    _problem(
                        source,
                        "bad-row-width",
                        f"the row has {len(record)} cells but the header has {width} columns",
                        number,
                    )
                )
                continue
            rows.append(record)
            numbers.append(number)
    except csv.Error as exc:
        findings.append(_problem(source, "bad-csv", f"malformed CSV: {exc}", reader.line_num))
    if not rows and not findings:
        findings.append(_problem(source, "empty-file", "the file has a header but no rows"))
    return Table(source, columns, rows, numbers, tuple(findings))


def read_json_table(path: str | PathLike[str], key: str | None = None) -> Table:
    """Read a JSON array of objects, or an object whose ``key`` (or only list) holds one."""
    file = Path(path)
    source = str(path)
    text, problem = _decode(file, source)
    if text is None:
        return _empty(source, [problem] if problem else [])
    if not text.strip():
        return _empty(source, [_problem(source, "empty-file", "the file is empty")])
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        return _empty(source, [_problem(source, "bad-json", f"not valid JSON: {exc}", exc.lineno)])
    if isinstance(data, dict):
        lists = [k for k, v in data.items() if isinstance(v, list)]
        chosen = key if key in lists else (lists[0] if len(lists) == 1 else None)
        if chosen is None:
            return _empty(
                source,
                [
                    _problem(
                        source,
                        "bad-json",
                        "expected an array of objects (or one array in an object)",
                    )
                ],
            )
        data = data[chosen]
    if not isinstance(data, list):
        return _empty(source, [_problem(source, "bad-json", "expected an array of objects")])
    if not data:
        return _empty(source, [_problem(source, "empty-file", "the array has no items")])
    columns: dict[str, None] = {}
    findings: list[Finding] = []
    objects: list[tuple[int, dict[str, Any]]] = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            findings.append(_problem(source, "bad-row", f"item {number} is not an object", number))
            continue
        for name in item:
            columns.setdefault(str(name), None)
        objects.append((number, item))
    names = tuple(columns)
    rows: list[Sequence[Cell]] = []
    numbers: list[int] = []
    for number, item in objects:
        row: list[Cell] = []
        for name in names:
            value = item.get(name)
            if isinstance(value, dict) and all(
                not isinstance(x, dict | list) for x in value.values()
            ):
                # A mapping cell is written the way CSV writes it: key=value pairs joined by ";".
                value = ";".join(f"{k}={x}" for k, x in value.items())
            elif isinstance(value, dict | list):
                value = json.dumps(value, ensure_ascii=False)
            row.append(value)
        rows.append(row)
        numbers.append(number)
    return Table(source, names, rows, numbers, tuple(findings))
