"""How public outputs show what disclosure control withholds, and disclosure control applied
to a report table (the rule is :mod:`child_welfare_plan.rules.disclosure`).

Every withheld figure is shown with one marker, :data:`WITHHELD` (``x``), whatever the
reason: a separate marker for "1 to k − 1" would itself tell the reader which counts are
small (and with k = 2, what they are)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.i18n import _
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.reports.base import Block, Section
from child_welfare_plan.rules.disclosure import (
    DEFAULT_K,
    CountTable,
    Position,
    SuppressedTable,
    Suppression,
    count_cell,
    suppress,
)

__all__ = ["WITHHELD", "PublicBlock", "public_note", "suppress_block"]

#: The marker of a withheld figure in a public output.
WITHHELD = "x"


def _cell(row: str | None, column: str | None) -> Message:
    """Where a count is, for a message about it."""
    return Message("row {row!r}, column {column!r}", row=row, column=column)


def public_note(k: int) -> str:
    """The sentence that explains the marker of a public output with threshold ``k``."""
    return _(
        "“{mark}” marks a figure withheld to protect the children it counts: a count from 1 "
        "to {below}, a count that would let a reader work one out or narrow it down to fewer "
        "than {values} possible values, or a ratio computed from one. Zero counts are shown."
    ).format(mark=WITHHELD, below=k - 1, values=k + 1)


@attrs.frozen
class PublicBlock:
    """A report table made safe to publish, with the note that explains its markers."""

    block: Block
    note: str | None
    """A paragraph explaining the markers; None when nothing is withheld."""
    suppression: SuppressedTable = attrs.field(repr=False)

    def section(self, heading: str, paragraphs: Sequence[str] = ()) -> Section:
        """A report section holding the table, with the note after ``paragraphs``."""
        notes = (*paragraphs, self.note) if self.note else tuple(paragraphs)
        return Section(heading, notes, (self.block,))


def suppress_block(
    block: Block,
    *,
    k: int = DEFAULT_K,
    label_columns: Sequence[str] | None = None,
    count_columns: Sequence[str] | None = None,
    total_row: str | None = None,
    total_column: str | None = None,
    primary_marker: str = WITHHELD,
    complementary_marker: str = WITHHELD,
) -> PublicBlock:
    """Apply disclosure control to a report table of counts.

    Rows are identified by ``label_columns`` (default: the columns that are not counts, or
    the first column); ``count_columns`` hold the counts (default: every other column). A
    row whose first label is ``total_row`` holds the column totals, and the column
    ``total_column`` the row totals; both are checked against the counts. Totals are
    protected even when the block does not show them (they are often printed elsewhere).
    Withheld counts become :data:`WITHHELD` (``x``); ``primary_marker`` and
    ``complementary_marker`` can tell small counts apart from their complements, but a
    table that does so tells the reader which counts are small.

    Raises:
        InvalidValueError: an unknown column, a count that is not a non-negative integer,
            a repeated row label, or a total that is not the sum of its counts.
    """
    columns = list(block.columns)
    for name in (*(label_columns or ()), *(count_columns or ()), total_column):
        if name is not None and name not in columns:
            raise InvalidValueError(
                Message(
                    "suppress_block: no column {name!r} (the table has {columns})",
                    name=name,
                    columns=", ".join(columns),
                )
            )
    if label_columns is None:
        label_columns = (
            [c for c in columns if c not in count_columns] if count_columns else columns[:1]
        )
    if count_columns is None:
        count_columns = [c for c in columns if c not in label_columns]
    if not count_columns or not label_columns:
        raise InvalidValueError(Message("suppress_block: expected label columns and count columns"))
    labels = [columns.index(c) for c in label_columns]
    parts = [c for c in count_columns if c != total_column]
    part_index = [columns.index(c) for c in parts]
    total_index = None if total_column is None else columns.index(total_column)

    keys: list[str] = []
    data: list[list[int]] = []
    key_of_line: dict[int, str] = {}
    seen_keys: set[str] = set()
    total_line: int | None = None
    for n, row in enumerate(block.rows):
        if total_row is not None and str(row[labels[0]]) == total_row:
            if total_line is not None:
                raise InvalidValueError(
                    Message("suppress_block: two total rows {row!r}", row=total_row)
                )
            total_line = n
            continue
        key = " | ".join(str(row[i]) for i in labels)
        if key in seen_keys:
            raise InvalidValueError(Message("suppress_block: row {row!r} appears twice", row=key))
        key_of_line[n] = key
        seen_keys.add(key)
        keys.append(key)
        data.append(
            [count_cell(_cell(key, c), row[i]) for c, i in zip(parts, part_index, strict=True)]
        )
    if not keys:
        raise InvalidValueError(Message("suppress_block: the table has no rows of counts"))
    table = CountTable(keys, parts, data, row_totals=len(parts) > 1 or total_index is not None)

    if total_index is not None:
        for n, key in key_of_line.items():
            shown = count_cell(_cell(key, total_column), block.rows[n][total_index])
            if shown != table.row_total(key):
                raise InvalidValueError(
                    Message(
                        "suppress_block: total {shown} of row {row!r} is not the sum of its "
                        "counts ({sum})",
                        shown=shown,
                        row=key,
                        sum=table.row_total(key),
                    )
                )
    if total_line is not None:
        line = block.rows[total_line]
        for c, i in zip(parts, part_index, strict=True):
            shown = count_cell(_cell(total_row, c), line[i])
            if shown != table.column_total(c):
                raise InvalidValueError(
                    Message(
                        "suppress_block: total {shown} of column {column!r} is not the sum of "
                        "its counts ({sum})",
                        shown=shown,
                        column=c,
                        sum=table.column_total(c),
                    )
                )
        if total_index is not None:
            shown = count_cell(_cell(total_row, total_column), line[total_index])
            if shown != table.grand_total:
                raise InvalidValueError(
                    Message(
                        "suppress_block: grand total {shown} is not the sum of the counts ({sum})",
                        shown=shown,
                        sum=table.grand_total,
                    )
                )

    result = suppress(table, k)
    markers = {
        Suppression.PRIMARY: primary_marker,
        Suppression.COMPLEMENTARY: complementary_marker,
    }

    def shown_cell(position: Position, original: Any) -> Any:
        status = result.status(position)
        return original if status is None else markers[status]

    out_rows: list[list[Any]] = []
    for n, row in enumerate(block.rows):
        cells = list(row)
        key_or_none = None if n == total_line else key_of_line[n]
        for c, i in zip(parts, part_index, strict=True):
            cells[i] = shown_cell((key_or_none, c), cells[i])
        if total_index is not None:
            cells[total_index] = shown_cell((key_or_none, None), cells[total_index])
        out_rows.append(cells)
    public = attrs.evolve(block, rows=out_rows)
    note = None
    if result.marks:
        if primary_marker == complementary_marker == WITHHELD:
            note = public_note(k)
        else:
            note = _(
                "“{primary}” marks a count from 1 to {below}; “{complementary}” a count "
                "withheld so that those cannot be worked out or narrowed down. Zero counts are "
                "shown."
            ).format(primary=primary_marker, below=k - 1, complementary=complementary_marker)
    return PublicBlock(public, note, result)
