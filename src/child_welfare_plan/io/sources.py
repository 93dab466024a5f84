"""Readers of tables by name and file suffix: the built-in CSV, JSON, spreadsheets and
DHIS2 dataValueSets, and the contract a plugin's reader meets (a database, a web service
export).

Two readers may claim one suffix: a dataValueSet is a ``.json`` or ``.csv`` file too. A
reader with a ``sniff`` test is chosen when the test recognises the file's content (a JSON
object with ``dataValues``; a CSV header naming ``dataelement`` and ``orgunit``); otherwise
the reader without one is (the plain ``json`` and ``csv`` sources).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from os import PathLike
from pathlib import Path

import attrs

from child_welfare_plan.errors import NotFoundError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.dhis2 import (
    Dhis2Ids,
    looks_like_dhis2_csv,
    looks_like_dhis2_json,
    read_dhis2_csv,
    read_dhis2_json,
)
from child_welfare_plan.io.parquet import read_parquet_table
from child_welfare_plan.io.spreadsheets import (
    SPREADSHEET_SUFFIXES,
    read_spreadsheet_table,
    split_sheet,
)
from child_welfare_plan.io.tables import (
    Table,
    TableStream,
    read_csv_table,
    read_json_table,
    stream_csv_table,
)

__all__ = ["BUILTIN_SOURCES", "DataSource", "dhis2_sources", "source_for"]


@attrs.frozen
class DataSource:
    """A reader of tables: ``read(path)`` returns a :class:`Table` for files whose suffix is
    one of ``suffixes`` (lower case, with the dot). A reader of large files may also offer
    ``stream(path)``, a :class:`TableStream` whose rows are read as they are used. A reader
    that shares a suffix with another gives ``sniff(path)``: True when the file's content
    is its kind."""

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[Path], Table] = attrs.field(eq=False)
    description: str = ""
    stream: Callable[[Path], TableStream] | None = attrs.field(default=None, eq=False)
    sniff: Callable[[Path], bool] | None = attrs.field(default=None, eq=False)

    def open(self, path: str | PathLike[str]) -> TableStream:
        """The file's rows as a stream: the reader's own ``stream``, or its table."""
        if self.stream is not None:
            return self.stream(Path(path))
        return self.read(Path(path)).stream()


def dhis2_sources(ids: Dhis2Ids | None = None) -> tuple[DataSource, DataSource]:
    """The ``dhis2-json`` and ``dhis2-csv`` readers, translating the identifiers of ``ids``
    (default: codes). A pack with a mapping to its DHIS2 instance's UIDs registers these
    with its mapping; they replace the built-in ones of the same names."""
    return (
        DataSource(
            "dhis2-json",
            (".json",),
            lambda path: read_dhis2_json(path, ids),
            Message("a DHIS2 dataValueSet (JSON)"),
            sniff=looks_like_dhis2_json,
        ),
        DataSource(
            "dhis2-csv",
            (".csv",),
            lambda path: read_dhis2_csv(path, ids),
            Message("a DHIS2 dataValueSet (CSV with DHIS2's header)"),
            sniff=looks_like_dhis2_csv,
        ),
    )


BUILTIN_SOURCES: tuple[DataSource, ...] = (
    DataSource(
        "csv",
        (".csv",),
        read_csv_table,
        Message("UTF-8 CSV with a header row"),
        stream=stream_csv_table,
    ),
    DataSource("json", (".json",), read_json_table, Message("a JSON array of objects")),
    DataSource(
        "parquet",
        (".parquet",),
        read_parquet_table,
        Message("Apache Parquet (needs the `engines` extra), for national batches"),
    ),
    DataSource(
        "spreadsheet",
        SPREADSHEET_SUFFIXES,
        read_spreadsheet_table,
        Message(
            "a sheet of .xlsx, .xls or .ods in the CSV's layout (FILE#Sheet names the sheet; "
            "needs the `office` extra)"
        ),
    ),
    *dhis2_sources(),
)
"""The readers every installation has (the built-in plugin registers them)."""


def source_for(
    path: str | PathLike[str], sources: Mapping[str, DataSource] | None = None
) -> DataSource:
    """The source for ``path`` among ``sources`` (default the built-in ones): of those whose
    suffixes hold its suffix (``values.xlsx#Biểu 01`` has ``.xlsx``), the first whose
    ``sniff`` recognises the file, else the first that has no ``sniff``."""
    available = sources if sources is not None else {s.name: s for s in BUILTIN_SOURCES}
    file, _ = split_sheet(path)
    suffix = file.suffix.lower()
    candidates = [s for s in available.values() if suffix in s.suffixes]
    for source in candidates:
        if source.sniff is not None and source.sniff(file):
            return source
    plain = [s for s in candidates if s.sniff is None]
    if plain or candidates:
        return (plain or candidates)[0]
    known = ", ".join(sorted({s for d in available.values() for s in d.suffixes}))
    raise NotFoundError(
        Message(
            "no data source reads {suffix!r} files (readable: {known})", suffix=suffix, known=known
        )
        if suffix
        else Message("no data source reads files without a suffix (readable: {known})", known=known)
    )
