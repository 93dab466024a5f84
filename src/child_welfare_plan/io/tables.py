"""Tables read from CSV or JSON files, with every row's number kept for findings.

The built-in data sources (``csv`` and ``json``) produce a :class:`Table`; loaders of
submissions and data values read cells from it and turn every bad cell into a
:class:`~child_welfare_plan.model.Finding` located by file, row and column.
Row numbers are those a person sees: in a CSV file the header is row 1, so the first data
row is row 2, and a record whose quoted cell spans several lines is one row (as a
spreadsheet shows it); in a JSON array the first object is row 1; in a spreadsheet, the
sheet's own row numbers. A table read from a spreadsheet also knows its ``sheet`` and the
``labels`` of its columns (their letters), and :meth:`Table.locate` moves the findings made
of its cells onto them (``values.xlsx, sheet Biểu 01, row 12, column C (value)``); a DHIS2
file labels its columns with DHIS2's own names (``dataElement`` for ``indicator``).

Text is UTF-8 (a BOM is accepted); UTF-16 and UTF-32 with a BOM (Excel's "Unicode text")
are read too. Anything else — a legacy encoding, UTF-16 without a BOM, binary junk — is a
finding that says what the file looks like and how to save it. A CSV file whose header
has no comma but semicolons (what Excel saves where the decimal mark is a comma, as on a
Vietnamese Windows) or tabs is read with that separator, with an ``info`` finding saying
so. A header with no rows is an empty table, not an error: the loaders decide whether an
empty file is normal (no submission received yet) or a problem.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import Any

import attrs

from child_welfare_plan.errors import reason as error_message
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.jsontext import JsonError, RepeatedKeys, load_json
from child_welfare_plan.io.textfiles import decode_file
from child_welfare_plan.model.cells import Cell, cell_text, echo, shorten, width_problem
from child_welfare_plan.model.findings import Finding, FindingList, Location, Severity

__all__ = [
    "UNREADABLE_CODES",
    "Table",
    "TableStream",
    "error_message",
    "locate_findings",
    "read_csv_table",
    "read_json_table",
    "stream_csv_table",
]

UNREADABLE_CODES = frozenset(
    {"unreadable-file", "not-utf8", "not-text", "empty-file", "bad-json", "missing-column"}
)
"""Codes of findings that mean a file could not be read as the table it should be at all
(the command line exits 2 on them rather than judging an empty table)."""


def locate_findings(
    findings: Iterable[Finding],
    source: str,
    columns: Sequence[str],
    sheet: str | None,
    labels: Sequence[str],
    places: Sequence[Location] = (),
    anchors: Mapping[str, Location] | None = None,
) -> list[Finding]:
    """Findings about the cells of ``source`` placed where its reader sees them: on its
    ``sheet``, a column named by the table becomes its label (a letter), the table's name
    moving to ``field``. A table read from a form gives each row's ``places`` (the cell it
    came from) and the ``anchors`` of columns read from one cell (the unit, the period): a
    finding about such a column is placed on that cell, once. Findings of other files are
    left as they are."""
    if sheet is None and not labels:
        return list(findings)
    out: list[Finding] = []
    seen: set[Finding] = set()
    for finding in findings:
        where = finding.location
        if where.file != source or where.sheet is not None or where.field is not None:
            out.append(finding)
            continue
        if places and where.row is not None and 1 <= where.row <= len(places):
            anchor = (anchors or {}).get(where.column or "")
            moved = anchor if anchor is not None else places[where.row - 1]
            placed = attrs.evolve(finding, location=moved)
            if placed not in seen:
                seen.add(placed)
                out.append(placed)
            continue
        column, field = where.column, where.field
        if column and column in columns and len(labels) == len(columns):
            column, field = labels[columns.index(column)], column
        elif column and sheet is not None:
            column, field = None, column
        moved = attrs.evolve(where, sheet=sheet, column=column, field=field)
        out.append(attrs.evolve(finding, location=moved))
    return out


@attrs.frozen
class Table:
    """Rows of cells under named columns, read from ``source``.

    ``findings`` holds problems of the file as a whole (not UTF-8, empty, malformed).
    """

    source: str
    columns: tuple[str, ...]
    rows: Sequence[Sequence[Cell]]
    row_numbers: Sequence[int]
    findings: tuple[Finding, ...] = ()
    sheet: str | None = None
    """The sheet the table was read from (spreadsheets only)."""
    labels: tuple[str, ...] = ()
    """How the file names each column where it differs from :attr:`columns` (a
    spreadsheet's letters, a DHIS2 file's keys); empty for CSV and JSON."""
    places: tuple[Location, ...] = ()
    """For a table read from a form: the cell each row came from (row ``n`` at ``n - 1``)."""
    anchors: Mapping[str, Location] = attrs.field(factory=dict)
    """For a table read from a form: the one cell a column's value was read from."""
    totals_checked: bool = False
    """True when the reader has checked the file's own totals (a form does, by cell)."""

    def locate(self, findings: Iterable[Finding]) -> list[Finding]:
        """``findings`` placed on the table's sheet (see :func:`locate_findings`)."""
        return locate_findings(
            findings,
            self.source,
            self.columns,
            self.sheet,
            self.labels,
            self.places,
            self.anchors,
        )

    def column_index(self, name: str) -> int | None:
        """The position of column ``name``, or None when the table lacks it."""
        try:
            return self.columns.index(name)
        except ValueError:
            return None

    def missing_columns(self, required: Sequence[str]) -> tuple[str, ...]:
        """The required columns the table lacks."""
        return tuple(c for c in required if c not in self.columns)

    def stream(self) -> TableStream:
        """The table's rows as a stream (each row with its number)."""
        return TableStream(
            self.source,
            self.columns,
            iter(self.rows),
            list(self.findings),
            numbers=self.row_numbers,
            sheet=self.sheet,
            labels=self.labels,
            places=self.places,
            anchors=self.anchors,
            totals_checked=self.totals_checked,
        )


