"""``cwp aggregate PLAN --data FILE [--level LEVEL] [--period ID] [--units-as-of DATE
[--split-weights FILE]]``: rolled-up values.

JSON (design §7): ``{"plan", "values": [{"unit", "level", "period", "indicator",
"disaggregation", "value", "coverage", "complete", "reported", "expected", "reason",
"numerator", "denominator", "share", "estimated"}], "findings"}``; with ``--units-as-of``
also ``"units_as_of"`` and ``"area"``. Exit 1 when the data has error-level findings
(what could be computed is still printed), such as a divided unit's values refused for
want of ``--split-weights``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import attrs

from child_welfare_plan.catalogs.units import national_register
from child_welfare_plan.cli.args import add_remap_options, format_name, remap_weights, require_files
from child_welfare_plan.cli.planarg import load_plan_arg
from child_welfare_plan.io.datavalues import load_data_values
from child_welfare_plan.plugins.host import Host
from child_welfare_plan.reports.aggregate import aggregate_report
from child_welfare_plan.reports.base import Report
from child_welfare_plan.rules.aggregate import aggregate
from child_welfare_plan.rules.remap import aggregate_as_of

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
    add_remap_options(p)


def run(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    """Read the values and roll them up."""
    plan = load_plan_arg(args.plan, host)
    require_files(data=args.data)
    catalog = host.catalog()
    weights = remap_weights(args, host)
    data = load_data_values(args.data, plan, catalog, source=host.data_source_for(args.data))
    tables = format_name(args, host) != "json"
    if args.units_as_of is None:
        result = aggregate(plan, data, catalog, level=args.level, periods=args.period)
        return aggregate_report(result, plan, tables=tables), 1 if result.has_errors() else 0
    remapped = aggregate_as_of(
        plan,
        data,
        catalog,
        register=national_register(),
        as_of=args.units_as_of,
        weights=weights.shares,
        level=args.level,
        periods=args.period,
    )
    result = attrs.evolve(remapped.result, findings=(*weights.findings, *remapped.result.findings))
    report = aggregate_report(result, remapped.plan, tables=tables, units_as_of=args.units_as_of)
    return report, 1 if result.has_errors() else 0
