"""``cwp evaluate PLAN [--data FILE] [--submissions FILE] [--incidents FILE] [--as-of DATE]
[--demo] [--audience internal|public] [--units-as-of DATE [--split-weights FILE]]``: the
consolidated evaluation.

``--units-as-of`` carries the figures onto the units in force that day before rolling them
up (timeliness stays that of the plan's own reporters).

``--demo`` takes the files and the as-of date of the synthetic demo data set a pack
registers for the plan. Without ``--demo`` and ``--as-of``, the as-of date is today in
Vietnam, read here at the command line (the library never reads the clock). Exit 1 when an
error-level finding remains; what could be computed is still printed.
"""

from __future__ import annotations

import argparse
import contextlib
from datetime import date
from pathlib import Path

import attrs

from child_welfare_plan.api import evaluate_files
from child_welfare_plan.cli.args import (
    add_audience,
    add_engine_options,
    add_remap_options,
    check_remap_args,
    date_arg,
    refuse_unreadable,
    require_files,
    today_in_vietnam,
)
from child_welfare_plan.cli.planarg import load_plan_arg, plan_source
from child_welfare_plan.i18n import N_, _
from child_welfare_plan.i18n.localized import localize
from child_welfare_plan.plugins.host import Host
from child_welfare_plan.reports.base import Report
from child_welfare_plan.reports.evaluation import evaluation_report

HELP = N_("the consolidated evaluation: timeliness, figures, targets")


def configure(p: argparse.ArgumentParser) -> None:
    """The plan, the files or the demo, the date, the period and the audience."""
    p.add_argument("plan", help=_("plan id or a .toml/.json plan file"))
    p.add_argument(
        "--data",
        type=Path,
        help=_(
            "data values: CSV, JSON, Parquet, a spreadsheet, a filled form or a DHIS2 dataValueSet"
        ),
    )
    p.add_argument("--submissions", type=Path, help=_("submissions (CSV, JSON or a spreadsheet)"))
    p.add_argument("--incidents", type=Path, help=_("incidents (CSV, JSON or a spreadsheet)"))
    p.add_argument("--as-of", type=date_arg, help=_("the date of the evaluation (YYYY-MM-DD)"))
    p.add_argument("--period", help=_("the period of the figures (default: the plan's year)"))
    p.add_argument("--demo", action="store_true", help=_("use the pack's synthetic demo data"))
    add_audience(p)
    add_remap_options(p)
    add_engine_options(p)


def run(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    """Evaluate the plan on the files (or the pack's demo data)."""
    plan = load_plan_arg(args.plan, host)
    check_remap_args(args)
    data: Path | None = args.data
    submissions_file: Path | None = args.submissions
    incidents_file: Path | None = args.incidents
    as_of: date | None = args.as_of
    notes: list[str] = []
    with contextlib.ExitStack() as stack:
        if args.demo:
            demo = host.demo_data(plan.id)
            demo_submissions, demo_data, demo_incidents = stack.enter_context(demo.files())
            data = data or demo_data
            submissions_file = submissions_file or demo_submissions
            incidents_file = incidents_file or demo_incidents
            as_of = as_of or demo.as_of
            notes.append(
                _("Demo data (synthetic, no real children): {description}")
                .format(description=localize(demo.description))
                .strip()
            )
        if as_of is None:
            as_of = today_in_vietnam()
        require_files(data=data, submissions=submissions_file, incidents=incidents_file)
        evaluation = evaluate_files(
            plan,
            as_of=as_of,
            data=data,
            submissions=submissions_file,
            incidents=incidents_file,
            period=args.period,
            audience=args.audience,
            k=args.k,
            engine=args.engine,
            plan_source=plan_source(args.plan, plan, host),
            units_as_of=args.units_as_of,
            split_weights=args.split_weights,
        )
    refuse_unreadable(evaluation.findings)
    report = evaluation_report(evaluation, host.catalog())
    if notes:
        first = report.sections[0]
        report = attrs.evolve(
            report,
            sections=(
                attrs.evolve(first, paragraphs=(*first.paragraphs, *notes)),
                *report.sections[1:],
            ),
        )
    return report, 1 if evaluation.has_errors() else 0
