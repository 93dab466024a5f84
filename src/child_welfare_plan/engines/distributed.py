"""The distributed engine: the same set operations as DuckDB's
(:mod:`child_welfare_plan.engines.columnar`) on a Dask cluster.

The file is read in blocks by the workers (``dask.dataframe``), each block split into
cells there, and the checks run as joins and group-bys across the cluster; only the fast
rows' columns and the slow rows come back. The cluster is the current
``distributed.Client`` if there is one, else the scheduler at ``CWP_DASK_SCHEDULER``
(``tcp://host:8786``), else a local cluster of two worker processes started for the run.
"""

from __future__ import annotations

import contextlib
import logging
import os
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from child_welfare_plan.engines.columnar import classify, fast_rows, slow_rows
from child_welfare_plan.model.cells import Cell
from child_welfare_plan.rules.aggregate.series import Columns

__all__ = ["SCHEDULER_ENV", "DaskBatch", "collect_columns"]

#: The environment variable naming a running Dask scheduler.
SCHEDULER_ENV = "CWP_DASK_SCHEDULER"
#: Size of the blocks the workers read.
BLOCK = "32MiB"


def _client() -> tuple[Any, Any]:
    """The Dask client to use and what to close after the run (None: keep it)."""
    from distributed import Client, LocalCluster  # optional extra `distributed`

    with contextlib.suppress(ValueError):
        from distributed import get_client

        return get_client(), None
    address = os.environ.get(SCHEDULER_ENV)
    if address:
        client = Client(address)
        return client, [client]
    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,  # the cluster's notices are not the command's output
    )
    client = Client(cluster)
    return client, [client, cluster]


def csv_cells(
    frame: Any, offsets: list[int], width: int, index: Columns, partition_info: Any = None
) -> Any:
    """One block of lines as cells (runs on a worker)."""
    import numpy as np  # comes with pandas
    import pandas as pd  # optional extra `distributed`: Dask's blocks

    number = 0 if partition_info is None else int(partition_info["number"])
    start = offsets[number]
    line = frame["line"].fillna("").astype(object).to_numpy()
    rows = np.arange(start + 1, start + 1 + len(line), dtype="int64")
    series = pd.Series(line, dtype=object)
    parts: Any = series.str.split(",")
    iu, ip, ii, idis, iv = index

    def cell(position: int | None) -> Any:
        if position is None:
            return np.full(len(line), "", dtype=object)
        return parts.str.get(position).fillna("").astype(object).to_numpy()

    value = parts.str.get(iv)
    plain = value.str.fullmatch(r"[0-9]{1,15}").fillna(False).astype(bool)
    number_column = pd.to_numeric(value.where(plain), errors="coerce").astype("float64")
    out = pd.DataFrame(
        {
            "row_": rows,
            "line": line,
            "k_wide": (parts.str.len() == width).to_numpy(),
            "k_unit": cell(iu),
            "k_period": cell(ip),
            "k_indicator": cell(ii),
            "k_disagg": cell(idis),
            "k_num": number_column.to_numpy(),
        }
    )
    return out[out["row_"] > 1]


def parquet_cells(
    frame: Any, offsets: list[int], index: Columns, partition_info: Any = None
) -> Any:
    """One block of a Parquet file as cells (runs on a worker)."""
    import numpy as np  # comes with pandas
    import pandas as pd  # optional extra `distributed`

    number = 0 if partition_info is None else int(partition_info["number"])
    start = offsets[number]
    names = list(frame.columns)

    def text(position: int | None) -> Any:
        if position is None:
            return np.full(len(frame), "", dtype=object)
        column = frame[names[position]]
        return np.array(["" if pd.isna(x) else str(x) for x in column.tolist()], dtype=object)

    iu, ip, ii, idis, iv = index
    value = frame[names[iv]]
    kind = str(value.dtype).lower()
    numbers = pd.Series(np.nan, index=value.index, dtype="float64")
    if "string" in kind or kind == "object":
        plain = value.astype(object).astype(str).str.fullmatch(r"[0-9]{1,15}") & value.notna()
        numbers = pd.to_numeric(value.where(plain), errors="coerce").astype("float64")
    elif "int" in kind or "float" in kind or "double" in kind:
        floats = pd.to_numeric(value, errors="coerce").astype("float64")
        good = np.isfinite(floats) & (floats >= 0) & (floats < 1e15) & (floats == np.floor(floats))
        numbers = floats.where(good)
    return pd.DataFrame(
        {
            "row_": np.arange(start + 2, start + 2 + len(frame), dtype="int64"),
            "k_wide": np.ones(len(frame), dtype=bool),
            "k_unit": text(iu),
            "k_period": text(ip),
            "k_indicator": text(ii),
            "k_disagg": text(idis),
            "k_num": numbers.to_numpy(),
        }
    )


