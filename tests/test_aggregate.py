"""Aggregation up the unit tree and over time: coverage, ratios, shares, laws."""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from child_welfare_plan.catalogs import Catalog, national_catalog
from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.i18n import language
from child_welfare_plan.model import (
    AdministrativeUnit,
    DataValue,
    Indicator,
    Level,
    Plan,
    canonical_disaggregation,
)
from child_welfare_plan.rules.aggregate import (
    AGGREGATE_COLUMNS,
    AggregateResult,
    AggregateValue,
    DataValueSet,
    aggregate,
)
from tests.conftest import small_plan
from tests.strategies import (
    AGE,
    SEX,
    TEST_CATALOG,
    aggregate_plans,
    cell_values,
    examples,
    reporting_units,
    values_for,
)

CATALOG = national_catalog()


def dv(unit: str, period: str, indicator: str, value: float, key: str = "") -> DataValue:
    return DataValue(unit=unit, period=period, indicator=indicator, disaggregation=key, value=value)


def value_of(
    result: AggregateResult, unit: str, period: str, indicator: str, key: str = ""
) -> AggregateValue:
    found = result.get(unit, period, indicator, key)
    assert found is not None, (unit, period, indicator, key)
    return found


def by_key(
    result: AggregateResult, level: Level | str
) -> dict[tuple[str, ...], tuple[object, ...]]:
    """Rows of one level keyed by (unit, period, indicator, disaggregation)."""
    return {(r[0], r[2], r[3], r[4]): r[5:10] for r in result.rows if r[1] == Level(level).value}


# -- examples: over time ----------------------------------------------------------------------


def test_a_flow_sums_its_half_years_and_a_stock_takes_the_last() -> None:
    plan = small_plan()
    values = [
        dv("11074", "2023S1", "tre-em-bi-xam-hai", 2),
        dv("11074", "2023S2", "tre-em-bi-xam-hai", 3),
        dv("11074", "2023S1", "tre-em", 1500),
        dv("11074", "2023S2", "tre-em", 1520),
    ]
    result = aggregate(plan, values, CATALOG, level="commune", periods=["2023"])
    assert value_of(result, "11074", "2023", "tre-em-bi-xam-hai").value == 5
    assert value_of(result, "11074", "2023", "tre-em").value == 1520
    assert value_of(result, "11074", "2023", "tre-em").complete


def test_a_stock_without_its_last_half_year_is_stale_and_incomplete() -> None:
    plan = small_plan()
    values = [dv("11074", "2023S1", "tre-em", 1500), dv("11083", "2023S2", "tre-em", 700)]
    result = aggregate(plan, values, CATALOG, level=["district", "commune"], periods=["2023"])
    stale = value_of(result, "11074", "2023", "tre-em")
    assert (stale.value, stale.coverage, stale.complete) == (1500, 0.5, False)
    current = value_of(result, "11083", "2023", "tre-em")
    assert (current.value, current.coverage, current.complete) == (700, 1.0, True)
    district = value_of(result, "298", "2023", "tre-em")
    assert (district.value, district.coverage, district.complete) == (2200, 0.75, False)


def test_a_flow_reported_for_one_half_year_covers_half_the_year() -> None:
    plan = small_plan()
    values = [
        dv("11074", "2023S1", "tre-em-bi-xam-hai", 2),
        dv("11074", "2023S2", "tre-em-bi-xam-hai", 1),
        dv("11083", "2023S1", "tre-em-bi-xam-hai", 4),
    ]
    result = aggregate(plan, values, CATALOG, periods=["2023"])
    district = value_of(result, "298", "2023", "tre-em-bi-xam-hai")
    assert (district.value, district.coverage, district.complete) == (7, 0.75, False)
    assert (district.reported, district.expected) == (2, 2)


def test_default_periods_are_those_of_the_data_then_their_year() -> None:
    plan = small_plan()
    values = [dv("11074", p, "tre-em-bi-xam-hai", 1) for p in ("2023S2", "2023S1")]
    result = aggregate(plan, values, CATALOG)
    assert result.periods == ("2023S1", "2023S2", "2023")
    assert result.levels == (Level.DISTRICT,)


def test_quarters_and_months_roll_into_a_half_year_under_nd09() -> None:
    """Decree 09/2019/NĐ-CP Art. 12: 2023S1 runs from 15/12/2022 to 14/6/2023, so 202301
    to 202306 (each from the 15th before) make it up."""
    plan = small_plan()
    assert plan.period_convention == "nd09"
    values = [dv("11074", f"2023{m:02d}", "tre-em-bi-xam-hai", m) for m in range(1, 7)]
    result = aggregate(plan, values, CATALOG, level="commune", periods=["2023S1"])
    found = value_of(result, "11074", "2023S1", "tre-em-bi-xam-hai")
    assert (found.value, found.complete) == (21, True)


