"""child-welfare-plan: Vietnamese child-welfare work plans as typed data and rules.

The package imports lazily: ``import child_welfare_plan`` is cheap, and each name below is
loaded on first use. The main entry points::

    import child_welfare_plan as cwp

    plan = cwp.get_plan("tu-ky-2023")          # a plan an installed pack registers
    plan = cwp.load_plan("my-plan.toml")       # or a plan file
    findings = cwp.validate_plan(plan)

The functions here use the installed plugins (their catalog, their data sources, the
working days of the plan's area); the same rules without them are in
:mod:`child_welfare_plan.rules`.
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
        aggregate,
        aggregate_as_of,
        catalog,
        evaluate,
        evaluate_demo,
        evaluate_files,
        get_plan,
        installed_plans,
        load_data_values,
        load_incidents,
        load_split_weights,
        load_submissions,
        plan_calendar,
        render,
        report,
        timeliness,
        unit_register,
        validate_plan,
    )
    from child_welfare_plan.calendars.deadlines import (
        Deadline,
    )
    from child_welfare_plan.calendars.workdays import (
        WorkingCalendar,
    )
    from child_welfare_plan.catalogs import Catalog, national_catalog
    from child_welfare_plan.errors import (
        CalendarError,
        CwpError,
        InvalidValueError,
        MissingDependencyError,
        NotFoundError,
        OutputFileError,
        ParseError,
        PlanFileError,
        PluginError,
    )
    from child_welfare_plan.i18n import language
    from child_welfare_plan.io.plans import (
        dumps_plan_json,
        load_plan,
        plan_from_data,
        plan_to_data,
    )
    from child_welfare_plan.io.submissions import (
        IncidentSet,
        SubmissionSet,
    )
    from child_welfare_plan.io.weights import SplitWeights
    from child_welfare_plan.model import (
        AdministrativeUnit,
        Agency,
        DataValue,
        DocumentRef,
        Event,
        Finding,
        Hierarchy,
        Incident,
        Indicator,
        Level,
        Location,
        Period,
        Plan,
        ReportingObligation,
        Severity,
        Submission,
        Target,
        Task,
    )
    from child_welfare_plan.model.successions import (
        Succession,
        UnitRegister,
    )
    from child_welfare_plan.reports.base import Report
    from child_welfare_plan.rules.aggregate import (
        AggregateResult,
        AggregateRow,
        AggregateValue,
        DataValueSet,
    )
    from child_welfare_plan.rules.evaluate import (
        Evaluation,
        IndicatorRow,
    )
    from child_welfare_plan.rules.remap import Remapped
    from child_welfare_plan.rules.schedule import (
        CalendarItem,
        PlanCalendar,
    )
    from child_welfare_plan.rules.targets import (
        Measurement,
        TargetResult,
        TargetStatus,
    )
    from child_welfare_plan.rules.timeliness import (
        Rate,
        Status,
        StatusItem,
        TimelinessResult,
    )

_LAZY = {
    "aggregate": "child_welfare_plan.api",
    "aggregate_as_of": "child_welfare_plan.api",
    "load_split_weights": "child_welfare_plan.api",
    "unit_register": "child_welfare_plan.api",
    "catalog": "child_welfare_plan.api",
    "evaluate": "child_welfare_plan.api",
    "evaluate_demo": "child_welfare_plan.api",
    "evaluate_files": "child_welfare_plan.api",
    "get_plan": "child_welfare_plan.api",
    "installed_plans": "child_welfare_plan.api",
    "load_data_values": "child_welfare_plan.api",
    "load_incidents": "child_welfare_plan.api",
    "load_submissions": "child_welfare_plan.api",
    "plan_calendar": "child_welfare_plan.api",
    "render": "child_welfare_plan.api",
    "report": "child_welfare_plan.api",
    "language": "child_welfare_plan.i18n",
    "timeliness": "child_welfare_plan.api",
    "validate_plan": "child_welfare_plan.api",
    "Catalog": "child_welfare_plan.catalogs",
    "national_catalog": "child_welfare_plan.catalogs",
    "CalendarError": "child_welfare_plan.errors",
    "CwpError": "child_welfare_plan.errors",
    "InvalidValueError": "child_welfare_plan.errors",
    "MissingDependencyError": "child_welfare_plan.errors",
    "NotFoundError": "child_welfare_plan.errors",
    "OutputFileError": "child_welfare_plan.errors",
    "ParseError": "child_welfare_plan.errors",
    "PlanFileError": "child_welfare_plan.errors",
    "PluginError": "child_welfare_plan.errors",
    "dumps_plan_json": "child_welfare_plan.io.plans",
    "load_plan": "child_welfare_plan.io.plans",
    "plan_from_data": "child_welfare_plan.io.plans",
    "plan_to_data": "child_welfare_plan.io.plans",
    "IncidentSet": "child_welfare_plan.io.submissions",
    "SubmissionSet": "child_welfare_plan.io.submissions",
    "AdministrativeUnit": "child_welfare_plan.model",
    "Agency": "child_welfare_plan.model",
    "DataValue": "child_welfare_plan.model",
    "DocumentRef": "child_welfare_plan.model",
    "Event": "child_welfare_plan.model",
    "Finding": "child_welfare_plan.model",
    "Hierarchy": "child_welfare_plan.model",
    "Level": "child_welfare_plan.model",
    "Incident": "child_welfare_plan.model",
    "Indicator": "child_welfare_plan.model",
    "Location": "child_welfare_plan.model",
    "Period": "child_welfare_plan.model",
    "Plan": "child_welfare_plan.model",
    "ReportingObligation": "child_welfare_plan.model",
    "Severity": "child_welfare_plan.model",
    "Submission": "child_welfare_plan.model",
    "Target": "child_welfare_plan.model",
    "Task": "child_welfare_plan.model",
    "WorkingCalendar": "child_welfare_plan.calendars.workdays",
    "Deadline": "child_welfare_plan.calendars.deadlines",
    "SplitWeights": "child_welfare_plan.io.weights",
    "AggregateResult": "child_welfare_plan.rules.aggregate",
    "AggregateRow": "child_welfare_plan.rules.aggregate",
    "AggregateValue": "child_welfare_plan.rules.aggregate",
    "DataValueSet": "child_welfare_plan.rules.aggregate",
    "Succession": "child_welfare_plan.model.successions",
    "UnitRegister": "child_welfare_plan.model.successions",
    "Remapped": "child_welfare_plan.rules.remap",
    "Report": "child_welfare_plan.reports.base",
    "Evaluation": "child_welfare_plan.rules.evaluate",
    "IndicatorRow": "child_welfare_plan.rules.evaluate",
    "CalendarItem": "child_welfare_plan.rules.schedule",
    "PlanCalendar": "child_welfare_plan.rules.schedule",
    "Measurement": "child_welfare_plan.rules.targets",
    "TargetResult": "child_welfare_plan.rules.targets",
    "TargetStatus": "child_welfare_plan.rules.targets",
    "Rate": "child_welfare_plan.rules.timeliness",
    "Status": "child_welfare_plan.rules.timeliness",
    "StatusItem": "child_welfare_plan.rules.timeliness",
    "TimelinessResult": "child_welfare_plan.rules.timeliness",
}

__all__ = [
    "AdministrativeUnit",
    "Agency",
    "AggregateResult",
    "AggregateRow",
    "AggregateValue",
    "CalendarError",
    "CalendarItem",
    "Catalog",
    "CwpError",
    "DataValue",
    "DataValueSet",
    "Deadline",
    "DocumentRef",
    "Evaluation",
    "Event",
    "Finding",
    "Hierarchy",
    "Incident",
    "IncidentSet",
    "Indicator",
    "IndicatorRow",
    "InvalidValueError",
    "Level",
    "Location",
    "Measurement",
    "MissingDependencyError",
    "NotFoundError",
    "OutputFileError",
    "ParseError",
    "Period",
    "Plan",
    "PlanCalendar",
    "PlanFileError",
    "PluginError",
    "Rate",
    "Remapped",
    "Report",
    "ReportingObligation",
    "Severity",
    "SplitWeights",
    "Status",
    "StatusItem",
    "Submission",
    "SubmissionSet",
    "Succession",
    "Target",
    "TargetResult",
    "TargetStatus",
    "Task",
    "TimelinessResult",
    "UnitRegister",
    "WorkingCalendar",
    "__version__",
    "aggregate",
    "aggregate_as_of",
    "catalog",
    "dumps_plan_json",
    "evaluate",
    "evaluate_demo",
    "evaluate_files",
    "get_plan",
    "installed_plans",
    "language",
    "load_data_values",
    "load_incidents",
    "load_plan",
    "load_split_weights",
    "load_submissions",
    "national_catalog",
    "plan_calendar",
    "plan_from_data",
    "plan_to_data",
    "render",
    "report",
    "timeliness",
    "unit_register",
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
