"""The embedded columnar engine: DuckDB reads CSV and Parquet natively, in parallel, and
spills to disk when memory runs short; the checks are the narwhals code of
:mod:`child_welfare_plan.engines.columnar`.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from child_welfare_plan.engines.columnar import classify, fast_rows
from child_welfare_plan.model.cells import Cell
from child_welfare_plan.rules.aggregate.series import Columns

__all__ = ["DuckBatch", "DuckTables", "connect", "open_batch"]

#: A DuckDB column type whose values can be plain numbers, and how to read them.
_NUMERIC = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER")
_FLOATS = ("FLOAT", "DOUBLE")


def connect(spill: str) -> Any:
    """An in-memory DuckDB connection that spills to the directory ``spill``."""
    import duckdb  # optional extra `engines`: the embedded columnar engine

    con = duckdb.connect(config={"preserve_insertion_order": True})
    con.execute("SET enable_progress_bar = false")
    con.execute(f"SET temp_directory = {_literal(spill)}")
    return con


def open_batch(path: Path, columns: Columns, width: int, csv: bool) -> DuckBatch | None:
    """``path`` read by DuckDB, spilling to a temporary directory removed on
    :meth:`DuckBatch.close`; None when DuckDB cannot read it (bad bytes)."""
    import duckdb  # optional extra `engines`

    spill = tempfile.mkdtemp(prefix="cwp-duckdb-")
    con = None
    try:
        con = connect(spill)
        return DuckBatch(con, path, columns, width, csv, spill=spill)
    except duckdb.Error:
        if con is not None:
            con.close()
        shutil.rmtree(spill, ignore_errors=True)
        return None


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class DuckTables:
    """Tables in a DuckDB connection (its spill directory, if any, removed on close): the
    small tables the Python rules hand the engine, and results kept once."""

    def __init__(self, con: Any, spill: str = "") -> None:
        self.con = con
        self.spill = spill

    def frame(self, name: str, columns: dict[str, list[Any]], types: dict[str, str]) -> Any:
        """``columns`` as a DuckDB table ``name``, as a narwhals LazyFrame."""
        import narwhals as nw  # optional extra `engines`

        names = list(types)
        selects = ", ".join(
            f"unnest(${n + 1}::{types[c]}[]) AS {_ident(c)}" for n, c in enumerate(names)
        )
        self.con.execute(
            f"CREATE OR REPLACE TEMP TABLE {_ident(name)} AS SELECT {selects}",
            [columns[c] for c in names],
        )
        return nw.from_native(self.con.table(name))

    def keep(self, name: str, frame: Any) -> Any:
        """``frame`` computed once into the table ``name``."""
        import narwhals as nw  # optional extra `engines`

        frame.to_native().to_table(name)
        return nw.from_native(self.con.table(name))

    def collect(self, frame: Any) -> dict[str, list[Any]]:
        """A lazy frame's columns as lists (None for nulls)."""
        table = frame.to_native().to_arrow_table()
        return {str(n): _pylist(table.column(n)) for n in table.column_names}

    def close(self) -> None:
        """Close the connection and remove its spill directory."""
        self.con.close()
        if self.spill:
            shutil.rmtree(self.spill, ignore_errors=True)