def test_a_unit_that_sends_a_year_and_its_halves_is_counted_once_with_a_warning() -> None:
    plan = small_plan()
    values = [
        dv("11074", "2023", "tre-em-bi-xam-hai", 10),
        dv("11074", "2023S1", "tre-em-bi-xam-hai", 4),
        dv("11074", "2023S2", "tre-em-bi-xam-hai", 5),
    ]
    result = aggregate(plan, values, CATALOG, level="commune", periods=["2023"])
    assert value_of(result, "11074", "2023", "tre-em-bi-xam-hai").value == 10
    assert [f.code for f in result.findings] == ["overlapping-periods"]


def test_an_indicator_that_does_not_aggregate_over_time_has_no_value_for_a_longer_period() -> None:
    catalog = TEST_CATALOG.merged(
        Catalog(
            indicators=[
                Indicator(
                    code="snap",
                    name="Ảnh",
                    name_en="A snapshot",
                    value_type="count",
                    time_aggregation="none",
                )
            ]
        )
    )
    plan = small_plan()
    values = [dv("11074", "2023S1", "snap", 3), dv("11074", "2023S2", "snap", 4)]
    result = aggregate(plan, values, catalog, level="commune")
    assert value_of(result, "11074", "2023S1", "snap").value == 3
    assert result.get("11074", "2023", "snap") is None


# -- examples: over units ---------------------------------------------------------------------


def test_a_missing_commune_lowers_coverage_and_is_not_a_zero() -> None:
    plan = small_plan()
    result = aggregate(plan, [dv("11074", "2023S1", "tre-em", 1500)], CATALOG)
    district = value_of(result, "298", "2023S1", "tre-em")
    assert (district.value, district.coverage, district.complete) == (1500, 0.5, False)
    nobody = aggregate(
        plan, [dv("11074", "2023S1", "tre-em-bi-xam-hai", 0)], CATALOG, level="commune"
    )
    silent = value_of(nobody, "11083", "2023S1", "tre-em-bi-xam-hai")
    assert silent.value is None
    assert silent.coverage == 0.0
    assert silent.reason == "no reporting unit sent a value"
    assert value_of(nobody, "11074", "2023S1", "tre-em-bi-xam-hai").value == 0


def test_a_ratio_is_computed_from_aggregated_parts_not_averaged() -> None:
    plan = small_plan()
    values = [
        dv("11074", "2023S1", "tre-em-hcdb", 10),
        dv("11074", "2023S1", "tre-em-hcdb-duoc-tro-giup", 10),
        dv("11083", "2023S1", "tre-em-hcdb", 90),
        dv("11083", "2023S1", "tre-em-hcdb-duoc-tro-giup", 45),
    ]
    result = aggregate(plan, values, CATALOG, level=["district", "commune"], periods=["2023S1"])
    ratio = value_of(result, "298", "2023S1", "ty-le-tre-em-hcdb-duoc-tro-giup")
    assert ratio.value == pytest.approx(55.0)  # 55 / 100, not (100 % + 50 %) / 2
    assert (ratio.numerator, ratio.denominator) == (55, 100)
    assert value_of(result, "11083", "2023S1", "ty-le-tre-em-hcdb-duoc-tro-giup").value == 50.0


def test_a_zero_denominator_gives_no_value_and_says_why() -> None:
    plan = small_plan()
    values = [
        dv("11074", "2023S1", "tre-em-bi-hai-vu-an-hinh-su", 0),
        dv("11074", "2023S1", "tre-em-bi-hai-duoc-tro-giup-phap-ly", 0),
    ]
    result = aggregate(plan, values, CATALOG, level="commune", periods=["2023S1"])
    ratio = value_of(result, "11074", "2023S1", "ty-le-tre-em-bi-hai-duoc-tro-giup-phap-ly")
    assert ratio.value is None
    assert ratio.reason == "the denominator tre-em-bi-hai-vu-an-hinh-su is zero"


def test_a_ratio_without_its_denominator_says_so() -> None:
    plan = small_plan()
    values = [dv("11074", "2023S1", "tre-em-tu-vong-tntt", 1)]
    result = aggregate(plan, values, CATALOG, level="commune", periods=["2023S1"])
    rate = value_of(result, "11074", "2023S1", "ty-le-tu-vong-tntt")
    assert rate.value is None
    assert rate.reason == "the denominator tre-em has no value"


