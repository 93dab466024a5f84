"""DHIS2 dataValueSets in and out (issue 14): the JSON and CSV shapes of DHIS2's Web API,
identifiers as codes or through a pack's mapping, period ids both ways, and export then
import giving the same values.

The fixtures below are written for these tests in the structure of the examples of the
DHIS2 documentation (Developer guide › Web API › Data: "Sending data values", "Sending
bulks", "Reading data values", "CSV data value format"), with this library's codes or with
the documentation's example identifiers in a mapping; the documentation's text is not
copied.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from child_welfare_plan.catalogs import Catalog, national_catalog
from child_welfare_plan.cli import main
from child_welfare_plan.errors import ExportWarning, ParseError
from child_welfare_plan.formats.dhis2 import dhis2_values
from child_welfare_plan.io.datavalues import load_data_values
from child_welfare_plan.io.dhis2 import (
    CSV_HEADER,
    DHIS2_COLUMNS,
    Dhis2Ids,
    from_dhis2_period,
    looks_like_dhis2_json,
    to_dhis2_period,
)
from child_welfare_plan.model import DataValue, Plan
from child_welfare_plan.model.periods import Period, PeriodType
from child_welfare_plan.plugins import Host, dhis2_formats, dhis2_sources, hookimpl
from child_welfare_plan.reports.aggregate import aggregate_report
from child_welfare_plan.reports.base import Report
from child_welfare_plan.rules.aggregate import (
    AggregateResult,
    AggregateRow,
    DataValueSet,
    aggregate,
)
from tests.conftest import small_plan
from tests.strategies import TEST_CATALOG, aggregate_plans, examples, values_for

CATALOG = national_catalog()


@pytest.fixture(scope="module")
def bare_host() -> Host:
    return Host(entry_points=False)


def load(
    path: Path, host: Host, plan: Plan | None = None, catalog: Catalog | None = None
) -> DataValueSet:
    return load_data_values(
        path,
        plan or small_plan(),
        catalog or CATALOG,
        source=host.data_source_for(path),
    )


def write(tmp_path: Path, name: str, body: object) -> Path:
    path = tmp_path / name
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def triples(values: DataValueSet) -> set[tuple[str, str, str, str, float]]:
    return {(v.unit, v.period, v.indicator, v.disaggregation, v.value) for v in values}


# -- periods -----------------------------------------------------------------------------


def test_period_ids_translate_as_the_dhis2_period_table_writes_them() -> None:
    """DHIS2 documentation, Web API › Overview › "Date and period format": 20040315, 2004W10,
    200403, 2004Q1, 2004S1, 2004; DHIS2 writes weeks without a leading zero (2004W1)."""
    for same in ("20040315", "2004W10", "200403", "2004Q1", "2004S1", "2004"):
        assert to_dhis2_period(from_dhis2_period(same)) == same
    assert to_dhis2_period("2023W05") == "2023W5"
    assert from_dhis2_period("2023W5") == "2023W05"
    assert from_dhis2_period("2023-01") == "202301"  # DHIS2 2.43 also reads yyyy-MM
    assert from_dhis2_period("2023-01-15") == "20230115"


@pytest.mark.parametrize(
    ("period", "kind"),
    [
        ("200401B", "BiMonthly"),
        ("2015BiW1", "BiWeekly"),
        ("2015WedW5", "Weekly (not starting on Monday)"),
        ("2015SunW8", "Weekly (not starting on Monday)"),
        ("2004AprilS1", "SixMonthly (April or November)"),
        ("2004April", "Financial year"),
        ("2004July", "Financial year"),
        ("2004Oct", "Financial year"),
    ],
)
def test_dhis2_period_types_with_no_match_are_named(period: str, kind: str) -> None:
    """The other rows of the documentation's period table have no period type here."""
    with pytest.raises(ParseError, match=kind.replace("(", r"\(").replace(")", r"\)")):
        from_dhis2_period(period)


_PERIOD_TYPES = st.sampled_from(list(PeriodType))


