"""Readers of tables by name and file suffix: the built-in CSV and JSON, and the contract
a plugin's reader meets (a database, a spreadsheet, a web service export)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from os import PathLike
from pathlib import Path

import attrs

from child_welfare_plan.errors import NotFoundError
from child_welfare_plan.io.parquet import read_parquet_table
from child_welfare_plan.io.tables import (
    Table,
    TableStream,
    read_csv_table,
    read_json_table,
    stream_csv_table,
)

__all__ = ["BUILTIN_SOURCES", "DataSource", "source_for"]


@attrs.frozen
class DataSource:
    """A reader of tables: ``read(path)`` returns a :class:`Table` for files whose suffix is
    one of ``suffixes`` (lower case, with the dot). A reader of large files may also offer
    ``stream(path)``, a :class:`TableStream` whose rows are read as they are used."""

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[Path], Table] = attrs.field(eq=False)
    description: str = ""
    stream: Callable[[Path], TableStream] | None = attrs.field(default=None, eq=False)

    def open(self, path: str | PathLike[str]) -> TableStream:
        """The file's rows as a stream: the reader's own ``stream``, or its table."""
        if self.stream is not None:
            return self.stream(Path(path))
        return self.read(Path(path)).stream()


BUILTIN_SOURCES: tuple[DataSource, ...] = (
    DataSource(
        "csv", (".csv",), read_csv_table, "UTF-8 CSV with a header row", stream=stream_csv_table
    ),
    DataSource("json", (".json",), read_json_table, "a JSON array of objects"),
    DataSource(
        "parquet",
        (".parquet",),
        read_parquet_table,
        "Apache Parquet (needs the `engines` extra), for national batches",
    ),
)
"""The readers every installation has (the built-in plugin registers them)."""


def source_for(
    path: str | PathLike[str], sources: Mapping[str, DataSource] | None = None
) -> DataSource:
    """The source whose suffixes hold ``path``'s suffix (among ``sources``; default the
    built-in ones)."""
    available = sources if sources is not None else {s.name: s for s in BUILTIN_SOURCES}
    suffix = Path(path).suffix.lower()
    for source in available.values():
        if suffix in source.suffixes:
            return source
    known = ", ".join(sorted({s for d in available.values() for s in d.suffixes}))
    raise NotFoundError(
        f"no data source reads {suffix or 'files without a suffix'!r} files (readable: {known})"
    )
