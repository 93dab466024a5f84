"""The checks of data-value rows as set operations, written once against narwhals' lazy
API so that DuckDB and Dask run the same code.

A backend reads the file into a lazy frame of *cells*: the file's row number ``row_``, whether
the row has the header's width ``k_wide``, the unit, period, indicator and breakdown cells
as text (``k_unit``, ``k_period``, ``k_indicator``, ``k_disagg``; empty when absent) and
``k_num``, the value when its cell is a plain number the Python reader would read as the
same float (ASCII digits, or a whole non-negative number in a numeric column), else null.
The distinct units and (period, indicator, breakdown) triples are few: the Python rules
resolve each once (:mod:`child_welfare_plan.engines.ingest`) and hand back two small
tables, ``units`` (``k_unit`` → ``uid``) and ``triples`` (→ series ``sid`` and ``kind``).

:func:`classify` joins them and splits the rows in two:

* *fast* rows, those the Python checker would accept with exactly this value and no
  finding: a known reporting unit with no validity dates, a triple that resolved cleanly,
  a plain number (``0`` or ``1`` for a yes/no indicator), the header's width, and a
  (unit, series) that no other row of the file gives;
* every other row, *slow*, handed back to the Python checker in file order, so that every
  finding and message comes from the same code.
"""

from __future__ import annotations

from typing import Any

__all__ = ["classify", "fast_rows", "slow_rows"]


def classify(cells: Any, units: Any, triples: Any, keep: tuple[str, ...] = ()) -> Any:
    """``cells`` (a narwhals LazyFrame) joined with ``units`` and ``triples``: the row,
    its series and unit ids, its number, a boolean ``fast``, and the columns ``keep`` of
    ``cells``; a backend materializes it once, then takes :func:`fast_rows` and
    :func:`slow_rows` from it."""
    import narwhals as nw  # optional extra `engines`: the portable lazy layer

    joined = cells.join(units, on="k_unit", how="left").join(
        triples, on=["k_period", "k_indicator", "k_disagg"], how="left"
    )
    keyed = joined.filter(nw.col("k_wide") & ~nw.col("uid").is_null() & ~nw.col("sid").is_null())
    # Only the (unit, series) given more than once are joined back: few or none, so the
    # join's table is small whatever the size of the file.
    copies = keyed.group_by("uid", "sid").agg(nw.len().alias("copies")).filter(nw.col("copies") > 1)
    joined = joined.join(copies, on=["uid", "sid"], how="left")
    plain_value = ~nw.col("k_num").is_null() & (
        (nw.col("kind") != 2) | nw.col("k_num").is_in([0.0, 1.0])
    )
    fast_row = (
        nw.col("k_wide")
        & ~nw.col("uid").is_null()
        & nw.col("direct")
        & ~nw.col("sid").is_null()
        & nw.col("copies").is_null()
        & plain_value
    ).fill_null(False)
    return joined.select("row_", "sid", "uid", "k_num", fast_row.alias("fast"), *keep)


def fast_rows(classified: Any) -> Any:
    """The fast rows ``(sid, uid, row_, k_num)`` of a classified frame."""
    import narwhals as nw  # optional extra `engines`

    return classified.filter(nw.col("fast")).select("sid", "uid", "row_", "k_num")


def slow_rows(classified: Any, payload: tuple[str, ...]) -> Any:
    """The slow rows ``(row_, *payload)`` of a classified frame."""
    import narwhals as nw  # optional extra `engines`

    return classified.filter(~nw.col("fast")).select("row_", *payload)
