"""The examples in the documentation work as written."""

from __future__ import annotations

import re
from pathlib import Path

from child_welfare_plan.io.plans import plan_from_data
from child_welfare_plan.model import has_errors
from child_welfare_plan.rules.validate import validate_plan

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_the_plan_file_of_the_plugin_guide_loads_and_validates() -> None:
    import tomllib

    text = (DOCS / "plugins.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"```toml\n(id = .*?)```", text, re.S)
    plan = plan_from_data(tomllib.loads(example), source="docs/plugins.md")
    assert plan.id == "my-district-2024"
    assert plan.expected_reporters(plan.obligation("bao-cao-6-thang")) == ("ubnd-11074",)
    findings = validate_plan(plan)
    assert not has_errors(findings), findings
