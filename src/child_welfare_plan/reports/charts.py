"""Charts of the evaluation: the on-time rate of each commune and one key indicator by
commune. A chart shows only what its table shows: a value the table withholds is charted
as the table's marker, never as a bar."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from child_welfare_plan.model.plan import Plan
from child_welfare_plan.model.units import Level
from child_welfare_plan.reports.base import Chart
from child_welfare_plan.rules.timeliness import Status, TimelinessResult

__all__ = ["CHART_INDICATORS", "DATED_STATUSES", "indicator_chart", "on_time_chart", "on_time_rate"]

#: Statuses of reports that have a deadline: the ones an on-time rate counts.
DATED_STATUSES = frozenset({Status.ON_TIME, Status.LATE, Status.OVERDUE, Status.PENDING})

#: The indicator charted by commune: the first of these the evaluation has.
CHART_INDICATORS = (
    "ty-le-tre-em-hcdb-duoc-tro-giup",
    "tre-em-hcdb",
    "tre-em",
)


def on_time_rate(result: TimelinessResult, reporter: str) -> float | None:
    """The share of ``reporter``'s reports with a deadline that came on time (on time /
    expected, as the rates per obligation count), None when none is expected."""
    dated = [i for i in result.items if i.reporter == reporter and i.status in DATED_STATUSES]
    if not dated:
        return None
    return sum(i.status is Status.ON_TIME for i in dated) / len(dated)


def on_time_chart(
    result: TimelinessResult, plan: Plan, *, title: str, description: str | None = None
) -> Chart | None:
    """The on-time rate of each commune's People's Committee; None when the plan names no
    commune committee."""
    labels: list[str] = []
    values: list[float | None] = []
    for unit in plan.area_units(Level.COMMUNE):
        committee = plan.committee_of(unit.code)
        if committee is None:
            continue
        labels.append(unit.name)
        values.append(on_time_rate(result, committee.code))
    if not labels:
        return None
    return Chart(title, labels, values, percent=True, description=description)


def indicator_chart(
    rows: Sequence[tuple[str, str, Any]],
    *,
    title: str,
    unit: str | None = None,
    description: str | None = None,
) -> Chart:
    """One indicator by commune from the rows ``(unit code, name, shown cell)`` of the
    indicator's column in its table: a number is a bar, a marker (``x``) stays a
    marker, anything else is no value."""
    values: list[float | int | str | None] = []
    for _, _, shown in rows:
        if isinstance(shown, bool):
            values.append(None)
        elif isinstance(shown, int | float | str):
            values.append(shown)
        else:
            values.append(None)
    return Chart(title, [name for _, name, _ in rows], values, unit=unit, description=description)
