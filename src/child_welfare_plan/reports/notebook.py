"""The report a notebook cell shows for each result (rendered by the ``html`` format), in
the current language (:mod:`child_welfare_plan.i18n`: Vietnamese unless asked otherwise)."""

from __future__ import annotations

from child_welfare_plan.i18n import _, pgettext
from child_welfare_plan.i18n.formatting import day, number
from child_welfare_plan.model.findings import count
from child_welfare_plan.reports.base import Block, Report, Section
from child_welfare_plan.reports.calendar import calendar_report
from child_welfare_plan.reports.disclosure import WITHHELD
from child_welfare_plan.reports.evaluation import evaluation_report
from child_welfare_plan.reports.labels import IndicatorLabels, level_label, status_label
from child_welfare_plan.reports.status import rates_block
from child_welfare_plan.rules.aggregate import AggregateResult
from child_welfare_plan.rules.disclosure.published import PublicAggregate
from child_welfare_plan.rules.evaluate import Evaluation
from child_welfare_plan.rules.schedule import PlanCalendar
from child_welfare_plan.rules.timeliness import TimelinessResult

__all__ = ["NOTEBOOK_ROWS", "notebook_report"]

NOTEBOOK_ROWS = 50
"""How many values of an aggregate a notebook cell shows (the rest are counted)."""


def notebook_report(result: object) -> Report:
    """The report of a result for a notebook cell.

    Raises:
        TypeError: ``result`` is not a result of the rules.
    """
    if isinstance(result, Evaluation):
        return evaluation_report(result)
    if isinstance(result, PlanCalendar):
        return calendar_report(result)
    if isinstance(result, TimelinessResult):
        return _timeliness(result)
    if isinstance(result, AggregateResult | PublicAggregate):
        return _aggregate(result)
    raise TypeError(f"no notebook view of {type(result).__name__}")


def _timeliness(result: TimelinessResult) -> Report:
    rates = rates_block(result, statuses=False)
    items = Block(
        (
            _("obligation"),
            _("period"),
            _("reporter"),
            _("name"),
            _("status"),
            _("last on-time day"),
            pgettext("date", "received"),
            _("days late"),
            _("days overdue"),
            _("days left"),
        ),
        [
            (
                i.obligation,
                i.period,
                i.reporter,
                i.reporter_name,
                status_label(i.status),
                i.last_on_time_day,
                i.received,
                i.days_late,
                i.days_overdue,
                i.days_left,
            )
            for i in result.items
        ],
    )
    return Report(
        "status",
        _("Reporting status of {plan} as of {as_of}").format(
            plan=result.plan, as_of=day(result.as_of)
        ),
        {},
        [
            Section(_("Rates"), (), [rates], key="Rates"),
            Section(_("Reports"), (), [items], key="Items"),
        ],
    )


def _aggregate(result: AggregateResult | PublicAggregate) -> Report:
    labels = IndicatorLabels()
    coverage = _("coverage")
    columns = (
        _("unit"),
        _("level"),
        _("period"),
        _("indicator"),
        _("code"),
        _("breakdown"),
        _("value"),
        coverage,
        _("complete"),
        _("note"),
    )
    errors = count(result.findings)
    summary = _("Plan {plan}: {values} values; {findings} findings ({errors} errors).").format(
        plan=result.plan,
        values=number(len(result.rows)),
        findings=number(len(result.findings)),
        errors=number(errors),
    )
    more = len(result.rows) - NOTEBOOK_ROWS
    withheld = result.withheld if isinstance(result, PublicAggregate) else ()
    lines = []
    for n, row in enumerate(result.rows[:NOTEBOOK_ROWS]):
        hidden = n < len(withheld) and withheld[n] is not None
        lines.append(
            (
                row.unit,
                level_label(row.level),
                row.period,
                labels.name(row.indicator),
                row.indicator,
                labels.breakdown(row.disaggregation),
                WITHHELD if hidden else labels.cell(row.indicator, row.value),
                row.coverage,
                row.complete,
                row.reason or "",
            )
        )
    block = Block(columns, lines, percent_columns=(coverage,))
    notes = [_("… and {n} more values").format(n=number(more))] if more > 0 else []
    return Report(
        "aggregate",
        _("Aggregates of {plan}").format(plan=result.plan),
        {},
        [
            Section(_("Values"), [summary], [block], key="Values"),
            *([Section(_("More"), notes, key="More")] if notes else []),
        ],
    )
