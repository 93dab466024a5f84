"""``cwp aggregate PLAN --data FILE [--level LEVEL] [--period ID]``: rolled-up values.

JSON (design §7): ``{"plan", "values": [{"unit", "level", "period", "indicator",
"disaggregation", "value", "coverage", "complete", "reported", "expected", "reason",
"numerator", "denominator", "share"}], "findings"}``. Exit 1 when the data has
error-level findings (what could be computed is still printed).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from child_welfare_plan.cli.args import add_engine_options, format_name, require_files
from child_welfare_plan.cli.planarg import load_plan_arg
from child_welfare_plan.engines import choose
from child_welfare_plan.engines.progress import terminal_progress
from child_welfare_plan.engines.values import aggregate_file
from child_welfare_plan.plugins.host import Host
from child_welfare_plan.reports.aggregate import aggregate_report
from child_welfare_plan.reports.base import Report

HELP = "roll reported values up the unit tree and over time"


def configure(p: argparse.ArgumentParser) -> None:
    """The plan, the data, the levels and the periods."""
    p.add_argument("plan", help="plan id or a .toml/.json plan file")
    p.add_argument("--data", required=True, type=Path, help="data values: CSV, JSON or Parquet")
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
    add_engine_options(p)


def run(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    """Read the values and roll them up."""
    plan = load_plan_arg(args.plan, host)
    require_files(data=args.data)
    catalog = host.catalog()
    engine = choose(args.engine, [args.data])
    progress = terminal_progress(args.quiet, total=4)
    try:
        result = aggregate_file(
            args.data,
            plan,
            catalog,
            engine=engine,
            source=host.data_source_for(args.data),
            progress=progress,
            level=args.level,
            periods=args.period,
        )
        with progress.step("build the report"):
            tables = format_name(args, host) != "json"
            report = aggregate_report(result, plan, tables=tables)
    finally:
        progress.close()
    return report, 1 if result.has_errors() else 0
