"""``cwp lunar DATE [--to-solar] [--leap]``: between solar and Vietnamese lunar dates."""

from __future__ import annotations

import argparse

from child_welfare_plan.calendars import lunar
from child_welfare_plan.calendars.dates import parse_date
from child_welfare_plan.cli.args import UsageError
from child_welfare_plan.i18n import N_, _
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.cells import echo
from child_welfare_plan.plugins.host import Host
from child_welfare_plan.reports.base import Report
from child_welfare_plan.reports.time import lunar_report

HELP = N_("convert between solar and Vietnamese lunar dates")


def configure(parser: argparse.ArgumentParser) -> None:
    """The date and its direction."""
    parser.add_argument(
        "date", help=_("solar YYYY-MM-DD, or lunar DD/MM/YYYY (or YYYY-MM-DD) with --to-solar")
    )
    parser.add_argument("--to-solar", action="store_true", help=_("DATE is a lunar date"))
    parser.add_argument("--leap", action="store_true", help=_("the lunar month is a leap month"))


def lunar_date(text: str) -> tuple[int, int, int]:
    """``(year, month, day)`` of a lunar date written ``DD/MM/YYYY`` (``-`` or ``.`` may
    separate) or, year first, ``YYYY-MM-DD``."""
    parts = [p.strip() for p in text.replace("-", "/").replace(".", "/").split("/")]
    if len(parts) != 3 or not all(p.isascii() and p.isdigit() and len(p) <= 4 for p in parts):
        raise UsageError(Message("lunar date {date}: expected DD/MM/YYYY", date=echo(text)))
    if len(parts[0]) == 4:  # 2023-08-15: the year first, as ISO writes solar dates
        year, month, day = (int(p) for p in parts)
    else:
        day, month, year = (int(p) for p in parts)
    return year, month, day


def run(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    """The day in both calendars."""
    if args.to_solar:
        year, month, day = lunar_date(args.date)
        solar = lunar.to_solar(year, month, day, leap=args.leap)
    else:
        if args.leap:
            raise UsageError(Message("--leap goes with --to-solar"))
        solar = parse_date(args.date)
    return lunar_report(solar, lunar.to_lunar(solar)), 0