def test_injury_deaths_are_a_rate_per_100000_children() -> None:
    """Decision 23/QĐ-TTg measures injury deaths per 100,000 children (16 by 2025)."""
    plan = small_plan()
    values = [
        dv("11074", "2023S1", "tre-em-tu-vong-tntt", 1),
        dv("11074", "2023S1", "tre-em", 5000),
    ]
    result = aggregate(plan, values, CATALOG, level="commune", periods=["2023S1"])
    assert value_of(result, "11074", "2023S1", "ty-le-tu-vong-tntt").value == pytest.approx(20.0)


def test_booleans_roll_up_to_a_count_and_a_share() -> None:
    plan = small_plan()
    values = [
        dv("11074", "2023S1", "xa-phu-hop-tre-em", 1),
        dv("11083", "2023S1", "xa-phu-hop-tre-em", 0),
    ]
    result = aggregate(plan, values, CATALOG, periods=["2023S1"])
    count = value_of(result, "298", "2023S1", "xa-phu-hop-tre-em")
    assert (count.value, count.share) == (1, 0.5)
    share = value_of(result, "298", "2023S1", "ty-le-xa-phu-hop-tre-em")
    assert (share.value, share.numerator, share.denominator) == (50.0, 1, 2)


def test_a_share_counts_only_the_communes_that_reported() -> None:
    plan = small_plan()
    result = aggregate(plan, [dv("11074", "2023S1", "xa-phu-hop-tre-em", 1)], CATALOG)
    share = value_of(result, "298", "2023S1", "ty-le-xa-phu-hop-tre-em")
    assert (share.value, share.coverage, share.complete) == (100.0, 0.5, False)


def skipping_plan() -> Plan:
    """A province whose communes sit partly under a district, partly right under it."""
    units = [
        AdministrativeUnit(code="31", name="Thành phố Hải Phòng", level="province"),
        AdministrativeUnit(code="311", name="Huyện X", level="district", parent="31"),
        AdministrativeUnit(code="31101", name="Xã A", level="commune", parent="311"),
        AdministrativeUnit(code="31102", name="Xã B", level="commune", parent="311"),
        AdministrativeUnit(code="31201", name="Xã C", level="commune", parent="31"),
    ]
    return Plan(id="hp", title="Kế hoạch", year=2023, issuer="ubnd", area="31", units=units)


def test_a_tree_that_skips_the_district_level_still_rolls_up_to_the_province() -> None:
    """Since 01/07/2025 communes sit directly under provinces (design §3)."""
    plan = skipping_plan()
    values = [dv(c, "2023S1", "tre-em", n) for c, n in (("31101", 1), ("31102", 2), ("31201", 4))]
    result = aggregate(plan, values, CATALOG, level=["province", "district"])
    assert value_of(result, "311", "2023S1", "tre-em").value == 3
    assert value_of(result, "31", "2023S1", "tre-em").value == 7
    assert value_of(result, "31", "2023S1", "tre-em").expected == 3


def test_an_average_over_units_is_the_mean_over_communes() -> None:
    plan = skipping_plan()
    values = [dv(c, "2023S1", "mean", n) for c, n in (("31101", 10), ("31102", 20), ("31201", 60))]
    steps = aggregate(plan, values, TEST_CATALOG, level=["province", "district"])
    at_once = aggregate(plan, values, TEST_CATALOG, level="province")
    assert value_of(steps, "311", "2023S1", "mean").value == 15
    assert value_of(steps, "31", "2023S1", "mean").value == 30  # not (15 + 60) / 2
    assert value_of(at_once, "31", "2023S1", "mean").value == 30


def test_a_closed_commune_is_not_expected_after_it_closed() -> None:
    """A unit dissolved by a reform no longer counts as expected (DHIS2's known pitfall)."""
    from datetime import date

    units = [
        AdministrativeUnit(code="30", name="Tỉnh", level="province"),
        AdministrativeUnit(code="298", name="Huyện", level="district", parent="30"),
        AdministrativeUnit(code="11074", name="Xã A", level="commune", parent="298"),
        AdministrativeUnit(
            code="11083", name="Xã B", level="commune", parent="298", valid_to=date(2022, 12, 31)
        ),
    ]
    plan = Plan(id="p", title="t", year=2023, issuer="u", area="298", units=units)
    result = aggregate(plan, [dv("11074", "2023S1", "tre-em", 5)], CATALOG, periods=["2023S1"])
    found = value_of(result, "298", "2023S1", "tre-em")
    assert (found.coverage, found.complete, found.expected) == (1.0, True, 1)


