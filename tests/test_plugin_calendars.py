"""Working-day adjustments from several plugins merge day by day (docs/hooks.md)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from child_welfare_plan.calendars.workdays import WorkingCalendar
from child_welfare_plan.plugins import Host, hookimpl


class _DaysOff:
    """A plugin making 2023-09-04 a day off for area 298 (a local holiday)."""

    @hookimpl
    def working_calendar_adjustments(self, area: str | None, year: int) -> Any:
        if area == "298" and year == 2023:
            return WorkingCalendar(extra_days_off=frozenset({date(2023, 9, 4)}))
        return None


class _WorkingDays:
    """A plugin making the same day a working day, and Saturday 2023-09-09 one too."""

    @hookimpl
    def working_calendar_adjustments(self, area: str | None, year: int) -> Any:
        if area == "298" and year == 2023:
            days = frozenset({date(2023, 9, 4), date(2023, 9, 9)})
            return WorkingCalendar(extra_working_days=days)
        return None


@pytest.mark.parametrize("reverse", [False, True], ids=["listed-a-first", "listed-z-first"])
def test_two_plugins_setting_one_day_differently_keep_the_first_by_name(
    install: Callable[..., Host], reverse: bool
) -> None:
    """Working-day adjustments merge day by day: a day two plugins set differently keeps
    the first plugin's setting (plugins in name order), with a warning naming both; the
    days only one plugin sets are all kept."""
    plugins = [("a-days-off", _DaysOff()), ("z-working", _WorkingDays())]
    host = install(*(reversed(plugins) if reverse else plugins))
    calendar = host.working_calendar("298", 2023)
    assert calendar.extra_days_off == {date(2023, 9, 4)}
    assert calendar.extra_working_days == {date(2023, 9, 9)}
    (warning,) = host.warnings
    assert warning.plugin == "z-working"
    assert "2023-09-04" in warning.message and "'a-days-off'" in warning.message
    assert host.working_calendar("11074", 2023) == WorkingCalendar()  # another area: none
