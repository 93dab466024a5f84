"""Target results as a report table, in the current language: the goal and the figures as
the language writes them, the status as a word (đạt, không đạt...), never a code."""

from __future__ import annotations

from collections.abc import Sequence

from child_welfare_plan.i18n import N_, _
from child_welfare_plan.i18n.formatting import number
from child_welfare_plan.reports.base import Block
from child_welfare_plan.reports.labels import IndicatorLabels, target_status_label
from child_welfare_plan.rules.targets import TargetResult, TargetStatus

__all__ = ["TARGET_COLUMNS", "target_note", "targets_block"]


#: The columns of :func:`targets_block` (messages: shown translated).
TARGET_COLUMNS = (
    N_("target"),
    N_("indicator"),
    N_("scope"),
    N_("goal"),
    N_("actual"),
    N_("expected by now"),
    N_("coverage"),
    N_("status"),
    N_("note"),
)

_SYMBOLS = {">=": "≥", "<=": "≤", "=": "=", "<": "<", ">": ">"}


def _goal(result: TargetResult) -> str:
    symbol = _SYMBOLS.get(result.comparator.value, result.comparator.value)
    return f"{symbol} {number(result.target_value)} ({result.year})"


def target_note(result: TargetResult) -> str:
    """Why the target has its status, in a few words of the current language, where the
    other columns do not say it already ("" where they do)."""
    if result.status is TargetStatus.NO_DATA or result.actual is None:
        return _("no value measured")
    if result.status in (TargetStatus.WITHHELD, TargetStatus.INSUFFICIENT_COVERAGE):
        return target_status_label(result.status)
    if result.expected is not None:
        return _("{actual} against {expected} expected by {year}, on the way to {goal}").format(
            actual=number(round(result.actual, 2)),
            expected=number(round(result.expected, 2)),
            year=result.as_of_year,
            goal=_goal(result),
        )
    return ""


def targets_block(
    results: Sequence[TargetResult],
    *,
    title: str | None = None,
    labels: IndicatorLabels | None = None,
) -> Block:
    """A report table of target results, one row each, coverage shown as a percentage;
    the figures of an indicator measured in % are :class:`~.base.Percentage` cells
    (``labels`` knows the units: the national catalog's when None)."""
    labels = labels if labels is not None else IndicatorLabels()
    columns = tuple(_(c) for c in TARGET_COLUMNS)

    def figure(r: TargetResult, value: float | None) -> object:
        return None if value is None else labels.cell(r.indicator, round(value, 2))

    rows = [
        (
            r.target,
            r.indicator,
            r.scope,
            _goal(r),
            figure(r, r.actual),
            figure(r, r.expected),
            r.coverage,
            target_status_label(r.status),
            target_note(r),
        )
        for r in results
    ]
    return Block(columns, rows, title, percent_columns=(columns[6],))
