"""Plan files: TOML in, JSON out and back, every structural error at once with its path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from child_welfare_plan.errors import PlanFileError
from child_welfare_plan.io.plans import dumps_plan_json, load_plan, plan_from_data, plan_to_data
from child_welfare_plan.model import Plan
from tests.conftest import small_plan
from tests.strategies import examples, plans

TOML = """
id = "thu-2023"
title = "Kế hoạch thử"
year = 2023
issuer = "ubnd-huyen"
area = "298"
period_convention = "nd09"
based_on = ["Kế hoạch số 606/KH-UBND ngày 07/3/2023 của Ủy ban nhân dân tỉnh Hải Dương"]

[[units]]
code = "30"
name = "Tỉnh Hải Dương"
level = "province"

[[units]]
code = "298"
name = "Huyện Tứ Kỳ"
level = "district"
parent = "30"

[[agencies]]
code = "ubnd-huyen"
name = "UBND huyện Tứ Kỳ"
unit = "298"
kind = "peoples-committee"

[[events]]
id = "trung-thu"
title = "Tết Trung thu"
when = "15/8 âm lịch"

[[obligations]]
id = "bao-cao-nam"
title = "Báo cáo năm"
kind = "periodic"
reporters = { agencies = ["ubnd-huyen"] }
recipient = "ubnd-huyen"
covers = "2023"
deadline = "trước ngày 05/12/2023"
"""


@settings(max_examples=examples(60), suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_any_plan_round_trips_through_json(plan: Plan) -> None:
    text = dumps_plan_json(plan)
    assert plan_from_data(json.loads(text)) == plan


@settings(max_examples=examples(30), suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_exchange_form_is_plain_data(plan: Plan) -> None:
    data = plan_to_data(plan)
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_toml_plan_reads_text_forms(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_text(TOML, encoding="utf-8")
    plan = load_plan(path)
    assert plan.based_on[0].citation == "606/KH-UBND"
    assert plan.obligations[0].deadline is not None
    assert plan.obligations[0].deadline.kind == "before"
    assert plan.events[0].when.kind == "lunar"
    data = plan_to_data(plan)
    assert data["based_on"][0]["citation"] == "606/KH-UBND"
    assert data["events"][0]["when"] == "15/8 âm lịch"
    assert data["obligations"][0]["deadline"] == "trước ngày 05/12/2023"


def test_every_structural_error_is_reported_at_once_with_its_path(tmp_path: Path) -> None:
    data = json.loads(dumps_plan_json(small_plan()))
    data["year"] = "năm nay"
    data["task_groups"][0]["tasks"][1]["id"] = "có dấu cách"
    data["events"][1]["when"] = "rằm tháng tám"
    data["obligations"][0]["kind"] = "monthly"
    data["agencies"][2]["colour"] = "blue"
    del data["units"][3]["name"]
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(PlanFileError) as exc:
        load_plan(path)
    paths = sorted(f.location.path for f in exc.value.findings)  # type: ignore[attr-defined]
    assert paths == [
        "agencies[2]",
        "events[1].when",
        "obligations[0].kind",
        "task_groups[0].tasks[1]",
        "units[3].name",
        "year",
    ]
    assert all(f.location.file == str(path) for f in exc.value.findings)  # type: ignore[attr-defined]
    messages = " ".join(f.message for f in exc.value.findings)  # type: ignore[attr-defined]
    assert "rằm tháng tám" in messages and "colour" in messages
    assert str(exc.value).startswith(str(path))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.toml", "id = ", "not valid TOML"),
        ("plan.json", "{", "not valid JSON"),
        ("plan.json", "[1, 2]", "expected a table"),
        ("plan.yaml", "id: x", "unknown plan file type"),
    ],
)
def test_unreadable_plan_files_are_refused_clearly(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PlanFileError, match=message):
        load_plan(path)


def test_plan_file_must_be_utf8(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes("title = 'Kế hoạch'".encode("cp1258", errors="replace") + b"\xff")
    with pytest.raises(PlanFileError, match="not UTF-8"):
        load_plan(path)
