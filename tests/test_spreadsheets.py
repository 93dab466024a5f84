"""Spreadsheets in (issue 14): .xlsx, .xls and .ods in the CSV's long layout give what the
same rows give in CSV; findings locate a cell by sheet, row and column letter; dates typed as
dates, as text or as numbers are read or named."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from child_welfare_plan.catalogs import national_catalog
from child_welfare_plan.errors import CwpError
from child_welfare_plan.io.datavalues import load_data_values
from child_welfare_plan.io.spreadsheets import (
    MissingExtraError,
    column_letter,
    read_sheet,
    serial_date_hint,
    split_sheet,
)
from child_welfare_plan.io.submissions import load_submissions
from child_welfare_plan.model import Finding, Location
from child_welfare_plan.plugins import Host
from child_welfare_plan.rules.aggregate import DataValueSet
from tests.conftest import small_plan
from tests.spreadsheet_files import convert, needs_libreoffice, typed, write_xlsx
from tests.strategies import examples

CATALOG = national_catalog()
COLUMNS = ["unit", "period", "indicator", "disaggregation", "value"]
SUBMISSION_COLUMNS = ["reporter", "obligation", "period", "received"]


@pytest.fixture(scope="module")
def bare_host() -> Host:
    return Host(entry_points=False)


def load(path: Path | str, host: Host) -> DataValueSet:
    return load_data_values(path, small_plan(), CATALOG, source=host.data_source_for(path))


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def where(finding: Finding) -> tuple[str, str, int | None, str | None]:
    """What a finding says wherever it was found: its code, the row, and the column's name."""
    loc = finding.location
    return (str(finding.severity), finding.code, loc.row, loc.field or loc.column)


# -- the long layout gives what CSV gives ------------------------------------------------

_units = st.sampled_from(["11074", "11083", "99999", "298", ""])
_periods = st.sampled_from(["2023S1", "2023S2", "2023", "202306", "2023W05", "2023X", ""])
_indicators = st.sampled_from(
    ["tre-em", "tre-em-bi-xam-hai", "xa-phu-hop-tre-em", "ty-le-tre-em-hcdb", "nope", ""]
)
_breakdowns = st.sampled_from(
    ["", "sex=male", "sex=female", "age_group=0-2;sex=male", "sex=other", "colour=red", "bad"]
)
_values = st.one_of(
    st.integers(0, 5000).map(str),
    st.sampled_from(["-3", "2.5", "abc", "", "1", "0", "có", "không"]),
)
_rows = st.lists(st.tuples(_units, _periods, _indicators, _breakdowns, _values), max_size=25)


@settings(max_examples=examples(40), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=_rows)
def test_a_long_sheet_gives_exactly_what_the_same_rows_give_in_csv(
    tmp_path_factory: pytest.TempPathFactory, bare_host: Host, rows: list[tuple[str, ...]]
) -> None:
    """The same rows, typed into a sheet as a person types them (digits as numbers), give
    the same values and the same findings (code, row, column) as in CSV."""
    folder = tmp_path_factory.mktemp("long")
    body = [COLUMNS, *[list(r) for r in rows]]
    from_csv = load(write_csv(folder / "values.csv", body), bare_host)
    sheet_rows = [COLUMNS, *[[typed(c) for c in r] for r in rows]]
    from_xlsx = load(write_xlsx(folder / "values.xlsx", sheet_rows), bare_host)
    assert sorted(from_xlsx, key=repr) == sorted(from_csv, key=repr)
    assert [where(f) for f in from_xlsx.findings] == [where(f) for f in from_csv.findings]
    for finding in from_xlsx.findings:
        if finding.location.row is not None and finding.location.field in COLUMNS:
            assert finding.location.sheet == "Sheet1"
            assert finding.location.column == "ABCDE"[COLUMNS.index(finding.location.field)]


_reporters = st.sampled_from(["ubnd-11074", "ubnd-11083", "y-te", "ubnd-99999", ""])
_obligations = st.sampled_from(["bao-cao-6-thang", "nope", ""])
_received = st.sampled_from(
    ["2023-06-07", "07/06/2023", "2023-06-14T16:30:00+07:00", "31/02/2023", "hôm qua", ""]
)
_submission_rows = st.lists(
    st.tuples(_reporters, _obligations, st.sampled_from(["2023S1", "2023S2", ""]), _received),
    max_size=15,
)


