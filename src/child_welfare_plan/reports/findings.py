"""Findings as a table, the same in every report."""

from __future__ import annotations

from collections.abc import Sequence

from child_welfare_plan.model.findings import Finding
from child_welfare_plan.reports.base import Block

__all__ = ["findings_block"]


def findings_block(findings: Sequence[Finding], title: str | None = None) -> Block:
    """Findings as a table: severity, code, location, message."""
    return Block(
        ("severity", "code", "location", "message"),
        [(str(f.severity), f.code, str(f.location), f.message) for f in findings],
        title,
    )
