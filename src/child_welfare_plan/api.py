"""Entry points that go through the plugin host: installed plans, the merged catalog, and
evaluations read from files."""

from __future__ import annotations

from datetime import date
from os import PathLike
from typing import TYPE_CHECKING

from child_welfare_plan.plugins.registry import get_host

if TYPE_CHECKING:
    from child_welfare_plan.catalog import Catalog
    from child_welfare_plan.model.plan import Plan
    from child_welfare_plan.rules.evaluate import Evaluation

__all__ = ["catalog", "evaluate_demo", "evaluate_files", "get_plan", "installed_plans"]


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
    from child_welfare_plan.files.datavalues import load_data_values
    from child_welfare_plan.files.submissions import load_incidents, load_submissions
    from child_welfare_plan.model.findings import Finding
    from child_welfare_plan.rules.evaluate import evaluate

    host = get_host()
    plan = host.plan(plan) if isinstance(plan, str) else plan
    catalog = host.catalog()
    findings: list[Finding] = []
    found_incidents = None
    if incidents is not None:
        loaded_incidents = load_incidents(incidents, plan, host=host)
        findings += loaded_incidents.findings
        found_incidents = loaded_incidents.incidents
    found_submissions = None
    if submissions is not None:
        loaded = load_submissions(submissions, plan, incidents=found_incidents, host=host)
        findings += loaded.findings
        found_submissions = loaded.submissions
    values = load_data_values(data, plan, catalog, host=host) if data is not None else None
    return evaluate(
        plan,
        as_of=as_of,
        submissions=found_submissions,
        incidents=found_incidents,
        values=values,
        catalog=catalog,
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
