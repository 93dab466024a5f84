"""The hook implementations of the Tứ Kỳ district pack (entry point ``tu_ky``).

The plan file is the single source of the pack's data: the units this module
registers are those the plan file lists, so a plan and the host's unit list cannot drift
apart.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date

from child_welfare_plan.io.forms import FormLayout
from child_welfare_plan.model import AdministrativeUnit, Plan
from child_welfare_plan.plugins import DemoData, PlanSource, Translated, hookimpl
from cwp_tu_ky import DEMO_DIR, FORM_FILE, PLAN_FILE, PLAN_ID

__all__ = [
    "DEMO_AS_OF",
    "register_demo_data",
    "register_form_layouts",
    "register_plans",
    "register_units",
]

DEMO_AS_OF = date(2023, 12, 20)
"""The day the demo data set is meant to be read at: after every 2023 deadline."""


@functools.cache
def _plan() -> Plan:
    return PlanSource(PLAN_FILE).load()


@hookimpl
def register_plans() -> Iterable[PlanSource]:
    """The 2023 child-welfare work plan of Tứ Kỳ district (``tu-ky-2023``)."""
    return [PlanSource(PLAN_FILE)]


@hookimpl
def register_units() -> Iterable[AdministrativeUnit]:
    """Hải Dương province (30), Tứ Kỳ district (298) and its 23 commune-level units of 2023."""
    return _plan().units


@hookimpl
def register_demo_data() -> Iterable[DemoData]:
    """The synthetic 2023 data set (``scripts/make_demo.py``, seed 2023): submissions of the
    29 expected reporters and of the district office, and a few invented incidents. The
    data values file is listed once it exists."""
    values = DEMO_DIR.joinpath("data_values.csv")
    return [
        DemoData(
            plan=PLAN_ID,
            as_of=DEMO_AS_OF,
            submissions=DEMO_DIR.joinpath("submissions.csv"),
            incidents=DEMO_DIR.joinpath("incidents.csv"),
            data=values if values.is_file() else None,
            description=Translated(
                "Dữ liệu GIẢ LẬP cho kế hoạch năm 2023 của huyện Tứ Kỳ: các lần nộp báo cáo "
                "là giả định (phần lớn đúng hạn, một số trễ hạn, vài báo cáo chưa nộp, một lần "
                "nộp bổ sung, một dòng trùng) và các vụ việc cũng là giả định. Không mô tả trẻ "
                "em, báo cáo hay văn bản thật nào.",
                en="SYNTHETIC data for the Tứ Kỳ 2023 plan: invented submissions (most on time, "
                "some late, a few missing, one revision, one duplicate row) and invented "
                "incidents. No real child, report or document is described.",
            ),
        )
    ]


@hookimpl
def register_form_layouts() -> Iterable[FormLayout]:
    """The commune's six-monthly form (``tu-ky-xa-6-thang``)."""
    return [FormLayout.load(FORM_FILE)]
