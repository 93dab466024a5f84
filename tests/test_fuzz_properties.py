"""Hypothesis against the loaders and the commands: files and arguments drawn from a mix of
good cells, near misses and junk (other scripts' digits, separators, quotes, line breaks,
control characters), written in several encodings and line endings.

The laws: no exception but the library's own; every row read or reported (the oracle of
:mod:`tests.fuzzing`); ``cwp`` ends in 0, 1 or 2 with no traceback and writes the same
bytes twice.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from child_welfare_plan.catalogs import national_catalog
from child_welfare_plan.io.datavalues import load_data_values
from child_welfare_plan.io.plans import load_plan
from child_welfare_plan.io.submissions import load_submissions
from tests.fuzzing import check_accounted, check_run, run_cli
from tests.strategies import examples

pytestmark = pytest.mark.fuzz

_T = TypeVar("_T")


def mostly(good: st.SearchStrategy[_T], bad: st.SearchStrategy[_T]) -> st.SearchStrategy[_T]:
    """``good`` nine times in ten, else ``bad``."""
    return st.integers(0, 9).flatmap(lambda i: bad if i == 0 else good)


BASE = Path(__file__).resolve().parent / "corpus" / "base"
PLAN_FILE = BASE / "plan.json"
PLAN = load_plan(PLAN_FILE)
CATALOG = national_catalog()

JUNK = st.text(st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["", " ", '"', '""', "\n", "\r", ";", ",", "=", "\t", "\ufeff"]
)
UNITS = mostly(
    st.sampled_from(["11074", "11083", "11086", "11089"]),
    st.sampled_from(["298", "30", "99999", "11074.0", " 11074", "011074"]),
)
PERIODS = mostly(
    st.sampled_from(["2023S1", "2023S2", "2023", "2023Q1", "202306"]),
    st.sampled_from(["2023W05", "1900", "9999S2", "2023H1", "20230230"]),
)
INDICATORS = mostly(
    st.sampled_from(["tre-em", "tre-em-hcdb", "quy-bao-tro-huy-dong", "xa-phu-hop-tre-em"]),
    st.sampled_from(["ty-le-tre-em-hcdb", "tre-em-2", "TRE-EM"]),
)
BREAKDOWNS = mostly(
    st.sampled_from(["", "", "sex=male", "sex=female", "age_group=0-2;sex=male"]),
    st.sampled_from([";", "sex=male;", "sex=x", "a=b", "sex=male;sex=female"]),
)
NUMBERS = st.sampled_from(
    ["0", "12", "1.000", "1,5", "-3", "12.5", "1e3", "١٢", "１２", "+5", "nan", "9" * 40, "có"]
) | st.integers(min_value=-(10**20), max_value=10**20).map(str)


def cells(good: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Mostly good cells, sometimes junk."""
    return mostly(good, JUNK)


DATA_ROW: st.SearchStrategy[tuple[str, ...]] = mostly(
    st.tuples(cells(UNITS), cells(PERIODS), cells(INDICATORS), cells(BREAKDOWNS), cells(NUMBERS)),
    st.lists(JUNK, max_size=7).map(tuple),
)
DATA_ROWS = st.lists(DATA_ROW, min_size=1, max_size=30)
SUBMISSION_ROW: st.SearchStrategy[tuple[str, ...]] = st.tuples(
    cells(st.sampled_from(["ubnd-11074", "ubnd-11083", "y-te", "x"])),
    cells(st.sampled_from(["ke-hoach", "bao-cao-6-thang", "bao-cao-nam", "dot-xuat"])),
    cells(st.sampled_from(["", "2023S1", "2023", "dx-01", "dx-99"])),
    cells(
        st.sampled_from(
            ["2023-06-07", "07/06/2023", "2023-06-07T08:00:00+07:00", "0001-01-01", "x"]
        )
    ),
    cells(st.sampled_from(["", "01/BC"])),
    cells(st.sampled_from(["", "1", "-1", "x"])),
) | st.lists(JUNK, max_size=7).map(tuple)
SUBMISSION_ROWS = st.lists(SUBMISSION_ROW, min_size=1, max_size=30)


