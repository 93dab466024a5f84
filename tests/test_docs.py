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


GEOGRAPHY = DOCS / "geography.md"
DISAGREEMENTS = DOCS / "geography" / "mapping_disagreements.csv"


def test_the_geography_page_lists_every_disagreement_with_the_shared_mapping() -> None:
    """Every disagreement of the shared mapping with the shipped sources is a row of the CSV
    the page links; every structural one (all but spellings of names) is also in its table."""
    import csv

    text = GEOGRAPHY.read_text(encoding="utf-8")
    assert "(geography/mapping_disagreements.csv)" in text
    with DISAGREEMENTS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 263
    issues: dict[str, int] = {}
    for row in rows:
        issues[row["issue"]] = issues.get(row["issue"], 0) + 1
    for issue, count in issues.items():
        assert f"| `{issue}` | {count} |" in text
    for row in rows:
        if row["issue"] not in ("old_name_mismatch", "new_province_name_style"):
            assert f"| {row['issue']} | {row['old_code']} | {row['shared']} |" in text


def test_the_geography_page_cites_its_legal_bases() -> None:
    text = GEOGRAPHY.read_text(encoding="utf-8")
    references = text[text.index("## References") :]
    for act in ("202/2025/QH15", "19/2025/QĐ-TTg", "1250/NQ-UBTVQH15", "1669/NQ-UBTVQH15"):
        assert act in references
    assert "(check)" in references
