"""``cwp aggregate PLAN --data FILE [--level LEVEL] [--period ID]``: rolled-up values.

JSON (design §7): ``{"plan", "values": [{"unit", "level", "period", "indicator",
"disaggregation", "value", "coverage", "complete", "reported", "expected", "reason",
"numerator", "denominator", "share"}], "findings"}``. Exit 1 when the data has
error-level findings (what could be computed is still printed).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from child_welfare_plan.plugins.registry import Host
from child_welfare_plan.reports import Block, Report, Section

if TYPE_CHECKING:
    from child_welfare_plan.model.plan import Plan
    from child_welfare_plan.rules.aggregate import AggregateResult

__all__ = ["aggregate_report", "register"]


def aggregate_report(result: AggregateResult, plan: Plan, *, tables: bool = True) -> Report:
    """The report of ``cwp aggregate``: the values by period, then the findings.

    ``tables=False`` leaves out the tables of values for people (the JSON format writes
    only ``data``; at national scale the tables cost as much as the JSON)."""
    from child_welfare_plan.views import findings_block

    data = {
        "plan": result.plan,
        "values": result.to_dicts(),
        "findings": [f.to_dict() for f in result.findings],
    }
    tree = plan.hierarchy
    names = {u.code: u.name for u in tree.units}
    errors = sum(1 for f in result.findings if f.severity == "error")
    summary = [
        f"Plan {plan.id}: {plan.title} ({plan.year}).",
        f"Levels: {', '.join(str(lv) for lv in result.levels)}; "
        f"periods: {', '.join(result.periods) or 'none'}.",
        f"{len(result)} values; {len(result.findings)} findings ({errors} errors).",
        "Coverage is the share of the expected reporting units that reported; a missing "
        "value is never counted as zero.",
    ]
    sections = [Section("Summary", summary)]
    columns = (
        "unit",
        "name",
        "indicator",
        "disaggregation",
        "value",
        "coverage",
        "complete",
        "note",
    )
    by_period: dict[str, list[tuple[Any, ...]]] = {}
    for row in result.rows if tables else ():
        unit, _, period, indicator, key, value, coverage, complete = row[:8]
        reason, numerator, denominator = row[10:13]
        note = reason or ""
        if indicator in result.computed:
            detail = f"{_plain(numerator)} / {_plain(denominator)}"
            note = f"{detail}; {note}" if note else detail
        by_period.setdefault(period, []).append(
            (
                unit,
                names.get(unit, ""),
                indicator,
                key or "(total)",
                value,
                coverage,
                complete,
                note,
            )
        )
    for period in result.periods if tables else ():
        rows = by_period.get(period, [])
        sections.append(
            Section(
                f"Period {period}",
                () if rows else ("No values.",),
                [Block(columns, rows, percent_columns=("coverage",))] if rows else (),
            )
        )
    if result.findings:
        sections.append(Section("Findings", (), [findings_block(list(result.findings))]))
    title = f"Aggregates of {plan.id}"
    return Report("aggregate", title, data, sections, payload=result)


def _plain(value: float | None) -> str:
    if value is None:
        return "–"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _run(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    from child_welfare_plan import cli
    from child_welfare_plan.files.datavalues import load_data_values
    from child_welfare_plan.rules.aggregate import aggregate

    plan = cli._load_plan(args.plan, host)
    if not Path(args.data).is_file():
        raise cli.UsageError(f"no data file {str(args.data)!r}")
    catalog = host.catalog()
    data = load_data_values(args.data, plan, catalog, host=host)
    result = aggregate(plan, data, catalog, level=args.level, periods=args.period)
    tables = cli._format_name(args, host) != "json"
    return aggregate_report(result, plan, tables=tables), 1 if result.has_errors() else 0


def register(add: Callable[..., Any]) -> None:
    """Add ``cwp aggregate`` to the command line."""
    p = add("aggregate", _run, "roll reported values up the unit tree and over time")
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