def collect_columns(frame: Any) -> dict[str, list[Any]]:
    """A lazy Dask frame's columns, computed, as lists (None for missing values)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        native = frame.collect().to_native()
    return {
        str(c): native[c].astype(object).where(native[c].notna(), None).tolist()
        for c in native.columns
    }


class DaskBatch:
    """A CSV or Parquet file as a Dask frame of cells (see :class:`~child_welfare_plan.
    engines.ingest.Batch`)."""

    def __init__(
        self, path: Path, cells: Any, csv: bool, client: Any, owned: Any, keys: list[str | None]
    ) -> None:
        self.keys = keys
        self.source = str(path)
        self.path = path
        self.cells = cells.persist()
        self.csv = csv
        self.client = client
        self.owned = owned
        self.payload: tuple[str, ...] = ("line",) if csv else ()

    @classmethod
    def open(cls, path: Path, index: Columns, width: int, csv: bool) -> DaskBatch | None:
        """Read ``path`` on the cluster (None: a block is not UTF-8)."""
        import dask  # optional extra `distributed`
        import dask.dataframe as dd  # optional extra `distributed`
        import pandas as pd  # optional extra `distributed`

        client, owned = _client()
        try:
            # Text stays Python objects on both sides of the joins.
            dask.config.set({"dataframe.convert-string": False})
            if csv:
                lines = dd.read_csv(
                    str(path),
                    sep="\x01",
                    header=None,
                    names=["line"],
                    dtype={"line": "object"},
                    quoting=3,
                    skip_blank_lines=False,
                    na_filter=False,
                    blocksize=BLOCK,
                    encoding="utf-8",
                )
                offsets = _offsets(lines)
                meta = pd.DataFrame(
                    {
                        "row_": pd.Series([], dtype="int64"),
                        "line": pd.Series([], dtype=object),
                        "k_wide": pd.Series([], dtype=bool),
                        **{
                            k: pd.Series([], dtype=object)
                            for k in ("k_unit", "k_period", "k_indicator", "k_disagg")
                        },
                        "k_num": pd.Series([], dtype="float64"),
                    }
                )
                cells = lines.map_partitions(csv_cells, offsets, width, index, meta=meta)
            else:
                frame = dd.read_parquet(str(path), dtype_backend="pyarrow")
                offsets = _offsets(frame)
                meta = pd.DataFrame(
                    {
                        "row_": pd.Series([], dtype="int64"),
                        "k_wide": pd.Series([], dtype=bool),
                        **{
                            k: pd.Series([], dtype=object)
                            for k in ("k_unit", "k_period", "k_indicator", "k_disagg")
                        },
                        "k_num": pd.Series([], dtype="float64"),
                    }
                )
                cells = frame.map_partitions(parquet_cells, offsets, index, meta=meta)
            keys: list[str | None] = []
            if not csv:
                names = list(frame.columns)
                keys = [None if i is None else names[i] for i in index[:4]]
            return cls(path, cells, csv, client, owned, keys)
        except (UnicodeDecodeError, ValueError):
            _close(owned)
            return None

    def units(self) -> list[tuple[str, Cell]]:
        wide = self.cells[self.cells["k_wide"]]
        texts = sorted(set(wide["k_unit"].unique().compute().tolist()))
        if self.csv:
            return [(t, t) for t in texts]
        natives = self._natives(0)
        return [(t, natives.get(t, t)) for t in texts]

    def triples(self) -> list[tuple[tuple[str, str, str], tuple[Cell, Cell, Cell]]]:
        wide = self.cells[self.cells["k_wide"]]
        first = (
            wide.groupby(["k_period", "k_indicator", "k_disagg"])["row_"]
            .min()
            .compute()
            .sort_values()
        )
        keys = [tuple(str(x) for x in key) for key in first.index.tolist()]
        if self.csv:
            return [((p, i, d), (p, i, d)) for p, i, d in keys]
        maps = [self._natives(n) for n in (1, 2, 3)]
        return [
            ((p, i, d), (maps[0].get(p, p), maps[1].get(i, i), maps[2].get(d, d)))
            for p, i, d in keys
        ]

    def _natives(self, which: int) -> dict[str, Cell]:
        """Text → the cell as the Python reader gives it, for one of the key columns."""
        import pyarrow.parquet as pq  # optional extra `engines`

        table = pq.read_table(self.path)
        name = self.keys[which]
        if name is None or name not in table.column_names:
            return {}
        return {("" if v is None else str(v)): v for v in table.column(name).unique().to_pylist()}

    def classify(self, units: dict[str, list[Any]], triples: dict[str, list[Any]]) -> None:
        import narwhals as nw  # optional extra `engines`

        units_frame = self.frame(
            "units", units, {"k_unit": "VARCHAR", "uid": "BIGINT", "direct": "BOOLEAN"}
        )
        triples_frame = self.frame(
            "triples",
            triples,
            {
                "k_period": "VARCHAR",
                "k_indicator": "VARCHAR",
                "k_disagg": "VARCHAR",
                "sid": "BIGINT",
                "kind": "BIGINT",
            },
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            classified = classify(
                nw.from_native(self.cells), units_frame, triples_frame, self.payload
            )
            self.done = nw.from_native(classified.to_native().persist())

    def fast(self) -> Iterator[tuple[Any, Any, Any, Any]]:
        import numpy as np  # comes with pandas

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            fast_frame = fast_rows(self.done).collect().to_native()
        sids = fast_frame["sid"].to_numpy(dtype="int64")
        rows = fast_frame["row_"].to_numpy(dtype="int64")
        order = np.lexsort((rows, sids))
        yield (
            sids[order],
            fast_frame["uid"].to_numpy(dtype="int64")[order],
            rows[order],
            fast_frame["k_num"].to_numpy(dtype="float64")[order],
        )

    def slow(self) -> Iterator[Sequence[Any]]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            slow_frame = slow_rows(self.done, self.payload).collect().to_native()
        slow_frame = slow_frame.sort_values("row_")
        if self.csv:
            return iter(
                list(zip(slow_frame["row_"].tolist(), slow_frame["line"].tolist(), strict=True))
            )
        return iter(self._records(slow_frame["row_"].tolist()))

    def fast_frame(self) -> Any:
        return fast_rows(self.done).select("sid", "uid", "k_num")

    def frame(self, name: str, columns: dict[str, list[Any]], types: dict[str, str]) -> Any:
        import dask.dataframe as dd  # optional extra `distributed`
        import narwhals as nw  # optional extra `engines`
        import pandas as pd  # optional extra `distributed`

        dtypes: dict[str, Any] = {
            "BIGINT": "Int64",
            "DOUBLE": "Float64",
            "BOOLEAN": "boolean",
            "VARCHAR": object,
        }
        series: Any = pd.Series
        data = pd.DataFrame({c: series(columns[c], dtype=dtypes[t]) for c, t in types.items()})
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            return nw.from_native(dd.from_pandas(data, npartitions=1))

    def keep(self, name: str, frame: Any) -> Any:
        import narwhals as nw  # optional extra `engines`

        return nw.from_native(frame.to_native().persist())

    def collect(self, frame: Any) -> dict[str, list[Any]]:
        return collect_columns(frame)

    def _records(self, rows: list[int]) -> list[Sequence[Any]]:
        """The Parquet records of ``rows``, with their cells as the Python reader gives them."""
        import pyarrow.parquet as pq  # optional extra `engines`

        if not rows:
            return []
        table = pq.read_table(self.path).take([r - 2 for r in rows])
        columns = [c.to_pylist() for c in table.columns]
        return [(row, *cells) for row, cells in zip(rows, zip(*columns, strict=True), strict=True)]

    def close(self) -> None:
        """Close the cluster the run started (a given one is kept)."""
        _close(self.owned)
        self.owned = None


def _offsets(frame: Any) -> list[int]:
    """Where each block starts, in rows from the top of the file."""
    lengths = frame.map_partitions(len).compute().tolist()
    out = [0]
    for n in lengths:
        out.append(out[-1] + int(n))
    return out


def _close(owned: Any) -> None:
    for item in owned or ():
        item.close()
