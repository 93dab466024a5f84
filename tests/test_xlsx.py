"""The xlsx format: one sheet per table with valid names, typed cells that read back the
same, a frozen header row; the workbook opens in LibreOffice."""

from __future__ import annotations

import builtins
import io
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from child_welfare_plan.cli import build_parser, command_module, main
from child_welfare_plan.errors import MissingDependencyError
from child_welfare_plan.formats.xlsx import (
    PERCENT_FORMAT,
    PERCENT_POINTS_FORMAT,
    render_xlsx,
    sheet_name,
    sheet_tables,
)
from child_welfare_plan.i18n import language
from child_welfare_plan.plugins import get_host
from child_welfare_plan.reports.base import Block, Percentage, Report, Section
from tests.libreoffice import convert, require
from tests.strategies import examples

openpyxl = pytest.importorskip("openpyxl")

FORBIDDEN = set("[]:*?/\\")


def command_report(*argv: str) -> Report:
    """The report a command builds (what its formats render)."""
    args = build_parser(argv[0]).parse_args(list(argv))
    report, _ = command_module(argv[0]).run(args, get_host())
    assert isinstance(report, Report)
    return report


def _same(cell: Any, raw: Any) -> bool:
    """The cell holds the report's value, of the same kind (a number to the 15 significant
    digits a spreadsheet keeps, a date as a date)."""
    if raw is None or raw == "":
        return cell is None
    if isinstance(raw, bool):
        return cell is raw
    if isinstance(raw, Percentage):  # kept as the fraction
        numeric = isinstance(cell, int | float) and not isinstance(cell, bool)
        return numeric and cell * 100 == pytest.approx(raw, rel=1e-14)
    if isinstance(raw, int | float):
        numeric = isinstance(cell, int | float) and not isinstance(cell, bool)
        return numeric and cell == pytest.approx(raw, rel=1e-15)
    if isinstance(raw, datetime):
        return isinstance(cell, datetime)
    if isinstance(raw, date):
        return isinstance(cell, datetime) and cell.date() == raw
    return bool(cell == str(raw))


def test_the_evaluation_reads_back_with_typed_cells(tmp_path: Path) -> None:
    out = tmp_path / "eval.xlsx"
    assert main(["evaluate", "tu-ky-2023", "--demo", "-o", str(out)]) in (0, 1)
    assert out.read_bytes()[:2] == b"PK"  # the .xlsx suffix picked the format
    report = command_report("evaluate", "tu-ky-2023", "--demo")
    book = openpyxl.load_workbook(out)
    tables = sheet_tables(report)
    assert len(book.sheetnames) == len(tables)
    numeric = 0
    for name, (_, block) in zip(book.sheetnames, tables, strict=True):
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        assert [c.value for c in sheet[1]] == list(block.columns)
        assert all(c.font.bold for c in sheet[1])
        for r, row in enumerate(block.rows, start=2):
            for col, raw in enumerate(row, start=1):
                cell = sheet.cell(row=r, column=col)
                assert _same(cell.value, raw), (name, r, col, cell.value, raw)
                if isinstance(raw, int | float) and not isinstance(raw, bool):
                    numeric += 1
                    if block.columns[col - 1] in block.percent_columns:
                        assert cell.number_format == PERCENT_FORMAT
                    elif isinstance(raw, Percentage):
                        assert cell.number_format == PERCENT_POINTS_FORMAT
    assert numeric > 200


@pytest.mark.parametrize(
    "argv",
    [
        ("evaluate", "tu-ky-2023", "--demo", "--as-of", "2023-12-20"),
        ("aggregate", "tu-ky-2023", "--demo", "--period", "2023"),
    ],
)
def test_indicators_measured_in_percent_are_percentage_cells(argv: tuple[str, ...]) -> None:
    """An indicator whose catalog unit is % is a percentage cell holding the fraction
    (89.16 % is 0.8916, shown 89.16%); a count stays a whole number; rates and coverage
    stay fractions shown 0.0%."""
    from child_welfare_plan.catalogs import national_catalog

    measured_in_percent = {i.code for i in national_catalog().indicators if i.unit == "%"}
    with language("en"):
        report = command_report(*argv)
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    data = report.data
    exact = {  # the JSON's figures, by unit and indicator
        (row["unit"], row["indicator"]): row["value"]
        for row in data.get("indicators", data.get("values", []))
        if not row.get("disaggregation")
    }
    area = report.data.get("area") or "298"
    checked = {"percent": 0, "count": 0}
    for sheet in book.worksheets:
        heading = [c.value for c in sheet[1]]
        if "value" not in heading or "code" not in heading:
            continue
        at = {h: i for i, h in enumerate(heading)}
        for row in sheet.iter_rows(min_row=2):
            if "breakdown" in at:  # aggregate: unit code, indicator code
                if row[at["breakdown"]].value != "total":
                    continue
                key = (row[at["code"]].value, row[at["indicator"]].value)
            else:  # the evaluation's area totals: indicator name, indicator code
                key = (area, row[at["code"]].value)
            cell = row[at["value"]]
            if key not in exact or not isinstance(cell.value, int | float):
                continue
            if key[1] in measured_in_percent:
                assert cell.number_format == PERCENT_POINTS_FORMAT, key
                assert cell.value == pytest.approx(exact[key] / 100, rel=1e-12), key
                checked["percent"] += 1
            else:
                assert not cell.number_format.endswith("%"), key
                assert cell.value == pytest.approx(exact[key], rel=1e-12), key
                checked["count"] += 1
    assert checked["percent"] > 0 and checked["count"] > 0, checked