@attrs.define
class TableStream:
    """A table whose rows are read as they are consumed, for files too big to hold twice.

    ``rows`` yields raw rows: a blank one, or one of another width than the header, is the
    consumer's to skip or report (:meth:`table` does both). A row's number is its entry in
    ``numbers`` when given, else ``first_row`` plus its position (a CSV record whose quoted
    cell spans lines is one row; a malformed one is an empty row, reported in
    ``findings``). ``findings`` grows while the rows are read (malformed CSV is found where
    it is). ``reader`` is the :func:`csv.reader` behind the rows, if any.
    """

    source: str
    columns: tuple[str, ...]
    rows: Iterator[Sequence[Cell]]
    findings: list[Finding]
    first_row: int = 1
    reader: Any = None
    numbers: Sequence[int] | None = None
    sheet: str | None = None
    labels: tuple[str, ...] = ()
    places: tuple[Location, ...] = ()
    anchors: Mapping[str, Location] = attrs.field(factory=dict)
    totals_checked: bool = False

    def locate(self, findings: Iterable[Finding]) -> list[Finding]:
        """``findings`` placed on the stream's sheet (see :func:`locate_findings`)."""
        return locate_findings(
            findings,
            self.source,
            self.columns,
            self.sheet,
            self.labels,
            self.places,
            self.anchors,
        )

    @classmethod
    def empty(cls, source: str, findings: list[Finding]) -> TableStream:
        """A stream with no columns and no rows: the file could not be read as a table."""
        return cls(source, (), iter(()), findings)

    def table(self) -> Table:
        """Every row read into a :class:`Table`: blank rows skipped, rows of another width
        than the header reported (``bad-row-width``)."""
        rows: list[Sequence[Cell]] = []
        numbers: list[int] = []
        width = len(self.columns)
        findings = self.findings
        given = self.numbers
        for position, record in enumerate(self.rows, self.first_row):
            number = given[position - self.first_row] if given is not None else position
            if not record or all(not cell_text(c) for c in record):
                continue
            if len(record) != width:
                findings.append(
                    _problem(self.source, "bad-row-width", width_problem(record, width), number)
                )
                continue
            rows.append(record)
            numbers.append(number)
        kept = findings.whole() if isinstance(findings, FindingList) else findings
        return Table(
            self.source,
            self.columns,
            rows,
            numbers,
            tuple(kept),
            sheet=self.sheet,
            labels=self.labels,
            places=self.places,
            anchors=self.anchors,
            totals_checked=self.totals_checked,
        )


def _problem(source: str, code: str, message: str, row: int | None = None) -> Finding:
    return Finding(Severity.ERROR, code, message, Location(file=source, row=row))


def _empty(source: str, findings: list[Finding]) -> Table:
    return Table(source, (), (), (), tuple(findings))


