"""Findings as a table, the same in every report: the severity as a word of the current
language, the code (stable), where, and the message in the current language."""

from __future__ import annotations

from collections.abc import Sequence

from child_welfare_plan.i18n import _
from child_welfare_plan.model.findings import Finding
from child_welfare_plan.reports.base import Block
from child_welfare_plan.reports.labels import severity_label

__all__ = ["findings_block"]


def findings_block(findings: Sequence[Finding], title: str | None = None) -> Block:
    """Findings as a table: severity, code, location, message."""
    return Block(
        (_("severity"), _("code"), _("location"), _("message")),
        [(severity_label(f.severity), f.code, f.location.label(), f.text()) for f in findings],
        title,
    )
