"""``cwp calendar PLAN [--agency CODE] [--from DATE] [--to DATE]``: events and deadlines.

The plan's own findings follow the calendar (on stderr for iCalendar, which holds events
only); exit 1 when one is an error.
"""

from __future__ import annotations

import argparse
import os
from datetime import UTC, datetime

from child_welfare_plan.cli import say
from child_welfare_plan.cli.args import date_arg, format_name
from child_welfare_plan.cli.planarg import load_plan_arg, plan_findings
from child_welfare_plan.i18n import N_, _
from child_welfare_plan.model.findings import Severity, has_errors
from child_welfare_plan.plugins.host import Host
from child_welfare_plan.reports.base import Report
from child_welfare_plan.reports.calendar import calendar_report
from child_welfare_plan.rules.schedule import plan_calendar

HELP = N_("events and deadlines of a plan in date order (--format ics)")


def configure(parser: argparse.ArgumentParser) -> None:
    """The plan, an agency and a span of dates."""
    parser.add_argument("plan", help=_("plan id or a .toml/.json plan file"))
    parser.add_argument("--agency", help=_("only what concerns this agency code"))
    parser.add_argument(
        "--from", dest="start", type=date_arg, help=_("from this date (YYYY-MM-DD)")
    )
    parser.add_argument("--to", dest="end", type=date_arg, help=_("up to this date (YYYY-MM-DD)"))


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
                say(_("cwp: error: {problem}").format(problem=f"{f.location.label()}: {f.text()}"))
    # The command line is the one place that may read the clock: iCalendar's DTSTAMP, or
    # SOURCE_DATE_EPOCH when set, so that a rebuilt calendar is the same bytes.
    stamp = _stamp(os.environ.get("SOURCE_DATE_EPOCH"))
    report = calendar_report(cal, stamp=stamp, findings=findings, plan=plan)
    return report, 1 if has_errors(findings) else 0


def _stamp(epoch: str | None) -> datetime:
    """When the calendar is produced: ``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC) when
    it is a whole number, else now.

    References:
        * RFC 5545 §3.8.7.2: DTSTAMP, the date and time the iCalendar object was created.
        * reproducible-builds.org, SOURCE_DATE_EPOCH specification.
    """
    if epoch is not None and epoch.strip().isascii() and epoch.strip().isdigit():
        seconds = int(epoch.strip())
        if seconds < 253402300800:  # before 10000-01-01, the last instant datetime holds
            return datetime.fromtimestamp(seconds, UTC)
    return datetime.now(UTC).replace(microsecond=0)
