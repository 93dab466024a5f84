"""Form layouts (issue 14): a pack declares where a form holds its figures; `cwp template`
writes a blank form (labels locked, whole numbers ≥ 0 only); a filled form is read back as
data values, its own totals checked cell by cell."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from child_welfare_plan.catalogs import national_catalog
from child_welfare_plan.cli import main
from child_welfare_plan.errors import CwpError, InvalidValueError
from child_welfare_plan.io.datavalues import load_data_values
from child_welfare_plan.io.form_template import write_template
from child_welfare_plan.io.forms import FormLayout, cell_ref, parse_cell_ref
from child_welfare_plan.model import Location, Plan
from child_welfare_plan.model.periods import parse_period
from child_welfare_plan.plugins import Host, hookimpl, reset_host
from child_welfare_plan.rules.aggregate import DataValueSet
from tests.conftest import small_plan
from tests.spreadsheet_files import write_xlsx
from tests.strategies import examples

CATALOG = national_catalog()

LAYOUT: dict[str, Any] = {
    "id": "thu-xa",
    "title": "BIỂU THỬ",
    "sheet": "Biểu 01",
    "unit": "C3",
    "period": "C4",
    "id_cell": "F1",
    "header_row": 6,
    "period_types": ["sixmonthly"],
    "plans": ["thu-2023"],
    "columns": [
        {"column": "C", "disaggregation": "", "label": "Tổng số"},
        {"column": "D", "disaggregation": "sex=male"},
        {"column": "E", "disaggregation": "sex=female"},
    ],
    "rows": [
        {"row": 7, "indicator": "tre-em-bi-xam-hai"},
        {"row": 8, "indicator": "tre-em-bi-xam-hai", "disaggregation": "form=bao-luc"},
        {"row": 9, "indicator": "tre-em-bi-xam-hai", "disaggregation": "form=boc-lot"},
        {"row": 10, "indicator": "xa-phu-hop-tre-em", "columns": ["C"]},
    ],
    "column_totals": [{"total": "C", "parts": ["D", "E"]}],
    "row_totals": [{"total": 7, "parts": [8, 9]}],
}


def layout() -> FormLayout:
    return FormLayout.from_data(LAYOUT)


class _Forms:
    @hookimpl
    def register_plans(self) -> list[Plan]:
        return [small_plan()]

    @hookimpl
    def register_form_layouts(self) -> list[FormLayout]:
        return [layout()]


@pytest.fixture
def forms_host() -> Iterator[Host]:
    test_host = Host(entry_points=False, plugins=[("forms", _Forms())])
    reset_host(test_host)
    yield test_host
    reset_host(None)


def blank(tmp_path: Path, unit: str = "11074", period: str = "2023S1") -> Path:
    plan = small_plan()
    content = write_template(
        layout(), plan, CATALOG, unit, parse_period(period, plan.period_convention)
    )
    path = tmp_path / "form.xlsx"
    path.write_bytes(content)
    return path


def fill(path: Path, values: dict[str, Any], out: Path | None = None) -> Path:
    """Type values into cells of a form, as a commune's officer does."""
    book = openpyxl.load_workbook(path)
    ws = book["Biểu 01"]
    for ref, value in values.items():
        ws[ref] = value
    target = out or path
    book.save(target)
    return target


def read(path: Path, host: Host) -> DataValueSet:
    return load_data_values(path, small_plan(), CATALOG, source=host.data_source_for(path))


def by_cell(values: DataValueSet) -> dict[str, float]:
    cells = {(c.indicator, c.disaggregation): c.ref for c in layout().cells}
    return {cells[(v.indicator, v.disaggregation)]: v.value for v in values}


# -- the layout ----------------------------------------------------------------------------


