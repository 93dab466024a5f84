"""child-welfare-plan: Vietnamese child-welfare work plans as typed data and rules.

The package imports lazily: ``import child_welfare_plan`` is cheap, and each name below is
loaded on first use. The main entry points::

    import child_welfare_plan as cwp

    plan = cwp.get_plan("tu-ky-2023")          # a plan an installed pack registers
    plan = cwp.load_plan("my-plan.toml")       # or a plan file
    findings = cwp.validate_plan(plan)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from child_welfare_plan import presentation as _presentation

__version__ = "0.1.0"


def _notebook_presenter() -> _presentation.Presenter:
    """The presenter of results in notebooks (the reports and the html format), loaded when
    a result is first shown."""
    from child_welfare_plan.formats.notebook import NotebookPresenter

    return NotebookPresenter()


_presentation.install(_notebook_presenter)

if TYPE_CHECKING:
    from child_welfare_plan.api import (
        catalog,
        evaluate_demo,
        evaluate_files,
        get_plan,
        installed_plans,
        load_data_values,
        load_incidents,
        load_submissions,
    )
    from child_welfare_plan.catalog import Catalog
    from child_welfare_plan.errors import (
        CalendarError,
        CwpError,
        InvalidValueError,
        NotFoundError,
        ParseError,
        PlanFileError,
        PluginError,
    )
    from child_welfare_plan.io.plans import dumps_plan_json, load_plan, plan_to_data
    from child_welfare_plan.model import (
        AdministrativeUnit,
        Agency,
        DataValue,
        DocumentRef,
        Event,
        Finding,
        Hierarchy,
        Indicator,
        Period,
        Plan,
        ReportingObligation,
        Submission,
        Target,
        Task,
    )
    from child_welfare_plan.rules.aggregate import aggregate
    from child_welfare_plan.rules.evaluate import evaluate
    from child_welfare_plan.rules.schedule import plan_calendar
    from child_welfare_plan.rules.timeliness import timeliness
    from child_welfare_plan.rules.validate import validate_plan

_LAZY = {
    "aggregate": "child_welfare_plan.rules.aggregate",
    "load_data_values": "child_welfare_plan.api",
    "load_incidents": "child_welfare_plan.api",
    "load_submissions": "child_welfare_plan.api",
    "plan_calendar": "child_welfare_plan.rules.schedule",
    "timeliness": "child_welfare_plan.rules.timeliness",
    "catalog": "child_welfare_plan.api",
    "evaluate_demo": "child_welfare_plan.api",
    "evaluate_files": "child_welfare_plan.api",
    "evaluate": "child_welfare_plan.rules.evaluate",
    "get_plan": "child_welfare_plan.api",
    "installed_plans": "child_welfare_plan.api",
    "Catalog": "child_welfare_plan.catalog",
    "CalendarError": "child_welfare_plan.errors",
    "CwpError": "child_welfare_plan.errors",
    "InvalidValueError": "child_welfare_plan.errors",
    "NotFoundError": "child_welfare_plan.errors",
    "ParseError": "child_welfare_plan.errors",
    "PlanFileError": "child_welfare_plan.errors",
    "PluginError": "child_welfare_plan.errors",
    "dumps_plan_json": "child_welfare_plan.io.plans",
    "load_plan": "child_welfare_plan.io.plans",
    "plan_to_data": "child_welfare_plan.io.plans",
    "validate_plan": "child_welfare_plan.rules.validate",
    "AdministrativeUnit": "child_welfare_plan.model",
    "Agency": "child_welfare_plan.model",
    "DataValue": "child_welfare_plan.model",
    "DocumentRef": "child_welfare_plan.model",
    "Event": "child_welfare_plan.model",
    "Finding": "child_welfare_plan.model",
    "Hierarchy": "child_welfare_plan.model",
    "Indicator": "child_welfare_plan.model",
    "Period": "child_welfare_plan.model",
    "Plan": "child_welfare_plan.model",
    "ReportingObligation": "child_welfare_plan.model",
    "Submission": "child_welfare_plan.model",
    "Target": "child_welfare_plan.model",
    "Task": "child_welfare_plan.model",
}

__all__ = [
    "AdministrativeUnit",
    "Agency",
    "CalendarError",
    "Catalog",
    "CwpError",
    "DataValue",
    "DocumentRef",
    "Event",
    "Finding",
    "Hierarchy",
    "Indicator",
    "InvalidValueError",
    "NotFoundError",
    "ParseError",
    "Period",
    "Plan",
    "PlanFileError",
    "PluginError",
    "ReportingObligation",
    "Submission",
    "Target",
    "Task",
    "__version__",
    "aggregate",
    "catalog",
    "dumps_plan_json",
    "evaluate",
    "evaluate_demo",
    "evaluate_files",
    "get_plan",
    "installed_plans",
    "load_data_values",
    "load_incidents",
    "load_plan",
    "load_submissions",
    "plan_calendar",
    "plan_to_data",
    "timeliness",
    "validate_plan",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
