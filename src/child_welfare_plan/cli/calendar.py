"""``cwp calendar PLAN [--agency CODE] [--from DATE] [--to DATE]``: events and deadlines."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from child_welfare_plan.cli.args import date_arg
from child_welfare_plan.cli.planarg import load_plan_arg
from child_welfare_plan.plugins.host import Host
from child_welfare_plan.reports.base import Report
from child_welfare_plan.reports.calendar import calendar_report
from child_welfare_plan.rules.schedule import plan_calendar

HELP = "events and deadlines of a plan in date order (--format ics)"


def configure(parser: argparse.ArgumentParser) -> None:
    """The plan, an agency and a span of dates."""
    parser.add_argument("plan", help="plan id or a .toml/.json plan file")
    parser.add_argument("--agency", help="only what concerns this agency code")
    parser.add_argument("--from", dest="start", type=date_arg, help="from this date (YYYY-MM-DD)")
    parser.add_argument("--to", dest="end", type=date_arg, help="up to this date (YYYY-MM-DD)")


def run(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    """The plan's calendar under the area's working days."""
    plan = load_plan_arg(args.plan, host)
    cal = plan_calendar(
        plan,
        agency=args.agency,
        start=args.start,
        end=args.end,
        calendar=host.working_calendar(plan.area, plan.year),
    )
    # The command line is the one place that may read the clock: iCalendar's DTSTAMP.
    return calendar_report(cal, stamp=datetime.now(UTC).replace(microsecond=0)), 0
