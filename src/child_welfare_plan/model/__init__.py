"""The domain model: immutable, typed values with no I/O and no clock.

Every noun of a work plan is an attrs class (frozen, slotted). Constructors reject values
that cannot exist with an :class:`~child_welfare_plan.errors.InvalidValueError` that names
the field, the value and what was expected.
"""

from __future__ import annotations

from child_welfare_plan.model.agencies import Agency, AgencyKind
from child_welfare_plan.model.categories import (
    AbuseForm,
    CircumstanceCategory,
    ProtectionLevel,
    Term,
)
from child_welfare_plan.model.date_rules import DateRule
from child_welfare_plan.model.deadlines import DeadlineRule
from child_welfare_plan.model.document_kinds import DocumentKind
from child_welfare_plan.model.document_text import find_document_refs, parse_document_ref
from child_welfare_plan.model.documents import DocumentRef, format_document_ref
from child_welfare_plan.model.findings import Finding, Location, Severity, has_errors
from child_welfare_plan.model.indicators import (
    REPORTING_PERIOD_TYPES,
    DataValue,
    Dimension,
    Direction,
    Indicator,
    TimeAggregation,
    UnitAggregation,
    ValueType,
    canonical_disaggregation,
    parse_disaggregation,
)
from child_welfare_plan.model.periods import Convention, Period, PeriodType
from child_welfare_plan.model.plan import (
    AgencyGroup,
    Comparator,
    Event,
    FundingSource,
    Incident,
    Objective,
    ObligationKind,
    Plan,
    PlanSpan,
    Reporters,
    ReportingObligation,
    Responsibility,
    ResponsibilityMode,
    Signatory,
    Submission,
    Target,
    Task,
    TaskGroup,
)
from child_welfare_plan.model.procedures import ProcedureStep
from child_welfare_plan.model.units import AdministrativeUnit, Hierarchy, Level, UnitKind

__all__ = [
    "REPORTING_PERIOD_TYPES",
    "AbuseForm",
    "AdministrativeUnit",
    "Agency",
    "AgencyGroup",
    "AgencyKind",
    "CircumstanceCategory",
    "Comparator",
    "Convention",
    "DataValue",
    "DateRule",
    "DeadlineRule",
    "Dimension",
    "Direction",
    "DocumentKind",
    "DocumentRef",
    "Event",
    "Finding",
    "FundingSource",
    "Hierarchy",
    "Incident",
    "Indicator",
    "Level",
    "Location",
    "Objective",
    "ObligationKind",
    "Period",
    "PeriodType",
    "Plan",
    "PlanSpan",
    "ProcedureStep",
    "ProtectionLevel",
    "Reporters",
    "ReportingObligation",
    "Responsibility",
    "ResponsibilityMode",
    "Severity",
    "Signatory",
    "Submission",
    "Target",
    "Task",
    "TaskGroup",
    "Term",
    "TimeAggregation",
    "UnitAggregation",
    "UnitKind",
    "ValueType",
    "canonical_disaggregation",
    "find_document_refs",
    "format_document_ref",
    "has_errors",
    "parse_disaggregation",
    "parse_document_ref",
]
