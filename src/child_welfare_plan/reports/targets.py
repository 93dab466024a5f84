"""Target results as a report table."""

from __future__ import annotations

from collections.abc import Sequence

from child_welfare_plan.reports.base import Block
from child_welfare_plan.rules.targets import TargetResult

__all__ = ["TARGET_COLUMNS", "targets_block"]


#: The columns of :func:`targets_block`.
TARGET_COLUMNS = (
    "target",
    "indicator",
    "scope",
    "goal",
    "actual",
    "expected",
    "coverage",
    "status",
    "reason",
)


def targets_block(results: Sequence[TargetResult], *, title: str | None = "Targets") -> Block:
    """A report table of target results, one row each, coverage shown as a percentage."""
    rows = [
        (
            r.target,
            r.indicator,
            r.scope,
            r.goal,
            r.actual,
            r.expected,
            r.coverage,
            r.status.value,
            r.reason,
        )
        for r in results
    ]
    return Block(TARGET_COLUMNS, rows, title, percent_columns=("coverage",))
