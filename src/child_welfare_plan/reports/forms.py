"""The report of ``cwp template``: the blank form written, and how to read it back."""

from __future__ import annotations

from child_welfare_plan.i18n import _
from child_welfare_plan.i18n.formatting import day, number
from child_welfare_plan.io.forms import FormLayout
from child_welfare_plan.model.periods import Period
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.reports.base import Report, Section

__all__ = ["template_report"]


def template_report(plan: Plan, layout: FormLayout, unit: str, period: Period, file: str) -> Report:
    """``cwp template``: the form ``layout`` for ``unit`` and ``period`` written to ``file``."""
    data = {
        "plan": plan.id,
        "form": layout.id,
        "unit": unit,
        "period": period.id,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "file": file,
        "cells": len(layout.cells),
    }
    summary = Section(
        _("Form"),
        (
            _(
                "Wrote {file}: form {form} ({title}) for unit {unit}, period {period} "
                "({start} to {end}), {cells} input cells."
            ).format(
                file=file,
                form=layout.id,
                title=layout.title,
                unit=unit,
                period=period.id,
                start=day(period.start),
                end=day(period.end),
                cells=number(len(layout.cells)),
            ),
            _("Read it back with: {command}").format(
                command=f"cwp aggregate {plan.id} --data {file}"
            ),
        ),
        key="Form",
    )
    return Report("template", _("Form {form}").format(form=layout.id), data, (summary,))
