"""The plan argument of the commands: an installed plan's id, or a plan file."""

from __future__ import annotations

from pathlib import Path

from child_welfare_plan.cli.args import StoppingProblems, UsageError
from child_welfare_plan.errors import PlanFileError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.plans import load_plan
from child_welfare_plan.model.findings import Finding
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.plugins.host import Host
from child_welfare_plan.rules.validate import validate_plan

__all__ = [
    "PLAN_FILE_SUFFIXES",
    "is_plan_file",
    "load_plan_arg",
    "plan_findings",
    "plan_or_findings",
    "plan_source",
]

PLAN_FILE_SUFFIXES = (".toml", ".json")
"""Suffixes that make the argument a plan file rather than a plan id."""


def is_plan_file(value: str) -> bool:
    """True when the plan argument names a plan file rather than an installed plan."""
    return Path(value).suffix.lower() in PLAN_FILE_SUFFIXES


def plan_or_findings(value: str, host: Host) -> tuple[Plan | None, list[Finding]]:
    """A plan id, or a path to a plan file: the plan (or None) and the file's findings."""
    if is_plan_file(value):
        if not Path(value).is_file():
            raise UsageError(Message("no plan file {path!r}", path=value))
        try:
            return load_plan(value), []
        except PlanFileError as exc:
            return None, [f for f in exc.findings if isinstance(f, Finding)]
    return host.plan(value), []


def load_plan_arg(value: str, host: Host) -> Plan:
    """The plan the argument names. A plan file that is not a plan stops the command with
    every problem on stderr, as ``cwp validate`` reports them: exit 2 when the file cannot
    be read at all, 1 when it reads but is not a valid plan."""
    plan, findings = plan_or_findings(value, host)
    if plan is None:
        unreadable = any(f.code == "unreadable-plan" for f in findings)
        raise StoppingProblems(findings, 2 if unreadable else 1)
    return plan


def plan_source(value: str, plan: Plan, host: Host) -> str | None:
    """The file the plan was read from: the argument, or the installed pack's file."""
    return value if is_plan_file(value) else host.plan_source(plan.id)


def plan_findings(value: str, plan: Plan, host: Host) -> list[Finding]:
    """Every finding of the plan itself (unknown agency, duplicate id, a deadline before its
    period...), checked against the installed catalog and the area's working days: every
    command that uses a plan reports them, and exits 1 on an error among them."""
    return validate_plan(
        plan,
        catalog=host.catalog(),
        calendar=host.working_calendar(plan.area, plan.year),
        source=plan_source(value, plan, host),
    )
