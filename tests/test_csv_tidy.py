"""CSV is one tidy table per file: every CSV the library writes reads with pandas, ``--table``
picks the table, ``--bom`` writes the byte order mark Excel needs, formulas stay text."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from child_welfare_plan.cli import main
from child_welfare_plan.formats.csv import data_tables, render_csv
from child_welfare_plan.formats.options import RenderOptions
from child_welfare_plan.reports.base import Report
from tests.strategies import examples
from tests.test_golden import CASES, DEMO

pd = pytest.importorskip("pandas")

REMIND = [
    "remind",
    "tu-ky-2023",
    "--submissions",
    str(DEMO / "submissions.csv"),
    "--as-of",
    "2023-12-20",
]


def _cwp(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _extra(command: str, tmp_path: Path) -> list[str]:
    """Where a command that writes files of its own writes them."""
    written = {"remind": "letters", "template": "form.xlsx"}
    return ["-o", str(tmp_path / written[command])] if command in written else []


def _tables(argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The names of the tables the command's CSV offers (from the error that lists them)."""
    extra = _extra(argv[0], tmp_path)
    code, _, err = _cwp(
        capsys, *argv, *extra, "-f", "csv", "--table", "no-such-table", "--lang", "en"
    )
    assert code == 2, err
    listed = err.split("(tables: ", 1)[1].rsplit(")", 1)[0]
    return listed.split(", ")


