"""The report of ``cwp aggregate``: the values by period, then the findings (for a public
audience, withheld figures marked ``x``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from child_welfare_plan.catalogs import Catalog
from child_welfare_plan.i18n import _
from child_welfare_plan.i18n.formatting import day, number
from child_welfare_plan.i18n.localized import localize
from child_welfare_plan.model.findings import count
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.reports.base import Block, Report, Section
from child_welfare_plan.reports.disclosure import WITHHELD, public_note
from child_welfare_plan.reports.findings import findings_block
from child_welfare_plan.reports.labels import (
    IndicatorLabels,
    aggregate_labels,
    audience_label,
    level_label,
)
from child_welfare_plan.rules.aggregate import AggregateResult
from child_welfare_plan.rules.disclosure.published import PublicAggregate

__all__ = ["aggregate_report"]


def aggregate_report(
    published: AggregateResult | PublicAggregate,
    plan: Plan,
    *,
    tables: bool = True,
    units_as_of: date | None = None,
    catalog: Catalog | None = None,
) -> Report:
    """The report of ``cwp aggregate``: the values by period, then the findings.

    ``tables=False`` leaves out the tables of values for people (the JSON format writes
    only ``data``; at national scale the tables cost as much as the JSON). ``units_as_of``
    says the figures were carried onto the units in force that day (``plan`` is then the
    frame of those units). Indicator names, units and breakdowns come from ``catalog``
    (the national catalog when None)."""

    labels = IndicatorLabels(catalog)
    data = published.to_dict(aggregate_labels(plan, labels))
    public = isinstance(published, PublicAggregate)
    result = published.result if isinstance(published, PublicAggregate) else published
    withheld = published.withheld if isinstance(published, PublicAggregate) else None
    if units_as_of is not None:
        data["units_as_of"] = units_as_of.isoformat()
        data["area"] = plan.area
    tree = plan.hierarchy
    names = {u.code: u.name for u in tree.units}
    findings = published.findings
    errors = count(findings)
    summary = [
        _("Plan {plan}: {title} ({year}).").format(plan=plan.id, title=plan.title, year=plan.year),
        _("Levels: {levels}; periods: {periods}.").format(
            levels=", ".join(level_label(lv) for lv in result.levels),
            periods=", ".join(result.periods) or "–",
        ),
        _("{values} values; {findings} findings ({errors} errors).").format(
            values=number(len(published)), findings=number(len(findings)), errors=number(errors)
        ),
        _(
            "Coverage is the share of the expected reporting units that reported; a missing "
            "value is never counted as zero."
        ),
    ]
    if isinstance(published, PublicAggregate):
        summary.append(
            _("Audience: {audience}.").format(audience=audience_label("public"))
            + " "
            + _("Disclosure control, k = {k}.").format(k=published.k)
            + " "
            + public_note(published.k)
            + " "
            + _("Breakdowns of counts of children are shown for the area only.")
        )
    if units_as_of is not None:
        summary.append(
            _(
                "Figures carried onto the units in force on {day} (area {area}): a unit "
                "expects every unit of the period's end that lies in it, so coverage counts "
                "those predecessors; 'estimated' marks values apportioned by the shares of a "
                "divided unit."
            ).format(day=day(units_as_of), area=plan.area or "–")
        )
    sections = [Section(_("Summary"), summary, key="Summary")]
    coverage_column = _("coverage")
    columns = (
        _("unit"),
        _("code"),
        _("indicator"),
        _("breakdown"),
        _("value"),
        coverage_column,
        _("complete"),
        _("note"),
    )
    by_period: dict[str, list[tuple[Any, ...]]] = {}
    rows = published.rows if tables else ()
    shown_indicators: dict[str, None] = {}
    breakdowns: dict[str, str] = {}
    for n, row in enumerate(rows):
        note = localize(row.reason or "")
        hidden = withheld is not None and withheld[n] is not None
        if row.estimated:
            note = f"{_('estimated')}; {note}" if note else _("estimated")
        if hidden and withheld is not None:
            note = _("withheld ({reason})").format(reason=withheld[n])
        elif row.indicator in result.computed:
            detail = f"{_plain(row.numerator)} / {_plain(row.denominator)}"
            note = f"{detail}; {note}" if note else detail
        shown_indicators[row.indicator] = None
        if row.disaggregation not in breakdowns:
            breakdowns[row.disaggregation] = labels.breakdown(row.disaggregation)
        by_period.setdefault(row.period, []).append(
            (
                names.get(row.unit, ""),
                row.unit,
                row.indicator,
                breakdowns[row.disaggregation],
                WITHHELD if hidden else labels.cell(row.indicator, row.value),
                row.coverage,
                row.complete,
                note,
            )
        )
    legend = [_("Indicators (name, unit, code):")] + [
        f"- {labels.named(code)}" for code in shown_indicators
    ]
    for period in result.periods if tables else ():
        lines = by_period.get(period, [])
        sections.append(
            Section(
                _("Period {period}").format(period=period),
                legend if lines else (_("No values."),),
                [Block(columns, lines, percent_columns=(coverage_column,))] if lines else (),
                key=f"Period {period}",
            )
        )
    if findings:
        sections.append(
            Section(_("Findings"), (), [findings_block(list(findings))], key="Findings")
        )
    title = (_("Aggregates of {plan} (public)") if public else _("Aggregates of {plan}")).format(
        plan=plan.id
    )
    return Report("aggregate", title, data, sections, payload=published)


def _plain(value: float | None) -> str:
    if value is None:
        return "–"
    return number(value)
