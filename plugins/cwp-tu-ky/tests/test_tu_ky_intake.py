"""Figures as they really arrive, on the Tứ Kỳ pack (issue 14): the same values as CSV, as a
long spreadsheet and as the commune's filled form give the same aggregate; a commune-level
DHIS2 export read back gives the district totals of the CSV; the form round-trips; and
``--demo`` works for ``status`` and ``aggregate``."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from child_welfare_plan.cli import main
from child_welfare_plan.io.forms import FormLayout
from child_welfare_plan.model.indicators import canonical_disaggregation, parse_disaggregation
from child_welfare_plan.plugins import Host, reset_host
from cwp_tu_ky import DEMO_DIR, FORM_FILE, PLAN_FILE
from cwp_tu_ky.plugin import DEMO_AS_OF

DEMO_VALUES = Path(str(DEMO_DIR.joinpath("data_values.csv")))
COLUMNS = ["unit", "period", "indicator", "disaggregation", "value"]


@pytest.fixture
def installed() -> Iterator[Host]:
    """A fresh plugin host that finds plugins through their entry points, as `cwp` does."""
    host = Host(disabled=())
    reset_host(host)
    yield host
    reset_host(None)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any], str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip().startswith("{") else {}, err


def data_findings(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The findings of the data, not the plan's own (every command reports those too)."""
    return [f for f in report["findings"] if f["location"]["file"] != str(PLAN_FILE)]


def demo_rows(unit: str | None = None, period: str | None = None) -> list[dict[str, str]]:
    with DEMO_VALUES.open(encoding="utf-8") as handle:
        return [
            r
            for r in csv.DictReader(handle)
            if (unit is None or r["unit"] == unit) and (period is None or r["period"] == period)
        ]


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_long_xlsx(path: Path, rows: list[dict[str, str]]) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Số liệu"
    ws.append(COLUMNS)
    for r in rows:
        ws.append(
            [int(r["unit"]), r["period"], r["indicator"], r["disaggregation"], int(r["value"])]
        )
    book.save(path)
    return path


def fill_form(path: Path, rows: list[dict[str, str]]) -> int:
    """Type each value into its cell of the form; the number of cells filled."""
    layout = FormLayout.load(FORM_FILE)
    cells = {(c.indicator, c.disaggregation): c for c in layout.cells}
    book = openpyxl.load_workbook(path)
    ws = book[layout.sheet]
    for r in rows:
        key = canonical_disaggregation(parse_disaggregation(r["disaggregation"]))
        cell = cells[(r["indicator"], key)]
        ws.cell(row=cell.row, column=cell.column + 1, value=int(r["value"]))
    book.save(path)
    return len(rows)


def test_csv_a_long_sheet_and_a_filled_form_give_the_same_aggregate(
    installed: Host, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One commune's half-year figures of the demo data, given three ways."""
    rows = demo_rows("11074", "2023S1")
    as_csv = write_csv(tmp_path / "values.csv", rows)
    as_xlsx = write_long_xlsx(tmp_path / "values.xlsx", rows)
    form = tmp_path / "bieu.xlsx"
    code, _, _ = run(
        capsys, "template", "tu-ky-2023", "--unit", "11074", "--period", "2023S1", "-o", str(form)
    )
    assert code == 0
    # The pack's form holds every figure a commune sends for a half-year.
    assert fill_form(form, rows) == len(rows) == len(FormLayout.load(FORM_FILE).cells)
    results = []
    for data in (as_csv, f"{as_xlsx}#Số liệu", form):
        code, report, err = run(
            capsys,
            "aggregate",
            "tu-ky-2023",
            "--data",
            str(data),
            "--level",
            "district",
            "-f",
            "json",
        )
        assert (code, data_findings(report)) == (0, []), err
        results.append(report["values"])
    assert results[0] == results[1] == results[2]
    assert any(v["indicator"] == "tre-em" and v["value"] for v in results[0])


def test_a_commune_dhis2_export_read_back_gives_the_district_totals_of_the_csv(
    installed: Host, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """cwp aggregate tu-ky-2023 --data values.csv --level commune --format dhis2-json -o dv.json,
    then cwp aggregate tu-ky-2023 --data dv.json --level district."""
    values = write_csv(tmp_path / "values.csv", demo_rows())
    for kind, suffix in (("dhis2-json", "json"), ("dhis2-csv", "csv")):
        out = tmp_path / f"dv.{suffix}"
        code, _, err = run(
            capsys,
            "aggregate",
            "tu-ky-2023",
            "--data",
            str(values),
            "--level",
            "commune",
            "--format",
            kind,
            "-o",
            str(out),
        )
        assert code == 0
        assert "nd09" in err  # the plan's periods are Decree 09 periods: the export says so
        code, back, _ = run(
            capsys,
            "aggregate",
            "tu-ky-2023",
            "--data",
            str(out),
            "--level",
            "district",
            "-f",
            "json",
        )
        code_csv, direct, _ = run(
            capsys,
            "aggregate",
            "tu-ky-2023",
            "--data",
            str(values),
            "--level",
            "district",
            "-f",
            "json",
        )
        assert code == code_csv == 0
        assert back["values"] == direct["values"]
        assert data_findings(back) == data_findings(direct) == []


def test_the_communes_form_round_trips(
    installed: Host, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form = tmp_path / "bieu.xlsx"
    argv = ["template", "tu-ky-2023", "--unit", "11113", "--period", "2023S2", "-o", str(form)]
    assert main(argv) == 0
    capsys.readouterr()
    rows = demo_rows("11113", "2023S2")
    fill_form(form, rows)
    code, report, _ = run(
        capsys, "aggregate", "tu-ky-2023", "--data", str(form), "--level", "commune", "-f", "json"
    )
    assert code == 0
    got = {
        (v["indicator"], v["disaggregation"]): v["value"]
        for v in report["values"]
        if v["unit"] == "11113" and v["period"] == "2023S2" and v["value"] is not None
    }
    for r in rows:
        key = canonical_disaggregation(parse_disaggregation(r["disaggregation"]))
        assert got[(r["indicator"], key)] == int(r["value"])


def test_status_and_aggregate_take_the_demo_data(
    installed: Host, capsys: pytest.CaptureFixture[str]
) -> None:
    with installed.demo_data("tu-ky-2023").files() as (submissions, data, incidents):
        assert submissions is not None and data is not None and incidents is not None
        _, by_demo, _ = run(capsys, "status", "tu-ky-2023", "--demo", "-f", "json")
        _, by_files, _ = run(
            capsys,
            "status",
            "tu-ky-2023",
            "--submissions",
            str(submissions),
            "--incidents",
            str(incidents),
            "--as-of",
            DEMO_AS_OF.isoformat(),
            "-f",
            "json",
        )
        assert by_demo == by_files
        assert by_demo["as_of"] == DEMO_AS_OF.isoformat()
        _, values_demo, _ = run(capsys, "aggregate", "tu-ky-2023", "--demo", "-f", "json")
        _, values_files, _ = run(
            capsys, "aggregate", "tu-ky-2023", "--data", str(data), "-f", "json"
        )
        assert values_demo == values_files
        assert values_demo["values"]
