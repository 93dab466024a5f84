"""Parquet files as tables: the columnar format of national batches.

A Parquet file is read with pyarrow (the ``engines`` extra), column by column, into the
same :class:`~child_welfare_plan.io.tables.Table` as a CSV file: cells keep their types
(text, whole numbers, floats, booleans, nulls), and rows are numbered as a spreadsheet
shows them, the first record being row 2 (the column names are row 1). The columnar
engines (:mod:`child_welfare_plan.engines`) read the file natively instead, with the same
numbering.
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path

from child_welfare_plan.errors import CwpError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.tables import Table
from child_welfare_plan.model.findings import Finding, Location, Severity

__all__ = ["FIRST_ROW", "read_parquet_table"]

#: The row number of a Parquet file's first record (the column names are row 1).
FIRST_ROW = 2


def read_parquet_table(path: str | PathLike[str]) -> Table:
    """Read a Parquet file into a table (needs pyarrow: ``pip install
    'child-welfare-plan[engines]'``)."""
    source = str(path)
    try:
        import pyarrow.parquet as pq  # optional extra `engines`: loaded for Parquet only
    except ImportError:  # pragma: no cover - the test environment has pyarrow
        raise CwpError(
            Message("reading Parquet needs pyarrow: pip install 'child-welfare-plan[engines]'")
        ) from None
    try:
        data = pq.read_table(Path(path))
    except (OSError, ValueError) as exc:
        problem = Finding(
            Severity.ERROR,
            "unreadable-file",
            Message("cannot read the Parquet file: {reason}", reason=str(exc)),
            Location(file=source),
        )
        return Table(source, (), (), (), (problem,))
    columns = tuple(str(name).strip() for name in data.column_names)
    rows = [list(row) for row in zip(*(c.to_pylist() for c in data.columns), strict=True)]
    numbers = range(FIRST_ROW, FIRST_ROW + len(rows))
    findings: tuple[Finding, ...] = ()
    if not rows:
        findings = (
            Finding(
                Severity.ERROR,
                "empty-file",
                Message("the file has columns but no rows"),
                Location(file=source),
            ),
        )
    return Table(source, columns, rows, numbers, findings)