def _chunks(text: str, start: int, size: int = 1 << 22) -> Iterator[str]:
    """The lines of ``text`` from ``start``, in pieces of whole lines of about ``size``
    characters, so that no list of every line is held at once. A final line break ends the
    last line; it does not start another."""
    if start >= len(text):
        return
    end = len(text) - 1 if text.endswith("\n") else len(text)
    while True:
        stop = text.find("\n", start + size, end)
        if stop == -1:
            stop = end
        yield text[start:stop]
        start = stop + 1
        if start > end:
            return


def _splitter(delimiter: str) -> Any:
    def split_lines(chunk: str) -> Iterator[list[str]]:
        return map(str.split, chunk.split("\n"), itertools.repeat(delimiter))

    return split_lines


def _guarded(
    reader: Any, findings: list[Finding], source: str, first_row: int
) -> Iterator[Sequence[Cell]]:
    """The rows of a :func:`csv.reader`. A malformed record (a cell beyond the reader's
    size limit) is a finding and an empty row, and reading goes on after it."""
    row = first_row
    while True:
        try:
            record: Sequence[Cell] = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            findings.append(_problem(source, "bad-csv", _malformed(exc), row))
            record = []
        yield record
        row += 1


_CSV_ERRORS = {
    "unexpected end of data": Message("a quote opened in this row is never closed"),
    "expected after '\"'": Message("a quoted cell is followed by more text before the separator"),
    "field larger than field limit": Message("a cell is longer than the CSV reader's limit"),
}


def _malformed(exc: csv.Error) -> Message:
    """What :class:`csv.Error` means, in words."""
    text = str(exc)
    for known, meaning in _CSV_ERRORS.items():
        if known in text:
            return Message("malformed CSV: {reason}", reason=meaning)
    return Message("malformed CSV: {reason}", reason=shorten(text, 200))


_SEPARATORS = {
    ";": Message(
        "the columns are separated by semicolons, not commas (as Excel saves CSV where the "
        "decimal mark is a comma); the file is read that way"
    ),
    "\t": Message(
        "the columns are separated by tabs, not commas (as Excel saves CSV where the "
        "decimal mark is a comma); the file is read that way"
    ),
}


def _delimiter(header: str, source: str, findings: list[Finding]) -> str:
    """The separator the header line uses: a comma, else a semicolon or a tab (noted)."""
    if "," in header:
        return ","
    for delimiter, message in _SEPARATORS.items():
        if delimiter in header:
            findings.append(
                Finding(
                    Severity.INFO,
                    "separator-detected",
                    message,
                    Location(file=source, row=1),
                )
            )
            return delimiter
    return ","


def stream_csv_table(path: str | PathLike[str]) -> TableStream:
    """Read a CSV file with a header row (see the module docs for encodings and
    separators) as a stream of rows.

    The file is decoded at once but never split into a list of rows: without quotes or
    stray carriage returns a line is a row and a separator splits cells, and splitting is
    then the same as CSV parsing and twice as fast; otherwise :func:`csv.reader` reads it.
    """
    file = Path(path)
    source = str(path)
    text, problem = decode_file(file, source)
    if text is None:
        return TableStream.empty(source, [problem] if problem else [])
    if not text.strip():
        return TableStream.empty(
            source, [_problem(source, "empty-file", Message("the file is empty"))]
        )
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    plain = '"' not in text and "\r" not in text
    findings: list[Finding] = FindingList()
    newline = text.find("\n")
    header_end = min((i for i in (newline, text.find("\r")) if i != -1), default=len(text))
    delimiter = _delimiter(text[:header_end], source, findings)
    if plain:
        body = len(text) if newline == -1 else newline + 1
        header: list[str] = text[: body - 1 if newline != -1 else body].split(delimiter)
    else:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        try:
            header = next(reader)
        except csv.Error as exc:
            return TableStream.empty(
                source,
                [
                    _problem(
                        source,
                        "bad-csv",
                        Message("the header: {problem}", problem=_malformed(exc)),
                        1,
                    )
                ],
            )
    columns = tuple(h.strip() for h in header)
    seen: set[str] = set()
    for name in columns:
        if name in seen:
            findings.append(
                _problem(
                    source,
                    "duplicate-column",
                    Message("column {name} appears twice", name=echo(name)),
                    1,
                )
            )
        seen.add(name)
    if plain:
        rows: Iterator[Sequence[Cell]] = itertools.chain.from_iterable(
            map(_splitter(delimiter), _chunks(text, body))
        )
        return TableStream(source, columns, rows, findings, first_row=2)
    rows = _guarded(reader, findings, source, 2)
    return TableStream(source, columns, rows, findings, first_row=2, reader=reader)


