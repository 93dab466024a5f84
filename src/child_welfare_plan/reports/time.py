"""The reports of ``cwp deadline``, ``cwp lunar`` and ``cwp period``: each a one-row table
of its JSON keys (nested keys flattened: ``festival.name_vi``), so that every format, CSV
too, has something to show, with a sentence or two where a person needs more."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from child_welfare_plan.calendars.deadlines import Deadline
from child_welfare_plan.calendars.lunar import LunarDate
from child_welfare_plan.calendars.lunar_names import festival, year_name
from child_welfare_plan.model.periods import Convention, Period
from child_welfare_plan.reports.base import Block, Report, Section

__all__ = ["deadline_report", "lunar_report", "period_report"]


def _flat(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, Mapping):
            out.update(_flat(value, f"{prefix}{key}."))
        elif not isinstance(value, list):  # lists are told in sentences
            out[f"{prefix}{key}"] = value
    return out


def _row(data: Mapping[str, Any]) -> Block:
    """The data as a one-row table (whole numbers as written: a year is not 2,023)."""
    flat = _flat(data)
    return Block(tuple(flat), [tuple(str(v) if type(v) is int else v for v in flat.values())])


def deadline_report(text: str, deadline: Deadline) -> Report:
    """A deadline phrase resolved: its rule, named date, last on-time day, whether it rolled
    and why (each day off named), and the instant it ends when it has a time."""
    data = deadline.to_dict()
    lines: list[str] = []
    if deadline.reason is not None:
        lines.append(f"reason: {deadline.reason}")
        lines.extend(
            f"day off: {d.date.isoformat()} {d.name} ({d.reason})" for d in deadline.days_off
        )
    return Report(
        "deadline",
        f"Deadline: {text}",
        data,
        [Section("Deadline", lines, [_row({k: v for k, v in data.items() if k != "reason"})])],
        main_table="deadline",
    )


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
    lines = [f"{solar.isoformat()} (dương lịch) is {value} (âm lịch), năm {named.vi}."]
    if feast is not None:
        lines.append(f"festival: {feast.name_vi}")
    return Report(
        "lunar", f"Lunar date of {solar.isoformat()}", data, [Section("Date", lines, [_row(data)])]
    )


def period_report(period: Period, convention: Convention | str) -> Report:
    """A period's id, type and dates under a convention."""
    data = period.to_dict()
    shown = {**data, "convention": str(convention)}
    return Report("period", f"Period {period.id}", data, [Section("Period", tables=[_row(shown)])])
