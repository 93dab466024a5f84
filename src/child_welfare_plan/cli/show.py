"""``cwp show PLAN``: the plan, section by section."""

from __future__ import annotations

import argparse

from child_welfare_plan.cli import say
from child_welfare_plan.cli.planarg import load_plan_arg, plan_findings
from child_welfare_plan.i18n import N_, _
from child_welfare_plan.model.findings import Severity
from child_welfare_plan.plugins.host import Host
from child_welfare_plan.reports.base import Report
from child_welfare_plan.reports.plans import plan_report

HELP = N_("show a plan section by section")


def configure(parser: argparse.ArgumentParser) -> None:
    """The plan."""
    parser.add_argument("plan", help=_("plan id (see `cwp plans`) or a .toml/.json plan file"))


def run(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    """The plan's report; its JSON is the plan's exchange form, so the plan's errors go to
    stderr (exit 1) rather than into it."""
    plan = load_plan_arg(args.plan, host)
    errors = [f for f in plan_findings(args.plan, plan, host) if f.severity is Severity.ERROR]
    for f in errors:
        say(_("cwp: error: {problem}").format(problem=f"{f.location.label()}: {f.text()}"))
    return plan_report(plan, host.catalog()), 1 if errors else 0
