"""The replayed fuzz corpus (``tests/corpus``, made by ``tests/corpus/make_corpus.py``):
every malformed file through every loader and every command that reads its kind.

For each: the exit status is 0, 1 or 2; no traceback or internal error reaches stderr;
every row of a data, submissions or incidents file is read or has a finding; a second run
writes the very same bytes (and, for a sample, a run under another hash seed does too).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from child_welfare_plan.catalogs import national_catalog
from child_welfare_plan.errors import PlanFileError
from child_welfare_plan.io.datavalues import load_data_values
from child_welfare_plan.io.plans import load_plan
from child_welfare_plan.io.submissions import load_incidents, load_submissions
from child_welfare_plan.io.tables import read_csv_table, read_json_table
from child_welfare_plan.model import Finding, Plan
from child_welfare_plan.rules.validate import validate_plan
from tests.fuzzing import check_accounted, check_run, run_cli

pytestmark = pytest.mark.fuzz

CORPUS = Path(__file__).resolve().parent / "corpus"
BASE = CORPUS / "base"
PLAN_FILE, DATA, SUBMISSIONS, INCIDENTS = (
    BASE / name for name in ("plan.json", "data.csv", "submissions.csv", "incidents.csv")
)
AS_OF = ["--as-of", "2023-12-20"]
FORMATS = ("json", "text", "markdown", "csv", "html")


def files(kind: str) -> list[Path]:
    return sorted((CORPUS / kind).iterdir())


def ids(path: Path) -> str:
    return path.name


PLAN = load_plan(PLAN_FILE)
CATALOG = national_catalog()


def commands() -> list[tuple[str, list[str]]]:
    """Every command line the corpus is replayed through, with an id."""
    lines: list[tuple[str, list[str]]] = [("plans", ["plans", "--format", "json"])]
    for i, plan in enumerate(files("plans")):
        p = str(plan)
        fmt = FORMATS[i % len(FORMATS)]
        for argv in (
            ["validate", p],
            ["show", p],
            ["calendar", p],
            ["status", p, "--submissions", str(SUBMISSIONS), "--incidents", str(INCIDENTS), *AS_OF],
            ["aggregate", p, "--data", str(DATA)],
            ["evaluate", p, "--data", str(DATA), "--submissions", str(SUBMISSIONS), *AS_OF],
        ):
            lines.append((f"{argv[0]}-{plan.name}", [*argv, "--format", fmt]))
    for i, data in enumerate(files("data")):
        fmt = FORMATS[i % len(FORMATS)]
        for argv in (
            ["aggregate", str(PLAN_FILE), "--data", str(data)],
            ["evaluate", str(PLAN_FILE), "--data", str(data), *AS_OF, "--audience", "public"],
        ):
            lines.append((f"{argv[0]}-data-{data.name}", [*argv, "--format", fmt]))
    for i, subs in enumerate(files("submissions")):
        fmt = FORMATS[i % len(FORMATS)]
        for argv in (
            ["status", str(PLAN_FILE), "--submissions", str(subs), "--incidents", str(INCIDENTS)],
            ["evaluate", str(PLAN_FILE), "--submissions", str(subs), "--data", str(DATA)],
        ):
            lines.append((f"{argv[0]}-subs-{subs.name}", [*argv, *AS_OF, "--format", fmt]))
    for i, incidents in enumerate(files("incidents")):
        fmt = FORMATS[i % len(FORMATS)]
        argv = ["status", str(PLAN_FILE), "--submissions", str(SUBMISSIONS)]
        argv += ["--incidents", str(incidents), *AS_OF, "--format", fmt]
        lines.append((f"status-incidents-{incidents.name}", argv))
    arguments = json.loads((CORPUS / "arguments.json").read_text(encoding="utf-8"))
    for i, argv in enumerate(arguments):
        lines.append((f"{argv[0]}-argument-{i}", [*argv, "--format", FORMATS[i % len(FORMATS)]]))
    return lines


COMMANDS = commands()


def test_the_corpus_has_at_least_150_malformed_files() -> None:
    assert sum(len(files(kind)) for kind in ("plans", "data", "submissions", "incidents")) >= 150


@pytest.mark.parametrize(("name", "argv"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_every_command_ends_in_0_1_or_2_with_no_traceback_and_the_same_bytes_twice(
    name: str, argv: list[str]
) -> None:
    first = run_cli(argv)
    check_run(first, argv)
    assert run_cli(argv) == first, f"{name}: a second run wrote other bytes"


@pytest.mark.parametrize("path", files("data"), ids=ids)
def test_every_data_row_is_a_value_or_a_finding(path: Path) -> None:
    values = load_data_values(path, PLAN, CATALOG)
    check_accounted(path, values.value_rows(), values.findings)


@pytest.mark.parametrize("path", files("submissions"), ids=ids)
def test_every_submission_row_is_read_or_a_finding(path: Path) -> None:
    incidents = load_incidents(INCIDENTS, PLAN)
    loaded = load_submissions(path, PLAN, incidents=incidents.incidents)
    check_accounted(path, loaded.rows, loaded.findings)


@pytest.mark.parametrize("path", files("incidents"), ids=ids)
def test_every_incident_row_is_read_or_a_finding(path: Path) -> None:
    loaded = load_incidents(path, PLAN)
    check_accounted(path, loaded.rows, loaded.findings)


@pytest.mark.parametrize(
    "path", [*files("data"), *files("submissions"), *files("incidents")], ids=ids
)
def test_the_table_readers_give_a_table_with_findings_never_an_exception(path: Path) -> None:
    table = read_json_table(path) if path.suffix == ".json" else read_csv_table(path)
    assert len(table.rows) == len(table.row_numbers)
    assert all(isinstance(f, Finding) for f in table.findings)
    assert all(len(row) == len(table.columns) for row in table.rows)


@pytest.mark.parametrize("path", files("plans"), ids=ids)
def test_a_plan_file_is_a_plan_or_findings_never_an_exception(path: Path) -> None:
    plan: Plan | None = None
    problems: tuple[object, ...] = ()
    try:
        plan = load_plan(path)
    except PlanFileError as exc:
        problems = exc.findings
    if plan is None:
        findings = [f for f in problems if isinstance(f, Finding)]
        assert findings and len(findings) == len(problems)
        assert all(f.location.file == str(path) for f in findings)
    else:
        assert all(isinstance(f, Finding) for f in validate_plan(plan, source=str(path)))


_DIGEST = """
import hashlib, json, sys
from tests.fuzzing import run_cli
digest = hashlib.sha256()
for argv in json.loads(sys.stdin.read()):
    status, out, err = run_cli(argv)
    digest.update(repr((status, out, err)).encode())
print(digest.hexdigest())
"""


def test_a_sample_writes_the_same_bytes_under_another_hash_seed() -> None:
    """Set and dict order must not leak into any output: a sample of the corpus runs in two
    processes with different hash seeds."""
    sample = [argv for _, argv in COMMANDS[::6]]
    root = Path(__file__).resolve().parents[1]
    digests = set()
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-c", _DIGEST],
            input=json.dumps(sample),
            capture_output=True,
            text=True,
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        )
        digests.add(done.stdout.strip())
    assert len(digests) == 1
    assert len(next(iter(digests))) == len(hashlib.sha256().hexdigest())
