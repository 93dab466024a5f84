"""The hook specifications: what a plugin can add.

A plugin is a module (or object) with functions decorated ``@hookimpl`` and named after the
hooks below, registered under the entry-point group ``child_welfare_plan``::

    [project.entry-points.child_welfare_plan]
    my_district = "my_district_pack.plugin"

Every hook returns an iterable (or None) of values; the host merges the answers of all
plugins, and a plugin that raises is reported by name while the others keep working.
The built-in features (national catalog, CSV/JSON sources, text/json/... formats) are
registered through these same hooks.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from child_welfare_plan.calendars.workdays import WorkingCalendar
    from child_welfare_plan.io.forms import FormLayout
    from child_welfare_plan.model.categories import AbuseForm, CircumstanceCategory, ProtectionLevel
    from child_welfare_plan.model.indicators import Dimension, Indicator
    from child_welfare_plan.model.plan import Plan, Target
    from child_welfare_plan.model.procedures import ProcedureStep
    from child_welfare_plan.model.units import AdministrativeUnit
    from child_welfare_plan.plugins.contracts import DataSource, DemoData, OutputFormat, PlanSource

__all__ = ["PROJECT", "hookimpl", "hookspec"]

PROJECT = "child_welfare_plan"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_plans() -> Iterable[Plan | PlanSource] | None:
    """Plans this plugin provides: :class:`~child_welfare_plan.model.Plan` objects, or
    :class:`~child_welfare_plan.plugins.host.PlanSource` entries that point at a plan
    file (read when first asked for). Plan ids must be unique across plugins."""


@hookspec
def register_units() -> Iterable[AdministrativeUnit] | None:
    """Administrative units this plugin knows (a district pack's province, district and
    communes; a national list). Codes are official GSO codes."""


@hookspec
def register_categories() -> (
    Iterable[CircumstanceCategory | AbuseForm | ProtectionLevel | ProcedureStep] | None
):
    """Vocabulary entries: categories of children's circumstances (statutory or local),
    abuse forms, protection levels, and the steps of statutory procedures with their time
    limits. Codes must not clash with the national catalog."""


@hookspec
def register_indicators() -> Iterable[Indicator | Dimension] | None:
    """Indicators and the dimensions they are disaggregated by."""


@hookspec
def register_targets() -> Iterable[Target] | None:
    """Targets beyond a plan's own: national or provincial programme targets, evaluated at
    the plan's level when the catalog can measure them."""


@hookspec
def register_data_sources() -> Iterable[DataSource] | None:
    """Readers of tables (submissions, data values) by name and file suffix: a database,
    a spreadsheet, a web service export. Each returns a
    :class:`~child_welfare_plan.io.tables.Table`."""


@hookspec
def register_output_formats() -> Iterable[OutputFormat] | None:
    """Output formats by name and file suffix; each renders a
    :class:`~child_welfare_plan.reports.Report` to text or bytes."""


@hookspec
def working_calendar_adjustments(area: str | None, year: int) -> WorkingCalendar | None:
    """Local changes to working days for the unit ``area`` (None for a plan with no single
    area) in ``year``: a province's own day off or extra working day. Return a calendar
    whose ``extra_days_off`` and ``extra_working_days`` hold them; the host merges every
    plugin's answer."""


@hookspec
def register_demo_data() -> Iterable[DemoData] | None:
    """Synthetic demo data sets for a plan (``cwp evaluate PLAN --demo``). Never real
    children's data."""


@hookspec
def register_form_layouts() -> Iterable[FormLayout] | None:
    """Layouts of the Excel forms (*biểu mẫu*) units fill in:
    :class:`~child_welfare_plan.io.forms.FormLayout` objects, usually read from a TOML file
    (``FormLayout.load(path)``). Each becomes a data source ``form:<id>`` that reads filled
    copies, and ``cwp template`` writes blank ones."""