@st.composite
def csv_files(
    draw: st.DrawFn, header: str, rows: st.SearchStrategy[list[tuple[str, ...]]]
) -> bytes:
    """A CSV file: the header, the rows, any separator, line ending and encoding."""
    delimiter = draw(st.sampled_from([",", ",", ";", "\t"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header.split(","))
    writer.writerows(draw(rows))
    text = buffer.getvalue()
    if draw(st.integers(0, 9)) == 0:
        text = text.replace('"', "")  # quotes lost: cells with separators break apart
    encoding = draw(mostly(st.just("utf-8"), st.sampled_from(["utf-8-sig", "utf-16", "cp1258"])))
    return text.encode(encoding, errors="replace")


JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | JUNK
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(JUNK, inner, max_size=3),
    max_leaves=8,
)


@st.composite
def json_files(
    draw: st.DrawFn, columns: tuple[str, ...], good: st.SearchStrategy[tuple[str, ...]]
) -> bytes:
    """A JSON array of objects: good rows with some values replaced by any JSON value."""
    items: list[object] = []
    for row in draw(st.lists(good, max_size=15)):
        item: dict[str, object] = dict(zip(columns, row, strict=False))
        for key in draw(st.lists(st.sampled_from(columns), max_size=2)):
            item[key] = draw(JSON_VALUES)
        items.append(item if draw(st.integers(0, 9)) else draw(JSON_VALUES))
    return json.dumps(items, ensure_ascii=draw(st.booleans())).encode()


def _write(folder: str, name: str, content: bytes) -> Path:
    path = Path(folder) / name
    path.write_bytes(content)
    return path


DATA_COLUMNS = ("unit", "period", "indicator", "disaggregation", "value")
SUBMISSION_COLUMNS = ("reporter", "obligation", "period", "received", "document_number", "revision")


@settings(max_examples=examples(150), suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(csv_files(",".join(DATA_COLUMNS), DATA_ROWS), json_files(DATA_COLUMNS, DATA_ROW)))
def test_every_row_of_a_drawn_data_file_is_a_value_or_a_finding(content: bytes) -> None:
    suffix = ".json" if content.lstrip().startswith(b"[") else ".csv"
    with TemporaryDirectory() as folder:
        path = _write(folder, f"values{suffix}", content)
        values = load_data_values(path, PLAN, CATALOG)
        check_accounted(path, values.value_rows(), values.findings)


@settings(max_examples=examples(150), suppress_health_check=[HealthCheck.too_slow])
@given(csv_files(",".join(SUBMISSION_COLUMNS), SUBMISSION_ROWS))
def test_every_row_of_a_drawn_submissions_file_is_read_or_a_finding(content: bytes) -> None:
    with TemporaryDirectory() as folder:
        path = _write(folder, "submissions.csv", content)
        loaded = load_submissions(path, PLAN)
        check_accounted(path, loaded.rows, loaded.findings)


@settings(max_examples=examples(40), suppress_health_check=[HealthCheck.too_slow])
@given(
    csv_files(",".join(DATA_COLUMNS), DATA_ROWS),
    csv_files(",".join(SUBMISSION_COLUMNS), SUBMISSION_ROWS),
    st.sampled_from(["json", "text", "csv", "html", "markdown"]),
)
def test_commands_on_drawn_files_end_in_0_1_or_2_and_repeat_byte_for_byte(
    data: bytes, submissions: bytes, fmt: str
) -> None:
    with TemporaryDirectory() as folder:
        data_path = _write(folder, "values.csv", data)
        subs_path = _write(folder, "subs.csv", submissions)
        plan = str(PLAN_FILE)
        for argv in (
            ["aggregate", plan, "--data", str(data_path)],
            ["status", plan, "--submissions", str(subs_path), "--as-of", "2023-12-20"],
            [
                "evaluate",
                plan,
                "--data",
                str(data_path),
                "--submissions",
                str(subs_path),
                "--as-of",
                "2023-12-20",
                "--audience",
                "public",
            ],
        ):
            line = [*argv, "--format", fmt]
            first = run_cli(line)
            check_run(first, line)
            assert run_cli(line) == first


ARGUMENT_TEXT = st.text(st.characters(codec="utf-8"), max_size=40) | st.from_regex(
    r"(trước ngày|chậm nhất ngày|trong vòng) [0-9١２]{1,8}[/ .-][0-9]{1,6}[/ .-][0-9]{1,8}",
    fullmatch=True,
)


@settings(max_examples=examples(100))
@given(ARGUMENT_TEXT, st.sampled_from(["deadline", "lunar", "lunar --to-solar", "period"]))
def test_any_argument_of_the_calendar_commands_is_an_answer_or_one_line(
    text: str, command: str
) -> None:
    argv = [*command.split(), text, "--format", "json"]
    if text.startswith("-"):
        argv = [*command.split(), "--format", "json", "--", text]
    run = run_cli(argv)
    check_run(run, argv)
    status, _, err = run
    assert status in (0, 2)
    if status == 2:
        assert err.count("\n") <= 8  # one line, or argparse's short usage