class DuckBatch(DuckTables):
    """A CSV or Parquet file as DuckDB's table of cells (see :class:`~child_welfare_plan.
    engines.ingest.Batch`)."""

    def __init__(
        self, con: Any, path: Path, columns: Columns, width: int, csv: bool, spill: str = ""
    ) -> None:
        super().__init__(con, spill)
        self.source = str(path)
        self.csv = csv
        iu, ip, ii, idis, iv = columns
        if csv:
            con.execute(
                "CREATE OR REPLACE TEMP TABLE cwp_lines AS SELECT line FROM read_csv("
                f"{_literal(str(path))}, columns = {{'line': 'VARCHAR'}}, delim = '\x01', "
                "header = false, skip = 1, quote = '', escape = '', auto_detect = false, "
                "new_line = '\\n')"
            )

            def cell(index: int | None) -> str:
                return "''" if index is None else f"coalesce(parts[{index + 1}], '')"

            value = f"parts[{iv + 1}]"
            con.execute(
                "CREATE OR REPLACE TEMP TABLE cwp_cells AS SELECT row_, "
                f"len(parts) = {width} AS k_wide, {cell(iu)} AS k_unit, "
                f"{cell(ip)} AS k_period, {cell(ii)} AS k_indicator, "
                f"{cell(idis)} AS k_disagg, CASE WHEN regexp_full_match({value}, "
                f"'[0-9]{{1,15}}') THEN CAST({value} AS DOUBLE) END AS k_num FROM ("
                "SELECT rowid + 2 AS row_, line, string_split(coalesce(line, ''), ',') AS parts "
                "FROM cwp_lines)"
            )
            self.slow_sql = (
                "SELECT c.row_, l.line FROM cwp_classified c JOIN (SELECT rowid + 2 AS row_, "
                "line FROM cwp_lines) l ON c.row_ = l.row_ WHERE NOT c.fast ORDER BY c.row_"
            )
            self.natives: tuple[str | None, ...] = ("k_unit", "k_period", "k_indicator", "k_disagg")
        else:
            con.execute(
                "CREATE OR REPLACE TEMP VIEW cwp_source AS SELECT *, file_row_number + 2 AS "
                f"row_ FROM read_parquet({_literal(str(path))}, file_row_number = true)"
            )
            described = con.execute("DESCRIBE cwp_source").fetchall()
            names = [str(r[0]) for r in described if r[0] not in ("row_", "file_row_number")]
            types = {str(r[0]): str(r[1]) for r in described}

            def native(index: int | None) -> str | None:
                return None if index is None else _ident(names[index])

            def text(index: int | None) -> str:
                return (
                    "''"
                    if index is None
                    else f"coalesce(CAST({_ident(names[index])} AS VARCHAR), '')"
                )

            v = _ident(names[iv])
            kind = types[names[iv]]
            if kind == "VARCHAR":
                number = (
                    f"CASE WHEN regexp_full_match({v}, '[0-9]{{1,15}}') "
                    f"THEN CAST({v} AS DOUBLE) END"
                )
            elif kind in _NUMERIC:
                number = f"CASE WHEN {v} >= 0 AND {v} < 1e15 THEN CAST({v} AS DOUBLE) END"
            elif kind in _FLOATS:
                number = (
                    f"CASE WHEN isfinite({v}) AND {v} >= 0 AND {v} < 1e15 "
                    f"AND {v} = floor({v}) THEN CAST({v} AS DOUBLE) END"
                )
            else:
                number = "CAST(NULL AS DOUBLE)"
            con.execute(
                "CREATE OR REPLACE TEMP VIEW cwp_cells AS SELECT row_, true AS k_wide, "
                f"{text(iu)} AS k_unit, {text(ip)} AS k_period, {text(ii)} AS k_indicator, "
                f"{text(idis)} AS k_disagg, {number} AS k_num FROM cwp_source"
            )
            listed = ", ".join(f"s.{_ident(n)}" for n in names)
            self.slow_sql = (
                f"SELECT c.row_, {listed} FROM cwp_classified c JOIN cwp_source s "
                "ON c.row_ = s.row_ WHERE NOT c.fast ORDER BY c.row_"
            )
            self.natives = (native(iu), native(ip), native(ii), native(idis))

    def units(self) -> list[tuple[str, Cell]]:
        unit = self.natives[0] or "k_unit"
        table = "cwp_cells" if self.csv else "cwp_cells JOIN cwp_source USING (row_)"
        rows = self.con.execute(
            f"SELECT DISTINCT k_unit, {unit} FROM {table} WHERE k_wide"
        ).fetchall()
        return [(str(r[0]), r[1]) for r in rows]

    def triples(self) -> list[tuple[tuple[str, str, str], tuple[Cell, Cell, Cell]]]:
        natives = [n or "NULL" for n in self.natives[1:]]
        table = "cwp_cells" if self.csv else "cwp_cells JOIN cwp_source USING (row_)"
        rows = self.con.execute(
            "SELECT k_period, k_indicator, k_disagg, "
            f"{', '.join(f'any_value({n})' for n in natives)}, min(row_) AS first "
            f"FROM {table} WHERE k_wide GROUP BY k_period, k_indicator, k_disagg "
            "ORDER BY first"
        ).fetchall()
        return [((r[0], r[1], r[2]), (r[3], r[4], r[5])) for r in rows]

    def classify(self, units: dict[str, list[Any]], triples: dict[str, list[Any]]) -> None:
        import narwhals as nw  # optional extra `engines`: the portable lazy layer

        # The file's lines are numbered (``row_``) and every later result that needs an
        # order asks for it (``ORDER BY``): from here DuckDB may join and group in any
        # order, in parallel, which keeps less in memory.
        self.con.execute("SET preserve_insertion_order = false")

        units_frame = self.frame(
            "cwp_units", units, {"k_unit": "VARCHAR", "uid": "BIGINT", "direct": "BOOLEAN"}
        )
        triples_frame = self.frame(
            "cwp_triples",
            triples,
            {
                "k_period": "VARCHAR",
                "k_indicator": "VARCHAR",
                "k_disagg": "VARCHAR",
                "sid": "BIGINT",
                "kind": "BIGINT",
            },
        )
        classified = classify(
            nw.from_native(self.con.table("cwp_cells")), units_frame, triples_frame
        )
        classified.to_native().to_table("cwp_classified")
        if self.csv:
            # Only the slow rows' text is needed from here on.
            self.con.execute("DROP TABLE cwp_cells")
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE cwp_slow AS {self.slow_sql}")
            self.con.execute("DROP TABLE cwp_lines")
            self.slow_sql = "SELECT * FROM cwp_slow ORDER BY row_"
        self.done = nw.from_native(self.con.table("cwp_classified"))

    def fast(self) -> Iterator[tuple[Any, Any, Any, Any]]:
        return _blocks(fast_rows(self.done).to_native().order("sid, row_"))

    def slow(self) -> Iterator[Sequence[Any]]:
        return _rows(self.con.sql(self.slow_sql))

    def fast_frame(self) -> Any:
        return fast_rows(self.done).select("sid", "uid", "k_num")


