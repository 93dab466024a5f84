"""Data-value files: ``unit,period,indicator,disaggregation,value`` in CSV, JSON or a
spreadsheet, or a DHIS2 dataValueSet read into these columns.

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

from os import PathLike

from child_welfare_plan.catalogs import Catalog
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.sources import DataSource, source_for
from child_welfare_plan.io.tables import Table, TableStream
from child_welfare_plan.model.findings import Finding, FindingList, Location, Severity
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.rules.aggregate import DataValueSet

__all__ = [
    "COLUMNS",
    "REQUIRED_COLUMNS",
    "column_indexes",
    "empty_file",
    "load_data_values",
    "read_data_values",
]

#: The columns of a data-value file, in their usual order.
COLUMNS = ("unit", "period", "indicator", "disaggregation", "value")
#: The columns a file must have (``disaggregation`` may be left out when all are totals).
REQUIRED_COLUMNS = ("unit", "period", "indicator", "value")


def load_data_values(
    path: str | PathLike[str],
    plan: Plan,
    catalog: Catalog,
    *,
    source: DataSource | None = None,
) -> DataValueSet:
    """Read a file of data values for ``plan`` and check every row.

    The file is read by ``source`` (default: the built-in reader for its suffix, ``.csv``
    or ``.json``); a source that streams is read row by row, with no table in memory. The
    result is finished (totals checked against their breakdowns); its ``findings`` hold
    every problem found.

    Raises:
        NotFoundError: no built-in reader reads files of this kind (and no source is given).
    """
    reader = source if source is not None else source_for(path)
    return read_data_values(reader.open(path), plan, catalog)


def read_data_values(table: Table | TableStream, plan: Plan, catalog: Catalog) -> DataValueSet:
    """Check the rows of a table (or a stream of rows) of data values."""
    stream = table.stream() if isinstance(table, Table) else table
    values = DataValueSet(
        plan, catalog, source=stream.source, check_totals=not stream.totals_checked
    )
    findings = values.findings
    findings.extend(stream.findings)
    index = column_indexes(stream.columns, stream.source, findings)
    if index is None:
        if not findings:
            findings.append(
                _problem(stream.source, "no-values", Message("the file holds no values"))
            )
        values.finish()
        findings[:] = stream.locate(findings)
        return values
    known = len(stream.findings)
    width = len(stream.columns)
    if stream.numbers is not None:
        # Each row carries its number in front: every column moves one place right.
        iu, ip, ii, idis, iv = index
        numbered = ((n, *row) for n, row in zip(stream.numbers, stream.rows, strict=True))
        shifted = (iu + 1, ip + 1, ii + 1, None if idis is None else idis + 1, iv + 1)
        values.extend_rows(numbered, shifted, row_at=0, width=width + 1)
    else:
        values.extend_rows(stream.rows, index, first_row=stream.first_row, width=width)
    findings.extend(stream.findings[known:])  # met while the rows were read
    if isinstance(stream.findings, FindingList):
        findings.extend(stream.findings.summaries())
    if not len(values) and not findings:
        findings.append(empty_file(stream.source))
    values.finish()
    # A spreadsheet's cells are located by sheet and column letter, a DHIS2 file's by its keys.
    findings[:] = stream.locate(findings)
    return values


def empty_file(source: str) -> Finding:
    """The finding of a file with a header and no row of values."""
    return _problem(source, "no-values", Message("the file holds no values (a header, no rows)"))


def column_indexes(
    columns: tuple[str, ...], source: str, findings: list[Finding]
) -> tuple[int, int, int, int | None, int] | None:
    """The positions of the five columns (None: a required one is missing, a finding
    added to ``findings``)."""
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        if columns:
            findings.append(
                Finding(
                    Severity.ERROR,
                    "missing-column",
                    Message(
                        "the file lacks column(s) {missing} (expected a header {expected}; "
                        "it has {columns})",
                        missing=", ".join(missing),
                        expected=",".join(COLUMNS),
                        columns=",".join(columns),
                    ),
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
