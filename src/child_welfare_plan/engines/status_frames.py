"""The judgement of timeliness as set operations, written once against narwhals' lazy API
so that DuckDB and Dask run the same code (the Python side is
:mod:`child_welfare_plan.engines.status`).

Two tables come in. ``subs``: one row per submission for an obligation judged here, with
its position ``idx`` in the input, ``reporter``, ``obligation``, canonical ``period``, the
local ``day`` it was received (a day number, as :meth:`datetime.date.toordinal`), ``ident``
(equal exactly when the submissions are equal), and two texts whose order is the order of
the rules' keys: ``fkey`` (which submission came first) and ``ckey`` (which is the content).
``expected``: one row per report owed, with its position ``pos`` in the result, its
obligation's position ``ob``, ``reporter``, ``obligation``, ``period`` and ``last`` (the last
on-time day number, resolved once per obligation by the rules with the Civil Code roll).

:func:`judge_frames` then:

1. counts the submissions received on or before ``as_of`` (the others are handed back);
2. keeps one of each set of identical submissions (the first in the input);
3. groups them by (reporter, obligation, period): the first submission, the content (the
   latest revision) and how many;
4. joins the reports owed with their groups and classifies each on time, late, overdue or
   pending, with its days late (and delay bucket), overdue or left;
5. counts the statuses per obligation, and hands back the submissions that match nothing
   owed (the rules word their findings).
"""

from __future__ import annotations

import tempfile
import warnings
from typing import Any

from child_welfare_plan.engines.distributed import _client, _close, collect_columns
from child_welfare_plan.engines.embedded import DuckTables, connect
from child_welfare_plan.rules.timeliness.results import DELAY_BUCKETS, Status

__all__ = [
    "EXPECTED",
    "KEY",
    "STATUSES",
    "SUBS",
    "DaskTables",
    "duck_tables",
    "judge_frames",
    "rate_counts",
]

#: What a report owed and its submissions are matched on.
KEY = ("reporter", "obligation", "period")
#: The statuses judged here, by their code in the engine.
STATUSES: tuple[Status, ...] = (Status.ON_TIME, Status.LATE, Status.OVERDUE, Status.PENDING)
_ON_TIME, _LATE, _OVERDUE, _PENDING = range(4)

#: Column types of the tables made here.
SUBS = {
    "idx": "BIGINT",
    "reporter": "VARCHAR",
    "obligation": "VARCHAR",
    "period": "VARCHAR",
    "day": "BIGINT",
    "ident": "VARCHAR",
    "fkey": "VARCHAR",
    "ckey": "VARCHAR",
}
EXPECTED = {
    "pos": "BIGINT",
    "ob": "BIGINT",
    "reporter": "VARCHAR",
    "obligation": "VARCHAR",
    "period": "VARCHAR",
    "last": "BIGINT",
}