@given(kind=_PERIOD_TYPES, year=st.integers(1900, 2100), index=st.integers(1, 366))
@settings(max_examples=examples(200))
def test_period_ids_round_trip_through_dhis2(kind: PeriodType, year: int, index: int) -> None:
    if kind is PeriodType.DAILY:
        first = Period(PeriodType.YEARLY, year).start
        day = first.fromordinal(first.toordinal() + index - 1)
        if day.year != year:  # day 366 of a common year
            return
        period = Period(kind, year, day)
    else:
        highest = {"weekly": 52, "monthly": 12, "quarterly": 4, "sixmonthly": 2, "yearly": 1}
        period = Period(kind, year, (index - 1) % highest[kind.value] + 1)
    assert from_dhis2_period(to_dhis2_period(period.id)) == period.id


# -- in: the shapes of the documentation ---------------------------------------------------


def test_a_set_with_set_level_period_and_unit_as_in_sending_data_values(
    tmp_path: Path, bare_host: Host
) -> None:
    """'Sending data values': dataSet, completeDate, period and orgUnit on the set; values
    with only dataElement and value (a string)."""
    body = {
        "dataSet": "bao-cao-6-thang",
        "completeDate": "2023-06-10",
        "period": "2023S1",
        "orgUnit": "11074",
        "dataValues": [
            {"dataElement": "tre-em", "value": "120"},
            {"dataElement": "tre-em-bi-xam-hai", "value": "2"},
            {"dataElement": "quy-bao-tro-huy-dong", "value": 1500000.5},
        ],
    }
    values = load(write(tmp_path, "dv.json", body), bare_host)
    assert values.findings == []
    assert triples(values) == {
        ("11074", "2023S1", "tre-em", "", 120.0),
        ("11074", "2023S1", "tre-em-bi-xam-hai", "", 2.0),
        ("11074", "2023S1", "quy-bao-tro-huy-dong", "", 1500000.5),
    }


def test_a_bulk_set_with_a_period_and_unit_on_every_value_and_uids_mapped(
    tmp_path: Path,
) -> None:
    """'Sending bulks' and 'Reading data values': period and orgUnit on each value, UIDs
    (the documentation's own example UIDs here, in a pack's mapping), the COC by UID."""
    ids = Dhis2Ids(
        data_elements={"tre-em": "f7n9E0hX8qk"},
        org_units={"11074": "DiszpKrYNg8", "11083": "FNnj3jKGS7i"},
        category_option_combos={"": "bRowv6yZOF2", "sex=male": "Prlt0C1RF0s"},
        attribute_option_combo="bRowv6yZOF2",
        id_scheme="UID",
    )
    host = Host(entry_points=False, plugins=[("instance", _Instance(ids))])
    body = {
        "dataSet": "pBOMPrpg1QX",
        "period": "2023S1",
        "orgUnit": "DiszpKrYNg8",
        "dataValues": [
            {
                "dataElement": "f7n9E0hX8qk",
                "categoryOptionCombo": "bRowv6yZOF2",
                "period": "2023S1",
                "orgUnit": "DiszpKrYNg8",
                "value": "12",
            },
            {
                "dataElement": "f7n9E0hX8qk",
                "categoryOptionCombo": "Prlt0C1RF0s",
                "attributeOptionCombo": "bRowv6yZOF2",
                "period": "2023S1",
                "orgUnit": "DiszpKrYNg8",
                "value": "7",
            },
            {"dataElement": "f7n9E0hX8qk", "orgUnit": "FNnj3jKGS7i", "value": "14"},
        ],
    }
    values = load(write(tmp_path, "dv.json", body), host)
    assert values.findings == []
    assert triples(values) == {
        ("11074", "2023S1", "tre-em", "", 12.0),
        ("11074", "2023S1", "tre-em", "sex=male", 7.0),
        ("11083", "2023S1", "tre-em", "", 14.0),
    }


