"""Figures carried across the reform of 01/07/2025 (``--units-as-of``): the Tứ Kỳ 2023 demo
values on the six communes of Hải Phòng, splits refused or apportioned, coverage in
predecessor units, and the laws on any register."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

from child_welfare_plan.catalogs import national_catalog
from child_welfare_plan.catalogs.units import national_register
from child_welfare_plan.io.datavalues import load_data_values
from child_welfare_plan.io.plans import load_plan
from child_welfare_plan.io.weights import load_split_weights
from child_welfare_plan.model import DataValue, Plan
from child_welfare_plan.rules.aggregate import aggregate
from child_welfare_plan.rules.evaluate import evaluate
from child_welfare_plan.rules.remap import aggregate_as_of, check_weights
from cwp_tu_ky import DEMO_DIR, PLAN_FILE
from tests.strategies import UnitHistory, examples, unit_histories

REGISTER = national_register()
CATALOG = national_catalog()
REFORM = date(2025, 7, 1)
SIX = ["11074", "11086", "11113", "11131", "11140", "11146"]
WEIGHTS = {
    ("11086", "11086"): 0.8,
    ("11086", "11113"): 0.2,
    ("11143", "11140"): 0.5,
    ("11143", "11146"): 0.5,
}


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(PLAN_FILE)


@pytest.fixture(scope="module")
def demo(plan: Plan) -> list[DataValue]:
    return list(load_data_values(Path(str(DEMO_DIR.joinpath("data_values.csv"))), plan, CATALOG))


def _total(result: object, unit: str, indicator: str = "tre-em") -> float | None:
    found = result.get(unit, "2023", indicator)  # type: ignore[attr-defined]
    return None if found is None else found.value


def test_the_demo_lands_on_the_six_communes_with_two_splits_refused(
    plan: Plan, demo: list[DataValue]
) -> None:
    """Tứ Kỳ's 23 units of 2023 lie in six communes of Hải Phòng (31) from 01/07/2025; Xã
    Hưng Đạo and Xã Tiên Động were divided, so their values need shares (Resolution
    1669/NQ-UBTVQH15 (check); vietnamadminunits 1.0.4 converter)."""
    remapped = aggregate_as_of(
        plan, demo, CATALOG, register=REGISTER, as_of=REFORM, level="commune", periods=["2023"]
    )
    result = remapped.result
    assert remapped.plan.area == "31"
    assert sorted({r.unit for r in result.rows}) == SIX
    refused = [f for f in result.findings if f.code == "split-unit-without-weights"]
    assert [f.severity for f in refused] == ["error", "error"]
    assert "11086 Xã Hưng Đạo" in refused[0].message
    assert "11086 Xã Đại Sơn and 11113 Xã Tân Kỳ" in refused[0].message
    assert "11143 Xã Tiên Động" in refused[1].message
    assert "11140 Xã Lạc Phượng and 11146 Xã Nguyên Giáp" in refused[1].message
    assert result.has_errors()
    base = aggregate(plan, demo, CATALOG, level="commune", periods=["2023"])
    tu_ky = sum(_total(base, c) or 0 for c in ("11074", "11101", "11116", "11128"))
    assert _total(result, "11074") == tu_ky
    dai_son = result.get("11086", "2023", "tre-em")
    assert dai_son is not None
    assert dai_son.value == (_total(base, "11083") or 0) + (_total(base, "11092") or 0)
    assert (dai_son.reported, dai_son.expected, dai_son.complete) == (2, 4, False)
    assert not dai_son.estimated


def test_with_weights_the_splits_are_apportioned_and_marked_estimated(
    plan: Plan, demo: list[DataValue]
) -> None:
    levels = ["commune", "province"]
    remapped = aggregate_as_of(
        plan, demo, CATALOG, register=REGISTER, as_of=REFORM, weights=WEIGHTS, level=levels
    )
    result = remapped.result
    assert not result.has_errors(), [str(f) for f in result.findings if f.severity == "error"]
    base = aggregate(plan, demo, CATALOG, periods=["2023"])
    district = _total(base, "298")
    assert district is not None
    six = [_total(result, c) for c in SIX]
    assert math.isclose(math.fsum(v or 0 for v in six), district)
    assert _total(result, "31") == pytest.approx(district)
    estimated = {r.unit for r in result.rows if r.estimated and r.period == "2023"}
    assert estimated == {"31", "11086", "11113", "11140", "11146"}
    tan_ky = result.get("11113", "2023", "tre-em")
    assert tan_ky is not None and (tan_ky.reported, tan_ky.expected) == (7, 7)
    province = result.get("31", "2023", "tre-em")
    assert province is not None and not province.complete
    assert province.expected > 400 and province.reported == 23  # every unit of 2023 there


def test_ratios_are_recomputed_from_the_carried_parts(plan: Plan, demo: list[DataValue]) -> None:
    result = aggregate_as_of(
        plan, demo, CATALOG, register=REGISTER, as_of=REFORM, weights=WEIGHTS, level="commune"
    ).result
    for code in SIX:
        ratio = result.get(code, "2023", "ty-le-tre-em-hcdb")
        parts = (_total(result, code, "tre-em-hcdb"), _total(result, code, "tre-em"))
        assert ratio is not None and parts[0] is not None and parts[1]
        assert ratio.value == pytest.approx(parts[0] / parts[1] * 100)
        assert ratio.estimated == (code in {"11086", "11113", "11140", "11146"})


def test_a_yes_no_figure_does_not_cross_a_merge(plan: Plan, demo: list[DataValue]) -> None:
    """Whether a commune is fit for children (Decision 06/QĐ-TTg) is a fact about that
    commune: it cannot be added up into a new commune formed from several."""
    result = aggregate_as_of(
        plan, demo, CATALOG, register=REGISTER, as_of=REFORM, weights=WEIGHTS, level="commune"
    ).result
    (warning,) = [f for f in result.findings if f.code == "not-additive-across-units"]
    assert warning.severity == "warning" and "xa-phu-hop-tre-em" in warning.message
    assert all(_total(result, c, "xa-phu-hop-tre-em") is None for c in SIX)


def test_the_evaluation_carries_its_figures_too(plan: Plan, demo: list[DataValue]) -> None:
    evaluation = evaluate(
        plan,
        as_of=date(2023, 12, 20),
        values=demo,
        catalog=CATALOG,
        units_as_of=REFORM,
        register=REGISTER,
        split_weights=WEIGHTS,
    )
    assert evaluation.area == "31" and evaluation.units_as_of == REFORM
    rows = {(r.unit, r.indicator): r for r in evaluation.indicators}
    assert {u for u, _ in rows} == {*SIX, "31"}
    assert rows[("11113", "tre-em")].estimated and not rows[("11131", "tre-em")].estimated
    data = evaluation.to_dict()
    assert data["units_as_of"] == "2025-07-01" and data["area"] == "31"
    assert {"estimated"} <= set(data["indicators"][0])


def test_bad_weights_are_findings_and_leave_the_split_refused() -> None:
    usable, problems = check_weights(
        REGISTER,
        {
            ("11086", "11086"): 0.8,  # no share for 11113
            ("11143", "11140"): 0.6,
            ("11143", "11146"): 0.6,  # adds up to 1.2
            ("11083", "11086"): 1.0,  # a merge, not a division
        },
    )
    assert usable == {}
    messages = [f.message for f in problems]
    assert any("not 11113" in m for m in messages)
    assert any("add up to 1.2" in m for m in messages)
    assert any("11083 → 11086, which is not a division" in m for m in messages)


def test_a_weight_file_is_read_with_every_bad_row_located(tmp_path: Path) -> None:
    path = tmp_path / "weights.csv"
    path.write_text(
        "old_code,new_code,share\n11086,11086,0.8\n11086,11113,0.2\n1108,11113,0.2\n"
        "11143,11140,abc\n11086,11086,0.8\n",
        encoding="utf-8",
    )
    read = load_split_weights(path)
    assert read.shares == {("11086", "11086"): 0.8, ("11086", "11113"): 0.2}
    assert [(f.location.row, f.location.column) for f in read.findings] == [
        (4, "old_code"),
        (5, "share"),
        (6, "new_code"),
    ]
    (tmp_path / "bad.csv").write_text("old,new\n1,2\n", encoding="utf-8")
    assert "lacks column" in load_split_weights(tmp_path / "bad.csv").findings[0].message


# -- the laws on any register --------------------------------------------------------------------


@settings(max_examples=examples(60))
@given(unit_histories())
def test_carried_figures_keep_the_total_and_count_every_unit_once(history: UnitHistory) -> None:
    """Merging preserves totals (with the shares of every split), and each unit of 2023
    counts once among the units that reported."""
    plan = Plan(
        id="thu",
        title="Thử",
        year=2023,
        issuer="ubnd",
        area="31",
        units=[
            history.register.hierarchy.get("31"),
            *(attrs.evolve(u, valid_to=None) for u in history.first),
        ],
    )
    values = [
        DataValue(unit=code, period="2023", indicator="tre-em", value=value)
        for code, value in history.values.items()
    ]
    remapped = aggregate_as_of(
        plan,
        values,
        CATALOG,
        register=history.register,
        as_of=REFORM,
        weights=history.weights,
        periods=["2023"],
    )
    assert remapped.plan.area is not None
    top = remapped.result.get(remapped.plan.area, "2023", "tre-em")
    assert top is not None and top.value is not None
    assert math.isclose(top.value, sum(history.values.values()), abs_tol=1e-6)
    assert top.reported == top.expected == len(history.first)
    assert top.complete


def test_a_plan_listing_one_code_twice_cannot_key_figures_by_code() -> None:
    """A plan may list 11086 before and after the reform, but a figure for "11086" could be
    either unit: aggregation refuses, pointing to --units-as-of."""
    units = [
        REGISTER.unit("30", date(2024, 1, 1)),
        REGISTER.unit("298", date(2024, 1, 1)),
        REGISTER.unit("11086", date(2024, 1, 1)),
        REGISTER.unit("31", REFORM),
        REGISTER.unit("11086", REFORM),
    ]
    plan = Plan(id="p", title="Thử", year=2025, issuer="ubnd", units=units)
    assert [u.name for u in plan.hierarchy.versions("11086")] == ["Xã Hưng Đạo", "Xã Đại Sơn"]
    with pytest.raises(ValueError, match="--units-as-of"):
        aggregate(plan, [], CATALOG)
