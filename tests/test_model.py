"""The model refuses values that cannot exist, naming the field, the value and the
expectation."""

from __future__ import annotations

from datetime import date

import attrs
import pytest
from hypothesis import given, settings

from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.model import (
    AdministrativeUnit,
    Agency,
    AgencyGroup,
    Finding,
    Indicator,
    Location,
    Plan,
    Reporters,
    ReportingObligation,
    Responsibility,
    Severity,
    Target,
    Task,
    canonical_disaggregation,
    has_errors,
    parse_disaggregation,
    parse_document_ref,
)
from child_welfare_plan.model.indicators import DataValue
from tests.strategies import examples, plans


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
        "message_label": 'unknown agency "y-te2"',
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


def test_an_obligation_marks_only_its_own_fields_as_the_packs_reading() -> None:
    with pytest.raises(InvalidValueError, match="'reciever' is not a field"):
        ReportingObligation(
            id="bc",
            title="Báo cáo",
            kind="document",
            reporters=Reporters(level="commune"),
            recipient="ubnd-huyen",
            pack_readings=["reciever"],
        )


@settings(max_examples=examples(50), deadline=None)
@given(plan=plans())
def test_the_span_of_a_plan_lies_in_its_year(plan: Plan) -> None:
    span = plan.span()
    assert date(plan.year, 1, 1) <= span.start <= span.end == date(plan.year, 12, 31)
    assert span.known_by in ("issued", "based-on", "year")


@settings(max_examples=examples(50), deadline=None)
@given(plan=plans())
def test_the_coordinator_never_stands_in_for_a_task_that_names_who_acts(plan: Plan) -> None:
    for task in plan.all_tasks():
        lead = plan.lead_of(task)
        if task.lead is not None:
            assert lead == task.lead
        elif task.addressee is not None:
            assert lead is None
        else:
            assert lead == plan.coordinator


def test_the_span_starts_on_the_plans_date_or_the_latest_document_it_implements() -> None:
    """A plan with no date of its own is no older than the plan it implements (606/KH-UBND
    of 07/3/2023 for Tứ Kỳ's)."""
    base = Plan(id="p", title="Kế hoạch", year=2023, issuer="ubnd-huyen")
    assert (base.span().start, base.span().known_by) == (date(2023, 1, 1), "year")
    based = attrs.evolve(
        base,
        based_on=[
            parse_document_ref("Kế hoạch số 606/KH-UBND ngày 07/3/2023 của UBND tỉnh Hải Dương"),
            parse_document_ref("Kế hoạch số 131/KH-UBND ngày 30/7/2021 của UBND huyện"),
        ],
    )
    assert (based.span().start, based.span().known_by, based.span().source) == (
        date(2023, 3, 7),
        "based-on",
        "606/KH-UBND",
    )
    issued = attrs.evolve(
        based, document=parse_document_ref("Kế hoạch số 52/KH-UBND ngày 20/3/2023 của UBND huyện")
    )
    assert (issued.span().start, issued.span().known_by) == (date(2023, 3, 20), "issued")
    assert date(2023, 3, 20) in issued.span() and date(2023, 3, 19) not in issued.span()
