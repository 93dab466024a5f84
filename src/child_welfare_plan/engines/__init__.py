"""Engines: who reads and checks a national batch, with one answer whatever the engine.

* ``python``: the reference — the pure-Python rules read row by row
  (:mod:`child_welfare_plan.rules.aggregate`, :mod:`child_welfare_plan.io.datavalues`).
* ``duckdb``: the embedded columnar engine (the ``engines`` extra). DuckDB reads CSV and
  Parquet natively, in parallel, and spills to disk when memory runs short; the checks of
  every row are set operations (:mod:`child_welfare_plan.engines.columnar`).
* ``dask``: the same set operations on a Dask cluster (``dask.distributed``; the
  ``distributed`` extra), for batches beyond one machine.
* ``auto`` (the default): ``python`` for inputs under :data:`AUTO_BYTES`, ``duckdb`` above
  it when DuckDB is installed (the threshold is measured: docs/performance.md).

The columnar engines are conservative: only rows that provably raise no finding and give
the Python checker's own value go the columnar way; every other row — and every row of a
(unit, series) given twice — goes through the Python checks in file order, so every
finding and message comes from the same code. Where it is exact (whole numbers, totals that
agree with their breakdowns, periods of 1, 2, 4 or 8 parts), the check of totals against
breakdowns and the roll-up over time and up the tree run in the engine
(:mod:`child_welfare_plan.engines.rollup`); otherwise the rules do them
(:func:`~child_welfare_plan.rules.aggregate.aggregate`) on the data-value set the engine
built. Findings come in one order (:func:`~child_welfare_plan.rules.order.canonical_order`).
So every engine gives byte-identical output (property tests compare them). Files the
columnar readers do not read natively (JSON, spreadsheets, a plugin's source, CSV with
quotes or carriage returns) are read by their data source and checked by the Python
rules, whatever the engine.

Nothing here is imported by ``import child_welfare_plan``; DuckDB, Dask, narwhals and
pyarrow load when an engine runs.
"""

from __future__ import annotations

import gc
import importlib.util
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from os import PathLike
from pathlib import Path

from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.i18n.localized import Message

__all__ = ["AUTO_BYTES", "CHOICES", "ENGINES", "available", "choose", "collector_paused"]

#: The engines, the reference first.
ENGINES: tuple[str, ...] = ("python", "duckdb", "dask")
#: What ``--engine`` and ``engine=`` accept.
CHOICES: tuple[str, ...] = ("auto", *ENGINES)
#: ``auto`` picks ``duckdb`` for inputs of this many bytes or more (128 MiB: about ¾ of the
#: national roll-up's CSV), ``python`` below. Measured (benchmarks/engines_national.py,
#: docs/performance.md "auto"): at ¼ of the national roll-up (44 MiB) the Python engine is
#: about a tenth faster and takes less memory; at ½ (88 MiB) DuckDB is a seventh faster but
#: takes more memory than a pandas script; from 1× (176 MiB) DuckDB is clearly faster and
#: stays under the pandas script's memory.
AUTO_BYTES = 128 * 2**20

_NEEDS = {
    "python": (),
    "duckdb": ("duckdb", "narwhals", "pyarrow"),
    "dask": ("dask", "distributed", "narwhals", "pyarrow", "pandas"),
}
_EXTRA = {"duckdb": "engines", "dask": "distributed"}


def available(engine: str) -> bool:
    """True when the libraries ``engine`` needs are installed."""
    return all(importlib.util.find_spec(name) is not None for name in _NEEDS[engine])


def choose(engine: str | None, paths: Iterable[str | PathLike[str] | None] = ()) -> str:
    """The engine to run: ``engine`` itself, or for ``auto``/None the one for the size of
    ``paths`` (see :data:`AUTO_BYTES`).

    Raises:
        InvalidValueError: an unknown engine, or one whose extra is not installed.
    """
    name = (engine or "auto").strip().lower()
    if name not in CHOICES:
        raise InvalidValueError(
            Message(
                "unknown engine {engine!r} (expected one of {choices})",
                engine=engine,
                choices=", ".join(CHOICES),
            )
        )
    if name == "auto":
        size = 0
        for path in paths:
            if path is not None:
                try:
                    size += os.stat(Path(path)).st_size
                except OSError:
                    continue
        return "duckdb" if size >= AUTO_BYTES and available("duckdb") else "python"
    if not available(name):
        raise InvalidValueError(
            Message(
                "the {name} engine needs its extra: pip install 'child-welfare-plan[{extra}]'",
                name=name,
                extra=_EXTRA[name],
            )
        )

    return name


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while a national batch runs.

    A roll-up or a status run makes hundreds of thousands of small acyclic objects (rows,
    their dicts); each full collection walks every one of them again, which cost about a
    third of a national ``cwp aggregate`` (docs/performance.md). Reference counting still
    frees everything; only cycles wait until the collector runs again at the end.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