def test_a_level_above_the_area_or_unknown_is_refused() -> None:
    plan = small_plan()
    with pytest.raises(InvalidValueError, match="above the plan's area"):
        aggregate(plan, [], CATALOG, level="province")
    with pytest.raises(InvalidValueError, match="not known"):
        aggregate(plan, [], CATALOG, level="ward")
    with pytest.raises(InvalidValueError, match="period"):
        aggregate(plan, [], CATALOG, periods=["2023X9"])


def test_findings_of_the_data_come_with_the_result() -> None:
    plan = small_plan()
    values = [dv("11074", "2023S1", "tre-em", 5), dv("11074", "2023S1", "tre-em", 6)]
    result = aggregate(plan, values, CATALOG)
    assert [f.code for f in result.findings] == ["conflicting-value"]
    assert result.findings[0].location.row == 2
    assert result.has_errors()


# -- results for people and notebooks ---------------------------------------------------------


def test_results_convert_to_objects_dicts_and_a_dataframe() -> None:
    plan = small_plan()
    values = [
        dv("11074", "2023S1", "tre-em", 100),
        dv("11074", "2023S1", "tre-em-hcdb", 5),
        dv("11074", "2023S1", "xa-phu-hop-tre-em", 1),
    ]
    result = aggregate(plan, values, CATALOG, periods=["2023S1"])
    assert len(result.values) == len(result) == len(result.rows)
    assert all(isinstance(v, AggregateValue) for v in result)
    dicts = {d["indicator"]: d for d in result.to_dict()["values"]}
    assert set(dicts["tre-em"]) == {*AGGREGATE_COLUMNS[:11], "estimated"}
    assert dicts["tre-em"]["estimated"] is False
    assert {"numerator", "denominator"} <= set(dicts["ty-le-tre-em-hcdb"])
    assert "share" in dicts["xa-phu-hop-tre-em"]
    frame = result.to_pandas()
    assert list(frame.columns) == list(AGGREGATE_COLUMNS)
    assert len(frame) == len(result)
    assert frame.loc[frame["indicator"] == "tre-em", "value"].tolist() == [100]
    html = result._repr_html_()
    assert "<table>" in html and "tre-em" in html and "thu-2023" in html


def test_the_html_view_is_cut_short_for_notebooks() -> None:
    plan = small_plan()
    values = [
        dv("11074", f"2023{m:02d}", "tre-em-bi-xam-hai", 1, key)
        for m in range(1, 13)
        for key in ("sex=male", "sex=female")
    ]
    result = aggregate(plan, values, CATALOG, level=["district", "commune"])
    assert len(result) > 50
    with language("en"):
        assert "more values" in result._repr_html_()
    with language("vi"):
        assert "giá trị khác" in result._repr_html_()


# -- properties -------------------------------------------------------------------------------


@settings(max_examples=examples(60), deadline=None)
@given(data=st.data())
def test_order_of_the_values_does_not_matter(data: st.DataObject) -> None:
    plan = data.draw(aggregate_plans())
    values = data.draw(values_for(plan))
    shuffled = data.draw(st.permutations(values))
    levels = ["province", "district", "commune"]
    first = aggregate(plan, values, TEST_CATALOG, level=levels)
    second = aggregate(plan, shuffled, TEST_CATALOG, level=levels)
    assert first.rows == second.rows


@settings(max_examples=examples(60), deadline=None)
@given(data=st.data())
def test_rolling_up_in_steps_equals_rolling_up_at_once(data: st.DataObject) -> None:
    """Sum, last, average, max, count of booleans, ratio and share alike."""
    plan = data.draw(aggregate_plans())
    values = data.draw(values_for(plan))
    steps = aggregate(plan, values, TEST_CATALOG, level=["commune", "district", "province"])
    at_once = aggregate(plan, values, TEST_CATALOG, level="province")
    assert by_key(steps, "province") == by_key(at_once, "province")


