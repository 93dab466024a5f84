"""A data-value file checked by a columnar engine into the same
:class:`~child_welfare_plan.rules.aggregate.DataValueSet` as the Python reader gives.

The engine reads the file and splits its rows (:func:`~child_welfare_plan.engines.columnar.
classify`); this module is the Python side of it:

1. the distinct units and (period, indicator, breakdown) triples of the file are resolved
   by the data-value set's own checks, in the order the Python reader meets them (so its
   series, periods and caches come out the same);
2. the fast rows, which raise no finding, go into the series column by column;
3. every other row goes through the Python checker in file order, as the Python reader
   would check it, so every finding and message is produced by the same code;
4. a series that received rows both ways is put back in file order, and the set is
   finished (totals against breakdowns) by the rules.

The result equals the Python reader's: same values in the same order, same findings.
"""

from __future__ import annotations

import itertools
import mmap
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from child_welfare_plan.catalogs import Catalog
from child_welfare_plan.io.datavalues import column_indexes, empty_file
from child_welfare_plan.model.cells import Cell
from child_welfare_plan.model.findings import Finding
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.rules.aggregate import DataValueSet
from child_welfare_plan.rules.aggregate.series import Columns, Series

__all__ = ["Batch", "csv_header", "fill"]

#: Bytes that send a CSV file to the Python reader: quotes and carriage returns need the
#: ``csv`` module's rules; the columnar readers split plain lines on commas.
NOT_PLAIN = (b'"', b"\r", b"\x01")


class Batch(Protocol):
    """A file read by a columnar backend (see :mod:`child_welfare_plan.engines.columnar`)."""

    source: str
    csv: bool

    def units(self) -> list[tuple[str, Cell]]:
        """The distinct unit cells of the rows of the header's width: (text, cell)."""

    def triples(self) -> list[tuple[tuple[str, str, str], tuple[Cell, Cell, Cell]]]:
        """The distinct (period, indicator, breakdown) of those rows, as text and as cells,
        in the order of their first row."""

    def classify(self, units: dict[str, list[Any]], triples: dict[str, list[Any]]) -> None:
        """Join the resolved units and triples and split the rows (kept in the engine)."""

    def fast(self) -> Iterator[tuple[Any, Any, Any, Any]]:
        """The fast rows as blocks ``(sid, uid, row, value)`` of arrays, in (sid, row)
        order."""

    def slow(self) -> Iterator[Sequence[Any]]:
        """The slow rows ``(row, *payload)`` in row order."""

    def fast_frame(self) -> Any:
        """The fast rows ``(sid, uid, k_num)`` as a narwhals LazyFrame."""

    def frame(self, name: str, columns: dict[str, list[Any]], types: dict[str, str]) -> Any:
        """A small table made here (types ``BIGINT``, ``DOUBLE``, ``BOOLEAN``, ``VARCHAR``)
        as a narwhals LazyFrame of the engine."""

    def collect(self, frame: Any) -> dict[str, list[Any]]:
        """A (small) lazy frame's columns as lists."""

    def keep(self, name: str, frame: Any) -> Any:
        """``frame`` computed once and kept in the engine (named ``name`` where tables have
        names), as a narwhals LazyFrame: for a result read more than once."""

    def close(self) -> None:
        """Let go of the engine's resources."""


def csv_header(path: Path) -> tuple[str, ...] | None:
    """The columns of a plain CSV file (no quotes, carriage returns or ``\\x01``), else
    None: such a file, or one that is not UTF-8 or has no rows, goes to the Python
    reader."""
    try:
        with path.open("rb") as handle:
            if path.stat().st_size == 0:
                return None
            with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
                if any(data.find(b) != -1 for b in NOT_PLAIN):
                    return None
                end = data.find(b"\n")
                if end == -1 or re.compile(rb"\S").search(data, end + 1) is None:
                    return None
                first = data[:end]
    except OSError:
        return None
    try:
        header = first.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return tuple(h.strip() for h in header.split(","))


def header_columns(columns: tuple[str, ...], source: str) -> Columns | None:
    """The positions of the five columns when the header is clean (no column twice, none
    missing), else None (the Python reader reports the problem)."""
    if len(set(columns)) != len(columns):
        return None
    problems: list[Finding] = []
    index = column_indexes(columns, source, problems)
    return None if problems else index