def test_sheet_names_are_valid_unique_and_short() -> None:
    report = command_report("evaluate", "tu-ky-2023", "--demo")
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    names = book.sheetnames
    assert all(0 < len(n) <= 31 and not FORBIDDEN & set(n) for n in names)
    assert len({n.casefold() for n in names}) == len(names)


@settings(max_examples=examples(100))
@given(st.lists(st.text(max_size=50), min_size=1, max_size=8))
def test_any_titles_give_valid_unique_sheet_names(titles: list[str]) -> None:
    """Law: whatever the titles, every sheet name is 1-31 characters, holds none of
    ``[]:*?/\\``, neither starts nor ends with an apostrophe, and no two are equal
    ignoring case (Microsoft's rules for worksheet names)."""
    taken: set[str] = set()
    names = [sheet_name(t, taken) for t in titles]
    for name in names:
        assert 0 < len(name) <= 31
        assert not FORBIDDEN & set(name)
        assert not name.startswith("'") and not name.endswith("'")
    assert len({n.casefold() for n in names}) == len(names)


def test_formulas_stay_text_and_withheld_counts_stay_markers() -> None:
    report = Report(
        "x",
        "t",
        {},
        [Section("S", (), [Block(("a", "b"), [("=1+1", "<5"), ("x", 3)])])],
    )
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx(report))).active
    assert sheet["A2"].value == "=1+1" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == "<5" and sheet["B3"].value == 3


def test_a_report_without_tables_is_still_a_workbook() -> None:
    report = Report("x", "Tiêu đề", {}, [Section("Phần", ["Một đoạn."])])
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx(report))).active
    assert [c.value for c in sheet["A"]] == ["Tiêu đề", "Phần", "Một đoạn."]


def test_the_workbook_opens_in_libreoffice(tmp_path: Path) -> None:
    require("soffice")
    out = tmp_path / "eval.xlsx"
    assert main(["evaluate", "tu-ky-2023", "--demo", "-o", str(out)]) in (0, 1)
    # CSV in UTF-8 (filter option 76): the workbook speaks Vietnamese.
    as_csv = convert(out, "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path)
    text = as_csv.read_text(encoding="utf-8", errors="replace")
    first = openpyxl.load_workbook(out).worksheets[0]
    assert text.splitlines()[0].split(",")[0] == first["A1"].value


def test_without_the_office_extra_the_error_names_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real_import = builtins.__import__

    def no_openpyxl(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] == "openpyxl":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_openpyxl)
    with pytest.raises(MissingDependencyError, match=r"child-welfare-plan\[office\]"):
        render_xlsx(Report("x", "t", {}))
    out = tmp_path / "e.xlsx"
    code = main(["plans", "-o", str(out)])
    _, err = capsys.readouterr()
    assert code == 2 and not out.exists()
    assert err.splitlines()[0] == (
        "cwp: lỗi: định dạng xlsx cần gói tùy chọn `office`: "
        "pip install 'child-welfare-plan[office]'"
    )


#: Every command whose report the xlsx format writes, with arguments that give it tables.
XLSX_COMMANDS = [
    ("plans",),
    ("show", "tu-ky-2023"),
    ("validate", "tu-ky-2023"),
    ("calendar", "tu-ky-2023"),
    ("status", "tu-ky-2023", "--demo", "--as-of", "2023-12-20"),
    ("aggregate", "tu-ky-2023", "--demo"),
    ("evaluate", "tu-ky-2023", "--demo", "--as-of", "2023-12-20"),
    ("units", "--search", "Tứ Kỳ"),
    ("deadline", "trước ngày 30/3/2023"),
    ("lunar", "2023-01-22"),
    ("period", "2023Q1"),
]

VIETNAMESE_LETTERS = set("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")


def _sheet_names(argv: tuple[str, ...], lang: str) -> list[str]:
    with language(lang):
        report = command_report(*argv)
    names: list[str] = openpyxl.load_workbook(
        io.BytesIO(render_xlsx(report)), read_only=True
    ).sheetnames
    return names


def _words(name: str) -> set[str]:
    """The words of a sheet name that belong to a language (no codes, numbers or
    section numbers)."""
    words = re.findall(r"[^\W\d_]+", name.casefold())
    return {w for w in words if len(w) > 2 and not re.fullmatch("[ivxlcdm]+", w)}


@pytest.mark.parametrize("argv", XLSX_COMMANDS, ids=lambda a: a[0])
def test_every_sheet_name_is_in_the_report_language(argv: tuple[str, ...]) -> None:
    """English sheets carry no Vietnamese word (a plan's title is Vietnamese data: it is
    not glued to an English table name); Vietnamese sheets carry no word of the English
    ones; every name is valid, short and unique."""
    english, vietnamese = _sheet_names(argv, "en"), _sheet_names(argv, "vi")
    assert len(english) == len(vietnamese)
    for name in english:
        assert not VIETNAMESE_LETTERS & set(name.casefold()), name
    english_words = set().union(*map(_words, english)) - set().union(
        *(_words(code) for code in _codes(argv))
    )
    for name in vietnamese:
        assert not _words(name) & english_words, (name, _words(name) & english_words)
    for names in (english, vietnamese):
        assert all(0 < len(n) <= 31 and not FORBIDDEN & set(n) for n in names)
        assert len({n.casefold() for n in names}) == len(names)


def _codes(argv: tuple[str, ...]) -> list[str]:
    """The codes a sheet may be named by in both languages (the plan's obligations)."""
    if len(argv) < 2 or argv[1] != "tu-ky-2023":
        return []
    plan = get_host().plan("tu-ky-2023")
    return [o.id for o in plan.obligations]