def _blocks(relation: Any) -> Iterator[tuple[Any, Any, Any, Any]]:
    """The fast rows in blocks of arrays (sid, uid, row, value)."""
    for batch in relation.to_arrow_reader(1 << 20):
        yield (
            _numpy(batch.column(0), "int64"),
            _numpy(batch.column(1), "int64"),
            _numpy(batch.column(2), "int64"),
            _numpy(batch.column(3), "float64"),
        )


def _pylist(column: Any) -> list[Any]:
    """An Arrow column as a list of Python values: through NumPy (in C) when it is a
    null-free column of numbers or booleans, else Arrow's own (slower) conversion."""
    import pyarrow as pa  # optional extra `engines`

    kind = column.type
    if column.null_count == 0 and (
        pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_boolean(kind)
    ):
        values: list[Any] = column.to_numpy().tolist()
        return values
    listed: list[Any] = column.to_pylist()
    return listed


def _numpy(array: Any, dtype: str) -> Any:
    """A null-free Arrow array of 8-byte numbers as a NumPy view of its buffer (pyarrow's
    own conversion loads pandas)."""
    import numpy as np  # comes with DuckDB's Arrow output

    return np.frombuffer(array.buffers()[1], dtype=dtype, count=len(array), offset=array.offset * 8)


def _rows(relation: Any) -> Iterator[Sequence[Any]]:
    """The slow rows as tuples, a block at a time."""
    for batch in relation.to_arrow_reader(65536):
        yield from zip(*(column.to_pylist() for column in batch.columns), strict=True)
