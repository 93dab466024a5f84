"""Loading data values (design §6): every problem a finding at file, row and column."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from child_welfare_plan.catalogs import Catalog, national_catalog
from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.io.datavalues import load_data_values, read_data_values
from child_welfare_plan.io.tables import Table
from child_welfare_plan.model import (
    AdministrativeUnit,
    DataValue,
    Finding,
    Indicator,
    Plan,
    Severity,
)
from child_welfare_plan.plugins import Host
from child_welfare_plan.rules.aggregate import BOOLEAN_WORDS, DataValueSet
from tests.conftest import small_plan
from tests.strategies import examples

CATALOG = national_catalog()
HEADER = "unit,period,indicator,disaggregation,value\n"


@pytest.fixture
def bare_host() -> Host:
    """A host with only the built-in plugin (CSV and JSON sources)."""
    return Host(entry_points=False)


def load(
    tmp_path: Path,
    host: Host,
    body: str,
    *,
    name: str = "values.csv",
    plan: Plan | None = None,
    catalog: Catalog = CATALOG,
) -> DataValueSet:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return load_data_values(path, plan or small_plan(), catalog, source=host.data_source_for(path))


def codes(values: DataValueSet) -> list[str]:
    return [f.code for f in values.findings]


def only(values: DataValueSet) -> Finding:
    assert len(values.findings) == 1, values.findings
    return values.findings[0]


# -- a good file --------------------------------------------------------------------------------


def test_a_good_file_loads_every_value_with_no_finding(tmp_path: Path, bare_host: Host) -> None:
    body = HEADER + (
        "11074,2023S1,tre-em,,100\n"
        "11074,2023S1,tre-em,sex=male,52\n"
        "11074,2023S1,tre-em,sex=female,48\n"
        "11083,2023S1,tre-em,age_group=0-2;sex=female,7\n"
        "11083,2023S1,tre-em,sex=female;age_group=3-5,8\n"
        "11083,2023S1,quy-bao-tro-huy-dong,,1500000.5\n"
    )
    values = load(tmp_path, bare_host, body)
    assert values.findings == []
    assert len(values) == 6
    back = {(v.unit, v.disaggregation): v.value for v in values}
    assert back[("11083", "age_group=3-5;sex=female")] == 8
    assert back[("11083", "")] == 1500000.5


def test_values_read_back_as_data_values_in_canonical_form(tmp_path: Path, bare_host: Host) -> None:
    values = load(tmp_path, bare_host, HEADER + "11074, 2023s1 ,tre-em, sex = male ,5\n")
    assert list(values) == [
        DataValue(
            unit="11074", period="2023S1", indicator="tre-em", disaggregation="sex=male", value=5
        )
    ]


def test_the_disaggregation_column_may_be_left_out_for_totals(
    tmp_path: Path, bare_host: Host
) -> None:
    body = "unit,period,indicator,value,note\n11074,2023S1,tre-em,5,x\n11074,2023S1,tre-em\n"
    values = load(tmp_path, bare_host, body)
    assert [(f.code, f.location.row) for f in values.findings] == [("bad-row-width", 3)]
    assert "3 cells but the header has 5 columns" in values.findings[0].message
    assert [v.value for v in values] == [5]


def test_crlf_quotes_and_a_bom_read_the_same_as_plain_csv(tmp_path: Path, bare_host: Host) -> None:
    plain = HEADER + "11074,2023S1,tre-em,age_group=0-2;sex=male,5\n11074,2023S1,tre-em,,9\n"
    fancy = (
        "\ufeff"
        + HEADER.replace("\n", "\r\n")
        + ('"11074","2023S1",tre-em,"age_group=0-2;sex=male",5\r\n11074,2023S1,tre-em,,"9"\r\n')
    )
    a = load(tmp_path, bare_host, plain, name="a.csv")
    b = load(tmp_path, bare_host, fancy, name="b.csv")
    assert list(a) == list(b)
    assert b.findings == []


# -- units ----------------------------------------------------------------------------------------


def test_unknown_unit(tmp_path: Path, bare_host: Host) -> None:
    finding = only(load(tmp_path, bare_host, HEADER + "99999,2023S1,tre-em,,5\n"))
    assert (finding.code, finding.location.row, finding.location.column) == (
        "unknown-unit",
        2,
        "unit",
    )
    assert finding.location.file is not None and finding.location.file.endswith("values.csv")
    assert "99999" in finding.message


def test_a_code_that_lost_its_leading_zeros_is_named_in_the_finding(
    tmp_path: Path, bare_host: Host
) -> None:
    """A spreadsheet drops the zeros of a code typed as a number (``4`` for ``00004``):
    the row is still refused, and the finding says which code it probably was."""
    units = [
        AdministrativeUnit(code="01", name="Thành phố Hà Nội", level="province"),
        AdministrativeUnit(code="001", name="Quận Ba Đình", level="district", parent="01"),
        AdministrativeUnit(code="00004", name="Phường Trúc Bạch", level="commune", parent="001"),
    ]
    plan = attrs.evolve(small_plan(), area="001", units=units, agencies=[], obligations=[])
    body = HEADER + "4,2023S1,tre-em,,5\n00004,2023S1,tre-em,,6\n99999,2023S1,tre-em,,7\n"
    values = load(tmp_path, bare_host, body, plan=plan)
    lost, unknown = values.findings
    assert (lost.code, lost.location.row) == ("unknown-unit", 2)
    assert "did you mean 00004 (Phường Trúc Bạch)?" in lost.message
    assert "leading zeros" in lost.message
    assert (unknown.code, unknown.location.row) == ("unknown-unit", 4)
    assert "did you mean" not in unknown.message
    assert [v.value for v in values] == [6]


def test_a_unit_outside_the_plans_area(tmp_path: Path, bare_host: Host) -> None:
    units = [
        *small_plan().units,
        AdministrativeUnit(code="299", name="Huyện khác", level="district", parent="30"),
        AdministrativeUnit(code="11200", name="Xã khác", level="commune", parent="299"),
    ]
    plan = Plan(id="p", title="t", year=2023, issuer="u", area="298", units=units)
    finding = only(load(tmp_path, bare_host, HEADER + "11200,2023S1,tre-em,,5\n", plan=plan))
    assert finding.code == "unit-outside-area"
    assert "outside the plan's area 298" in finding.message


def test_a_value_for_a_district_is_refused_it_is_rolled_up(tmp_path: Path, bare_host: Host) -> None:
    finding = only(load(tmp_path, bare_host, HEADER + "298,2023S1,tre-em,,5\n"))
    assert (finding.code, finding.location.column) == ("not-a-reporting-unit", "unit")


def test_a_unit_that_did_not_exist_in_the_period(tmp_path: Path, bare_host: Host) -> None:
    units = [
        AdministrativeUnit(code="30", name="Tỉnh", level="province"),
        AdministrativeUnit(code="298", name="Huyện", level="district", parent="30"),
        AdministrativeUnit(
            code="11074", name="Xã", level="commune", parent="298", valid_from=date(2024, 12, 1)
        ),
    ]
    plan = Plan(id="p", title="t", year=2023, issuer="u", area="298", units=units)
    finding = only(load(tmp_path, bare_host, HEADER + "11074,2023S1,tre-em,,5\n", plan=plan))
    assert (finding.code, finding.location.column) == ("unit-inactive", "unit")


# -- indicators, dimensions ---------------------------------------------------------------------


def test_unknown_indicator(tmp_path: Path, bare_host: Host) -> None:
    finding = only(load(tmp_path, bare_host, HEADER + "11074,2023S1,tre-em2,,5\n"))
    assert (finding.code, finding.location.column) == ("unknown-indicator", "indicator")
    assert "tre-em2" in finding.message and "tre-em-hcdb" in finding.message


@pytest.mark.parametrize("code", ["ty-le-tu-vong-tntt", "ty-le-xa-phu-hop-tre-em"])
def test_a_value_for_a_ratio_or_share_is_refused(
    tmp_path: Path, bare_host: Host, code: str
) -> None:
    finding = only(load(tmp_path, bare_host, HEADER + f"11074,2023S1,{code},,5\n"))
    assert (finding.code, finding.location.column) == ("computed-indicator", "indicator")
    assert "computed" in finding.message


def test_unknown_dimension(tmp_path: Path, bare_host: Host) -> None:
    finding = only(load(tmp_path, bare_host, HEADER + "11074,2023S1,tre-em,gender=male,5\n"))
    assert (finding.code, finding.location.column) == ("unknown-dimension", "disaggregation")


def test_a_dimension_the_indicator_is_not_broken_down_by(tmp_path: Path, bare_host: Host) -> None:
    finding = only(load(tmp_path, bare_host, HEADER + "11074,2023S1,tre-em,form=bao-luc,5\n"))
    assert finding.code == "dimension-not-allowed"
    assert "sex, age_group" in finding.message


def test_unknown_dimension_value(tmp_path: Path, bare_host: Host) -> None:
    finding = only(load(tmp_path, bare_host, HEADER + "11074,2023S1,tre-em,age_group=0-5,5\n"))
    assert (finding.code, finding.location.column) == ("unknown-dimension-value", "disaggregation")
    assert "0-2, 3-5, 6-10, 11-15" in finding.message


@pytest.mark.parametrize("text", ["sex", "sex=male;sex=female", "=male"])
def test_an_unreadable_disaggregation(tmp_path: Path, bare_host: Host, text: str) -> None:
    finding = only(load(tmp_path, bare_host, HEADER + f"11074,2023S1,tre-em,{text},5\n"))
    assert finding.code == "bad-disaggregation"


# -- periods ------------------------------------------------------------------------------------


def test_a_value_needs_a_period(tmp_path: Path, bare_host: Host) -> None:
    finding = only(load(tmp_path, bare_host, HEADER + "11074,,tre-em,,5\n"))
    assert (finding.code, finding.location.column) == ("missing-period", "period")


def test_an_unreadable_period(tmp_path: Path, bare_host: Host) -> None:
    finding = only(load(tmp_path, bare_host, HEADER + "11074,2023H1,tre-em,,5\n"))
    assert (finding.code, finding.location.column) == ("bad-period", "period")
    assert "2023H1" in finding.message


@pytest.mark.parametrize("period", ["2023W05", "20230615"])
def test_weeks_and_days_are_not_reporting_periods(
    tmp_path: Path, bare_host: Host, period: str
) -> None:
    """Decree 09/2019/NĐ-CP Art. 12 sets monthly, quarterly, six-monthly and yearly reports."""
    finding = only(load(tmp_path, bare_host, HEADER + f"11074,{period},tre-em,,5\n"))
    assert finding.code == "period-type-not-allowed"
    assert "monthly, quarterly, sixmonthly, yearly" in finding.message


def test_an_indicator_may_narrow_its_period_types(tmp_path: Path, bare_host: Host) -> None:
    yearly = Indicator(
        code="nam", name="Năm", name_en="Yearly", value_type="count", period_types=["yearly"]
    )
    catalog = CATALOG.merged(Catalog(indicators=[yearly]))
    values = load(
        tmp_path, bare_host, HEADER + "11074,2023,nam,,1\n11074,2023S1,nam,,1\n", catalog=catalog
    )
    assert codes(values) == ["period-type-not-allowed"]
    assert values.findings[0].location.row == 3


# -- values ---------------------------------------------------------------------------------------


def test_a_negative_count(tmp_path: Path, bare_host: Host) -> None:
    finding = only(load(tmp_path, bare_host, HEADER + "11074,2023S1,tre-em,,-3\n"))
    assert (finding.code, finding.location.column) == ("negative-value", "value")


def test_a_negative_amount(tmp_path: Path, bare_host: Host) -> None:
    finding = only(load(tmp_path, bare_host, HEADER + "11074,2023S1,quy-bao-tro-huy-dong,,-1\n"))
    assert finding.code == "negative-value"


def test_a_fractional_count(tmp_path: Path, bare_host: Host) -> None:
    finding = only(load(tmp_path, bare_host, HEADER + "11074,2023S1,tre-em,,2.5\n"))
    assert (finding.code, finding.location.column) == ("fractional-count", "value")


@pytest.mark.parametrize("text", ["abc", '"1.234,5"', "nan", "inf", "12 trẻ"])
def test_an_unreadable_number(tmp_path: Path, bare_host: Host, text: str) -> None:
    finding = only(load(tmp_path, bare_host, HEADER + f"11074,2023S1,tre-em,,{text}\n"))
    assert (finding.code, finding.location.column) == ("bad-value", "value")


def test_an_empty_value(tmp_path: Path, bare_host: Host) -> None:
    finding = only(load(tmp_path, bare_host, HEADER + "11074,2023S1,tre-em,,\n"))
    assert (finding.code, finding.location.column) == ("missing-cell", "value")


@pytest.mark.parametrize(
    ("text", "expected"),
    [*BOOLEAN_WORDS.items(), ("Có", 1.0), ("KHÔNG", 0.0), ("True", 1.0), (" 1 ", 1.0)],
)
def test_yes_no_values(tmp_path: Path, bare_host: Host, text: str, expected: float) -> None:
    values = load(tmp_path, bare_host, HEADER + f"11074,2023S1,xa-phu-hop-tre-em,,{text}\n")
    assert values.findings == []
    assert [v.value for v in values] == [expected]


@pytest.mark.parametrize("text", ["2", "yes", "đạt", ""])
def test_a_yes_no_value_that_is_neither(tmp_path: Path, bare_host: Host, text: str) -> None:
    finding = only(load(tmp_path, bare_host, HEADER + f"11074,2023S1,xa-phu-hop-tre-em,,{text}\n"))
    assert finding.code == "bad-boolean"


def test_an_identical_duplicate_counts_once_with_a_warning(tmp_path: Path, bare_host: Host) -> None:
    body = HEADER + "11074,2023S1,tre-em,,5\n11074,2023S1,tre-em,,5\n"
    values = load(tmp_path, bare_host, body)
    finding = only(values)
    assert (finding.severity, finding.code, finding.location.row) == (
        Severity.WARNING,
        "duplicate-value",
        3,
    )
    assert "row 2" in finding.message
    assert len(values) == 1


def test_the_same_key_twice_with_different_values(tmp_path: Path, bare_host: Host) -> None:
    body = (
        HEADER
        + "11074,2023S1,tre-em,age_group=0-2;sex=male,5\n"
        + "11074,2023s1,tre-em,sex=male;age_group=0-2,6\n"
    )
    finding = only(load(tmp_path, bare_host, body))
    assert (finding.severity, finding.code, finding.location.row) == (
        Severity.ERROR,
        "conflicting-value",
        3,
    )
    assert "6 differs from 5" in finding.message


# -- totals and breakdowns ------------------------------------------------------------------------


def test_a_total_that_disagrees_with_its_breakdown(tmp_path: Path, bare_host: Host) -> None:
    body = HEADER + (
        "11074,2023S1,tre-em,,100\n11074,2023S1,tre-em,sex=male,50\n11074,2023S1,tre-em,sex=female,49\n"
    )
    finding = only(load(tmp_path, bare_host, body))
    assert (finding.code, finding.location.row, finding.location.column) == (
        "total-mismatch",
        2,
        "value",
    )
    assert "100 disagrees with the sum 99 of its breakdown by sex (rows 3, 4)" in finding.message


def test_two_breakdowns_without_a_total_must_agree(tmp_path: Path, bare_host: Host) -> None:
    body = HEADER + "".join(
        f"11074,2023S1,tre-em-tu-vong-tntt,{key},{n}\n"
        for key, n in [("sex=male", 1), ("sex=female", 1)]
        + [
            (f"cause={c}", 1 if c == "duoi-nuoc" else 0)
            for c in ("duoi-nuoc", "tai-nan-giao-thong", "nga", "bong", "ngo-doc", "khac")
        ]
    )
    finding = only(load(tmp_path, bare_host, body))
    assert finding.code == "total-mismatch"
    assert "by cause adds up to 1 but the breakdown by sex adds up to 2" in finding.message


def test_a_cell_of_a_two_way_table_is_checked_against_its_row(
    tmp_path: Path, bare_host: Host
) -> None:
    body = HEADER + (
        "11074,2023S1,tre-em,sex=female,10\n"
        + "".join(
            f"11074,2023S1,tre-em,age_group={a};sex=female,{n}\n"
            for a, n in (("0-2", 1), ("3-5", 2), ("6-10", 3), ("11-15", 5))
        )
    )
    finding = only(load(tmp_path, bare_host, body))
    assert finding.code == "total-mismatch"
    assert "the value for sex=female 10 disagrees with the sum 11" in finding.message


def test_an_incomplete_breakdown_is_neither_checked_nor_summed(
    tmp_path: Path, bare_host: Host
) -> None:
    body = HEADER + "11074,2023S1,tre-em,,100\n11074,2023S1,tre-em,sex=male,500\n"
    assert load(tmp_path, bare_host, body).findings == []


def test_a_missing_total_is_derived_from_a_complete_breakdown(
    tmp_path: Path, bare_host: Host
) -> None:
    from child_welfare_plan.rules.aggregate import aggregate

    body = HEADER + "11074,2023S1,tre-em,sex=male,5\n11074,2023S1,tre-em,sex=female,6\n"
    values = load(tmp_path, bare_host, body)
    assert len(values) == 2  # the derived total is not a reported value
    result = aggregate(small_plan(), values, CATALOG, level="commune")
    found = result.get("11074", "2023S1", "tre-em")
    assert found is not None and found.value == 11


# -- everything at once, files -------------------------------------------------------------------


def test_every_problem_is_reported_at_once(tmp_path: Path, bare_host: Host) -> None:
    body = HEADER + (
        "99999,2023S1,tre-em,,5\n"  # unit
        "11074,2023S1,khong-co,,5\n"  # indicator
        "11074,2023X1,tre-em,,5\n"  # period
        "11074,2023S1,tre-em,sex=x,5\n"  # dimension value
        "11074,2023S1,tre-em,,-1\n"  # negative
        "99999,2023S1,khong-co,,5\n"  # two problems in one row
        "11083,2023S1,tre-em,,7\n"  # fine
    )
    values = load(tmp_path, bare_host, body)
    assert [(f.code, f.location.row) for f in values.findings] == [
        ("unknown-unit", 2),
        ("unknown-indicator", 3),
        ("bad-period", 4),
        ("unknown-dimension-value", 5),
        ("negative-value", 6),
        ("unknown-unit", 7),
        ("unknown-indicator", 7),
    ]
    assert len(values) == 1


def test_missing_columns(tmp_path: Path, bare_host: Host) -> None:
    finding = only(load(tmp_path, bare_host, "unit,period,value\n11074,2023S1,5\n"))
    assert (finding.code, finding.location.row) == ("missing-column", 1)
    assert "indicator" in finding.message


def test_rows_of_the_wrong_width_and_blank_lines(tmp_path: Path, bare_host: Host) -> None:
    body = HEADER + "11074,2023S1,tre-em,,5\n\n11074,2023S1\n11083,2023S1,tre-em,,6\n"
    values = load(tmp_path, bare_host, body)
    assert [(f.code, f.location.row) for f in values.findings] == [("bad-row-width", 4)]
    assert len(values) == 2


def test_a_file_with_a_header_only(tmp_path: Path, bare_host: Host) -> None:
    assert codes(load(tmp_path, bare_host, HEADER)) == ["no-values"]


def test_a_file_that_is_not_utf8(tmp_path: Path, bare_host: Host) -> None:
    path = tmp_path / "values.csv"
    path.write_bytes((HEADER + "11074,2023S1,tre-em,,5\n").encode() + b"X\xe3\n")
    values = load_data_values(path, small_plan(), CATALOG, source=bare_host.data_source_for(path))
    assert codes(values) == ["not-utf8"]


def test_json_rows_count_from_one_and_a_breakdown_may_be_an_object(
    tmp_path: Path, bare_host: Host
) -> None:
    rows = [
        {"unit": "11074", "period": "2023S1", "indicator": "tre-em", "value": 5},
        {
            "unit": 11083,
            "period": "2023S1",
            "indicator": "tre-em",
            "disaggregation": {"sex": "female", "age_group": "0-2"},
            "value": 2,
        },
        {"unit": "11083", "period": "2023S1", "indicator": "xa-phu-hop-tre-em", "value": True},
        {"unit": "11083", "period": "2023S1", "indicator": "tre-em", "value": "many"},
    ]
    values = load(tmp_path, bare_host, json.dumps({"values": rows}), name="values.json")
    assert [(f.code, f.location.row, f.location.column) for f in values.findings] == [
        ("bad-value", 4, "value")
    ]
    assert sorted((v.unit, v.disaggregation, v.value) for v in values) == [
        ("11074", "", 5),
        ("11083", "", 1.0),
        ("11083", "age_group=0-2;sex=female", 2),
    ]


def test_a_plugin_data_source_goes_through_the_same_checks(tmp_path: Path) -> None:
    from child_welfare_plan.plugins import DataSource, hookimpl

    class TabSource:
        @hookimpl
        def register_data_sources(self) -> list[DataSource]:
            def read(path: Path) -> Table:
                lines = path.read_text(encoding="utf-8").splitlines()
                rows = [line.split("\t") for line in lines]
                return Table(str(path), tuple(rows[0]), rows[1:], range(2, len(rows) + 1))

            return [DataSource("tsv", (".tsv",), read)]

    host = Host(entry_points=False, plugins=[("tsv", TabSource())])
    body = "unit\tperiod\tindicator\tvalue\n11074\t2023S1\ttre-em\t5\n11074\t2023S1\ttre-em\t-5\n"
    values = load(tmp_path, host, body, name="values.tsv")
    assert [(f.code, f.location.row) for f in values.findings] == [("negative-value", 3)]
    assert len(values) == 1


def test_read_data_values_keeps_the_tables_own_findings() -> None:
    problem = Finding.error("bad-csv", "malformed", file="x.csv", row=9)
    table = Table(
        "x.csv",
        ("unit", "period", "indicator", "value"),
        [["11074", "2023S1", "tre-em", "1"]],
        [2],
        (problem,),
    )
    values = read_data_values(table, small_plan(), CATALOG)
    assert values.findings == [problem]
    assert len(values) == 1


def test_nothing_may_be_added_after_finish() -> None:
    values = DataValueSet(small_plan(), CATALOG).finish()
    with pytest.raises(InvalidValueError, match="after finish"):
        values.add("11074", "2023S1", "tre-em", 1)


def test_add_takes_a_mapping_breakdown() -> None:
    values = DataValueSet(small_plan(), CATALOG)
    values.add("11074", "2023S1", "tre-em", "4", {"sex": "male"})
    assert [(v.disaggregation, v.value) for v in values.finish()] == [("sex=male", 4.0)]


@settings(max_examples=examples(50), deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["11074", "11083", "298", "99999", ""]),
            st.sampled_from(["2023S1", "2023", "2023W01", "", "x"]),
            st.sampled_from(
                ["tre-em", "tre-em-hcdb", "ty-le-tu-vong-tntt", "nope", "xa-phu-hop-tre-em"]
            ),
            st.sampled_from(["", "sex=male", "sex=female", "category=art10-a", "bad", "sex=x"]),
            st.sampled_from(["1", "2", "-1", "1.5", "x", "", "có"]),
        ),
        max_size=30,
    )
)
def test_no_row_is_dropped_in_silence(rows: list[tuple[str, str, str, str, str]]) -> None:
    """Every row is accepted, counted as an identical duplicate, or has a finding."""
    values = DataValueSet(small_plan(), CATALOG, source="x.csv")
    values.extend((i, u, p, ind, key, v) for i, (u, p, ind, key, v) in enumerate(rows, start=2))
    values.finish()
    flagged = {f.location.row for f in values.findings if f.code != "total-mismatch"}
    blank = {i for i, row in enumerate(rows, start=2) if not any(row)}
    accepted = len(values)
    assert accepted + len(flagged) + len(blank) >= len(rows)
    assert accepted <= len(rows)


def test_values_added_without_a_row_are_reported_without_one() -> None:
    values = DataValueSet(small_plan(), CATALOG)
    values.add("11074", "2023S1", "tre-em", 10)
    values.add("11074", "2023S1", "tre-em", 4, "sex=male")
    values.add("11074", "2023S1", "tre-em", 5, "sex=female")
    finding = only(values.finish())
    assert finding.code == "total-mismatch"
    assert finding.location.row is None
    assert "rows" not in finding.message


@settings(max_examples=examples(200), deadline=None)
@given(text=st.text(alphabet="ab,\n", max_size=60), size=st.integers(1, 8))
def test_reading_a_plain_file_in_pieces_gives_its_lines(text: str, size: int) -> None:
    """The fast CSV path splits the file in pieces of whole lines; together they are the
    file's lines (a final line break ends the last line, it does not start a new one)."""
    from child_welfare_plan.io.tables import _chunks

    pieces = [line for chunk in _chunks(text, 0, size) for line in chunk.split("\n")]
    lines = text.split("\n")
    if text.endswith("\n"):
        lines = lines[:-1]
    assert pieces == (lines if text else [])