def judge_frames(subs: Any, expected: Any, as_of: int) -> tuple[Any, Any, Any]:
    """The lazy frames of the judgement (see the module docstring): ``items`` (``pos``,
    ``ob``, ``status`` code, ``n``, ``first``, ``content``, ``days_late``, ``days_overdue``,
    ``days_left``, ``bucket``), ``unmatched`` (``idx`` of counted submissions that match
    nothing owed) and ``after`` (``idx`` of those received after ``as_of``)."""
    import narwhals as nw  # optional extra `engines`: the portable lazy layer

    key = list(KEY)
    day = nw.col("day")
    counted = subs.filter(day <= as_of)
    after = subs.filter(day > as_of).select("idx")
    kept = counted.group_by("ident").agg(nw.col("idx").min())
    distinct = counted.join(kept.select("idx"), on="idx", how="semi")
    groups = distinct.group_by(*key).agg(
        nw.col("fkey").min(), nw.col("ckey").max(), nw.len().alias("n")
    )
    firsts = distinct.select(
        *key, "fkey", nw.col("idx").alias("first"), nw.col("day").alias("first_day")
    )
    contents = distinct.select(*key, "ckey", nw.col("idx").alias("content"))
    got = (
        groups.join(firsts, on=[*key, "fkey"], how="inner")
        .join(contents, on=[*key, "ckey"], how="inner")
        .select(*key, "n", "first", "first_day", "content")
    )
    last = nw.col("last")
    missing = nw.col("n").is_null()
    status = (
        nw.when(missing & (last < as_of))
        .then(nw.lit(_OVERDUE))
        .when(missing)
        .then(nw.lit(_PENDING))
        .when(nw.col("first_day") <= last)
        .then(nw.lit(_ON_TIME))
        .otherwise(nw.lit(_LATE))
    )
    judged = expected.join(got, on=key, how="left").with_columns(status.alias("status"))
    code = nw.col("status")
    late = code == _LATE
    days_late = nw.col("first_day") - last
    items = judged.select(
        "pos",
        "ob",
        "status",
        "n",
        "first",
        "content",
        nw.when(late).then(days_late).alias("days_late"),
        nw.when(code == _OVERDUE).then(nw.lit(as_of) - last).alias("days_overdue"),
        nw.when(code == _PENDING).then(last - nw.lit(as_of)).alias("days_left"),
        _bucket(late, days_late).alias("bucket"),
    )
    unmatched = counted.join(expected.select(*key), on=key, how="anti").select("idx")
    return items, unmatched, after


def rate_counts(items: Any) -> Any:
    """How many items of each obligation (``ob``) have each status: ``ob``, ``status``,
    ``count``."""
    import narwhals as nw  # optional extra `engines`

    return items.group_by("ob", "status").agg(nw.len().alias("count"))


def _bucket(late: Any, days_late: Any) -> Any:
    """The delay bucket of a late item (:data:`DELAY_BUCKETS`), else null."""
    import narwhals as nw  # optional extra `engines`

    chain: Any = nw
    for label, first, last in DELAY_BUCKETS:
        within = late & (days_late >= first)
        if last is not None:
            within = within & (days_late <= last)
        chain = chain.when(within).then(nw.lit(label))
    return chain


def duck_tables() -> DuckTables:
    """Tables in an in-memory DuckDB connection that spills to a temporary directory."""
    spill = tempfile.mkdtemp(prefix="cwp-duckdb-")
    return DuckTables(connect(spill), spill)


class DaskTables:
    """Tables on a Dask cluster: the current client's, the one at ``CWP_DASK_SCHEDULER``, or a
    local cluster started for the run (see :mod:`child_welfare_plan.engines.distributed`)."""

    #: Rows per partition of the tables made here.
    ROWS = 250_000

    def __init__(self) -> None:
        self.client, self.owned = _client()

    def frame(self, name: str, columns: dict[str, list[Any]], types: dict[str, str]) -> Any:
        """``columns`` as a Dask DataFrame, as a narwhals LazyFrame."""
        import dask.dataframe as dd  # optional extra `distributed`
        import narwhals as nw  # optional extra `engines`
        import pandas as pd  # optional extra `distributed`

        # Text as Arrow strings whatever `dataframe.convert-string` says (the aggregate's
        # Dask reader turns it off for the process): an object column's max fails in Dask.
        dtypes: dict[str, Any] = {"BIGINT": "Int64", "VARCHAR": pd.StringDtype("pyarrow")}
        series: Any = pd.Series
        data = pd.DataFrame({c: series(columns[c], dtype=dtypes[t]) for c, t in types.items()})
        parts = max(1, -(-len(data) // self.ROWS))
        from_pandas: Any = dd.from_pandas  # Dask ships no types for it
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            return nw.from_native(from_pandas(data, npartitions=parts))

    def keep(self, name: str, frame: Any) -> Any:
        """``frame`` itself: each result is computed from the start. (Persisting the result
        of a shuffled join and computing on it hung a local cluster of dask 2026.8.)"""
        return frame

    def collect(self, frame: Any) -> dict[str, list[Any]]:
        """A lazy frame's columns as lists (None for missing values)."""
        return collect_columns(frame)

    def close(self) -> None:
        """Close the cluster the run started (a given one is kept)."""
        _close(self.owned)
