"""The report of ``cwp aggregate``: the values by period, then the findings."""

from __future__ import annotations

from datetime import date
from typing import Any

from child_welfare_plan.model.findings import count
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.reports.base import Block, Report, Section
from child_welfare_plan.reports.findings import findings_block
from child_welfare_plan.rules.aggregate import AggregateResult

__all__ = ["aggregate_report"]


def aggregate_report(
    result: AggregateResult,
    plan: Plan,
    *,
    tables: bool = True,
    units_as_of: date | None = None,
) -> Report:
    """The report of ``cwp aggregate``: the values by period, then the findings.

    ``tables=False`` leaves out the tables of values for people (the JSON format writes
    only ``data``; at national scale the tables cost as much as the JSON). With
    ``units_as_of``, ``plan`` frames the units the figures were carried onto."""

    data = result.to_dict()
    if units_as_of is not None:
        data["units_as_of"] = units_as_of.isoformat()
        data["area"] = plan.area
    tree = plan.hierarchy
    names = {u.code: u.name for u in tree.units}
    errors = count(result.findings)
    summary = [
        f"Plan {plan.id}: {plan.title} ({plan.year}).",
        f"Levels: {', '.join(str(lv) for lv in result.levels)}; "
        f"periods: {', '.join(result.periods) or 'none'}.",
        f"{len(result)} values; {len(result.findings)} findings ({errors} errors).",
        "Coverage is the share of the expected reporting units that reported; a missing "
        "value is never counted as zero.",
    ]
    if units_as_of is not None:
        summary.append(
            f"Figures carried onto the units in force on {units_as_of.isoformat()} (area "
            f"{plan.area or 'none'}): a unit expects every unit of the period's end that lies "
            "in it, so coverage counts those predecessors; 'estimated' marks values "
            "apportioned by the shares of a divided unit."
        )
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
        note = row.reason or ""
        if row.estimated:
            note = f"estimated; {note}" if note else "estimated"
        if row.indicator in result.computed:
            detail = f"{_plain(row.numerator)} / {_plain(row.denominator)}"
            note = f"{detail}; {note}" if note else detail
        by_period.setdefault(row.period, []).append(
            (
                row.unit,
                names.get(row.unit, ""),
                row.indicator,
                row.disaggregation or "(total)",
                row.value,
                row.coverage,
                row.complete,
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
