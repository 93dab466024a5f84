"""The model refuses values that cannot exist, naming the field, the value and the
expectation."""

from __future__ import annotations

from datetime import date

import pytest

from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.model import (
    AdministrativeUnit,
    Agency,
    AgencyGroup,
    Finding,
    Indicator,
    Location,
    Reporters,
    Responsibility,
    Severity,
    Target,
    Task,
    canonical_disaggregation,
    has_errors,
    parse_disaggregation,
)
from child_welfare_plan.model.indicators import DataValue


def test_code_with_spaces_is_refused_with_field_and_value() -> None:
    with pytest.raises(InvalidValueError, match=r"Task\.id: 'bao cao' is not a code"):
        Task(id="bao cao", text="x")


def test_code_errors_say_what_was_expected() -> None:
    with pytest.raises(InvalidValueError, match="expected ASCII letters"):
        Agency(code="y tế", name="Phòng Y tế", unit="298", kind="specialised-office")


def test_unknown_level_is_refused() -> None:
    with pytest.raises(ValueError, match="'ward' is not a valid Level"):
        AdministrativeUnit(code="11074", name="Thị trấn Tứ Kỳ", level="ward", parent="298")


def test_unit_code_must_be_official_digits() -> None:
    with pytest.raises(InvalidValueError, match=r"AdministrativeUnit\.code: 'TK1'"):
        AdministrativeUnit(code="TK1", name="x", level="commune", parent="298")


def test_end_before_start_is_refused() -> None:
    with pytest.raises(
        InvalidValueError, match=r"valid_to: 2023-01-01 is before valid_from 2024-01-01"
    ):
        AdministrativeUnit(
            code="298",
            name="Huyện Tứ Kỳ",
            level="district",
            parent="30",
            valid_from=date(2024, 1, 1),
            valid_to=date(2023, 1, 1),
        )


def test_non_province_needs_a_parent() -> None:
    with pytest.raises(InvalidValueError, match="has no parent"):
        AdministrativeUnit(code="298", name="Huyện Tứ Kỳ", level="district")


def test_negative_count_is_refused() -> None:
    from child_welfare_plan.model import ProtectionLevel

    with pytest.raises(InvalidValueError, match="rank: -1 is negative"):
        ProtectionLevel(code="x", name="x", name_en="x", rank=-1)


def test_repeated_code_in_a_list_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="'y-te' is listed twice"):
        Task(id="t1", text="x", support=("y-te", "y-te"))


def test_responsibility_names_someone() -> None:
    with pytest.raises(InvalidValueError, match="names neither an agency nor an addressee"):
        Responsibility(id="v-8")


def test_reporters_and_groups_name_someone() -> None:
    with pytest.raises(InvalidValueError, match="neither a level nor any agency"):
        Reporters()
    with pytest.raises(InvalidValueError, match="neither a level nor agencies"):
        AgencyGroup(code="g", name="g")


def test_target_baseline_comes_with_its_year_before_the_target_year() -> None:
    with pytest.raises(InvalidValueError, match="go together"):
        Target(id="t", value=90, year=2025, baseline=80)
    with pytest.raises(InvalidValueError, match="not before the target year"):
        Target(id="t", value=90, year=2025, baseline=80, baseline_year=2025)


def test_ratio_needs_numerator_and_denominator() -> None:
    with pytest.raises(InvalidValueError, match="needs a numerator and a denominator"):
        Indicator(code="r", name="r", name_en="r", value_type="ratio")
    with pytest.raises(InvalidValueError, match="only a ratio"):
        Indicator(code="c", name="c", name_en="c", value_type="count", numerator="a")


def test_models_are_frozen() -> None:
    task = Task(id="t1", text="x")
    with pytest.raises(AttributeError):
        task.id = "t2"  # type: ignore[misc]


def test_disaggregation_parsing_any_order_gives_one_canonical_string() -> None:
    a = parse_disaggregation("sex=female;age_group=11-15")
    b = parse_disaggregation(" age_group = 11-15 ; sex=female ")
    assert (
        canonical_disaggregation(a) == canonical_disaggregation(b) == "age_group=11-15;sex=female"
    )
    assert parse_disaggregation("") == {}


@pytest.mark.parametrize("text", ["sex", "sex=", "=female", "sex=a;sex=b"])
def test_bad_disaggregations_are_refused(text: str) -> None:
    with pytest.raises(InvalidValueError):
        parse_disaggregation(text)


def test_data_value_disaggregation_must_be_canonical() -> None:
    with pytest.raises(InvalidValueError, match="not canonical"):
        DataValue(
            unit="11074",
            period="2023S1",
            indicator="tre-em",
            disaggregation="sex=female;age_group=0-2",
            value=1,
        )


def test_finding_json_shape_and_text() -> None:
    finding = Finding.error(
        "unknown-agency", 'unknown agency "y-te2"', file="plan.toml", path="tasks[3].lead"
    )
    assert finding.to_dict() == {
        "severity": "error",
        "code": "unknown-agency",
        "message": 'unknown agency "y-te2"',
        "location": {
            "file": "plan.toml",
            "row": None,
            "column": None,
            "path": "tasks[3].lead",
            "sheet": None,
            "field": None,
        },
    }
    assert (
        str(finding) == 'error: plan.toml, tasks[3].lead: unknown agency "y-te2" [unknown-agency]'
    )
    assert has_errors([finding])
    assert not has_errors([Finding(Severity.WARNING, "w", "m")])
    assert str(Location()) == "-"
