"""The plugin host and the built-in plugin.

Write a plugin with :data:`hookimpl` and the hooks of
:mod:`child_welfare_plan.plugins.hookspecs`; see ``docs/plugins.md``.
"""

from __future__ import annotations

from child_welfare_plan.plugins.hookspecs import hookimpl, hookspec
from child_welfare_plan.plugins.registry import (
    DataSource,
    DemoData,
    Host,
    OutputFormat,
    PlanSource,
    PluginFailure,
    get_host,
    reset_host,
)

__all__ = [
    "DataSource",
    "DemoData",
    "Host",
    "OutputFormat",
    "PlanSource",
    "PluginFailure",
    "get_host",
    "hookimpl",
    "hookspec",
    "reset_host",
]
