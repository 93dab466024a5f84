"""Plan files: TOML in, JSON out and back, every structural error at once with its path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from child_welfare_plan.errors import PlanFileError
from child_welfare_plan.io.plans import dumps_plan_json, load_plan, plan_from_data, plan_to_data
from child_welfare_plan.model import Finding, Plan
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
        "task_groups[0].tasks[1].id",
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


def findings_of(error: PlanFileError) -> list[Finding]:
    return [f for f in error.findings if isinstance(f, Finding)]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", None, "expected text, got nothing (null)"),
        ("title", 5, "expected text, got 5"),
        ("year", 2023.5, "expected a whole number, got 2023.5"),
        ("year", "2023", "expected a whole number, got the text '2023'"),
        ("year", True, "expected a whole number, got the truth value true"),
        ("issuer", {"a": 1}, "expected text, got a table (object)"),
        ("purposes", "Bảo vệ trẻ em.", "expected a list, got the text 'Bảo vệ trẻ em.'"),
        ("purposes", {"a": "b"}, "expected a list, got a table (object)"),
        ("area", ["298"], "expected text, got a list"),
        ("task_groups", "abc", "expected a list, got the text 'abc'"),
    ],
)
def test_a_value_of_the_wrong_type_is_a_problem_at_its_path_in_words(
    field: str, value: object, message: str
) -> None:
    """D29-D30: `title: null` became "None", 2023.5 became 2023, an object became its repr,
    and messages said `'str' object has no attribute 'keys'`."""
    data = json.loads(dumps_plan_json(small_plan()))
    data[field] = value
    with pytest.raises(PlanFileError) as exc:
        plan_from_data(data, source="p.json")
    findings = [(f.location.path, f.message) for f in findings_of(exc.value)]
    assert findings == [(field, message)]


def test_a_list_item_of_the_wrong_type_is_named_by_its_index() -> None:
    data = json.loads(dumps_plan_json(small_plan()))
    data["events"] = [1, data["events"][0], "x"]
    with pytest.raises(PlanFileError) as exc:
        plan_from_data(data)
    findings = [(f.location.path, f.message) for f in findings_of(exc.value)]
    assert findings == [
        ("events[0]", "expected a table (object) of fields, got 1"),
        ("events[2]", "expected a table (object) of fields, got the text 'x'"),
    ]


def test_a_validators_complaint_is_located_at_its_field() -> None:
    data = json.loads(dumps_plan_json(small_plan()))
    data["agencies"][1]["code"] = "có dấu"
    with pytest.raises(PlanFileError) as exc:
        plan_from_data(data)
    (finding,) = findings_of(exc.value)
    assert finding.location.path == "agencies[1].code"
    assert finding.message.startswith("'có dấu' is not a code")


def test_a_key_given_twice_in_json_is_refused_not_read_as_the_last(tmp_path: Path) -> None:
    """D32: JSON keeps the last of two equal keys in silence."""
    data = dumps_plan_json(small_plan())
    path = tmp_path / "plan.json"
    path.write_text(data.replace('"year": 2023,', '"year": 2023, "year": 2024,'), "utf-8")
    with pytest.raises(PlanFileError) as exc:
        load_plan(path)
    (finding,) = findings_of(exc.value)
    assert (finding.code, finding.location.path) == ("unreadable-plan", None)
    assert "'year' is given twice" in finding.message
    nested = data.replace('"name": "Tỉnh Hải Dương",', '"name": "A", "name": "B",', 1)
    path.write_text(nested, "utf-8")
    with pytest.raises(PlanFileError) as exc:
        load_plan(path)
    (finding,) = findings_of(exc.value)
    assert finding.location.path == "units[0]"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("deep.json", '{"id": ' + "[" * 100_000 + "]" * 100_000 + "}"),
        ("deep.toml", "id = " + "[" * 100_000 + "]" * 100_000 + "\n"),
        ("deep.toml", "id = " + "[" * 500 + "]" * 500 + "\n"),
        ("deep.json", '{"id": ' + "[" * 200 + "]" * 200 + "}"),
        ("huge.json", '{"year": ' + "9" * 5000 + "}"),
    ],
)
def test_deep_nesting_and_huge_numbers_are_refused_not_a_crash(
    tmp_path: Path, name: str, content: str
) -> None:
    """A RecursionError (nested 100,000 deep) or a ValueError (5,000 digits) used to end
    every command in a traceback."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PlanFileError) as exc:
        load_plan(path)
    (finding,) = findings_of(exc.value)
    assert finding.code == "unreadable-plan"
    assert len(finding.message) < 300


def test_a_year_too_large_for_a_date_is_a_finding(tmp_path: Path) -> None:
    data = json.loads(dumps_plan_json(small_plan()))
    data["year"] = 10**400
    with pytest.raises(PlanFileError) as exc:
        plan_from_data(data)
    (finding,) = findings_of(exc.value)
    assert finding.location.path == "year"