def test_csv_with_the_documentations_short_header_names(tmp_path: Path, bare_host: Host) -> None:
    """'CSV data value format': the header row (dataelement, period, orgunit, catoptcombo,
    attroptcombo, value, storedby, lastupdated, comment, flwup) names the columns."""
    body = (
        "dataelement,period,orgunit,catoptcombo,attroptcombo,value,storedby,lastupdated,"
        "comment,flwup\n"
        "tre-em,2023S1,11074,default,default,12,system,2023-06-05T19:58:12.000,c1,false\n"
        'tre-em,2023S1,11074,sex=male,,7,system,2023-06-05T19:58:12.000,"c, 2",false\n'
        "tre-em,2023S1,11083,,,14,system,2023-06-05T19:58:12.000,,false\n"
    )
    path = write(tmp_path, "dv.csv", body)
    assert bare_host.data_source_for(path).name == "dhis2-csv"
    values = load(path, bare_host)
    assert values.findings == []
    assert triples(values) == {
        ("11074", "2023S1", "tre-em", "", 12.0),
        ("11074", "2023S1", "tre-em", "sex=male", 7.0),
        ("11083", "2023S1", "tre-em", "", 14.0),
    }


def test_a_category_option_combo_given_as_an_object_of_options(
    tmp_path: Path, bare_host: Host
) -> None:
    """DHIS2 2.43 also takes the combination as categories and their options."""
    body = {
        "dataValues": [
            {
                "dataElement": "tre-em",
                "period": "2023S1",
                "orgUnit": "11074",
                "categoryOptionCombo": {"sex": "female", "age_group": "0-2"},
                "value": "5",
            }
        ]
    }
    values = load(write(tmp_path, "dv.json", body), bare_host)
    assert triples(values) == {("11074", "2023S1", "tre-em", "age_group=0-2;sex=female", 5.0)}


def test_bad_values_are_findings_located_by_dhis2_key(tmp_path: Path, bare_host: Host) -> None:
    body = {
        "dataValues": [
            {"dataElement": "tre-em", "period": "2023S1", "orgUnit": "99999", "value": "1"},
            {"dataElement": "tre-em", "period": "202301B", "orgUnit": "11074", "value": "1"},
            {
                "dataElement": "tre-em",
                "period": "2023S1",
                "orgUnit": "11074",
                "categoryOptionCombo": "V6L425pT3A0",
                "value": "1",
            },
            {
                "dataElement": "tre-em",
                "period": "2023S1",
                "orgUnit": "11074",
                "attributeOptionCombo": "other",
                "value": "1",
            },
            {
                "dataElement": "tre-em",
                "period": "2023S1",
                "orgUnit": "11074",
                "value": "1",
                "deleted": True,
            },
            {"dataElement": "tre-em", "period": "2023S1", "orgUnit": "11074", "value": "3"},
        ]
    }
    values = load(write(tmp_path, "dv.json", body), bare_host)
    got = [(f.code, f.location.row, f.location.column) for f in values.findings]
    assert sorted(got, key=lambda g: g[1] or 0) == [
        ("unknown-unit", 1, "orgUnit"),
        ("bad-period", 2, "period"),
        ("unknown-category-option-combo", 3, "categoryOptionCombo"),
        ("attribute-option-combo", 4, "attributeOptionCombo"),
        ("deleted-value", 5, "deleted"),
    ]
    assert "BiMonthly" in next(f.message for f in values.findings if f.code == "bad-period")
    assert triples(values) == {("11074", "2023S1", "tre-em", "", 3.0)}


def test_plain_json_and_csv_are_not_taken_for_dataValueSets(
    tmp_path: Path, bare_host: Host
) -> None:
    array = write(tmp_path, "a.json", [{"unit": "11074", "value": 1}])
    wrapped = write(tmp_path, "b.json", {"values": [{"unit": "11074"}]})
    dvs = write(tmp_path, "c.json", {"period": "2023", "dataValues": []})
    plain = write(tmp_path, "d.csv", "unit,period,indicator,disaggregation,value\n")
    assert [bare_host.data_source_for(p).name for p in (array, wrapped, dvs, plain)] == [
        "json",
        "json",
        "dhis2-json",
        "csv",
    ]
    assert not looks_like_dhis2_json(tmp_path / "missing.json")


