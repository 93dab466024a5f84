"""``cwp period ID [--convention calendar|nd09]``: a period's dates."""

from __future__ import annotations

import argparse

from child_welfare_plan.i18n import N_, _
from child_welfare_plan.model.periods import parse_period
from child_welfare_plan.plugins.host import Host
from child_welfare_plan.reports.base import Report
from child_welfare_plan.reports.time import period_report

HELP = N_("show a period's dates")


def configure(parser: argparse.ArgumentParser) -> None:
    """The period id and the convention it is read under."""
    parser.add_argument("id", help=_("2023, 2023S1, 2023Q2, 202306, 2023W05 or 20230615"))
    parser.add_argument("--convention", choices=("calendar", "nd09"), default="calendar")


def run(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    """The period's id, type and first and last days."""
    period = parse_period(args.id, args.convention)
    return period_report(period, args.convention), 0
