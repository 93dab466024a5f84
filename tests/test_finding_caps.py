"""Findings stay readable and memory bounded on files of bad rows (issue #10, D27-D28): at
most :data:`MAX_FINDINGS_PER_CODE` findings per code and file, the rest counted, and no
cell copied whole into a message. Memory itself is measured by ``benchmarks/bad_rows.py``,
not here (no timing or memory threshold in a test)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from child_welfare_plan.catalogs import national_catalog
from child_welfare_plan.cli import main
from child_welfare_plan.io.datavalues import load_data_values
from child_welfare_plan.io.submissions import load_submissions
from child_welfare_plan.model import Finding, Location, Severity
from child_welfare_plan.model.findings import (
    MAX_FINDINGS_PER_CODE,
    MAX_MESSAGE,
    MORE_FINDINGS,
    FindingList,
)
from child_welfare_plan.plugins import Host
from tests.conftest import small_plan
from tests.strategies import examples

HEADER = "unit,period,indicator,disaggregation,value\n"
LIMIT = MAX_FINDINGS_PER_CODE


def test_a_file_of_bad_rows_lists_the_first_of_each_code_and_counts_the_rest(
    tmp_path: Path,
) -> None:
    path = tmp_path / "values.csv"
    bad = LIMIT + 234
    path.write_text(
        HEADER
        + "".join(f"11074,2023S1,tre-em,,x{i}\n" for i in range(bad))
        + "".join(f"9{i:04d},2023S1,tre-em,,5\n" for i in range(bad))
        + "11083,2023S1,tre-em,,7\n",
        encoding="utf-8",
    )
    values = load_data_values(path, small_plan(), national_catalog())
    codes = [f.code for f in values.findings]
    assert codes.count("bad-value") == codes.count("unknown-unit") == LIMIT
    more = [f for f in values.findings if f.code == MORE_FINDINGS]
    assert sorted(f.message.split(" ")[0] for f in more) == ["234", "234"]
    assert all(f.severity is Severity.ERROR and f.location.file == str(path) for f in more)
    assert [(v.unit, v.value) for v in values] == [("11083", 7.0)]  # the good row is kept


def test_submissions_are_capped_the_same_way(tmp_path: Path) -> None:
    path = tmp_path / "subs.csv"
    path.write_text(
        "reporter,obligation,period,received\n"
        + "".join(f"ubnd-9{i:04d},bao-cao-6-thang,2023S1,2023-06-01\n" for i in range(LIMIT + 5)),
        encoding="utf-8",
    )
    loaded = load_submissions(path, small_plan())
    codes = [f.code for f in loaded.findings]
    assert codes.count("unknown-reporter") == LIMIT
    assert codes[-1] == MORE_FINDINGS
    assert loaded.findings[-1].message.startswith("5 more 'unknown-reporter' finding(s)")


def test_a_huge_cell_is_never_copied_into_its_finding(tmp_path: Path) -> None:
    """D28: a 50 MB cell was copied into its finding (here 100,000 characters)."""
    path = tmp_path / "values.csv"
    cell = "ư" * 100_000
    path.write_text(
        HEADER + f"{cell},2023S1,tre-em,,5\n11074,{cell},tre-em,,5\n11074,2023S1,{cell},,5\n"
        f"11074,2023S1,tre-em,{cell},5\n11074,2023S1,tre-em,,{cell}\n",
        encoding="utf-8",
    )
    values = load_data_values(path, small_plan(), national_catalog())
    assert len(values.findings) == 5
    for finding in values.findings:
        assert len(finding.message) <= 400, finding.code
        assert "100,000 characters" in finding.message


def test_the_json_of_a_file_of_bad_rows_stays_small(tmp_path: Path, host: Host) -> None:
    """D27: a 23 MB file of bad rows wrote 150-237 MB of JSON."""
    path = tmp_path / "values.csv"
    path.write_text(
        HEADER + "".join(f"11074,2023S1,tre-em,,{i}.{i % 1000:03d}\n" for i in range(5 * LIMIT)),
        encoding="utf-8",
    )
    out = tmp_path / "out.json"
    assert main(["aggregate", "thu-2023", "--data", str(path), "--output", str(out)]) == 1
    findings = json.loads(out.read_text(encoding="utf-8"))["findings"]
    codes = [f["code"] for f in findings]
    assert codes.count("ambiguous-number") == LIMIT
    assert codes.count(MORE_FINDINGS) == 1


def test_a_message_is_bounded_whatever_is_echoed() -> None:
    finding = Finding(Severity.ERROR, "x", "y" * 10 * MAX_MESSAGE)
    assert len(finding.message) <= MAX_MESSAGE
    assert finding.message.endswith(f"({10 * MAX_MESSAGE:,} characters)")


@given(
    st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from(["f1", "f2"])), max_size=60),
    st.integers(min_value=1, max_value=5),
)
@settings(max_examples=examples(200))
def test_a_finding_list_keeps_the_first_of_each_kind_and_counts_every_one(
    kinds: list[tuple[str, str]], limit: int
) -> None:
    findings = FindingList(limit=limit)
    for code, file in kinds:
        findings.append(Finding(Severity.ERROR, code, "m", Location(file=file)))
    kept = [(f.code, f.location.file) for f in findings]
    expected: list[tuple[str, str]] = []
    for kind in kinds:
        if expected.count(kind) < limit:
            expected.append(kind)
    assert kept == expected
    counted = {
        (code, file): int(f.message.split(" ")[0].replace(",", ""))
        for f in findings.summaries()
        for code, file in [(f.message.split("'")[1], f.location.file)]
    }
    for kind in set(kinds):
        assert kinds.count(kind) == expected.count(kind) + counted.get(kind, 0)
