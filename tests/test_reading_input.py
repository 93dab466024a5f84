"""Reading hostile input: numbers in other notations, encodings, separators, malformed CSV
and JSON. Each file is read whole, and nothing is read in silence as something else."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from child_welfare_plan.catalogs import national_catalog
from child_welfare_plan.io.datavalues import load_data_values
from child_welfare_plan.io.submissions import load_submissions
from child_welfare_plan.io.tables import read_csv_table, read_json_table
from child_welfare_plan.model import Finding, Severity
from child_welfare_plan.plugins import Host
from child_welfare_plan.rules.aggregate import DataValueSet
from tests.conftest import small_plan

CATALOG = national_catalog()
HEADER = "unit,period,indicator,disaggregation,value\n"


def load(tmp_path: Path, content: str | bytes, name: str = "values.csv") -> DataValueSet:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return load_data_values(
        path, small_plan(), CATALOG, source=Host(entry_points=False).data_source_for(path)
    )


def where(findings: list[Finding]) -> list[tuple[str, int | None]]:
    return [(f.code, f.location.row) for f in findings]


# -- numbers (D8) --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "code", "hint"),
    [
        ("1.000", "ambiguous-number", "1000 ('.' separates thousands) in Vietnamese notation"),
        ("1,000", "ambiguous-number", "1 (',' is the decimal mark) in Vietnamese notation"),
        ("2.500.000", "ambiguous-number", "write digits only: 2500000"),
        ("1_000", "bad-value", "without underscores"),
        ("١٢", "bad-value", "another script's digits); write 12"),
        ("１２", "bad-value", "another script's digits); write 12"),
        ("+5", "bad-value", "without a sign"),
        ("1e3", "bad-value", "not in exponent form"),
        ("12.0", "bad-value", "write 12"),
        ("nan", "bad-value", "not a finite number"),
        ("9007199254740993", "value-too-large", "lose digits"),
        ("9" * 5000, "value-too-large", "(5,000 characters)"),
    ],
)
def test_a_count_in_any_notation_but_plain_digits_is_a_finding_with_a_hint(
    tmp_path: Path, cell: str, code: str, hint: str
) -> None:
    """D8: "1.000" is one thousand in Vietnamese notation; it used to be read as 1, and
    1_000, ١٢ and １２ were accepted in silence."""
    values = load(tmp_path, HEADER + f'11074,2023S1,tre-em,,"{cell}"\n')
    assert len(values) == 0
    (finding,) = values.findings
    assert (finding.code, finding.location.row, finding.location.column) == (code, 2, "value")
    assert hint in finding.message
    assert len(finding.message) < 400


@pytest.mark.parametrize(("cell", "value"), [("12", 12.0), (" 12 ", 12.0), ("0", 0.0)])
def test_plain_digits_are_a_count(tmp_path: Path, cell: str, value: float) -> None:
    values = load(tmp_path, HEADER + f"11074,2023S1,tre-em,,{cell}\n")
    assert values.findings == []
    assert [v.value for v in values] == [value]


@pytest.mark.parametrize(
    ("cell", "value"), [("1500000", 1500000.0), ("1500000.5", 1500000.5), ("2.25", 2.25)]
)
def test_an_amount_may_have_an_unambiguous_decimal_point(
    tmp_path: Path, cell: str, value: float
) -> None:
    values = load(tmp_path, HEADER + f"11074,2023,quy-bao-tro-huy-dong,,{cell}\n")
    assert values.findings == []
    assert [v.value for v in values] == [value]


@pytest.mark.parametrize("cell", ["1.500", "1,5", "1.500.000"])
def test_an_amount_with_a_thousands_or_decimal_comma_is_refused(tmp_path: Path, cell: str) -> None:
    values = load(tmp_path, HEADER + f'11074,2023,quy-bao-tro-huy-dong,,"{cell}"\n')
    assert len(values) == 0 and len(values.findings) == 1


def test_json_numbers_beyond_2_to_the_53_are_refused_not_rounded(tmp_path: Path) -> None:
    """D33: integers beyond 2^53 were rounded in silence; 1e400 became infinity."""
    rows = [
        '{"unit": "11074", "period": "2023S1", "indicator": "tre-em", "value": 9007199254740993}',
        '{"unit": "11083", "period": "2023S1", "indicator": "tre-em", "value": 1e400}',
        '{"unit": "11074", "period": "2023S2", "indicator": "tre-em", "value": 1' + "0" * 400 + "}",
    ]
    values = load(tmp_path, "[" + ",".join(rows) + "]", "values.json")
    assert len(values) == 0
    assert where(values.findings) == [
        ("value-too-large", 1),
        ("bad-value", 2),
        ("value-too-large", 3),
    ]
    assert "'1e400' is not a number" in values.findings[1].message


def test_a_yes_no_value_takes_only_its_words(tmp_path: Path) -> None:
    body = HEADER + "11074,2023,xa-phu-hop-tre-em,,1.0\n11083,2023,xa-phu-hop-tre-em,,có\n"
    values = load(tmp_path, body)
    assert where(values.findings) == [("bad-boolean", 2)]
    assert [v.value for v in values] == [1.0]


# -- units, breakdowns --------------------------------------------------------------------------


def test_a_unit_written_as_a_float_is_refused_in_json_as_in_csv(tmp_path: Path) -> None:
    """D33: unit 11074.0 was accepted in JSON but not in CSV."""
    json_values = load(
        tmp_path,
        '[{"unit": 11074.0, "period": "2023S1", "indicator": "tre-em", "value": 5}]',
        "values.json",
    )
    csv_values = load(tmp_path, HEADER + "11074.0,2023S1,tre-em,,5\n")
    assert [f.code for f in json_values.findings] == [f.code for f in csv_values.findings]
    assert [f.code for f in csv_values.findings] == ["unknown-unit"]


@pytest.mark.parametrize("cell", [";", "sex=male;", ";sex=male", "sex=male;;age_group=0-2"])
def test_an_empty_part_of_a_breakdown_is_a_finding_not_a_total(tmp_path: Path, cell: str) -> None:
    """D32: `;` and `sex=male;` were read as totals or as something else."""
    values = load(tmp_path, HEADER + f'11074,2023S1,tre-em,"{cell}",5\n')
    assert [f.code for f in values.findings] == ["bad-disaggregation"]
    assert len(values) == 0


def test_a_breakdown_object_cannot_smuggle_in_a_second_dimension(tmp_path: Path) -> None:
    """D32: {"sex": "male;age_group=0-2"} was read as two dimensions."""
    row = (
        '{"unit": "11074", "period": "2023S1", "indicator": "tre-em", '
        '"disaggregation": {"sex": "male;age_group=0-2"}, "value": 5}'
    )
    values = load(tmp_path, f"[{row}]", "values.json")
    assert where(values.findings) == [("bad-row", 1)]
    assert len(values) == 0


def test_a_json_key_given_twice_is_refused_not_read_as_the_last(tmp_path: Path) -> None:
    """D32: the last of two equal keys won in silence."""
    row = (
        '{"unit": "11074", "unit": "11083", "period": "2023S1", "indicator": "tre-em", "value": 5}'
    )
    values = load(tmp_path, f"[{row}]", "values.json")
    (finding,) = values.findings
    assert (finding.code, finding.location.row) == ("duplicate-key", 1)
    assert "'unit' twice" in finding.message


# -- rows, encodings, separators ----------------------------------------------------------------


def test_rows_after_a_multi_line_cell_keep_the_numbers_a_spreadsheet_shows(tmp_path: Path) -> None:
    """D36: rows after a quoted multi-line field were reported one line too far down."""
    body = (
        HEADER + '11074,2023S1,tre-em,,5\n11083,2023S1,"tre-\nem",,10\n11083,2023S2,tre-em,,abc\n'
    )
    values = load(tmp_path, body)
    assert where(values.findings) == [("unknown-indicator", 3), ("bad-value", 4)]


def test_a_cell_beyond_the_csv_size_limit_is_a_finding_and_reading_goes_on(tmp_path: Path) -> None:
    body = HEADER + f'11074,2023S1,tre-em,,"{"x" * 200_000}"\n11083,2023S1,tre-em,,7\n'
    values = load(tmp_path, body)
    assert where(values.findings) == [("bad-csv", 2)]
    assert [(v.unit, v.value) for v in values] == [("11083", 7.0)]


def test_an_unclosed_quote_is_named(tmp_path: Path) -> None:
    values = load(tmp_path, HEADER + '11074,2023S1,tre-em,,"5\n11083,2023S1,tre-em,,7\n')
    (finding,) = values.findings
    assert (finding.code, finding.location.row) == ("bad-csv", 2)
    assert "a quote opened in this row is never closed" in finding.message


def test_a_quoted_cell_spanning_lines_with_too_few_cells_hints_at_a_missing_quote(
    tmp_path: Path,
) -> None:
    values = load(tmp_path, HEADER + '11074,"2023S1\n11083",tre-em,5\n')
    (finding,) = values.findings
    assert finding.code == "bad-row-width" and "closing quote" in finding.message


@pytest.mark.parametrize("codec", ["utf-16", "utf-32", "utf-8-sig"])
def test_text_with_a_byte_order_mark_is_read(tmp_path: Path, codec: str) -> None:
    raw = (HEADER + "11074,2023S1,tre-em,,5\n").encode(codec)
    assert raw.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_LE))
    values = load(tmp_path, raw)
    assert values.findings == [] and len(values) == 1


def test_utf16_without_a_byte_order_mark_is_named_not_missing_columns(tmp_path: Path) -> None:
    """D37: UTF-16 without a BOM was reported as missing columns."""
    values = load(tmp_path, (HEADER + "11074,2023S1,tre-em,,5\n").encode("utf-16-le"))
    (finding,) = values.findings
    assert finding.code == "not-utf8"
    assert "UTF-16 text without a byte-order mark" in finding.message


def test_binary_junk_is_not_a_text_file(tmp_path: Path) -> None:
    values = load(tmp_path, b"unit,period\n\x00\x01\x02\x03garbage\xff")
    assert [f.code for f in values.findings] in (["not-text"], ["not-utf8"])


def test_a_legacy_encoding_is_named_with_how_to_save_the_file(tmp_path: Path) -> None:
    values = load(tmp_path, (HEADER + "11074,2023S1,tre-em,,5 Sơn\n").encode("cp1258"))
    (finding,) = values.findings
    assert finding.code == "not-utf8" and "CSV UTF-8" in finding.message


def test_a_semicolon_separated_file_is_read_and_said_to_be(tmp_path: Path) -> None:
    """What Excel saves on a Vietnamese Windows: `;` between cells."""
    body = HEADER.replace(",", ";") + '11074;2023S1;tre-em;"sex=male;age_group=0-2";5\n'
    body += "11083;2023S1;tre-em;;7\n"
    values = load(tmp_path, body)
    assert [(f.severity, f.code) for f in values.findings] == [
        (Severity.INFO, "separator-detected")
    ]
    assert sorted((v.unit, v.disaggregation, v.value) for v in values) == [
        ("11074", "age_group=0-2;sex=male", 5.0),
        ("11083", "", 7.0),
    ]


def test_the_separator_is_found_in_the_header_line_whatever_ends_the_lines(
    tmp_path: Path,
) -> None:
    """Found by the fuzz suite: with old Mac line endings (CR only) the whole file was
    taken for the header line, and a comma anywhere in it hid the tabs."""
    body = HEADER.replace(",", "\t") + "11074\t2023S1\ttre-em\t\t5\n11083\t2023S1\t,\t\t7\n"
    values = load(tmp_path, body.replace("\n", "\r"))
    assert [(f.code, f.location.row) for f in values.findings] == [
        ("separator-detected", 1),
        ("unknown-indicator", 3),
    ]
    assert [(v.unit, v.value) for v in values] == [("11074", 5.0)]


def test_a_semicolon_separated_submissions_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "subs.csv"
    path.write_text(
        "reporter;obligation;period;received\nubnd-11074;bao-cao-6-thang;2023S1;2023-06-07\n",
        encoding="utf-8",
    )
    loaded = load_submissions(path, small_plan())
    assert [f.code for f in loaded.findings] == ["separator-detected"]
    assert len(loaded) == 1


def test_a_header_only_table_has_no_finding_of_its_own(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "t.json").write_text("[]", encoding="utf-8")
    assert read_csv_table(tmp_path / "t.csv").findings == ()
    assert read_json_table(tmp_path / "t.json").findings == ()


def test_a_data_file_with_no_values_says_so(tmp_path: Path) -> None:
    assert [f.code for f in load(tmp_path, HEADER).findings] == ["no-values"]
    assert [f.code for f in load(tmp_path, "[]", "v.json").findings] == ["no-values"]
    assert [f.code for f in load(tmp_path, "").findings] == ["empty-file"]


def test_json_nested_too_deeply_is_malformed_json_not_a_crash(tmp_path: Path) -> None:
    values = load(tmp_path, "[" * 100_000 + "]" * 100_000, "values.json")
    (finding,) = values.findings
    assert finding.code == "bad-json" and "nested too deeply" in finding.message
