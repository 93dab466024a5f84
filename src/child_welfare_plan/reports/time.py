"""The reports of ``cwp deadline``, ``cwp lunar`` and ``cwp period``: each a one-row table
of its JSON keys (nested keys flattened: ``festival.name_vi``), so that every format, CSV
too, has something to show, with a sentence or two where a person needs more. Headings and
values for people are in the current language (an ISO date in the data is shown as a date)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from child_welfare_plan.calendars.deadlines import Deadline
from child_welfare_plan.calendars.lunar import LunarDate
from child_welfare_plan.calendars.lunar_names import festival, year_name
from child_welfare_plan.i18n import N_, _
from child_welfare_plan.i18n.formatting import day
from child_welfare_plan.i18n.localized import localize
from child_welfare_plan.model.periods import Convention, Period
from child_welfare_plan.reports.base import Block, Report, Section
from child_welfare_plan.reports.labels import (
    convention_label,
    deadline_rule_label,
    period_type_label,
)

__all__ = ["deadline_report", "lunar_report", "period_report"]


def _flat(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, Mapping):
            out.update(_flat(value, f"{prefix}{key}."))
        elif not isinstance(value, list):  # lists are told in sentences
            out[f"{prefix}{key}"] = value
    return out


#: The headings of the keys of the one-row tables (a key not listed is shown as it is).
_KEYS = {
    "rule": N_("rule"),
    "date": N_("date"),
    "last_on_time_day": N_("last on-time day"),
    "rolled": N_("rolled"),
    "due_at": N_("due at"),
    "solar": N_("solar date"),
    "lunar_day": N_("lunar day"),
    "lunar_month": N_("lunar month"),
    "lunar_year": N_("lunar year"),
    "leap": N_("leap month"),
    "festival.code": N_("festival code"),
    "festival.name_vi": N_("festival"),
    "festival.name_en": N_("festival (English)"),
    "year_name.vi": N_("year name"),
    "year_name.en": N_("year name (English)"),
    "id": N_("id"),
    "type": N_("type"),
    "start": N_("start"),
    "end": N_("end"),
    "convention": N_("convention"),
}

#: Why a day is not a working day (:class:`~child_welfare_plan.calendars.workdays.DayOff`).
_DAY_OFF = {
    "holiday": N_("holiday"),
    "local": N_("local day off"),
    "weekend": N_("weekend"),
    "day-off": N_("day off"),
}

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _shown(value: Any) -> Any:
    if type(value) is int:
        return str(value)  # whole numbers as written: a year is not 2.023
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return date.fromisoformat(value)
    return value


def _row(data: Mapping[str, Any]) -> Block:
    """The data as a one-row table, its keys as headings of the current language."""
    flat = _flat(data)
    return Block(
        tuple(_(_KEYS[k]) if k in _KEYS else k for k in flat),
        [tuple(_shown(v) for v in flat.values())],
    )


def deadline_report(text: str, deadline: Deadline) -> Report:
    """A deadline phrase resolved: its rule, named date, last on-time day, whether it rolled
    and why (each day off named), and the instant it ends when it has a time."""
    data = deadline.to_dict()
    shown = {**data, "rule": deadline_rule_label(str(data["rule"]))}
    lines: list[str] = []
    if deadline.reason is not None:
        lines.append(_("reason: {reason}").format(reason=localize(deadline.reason)))
        lines.extend(
            _("day off: {day} {name} ({reason})").format(
                day=day(d.date),
                name=d.name,
                reason=_(_DAY_OFF[d.reason]) if d.reason in _DAY_OFF else d.reason,
            )
            for d in deadline.days_off
        )
    return Report(
        "deadline",
        _("Deadline: {text}").format(text=text),
        data,
        [
            Section(
                _("Deadline"),
                lines,
                [_row({k: v for k, v in shown.items() if k not in ("reason", "reason_label")})],
                key="Deadline",
            )
        ],
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
    lines = [
        _("{solar} (solar calendar) is {lunar} (lunar calendar), year {year}.").format(
            solar=day(solar), lunar=value, year=named.vi
        )
    ]
    if feast is not None:
        lines.append(_("festival: {name}").format(name=feast.name_vi))
    return Report(
        "lunar",
        _("Lunar date of {day}").format(day=day(solar)),
        data,
        [Section(_("Date"), lines, [_row(data)], key="Date")],
    )


def period_report(period: Period, convention: Convention | str) -> Report:
    """A period's id, type and dates under a convention."""
    data = period.to_dict()
    shown = {
        **data,
        "type": period_type_label(str(data["type"])),
        "convention": convention_label(str(convention)),
    }
    return Report(
        "period",
        _("Period {period}").format(period=period.id),
        data,
        [Section(_("Period"), tables=[_row(shown)], key="Period")],
    )
