"""The plan argument of the commands: an installed plan's id, or a plan file."""

from __future__ import annotations

from pathlib import Path

from child_welfare_plan.cli.args import UsageError
from child_welfare_plan.errors import PlanFileError
from child_welfare_plan.io.plans import load_plan
from child_welfare_plan.model.findings import Finding
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.plugins.host import Host

__all__ = ["PLAN_FILE_SUFFIXES", "is_plan_file", "load_plan_arg", "plan_or_findings"]

PLAN_FILE_SUFFIXES = (".toml", ".json")
"""Suffixes that make the argument a plan file rather than a plan id."""


def is_plan_file(value: str) -> bool:
    """True when the plan argument names a plan file rather than an installed plan."""
    return Path(value).suffix.lower() in PLAN_FILE_SUFFIXES


def plan_or_findings(value: str, host: Host) -> tuple[Plan | None, list[Finding]]:
    """A plan id, or a path to a plan file: the plan (or None) and the file's findings."""
    if is_plan_file(value):
        if not Path(value).is_file():
            raise UsageError(f"no plan file {value!r}")
        try:
            return load_plan(value), []
        except PlanFileError as exc:
            return None, [f for f in exc.findings if isinstance(f, Finding)]
    return host.plan(value), []


def load_plan_arg(value: str, host: Host) -> Plan:
    """The plan the argument names; a plan file that cannot be read is an error."""
    plan, findings = plan_or_findings(value, host)
    if plan is None:
        first = findings[0] if findings else None
        raise PlanFileError(f"{value}: {first.location}: {first.message}" if first else value)
    return plan