@settings(max_examples=examples(30), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=_submission_rows)
def test_submissions_on_a_sheet_give_what_they_give_in_csv(
    tmp_path_factory: pytest.TempPathFactory, bare_host: Host, rows: list[tuple[str, ...]]
) -> None:
    folder = tmp_path_factory.mktemp("subs")
    body = [SUBMISSION_COLUMNS, *[list(r) for r in rows]]
    plan = small_plan()
    csv_path = write_csv(folder / "s.csv", body)
    xlsx_path = write_xlsx(folder / "s.xlsx", body)
    a = load_submissions(csv_path, plan, source=bare_host.data_source_for(csv_path))
    b = load_submissions(xlsx_path, plan, source=bare_host.data_source_for(xlsx_path))
    assert b.submissions == a.submissions
    assert [where(f) for f in b.findings] == [where(f) for f in a.findings]


def test_a_finding_names_the_file_sheet_row_and_column_letter(
    tmp_path: Path, bare_host: Host
) -> None:
    """The header may start lower and further right; the cell is named as the sheet shows it."""
    rows: list[list[Any]] = [
        COLUMNS,
        ["11074", "2023S1", "tre-em", "", 10],
        [11083, "2023S1", "tre-em", "", -4],
    ]
    path = write_xlsx(tmp_path / "values.xlsx", rows, sheet="Biểu 01", first_row=10, first_column=2)
    values = load(f"{path}#Biểu 01", bare_host)
    assert [v.value for v in values] == [10]
    [finding] = values.findings
    assert finding.code == "negative-value"
    assert finding.location == Location(
        file=str(path), row=12, column="F", sheet="Biểu 01", field="value"
    )
    assert str(finding.location) == f"{path}, sheet Biểu 01, row 12, column F (value)"
    assert finding.to_dict()["location"]["sheet"] == "Biểu 01"


def test_file_hash_sheet_picks_a_sheet_and_the_first_sheet_is_the_default(
    tmp_path: Path, bare_host: Host
) -> None:
    path = write_xlsx(
        tmp_path / "values.xlsx",
        [COLUMNS, [11074, "2023S1", "tre-em", "", 7]],
        sheet="Số liệu",
        others=["Ghi chú"],
    )
    assert len(load(path, bare_host).findings) == 1  # the first sheet, "Ghi chú", is empty
    assert [v.value for v in load(f"{path}#Số liệu", bare_host)] == [7]
    assert split_sheet(f"{path}#Số liệu") == (path, "Số liệu")
    assert split_sheet(path) == (path, None)
    with pytest.raises(CwpError, match=r"no sheet named 'Biểu 02'.*'Ghi chú', 'Số liệu'"):
        read_sheet(f"{path}#Biểu 02")


def test_a_missing_sheet_is_bad_input_at_the_command_line(
    tmp_path: Path, host: Host, capsys: pytest.CaptureFixture[str]
) -> None:
    from child_welfare_plan.cli import main

    path = write_xlsx(tmp_path / "v.xlsx", [COLUMNS, [11074, "2023S1", "tre-em", "", 7]])
    assert main(["aggregate", "thu-2023", "--data", f"{path}#Sheet1", "-f", "json"]) == 0
    capsys.readouterr()
    assert main(["aggregate", "thu-2023", "--data", f"{path}#Nope"]) == 2
    assert "không có trang tính tên 'Nope' (các trang tính: 'Sheet1')" in capsys.readouterr().err
    assert main(["aggregate", "thu-2023", "--data", f"{path}#Nope", "--lang", "en"]) == 2
    assert "no sheet named 'Nope'" in capsys.readouterr().err


def test_cells_right_of_the_header_are_reported_like_a_long_csv_row(
    tmp_path: Path, bare_host: Host
) -> None:
    rows: list[list[Any]] = [COLUMNS, [11074, "2023S1", "tre-em", "", 7, "", "stray"]]
    values = load(write_xlsx(tmp_path / "v.xlsx", rows), bare_host)
    [finding] = values.findings
    assert (finding.code, finding.location.row, finding.location.column) == (
        "bad-row-width",
        2,
        "G",
    )


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A",
        "B",
        "Z",
        "AA",
        "AB",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]


