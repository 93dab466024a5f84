"""The synthetic demo data set: reproducible, marked SYNTHETIC, and shaped as documented."""

from __future__ import annotations

import csv
import importlib.util
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from types import ModuleType

import pytest

from child_welfare_plan.i18n.localized import localize
from child_welfare_plan.model import Plan
from child_welfare_plan.rules.validate import obligation_last_day
from cwp_tu_ky import DEMO_DIR, PLAN_ID
from cwp_tu_ky.plugin import DEMO_AS_OF, register_demo_data

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "make_demo.py"
DEMO = Path(str(DEMO_DIR))


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cwp_tu_ky_make_demo", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(name: str) -> list[dict[str, str]]:
    with (DEMO / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _day(received: str) -> date:
    return (
        datetime.fromisoformat(received).date() if "T" in received else date.fromisoformat(received)
    )


@pytest.mark.parametrize("name", ["submissions.csv", "incidents.csv"])
def test_the_script_writes_the_shipped_files_byte_for_byte(tmp_path: Path, name: str) -> None:
    written = _script().make_demo(tmp_path)
    assert sorted(p.name for p in written) == ["incidents.csv", "submissions.csv"]
    assert (tmp_path / name).read_bytes() == (DEMO / name).read_bytes()


def test_headers_are_plain_and_every_value_is_marked_synthetic() -> None:
    lines = {
        name: (DEMO / name).read_text(encoding="utf-8").splitlines()[0]
        for name in ("submissions.csv", "incidents.csv")
    }
    assert lines == {
        "submissions.csv": "reporter,obligation,period,received,document_number",
        "incidents.csv": "id,kind,unit,known,occurred,description",
    }
    assert all(r["document_number"].startswith("SYNTHETIC-") for r in _rows("submissions.csv"))
    assert all(r["description"].startswith("SYNTHETIC: ") for r in _rows("incidents.csv"))
    assert "SYNTHETIC" in (DEMO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("obligation_id", "missing", "late"),
    [("ke-hoach-trien-khai", 1, 3), ("bao-cao-6-thang", 2, 4), ("bao-cao-nam", 3, 2)],
)
def test_most_reporters_on_time_some_late_a_few_missing(
    plan: Plan, obligation_id: str, missing: int, late: int
) -> None:
    ob = plan.obligation(obligation_id)
    last = obligation_last_day(plan, ob)
    assert last is not None
    first: dict[str, date] = {}
    for row in _rows("submissions.csv"):
        if row["obligation"] == obligation_id:
            assert row["period"] == (ob.covers or "")
            day = _day(row["received"])
            first[row["reporter"]] = min(day, first.get(row["reporter"], day))
    expected = plan.expected_reporters(ob)
    assert set(first) <= set(expected)
    assert len(expected) - len(first) == missing
    assert sum(day > last for day in first.values()) == late


def test_one_exact_duplicate_and_one_revision(plan: Plan) -> None:
    rows = [tuple(r.values()) for r in _rows("submissions.csv")]
    assert [count for count in Counter(rows).values() if count > 1] == [2]
    by_report: dict[tuple[str, str, str], set[tuple[str, str]]] = {}
    for reporter, obligation, period, received, number in set(rows):
        if obligation != "bao-cao-dot-xuat":
            by_report.setdefault((reporter, obligation, period), set()).add((received, number))
    revised = {key: sent for key, sent in by_report.items() if len(sent) > 1}
    assert len(revised) == 1
    ((key, sent),) = revised.items()
    assert key[1] == "bao-cao-6-thang"
    (first, first_number), (second, second_number) = sorted(sent)
    assert first < second and first_number != second_number


def test_everything_was_received_by_the_demo_day() -> None:
    assert date(2023, 12, 20) == DEMO_AS_OF
    assert all(_day(r["received"]) <= DEMO_AS_OF for r in _rows("submissions.csv"))


def test_each_incident_is_reported_by_its_commune_three_of_four_within_12_hours(
    plan: Plan,
) -> None:
    incidents = _rows("incidents.csv")
    assert {i["kind"] for i in incidents} == {"tu-vong-tntt", "xam-hai"}
    reports = [
        r
        for r in _rows("submissions.csv")
        if r["obligation"] == "bao-cao-dot-xuat" and r["reporter"].startswith("ubnd-")
    ]
    assert len(reports) == len(incidents) == 4
    delays = []
    for incident in incidents:
        assert incident["unit"] in {u.code for u in plan.area_units("commune")}
        known = datetime.fromisoformat(incident["known"])
        assert datetime.fromisoformat(incident["occurred"]) <= known
        (report,) = [r for r in reports if r["reporter"] == f"ubnd-{incident['unit']}"]
        assert report["period"] == incident["id"]  # the report names its incident
        delays.append(datetime.fromisoformat(report["received"]) - known)
    assert all(d > timedelta(0) for d in delays)
    assert sum(d <= timedelta(hours=12) for d in delays) == 3


def test_the_offices_report_the_incidents_too_two_late_two_missing(plan: Plan) -> None:
    """III.3 addresses the sectors as well as the communes: each of the six offices owes a
    report on each incident (the pack's reading), most within 12 hours of it becoming known."""
    incidents = {i["id"]: datetime.fromisoformat(i["known"]) for i in _rows("incidents.csv")}
    offices = plan.obligation("bao-cao-dot-xuat").reporters.agencies
    reports = [
        r
        for r in _rows("submissions.csv")
        if r["obligation"] == "bao-cao-dot-xuat" and r["reporter"] in offices
    ]
    assert len({(r["reporter"], r["period"]) for r in reports}) == len(reports)
    assert len(incidents) * len(offices) - len(reports) == 2
    delays = [datetime.fromisoformat(r["received"]) - incidents[r["period"]] for r in reports]
    assert sum(d > timedelta(hours=12) for d in delays) == 2
    assert all(d > timedelta(0) for d in delays)


def test_the_district_sends_its_reports_to_the_province(plan: Plan) -> None:
    rows = [r for r in _rows("submissions.csv") if r["obligation"].endswith("-tinh")]
    assert {r["reporter"] for r in rows} == {"ubnd-huyen"}
    assert len(rows) == 2


def test_demo_data_is_registered_for_the_plan() -> None:
    (demo,) = register_demo_data()
    assert (demo.plan, demo.as_of) == (PLAN_ID, DEMO_AS_OF)
    assert demo.submissions is not None and demo.submissions.is_file()
    assert demo.incidents is not None and demo.incidents.is_file()
    values = DEMO / "data_values.csv"
    assert demo.data == (values if values.is_file() else None)
    assert "GIẢ LẬP" in demo.description and "SYNTHETIC" in localize(demo.description, "en")
