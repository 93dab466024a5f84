"""The report a notebook cell shows for each result (rendered by the ``html`` format)."""

from __future__ import annotations

from child_welfare_plan.model.findings import count
from child_welfare_plan.reports.base import Block, Report, Section
from child_welfare_plan.reports.calendar import calendar_report
from child_welfare_plan.reports.disclosure import WITHHELD
from child_welfare_plan.reports.evaluation import evaluation_report
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
            "obligation",
            "period",
            "reporter",
            "name",
            "status",
            "last on-time day",
            "received",
            "days late",
            "days overdue",
            "days left",
        ),
        [
            (
                i.obligation,
                i.period,
                i.reporter,
                i.reporter_name,
                str(i.status),
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
        f"Status of {result.plan} as of {result.as_of}",
        {},
        [Section("Rates", (), [rates]), Section("Items", (), [items])],
    )


def _aggregate(result: AggregateResult | PublicAggregate) -> Report:
    shown = (
        "unit",
        "level",
        "period",
        "indicator",
        "disaggregation",
        "value",
        "coverage",
        "complete",
        "reason",
    )
    errors = count(result.findings)
    summary = (
        f"Plan {result.plan}: {len(result.rows)} values, {len(result.findings)} findings "
        f"({errors} errors)"
    )
    more = len(result.rows) - NOTEBOOK_ROWS
    withheld = result.withheld if isinstance(result, PublicAggregate) else ()
    lines = []
    for n, row in enumerate(result.rows[:NOTEBOOK_ROWS]):
        cells = [getattr(row, name) for name in shown]
        if n < len(withheld) and withheld[n] is not None:
            cells[shown.index("value")] = WITHHELD
        lines.append(cells)
    block = Block(shown, lines, percent_columns=("coverage",))
    notes = [f"… and {more} more values"] if more > 0 else []
    return Report(
        "aggregate",
        f"Aggregates of {result.plan}",
        {},
        [Section("Values", [summary], [block]), *([Section("More", notes)] if notes else [])],
    )