# -- out -----------------------------------------------------------------------------------


def _report(values: list[DataValue], plan: Plan | None = None, level: str = "commune") -> object:
    plan = plan or small_plan()
    result = aggregate(plan, values, CATALOG, level=level)
    return aggregate_report(result, plan, tables=False)


VALUES = [
    DataValue(unit="11074", period="2023S1", indicator="tre-em", value=100),
    DataValue(unit="11074", period="2023S2", indicator="tre-em", value=104),
    DataValue(
        unit="11074", period="2023S1", indicator="tre-em", disaggregation="sex=male", value=52
    ),
    DataValue(
        unit="11074", period="2023S1", indicator="tre-em", disaggregation="sex=female", value=48
    ),
    DataValue(unit="11074", period="2023S1", indicator="tre-em-hcdb", value=5),
    DataValue(unit="11083", period="2023S1", indicator="tre-em", value=80),
]


def test_json_export_has_the_keys_and_string_values_of_a_dataValueSet() -> None:
    """DHIS2 documentation, 'Sending bulks': dataValues with dataElement, period, orgUnit,
    categoryOptionCombo, attributeOptionCombo and a string value; idScheme CODE."""
    fmt = dhis2_formats()[0]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = fmt.render(_report(VALUES))
    body = json.loads(text)
    assert body["idScheme"] == "CODE"
    rows = body["dataValues"]
    assert all(list(row) == list(DHIS2_COLUMNS) for row in rows)
    assert all(isinstance(row["value"], str) for row in rows)
    got = {(r["dataElement"], r["period"], r["orgUnit"], r["categoryOptionCombo"]) for r in rows}
    assert ("tre-em", "2023S1", "11074", "default") in got
    assert ("tre-em", "2023S1", "11074", "sex=male") in got
    assert all(r["attributeOptionCombo"] == "default" for r in rows)
    # No ratio (DHIS2 computes its indicators), no year made of the halves also written.
    assert {r["dataElement"] for r in rows} == {"tre-em", "tre-em-hcdb"}
    assert "2023" not in {r["period"] for r in rows}
    # The small plan counts periods under nd09: the export says so.
    assert any(issubclass(w.category, ExportWarning) and "nd09" in str(w.message) for w in caught)


def test_csv_export_has_dhis2s_header() -> None:
    with pytest.warns(ExportWarning, match="nd09"):
        text = dhis2_formats()[1].render(_report(VALUES))
    assert isinstance(text, str)
    lines = text.splitlines()
    assert lines[0] == ",".join(CSV_HEADER)
    assert "tre-em,2023S1,11074,default,default,100" in lines


def test_a_calendar_plan_exports_without_a_warning() -> None:
    plan = small_plan()
    import attrs

    calendar = attrs.evolve(plan, period_convention="calendar")
    with warnings.catch_warnings():
        warnings.simplefilter("error", ExportWarning)
        dhis2_formats()[0].render(_report(VALUES, calendar))


