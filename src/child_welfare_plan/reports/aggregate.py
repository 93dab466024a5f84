"""The report of ``cwp aggregate``: the values by period, then the findings (for a public
audience, withheld figures marked ``x``)."""

from __future__ import annotations

from typing import Any

from child_welfare_plan.model.findings import count
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.reports.base import Block, Report, Section
from child_welfare_plan.reports.disclosure import WITHHELD, public_note
from child_welfare_plan.reports.findings import findings_block
from child_welfare_plan.rules.aggregate import AggregateResult
from child_welfare_plan.rules.disclosure.published import PublicAggregate

__all__ = ["aggregate_report"]


def aggregate_report(
    published: AggregateResult | PublicAggregate, plan: Plan, *, tables: bool = True
) -> Report:
    """The report of ``cwp aggregate``: the values by period, then the findings.

    ``tables=False`` leaves out the tables of values for people (the JSON format writes
    only ``data``; at national scale the tables cost as much as the JSON)."""

    data = published.to_dict()
    public = isinstance(published, PublicAggregate)
    result = published.result if isinstance(published, PublicAggregate) else published
    withheld = published.withheld if isinstance(published, PublicAggregate) else None
    tree = plan.hierarchy
    names = {u.code: u.name for u in tree.units}
    findings = published.findings
    errors = count(findings)
    summary = [
        f"Plan {plan.id}: {plan.title} ({plan.year}).",
        f"Levels: {', '.join(str(lv) for lv in result.levels)}; "
        f"periods: {', '.join(result.periods) or 'none'}.",
        f"{len(published)} values; {len(findings)} findings ({errors} errors).",
        "Coverage is the share of the expected reporting units that reported; a missing "
        "value is never counted as zero.",
    ]
    if isinstance(published, PublicAggregate):
        summary.append(
            f"Audience: public (disclosure control, k = {published.k}). "
            + public_note(published.k)
            + " Breakdowns of counts of children are shown for the area only."
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
    rows = published.rows if tables else ()
    for n, row in enumerate(rows):
        note = row.reason or ""
        hidden = withheld is not None and withheld[n] is not None
        if hidden and withheld is not None:
            note = f"withheld ({withheld[n]})"
        elif row.indicator in result.computed:
            detail = f"{_plain(row.numerator)} / {_plain(row.denominator)}"
            note = f"{detail}; {note}" if note else detail
        by_period.setdefault(row.period, []).append(
            (
                row.unit,
                names.get(row.unit, ""),
                row.indicator,
                row.disaggregation or "(total)",
                WITHHELD if hidden else row.value,
                row.coverage,
                row.complete,
                note,
            )
        )
    for period in result.periods if tables else ():
        lines = by_period.get(period, [])
        sections.append(
            Section(
                f"Period {period}",
                () if lines else ("No values.",),
                [Block(columns, lines, percent_columns=("coverage",))] if lines else (),
            )
        )
    if findings:
        sections.append(Section("Findings", (), [findings_block(list(findings))]))
    title = f"Aggregates of {plan.id}" + (" (public)" if public else "")
    return Report("aggregate", title, data, sections, payload=published)


def _plain(value: float | None) -> str:
    if value is None:
        return "–"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
