"""The plugin host and what plugins hand it.

Write a plugin with :data:`hookimpl` and the hooks of
:mod:`child_welfare_plan.plugins.hookspecs`; see ``docs/plugins.md``.
"""

from __future__ import annotations

from child_welfare_plan.i18n.localized import Translated
from child_welfare_plan.plugins.contracts import (
    DataSource,
    DemoData,
    OutputFormat,
    PlanSource,
    PluginFailure,
    PluginWarning,
)
from child_welfare_plan.plugins.dhis2 import Dhis2Ids, dhis2_formats, dhis2_sources
from child_welfare_plan.plugins.hookspecs import hookimpl, hookspec
from child_welfare_plan.plugins.host import Host, get_host, reset_host

__all__ = [
    "DataSource",
    "DemoData",
    "Dhis2Ids",
    "Host",
    "OutputFormat",
    "PlanSource",
    "PluginFailure",
    "PluginWarning",
    "Translated",
    "dhis2_formats",
    "dhis2_sources",
    "get_host",
    "hookimpl",
    "hookspec",
    "reset_host",
]
