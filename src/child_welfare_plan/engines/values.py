"""A data-value file read and checked by the chosen engine."""

from __future__ import annotations

from os import PathLike
from pathlib import Path
from typing import Any

from child_welfare_plan.catalogs import Catalog
from child_welfare_plan.engines import choose
from child_welfare_plan.engines.distributed import DaskBatch
from child_welfare_plan.engines.embedded import DuckBatch, connect
from child_welfare_plan.engines.ingest import Batch, csv_header, fill, header_columns
from child_welfare_plan.engines.progress import Progress
from child_welfare_plan.io.datavalues import load_data_values as python_load
from child_welfare_plan.io.sources import DataSource, source_for
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.rules.aggregate import DataValueSet

__all__ = ["load_data_values"]

#: The built-in sources the columnar engines read natively.
NATIVE = ("csv", "parquet")


def load_data_values(
    path: str | PathLike[str],
    plan: Plan,
    catalog: Catalog,
    *,
    engine: str | None = "auto",
    source: DataSource | None = None,
    progress: Progress | None = None,
) -> DataValueSet:
    """Read and check a file of data values with ``engine`` (see
    :mod:`child_welfare_plan.engines`); the same set whatever the engine."""
    chosen = choose(engine, [path])
    reader = source if source is not None else source_for(path)
    bar = progress if progress is not None else Progress(None)
    file = Path(path)
    if chosen == "python" or reader.name not in NATIVE:
        with bar.step("read and check the values (python)"):
            return python_load(path, plan, catalog, source=reader)
    csv = reader.name == "csv"
    columns = csv_header(file) if csv else _parquet_columns(file)
    index = None if columns is None else header_columns(columns, str(path))
    if columns is None or index is None:
        with bar.step("read and check the values (python)"):
            return python_load(path, plan, catalog, source=reader)
    with bar.step(f"read the values ({chosen})"):
        batch = _open(chosen, file, index, len(columns), csv)
    if batch is None:
        with bar.step("read and check the values (python)"):
            return python_load(path, plan, catalog, source=reader)
    with bar.step(f"check the values ({chosen})"):
        data = DataValueSet(plan, catalog, source=str(path))
        try:
            return fill(data, batch, index, len(columns))
        finally:
            batch.close()


def _parquet_columns(path: Path) -> tuple[str, ...] | None:
    """The column names of a Parquet file whose names do not clash with the engine's own
    (``row_``, ``k_…``), else None (the Python reader reads it)."""
    try:
        import pyarrow.parquet as pq  # optional extra `engines`

        names = tuple(str(n) for n in pq.read_schema(path).names)
        rows = pq.ParquetFile(path).metadata.num_rows
    except (OSError, ValueError, ImportError):
        return None
    if not rows or any(n == "row_" or n.startswith("k_") or n != n.strip() for n in names):
        return None
    return names


def _open(engine: str, path: Path, index: Any, width: int, csv: bool) -> Batch | None:
    """The file read by ``engine``, or None when it cannot read it (bad bytes): the Python
    reader then reports what is wrong."""
    if engine == "duckdb":
        import duckdb  # optional extra `engines`

        try:
            return DuckBatch(connect(), path, index, width, csv)
        except duckdb.Error:
            return None
    return DaskBatch.open(path, index, width, csv)