@settings(max_examples=examples(60), deadline=None)
@given(data=st.data())
def test_the_province_figure_is_that_of_its_communes_computed_directly(
    data: st.DataObject,
) -> None:
    plan = data.draw(aggregate_plans())
    values = data.draw(values_for(plan))
    result = aggregate(plan, values, TEST_CATALOG, level="province", periods=["2023"])
    leaves = reporting_units(plan)
    per_unit: dict[tuple[str, str], dict[str, float]] = {}
    for v in values:
        per_unit.setdefault((v.indicator, v.unit), {})[v.period] = v.value
    yearly: dict[str, dict[str, float]] = {}
    for (code, unit), by_period in per_unit.items():
        if code == "flow" or code == "mean":
            yearly.setdefault(code, {})[unit] = sum(by_period.values())
        elif code in ("stock", "flag"):
            yearly.setdefault(code, {})[unit] = by_period.get("2023S2", by_period.get("2023S1", 0))
        else:
            yearly.setdefault(code, {})[unit] = max(by_period.values())
    expect = {
        "flow": sum(yearly.get("flow", {}).values()),
        "stock": sum(yearly.get("stock", {}).values()),
        "peak": max(yearly.get("peak", {}).values(), default=None),
        "flag": sum(yearly.get("flag", {}).values()),
    }
    means = list(yearly.get("mean", {}).values())
    for code, expected in expect.items():
        found = result.get("10", "2023", code)
        if code not in yearly:
            assert found is None
            continue
        assert found is not None
        assert found.value == expected
        assert found.reported == len(yearly[code])
        assert found.expected == len(leaves)
    if means:
        found = result.get("10", "2023", "mean")
        assert found is not None
        assert found.value == pytest.approx(sum(means) / len(means))


@settings(max_examples=examples(60), deadline=None)
@given(data=st.data())
def test_a_missing_unit_is_never_a_zero(data: st.DataObject) -> None:
    plan = data.draw(aggregate_plans())
    leaves = reporting_units(plan)
    sent = data.draw(st.lists(st.sampled_from(leaves), unique=True, max_size=len(leaves)))
    values = [dv(u, "2023S1", "mean", 10 + i) for i, u in enumerate(sent)]
    result = aggregate(plan, values, TEST_CATALOG, level="province")
    found = result.get("10", "2023S1", "mean")
    if not sent:
        assert found is None  # no data at all: nothing is made up
        return
    assert found is not None
    assert found.reported == len(sent)
    assert found.coverage == len(sent) / len(leaves)
    assert found.complete is (len(sent) == len(leaves))
    assert found.value == pytest.approx(sum(v.value for v in values) / len(sent))
    filled = values + [dv(u, "2023S1", "mean", 0) for u in leaves if u not in sent]
    zeros = aggregate(plan, filled, TEST_CATALOG, level="province").get("10", "2023S1", "mean")
    assert zeros is not None and zeros.complete and zeros.coverage == 1.0
    if len(sent) < len(leaves):
        assert zeros.value != found.value or found.value == 0


@settings(max_examples=examples(60), deadline=None)
@given(data=st.data())
def test_a_ratio_equals_the_ratio_of_its_aggregated_parts(data: st.DataObject) -> None:
    plan = data.draw(aggregate_plans())
    values = data.draw(values_for(plan))
    result = aggregate(plan, values, TEST_CATALOG, level=["province", "district", "commune"])
    for row in result:
        if row.indicator != "rate":
            continue
        top = result.get(row.unit, row.period, "flow", row.disaggregation)
        bottom = result.get(row.unit, row.period, "stock", row.disaggregation)
        assert top is not None
        assert row.numerator == top.value
        assert row.denominator == (bottom.value if bottom is not None else None)
        if top.value is not None and bottom is not None and bottom.value:
            assert row.value == pytest.approx(top.value / bottom.value * 100)
        else:
            assert row.value is None and row.reason


@settings(max_examples=examples(60), deadline=None)
@given(data=st.data(), parts=st.sampled_from(["sixmonthly", "quarterly", "monthly"]))
def test_a_flow_split_across_sub_periods_sums_back_to_the_whole(
    data: st.DataObject, parts: str
) -> None:
    from child_welfare_plan.model.periods import parse_period

    plan = data.draw(aggregate_plans())
    leaves = reporting_units(plan)
    year = parse_period("2023", plan.period_convention)
    whole: list[DataValue] = []
    split: list[DataValue] = []
    for unit in leaves:
        total = data.draw(st.integers(0, 1000))
        whole.append(dv(unit, "2023", "flow", total))
        periods = year.parts(parts)
        cuts = sorted(data.draw(st.integers(0, total)) for _ in periods[1:])
        pieces = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
        split += [dv(unit, p.id, "flow", n) for p, n in zip(periods, pieces, strict=True)]
    levels = ["province", "district", "commune"]
    from_whole = aggregate(plan, whole, TEST_CATALOG, level=levels, periods=["2023"])
    from_parts = aggregate(plan, split, TEST_CATALOG, level=levels, periods=["2023"])
    assert by_key(from_whole, "province") == by_key(from_parts, "province")
    assert by_key(from_whole, "commune") == by_key(from_parts, "commune")


