"""``cwp remind PLAN --submissions FILE [--as-of DATE] -o DIR``: a reminder letter (công văn
đôn đốc, docx) to every overdue reporter.

The letters are judged as ``cwp status`` judges (same files, same date) and written into
DIR (created if needed), each file atomically; the command's own output is the index of
the letters written (text by default, or ``--format``), on standard output. Every letter
and the index are rendered before the first letter is written, so a missing ``office``
extra or a bad option (``--table``) writes nothing. Letters already in DIR that this run
does not rewrite (an earlier run's, for reporters no longer overdue) are left as they are
and named in a warning (``earlier-letters``): the index lists only this run's. Exit 1 when
the files have error-level findings (the letters are still written), 2 for bad usage.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from child_welfare_plan.cli.args import UsageError, date_arg, require_files, today_in_vietnam
from child_welfare_plan.cli.planarg import load_plan_arg
from child_welfare_plan.cli.run import render_options
from child_welfare_plan.i18n import N_, _
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.atomic import write_atomic
from child_welfare_plan.io.submissions import load_incidents, load_submissions
from child_welfare_plan.model.findings import Finding, Location, Severity, has_errors
from child_welfare_plan.plugins.host import Host
from child_welfare_plan.reports.base import Report
from child_welfare_plan.reports.reminders import LETTER_PREFIX, remind_report, reminders
from child_welfare_plan.rules.timeliness import timeliness

HELP = N_("write a reminder letter (docx) to every overdue reporter")

OWNS_OUTPUT = True
"""``-o`` names the directory of the letters; the index goes to standard output."""

LETTER_FORMAT = "docx"


def configure(p: argparse.ArgumentParser) -> None:
    """The plan, the submissions, the date; ``-o DIR`` is where the letters go."""
    p.add_argument("plan", help=_("plan id or a .toml/.json plan file"))
    p.add_argument(
        "--submissions", required=True, type=Path, help=_("submissions, CSV or JSON (design §6)")
    )
    p.add_argument(
        "--as-of",
        dest="as_of",
        type=date_arg,
        help=_("judge and date the letters as of this day, YYYY-MM-DD (default: today in Vietnam)"),
    )
    p.add_argument(
        "--incidents", type=Path, help=_("incidents that trigger reports, CSV or JSON (optional)")
    )


def run(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    """Judge the submissions, then write one letter per overdue reporter into ``-o DIR``."""
    directory: Path | None = args.output
    if directory is None:
        raise UsageError(
            Message("cwp remind needs -o DIR: the directory to write the letters into")
        )
    if directory.exists() and not directory.is_dir():
        raise UsageError(
            Message("-o {path!r} is a file; expected a directory", path=str(directory))
        )
    plan = load_plan_arg(args.plan, host)
    require_files(submissions=args.submissions, incidents=args.incidents)
    findings: list[Finding] = []
    incidents = None
    if args.incidents is not None:
        loaded = load_incidents(args.incidents, plan, source=host.data_source_for(args.incidents))
        findings.extend(loaded.findings)
        incidents = loaded.incidents
    submissions = load_submissions(
        args.submissions, plan, incidents=incidents, source=host.data_source_for(args.submissions)
    )
    findings.extend(submissions.findings)
    as_of = args.as_of if args.as_of is not None else today_in_vietnam()
    result = timeliness(
        plan,
        submissions.submissions,
        as_of=as_of,
        calendar=host.working_calendar(plan.area, plan.year),
        incidents=incidents,
    )
    findings.extend(result.findings)
    letters = reminders(result, plan)
    contents = []
    if letters:
        fmt = host.output_format(LETTER_FORMAT)
        contents = [host.render(fmt, letter.letter) for letter in letters]
    findings.extend(_earlier_letters(directory, {letter.file for letter in letters}))
    report = remind_report(plan, as_of, letters, str(directory), findings)
    # The index is rendered once before any letter is written: a bad option writes nothing.
    index = host.output_format(str(args.format) if args.format else "text")
    host.render(index, report, render_options(args))
    if letters:
        directory.mkdir(parents=True, exist_ok=True)
        for letter, content in zip(letters, contents, strict=True):
            write_atomic(directory / letter.file, content)
    return report, 1 if has_errors(findings) else 0


def _earlier_letters(directory: Path, written: set[str]) -> list[Finding]:
    """A warning naming the letters in ``directory`` this run does not rewrite."""
    if not directory.is_dir():
        return []
    earlier = sorted(
        p.name
        for p in directory.iterdir()
        if p.name.startswith(LETTER_PREFIX) and p.suffix == ".docx" and p.name not in written
    )
    if not earlier:
        return []
    named = ", ".join(earlier[:5])
    shown = (
        Message("{named} and {rest:,} more", named=named, rest=len(earlier) - 5)
        if len(earlier) > 5
        else named
    )
    return [
        Finding(
            Severity.WARNING,
            "earlier-letters",
            Message(
                "{count:,} letter(s) in the folder were not written by this run and are "
                "left as they are (an earlier run's?): {shown}",
                count=len(earlier),
                shown=shown,
            ),
            Location(file=str(directory)),
        )
    ]
