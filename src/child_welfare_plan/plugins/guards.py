"""The boundary between the host and a plugin's data source: what a plugin's reader
raises, or answers other than a table of cells, becomes a :class:`PluginError` that names
the source and its plugin, instead of a crash deep inside a loader (design §5)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from child_welfare_plan.errors import CwpError, PluginError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.sources import DataSource
from child_welfare_plan.io.tables import Table, TableStream
from child_welfare_plan.model.cells import Cell
from child_welfare_plan.model.findings import Finding

__all__ = ["guard_source", "shown"]

Blame = Callable[[object], str]
"""Says who failed: ``blame(error)`` is the message naming the source and its plugin."""

_CELL_TYPES = (str, int, float, bool, type(None))


def shown(value: object) -> str:
    """A value as a message shows it: its ``repr``, cut to 60 characters."""
    try:
        text = repr(value)
    except Exception:  # a plugin's object whose repr fails
        text = f"<a {type(value).__name__}>"
    return text if len(text) <= 60 else text[:57] + "..."


def _all_text(columns: object) -> bool:
    return isinstance(columns, tuple | list) and all(isinstance(c, str) for c in columns)


def _row_problem(row: object) -> Message | None:
    """Why a row from a plugin is not a sequence of cells, if it is not."""
    if not isinstance(row, list | tuple):
        return Message("gave the row {row}, not a list of cells", row=shown(row))
    for cell in row:
        if not isinstance(cell, _CELL_TYPES):
            return Message(
                "gave the cell {cell}, not text, a number, a truth value or None", cell=shown(cell)
            )
    return None


def _table_problem(table: object) -> Message | None:
    """Why a plugin's answer is not a usable table, if it is not."""
    if not isinstance(table, Table):
        return Message("returned {value}, not a table", value=shown(table))
    if not _all_text(table.columns):
        return Message(
            "returned a table whose columns {columns} are not all text",
            columns=shown(table.columns),
        )
    if len(table.rows) != len(table.row_numbers):
        return Message(
            "returned a table of {rows} rows but {numbers} row numbers",
            rows=len(table.rows),
            numbers=len(table.row_numbers),
        )
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in table.row_numbers):
        return Message("returned a table whose row numbers are not all whole numbers")
    if not all(isinstance(f, Finding) for f in table.findings):
        return Message("returned a table whose findings are not all findings")
    for row in table.rows:
        problem = _row_problem(row)
        if problem is not None:
            return problem
    return None


def _checked_rows(rows: Iterable[Any], blame: Blame) -> Iterator[Sequence[Cell]]:
    """The rows of a plugin's stream, each checked to be a sequence of cells."""
    try:
        for row in rows:
            problem = _row_problem(row)
            if problem is not None:
                raise PluginError(blame(problem))
            yield row
    except CwpError:
        raise
    except (Exception, SystemExit) as exc:
        raise PluginError(blame(exc)) from exc


def guard_source(source: DataSource, blame: Blame) -> DataSource:
    """``source`` with its ``read`` and ``stream`` checked at the boundary."""
    read, stream = source.read, source.stream

    def guarded_read(path: Path) -> Table:
        try:
            table = read(path)
        except CwpError:
            raise
        except (Exception, SystemExit) as exc:
            raise PluginError(blame(exc)) from exc
        problem = _table_problem(table)
        if problem is not None:
            raise PluginError(blame(problem))
        return table

    def guarded_stream(path: Path) -> TableStream:
        assert stream is not None
        try:
            opened = stream(path)
        except CwpError:
            raise
        except (Exception, SystemExit) as exc:
            raise PluginError(blame(exc)) from exc
        if not isinstance(opened, TableStream) or not _all_text(opened.columns):
            raise PluginError(
                blame(
                    Message(
                        "returned {value}, not a stream of rows with named columns",
                        value=shown(opened),
                    )
                )
            )
        return attrs.evolve(opened, rows=_checked_rows(opened.rows, blame))

    return attrs.evolve(
        source, read=guarded_read, stream=guarded_stream if stream is not None else None
    )
