"""The reports of ``cwp deadline``, ``cwp lunar`` and ``cwp period``: each a one-row table
of its JSON keys, so that every format (CSV too) has something to show."""

from __future__ import annotations

from datetime import date
from typing import Any

from child_welfare_plan.calendars.deadlines import Deadline
from child_welfare_plan.calendars.lunar import LunarDate
from child_welfare_plan.model.periods import Convention, Period
from child_welfare_plan.reports.base import Block, Report, Section

__all__ = ["deadline_report", "lunar_report", "period_report"]


def _row(data: dict[str, Any]) -> Block:
    """The data as a one-row table (whole numbers as written: a year is not 2,023)."""
    return Block(tuple(data), [tuple(str(v) if type(v) is int else v for v in data.values())])


def deadline_report(text: str, deadline: Deadline) -> Report:
    """A deadline phrase resolved: its rule, named date, last on-time day, whether it rolled."""
    data = deadline.to_dict()
    return Report("deadline", f"Deadline: {text}", data, [Section("Deadline", tables=[_row(data)])])


def lunar_report(solar: date, value: LunarDate) -> Report:
    """A day in both calendars."""
    data = {
        "solar": solar.isoformat(),
        "lunar_day": value.day,
        "lunar_month": value.month,
        "lunar_year": value.year,
        "leap": value.leap,
    }
    lines = [f"{solar.isoformat()} (dương lịch) is {value} (âm lịch)."]
    return Report(
        "lunar",
        f"Lunar date of {solar.isoformat()}",
        data,
        [Section("Date", lines, [_row(data)])],
    )


def period_report(period: Period, convention: Convention | str) -> Report:
    """A period's id, type and dates under a convention."""
    data = period.to_dict()
    shown = {**data, "convention": str(convention)}
    return Report("period", f"Period {period.id}", data, [Section("Period", tables=[_row(shown)])])
