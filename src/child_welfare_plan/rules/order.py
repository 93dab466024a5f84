"""One order of findings for every engine: by file, row, column, code and message.

Each engine (:mod:`child_welfare_plan.engines`) checks rows in its own order; sorting the
findings by where they point makes "the same findings in the same order" hold by
construction. Findings of a whole file or of the aggregation (no row) come first, then
row by row, the columns of a data-value row in the order of the file format (unit,
period, indicator, disaggregation, value).
"""

from __future__ import annotations

from collections.abc import Iterable

from child_welfare_plan.model.findings import Finding

__all__ = ["COLUMN_RANK", "canonical_order", "finding_key"]

#: Where a column's findings stand within a row: the row as a whole, then the cells.
COLUMN_RANK: dict[str | None, int] = {
    None: 0,
    "": 0,
    "unit": 1,
    "period": 2,
    "indicator": 3,
    "disaggregation": 4,
    "value": 5,
}


def finding_key(finding: Finding) -> tuple[str, bool, int, int, str, str, str]:
    """The sort key of a finding: file, row (none first), column, code, message."""
    where = finding.location
    return (
        where.file or "",
        where.row is not None,
        where.row or 0,
        COLUMN_RANK.get(where.column, len(COLUMN_RANK)),
        where.column or "",
        finding.code,
        finding.message,
    )


def canonical_order(findings: Iterable[Finding]) -> list[Finding]:
    """The findings in the one order every engine gives (a stable sort)."""
    return sorted(findings, key=finding_key)