def test_the_layout_places_every_breakdown_in_one_cell() -> None:
    form = layout()
    cells = {c.ref: (c.indicator, c.disaggregation) for c in form.cells}
    assert cells["C7"] == ("tre-em-bi-xam-hai", "")
    assert cells["E8"] == ("tre-em-bi-xam-hai", "form=bao-luc;sex=female")
    assert cells["C10"] == ("xa-phu-hop-tre-em", "")
    assert "D10" not in cells
    assert ("C7", ("D7", "E7")) in form.totals
    assert ("E7", ("E8", "E9")) in form.totals
    assert len(form.totals) == 6


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"unit": "C0"}, "not a cell reference"),
        ({"rows": [{"row": 7, "indicator": "x"}, {"row": 7, "indicator": "y"}]}, "twice"),
        (
            {"rows": [{"row": 7, "indicator": "x"}, {"row": 8, "indicator": "x"}]},
            "both hold x, total",
        ),
        (
            {"rows": [{"row": 7, "indicator": "x", "disaggregation": "sex=male"}]},
            "both break x down by sex",
        ),
        ({"rows": [{"row": 7, "indicator": "x", "columns": ["Z"]}]}, "does not declare"),
        ({"cell_totals": [{"total": "C7", "parts": ["C99"]}]}, "not an input cell"),
    ],
)
def test_a_bad_layout_is_refused_with_a_reason(change: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidValueError, match=message):
        FormLayout.from_data({**LAYOUT, **change})


def test_a_layout_file_that_cannot_be_read_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "form.toml"
    path.write_text('id = "x"\nunit = "C3"\n', encoding="utf-8")
    with pytest.raises(CwpError, match=r"form\.toml: not a valid form layout"):
        FormLayout.load(path)


@given(row=st.integers(1, 10**6), column=st.integers(0, 16383))
@settings(max_examples=examples(100))
def test_cell_references_round_trip(row: int, column: int) -> None:
    assert parse_cell_ref(cell_ref(row, column)) == (row, column)


# -- the blank form ------------------------------------------------------------------------


def test_the_template_locks_labels_and_limits_inputs_to_whole_numbers(tmp_path: Path) -> None:
    """ECMA-376: the sheet is protected (sheetProtection), input cells alone unlocked, and a
    whole-number data validation ≥ 0 (0..1 for a yes/no indicator) covers them."""
    book = openpyxl.load_workbook(blank(tmp_path))
    ws = book["Biểu 01"]
    assert ws.protection.sheet is True
    inputs = {c.ref for c in layout().cells}
    for row in ws.iter_rows(min_row=1, max_row=12, max_col=6):
        for cell in row:
            assert cell.protection.locked is (cell.coordinate not in inputs), cell.coordinate
    rules = ws.data_validations.dataValidation
    covered = {str(c) for rule in rules for r in rule.sqref.ranges for c in [r.coord]}
    assert covered == inputs
    whole = next(r for r in rules if r.operator == "greaterThanOrEqual")
    assert (whole.type, whole.formula1, whole.allow_blank) == ("whole", "0", True)
    flag = next(r for r in rules if r.operator == "between")
    assert (flag.formula1, flag.formula2, str(flag.sqref)) == ("0", "1", "C10")
    assert (ws["C3"].value, ws["C4"].value, ws["F1"].value) == ("11074", "2023S1", "thu-xa")
    assert ws["D4"].value == "15/12/2022 - 14/06/2023 (nd09)"
    assert ws["B7"].value == "Số trẻ em bị xâm hại"
    assert ws["B8"].value == "Số trẻ em bị xâm hại: Bạo lực"
    assert ws["D6"].value == "Nam"


# -- a filled form -------------------------------------------------------------------------


_COUNTS = st.one_of(st.none(), st.integers(0, 300))