def read_csv_table(path: str | PathLike[str]) -> Table:
    """Read a UTF-8 CSV file with a header row (a BOM is accepted) into a table."""
    return stream_csv_table(path).table()


def read_json_table(path: str | PathLike[str], key: str | None = None) -> Table:
    """Read a JSON array of objects, or an object whose ``key`` (or only list) holds one.

    An object that gives a key twice is refused (``duplicate-key``: which value is meant?),
    and so is a breakdown object whose keys or values hold ``;`` or ``=`` (it would smuggle
    in another part when written as ``key=value`` pairs).
    """
    file = Path(path)
    source = str(path)
    text, problem = decode_file(file, source)
    if text is None:
        return _empty(source, [problem] if problem else [])
    if not text.strip():
        return _empty(source, [_problem(source, "empty-file", Message("the file is empty"))])
    try:
        data: Any = load_json(text)
    except JsonError as exc:
        return _empty(source, [_problem(source, "bad-json", exc.message, exc.line)])
    if isinstance(data, dict):
        if isinstance(data, RepeatedKeys):
            keys = ", ".join(repr(k) for k in data.repeated)
            return _empty(
                source,
                [
                    _problem(
                        source, "bad-json", Message("the top object gives {keys} twice", keys=keys)
                    )
                ],
            )
        lists = [k for k, v in data.items() if isinstance(v, list)]
        chosen = key if key in lists else (lists[0] if len(lists) == 1 else None)
        if chosen is None:
            return _empty(
                source,
                [
                    _problem(
                        source,
                        "bad-json",
                        Message("expected an array of objects (or one array in an object)"),
                    )
                ],
            )
        data = data[chosen]
    if not isinstance(data, list):
        return _empty(
            source, [_problem(source, "bad-json", Message("expected an array of objects"))]
        )
    columns: dict[str, None] = {}
    findings = FindingList()
    objects: list[tuple[int, dict[str, Any]]] = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            findings.append(
                _problem(source, "bad-row", Message("item {n} is not an object", n=number), number)
            )
            continue
        if not item:
            findings.append(
                _problem(
                    source,
                    "bad-row",
                    Message("item {n} is an empty object: no cells", n=number),
                    number,
                )
            )
            continue
        refused = _refused(item)
        if refused is not None:
            findings.append(_problem(source, *refused, number))
            continue
        for name in item:
            columns.setdefault(str(name), None)
        objects.append((number, item))
    names = tuple(columns)
    rows: list[Sequence[Cell]] = []
    numbers: list[int] = []
    for number, item in objects:
        rows.append([_cell(item.get(name)) for name in names])
        numbers.append(number)
    return Table(source, names, rows, numbers, tuple(findings.whole()))


def _refused(item: dict[str, Any]) -> tuple[str, str] | None:
    """The code and message of why an object cannot be read as a row, if it cannot."""
    if isinstance(item, RepeatedKeys):
        keys = ", ".join(repr(k) for k in item.repeated)
        return "duplicate-key", Message(
            "the object gives {keys} twice; which value is meant?", keys=keys
        )
    for name, value in item.items():
        if isinstance(value, RepeatedKeys):
            keys = ", ".join(repr(k) for k in value.repeated)
            return (
                "duplicate-key",
                Message(
                    "the object in {name!r} gives {keys} twice; which value is meant?",
                    name=name,
                    keys=keys,
                ),
            )
        if isinstance(value, Mapping) and _flat(value):
            for k, x in value.items():
                if any(mark in f"{k}{x}" for mark in ";="):
                    return (
                        "bad-row",
                        Message(
                            "the object in {name!r} has {key}: {value}; a key or value "
                            "with ';' or '=' would add another part to it",
                            name=name,
                            key=echo(k),
                            value=echo(x),
                        ),
                    )
    return None


def _flat(value: Mapping[str, Any]) -> bool:
    return all(not isinstance(x, dict | list) for x in value.values())


def _cell(value: Any) -> Cell:
    """A JSON value as a cell: a scalar as it is; a flat object as ``key=value`` pairs
    joined by ``;`` (the way CSV writes a breakdown); anything else as its JSON text."""
    if isinstance(value, dict) and _flat(value):
        return ";".join(f"{k}={x}" for k, x in value.items())
    if isinstance(value, dict | list):
        try:
            return json.dumps(value, ensure_ascii=False)
        except (RecursionError, ValueError):
            return "[a value nested too deeply to show]"
    return value  # type: ignore[no-any-return]
