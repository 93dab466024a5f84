"""Split-weight files: the shares in which a divided unit's figures are apportioned.

A CSV (or any table a data source reads) with the columns ``old_code,new_code,share``:
one row per unit a divided unit went to, ``share`` a fraction above 0 and at most 1 (the
shares of one divided unit add up to 1; :func:`~child_welfare_plan.rules.remap.check_weights`
checks that against the register). Every bad row is a finding with its row and column.

Example (Xã Hưng Đạo, divided on 01/07/2025; the shares are assumptions of the analyst)::

    old_code,new_code,share
    11086,11086,0.8
    11086,11113,0.2
"""

from __future__ import annotations

import math
import re
from os import PathLike

import attrs

from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.sources import DataSource, source_for
from child_welfare_plan.model.cells import cell_text
from child_welfare_plan.model.findings import Finding, Location, Severity

__all__ = ["COLUMNS", "SplitWeights", "load_split_weights"]

COLUMNS = ("old_code", "new_code", "share")


@attrs.frozen
class SplitWeights:
    """The shares read, ``(old code, new code) → share``, and every problem found."""

    shares: dict[tuple[str, str], float]
    findings: tuple[Finding, ...] = ()


_UNIT_CODE = re.compile(r"[0-9]{2}|[0-9]{3}|[0-9]{5}")
"""An official unit code: 2 (province), 3 (district) or 5 (commune) digits."""


def load_split_weights(
    path: str | PathLike[str], *, source: DataSource | None = None
) -> SplitWeights:
    """Read a split-weight file; rows with a problem are left out, each with a finding."""
    stream = (source if source is not None else source_for(path)).open(path)
    table = stream.table()
    findings: list[Finding] = list(table.findings)

    def problem(message: str, row: int | None, column: str | None = None) -> None:
        findings.append(
            Finding(
                Severity.ERROR,
                "bad-split-weight",
                message,
                Location(file=table.source, row=row, column=column),
            )
        )

    missing = table.missing_columns(COLUMNS)
    if missing and table.columns:
        problem(
            Message(
                "the file lacks column(s) {missing} (expected a header {expected})",
                missing=", ".join(missing),
                expected=",".join(COLUMNS),
            ),
            1,
        )
        return SplitWeights({}, tuple(findings))
    if missing:
        return SplitWeights({}, tuple(findings))
    at = {name: table.columns.index(name) for name in COLUMNS}
    shares: dict[tuple[str, str], float] = {}
    first: dict[tuple[str, str], int] = {}
    for row, number in zip(table.rows, table.row_numbers, strict=True):
        old, new = cell_text(row[at["old_code"]]), cell_text(row[at["new_code"]])
        bad = False
        for column, code in (("old_code", old), ("new_code", new)):
            if not _UNIT_CODE.fullmatch(code):
                problem(Message("{code!r} is not an official unit code", code=code), number, column)
                bad = True
        text = cell_text(row[at["share"]])
        try:
            share = float(text)
        except ValueError:
            share = math.nan
        if not (0.0 < share <= 1.0):
            problem(
                Message("{text!r} is not a share above 0 and at most 1", text=text), number, "share"
            )
            bad = True
        if bad:
            continue
        if (old, new) in shares:
            problem(
                Message(
                    "{old} → {new} is given twice (first in row {first})",
                    old=old,
                    new=new,
                    first=first[(old, new)],
                ),
                number,
                "new_code",
            )
            continue
        shares[(old, new)] = share
        first[(old, new)] = number
    return SplitWeights(shares, tuple(findings))