@settings(max_examples=examples(30), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(counts=st.lists(_COUNTS, min_size=9, max_size=9), flag=st.sampled_from([None, 0, 1]))
def test_a_template_filled_and_read_back_gives_the_values_written(
    tmp_path_factory: pytest.TempPathFactory,
    forms_host: Host,
    counts: list[int | None],
    flag: int | None,
) -> None:
    """Round trip: the values typed into a blank form come back, each from its cell; a total
    whose parts are all filled and differ from it is a finding at the total's cell."""
    folder = tmp_path_factory.mktemp("form")
    refs = [f"{c}{r}" for r in (7, 8, 9) for c in "CDE"]
    typed: dict[str, Any] = {ref: v for ref, v in zip(refs, counts, strict=True) if v is not None}
    if flag is not None:
        typed["C10"] = flag
    path = fill(blank(folder), typed)
    values = read(path, forms_host)
    assert by_cell(values) == {ref: float(v) for ref, v in typed.items()}
    expected = {
        total
        for total, parts in layout().totals
        if total in typed
        and all(p in typed for p in parts)
        and typed[total] != sum(typed[p] for p in parts)
    }
    if not typed:
        assert [f.code for f in values.findings] == ["empty-file"]
        return
    mismatches = {f"{f.location.column}{f.location.row}" for f in values.findings}
    assert mismatches == expected
    assert {f.code for f in values.findings} <= {"form-total-mismatch"}


def test_a_total_that_disagrees_is_located_at_its_cell(tmp_path: Path, forms_host: Host) -> None:
    path = fill(blank(tmp_path), {"C7": 10, "D7": 4, "E7": 5})
    values = read(path, forms_host)
    [finding] = values.findings
    assert finding.code == "form-total-mismatch"
    assert finding.location == Location(
        file=str(path), row=7, column="C", sheet="Biểu 01", field="tre-em-bi-xam-hai, total"
    )
    assert finding.message == "C7 (tre-em-bi-xam-hai, total) is 10 but its parts D7, E7 add up to 9"


def test_bad_cells_and_a_bad_heading_are_located_on_the_form(
    tmp_path: Path, forms_host: Host
) -> None:
    path = fill(blank(tmp_path), {"C7": -2, "D7": "nhiều", "C10": 1})
    got = [(f.code, f.location.column, f.location.row) for f in read(path, forms_host).findings]
    assert sorted(got) == [("bad-value", "D", 7), ("negative-value", "C", 7)]
    # The district (298) does not report: said once, at the unit's cell, not once per cell.
    other = fill(blank(tmp_path, unit="298"), {"C7": 2, "D7": 1, "C10": 1})
    [finding] = read(other, forms_host).findings
    assert (finding.code, finding.location.column, finding.location.row) == (
        "not-a-reporting-unit",
        "C",
        3,
    )
    assert finding.location.field == "unit"


def test_the_form_source_is_chosen_by_the_forms_id(tmp_path: Path, forms_host: Host) -> None:
    filled = fill(blank(tmp_path), {"C7": 3})
    long = write_xlsx(tmp_path / "long.xlsx", [["unit", "period", "indicator", "value"]])
    assert forms_host.data_source_for(filled).name == "form:thu-xa"
    assert forms_host.data_source_for(long).name == "spreadsheet"


# -- cwp template --------------------------------------------------------------------------


def test_cwp_template_writes_the_form_and_says_so(
    tmp_path: Path, forms_host: Host, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bieu.xlsx"
    argv = ["template", "thu-2023", "--unit", "11083", "--period", "2023S1", "-o", str(out)]
    assert main([*argv, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "plan": "thu-2023",
        "form": "thu-xa",
        "unit": "11083",
        "period": "2023S1",
        "start": "2022-12-15",
        "end": "2023-06-14",
        "file": str(out),
        "cells": 10,
    }
    assert openpyxl.load_workbook(out)["Biểu 01"]["C3"].value == "11083"
    fill(out, {"C7": 4, "D7": 1, "E7": 3})
    assert main(["aggregate", "thu-2023", "--data", str(out), "--level", "commune"]) == 0


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--unit", "99999", "--period", "2023S1", "-o", "f.xlsx"], "not a unit of plan"),
        (["--unit", "11074", "--period", "2023Q1", "-o", "f.xlsx"], "sixmonthly periods"),
        (["--unit", "11074", "--period", "2023S1", "-o", "f.csv"], "-o FILE.xlsx"),
        (["--unit", "11074", "--period", "2023S1"], "-o FILE.xlsx"),
        (["--unit", "11074", "--period", "2023S1", "-o", "f.xlsx", "--layout", "x"], "unknown"),
        (["--unit", "11074", "--period", "20233", "-o", "f.xlsx"], "cannot read period id '20233'"),
    ],
)
@pytest.mark.usefixtures("in_english")
def test_cwp_template_refuses_bad_arguments(
    tmp_path: Path,
    forms_host: Host,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    extra: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["template", "thu-2023", *extra]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "f.xlsx").exists()
