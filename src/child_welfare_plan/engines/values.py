"""A data-value file read and checked by the chosen engine."""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import Any

from child_welfare_plan.catalogs import Catalog
from child_welfare_plan.engines import choose
from child_welfare_plan.engines.distributed import DaskBatch
from child_welfare_plan.engines.embedded import open_batch
from child_welfare_plan.engines.ingest import Batch, csv_header, header_columns, prepare, to_set
from child_welfare_plan.engines.progress import Progress
from child_welfare_plan.engines.rollup import roll_up
from child_welfare_plan.io.datavalues import load_data_values as python_load
from child_welfare_plan.io.sources import BUILTIN_SOURCES, DataSource, source_for
from child_welfare_plan.model.periods import Period
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.model.units import Level
from child_welfare_plan.rules.aggregate import AggregateResult, DataValueSet, aggregate
from child_welfare_plan.rules.aggregate.series import Series

__all__ = ["aggregate_file", "load_data_values"]

#: The built-in sources the columnar engines read natively.
NATIVE = ("csv", "parquet")


def _native(reader: DataSource) -> bool:
    """True for the built-in CSV and Parquet readers themselves: a plugin's reader of the
    same name overrides the built-in one (the plugin rule), so the engine leaves its
    files to it."""
    return reader.name in NATIVE and any(reader is s for s in BUILTIN_SOURCES)


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
    opened = _open_file(path, plan, catalog, engine, source, progress)
    if isinstance(opened, DataValueSet):
        return opened
    data, batch, series, bar = opened
    try:
        with bar.step("check the values"):
            return to_set(data, batch, series)
    finally:
        batch.close()


def aggregate_file(
    path: str | PathLike[str],
    plan: Plan,
    catalog: Catalog,
    *,
    engine: str | None = "auto",
    source: DataSource | None = None,
    progress: Progress | None = None,
    level: Level | str | Sequence[Level | str] | None = None,
    periods: Sequence[Period | str] | None = None,
) -> AggregateResult:
    """Read, check and roll up a file of data values with ``engine``: the answer of
    :func:`~child_welfare_plan.rules.aggregate.aggregate` on the Python reader's set, byte
    for byte. A columnar engine rolls up in the engine when that is exact
    (:mod:`child_welfare_plan.engines.rollup`), else hands the values to the rules."""
    bar = progress if progress is not None else Progress(None)
    opened = _open_file(path, plan, catalog, engine, source, bar)
    if isinstance(opened, DataValueSet):
        with bar.step("roll up over time and the unit tree"):
            return aggregate(plan, opened, catalog, level=level, periods=periods)
    data, batch, series, bar = opened
    try:
        with bar.step("roll up over time and the unit tree"):
            result = roll_up(plan, data, catalog, batch, series, level, periods)
            if result is None:
                finished = to_set(data, batch, series)
                result = aggregate(plan, finished, catalog, level=level, periods=periods)
        return result
    finally:
        batch.close()


def _open_file(
    path: str | PathLike[str],
    plan: Plan,
    catalog: Catalog,
    engine: str | None,
    source: DataSource | None,
    progress: Progress | None,
) -> DataValueSet | tuple[DataValueSet, Batch, list[Series], Progress]:
    """The Python reader's finished set, or a columnar batch whose slow rows are checked
    and whose fast rows are still in the engine."""
    chosen = choose(engine, [path])
    reader = source if source is not None else source_for(path)
    bar = progress if progress is not None else Progress(None)
    file = Path(path)
    columns: tuple[str, ...] | None = None
    index = None
    if chosen != "python" and _native(reader):
        columns = csv_header(file) if reader.name == "csv" else _parquet_columns(file)
        index = None if columns is None else header_columns(columns, str(path))
    batch = None
    if columns is not None and index is not None:
        with bar.step(f"read the values ({chosen})"):
            batch = _open(chosen, file, index, len(columns), reader.name == "csv")
    if batch is None or columns is None or index is None:
        with bar.step("read and check the values (python)"):
            data = python_load(path, plan, catalog, source=reader)
        bar.skip()
        return data
    data = DataValueSet(plan, catalog, source=str(path))
    try:
        with bar.step(f"check the values ({chosen})"):
            series = prepare(data, batch, index, len(columns))
    except BaseException:
        batch.close()
        raise
    return data, batch, series, bar


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
        return open_batch(path, index, width, csv)
    return DaskBatch.open(path, index, width, csv)
