"""The reports of ``cwp deadline``, ``cwp lunar`` and ``cwp period``."""

from __future__ import annotations

from datetime import date

from child_welfare_plan.calendars.deadlines import Deadline
from child_welfare_plan.calendars.lunar import LunarDate
from child_welfare_plan.model.periods import Convention, Period
from child_welfare_plan.reports.base import Report, Section

__all__ = ["deadline_report", "lunar_report", "period_report"]


def deadline_report(text: str, deadline: Deadline) -> Report:
    """A deadline phrase resolved: its rule, named date, last on-time day, whether it rolled."""
    data = deadline.to_dict()
    lines = [f"{k}: {'' if v is None else v}" for k, v in data.items()]
    return Report("deadline", f"Deadline: {text}", data, [Section("Deadline", lines)])


def lunar_report(solar: date, value: LunarDate) -> Report:
    """A day in both calendars."""
    data = {
        "solar": solar.isoformat(),
        "lunar_day": value.day,
        "lunar_month": value.month,
        "lunar_year": value.year,
        "leap": value.leap,
    }
    lines = [f"solar: {solar.isoformat()}", f"lunar: {value}"]
    return Report("lunar", f"Lunar date of {solar.isoformat()}", data, [Section("Date", lines)])


def period_report(period: Period, convention: Convention | str) -> Report:
    """A period's id, type and dates under a convention."""
    data = period.to_dict()
    lines = [f"{k}: {v}" for k, v in data.items()] + [f"convention: {convention}"]
    return Report("period", f"Period {period.id}", data, [Section("Period", lines)])
