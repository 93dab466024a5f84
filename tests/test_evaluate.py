"""The consolidated evaluation: timeliness, indicators with coverage, targets, disclosure."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date

import attrs
import pytest

from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.formats.csv import render_csv
from child_welfare_plan.formats.html import render_html
from child_welfare_plan.formats.markdown import render_markdown
from child_welfare_plan.formats.text import render_text
from child_welfare_plan.i18n import language
from child_welfare_plan.model import (
    AdministrativeUnit,
    Agency,
    DataValue,
    Level,
    Plan,
    Submission,
    Target,
)
from child_welfare_plan.reports.evaluation import evaluation_report
from child_welfare_plan.rules.evaluate import evaluate
from tests.conftest import small_plan


def _values(
    plan: Plan, counts: Mapping[str, Mapping[str, float]], period: str = "2023"
) -> list[DataValue]:
    return [
        DataValue(unit=unit, period=period, indicator=code, value=value)
        for unit, by_code in counts.items()
        for code, value in by_code.items()
    ]


FIGURES: dict[str, dict[str, float]] = {
    "11074": {
        "tre-em": 2000,
        "tre-em-hcdb": 80,
        "tre-em-hcdb-duoc-tro-giup": 76,
        "tre-em-tu-vong-tntt": 1,
    },
    "11083": {
        "tre-em": 1000,
        "tre-em-hcdb": 20,
        "tre-em-hcdb-duoc-tro-giup": 14,
        "tre-em-tu-vong-tntt": 0,
    },
}


def test_evaluation_puts_timeliness_indicators_and_targets_together() -> None:
    plan = small_plan()
    submissions = [
        Submission(
            reporter="ubnd-11074",
            obligation="bao-cao-6-thang",
            period="2023S1",
            received=date(2023, 6, 10),
        ),
        Submission(
            reporter="y-te",
            obligation="bao-cao-6-thang",
            period="2023S1",
            received=date(2023, 6, 20),
        ),
    ]
    result = evaluate(
        plan, as_of=date(2023, 12, 20), submissions=submissions, values=_values(plan, FIGURES)
    )
    assert result.timeliness is not None
    assert [(i.reporter, str(i.status)) for i in result.timeliness.items] == [
        ("ubnd-11074", "on_time"),
        ("ubnd-11083", "overdue"),
        ("y-te", "late"),
    ]
    area = {r.indicator: r for r in result.area_rows()}
    assert area["tre-em"].value == 3000
    assert area["ty-le-tre-em-hcdb-duoc-tro-giup"].value == pytest.approx(90.0)
    assert area["tre-em-tu-vong-tntt"].coverage == 1.0
    # injury deaths 1 per 3,000 children = 33.3 per 100,000: off track for ≤ 16 by 2025
    statuses = {t.target: str(t.status) for t in result.targets}
    assert statuses["qd23-2025-tu-vong-tntt"] == "off_track"
    assert statuses["qd23-2025-hcdb-duoc-tro-giup"] == "on_track"


def test_a_missing_commune_is_no_zero_and_lowers_coverage() -> None:
    plan = small_plan()
    result = evaluate(
        plan, as_of=date(2023, 12, 20), values=_values(plan, {"11074": FIGURES["11074"]})
    )
    area = {r.indicator: r for r in result.area_rows()}
    assert area["tre-em"].coverage == 0.5
    assert area["tre-em"].complete is False
    rows = {(r.unit, r.indicator): r for r in result.indicators}
    assert rows[("11083", "tre-em")].value is None
    assert rows[("11083", "tre-em")].reason == "no reporting unit sent a value"


def test_targets_without_data_say_why() -> None:
    result = evaluate(small_plan(), as_of=date(2023, 12, 20))
    assert result.targets
    assert {str(t.status) for t in result.targets} == {"no_data"}
    assert all(t.reason for t in result.targets)


def test_plan_targets_are_evaluated_at_the_area() -> None:
    plan = small_plan()
    target = Target(id="hcdb-90", indicator="ty-le-tre-em-hcdb-duoc-tro-giup", value=95, year=2023)
    plan = attrs.evolve(plan, objectives=[attrs.evolve(plan.objectives[0], targets=[target])])
    result = evaluate(
        plan, as_of=date(2023, 12, 20), values=_values(plan, FIGURES), extra_targets=[]
    )
    (only,) = result.targets
    assert (only.target, str(only.status)) == ("hcdb-90", "not_met")
    assert only.actual == pytest.approx(90.0)


def test_bad_audience_and_k_are_refused() -> None:
    with pytest.raises(InvalidValueError, match="audience"):
        evaluate(small_plan(), as_of=date(2023, 1, 1), audience="press")
    with pytest.raises(InvalidValueError, match="k: 1"):
        evaluate(small_plan(), as_of=date(2023, 1, 1), k=1)


def test_every_format_renders_the_evaluation() -> None:
    plan = small_plan()
    evaluation = evaluate(plan, as_of=date(2023, 12, 20), values=_values(plan, FIGURES))
    with language("en"):
        report = evaluation_report(evaluation)
    assert json.loads(json.dumps(report.data))["plan"] == "thu-2023"
    for render in (render_text, render_markdown, render_csv, render_html):
        out = render(report)
        assert "tre-em" in out
    assert "Targets" in render_text(report)
    assert "Mục tiêu" in render_text(evaluation_report(evaluation))  # Vietnamese by default


def _wide_plan(units: tuple[AdministrativeUnit, ...]) -> Plan:
    area = next((u.code for u in units if u.level is Level.DISTRICT), "30")
    communes = [
        u
        for u in units
        if u.level is Level.COMMUNE and u.code in {c.code for c in units if c.parent == area}
    ]
    agencies = [Agency(code="ubnd", name="UBND", unit=area, kind="peoples-committee")]
    agencies += [
        Agency(code=f"ubnd-{c.code}", name=c.name, unit=c.code, kind="peoples-committee")
        for c in communes
    ]
    return Plan(
        id="p", title="p", year=2023, issuer="ubnd", area=area, units=units, agencies=agencies
    )


def test_a_public_evaluation_withholds_with_one_marker_and_keeps_children() -> None:
    """The number of children is not a count to protect (the catalog says so); a small
    count of deaths is withheld, and so is its rate, with reasons that do not tell a small
    count from its complements. (The law is checked by the auditor in
    tests/test_disclosure_public.py.)"""
    plan = small_plan()
    result = evaluate(
        plan,
        as_of=date(2023, 12, 20),
        values=_values(plan, FIGURES),
        audience="public",
        extra_targets=[],
    )
    rows = {(r.unit, r.indicator): r for r in result.indicators}
    assert rows[("11074", "tre-em")].withheld is None
    assert rows[("11074", "tre-em-tu-vong-tntt")].withheld == "suppressed"
    assert rows[("11074", "ty-le-tu-vong-tntt")].withheld == "derived"
    assert {r.withheld for r in result.indicators} <= {None, "suppressed", "derived"}
    assert result.aggregates is None
    published = json.dumps(result.to_dict())
    assert '"audience": "public"' in published
    assert rows[("11074", "tre-em-tu-vong-tntt")].to_dict()["value"] is None
