"""Every engine gives the same answer: the columnar engines (DuckDB, Dask) against the
Python reference, on random data sets full of problems, and on the demo."""

from __future__ import annotations

import gc
import io
import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from child_welfare_plan.catalogs import national_catalog
from child_welfare_plan.engines import AUTO_BYTES, CHOICES, choose, collector_paused
from child_welfare_plan.engines.progress import Progress, terminal_progress
from child_welfare_plan.engines.values import aggregate_file, load_data_values
from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.model import AdministrativeUnit, Plan
from child_welfare_plan.rules.aggregate import aggregate
from tests.conftest import small_plan
from tests.strategies import examples

CATALOG = national_catalog()
HEADER = ("unit", "period", "indicator", "disaggregation", "value")


def _plan() -> Plan:
    """The small district plan, with a third commune dissolved at the end of June."""
    plan = small_plan()
    gone = AdministrativeUnit(
        code="11086",
        name="Xã Hà Kỳ",
        level="commune",
        kind="xa",
        parent="298",
        valid_to=date(2023, 6, 30),
    )
    return attrs.evolve(plan, units=(*plan.units, gone))


PLAN = _plan()

UNITS = ["11074", "11083", "11086", "298", "30", "99999", "", " 11074", "11074 "]
PERIODS = ["2023S1", "2023S2", "2023", "2023Q1", "2023Q3", "2023-13", "", "2023S1 "]
INDICATORS = [
    "tre-em",
    "tre-em-hcdb",
    "tre-em-bi-xam-hai",
    "tre-em-tu-vong-tntt",
    "quy-bao-tro-huy-dong",
    "xa-phu-hop-tre-em",
    "ty-le-tre-em-hcdb",
    "khong-co",
    "",
]
DISAGGREGATIONS = [
    "",
    "",
    "sex=male",
    "sex=female",
    "age_group=0-2",
    "age_group=3-5",
    "age_group=6-10",
    "age_group=11-15",
    "sex=female;age_group=0-2",
    "age_group=0-2;sex=female",
    "sex=other",
    "colour=red",
    "form=bao-luc",
    "cause=nga",
]
VALUES = st.one_of(
    st.integers(0, 60).map(str),
    st.sampled_from(
        ["0", "1", "007", "1.5", "12.0", "-3", "abc", "", " ", "1.000", "có", "true", "1e3"]
    ),
    st.sampled_from([" 12", "nan", "inf", "2500000.5", "999999999999999", "١٢"]),
)
ROW = st.tuples(
    st.sampled_from(UNITS),
    st.sampled_from(PERIODS),
    st.sampled_from(INDICATORS),
    st.sampled_from(DISAGGREGATIONS),
    VALUES,
)
LINE = st.one_of(
    ROW.map(",".join),
    ROW.map(",".join),
    ROW.map(",".join),
    st.sampled_from(["", "11074,2023S1,tre-em", "11074,2023S1,tre-em,,1,extra", ",,,,"]),
)


@st.composite
def data_sets(draw: st.DrawFn) -> str:
    """A CSV file's text: good rows, bad rows, duplicates and conflicts (the same rows
    drawn twice), blank lines and rows of the wrong width."""
    lines = draw(st.lists(LINE, min_size=1, max_size=40))
    repeats = draw(st.lists(st.sampled_from(lines), max_size=6))
    order = draw(st.permutations([*lines, *repeats]))
    return ",".join(HEADER) + "\n" + "\n".join(order) + "\n"


def _answer(path: Path, engine: str) -> bytes:
    """The aggregate JSON of ``path`` rolled up by ``engine`` (every level, every period);
    for the Python engine, the rules on the Python reader's set."""
    if engine == "python":
        data = load_data_values(path, PLAN, CATALOG, engine=engine)
        result = aggregate(PLAN, data, CATALOG, level=["district", "commune"])
    else:
        result = aggregate_file(path, PLAN, CATALOG, engine=engine, level=["district", "commune"])
    return json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=False).encode("utf-8")


def _set_answer(path: Path, engine: str) -> bytes:
    """The same, through the engine's data-value set and the rules' roll-up."""
    data = load_data_values(path, PLAN, CATALOG, engine=engine)
    result = aggregate(PLAN, data, CATALOG, level=["district", "commune"])
    return json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=False).encode("utf-8")


CLEAN_INDICATORS = [
    "tre-em",
    "tre-em-bi-xam-hai",
    "tre-em-tu-vong-tntt",
    "quy-bao-tro-huy-dong",
    "xa-phu-hop-tre-em",
    "tre-em-vi-pham-hinh-su",
]
PERIOD_SETS = [
    ["2023S1"],
    ["2023S1", "2023S2"],
    ["2023S2"],
    ["2023Q1", "2023Q2", "2023Q4"],
    ["2023Q3"],
    ["2023"],
    ["2023", "2023S1"],
    ["2023M01", "2023M02"],
]


