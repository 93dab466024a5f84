"""``cwp template PLAN --unit CODE --period P -o form.xlsx [--layout ID]``: a blank form.

Writes the ``.xlsx`` copy of a form layout a pack registers for the plan (``--layout``
picks one when there are several), with the unit and period filled in, the labels locked
and the input cells limited to whole numbers of 0 or more. A filled copy is read back
wherever CSV is (``cwp aggregate PLAN --data form.xlsx``). The workbook is the output;
what was written is printed (``--format json``: ``{"plan", "form", "unit", "period",
"start", "end", "file", "cells"}``). Exit 2 for an unknown unit, layout or period.
"""

from __future__ import annotations

import argparse

from child_welfare_plan.cli.args import UsageError
from child_welfare_plan.cli.planarg import load_plan_arg
from child_welfare_plan.i18n import N_, _
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.atomic import write_atomic
from child_welfare_plan.io.form_template import write_template
from child_welfare_plan.io.forms import FormLayout
from child_welfare_plan.model.periods import parse_period
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.plugins.host import Host
from child_welfare_plan.reports.base import Report
from child_welfare_plan.reports.forms import template_report

OWNS_OUTPUT = True
"""``-o`` names the workbook; what was written is reported on standard output."""

HELP = N_("write a blank form (.xlsx) for a unit and period to fill in")


def configure(p: argparse.ArgumentParser) -> None:
    """The plan, the unit, the period and the layout."""
    p.add_argument("plan", help=_("plan id or a .toml/.json plan file"))
    p.add_argument("--unit", required=True, help=_("the code of the unit that fills the form"))
    p.add_argument("--period", required=True, help=_("the period id, e.g. 2023S1"))
    p.add_argument("--layout", help=_("the form layout's id (default: the plan's only one)"))


def _layout(host: Host, plan: Plan, wanted: str | None) -> FormLayout:
    layouts = host.form_layouts(plan.id)
    if wanted is not None:
        every = host.form_layouts()
        if wanted not in every:
            if not every:
                raise UsageError(
                    Message("unknown form layout {wanted!r} (none installed)", wanted=wanted)
                )
            raise UsageError(
                Message(
                    "unknown form layout {wanted!r} (installed: {known})",
                    wanted=wanted,
                    known=", ".join(sorted(every)),
                )
            )
        return every[wanted]
    if len(layouts) == 1:
        return next(iter(layouts.values()))
    if not layouts:
        raise UsageError(Message("no form layout is registered for plan {plan!r}", plan=plan.id))
    raise UsageError(
        Message("plan {plan!r} has several forms: pick one with --layout", plan=plan.id)
    )


def run(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    """Write the blank form to ``--output``."""
    plan = load_plan_arg(args.plan, host)
    if args.output is None or args.output.suffix.lower() != ".xlsx":
        raise UsageError(Message("cwp template writes an .xlsx workbook: give -o FILE.xlsx"))
    layout = _layout(host, plan, args.layout)
    unit = str(args.unit).strip()
    if unit not in plan.hierarchy:
        raise UsageError(
            Message("unit {unit!r} is not a unit of plan {plan!r}", unit=unit, plan=plan.id)
        )
    period = parse_period(args.period, plan.period_convention)
    if layout.period_types and period.type not in layout.period_types:
        allowed = ", ".join(t.value for t in layout.period_types)
        raise UsageError(
            Message(
                "form {form} is for {allowed} periods; {period} is {type}",
                form=layout.id,
                allowed=allowed,
                period=period.id,
                type=str(period.type),
            )
        )
    write_atomic(args.output, write_template(layout, plan, host.catalog(), unit, period))
    return template_report(plan, layout, unit, period, str(args.output)), 0