def sums_along(result: AggregateResult, unit: str, period: str, parts: Iterable[str]) -> float:
    total = 0.0
    for key in parts:
        found = result.get(unit, period, "flow", key)
        assert found is not None and found.value is not None
        total += found.value
    return total


@settings(max_examples=examples(60), deadline=None)
@given(data=st.data())
def test_totals_equal_the_sum_of_their_parts_along_every_dimension(
    data: st.DataObject,
) -> None:
    """Communes send only the sex × age table; every margin and total is derived and adds
    up at every level."""
    plan = data.draw(aggregate_plans())
    values = data.draw(cell_values(reporting_units(plan), "2023S1"))
    result = aggregate(plan, values, TEST_CATALOG, level=["province", "district", "commune"])
    assert not result.findings
    for row in result:
        if row.indicator != "flow" or row.value is None:
            continue
        if row.disaggregation == "":
            by_sex = [f"sex={s}" for s in SEX]
            by_age = [f"age={a}" for a in AGE]
            assert sums_along(result, row.unit, row.period, by_sex) == row.value
            assert sums_along(result, row.unit, row.period, by_age) == row.value
        elif row.disaggregation.startswith("sex="):
            sex = row.disaggregation[4:]
            cells = [canonical_disaggregation({"sex": sex, "age": a}) for a in AGE]
            assert sums_along(result, row.unit, row.period, cells) == row.value


@settings(max_examples=examples(40), deadline=None)
@given(data=st.data())
def test_a_total_off_by_any_amount_from_its_breakdown_is_an_error(data: st.DataObject) -> None:
    plan = data.draw(aggregate_plans())
    unit = reporting_units(plan)[0]
    cells = {s: data.draw(st.integers(0, 100)) for s in SEX}
    error = data.draw(st.integers(-5, 5))
    values = [dv(unit, "2023S1", "stock", n, f"sex={s}") for s, n in cells.items()]
    total = sum(cells.values()) + error
    if total >= 0:
        values.append(dv(unit, "2023S1", "stock", total))
    data_set = DataValueSet(plan, TEST_CATALOG)
    for value in values:
        data_set.add_value(value)
    codes = [f.code for f in data_set.finish().findings]
    assert codes == (["total-mismatch"] if error and total >= 0 else [])


def test_national_scale_shapes_hold_on_a_random_sample_of_units() -> None:
    """A larger tree (many districts, many communes) still gives exact integer sums."""
    rng = random.Random(7)
    units = [AdministrativeUnit(code="01", name="Tỉnh", level="province")]
    values = []
    total = 0
    for d in range(10):
        units.append(
            AdministrativeUnit(code=f"{d:03d}", name=f"H{d}", level="district", parent="01")
        )
        for c in range(30):
            code = f"{d:02d}{c:03d}"
            units.append(
                AdministrativeUnit(code=code, name=f"X{code}", level="commune", parent=f"{d:03d}")
            )
            n = rng.randint(0, 10**6)
            total += n
            values.append(dv(code, "2023S1", "flow", n))
    plan = Plan(id="p", title="t", year=2023, issuer="u", area="01", units=units)
    result = aggregate(plan, values, TEST_CATALOG, level=["province", "district"])
    assert value_of(result, "01", "2023S1", "flow").value == total
    assert math.isclose(value_of(result, "01", "2023S1", "flow").coverage, 1.0)
    districts = [
        r
        for r in result.rows
        if r.level == "district"
        and (r.period, r.indicator, r.disaggregation) == ("2023S1", "flow", "")
    ]
    assert len(districts) == 10
    assert sum(r.value or 0 for r in districts) == total


def test_every_catalog_time_and_unit_rule_is_handled() -> None:
    """Each reported indicator of the national catalog aggregates without error."""
    plan = small_plan()
    values = []
    for ind in CATALOG.indicators:
        if ind.is_computed:
            continue
        for unit, period in product(("11074", "11083"), ("2023S1", "2023S2")):
            values.append(dv(unit, period, ind.code, 1))
    result = aggregate(plan, values, CATALOG)
    assert not result.findings
    codes = {r[3] for r in result.rows}
    assert codes == {i.code for i in CATALOG.indicators}
