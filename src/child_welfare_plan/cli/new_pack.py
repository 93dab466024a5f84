"""``cwp new-pack --unit CODE --year YEAR DIR``: scaffold an installable pack for any unit.

The pack (a distribution with an entry point) holds a plan file with the unit as it stands
in YEAR, its parents and the bodies of each level on the days they exist, a synthetic demo
data set, and a test. DIR must be new or empty. JSON: ``{"directory", "distribution",
"module", "plan", "unit": {"code", "name", "level", "valid_from", "valid_to"}, "files"}``.
A code no unit had in YEAR is exit 2 with a message saying which units had it, and when.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from child_welfare_plan.catalogs.units import national_register
from child_welfare_plan.cli.args import UsageError
from child_welfare_plan.i18n import N_, _
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.packs import scaffold_pack, write_pack
from child_welfare_plan.plugins.host import Host
from child_welfare_plan.reports.base import Report
from child_welfare_plan.reports.plans import new_pack_report

HELP = N_("scaffold an installable pack (plan, demo data, test) for any unit")


def configure(p: argparse.ArgumentParser) -> None:
    """The unit, the year and the directory."""
    p.add_argument("directory", type=Path, help=_("where to write the pack (new or empty)"))
    p.add_argument("--unit", required=True, help=_("official unit code: 11074, 298, 31"))
    p.add_argument("--year", required=True, type=int, help=_("the year of the plan, e.g. 2026"))


def run(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    """Write the pack and say what was written."""
    if not 1945 <= args.year <= 2100:
        raise UsageError(
            Message("--year {year}: expected a year from 1945 to 2100", year=str(args.year))
        )
    pack = scaffold_pack(national_register(), args.unit, args.year)
    written = write_pack(pack, args.directory)
    return new_pack_report(pack, args.directory, written), 0
