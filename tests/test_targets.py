"""Targets: statuses, the straight line from the baseline, coverage, and national targets."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from child_welfare_plan.catalogs import national_catalog
from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.i18n import language
from child_welfare_plan.model import Comparator, Direction, Target
from child_welfare_plan.reports.targets import TARGET_COLUMNS, targets_block
from child_welfare_plan.rules.targets import (
    Measurement,
    TargetResult,
    TargetStatus,
    evaluate_target,
    evaluate_targets,
    expected_value,
)

S = TargetStatus

# Strategies ---------------------------------------------------------------------------

values = st.floats(min_value=-1e5, max_value=1e5, allow_nan=False, allow_infinity=False)
years = st.integers(2000, 2040)
ANY_COMPARATOR = st.sampled_from(Comparator)
MAYBE = st.booleans()


@st.composite
def targets(
    draw: st.DrawFn,
    comparators: st.SearchStrategy[Comparator] = ANY_COMPARATOR,
    with_baseline: st.SearchStrategy[bool] = MAYBE,
) -> Target:
    year = draw(years)
    baseline = draw(with_baseline)
    return Target(
        id="t",
        indicator="chi-so",
        comparator=draw(comparators),
        value=draw(values),
        year=year,
        baseline=draw(values) if baseline else None,
        baseline_year=year - draw(st.integers(1, 10)) if baseline else None,
    )


def full(value: float | None) -> Measurement:
    """A measurement every expected unit reported in full."""
    return Measurement(value=value, coverage=1.0, complete=True)


RANK = {S.NOT_MET: 0, S.MET: 1, S.OFF_TRACK: 0, S.ON_TRACK: 1}


# One example per status ---------------------------------------------------------------

LINE = Target(id="t", indicator="x", value=90, year=2025, baseline=80, baseline_year=2021)


def test_met_when_the_comparator_holds_in_the_target_year() -> None:
    result = evaluate_target(LINE, full(92.0), as_of_year=2025)
    assert result.status is S.MET
    assert result.reason == "92.0 ≥ 90 (target for 2025)"


def test_not_met_when_the_comparator_fails_in_the_target_year() -> None:
    result = evaluate_target(LINE, full(89.5), as_of_year=2025)
    assert result.status is S.NOT_MET
    assert result.reason == "89.5 is not ≥ 90 (target for 2025)"


def test_on_track_when_ahead_of_the_straight_line() -> None:
    result = evaluate_target(LINE, full(86.0), as_of_year=2023)
    assert result.status is S.ON_TRACK
    assert result.expected == 85.0
    assert "85" in result.reason and "2021" in result.reason


def test_off_track_when_behind_the_straight_line() -> None:
    result = evaluate_target(LINE, full(84.0), as_of_year=2023)
    assert result.status is S.OFF_TRACK
    assert result.reason.startswith("84.0 is behind 85")


def test_no_data_carries_the_aggregates_reason() -> None:
    measurement = Measurement(value=None, reason="zero denominator: no children counted")
    result = evaluate_target(LINE, measurement, as_of_year=2025)
    assert result.status is S.NO_DATA
    assert result.reason == "Zero denominator: no children counted."


def test_no_measurement_at_all_is_no_data_with_a_sentence() -> None:
    result = evaluate_target(LINE, None, as_of_year=2023)
    assert result.status is S.NO_DATA
    assert result.reason == "No value was measured for indicator 'x'."
    assert result.actual is None and result.coverage is None


def test_insufficient_coverage_says_how_many_units_reported() -> None:
    measurement = Measurement(
        value=95.0, coverage=20 / 23, complete=False, reported=20, expected=23
    )
    result = evaluate_target(LINE, measurement, as_of_year=2025)
    assert result.status is S.INSUFFICIENT_COVERAGE
    assert result.reason.startswith("Only 20 of 23 units reported (coverage 87 %)")
    assert result.reason.endswith(".")


def test_insufficient_coverage_without_counts_gives_the_share() -> None:
    measurement = Measurement(value=95.0, coverage=0.5, complete=False)
    result = evaluate_target(LINE, measurement, as_of_year=2023)
    assert result.status is S.INSUFFICIENT_COVERAGE
    assert result.reason == (
        "Only 50 % of the expected units reported; judging progress towards the target "
        "for 2025 needs 90 %."
    )


def test_a_verdict_needs_complete_data_by_default() -> None:
    measurement = Measurement(value=95.0, coverage=1.0, complete=False)
    assert evaluate_target(LINE, measurement, as_of_year=2025).status is S.INSUFFICIENT_COVERAGE


def test_progress_is_judged_on_partial_but_sufficient_coverage() -> None:
    measurement = Measurement(value=86.0, coverage=0.95, complete=False)
    assert evaluate_target(LINE, measurement, as_of_year=2023).status is S.ON_TRACK


def test_a_lower_threshold_allows_a_verdict_on_partial_data() -> None:
    measurement = Measurement(value=95.0, coverage=0.8, complete=False)
    result = evaluate_target(LINE, measurement, as_of_year=2025, min_coverage=0.75)
    assert result.status is S.MET


def test_without_a_baseline_progress_means_the_comparator_already_holds() -> None:
    target = Target(id="t", value=90, year=2025)
    assert evaluate_target(target, full(91.0), as_of_year=2023).status is S.ON_TRACK
    off = evaluate_target(target, full(89.0), as_of_year=2023)
    assert off.status is S.OFF_TRACK
    assert off.expected is None
    assert "no baseline" in off.reason


def test_after_the_target_year_the_verdict_stands() -> None:
    assert evaluate_target(LINE, full(92.0), as_of_year=2027).status is S.MET


def test_lower_is_better_target_follows_a_falling_line() -> None:
    target = Target(id="t", comparator="<=", value=16, year=2025, baseline=20, baseline_year=2021)
    assert evaluate_target(target, full(17.5), as_of_year=2023).status is S.ON_TRACK
    assert evaluate_target(target, full(18.5), as_of_year=2023).status is S.OFF_TRACK


def test_equal_target_overshooting_is_off_track_unless_the_indicator_prefers_it() -> None:
    target = Target(id="t", comparator="=", value=100, year=2025, baseline=60, baseline_year=2021)
    assert evaluate_target(target, full(90.0), as_of_year=2023).status is S.ON_TRACK
    assert evaluate_target(target, full(105.0), as_of_year=2023).status is S.OFF_TRACK
    higher = evaluate_target(target, full(105.0), as_of_year=2023, direction_hint="higher")
    assert higher.status is S.ON_TRACK


def test_measurement_rejects_impossible_values() -> None:
    with pytest.raises(InvalidValueError, match="coverage"):
        Measurement(value=1.0, coverage=1.5)
    with pytest.raises(InvalidValueError, match="reported"):
        Measurement(value=1.0, reported=5, expected=4)
    with pytest.raises(InvalidValueError, match="finite"):
        Measurement(value=float("nan"))


def test_thresholds_outside_zero_to_one_are_refused() -> None:
    with pytest.raises(InvalidValueError, match="min_coverage"):
        evaluate_target(LINE, full(1.0), as_of_year=2025, min_coverage=1.5)


def test_measurement_from_an_aggregate_keeps_its_counts() -> None:
    class Rolled:
        value = 75.0
        coverage = 0.5
        complete = False
        period = "2023"
        reason = None
        reported = 1
        expected = 2

    measurement = Measurement.from_aggregate(Rolled())
    assert (measurement.reported, measurement.expected, measurement.period) == (1, 2, "2023")


def test_evaluate_targets_finds_measurements_by_id_then_indicator() -> None:
    by_id = Target(id="a", indicator="x", value=1, year=2025)
    by_indicator = Target(id="b", indicator="x", value=100, year=2025)
    unmeasured = Target(id="c", indicator="y", value=1, year=2025)
    results = evaluate_targets(
        [by_id, by_indicator, unmeasured], {"a": full(5.0), "x": full(50.0)}, 2025
    )
    assert [r.actual for r in results] == [5.0, 50.0, None]
    assert [r.status for r in results] == [S.MET, S.NOT_MET, S.NO_DATA]


def test_evaluate_targets_passes_indicator_directions() -> None:
    target = Target(
        id="t", indicator="x", comparator="=", value=100, year=2025, baseline=60, baseline_year=2021
    )
    plain = evaluate_targets([target], {"x": full(105.0)}, 2023)
    hinted = evaluate_targets(
        [target], {"x": full(105.0)}, 2023, directions={"x": Direction.HIGHER}
    )
    assert (plain[0].status, hinted[0].status) == (S.OFF_TRACK, S.ON_TRACK)


def test_result_to_dict_is_json_with_stable_keys() -> None:
    data = evaluate_target(LINE, full(86.0), as_of_year=2023).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["status"] == "on_track"
    assert data["comparator"] == ">="
    assert data["expected"] == 85.0
    assert {"target", "indicator", "scope", "actual", "coverage", "reason"} <= set(data)


def test_targets_block_has_one_row_per_result_with_coverage_as_percent() -> None:
    results = evaluate_targets([LINE], {"x": full(86.0)}, 2023)
    with language("en"):
        block = targets_block(results)
    assert block.columns == TARGET_COLUMNS
    assert block.percent_columns == ("coverage",)
    row = dict(zip(block.columns, block.rows[0], strict=True))
    assert row["goal"] == "≥ 90 (2025)"
    assert row["status"] == "on track"
    assert row["status"].code == "on_track"


def test_targets_block_speaks_vietnamese_by_default() -> None:
    """The status is a word of the message catalog, never a code."""
    results = evaluate_targets([LINE], {"x": full(86.5)}, 2023)
    with language("vi"):
        block = targets_block(results)
    row = dict(zip(block.columns, block.rows[0], strict=True))
    assert row["Tình trạng"] == "đúng tiến độ"
    assert row["Thực hiện"] == 86.5
    assert block.percent_columns == ("Độ bao phủ",)


# Laws ---------------------------------------------------------------------------------


@given(
    targets(st.sampled_from([Comparator.GE, Comparator.GT])),
    values,
    values,
    st.integers(1990, 2050),
)
def test_raising_the_actual_never_lowers_the_status_for_higher_targets(
    target: Target, a: float, b: float, as_of: int
) -> None:
    low, high = sorted((a, b))
    s_low = evaluate_target(target, full(low), as_of_year=as_of).status
    s_high = evaluate_target(target, full(high), as_of_year=as_of).status
    assert RANK[s_high] >= RANK[s_low]


@given(
    targets(st.sampled_from([Comparator.LE, Comparator.LT])),
    values,
    values,
    st.integers(1990, 2050),
)
def test_lowering_the_actual_never_lowers_the_status_for_lower_targets(
    target: Target, a: float, b: float, as_of: int
) -> None:
    low, high = sorted((a, b))
    s_low = evaluate_target(target, full(low), as_of_year=as_of).status
    s_high = evaluate_target(target, full(high), as_of_year=as_of).status
    assert RANK[s_low] >= RANK[s_high]


@given(targets(with_baseline=st.just(True)), st.data())
def test_a_value_exactly_on_the_line_is_on_track(target: Target, data: st.DataObject) -> None:
    assert target.baseline_year is not None
    as_of = data.draw(st.integers(target.baseline_year, target.year - 1))
    on_line = expected_value(target, as_of)
    assert on_line is not None
    result = evaluate_target(target, full(on_line), as_of_year=as_of)
    assert result.status is S.ON_TRACK


@given(targets(with_baseline=st.just(True)))
def test_the_line_runs_from_the_baseline_to_the_target(target: Target) -> None:
    assert target.baseline_year is not None
    assert expected_value(target, target.baseline_year) == target.baseline
    assert expected_value(target, target.year) == target.value


@given(targets(with_baseline=st.just(True)), st.data())
def test_the_line_is_monotone_between_baseline_and_target(
    target: Target, data: st.DataObject
) -> None:
    assert target.baseline_year is not None and target.baseline is not None
    y1, y2 = sorted(data.draw(st.lists(years, min_size=2, max_size=2)))
    e1, e2 = expected_value(target, y1), expected_value(target, y2)
    assert e1 is not None and e2 is not None
    if target.value >= target.baseline:
        assert e1 <= e2 + 1e-9 * max(1.0, abs(e2))
    else:
        assert e1 >= e2 - 1e-9 * max(1.0, abs(e2))


@given(
    targets(),
    values,
    st.integers(0, 10).map(lambda n: n / 10),
    st.booleans(),
    st.integers(0, 15),
    st.sampled_from([0.0, 0.5, 0.9, 1.0]),
)
def test_met_iff_the_comparator_holds_at_or_after_the_year_with_enough_coverage(
    target: Target, actual: float, coverage: float, complete: bool, after: int, threshold: float
) -> None:
    measurement = Measurement(value=actual, coverage=coverage, complete=complete)
    result = evaluate_target(
        target, measurement, as_of_year=target.year + after, min_coverage=threshold
    )
    enough = coverage >= threshold and (complete or threshold < 1)
    assert (result.status is S.MET) == (enough and target.comparator.holds(actual, target.value))
    assert result.status in ({S.MET, S.NOT_MET} if enough else {S.INSUFFICIENT_COVERAGE})


@given(
    targets(),
    st.one_of(st.none(), st.builds(Measurement, value=st.none(), reason=st.none() | st.text())),
    st.integers(1990, 2050),
)
def test_missing_data_is_never_met(
    target: Target, measurement: Measurement | None, as_of: int
) -> None:
    result = evaluate_target(target, measurement, as_of_year=as_of)
    assert result.status is S.NO_DATA
    assert result.reason.endswith((".", "!", "?"))  # a whole sentence


@given(targets(), values, st.integers(1990, 2050))
def test_before_the_target_year_the_status_is_progress_never_a_verdict(
    target: Target, actual: float, as_of: int
) -> None:
    result = evaluate_target(target, full(actual), as_of_year=as_of)
    progress = {S.ON_TRACK, S.OFF_TRACK}
    assert (result.status in progress) == (as_of < target.year)
    assert isinstance(result, TargetResult) and result.reason


# Legal facts --------------------------------------------------------------------------


def test_qd23_2025_children_in_special_circumstances_cared_for_at_least_90_percent() -> None:
    """Decision 23/QĐ-TTg (07/01/2021), specific targets for 2025: 90 % of children in
    special circumstances receive care or assistance."""
    target = national_catalog().target("qd23-2025-hcdb-duoc-tro-giup")
    assert (target.comparator, target.value, target.year) == (Comparator.GE, 90, 2025)
    assert evaluate_target(target, full(90.0), as_of_year=2025).status is S.MET
    assert evaluate_target(target, full(89.9), as_of_year=2025).status is S.NOT_MET


def test_qd23_2025_child_friendly_communes_at_least_65_percent() -> None:
    """Decision 23/QĐ-TTg (07/01/2021), specific targets for 2025: 65 % of communes meet
    the child-friendly standard."""
    target = national_catalog().target("qd23-2025-xa-phu-hop-tre-em")
    assert (target.comparator, target.value, target.year) == (Comparator.GE, 65, 2025)
    result = evaluate_target(target, full(66.7), as_of_year=2025)
    assert result.status is S.MET
    assert result.reason == "66.7 ≥ 65 (target for 2025)"


def test_qd23_2025_injury_deaths_at_most_16_per_100000_children() -> None:
    """Decision 23/QĐ-TTg (07/01/2021), specific targets for 2025: child deaths from
    accidents and injuries down to 16 per 100,000 children."""
    target = national_catalog().target("qd23-2025-tu-vong-tntt")
    assert (target.comparator, target.value, target.year) == (Comparator.LE, 16, 2025)
    assert evaluate_target(target, full(16.0), as_of_year=2025).status is S.MET
    result = evaluate_target(target, full(16.4), as_of_year=2025)
    assert result.status is S.NOT_MET
    assert result.reason == "16.4 is not ≤ 16 (target for 2025)"


@pytest.mark.parametrize(
    ("target_id", "text"),
    [
        ("v-3-bi-hai-duoc-bao-ve", "100% trẻ em là người bị hại trong vụ án hình sự được bảo vệ"),
        (
            "v-3-vi-pham-duoc-tu-van",
            "100% trẻ em là người vi phạm pháp luật hình sự được tư vấn, hướng dẫn, bào chữa",
        ),
    ],
)
def test_seed_plan_v3_targets_are_met_only_at_100_percent(target_id: str, text: str) -> None:
    """Kế hoạch thực hiện công tác trẻ em năm 2023 của UBND huyện Tứ Kỳ, section V.3
    (Phòng Tư pháp huyện): "đảm bảo 100% trẻ em là người bị hại trong vụ án hình sự được
    bảo vệ, 100% trẻ em là người vi phạm pháp luật hình sự được tư vấn, hướng dẫn, bào
    chữa tại các cơ quan tiến hành tố tụng"."""
    target = Target(id=target_id, value=100, year=2023, comparator=">=", text=text, source="V.3")
    assert evaluate_target(target, full(100.0), as_of_year=2023).status is S.MET
    result = evaluate_target(target, full(99.0), as_of_year=2023)
    assert result.status is S.NOT_MET
    assert result.reason == "99.0 is not ≥ 100 (target for 2023)"
    assert result.to_dict()["source"] == "V.3"
