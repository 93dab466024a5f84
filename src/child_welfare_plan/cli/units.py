"""``cwp units CODE [--as-of DATE]`` and ``cwp units --search TEXT``: administrative units
over time.

JSON of a code: ``{"code", "name", "level", "parent", "valid_from", "valid_to",
"predecessors": [{"code", "name", "valid_to", "share", ...}], "successors": [{"code",
"name", "valid_from", "share", ...}], ...}`` for the unit that had the code on
``--as-of`` (default: today in Vietnam, read here); text shows the whole history of the
code. A code no unit has had, or a day no unit had it, is exit 2 with a message saying
which units had it and when. JSON of a search: ``{"search", "units": [{"code", "name",
"level", "parent", "valid_from", "valid_to"}]}``.
"""

from __future__ import annotations

import argparse

from child_welfare_plan.catalogs.units import national_register
from child_welfare_plan.cli.args import UsageError, date_arg, today_in_vietnam
from child_welfare_plan.i18n import N_, _
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.plugins.host import Host
from child_welfare_plan.reports.base import Report
from child_welfare_plan.reports.units import unit_report, unit_search_report

HELP = N_("administrative units over time: a code's history, or a search by name")


def configure(p: argparse.ArgumentParser) -> None:
    """A code and a day, or a search."""
    p.add_argument("code", nargs="?", help=_("official unit code: 31, 298, 11086"))
    p.add_argument(
        "--as-of",
        dest="as_of",
        type=date_arg,
        help=_("the day, YYYY-MM-DD (default: today's date in Vietnam)"),
    )
    p.add_argument(
        "--search", metavar="TEXT", help=_('find units by name, no diacritics needed ("tu ky")')
    )


def run(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    """The unit with the code on the day, or the units whose names match."""
    register = national_register()
    if args.search is not None:
        if args.code is not None:
            raise UsageError(Message("give a code or --search, not both"))
        return unit_search_report(register, args.search, register.search(args.search)), 0
    if args.code is None:
        raise UsageError(Message("give a unit code, or --search TEXT"))
    as_of = args.as_of if args.as_of is not None else today_in_vietnam()
    return unit_report(register, register.unit(args.code, as_of), as_of), 0