@st.composite
def clean_data_sets(draw: st.DrawFn) -> str:
    """Mostly clean national-style batches (whole numbers, breakdowns that add up), with
    now and then a total left out, a breakdown that disagrees, a duplicate, overlapping
    periods or a unit with validity dates: the columnar roll-up where it is exact, the
    rules' where it is not."""
    units = draw(st.lists(st.sampled_from(["11074", "11083", "11086"]), unique=True, min_size=1))
    periods = draw(st.sampled_from(PERIOD_SETS))
    indicators = draw(st.lists(st.sampled_from(CLEAN_INDICATORS), unique=True, min_size=1))
    lines: list[str] = []
    for unit in units:
        for period in periods:
            for code in indicators:
                if draw(st.integers(0, 9)) == 0:
                    continue  # a unit that did not send this one
                indicator = CATALOG.indicator(code)
                top = 1 if indicator.value_type.value == "boolean" else 60
                total = draw(st.integers(0, top))
                if draw(st.integers(0, 11)) != 0:
                    lines.append(f"{unit},{period},{code},,{total}")
                if "sex" in indicator.disaggregations and draw(st.booleans()):
                    male = draw(st.integers(0, total))
                    female = total - male + (1 if draw(st.integers(0, 11)) == 0 else 0)
                    lines.append(f"{unit},{period},{code},sex=male,{male}")
                    lines.append(f"{unit},{period},{code},sex=female,{female}")
    if not lines:
        lines.append("11074,2023S1,tre-em,,1")
    repeats = draw(st.lists(st.sampled_from(lines), max_size=1))
    order = draw(st.permutations([*lines, *repeats]))
    return ",".join(HEADER) + "\n" + "\n".join(order) + "\n"


@settings(
    max_examples=examples(25),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=clean_data_sets())
def test_the_columnar_roll_up_gives_the_rules_answer(text: str, tmp_path: Path) -> None:
    """On clean batches the roll-up runs in DuckDB; its JSON is the rules' byte for byte
    (and so is the rules' roll-up of the engine's own data-value set)."""
    path = _write(tmp_path, text)
    expected = _answer(path, "python")
    assert _answer(path, "duckdb") == expected
    assert _set_answer(path, "duckdb") == expected