def test_without_the_office_extra_the_error_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xlsx(tmp_path / "v.xlsx", [COLUMNS])
    monkeypatch.setitem(sys.modules, "python_calamine", None)
    with pytest.raises(MissingExtraError, match=r"child-welfare-plan\[office\]"):
        read_sheet(path)


def test_a_file_that_is_not_a_spreadsheet_is_unreadable_input(tmp_path: Path) -> None:
    path = tmp_path / "v.xlsx"
    path.write_text("unit,period\n", encoding="utf-8")
    with pytest.raises(CwpError, match="cannot read the spreadsheet"):
        read_sheet(path)


# -- dates --------------------------------------------------------------------------------


def test_dates_typed_as_dates_as_text_and_as_numbers(tmp_path: Path, bare_host: Host) -> None:
    """A date cell and a date written as text are read; a plain number is named, with the
    date it would be as a date serial (ECMA-376 1900 date system: 45084 is 07/06/2023)."""
    rows: list[list[Any]] = [
        SUBMISSION_COLUMNS,
        ["ubnd-11074", "bao-cao-6-thang", "2023S1", dt.date(2023, 6, 7)],
        ["ubnd-11083", "bao-cao-6-thang", "2023S1", "08/06/2023"],
        ["y-te", "bao-cao-6-thang", "2023S1", dt.datetime(2023, 6, 9, 16, 30)],
        ["ubnd-11074", "bao-cao-6-thang", "2023S1", 45084],
    ]
    path = write_xlsx(tmp_path / "submissions.xlsx", rows, sheet="Nhận")
    loaded = load_submissions(path, small_plan(), source=bare_host.data_source_for(path))
    assert [s.received for s in loaded] == [
        dt.date(2023, 6, 7),
        dt.date(2023, 6, 8),
        dt.datetime(2023, 6, 9, 16, 30),
    ]
    [finding] = loaded.findings
    assert finding.code == "bad-date"
    assert "45084 is a number, not a date" in finding.message
    assert "2023-06-07" in finding.message  # English: dates as ISO
    assert "07/06/2023" in finding.text()  # the reader's language (Vietnamese by default)
    assert finding.location == Location(
        file=str(path), row=5, column="D", sheet="Nhận", field="received"
    )


def test_the_serial_hint_counts_from_the_1900_date_system() -> None:
    """ECMA-376 §18.17.4: serial 1 is 01/01/1900 and 61 is 01/03/1900 (after the phantom
    29/02/1900); 45292 is 01/01/2024."""
    march, new_year = serial_date_hint(61), serial_date_hint(45292)
    assert march is not None and new_year is not None
    assert "01/03/1900" in march.localized("vi")
    assert "1900-03-01" in march  # the English text writes dates as ISO
    assert "01/01/2024" in new_year.localized("vi")
    assert serial_date_hint("45292") is None
    assert serial_date_hint(True) is None


# -- .xls and .ods -------------------------------------------------------------------------


@needs_libreoffice
@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_xls_and_ods_give_what_xlsx_gives(tmp_path: Path, bare_host: Host, suffix: str) -> None:
    rows: list[list[Any]] = [
        COLUMNS,
        [11074, "2023S1", "tre-em", "", 100],
        [11074, "2023S1", "tre-em", "sex=male", 52],
        [11074, "2023S1", "tre-em", "sex=female", 48],
        [11083, 2023, "tre-em", "", -1],
    ]
    xlsx = write_xlsx(tmp_path / "values.xlsx", rows, sheet="Biểu 01")
    other = convert(xlsx, suffix, tmp_path)
    a, b = load(xlsx, bare_host), load(f"{other}#Biểu 01", bare_host)
    assert sorted(b, key=repr) == sorted(a, key=repr)
    assert [(f.code, f.location.row, f.location.column, f.location.sheet) for f in b.findings] == [
        ("negative-value", 5, "E", "Biểu 01")
    ]
    dates = write_xlsx(
        tmp_path / "subs.xlsx",
        [SUBMISSION_COLUMNS, ["ubnd-11074", "bao-cao-6-thang", "2023S1", dt.date(2023, 6, 7)]],
    )
    loaded = load_submissions(convert(dates, suffix, tmp_path), small_plan())
    assert [s.received for s in loaded] == [dt.date(2023, 6, 7)]
