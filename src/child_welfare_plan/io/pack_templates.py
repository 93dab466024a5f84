"""The text of the files of a new pack (``cwp new-pack``), with ``{{name}}`` slots that
:mod:`child_welfare_plan.io.packs` fills: the distribution's ``pyproject.toml`` and README,
the package's ``__init__`` and hook implementations, its test, and the README of its demo
data set."""

from __future__ import annotations

__all__ = ["DEMO_README", "INIT", "PLUGIN", "PYPROJECT", "README", "TEST", "TEST_NO_REPORTS"]

PYPROJECT = """[build-system]
requires = ["setuptools>=64"]
build-backend = "setuptools.build_meta"

[project]
name = "{{distribution}}"
version = "0.1.0"
description = "Child-welfare plan pack for {{unit_name}} ({{unit_code}}), {{year}}."
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["child-welfare-plan>=0.1"]

[project.entry-points.child_welfare_plan]
{{entry}} = "{{module}}.plugin"

[tool.setuptools.packages.find]
where = ["src"]

[tool.setuptools.package-data]
{{module}} = ["py.typed", "data/*.toml", "data/demo/*.csv", "data/demo/*.md"]

[tool.pytest.ini_options]
testpaths = ["tests"]
"""

README = """# {{distribution}}

The child-welfare work plan of {{unit_name}} ({{unit_code}}) for {{year}}, as a pack for
child-welfare-plan: the plan (`src/{{module}}/data/plan.toml`), its units and agencies, and a
synthetic demo data set (`src/{{module}}/data/demo/`, invented figures).

Written by `cwp new-pack --unit {{unit_code}} --year {{year}}`: replace the placeholder texts,
tasks and deadlines of the plan with those of the plan as issued, then

```sh
pip install -e .
cwp validate {{plan_id}}
cwp evaluate {{plan_id}} --demo
pytest
```
"""

INIT = '''"""The child-welfare plan pack of {{unit_name}} ({{unit_code}}), {{year}}.

It registers, through the ``child_welfare_plan`` entry points, the plan ``{{plan_id}}``
(read from :data:`PLAN_FILE`), its units, and a synthetic demo data set for
``cwp evaluate {{plan_id}} --demo`` (invented figures: no real child).
"""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable

__all__ = ["DEMO_DIR", "PLAN_FILE", "PLAN_ID"]

PLAN_ID = "{{plan_id}}"
"""The id of the plan this pack registers."""

_DATA: Traversable = resources.files(__name__).joinpath("data")

PLAN_FILE: Traversable = _DATA.joinpath("plan.toml")
"""The plan file (TOML), shipped as package data."""

DEMO_DIR: Traversable = _DATA.joinpath("demo")
"""The directory of the synthetic demo data set."""
'''

PLUGIN = '''"""The hook implementations of the pack (entry point ``{{entry}}``)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date

from child_welfare_plan.model import AdministrativeUnit, Plan
from child_welfare_plan.plugins import DemoData, PlanSource, hookimpl
from {{module}} import DEMO_DIR, PLAN_FILE, PLAN_ID

DEMO_AS_OF = {{as_of}}
"""The day the demo data set is meant to be read at: after every deadline of the year."""


@functools.cache
def _plan() -> Plan:
    return PlanSource(PLAN_FILE).load()


@hookimpl
def register_plans() -> Iterable[PlanSource]:
    """The plan of the pack."""
    return [PlanSource(PLAN_FILE)]


@hookimpl
def register_units() -> Iterable[AdministrativeUnit]:
    """The units the plan file lists."""
    return _plan().units


@hookimpl
def register_demo_data() -> Iterable[DemoData]:
    """The synthetic demo data set: invented submissions and figures."""
    return [
        DemoData(
            plan=PLAN_ID,
            as_of=DEMO_AS_OF,
            submissions=DEMO_DIR.joinpath("submissions.csv"),
            data=DEMO_DIR.joinpath("data_values.csv"),
            description="SYNTHETIC data written by cwp new-pack: no real child or report.",
        )
    ]
'''

TEST = '''"""The pack's plan is installed and has no error, and its demo data set evaluates."""

from __future__ import annotations

from child_welfare_plan.api import evaluate_demo, get_plan, validate_plan
from child_welfare_plan.model import has_errors
from {{module}} import PLAN_ID


def test_the_plan_is_installed_for_its_unit() -> None:
    plan = get_plan(PLAN_ID)
    assert plan.area == "{{unit_code}}"
    assert plan.hierarchy.get("{{unit_code}}").name == "{{unit_name}}"


def test_the_plan_has_no_error() -> None:
    findings = validate_plan(get_plan(PLAN_ID))
    assert not has_errors(findings), [str(f) for f in findings]


def test_the_yearly_report_goes_to_the_level_above() -> None:
    assert get_plan(PLAN_ID).obligation("bao-cao-nam").recipient == "{{recipient}}"


def test_the_demo_evaluates_with_every_report_in_on_time() -> None:
    evaluation = evaluate_demo(PLAN_ID)
    assert not evaluation.has_errors(), [str(f) for f in evaluation.findings]
    assert evaluation.timeliness is not None
    rates = evaluation.timeliness.rates
    assert rates and all(rate.on_time == rate.expected > 0 for rate in rates)
    area = {row.indicator: row for row in evaluation.area_rows()}
    assert area["tre-em"].value is not None and area["tre-em"].value > 0
'''

TEST_NO_REPORTS = '''"""The pack's plan is installed and has no error."""

from __future__ import annotations

from child_welfare_plan.api import get_plan, validate_plan
from child_welfare_plan.model import has_errors
from {{module}} import PLAN_ID


def test_the_plan_is_installed_for_its_unit() -> None:
    assert get_plan(PLAN_ID).area == "{{unit_code}}"


def test_the_plan_has_no_error() -> None:
    findings = validate_plan(get_plan(PLAN_ID))
    assert not has_errors(findings), [str(f) for f in findings]
'''

DEMO_README = """# Demo data set of {{plan_id}} (SYNTHETIC)

Invented by `cwp new-pack`: every figure and every submission is made up and describes no
real child, report or document. `data_values.csv`: children, children in special
circumstances and those assisted, abuse cases, injury deaths, the Child Protection Fund and
whether the commune is fit for children, per reporting unit and half-year.
`submissions.csv`: every expected report, on time.
"""
