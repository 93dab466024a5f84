"""The reports of ``cwp deadline``, ``cwp lunar`` and ``cwp period``."""

from __future__ import annotations

from datetime import date

from child_welfare_plan.calendars.deadlines import Deadline
from child_welfare_plan.calendars.lunar import LunarDate
from child_welfare_plan.calendars.lunar_names import festival, year_name
from child_welfare_plan.model.periods import Convention, Period
from child_welfare_plan.reports.base import Report, Section

__all__ = ["deadline_report", "lunar_report", "period_report"]


def deadline_report(text: str, deadline: Deadline) -> Report:
    """A deadline phrase resolved: its rule, named date, last on-time day, whether it rolled
    and why (each day off named), and the instant it ends when it has a time."""
    data = deadline.to_dict()
    lines = [
        f"{k}: {'' if v is None else v}" for k, v in data.items() if k not in ("days_off", "reason")
    ]
    if deadline.reason is not None:
        lines.append(f"reason: {deadline.reason}")
        lines.extend(
            f"day off: {d.date.isoformat()} {d.name} ({d.reason})" for d in deadline.days_off
        )
    return Report("deadline", f"Deadline: {text}", data, [Section("Deadline", lines)])


def lunar_report(solar: date, value: LunarDate) -> Report:
    """A day in both calendars, with the name of its lunar year (can chi) and the festival
    held that day, if any; the JSON names both in Vietnamese and English, the text in
    Vietnamese."""
    named = year_name(value.year)
    feast = festival(value.month, value.day, leap=value.leap)
    data = {
        "solar": solar.isoformat(),
        "lunar_day": value.day,
        "lunar_month": value.month,
        "lunar_year": value.year,
        "leap": value.leap,
        "festival": None if feast is None else feast.to_dict(),
        "year_name": named.to_dict(),
    }
    lines = [f"solar: {solar.isoformat()}", f"lunar: {value} (năm {named.vi})"]
    if feast is not None:
        lines.append(f"festival: {feast.name_vi}")
    return Report("lunar", f"Lunar date of {solar.isoformat()}", data, [Section("Date", lines)])


def period_report(period: Period, convention: Convention | str) -> Report:
    """A period's id, type and dates under a convention."""
    data = period.to_dict()
    lines = [f"{k}: {v}" for k, v in data.items()] + [f"convention: {convention}"]
    return Report("period", f"Period {period.id}", data, [Section("Period", lines)])
