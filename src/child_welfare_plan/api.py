"""The façade over the installed plugins: installed plans, the merged catalog, files read
through the installed data sources, evaluations.

Everything here uses the process-wide plugin host
(:func:`~child_welfare_plan.plugins.host.get_host`); the rules below it take their plan,
catalog and working calendar as arguments.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from os import PathLike

from child_welfare_plan.catalog import Catalog
from child_welfare_plan.io.datavalues import load_data_values as _load_data_values
from child_welfare_plan.io.submissions import IncidentSet, SubmissionSet
from child_welfare_plan.io.submissions import load_incidents as _load_incidents
from child_welfare_plan.io.submissions import load_submissions as _load_submissions
from child_welfare_plan.model.findings import Finding
from child_welfare_plan.model.plan import Incident, Plan
from child_welfare_plan.plugins.host import get_host
from child_welfare_plan.rules.aggregate import DataValueSet
from child_welfare_plan.rules.evaluate import Evaluation, evaluate

__all__ = [
    "catalog",
    "evaluate_demo",
    "evaluate_files",
    "get_plan",
    "installed_plans",
    "load_data_values",
    "load_incidents",
    "load_submissions",
]


def installed_plans() -> dict[str, Plan]:
    """Every plan that an installed pack registers, by id."""
    return dict(get_host().plans())


def get_plan(plan_id: str) -> Plan:
    """The installed plan with this id (:class:`~child_welfare_plan.errors.NotFoundError`
    if none)."""
    return get_host().plan(plan_id)


def catalog() -> Catalog:
    """The national catalog merged with what installed plugins register."""
    return get_host().catalog()


def load_data_values(
    path: str | PathLike[str], plan: Plan | str, *, source: str | None = None
) -> DataValueSet:
    """Read a data-value file for ``plan`` through the installed data sources (``source``
    names one; default the one for the file's suffix), checked against the merged catalog."""
    host = get_host()
    plan = host.plan(plan) if isinstance(plan, str) else plan
    return _load_data_values(path, plan, host.catalog(), source=host.data_source_for(path, source))


def load_submissions(
    path: str | PathLike[str],
    plan: Plan | str,
    *,
    incidents: Sequence[Incident] | None = None,
    source: str | None = None,
) -> SubmissionSet:
    """Read a submissions file for ``plan`` through the installed data sources."""
    host = get_host()
    plan = host.plan(plan) if isinstance(plan, str) else plan
    return _load_submissions(
        path, plan, incidents=incidents, source=host.data_source_for(path, source)
    )


def load_incidents(
    path: str | PathLike[str], plan: Plan | str, *, source: str | None = None
) -> IncidentSet:
    """Read an incidents file for ``plan`` through the installed data sources."""
    host = get_host()
    plan = host.plan(plan) if isinstance(plan, str) else plan
    return _load_incidents(path, plan, source=host.data_source_for(path, source))


def evaluate_files(
    plan: Plan | str,
    *,
    as_of: date,
    data: str | PathLike[str] | None = None,
    submissions: str | PathLike[str] | None = None,
    incidents: str | PathLike[str] | None = None,
    period: str | None = None,
    audience: str = "internal",
    k: int = 5,
) -> Evaluation:
    """Read the files (through the installed data sources) and evaluate ``plan``.

    Every problem in the files becomes a finding of the evaluation; nothing is dropped.
    """
    host = get_host()
    plan = host.plan(plan) if isinstance(plan, str) else plan
    findings: list[Finding] = []
    found_incidents = None
    if incidents is not None:
        loaded_incidents = load_incidents(incidents, plan)
        findings += loaded_incidents.findings
        found_incidents = loaded_incidents.incidents
    found_submissions = None
    if submissions is not None:
        loaded = load_submissions(submissions, plan, incidents=found_incidents)
        findings += loaded.findings
        found_submissions = loaded.submissions
    values = load_data_values(data, plan) if data is not None else None
    return evaluate(
        plan,
        as_of=as_of,
        submissions=found_submissions,
        incidents=found_incidents,
        values=values,
        catalog=host.catalog(),
        calendar=host.working_calendar(plan.area, plan.year),
        period=period,
        audience=audience,
        k=k,
        findings=findings,
    )


def evaluate_demo(plan_id: str, *, audience: str = "internal", k: int = 5) -> Evaluation:
    """Evaluate a plan on the synthetic demo data set its pack registers."""
    demo = get_host().demo_data(plan_id)
    with demo.files() as (submissions, data, incidents):
        return evaluate_files(
            plan_id,
            as_of=demo.as_of,
            data=data,
            submissions=submissions,
            incidents=incidents,
            audience=audience,
            k=k,
        )
