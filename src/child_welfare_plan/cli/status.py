"""``cwp status PLAN (--submissions FILE | --demo) [--as-of DATE] [--incidents FILE]``: who
reported what, when, and whom to chase.

JSON (design §7): ``{"as_of", "plan", "items": [{"reporter", "obligation", "period",
"last_on_time_day", "status", "received", "days_late", "days_overdue", "days_left", ...}],
"rates": [{"obligation", "period", "expected", "received", "on_time", "reporting_rate",
"on_time_rate", ...}], "findings"}``. For people (text, markdown, html): who is overdue (by
obligation, most overdue first), who was late, the rates, what falls due within 14 days per
reporter, the reports on incidents, the reports with no fixed date, then the findings.

``--as-of`` defaults to today's date in Vietnam (Asia/Ho_Chi_Minh), read here at the command
line; the library never reads the clock. The date used is always printed. The plan's own
findings come first. Exit 1 when the plan, the files or the judgement have error-level
findings (what could be computed is still printed); 2 when a file does not exist or cannot
be read as a table at all (then nothing is judged: an empty log would call every reporter
overdue).

``--audience public`` leaves out the reports on single incidents (each names a child's
death or abuse, where and when) and the findings' messages; JSON gains ``"audience"``.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
from datetime import date
from pathlib import Path

from child_welfare_plan.cli.args import (
    UsageError,
    add_audience,
    add_engine_options,
    date_arg,
    days_arg,
    refuse_unreadable,
    require_files,
    today_in_vietnam,
)
from child_welfare_plan.cli.planarg import load_plan_arg, plan_findings
from child_welfare_plan.engines import choose
from child_welfare_plan.engines.status import timeliness
from child_welfare_plan.i18n import N_, _
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.submissions import load_incidents, load_submissions
from child_welfare_plan.model.findings import Finding, has_errors
from child_welfare_plan.plugins.host import Host
from child_welfare_plan.reports.base import Report
from child_welfare_plan.reports.status import DUE_WITHIN_DAYS, status_report
from child_welfare_plan.rules.disclosure.published import public_timeliness, quiet_finding

HELP = N_("who reported on time, who was late, who is overdue, and rates")


def configure(p: argparse.ArgumentParser) -> None:
    """The plan, the files, the date of the judgement."""
    p.add_argument("plan", help=_("plan id or a .toml/.json plan file"))
    p.add_argument(
        "--submissions",
        type=Path,
        help=_("submissions: CSV, JSON or a spreadsheet (design §6)"),
    )
    p.add_argument("--demo", action="store_true", help=_("use the pack's synthetic demo data"))
    p.add_argument(
        "--as-of",
        dest="as_of",
        type=date_arg,
        help=_("judge as of this date, YYYY-MM-DD (default: today's date in Vietnam)"),
    )
    p.add_argument(
        "--incidents",
        type=Path,
        help=_(
            "incidents that trigger event-triggered reports, CSV or JSON "
            "(id,kind,unit,known,occurred,description); without it such reports are listed "
            "but not judged"
        ),
    )
    p.add_argument(
        "--due-within",
        dest="due_within",
        type=days_arg,
        default=DUE_WITHIN_DAYS,
        metavar="DAYS",
        help=_("list what falls due within DAYS days (default {days})").format(
            days=DUE_WITHIN_DAYS
        ),
    )
    add_engine_options(p)
    add_audience(p, threshold=False)


def run(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    """Judge the submissions as of the date."""
    plan = load_plan_arg(args.plan, host)
    submissions_file: Path | None = args.submissions
    incidents_file: Path | None = args.incidents
    as_of: date | None = args.as_of
    findings: list[Finding] = plan_findings(args.plan, plan, host)
    incidents = None
    with contextlib.ExitStack() as stack:
        if args.demo:
            demo = host.demo_data(plan.id)
            demo_submissions, _data, demo_incidents = stack.enter_context(demo.files())
            submissions_file = submissions_file or demo_submissions
            incidents_file = incidents_file or demo_incidents
            as_of = as_of or demo.as_of
        if submissions_file is None:
            raise UsageError(Message("give the submissions with --submissions FILE (or --demo)"))
        require_files(submissions=submissions_file, incidents=incidents_file)
        # The rows are read and checked by the Python loader; the engine judges them (the
        # same answer whatever the engine: child_welfare_plan.engines.status).
        engine = choose(args.engine, [submissions_file])
        if incidents_file is not None:
            loaded = load_incidents(
                incidents_file, plan, source=host.data_source_for(incidents_file)
            )
            findings.extend(loaded.findings)
            incidents = loaded.incidents
        submissions = load_submissions(
            submissions_file,
            plan,
            incidents=incidents,
            source=host.data_source_for(submissions_file),
        )
    findings.extend(submissions.findings)
    refuse_unreadable(findings)
    if as_of is None:
        as_of = today_in_vietnam()
    # The plan and the submissions live until the command ends: keeping them out of the
    # garbage collector's scans while the items are built saves about a tenth of the time
    # on a national file (benchmarks/status_national.py).
    gc.freeze()
    try:
        result = timeliness(
            plan,
            submissions.submissions,
            as_of=as_of,
            calendar=host.working_calendar(plan.area, plan.year),
            incidents=incidents,
            engine=engine,
        )
        failed = has_errors(findings) or result.has_errors()
        public = args.audience == "public"
        if public:
            result = public_timeliness(plan, result)
            findings = [quiet_finding(f) for f in findings]
        report = status_report(result, plan, findings, due_within=args.due_within, public=public)
    finally:
        gc.unfreeze()
    return report, 1 if failed else 0
