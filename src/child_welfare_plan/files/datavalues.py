"""Data-value files: ``unit,period,indicator,disaggregation,value`` in CSV or JSON.

The exchange format of design §6. ``unit`` is the reporting unit's official code
(``11074``), ``period`` a DHIS2 period id read under the plan's period convention,
``disaggregation`` empty for a total or ``key=value`` pairs joined by ``;`` in any order
(``sex=female;age_group=11-15``; in JSON it may also be an object), ``value`` a number (for
a yes/no indicator: 1/0, true/false, có/không). Other columns are ignored.

Every problem becomes a :class:`~child_welfare_plan.model.Finding` located by file, row
and column, and the whole file is read so that one run reports everything (see
:class:`~child_welfare_plan.rules.aggregate.DataValueSet` for the checks).

Example::

    unit,period,indicator,disaggregation,value
    11074,2023S1,tre-em,,1520
    11074,2023S1,tre-em,sex=male,790
    11074,2023S1,tre-em,sex=female,730
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

from child_welfare_plan.model.findings import Finding, Location, Severity
from child_welfare_plan.rules.aggregate import DataValueSet, Record

if TYPE_CHECKING:
    from child_welfare_plan.catalog import Catalog
    from child_welfare_plan.files.tables import Table
    from child_welfare_plan.model.plan import Plan
    from child_welfare_plan.plugins.registry import Host

__all__ = ["COLUMNS", "REQUIRED_COLUMNS", "load_data_values", "read_data_values"]

#: The columns of a data-value file, in their usual order.
COLUMNS = ("unit", "period", "indicator", "disaggregation", "value")
#: The columns a file must have (``disaggregation`` may be left out when all are totals).
REQUIRED_COLUMNS = ("unit", "period", "indicator", "value")


def load_data_values(
    path: str | PathLike[str],
    plan: Plan,
    catalog: Catalog | None = None,
    *,
    host: Host | None = None,
    source: str | None = None,
) -> DataValueSet:
    """Read a file of data values for ``plan`` and check every row.

    The file is read by the data source registered for its suffix (``.csv``, ``.json``, or
    a plugin's), or by the one named ``source``. The result is finished (totals checked
    against their breakdowns); its ``findings`` hold every problem found.

    Raises:
        NotFoundError: no data source reads files of this kind.
    """
    if host is None:
        from child_welfare_plan.plugins.registry import get_host

        host = get_host()
    if catalog is None:
        catalog = host.catalog()
    reader = host.data_source_for(path, source)
    from child_welfare_plan.files import tables

    if reader.read is tables.read_csv_table:
        return _stream_csv(Path(path), plan, catalog)
    return read_data_values(reader.read(Path(path)), plan, catalog)


def read_data_values(table: Table, plan: Plan, catalog: Catalog) -> DataValueSet:
    """Check the rows of an already-read table of data values."""
    values = DataValueSet(plan, catalog, source=table.source)
    values.findings.extend(table.findings)
    index = _column_indexes(table.columns, table.source, values.findings)
    if index is None:
        return values.finish()
    iu, ip, ii, idis, iv = index

    def records() -> Iterator[Record]:
        for number, row in zip(table.row_numbers, table.rows, strict=True):
            yield (
                number,
                row[iu],
                row[ip],
                row[ii],
                row[idis] if idis is not None else None,
                row[iv],
            )

    values.extend(records())
    return values.finish()


def _column_indexes(
    columns: tuple[str, ...], source: str, findings: list[Finding]
) -> tuple[int, int, int, int | None, int] | None:
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        if columns:
            findings.append(
                Finding(
                    Severity.ERROR,
                    "missing-column",
                    f"the file lacks column(s) {', '.join(missing)} (expected a header "
                    f"{','.join(COLUMNS)}; it has {','.join(columns)})",
                    Location(file=source, row=1),
                )
            )
        return None
    dis = columns.index("disaggregation") if "disaggregation" in columns else None
    return (
        columns.index("unit"),
        columns.index("period"),
        columns.index("indicator"),
        dis,
        columns.index("value"),
    )


def _problem(source: str, code: str, message: str, row: int | None = None) -> Finding:
    return Finding(Severity.ERROR, code, message, Location(file=source, row=row))


def _chunks(text: str, start: int, size: int = 1 << 22) -> Iterator[str]:
    """The lines of ``text`` from ``start``, in pieces of whole lines of about ``size``
    characters, so that no list of every line is held at once. A final line break ends the
    last line; it does not start another."""
    if start >= len(text):
        return
    end = len(text) - 1 if text.endswith("\n") else len(text)
    while True:
        stop = text.find("\n", start + size, end)
        if stop == -1:
            stop = end
        yield text[start:stop]
        start = stop + 1
        if start > end:
            return


def _split_lines(chunk: str) -> Iterator[list[str]]:
    return map(str.split, chunk.split("\n"), itertools.repeat(","))


def _stream_csv(path: Path, plan: Plan, catalog: Catalog) -> DataValueSet:
    """The built-in CSV reading, row by row into the value set (no table in memory).

    It reports the same file problems as :func:`~child_welfare_plan.files.tables.read_csv_table`
    (not UTF-8, empty, duplicate column, wrong row width, malformed CSV).
    """
    source = str(path)
    values = DataValueSet(plan, catalog, source=source)
    findings = values.findings
    try:
        raw = path.read_bytes()
    except OSError as exc:
        findings.append(_problem(source, "unreadable-file", f"cannot read the file: {exc}"))
        return values.finish()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        findings.append(
            _problem(
                source,
                "not-utf8",
                f"the file is not UTF-8 text (bad byte 0x{raw[exc.start]:02x} at byte "
                f"{exc.start}); save it as UTF-8",
                line,
            )
        )
        return values.finish()
    del raw
    if not text.strip():
        findings.append(_problem(source, "empty-file", "the file is empty"))
        return values.finish()
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    # Without quotes or stray carriage returns, a line is a row and a comma a separator:
    # splitting is then the same as csv parsing, and twice as fast.
    plain = '"' not in text and "\r" not in text
    newline = text.find("\n")
    body = len(text) if newline == -1 else newline + 1
    if plain:
        header = text[: body - 1 if newline != -1 else body].split(",")
    else:
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = next(reader)
        except csv.Error as exc:
            findings.append(_problem(source, "bad-csv", f"cannot read the header: {exc}", 1))
            return values.finish()
    columns = tuple(h.strip() for h in header)
    seen: set[str] = set()
    for name in columns:
        if name in seen:
            findings.append(
                _problem(source, "duplicate-column", f"column {name!r} appears twice", 1)
            )
        seen.add(name)
    index = _column_indexes(columns, source, findings)
    if index is None:
        return values.finish()
    before = len(values)
    if plain:
        rows = itertools.chain.from_iterable(map(_split_lines, _chunks(text, body)))
        values.extend_rows(rows, index, first_row=2, width=len(columns))
    else:
        try:
            values.extend_rows(reader, index, reader=reader, width=len(columns))
        except csv.Error as exc:
            findings.append(_problem(source, "bad-csv", f"malformed CSV: {exc}", reader.line_num))
    if len(values) == before and not findings:
        findings.append(_problem(source, "empty-file", "the file has a header but no rows"))
    return values.finish()