def prepare(data: DataValueSet, batch: Batch, columns: Columns, width: int) -> list[Series]:
    """Resolve the batch's distinct units and triples, split its rows, and check the slow
    ones into ``data``; returns the series by id (the fast rows are still in the engine)."""
    uid_of: dict[str, list[Any]] = {"k_unit": [], "uid": [], "direct": []}
    bounded = data._bounded
    reporting = data._reporting
    for text, cell in batch.units():
        uid = reporting.get(cell) if isinstance(cell, str) else None
        if uid is None:
            unit = data._unit(cell)
            uid = unit if isinstance(unit, int) else None
        uid_of["k_unit"].append(text)
        uid_of["uid"].append(uid)
        uid_of["direct"].append(uid is not None and uid not in bounded)
    series: list[Series] = []
    # Triples written differently ("2023S1", " 2023S1") can be one series: one id each.
    sid_by_series: dict[int, int] = {}
    sid_of: dict[str, list[Any]] = {
        "k_period": [],
        "k_indicator": [],
        "k_disagg": [],
        "sid": [],
        "kind": [],
    }
    for texts, cells in batch.triples():
        triple = cells if columns[3] is not None else (cells[0], cells[1], None)
        found = data._resolve(*triple)
        sid: int | None = None
        kind = -1
        if isinstance(found, list):
            data._rejected[triple] = found
        else:
            data._slots[triple] = found
            sid = sid_by_series.get(id(found[3]))
            if sid is None:
                sid = sid_by_series[id(found[3])] = len(series)
                series.append(found[3])
            kind = found[0]
        for name, value in zip(("k_period", "k_indicator", "k_disagg"), texts, strict=True):
            sid_of[name].append(value)
        sid_of["sid"].append(sid)
        sid_of["kind"].append(kind)
    batch.classify(uid_of, sid_of)
    _check_slow(data, batch, batch.slow(), columns, width)
    return series


def to_set(data: DataValueSet, batch: Batch, series: list[Series]) -> DataValueSet:
    """The fast rows into the series' dicts (after the slow ones, then put back in file
    order where a series got both), and the set finished by the rules."""
    before = [len(one.values) for one in series]
    counts = [0] * len(series)
    accepted = 0
    for sids, uids, rows, numbers in batch.fast():
        accepted += _put(series, counts, sids, uids, rows, numbers)
    data._accepted += accepted
    for index, one in enumerate(series):
        if before[index] and counts[index]:
            order = sorted(one.values, key=one.rows.__getitem__)
            one.values = {u: one.values[u] for u in order}
            one.rows = {u: one.rows[u] for u in order}
    if not len(data) and not data.findings:
        data.findings.append(empty_file(batch.source))
    return data.finish()


def fill(data: DataValueSet, batch: Batch, columns: Columns, width: int) -> DataValueSet:
    """Check the batch's rows into ``data`` (see the module docstring) and finish it."""
    return to_set(data, batch, prepare(data, batch, columns, width))


def _put(
    series: list[Series], counts: list[int], sids: Any, uids: Any, rows: Any, numbers: Any
) -> int:
    """One block of fast rows (sorted by series, then row) into the series' dicts."""
    import numpy as np  # comes with every columnar backend

    if not len(sids):
        return 0
    cuts = np.flatnonzero(np.diff(sids)) + 1
    starts = [0, *cuts.tolist()]
    stops = [*cuts.tolist(), len(sids)]
    uid_list, row_list, value_list = uids.tolist(), rows.tolist(), numbers.tolist()
    for start, stop in zip(starts, stops, strict=True):
        sid = int(sids[start])
        target = series[sid]
        block = uid_list[start:stop]
        target.values.update(zip(block, value_list[start:stop], strict=True))
        target.rows.update(zip(block, row_list[start:stop], strict=True))
        counts[sid] += stop - start
    return len(sids)


def _check_slow(
    data: DataValueSet,
    batch: Batch,
    slow: Iterator[Sequence[Any]],
    columns: Columns,
    width: int,
) -> None:
    """The slow rows through the Python checker, in file order, as the Python reader reads
    them: a CSV line split on commas (numbered by its line), a Parquet record's cells."""
    if batch.csv:
        # Runs of consecutive lines, each numbered from its first line as the reader does.
        def line_of(item: Sequence[Any]) -> int:
            return int(item[0])

        for _, run in itertools.groupby(
            enumerate(slow), key=lambda pair: line_of(pair[1]) - pair[0]
        ):
            items = [item for _, item in run]
            records = [str(item[1] or "").split(",") for item in items]
            data.extend_rows(records, columns, first_row=line_of(items[0]), width=width)
    else:
        iu, ip, ii, idis, iv = columns
        shifted: Columns = (iu + 1, ip + 1, ii + 1, None if idis is None else idis + 1, iv + 1)
        data.extend_rows(
            ((int(item[0]), *item[1:]) for item in slow), shifted, row_at=0, width=width + 1
        )


def new_set(plan: Plan, catalog: Catalog, source: str) -> DataValueSet:
    """An empty data-value set for ``source``."""
    return DataValueSet(plan, catalog, source=source)
