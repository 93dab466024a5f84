"""The embedded columnar engine: DuckDB reads CSV and Parquet natively, in parallel, and
spills to disk when memory runs short; the checks are the narwhals code of
:mod:`child_welfare_plan.engines.columnar`.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from child_welfare_plan.engines.columnar import classify, fast_rows, slow_rows
from child_welfare_plan.model.cells import Cell
from child_welfare_plan.rules.aggregate.series import Columns

__all__ = ["DuckBatch", "connect"]

#: A DuckDB column type whose values can be plain numbers, and how to read them.
_NUMERIC = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER")
_FLOATS = ("FLOAT", "DOUBLE")


def connect() -> Any:
    """An in-memory DuckDB connection that spills to a temporary directory."""
    import duckdb  # optional extra `engines`: the embedded columnar engine

    con = duckdb.connect(config={"preserve_insertion_order": True})
    con.execute("SET enable_progress_bar = false")
    spill = tempfile.mkdtemp(prefix="cwp-duckdb-")
    con.execute(f"SET temp_directory = {_literal(spill)}")
    return con


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class DuckBatch:
    """A CSV or Parquet file as DuckDB's table of cells (see :class:`~child_welfare_plan.
    engines.ingest.Batch`)."""

    def __init__(self, con: Any, path: Path, columns: Columns, width: int, csv: bool) -> None:
        self.con = con
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
                "CREATE OR REPLACE TEMP TABLE cwp_cells AS SELECT row_, line, "
                f"len(parts) = {width} AS k_wide, {cell(iu)} AS k_unit, "
                f"{cell(ip)} AS k_period, {cell(ii)} AS k_indicator, "
                f"{cell(idis)} AS k_disagg, CASE WHEN regexp_full_match({value}, "
                f"'[0-9]{{1,15}}') THEN CAST({value} AS DOUBLE) END AS k_num FROM ("
                "SELECT rowid + 2 AS row_, line, string_split(coalesce(line, ''), ',') AS parts "
                "FROM cwp_lines)"
            )
            con.execute("DROP TABLE cwp_lines")
            self.payload: tuple[str, ...] = ("line",)
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
                "CREATE OR REPLACE TEMP VIEW cwp_cells AS SELECT *, true AS k_wide, "
                f"{text(iu)} AS k_unit, {text(ip)} AS k_period, {text(ii)} AS k_indicator, "
                f"{text(idis)} AS k_disagg, {number} AS k_num FROM cwp_source"
            )
            self.payload = tuple(names)
            self.natives = (native(iu), native(ip), native(ii), native(idis))

    def units(self) -> list[tuple[str, Cell]]:
        unit = self.natives[0] or "k_unit"
        rows = self.con.execute(
            f"SELECT DISTINCT k_unit, {unit} FROM cwp_cells WHERE k_wide"
        ).fetchall()
        return [(str(r[0]), r[1]) for r in rows]

    def triples(self) -> list[tuple[tuple[str, str, str], tuple[Cell, Cell, Cell]]]:
        natives = [n or "NULL" for n in self.natives[1:]]
        rows = self.con.execute(
            "SELECT k_period, k_indicator, k_disagg, "
            f"{', '.join(f'any_value({n})' for n in natives)}, min(row_) AS first "
            "FROM cwp_cells WHERE k_wide GROUP BY k_period, k_indicator, k_disagg "
            "ORDER BY first"
        ).fetchall()
        return [((r[0], r[1], r[2]), (r[3], r[4], r[5])) for r in rows]

    def split(
        self, units: dict[str, list[Any]], triples: dict[str, list[Any]]
    ) -> tuple[Iterator[tuple[Any, Any, Any, Any]], Iterator[Sequence[Any]]]:
        import narwhals as nw  # optional extra `engines`: the portable lazy layer

        con = self.con
        con.execute(
            "CREATE OR REPLACE TEMP TABLE cwp_units AS SELECT unnest($1::VARCHAR[]) AS k_unit, "
            "unnest($2::BIGINT[]) AS uid, unnest($3::BOOLEAN[]) AS direct",
            [units["k_unit"], units["uid"], units["direct"]],
        )
        con.execute(
            "CREATE OR REPLACE TEMP TABLE cwp_triples AS SELECT "
            "unnest($1::VARCHAR[]) AS k_period, unnest($2::VARCHAR[]) AS k_indicator, "
            "unnest($3::VARCHAR[]) AS k_disagg, unnest($4::BIGINT[]) AS sid, "
            "unnest($5::BIGINT[]) AS kind",
            [
                triples["k_period"],
                triples["k_indicator"],
                triples["k_disagg"],
                triples["sid"],
                triples["kind"],
            ],
        )
        classified = classify(
            nw.from_native(con.table("cwp_cells")),
            nw.from_native(con.table("cwp_units")),
            nw.from_native(con.table("cwp_triples")),
        )
        classified.to_native().to_table("cwp_classified")
        if self.csv:
            con.execute("DROP TABLE cwp_cells")
        done = nw.from_native(con.table("cwp_classified"))
        fast_native = fast_rows(done).to_native().order("sid, row_")
        slow_native = slow_rows(done, self.payload).to_native().order("row_")
        return _blocks(fast_native), _rows(slow_native)

    def close(self) -> None:
        """Close the connection (its temporary files go with it)."""
        self.con.close()


def _blocks(relation: Any) -> Iterator[tuple[Any, Any, Any, Any]]:
    """The fast rows in blocks of arrays (sid, uid, row, value)."""
    for batch in relation.to_arrow_reader(1 << 20):
        yield (
            _numpy(batch.column(0), "int64"),
            _numpy(batch.column(1), "int64"),
            _numpy(batch.column(2), "int64"),
            _numpy(batch.column(3), "float64"),
        )


def _numpy(array: Any, dtype: str) -> Any:
    """A null-free Arrow array of 8-byte numbers as a NumPy view of its buffer (pyarrow's
    own conversion loads pandas)."""
    import numpy as np  # comes with DuckDB's Arrow output

    return np.frombuffer(array.buffers()[1], dtype=dtype, count=len(array), offset=array.offset * 8)


def _rows(relation: Any) -> Iterator[Sequence[Any]]:
    """The slow rows as tuples, a block at a time."""
    for batch in relation.to_arrow_reader(65536):
        yield from zip(*(column.to_pylist() for column in batch.columns), strict=True)
