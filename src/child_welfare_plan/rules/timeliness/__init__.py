"""Timeliness of reports: who reported what, when, and whom to chase.

The rule is :func:`~child_welfare_plan.rules.timeliness.judge.timeliness`; its result types
are in :mod:`~child_welfare_plan.rules.timeliness.results`.
"""

from __future__ import annotations

from child_welfare_plan.rules.timeliness.judge import timeliness
from child_welfare_plan.rules.timeliness.results import (
    DELAY_BUCKETS,
    FINDING_CODES,
    Rate,
    Status,
    StatusItem,
    TimelinessResult,
    delay_bucket,
)

__all__ = [
    "DELAY_BUCKETS",
    "FINDING_CODES",
    "Rate",
    "Status",
    "StatusItem",
    "TimelinessResult",
    "delay_bucket",
    "timeliness",
]
