"""``cwp aggregate PLAN --data FILE [--level LEVEL] [--period ID] [--audience public -k K]``:
rolled-up values.

JSON (design §7): ``{"plan", "values": [{"unit", "level", "period", "indicator",
"disaggregation", "value", "coverage", "complete", "reported", "expected", "reason",
"numerator", "denominator", "share"}], "findings"}``. Exit 1 when the data has
error-level findings (what could be computed is still printed).

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
from pathlib import Path

from child_welfare_plan.cli.args import add_audience, format_name, require_files
from child_welfare_plan.cli.planarg import load_plan_arg
from child_welfare_plan.io.datavalues import load_data_values
from child_welfare_plan.plugins.host import Host
from child_welfare_plan.reports.aggregate import aggregate_report
from child_welfare_plan.reports.base import Report
from child_welfare_plan.rules.aggregate import aggregate
from child_welfare_plan.rules.disclosure.figures import public_figures
from child_welfare_plan.rules.disclosure.published import publish_aggregate

HELP = "roll reported values up the unit tree and over time"


def configure(p: argparse.ArgumentParser) -> None:
    """The plan, the data, the levels and the periods."""
    p.add_argument("plan", help="plan id or a .toml/.json plan file")
    p.add_argument("--data", required=True, type=Path, help="data values, CSV or JSON")
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


def run(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    """Read the values and roll them up."""
    plan = load_plan_arg(args.plan, host)
    require_files(data=args.data)
    catalog = host.catalog()
    data = load_data_values(args.data, plan, catalog, source=host.data_source_for(args.data))
    result = aggregate(plan, data, catalog, level=args.level, periods=args.period)
    tables = format_name(args, host) != "json"
    failed = 1 if result.has_errors() else 0
    if args.audience == "public":
        figures = public_figures(plan, data, catalog, k=args.k)
        return aggregate_report(publish_aggregate(result, figures), plan, tables=tables), failed
    return aggregate_report(result, plan, tables=tables), failed
