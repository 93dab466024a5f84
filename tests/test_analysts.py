"""Results are pleasant in notebooks: DataFrames through ``to_pandas()`` and HTML tables."""

from __future__ import annotations

from datetime import date

import pytest

from child_welfare_plan.model import DataValue, Submission
from child_welfare_plan.rules.aggregate import aggregate
from child_welfare_plan.rules.evaluate import evaluate
from child_welfare_plan.rules.schedule import plan_calendar
from child_welfare_plan.rules.timeliness import timeliness
from tests.conftest import small_plan

pd = pytest.importorskip("pandas")

SUBMISSIONS = [
    Submission(
        reporter="ubnd-11074",
        obligation="bao-cao-6-thang",
        period="2023S1",
        received=date(2023, 6, 1),
    ),
]
VALUES = [
    DataValue(unit="11074", period="2023", indicator="tre-em", value=2000),
    DataValue(unit="11083", period="2023", indicator="tre-em", value=1000),
]


def test_timeliness_as_dataframes_and_html() -> None:
    result = timeliness(small_plan(), SUBMISSIONS, as_of=date(2023, 7, 1))
    frame = result.to_pandas()
    assert list(frame["status"]) == ["on_time", "overdue", "overdue"]
    assert result.rates_to_pandas().loc[0, "expected"] == 3
    html = result._repr_html_()
    assert "<table>" in html and "ubnd-11083" in html


def test_calendar_as_dataframe_and_html() -> None:
    cal = plan_calendar(small_plan())
    frame = cal.to_pandas()
    assert list(frame["id"]) == ["thang-hanh-dong", "bao-cao-6-thang", "trung-thu"]
    assert frame["start"].dt.year.eq(2023).all()
    assert "Tết Trung thu" in cal._repr_html_()


def test_aggregate_and_evaluation_as_dataframes_and_html() -> None:
    plan = small_plan()
    result = aggregate(plan, VALUES, level="district", periods=["2023"])
    frame = result.to_pandas()
    assert frame.loc[frame["indicator"] == "tre-em", "value"].iloc[0] == 3000
    assert "<table" in result._repr_html_()
    evaluation = evaluate(plan, as_of=date(2023, 12, 20), submissions=SUBMISSIONS, values=VALUES)
    frames = evaluation.to_pandas()
    assert set(frames) == {"timeliness", "rates", "indicators", "targets", "findings"}
    assert "<table>" in evaluation._repr_html_()