def test_the_command_line_warns_of_the_nd09_convention(
    host: Host, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write(
        tmp_path,
        "values.csv",
        "unit,period,indicator,disaggregation,value\n11074,2023S1,tre-em,,100\n",
    )
    out = tmp_path / "dv.json"
    code = main(["aggregate", "thu-2023", "--data", str(data), "-f", "dhis2-json", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 0
    assert "cwp: cảnh báo:" in err and "nd09" in err and "Nghị định 09/2019" in err
    assert json.loads(out.read_text(encoding="utf-8"))["dataValues"][0]["value"] == "100"
    # -o FILE.json alone still writes the library's JSON, not a dataValueSet.
    plain = tmp_path / "a.json"
    assert main(["aggregate", "thu-2023", "--data", str(data), "-o", str(plain)]) == 0
    assert "values" in json.loads(plain.read_text(encoding="utf-8"))


@pytest.mark.usefixtures("in_english")
def test_only_aggregates_render_as_dataValueSets(
    host: Host, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "thu-2023", "--format", "dhis2-json"]) == 2
    assert "cannot render" in capsys.readouterr().err


# -- out then in ---------------------------------------------------------------------------


class _Instance:
    """A pack that knows its DHIS2 instance's identifiers."""

    def __init__(self, ids: Dhis2Ids) -> None:
        self.ids = ids

    @hookimpl
    def register_output_formats(self) -> object:
        return dhis2_formats(self.ids)

    @hookimpl
    def register_data_sources(self) -> object:
        return dhis2_sources(self.ids)


def _uids(plan: Plan) -> Dhis2Ids:
    combos = {"": "HllvX50cXC0"}
    return Dhis2Ids(
        data_elements={i.code: f"DE{n:09d}" for n, i in enumerate(TEST_CATALOG.indicators)},
        org_units={u.code: f"OU{n:09d}" for n, u in enumerate(plan.units)},
        category_option_combos=combos,
        attribute_option_combo="HllvX50cXC0",
        id_scheme="UID",
    )


@settings(max_examples=examples(30), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), kind=st.sampled_from(["dhis2-json", "dhis2-csv"]), mapped=st.booleans())
def test_export_then_import_returns_the_same_values(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject, kind: str, mapped: bool
) -> None:
    plan = data.draw(aggregate_plans())
    values = data.draw(values_for(plan))
    ids = _uids(plan) if mapped else None
    host = Host(entry_points=False, plugins=[("instance", _Instance(ids))] if ids else [])
    result = aggregate(plan, values, TEST_CATALOG, level="commune")
    fmt = host.output_format(kind)
    text = fmt.render(aggregate_report(result, plan, tables=False))
    assert isinstance(text, str)
    path = tmp_path_factory.mktemp("dv") / f"dv{fmt.suffix}"
    path.write_text(text, encoding="utf-8")
    if mapped and values:
        assert '"flow"' not in text and "OU0" in text
    back = load_data_values(path, plan, TEST_CATALOG, source=host.data_source_for(path))
    assert [f.code for f in back.findings] == ([] if values else ["empty-file"])
    assert triples(back) == {
        (v.unit, v.period, v.indicator, v.disaggregation, float(v.value)) for v in values
    }


def test_a_mapping_file_is_read_from_toml(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "dhis2.toml",
        'id_scheme = "uid"\nattribute_option_combo = "HllvX50cXC0"\n'
        '[data_elements]\ntre-em = "f7n9E0hX8qk"\n'
        '[org_units]\n"11074" = "DiszpKrYNg8"\n'
        '[category_option_combos]\n"" = "HllvX50cXC0"\n"sex = male" = "Prlt0C1RF0s"\n',
    )
    ids = Dhis2Ids.load(path)
    assert ids.id_scheme == "UID"
    assert ids.combo("sex=male") == "Prlt0C1RF0s"
    assert ids.combo("") == "HllvX50cXC0"
    assert ids.combo("sex=female") == "sex=female"
    assert ids.data_elements["tre-em"] == "f7n9E0hX8qk"


def test_a_breakdown_code_longer_than_dhis2_keeps_is_written_with_a_warning() -> None:
    """DHIS2 stores codes of at most 50 characters (IdentifiableObject.code)."""
    key = "age_group=11-15;category=art10-dd;form=xam-hai-tinh-duc;sex=female"
    row = AggregateRow(
        "11074", "commune", "2023S1", "tre-em", key, 3.0, 1.0, True, 1, 1, None, None, None, None
    )
    result = AggregateResult(plan="p", rows=(row,), periods=("2023S1",))
    report = Report("aggregate", "t", {}, payload=result)
    with pytest.warns(ExportWarning, match="longer than the 50 characters"):
        [value] = dhis2_values(report)
    assert value.category_option_combo == key
    mapped = Dhis2Ids(category_option_combos={key: "Xyz12345678"}, id_scheme="UID")
    with warnings.catch_warnings():
        warnings.simplefilter("error", ExportWarning)
        assert dhis2_values(report, mapped)[0].category_option_combo == "Xyz12345678"
