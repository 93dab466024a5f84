"""``cwp show PLAN``: the plan, section by section."""

from __future__ import annotations

import argparse

from child_welfare_plan.cli.planarg import load_plan_arg
from child_welfare_plan.plugins.host import Host
from child_welfare_plan.reports.base import Report
from child_welfare_plan.reports.plans import plan_report

HELP = "show a plan section by section"


def configure(parser: argparse.ArgumentParser) -> None:
    """The plan."""
    parser.add_argument("plan", help="plan id (see `cwp plans`) or a .toml/.json plan file")


def run(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    """The plan's report; its JSON is the plan's exchange form."""
    return plan_report(load_plan_arg(args.plan, host)), 0
