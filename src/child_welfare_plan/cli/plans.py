"""``cwp plans``: the installed plans."""

from __future__ import annotations

import argparse

from child_welfare_plan.i18n import N_
from child_welfare_plan.plugins.host import Host
from child_welfare_plan.reports.base import Report
from child_welfare_plan.reports.plans import plans_report

HELP = N_("list installed plans")


def configure(parser: argparse.ArgumentParser) -> None:
    """No arguments beyond the common ones."""


def run(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    """Every plan an installed pack registers."""
    return plans_report(host.plans().values()), 0
