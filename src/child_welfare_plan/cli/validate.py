"""``cwp validate PLAN``: the findings of a plan."""

from __future__ import annotations

import argparse

from child_welfare_plan.catalogs.units import national_register
from child_welfare_plan.cli.planarg import is_plan_file, plan_or_findings
from child_welfare_plan.i18n import N_, _
from child_welfare_plan.model.findings import has_errors
from child_welfare_plan.plugins.host import Host
from child_welfare_plan.reports.base import Report
from child_welfare_plan.reports.plans import validation_report
from child_welfare_plan.rules.validate import validate_plan

HELP = N_("check a plan and list its findings")


def configure(parser: argparse.ArgumentParser) -> None:
    """The plan."""
    parser.add_argument("plan", help=_("plan id or a .toml/.json plan file"))


def run(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    """Validate the plan against the installed catalog, working calendar and the national
    register of units (the days its units and agencies exist)."""
    plan, findings = plan_or_findings(args.plan, host)
    plan_id = args.plan
    if plan is not None:
        plan_id = plan.id
        source = args.plan if is_plan_file(args.plan) else host.plan_source(plan.id)
        findings = validate_plan(
            plan,
            catalog=host.catalog(),
            calendar=host.working_calendar(plan.area, plan.year),
            source=source,
            register=national_register(),
        )
    if any(f.code == "unreadable-plan" for f in findings):
        status = 2  # design §7: input that cannot be read at all
    else:
        status = 1 if has_errors(findings) else 0
    return validation_report(plan_id, findings), status