def _commands() -> dict[str, list[str]]:
    out = {name.removesuffix(".json"): argv[:-2] for name, argv in CASES.items()}
    out["remind"] = REMIND
    out["units"] = ["units", "11086", "--as-of", "2023-06-01"]
    out["units-search"] = ["units", "--search", "dai son"]
    out["template"] = ["template", "tu-ky-2023", "--unit", "11074", "--period", "2023S1"]
    return out


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_table_of_every_command_reads_with_pandas(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each command's every CSV table is one header and rows of the same width, which
    ``pandas.read_csv`` reads with the columns of the header."""
    argv = _commands()[command]
    extra = _extra(argv[0], tmp_path)
    names = _tables(argv, tmp_path, capsys)
    assert names and all(names)
    for name in names:
        code, out, err = _cwp(capsys, *argv, *extra, "-f", "csv", "--table", name)
        assert code in (0, 1), err
        frame = pd.read_csv(io.StringIO(out))
        rows = list(csv.reader(io.StringIO(out)))
        assert list(frame.columns) == rows[0]
        assert len(frame) == len(rows) - 1
        assert {len(r) for r in rows} == {len(rows[0])}


def test_the_default_table_is_the_commands_main_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = CASES["status.json"][:-2]
    _, out, _ = _cwp(capsys, *argv, "-f", "csv")
    assert out.splitlines()[0].startswith(
        "reporter,reporter_name,obligation,obligation_name,period"
    )
    _, out, _ = _cwp(capsys, "evaluate", "tu-ky-2023", "--demo", "-f", "csv")
    frame = pd.read_csv(io.StringIO(out))
    assert {"unit", "indicator", "value", "coverage", "withheld"} <= set(frame.columns)
    assert len(frame) == 24 * 10  # 23 communes and the district, 10 key indicators
    _, out, _ = _cwp(capsys, *CASES["aggregate.json"][:-2], "-o", str(tmp_path / "v.csv"))
    frame = pd.read_csv(tmp_path / "v.csv", dtype={"unit": str})
    assert set(frame["unit"]) >= {"298", "11074"}


def test_nested_objects_flatten_to_dotted_columns(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _cwp(capsys, *CASES["status.json"][:-2], "-f", "csv", "--table", "findings")
    frame = pd.read_csv(io.StringIO(out))
    assert list(frame.columns) == [
        "severity",
        "code",
        "message",
        "message_label",
        "location.file",
        "location.row",
        "location.column",
        "location.path",
        "location.sheet",
        "location.field",
    ]
    assert "duplicate-row" in set(frame["code"])


def test_an_empty_table_still_has_its_header() -> None:
    """A table with no rows keeps its columns, so the file reads back as zero rows."""
    report = Report("validate", "v", {"plan": "p", "findings": []})
    frame = pd.read_csv(io.StringIO(render_csv(report)))
    assert len(frame) == 0
    assert "location.file" in frame.columns and "code" in frame.columns


def test_lists_of_objects_inside_rows_are_tables_naming_their_parent(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = _cwp(capsys, "show", "tu-ky-2023", "-f", "csv", "--table", "task_groups.tasks")
    frame = pd.read_csv(io.StringIO(out))
    assert "task_groups.id" in frame.columns and "lead" in frame.columns
    assert frame["task_groups.id"].notna().all()


def test_bom_is_written_for_excel_and_pandas_reads_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "items.csv"
    code = main([*CASES["status.json"][:-2], "-o", str(out), "--bom"])
    assert code in (0, 1)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert frame.columns[0] == "reporter"
    assert "Ủy ban nhân dân xã Đại Sơn" in set(frame["reporter_name"])


def test_unknown_table_and_misplaced_options_exit_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _cwp(capsys, "period", "2023S1", "-f", "csv", "--table", "rates")
    assert code == 2 and out == ""
    assert (
        err == "cwp: lỗi: không có bảng 'rates' trong kết quả của `cwp period` (các bảng: period)\n"
    )
    code, out, err = _cwp(
        capsys, "period", "2023S1", "-f", "csv", "--table", "rates", "--lang", "en"
    )
    assert code == 2 and out == ""
    assert err == "cwp: error: no table 'rates' in the output of `cwp period` (tables: period)\n"
    code, _, err = _cwp(capsys, "period", "2023S1", "--bom", "--lang", "en")
    assert code == 2 and err == "cwp: error: --bom does not apply to the text format\n"
    code, _, err = _cwp(capsys, "period", "2023S1", "-f", "json", "--table", "x", "--lang", "en")
    assert code == 2 and "--table does not apply to the json format" in err


def test_a_report_with_no_list_is_one_row_named_after_the_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = _cwp(capsys, "period", "2023S1", "--convention", "nd09", "-f", "csv")
    assert out == "id,type,start,end\r\n2023S1,sixmonthly,2022-12-15,2023-06-14\r\n"


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(max_size=12),
)
_KEYS = st.text(alphabet="abcdefgh_", min_size=1, max_size=6)
_RECORDS = st.dictionaries(
    _KEYS,
    st.one_of(
        _SCALARS, st.dictionaries(_KEYS, _SCALARS, max_size=3), st.lists(_SCALARS, max_size=3)
    ),
    max_size=5,
)


@settings(max_examples=examples(60))
@given(rows=st.lists(_RECORDS, min_size=1, max_size=6))
def test_any_list_of_records_is_one_rectangular_table_that_reads_back(
    rows: list[dict[str, Any]],
) -> None:
    """Law: the CSV of a list of records has one line per record, one column per flattened
    key, and reads back with ``csv`` and pandas with that shape."""
    report = Report("x", "t", {"records": rows})
    (table,) = data_tables(report).values()
    assert len(table.rows) == len(rows)
    assert all(set(r) <= set(table.columns) for r in table.rows)
    text = render_csv(report, RenderOptions(table="records"))
    lines = list(csv.reader(io.StringIO(text)))
    assert len(lines) == len(rows) + 1
    assert {len(line) for line in lines} == {len(table.columns)}
    if table.columns:
        frame = pd.read_csv(io.StringIO(text), keep_default_na=False, dtype=str)
        assert frame.shape == (len(rows), len(table.columns))


@settings(max_examples=examples(60))
@given(st.text())
def test_text_cells_read_back_unchanged_or_neutralised(text: str) -> None:
    """Law: a text cell reads back as written, except that one starting like a formula
    gains a leading ``'`` (OWASP "CSV Injection")."""
    report = Report("x", "t", {"records": [{"cell": text}]})
    (_, (cell,)) = list(csv.reader(io.StringIO(render_csv(report), newline="")))
    expected = "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text
    assert cell == expected


def test_a_search_lists_every_unit_and_a_unit_comes_first(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The list of units found is the search's table (not the one row of the query), and
    a unit's own row is the default table of ``cwp units CODE``."""
    code, out, _ = _cwp(capsys, "units", "--search", "dai son", "-f", "json")
    found = json.loads(out)["units"]
    code, out, _ = _cwp(capsys, "units", "--search", "dai son", "-f", "csv")
    frame = pd.read_csv(io.StringIO(out), dtype=str)
    assert code == 0 and len(found) > 1
    assert list(frame["code"]) == [u["code"] for u in found]
    code, out, _ = _cwp(
        capsys, "units", "--search", "dai son", "-f", "csv", "--table", "units-summary"
    )
    assert list(pd.read_csv(io.StringIO(out))["search"]) == ["dai son"]
    code, out, _ = _cwp(capsys, "units", "11086", "--as-of", "2023-06-01", "-f", "csv")
    unit = pd.read_csv(io.StringIO(out), dtype=str)
    assert list(unit["code"]) == ["11086"] and list(unit["name"]) == ["Xã Hưng Đạo"]
