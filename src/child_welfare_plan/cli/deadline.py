"""``cwp deadline TEXT [--no-roll] [--anchor MOMENT] [--year YEAR]``: read a Vietnamese
deadline phrase.

The JSON is ``{"rule", "date", "last_on_time_day", "rolled", "due_at", "reason",
"days_off"}``: ``due_at`` is the instant the time limit ends (ISO 8601 with ``+07:00``) when
the phrase gives a time of day or counts hours, else null; ``reason`` and ``days_off`` say
why the last day rolled (each day off with its reason and name), null and ``[]`` when it did
not. "trước 16 giờ 00 ngày 14/6/2024" reads as before 16:00 *on* 14/6/2024: that day is the
last on-time day, and ``due_at`` is 2024-06-14T16:00:00+07:00.
"""

from __future__ import annotations

import argparse
import re

from child_welfare_plan.calendars.dates import parse_date
from child_welfare_plan.calendars.deadlines import resolve
from child_welfare_plan.cli.args import UsageError, moment_arg
from child_welfare_plan.i18n import N_, _
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.cells import echo
from child_welfare_plan.model.deadlines import WithinDays, WithinHours, parse_deadline
from child_welfare_plan.plugins.host import Host
from child_welfare_plan.reports.base import Report
from child_welfare_plan.reports.time import deadline_report

HELP = N_("read a Vietnamese deadline phrase")

_ANCHOR_DATE = re.compile(r"(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})")


def configure(parser: argparse.ArgumentParser) -> None:
    """The phrase, the roll and the anchor of a relative deadline."""
    parser.add_argument("text", help=_('e.g. "trước ngày 15/6/2023"'))
    parser.add_argument(
        "--no-roll", action="store_true", help=_("do not move a non-working last day")
    )
    parser.add_argument(
        "--year",
        type=int,
        help=_("the year of a date the phrase writes without one (trước ngày 15/6)"),
    )
    parser.add_argument(
        "--anchor",
        type=moment_arg,
        help=_("the event a relative deadline counts from: YYYY-MM-DD, or YYYY-MM-DDTHH:MM"),
    )


def run(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    """The phrase's rule and its last on-time day."""
    rule = parse_deadline(args.text, year=args.year)
    anchor = args.anchor
    if anchor is not None and not isinstance(rule, WithinDays | WithinHours):
        raise UsageError(
            Message(
                "--anchor goes with a relative deadline (“trong vòng N ngày kể từ …”); "
                "{phrase} names its own date",
                phrase=echo(args.text),
            )
        )
    if anchor is None and isinstance(rule, WithinDays):
        # "trong vòng 05 ngày làm việc kể từ ngày 01/6/2023": the phrase names its anchor.
        named = _ANCHOR_DATE.search(rule.anchor)
        anchor = parse_date(named.group(1)) if named else None
    deadline = resolve(rule, anchor=anchor, roll=not args.no_roll)
    return deadline_report(args.text, deadline), 0
