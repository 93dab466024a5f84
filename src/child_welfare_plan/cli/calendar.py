"""``cwp calendar PLAN [--agency CODE] [--from DATE] [--to DATE]``: events and deadlines.

The plan's own findings follow the calendar (on stderr for iCalendar, which holds events
only); exit 1 when one is an error.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from child_welfare_plan.cli import say
from child_welfare_plan.cli.args import date_arg, format_name
from child_welfare_plan.cli.planarg import load_plan_arg, plan_findings
from child_welfare_plan.model.findings import Severity, has_errors
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
    findings = plan_findings(args.plan, plan, host)
    if format_name(args, host) == "ics":
        # iCalendar holds events only: the plan's errors go to stderr.
        for f in findings:
            if f.severity is Severity.ERROR:
                say(f"cwp: error: {f.location}: {f.message}")
    # The command line is the one place that may read the clock: iCalendar's DTSTAMP.
    stamp = datetime.now(UTC).replace(microsecond=0)
    report = calendar_report(cal, stamp=stamp, findings=findings)
    return report, 1 if has_errors(findings) else 0