def test_a_clean_batch_is_rolled_up_in_the_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The columnar roll-up does run (the rules' data-value set is never filled)."""
    import child_welfare_plan.engines.values as values

    def refuse(*args: object) -> None:
        raise AssertionError("the values went to the rules")

    text = (
        ",".join(HEADER) + "\n11074,2023S1,tre-em,,12\n11074,2023S1,tre-em,sex=male,5\n"
        "11074,2023S1,tre-em,sex=female,7\n11083,2023S2,tre-em,,3\n"
        "11074,2023Q1,tre-em-bi-xam-hai,,2\n11083,2023Q4,tre-em-bi-xam-hai,,4\n"
    )
    path = _write(tmp_path, text)
    expected = _answer(path, "python")
    monkeypatch.setattr(values, "to_set", refuse)
    assert _answer(path, "duckdb") == expected


def _write(tmp: Path, text: str, name: str = "values.csv") -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


@settings(
    max_examples=examples(25),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=data_sets())
def test_duckdb_gives_the_python_answer(text: str, tmp_path: Path) -> None:
    """The same JSON byte for byte, findings in the same order, on random data sets."""
    path = _write(tmp_path, text)
    assert _answer(path, "duckdb") == _answer(path, "python")


@settings(
    max_examples=examples(15),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=data_sets())
def test_parquet_reads_as_the_same_rows_on_every_engine(text: str, tmp_path: Path) -> None:
    """A Parquet file of the same rows gives one answer on the Python and DuckDB engines."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [line.split(",") for line in text.splitlines()[1:]]
    rows = [r for r in rows if len(r) == len(HEADER)]
    if not rows:
        return
    table = pa.table({name: [r[i] for r in rows] for i, name in enumerate(HEADER)})
    path = tmp_path / "values.parquet"
    pq.write_table(table, path)
    assert _answer(path, "duckdb") == _answer(path, "python")


@settings(
    max_examples=examples(3),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=data_sets())
def test_dask_on_a_cluster_gives_the_python_answer(text: str, tmp_path: Path, cluster: Any) -> None:
    """The distributed engine on a real cluster: the Python answer, byte for byte."""
    path = _write(tmp_path, text)
    assert _answer(path, "dask") == _answer(path, "python")


@settings(
    max_examples=examples(3),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=clean_data_sets())
def test_dask_rolls_up_clean_batches_as_the_rules_do(
    text: str, tmp_path: Path, cluster: Any
) -> None:
    """The columnar roll-up on the cluster: the rules' answer, byte for byte."""
    path = _write(tmp_path, text)
    assert _answer(path, "dask") == _answer(path, "python")


def test_dask_reads_parquet_on_the_cluster(tmp_path: Path, cluster: Any) -> None:
    """Typed Parquet cells (whole numbers, floats, nulls) read the same way on Dask."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "unit": ["11074", "11083", "11074", "11086", None],
            "period": ["2023S1", "2023S1", "2023S2", "2023S2", "2023S1"],
            "indicator": ["tre-em", "tre-em", "tre-em", "tre-em", "tre-em"],
            "value": [12.0, 1.5, -3.0, 4.0, 7.0],
        }
    )
    path = tmp_path / "values.parquet"
    pq.write_table(table, path)
    answer = _answer(path, "python")
    assert b"fractional-count" in answer and b"negative-value" in answer
    assert _answer(path, "dask") == answer
    assert _answer(path, "duckdb") == answer


def test_a_quoted_file_is_read_the_same_by_every_engine(tmp_path: Path) -> None:
    """Quotes need the csv module's rules: the columnar engine hands the file to it."""
    path = _write(
        tmp_path,
        'unit,period,indicator,disaggregation,value\n"11074",2023S1,tre-em,,"1,5"\n'
        "11083,2023S1,tre-em,,12\n",
    )
    answer = _answer(path, "python")
    assert b"bad-value" in answer
    assert _answer(path, "duckdb") == answer


def test_a_file_that_is_not_utf8_is_reported_by_every_engine(tmp_path: Path) -> None:
    path = tmp_path / "values.csv"
    path.write_bytes(b"unit,period,indicator,disaggregation,value\n11074,2023S1,tre-em,,\xff\n")
    answer = _answer(path, "python")
    assert b"not-utf8" in answer
    assert _answer(path, "duckdb") == answer


def test_auto_picks_python_for_small_inputs_and_duckdb_for_large(tmp_path: Path) -> None:
    small = _write(tmp_path, "unit,period,indicator,value\n")
    large = tmp_path / "large.csv"
    with large.open("wb") as handle:
        handle.truncate(AUTO_BYTES)
    assert choose("auto", [small]) == "python"
    assert choose(None, [large]) == "duckdb"
    assert choose("auto", [None]) == "python"
    assert set(CHOICES) == {"auto", "python", "duckdb", "dask"}


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="unknown engine"):
        choose("spark")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_shows_on_a_terminal_only() -> None:
    shown = _Terminal()
    bar = Progress(shown, total=2)
    with bar.step("read the values"):
        pass
    bar.close()
    assert "read the values" in shown.getvalue()
    hidden = io.StringIO()
    quiet = Progress(hidden, total=2)
    with quiet.step("read the values"):
        pass
    quiet.close()
    assert hidden.getvalue() == ""
    assert not terminal_progress(True, 4).shown


def test_cwp_aggregate_prints_nothing_on_stderr_when_it_is_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from child_welfare_plan.cli import main

    demo = (
        Path(__file__).resolve().parents[1]
        / "plugins/cwp-tu-ky/src/cwp_tu_ky/data/demo/data_values.csv"
    )
    code = main(
        ["aggregate", "tu-ky-2023", "--data", str(demo), "--engine", "duckdb", "-f", "json"]
    )
    out, err = capsys.readouterr()
    assert code in (0, 1)
    assert json.loads(out)["values"]
    assert err == ""


def test_the_engine_extras_are_named_when_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    import child_welfare_plan.engines as engines

    monkeypatch.setattr(engines, "available", lambda name: False)
    with pytest.raises(InvalidValueError, match=r"\[engines\]"):
        engines.choose("duckdb")
    assert engines.choose("auto", [os.devnull]) == "python"


def test_public_aggregates_are_the_same_on_every_engine(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``--audience public`` withholds the same figures whatever engine read the values."""
    from child_welfare_plan.cli import main

    demo = (
        Path(__file__).resolve().parents[1]
        / "plugins/cwp-tu-ky/src/cwp_tu_ky/data/demo/data_values.csv"
    )
    outputs = []
    for engine in ("python", "duckdb"):
        argv = ["aggregate", "tu-ky-2023", "--data", str(demo), "--audience", "public"]
        code = main([*argv, "--engine", engine, "-f", "json"])
        out, _ = capsys.readouterr()
        assert code in (0, 1)
        outputs.append(out)
    assert json.loads(outputs[0])["values"]
    assert outputs[0] == outputs[1]


def test_the_collector_is_paused_for_a_batch_and_resumed_after_it() -> None:
    """``collector_paused`` turns the cyclic collector off inside and back on after, even
    when the batch fails; a collector already off stays off."""
    inside: list[bool] = []

    def batch() -> None:
        with collector_paused():
            inside.append(gc.isenabled())
            raise RuntimeError("the batch failed")

    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        batch()
    assert inside == [False]
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
