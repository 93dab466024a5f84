"""``cwp calendar PLAN [--agency CODE] [--from DATE] [--to DATE]``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from child_welfare_plan.plugins.registry import Host
from child_welfare_plan.reports import Report

__all__ = ["register"]


def _run(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    from child_welfare_plan import cli
    from child_welfare_plan.rules.schedule import calendar_report, plan_calendar

    plan = cli._load_plan(args.plan, host)
    cal = plan_calendar(
        plan,
        agency=args.agency,
        start=args.start,
        end=args.end,
        calendar=host.working_calendar(plan.area, plan.year),
    )
    # The command line is the one place that may read the clock: iCalendar's DTSTAMP.
    return calendar_report(cal, stamp=datetime.now(UTC).replace(microsecond=0)), 0


def register(add: Callable[..., Any]) -> None:
    """Add ``cwp calendar`` to the command line."""
    from child_welfare_plan.cli import _date

    p = add("calendar", _run, "events and deadlines of a plan in date order (--format ics)")
    p.add_argument("plan", help="plan id or a .toml/.json plan file")
    p.add_argument("--agency", help="only what concerns this agency code")
    p.add_argument("--from", dest="start", type=_date, help="from this date (YYYY-MM-DD)")
    p.add_argument("--to", dest="end", type=_date, help="up to this date (YYYY-MM-DD)")
