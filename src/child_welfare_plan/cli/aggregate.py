"""``cwp aggregate PLAN (--data FILE | --demo) [--level LEVEL] [--period ID] [--audience
public -k K]``: rolled-up values.

``--data`` is any data source: CSV, JSON, a spreadsheet (``FILE.xlsx#Sheet``), a filled
form, a DHIS2 dataValueSet. ``--demo`` reads the data values of the synthetic demo data set
a pack registers for the plan. ``--format dhis2-json`` (or ``dhis2-csv``) writes the values
as a DHIS2 dataValueSet.

JSON (design §7): ``{"plan", "values": [{"unit", "level", "period", "indicator",
"disaggregation", "value", "coverage", "complete", "reported", "expected", "reason",
"numerator", "denominator", "share"}], "findings"}``; the plan's own findings come
first. Exit 1 when the plan or the data has error-level findings (what could be computed
is still printed); 2 when the data file cannot be read as a table at all.

``--audience public`` protects the counts of children (disclosure control): every value
gains ``withheld`` (null, ``suppressed`` or ``derived``; a withheld value is null), the
JSON gains ``audience`` and ``k``, breakdowns of counts of children are shown for the
plan's area only, and findings keep their code and place but not their message. Every
public output of the same data is a slice of one protected publication
(:func:`~child_welfare_plan.rules.disclosure.figures.public_figures`), whatever levels and
periods it shows.
"""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path

import attrs

from child_welfare_plan.cli.args import (
    UsageError,
    add_audience,
    add_engine_options,
    format_name,
    refuse_unreadable,
    require_files,
)
from child_welfare_plan.cli.planarg import load_plan_arg, plan_findings
from child_welfare_plan.engines import choose
from child_welfare_plan.engines.progress import terminal_progress
from child_welfare_plan.engines.values import aggregate_file, load_data_values
from child_welfare_plan.plugins.host import Host
from child_welfare_plan.reports.aggregate import aggregate_report
from child_welfare_plan.reports.base import Report
from child_welfare_plan.rules.aggregate import DataValueSet, aggregate
from child_welfare_plan.rules.disclosure.figures import public_figures
from child_welfare_plan.rules.disclosure.published import publish_aggregate

HELP = "roll reported values up the unit tree and over time"


def configure(p: argparse.ArgumentParser) -> None:
    """The plan, the data, the levels and the periods."""
    p.add_argument("plan", help="plan id or a .toml/.json plan file")
    p.add_argument(
        "--data",
        type=Path,
        help="data values: CSV, JSON, Parquet, .xlsx/.xls/.ods (FILE#Sheet), a filled form, "
        "or a DHIS2 dataValueSet",
    )
    p.add_argument("--demo", action="store_true", help="use the pack's synthetic demo data")
    p.add_argument(
        "--level",
        action="append",
        choices=("province", "district", "commune"),
        help="level to report (repeat for several; default: the plan's area)",
    )
    p.add_argument(
        "--period",
        action="append",
        help="period id to report, e.g. 2023 or 2023S1 (repeat for several; default: the "
        "periods in the data and their years)",
    )
    add_audience(p)
    add_engine_options(p)


def run(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    """Read the values and roll them up."""
    plan = load_plan_arg(args.plan, host)
    catalog = host.catalog()
    progress = terminal_progress(args.quiet, total=4)
    with contextlib.ExitStack() as stack:
        stack.callback(progress.close)
        path: Path | None = args.data
        if args.demo and path is None:
            _, path, _ = stack.enter_context(host.demo_data(plan.id).files())
            if path is None:
                raise UsageError(f"the demo data of plan {plan.id!r} has no data values")
        if path is None:
            raise UsageError("give the data values with --data FILE (or --demo)")
        require_files(data=path)
        engine = choose(args.engine, [path])
        source = host.data_source_for(path)
        data: DataValueSet | None = None
        if args.audience == "public":
            # Disclosure control works on the reported values: the engine's data-value set.
            data = load_data_values(
                path, plan, catalog, engine=engine, source=source, progress=progress
            )
            with progress.step("roll up over time and the unit tree"):
                result = aggregate(plan, data, catalog, level=args.level, periods=args.period)
        else:
            result = aggregate_file(
                path,
                plan,
                catalog,
                engine=engine,
                source=source,
                progress=progress,
                level=args.level,
                periods=args.period,
            )
        refuse_unreadable(result.findings)
        own = plan_findings(args.plan, plan, host)
        if own:
            result = attrs.evolve(result, findings=(*own, *result.findings))
        failed = 1 if result.has_errors() else 0
        with progress.step("build the report"):
            tables = format_name(args, host) not in ("json", "csv")  # both write `data` alone
            if data is not None:
                figures = public_figures(plan, data, catalog, k=args.k)
                published = publish_aggregate(result, figures)
                report = aggregate_report(published, plan, tables=tables)
            else:
                report = aggregate_report(result, plan, tables=tables)
    return report, failed
