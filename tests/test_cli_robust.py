"""``cwp`` against hostile arguments and surroundings: every reproduction of issue #10's
"crashes and exit codes" and "reading input" lists that concerns the command line, through
the real entry point (in a child process where pipes and closed streams matter)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from child_welfare_plan.cli import main
from child_welfare_plan.io.plans import dumps_plan_json
from child_welfare_plan.plugins import Host
from tests.conftest import small_plan

SUBMISSIONS = "reporter,obligation,period,received,document_number\n"
BIG = "9" * 5000


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def cwp_command() -> list[str]:
    """The installed ``cwp`` script, else ``python -m child_welfare_plan``."""
    script = shutil.which("cwp", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "child_welfare_plan"]


def no_traceback(err: str) -> None:
    assert "Traceback" not in err and "internal error" not in err, err


def usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    no_traceback(err)
    return err


# -- streams ------------------------------------------------------------------------------------


def test_a_broken_pipe_ends_quietly_with_the_commands_status() -> None:
    """`cwp show tu-ky-2023 | head -1` used to end in a BrokenPipeError traceback."""
    reader = subprocess.Popen(
        [*cwp_command(), "show", "tu-ky-2023", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None and reader.stderr is not None
    first = reader.stdout.readline()
    reader.stdout.close()  # the reader goes away, as `head -1` does
    err = reader.stderr.read().decode()
    assert reader.wait(timeout=120) == 0
    assert first.strip() == b"{"
    assert err == ""


@pytest.mark.usefixtures("in_english")
def test_a_closed_standard_output_is_one_line_and_exit_2() -> None:
    """`cwp plans >&-` used to end in an AttributeError traceback."""
    done = subprocess.run(
        [*cwp_command(), "plans"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.close(1),
    )
    assert done.returncode == 2
    assert done.stderr == "cwp: error: cannot write the output: standard output is closed\n"


@pytest.mark.usefixtures("in_english")
def test_an_internal_error_is_one_line_and_debug_shows_the_traceback(
    host: Host, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from child_welfare_plan.cli import plans

    def broken(*args: object) -> object:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(plans, "run", broken)
    code, out, err = run(capsys, "plans")
    assert (code, out) == (2, "")
    assert err.startswith("cwp: internal error: ZeroDivisionError: a bug (this is a bug")
    assert err.count("\n") == 1
    monkeypatch.setenv("CWP_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        main(["plans"])


# -- arguments ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["status", "thu-2023", "--submissions", "x.csv", "--as-of", "9999-12-31"],
        ["status", "thu-2023", "--submissions", "x.csv", "--as-of", "1066-10-14"],
        ["evaluate", "thu-2023", "--as-of", "9999-12-31"],
        ["calendar", "thu-2023", "--to", "9999-12-31"],
        ["status", "thu-2023", "--submissions", "x.csv", "--due-within", "99999999"],
        ["status", "thu-2023", "--submissions", "x.csv", "--due-within", "-5"],
        ["status", "thu-2023", "--submissions", "x.csv", "--due-within", BIG],
        ["deadline", "trong vòng 05 ngày kể từ ngày 01/6/2023", "--anchor", "9999-12-31"],
    ],
)
@pytest.mark.usefixtures("in_english")
def test_dates_and_day_counts_beyond_the_supported_range_are_usage_errors(
    host: Host, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """D35 and the date overflows: `--as-of 9999-12-31` and `--due-within 99999999` ended in
    OverflowError tracebacks; `--due-within -5` was accepted."""
    err = usage_error(argv, capsys)
    assert "outside the supported dates" in err or "number of days from 0 to" in err


@pytest.mark.usefixtures("in_english")
def test_an_anchor_with_an_absolute_deadline_is_a_usage_error(
    host: Host, capsys: pytest.CaptureFixture[str]
) -> None:
    """D35: `--anchor` with an absolute deadline was accepted and ignored."""
    code, out, err = run(capsys, "deadline", "trước ngày 15/6/2023", "--anchor", "2023-01-01")
    assert (code, out) == (2, "")
    assert "--anchor goes with a relative deadline" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["deadline", f"trước ngày 15/6/{BIG}"],
        ["deadline", f"trong vòng {BIG} ngày làm việc kể từ ngày 01/6/2023"],
        ["deadline", f"trong thời hạn {BIG} giờ kể từ ngày 01/6/2023"],
        ["deadline", "trong vòng 999999 ngày kể từ ngày 01/6/2023"],
        ["lunar", f"{BIG}-01-01"],
        ["lunar", f"1/{BIG}/2023", "--to-solar"],
        ["lunar", f"1/1/{BIG}", "--to-solar"],
        ["period", BIG],
    ],
)
@pytest.mark.usefixtures("in_english")
def test_numbers_of_5000_digits_are_one_short_line_and_exit_2(
    host: Host, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """A 5,000-digit number in `cwp deadline` and `cwp lunar` ended in a ValueError
    traceback; messages echoed all 5,000 digits."""
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    no_traceback(err)
    assert err.startswith("cwp: error:") and err.count("\n") == 1
    assert len(err) < 600


def test_a_lunar_date_written_year_first_is_read(
    host: Host, capsys: pytest.CaptureFixture[str]
) -> None:
    """D39: `cwp lunar 2023-08-15 --to-solar` said "lunar day 2023 is not a day"."""
    code, out, _ = run(capsys, "lunar", "2023-08-15", "--to-solar", "--format", "json")
    assert code == 0
    assert json.loads(out)["solar"] == "2023-09-29"  # Tết Trung thu 2023


@pytest.mark.parametrize("name", ["eval.pdf", "eval.htm", "eval.docx.bak"])
@pytest.mark.usefixtures("in_english")
def test_an_output_suffix_no_format_writes_is_an_error_listing_the_known_ones(
    host: Host, capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    """`-o eval.xlsx` and `-o eval.htm` silently wrote plain text."""
    target = tmp_path / name
    code, out, err = run(capsys, "plans", "--output", str(target))
    assert (code, out) == (2, "")
    suffix = Path(name).suffix
    assert err.startswith(f"cwp: error: no output format writes {suffix!r} files (known: ")
    for known in (".csv", ".html", ".json", ".md", ".txt"):
        assert known in err
    assert not target.exists()


def test_a_file_without_a_suffix_is_plain_text_and_a_named_format_wins(
    host: Host, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, _ = run(capsys, "plans", "--output", str(tmp_path / "plans"))
    assert code == 0 and "thu-2023" in (tmp_path / "plans").read_text(encoding="utf-8")
    code, _, _ = run(capsys, "plans", "--format", "json", "--output", str(tmp_path / "p.dat"))
    assert code == 0 and json.loads((tmp_path / "p.dat").read_text(encoding="utf-8"))


def test_the_deadline_as_csv_is_a_table_not_nothing(
    host: Host, capsys: pytest.CaptureFixture[str]
) -> None:
    """D25: `cwp deadline … -f csv` printed nothing and exited 0."""
    code, out, _ = run(capsys, "deadline", "trước ngày 10/12/2023", "--format", "csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("rule,date,last_on_time_day,rolled")
    assert lines[1].startswith("before,2023-12-10,2023-12-11,True")
    for argv in (["lunar", "2023-09-29"], ["period", "2023S1"]):
        code, out, _ = run(capsys, *argv, "--format", "csv")
        assert code == 0 and len(out.splitlines()) >= 2


# -- the plan's own findings (D9/F4, D26) --------------------------------------------------------


@pytest.fixture
def bad_plan(tmp_path: Path) -> Path:
    """A plan file that reads but does not validate: an unknown agency, a duplicate id."""
    data = json.loads(dumps_plan_json(small_plan()))
    data["task_groups"][0]["tasks"][0]["lead"] = "khong-co"
    data["task_groups"][0]["tasks"][1]["id"] = data["task_groups"][0]["tasks"][0]["id"]
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "subs.csv").write_text(SUBMISSIONS, encoding="utf-8")
    (tmp_path / "values.csv").write_text(
        "unit,period,indicator,disaggregation,value\n11074,2023S1,tre-em,,5\n", encoding="utf-8"
    )
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["status", "{plan}", "--submissions", "{dir}/subs.csv", "--as-of", "2023-12-20"],
        ["aggregate", "{plan}", "--data", "{dir}/values.csv"],
        ["evaluate", "{plan}", "--data", "{dir}/values.csv", "--as-of", "2023-12-20"],
        ["calendar", "{plan}"],
    ],
)
def test_every_command_reports_the_plans_own_errors_and_exits_1(
    host: Host, capsys: pytest.CaptureFixture[str], bad_plan: Path, argv: list[str]
) -> None:
    """D9/F4: evaluate, status, calendar and aggregate ignored the plan's own validation
    errors (unknown agency, duplicate task id), which docs/evaluation.md promises."""
    line = [a.format(plan=bad_plan, dir=bad_plan.parent) for a in argv]
    code, out, err = run(capsys, *line, "--format", "json")
    assert code == 1
    no_traceback(err)
    findings = json.loads(out)["findings"]
    mine = {(f["code"], f["location"]["path"]) for f in findings}
    assert ("unknown-agency", "task_groups[0].tasks[0].lead") in mine
    assert ("duplicate-id", "task_groups[0].tasks[1].id") in mine
    assert all(f["location"]["file"] for f in findings)


def test_show_keeps_the_exchange_form_and_says_the_errors_on_stderr(
    host: Host, capsys: pytest.CaptureFixture[str], bad_plan: Path
) -> None:
    code, out, err = run(capsys, "show", str(bad_plan), "--format", "json")
    assert code == 1
    assert json.loads(out)["id"] == "thu-2023"
    assert 'không có cơ quan "khong-co"' in err and "task_groups[0].tasks[0].lead" in err
    code, _, err = run(capsys, "show", str(bad_plan), "--format", "json", "--lang", "en")
    assert code == 1 and 'unknown agency "khong-co"' in err


def test_ics_says_the_plans_errors_on_stderr(
    host: Host, capsys: pytest.CaptureFixture[str], bad_plan: Path
) -> None:
    pytest.importorskip("icalendar")
    code, out, err = run(capsys, "calendar", str(bad_plan), "--format", "ics")
    assert code == 1
    assert out.startswith("BEGIN:VCALENDAR")
    assert 'không có cơ quan "khong-co"' in err


@pytest.mark.parametrize(
    "command",
    [
        ["show"],
        ["calendar"],
        ["status", "--submissions", "{dir}/subs.csv"],
        ["aggregate", "--data", "{dir}/values.csv"],
    ],
)
def test_an_invalid_plan_file_exits_1_everywhere_and_names_the_file_once(
    host: Host, capsys: pytest.CaptureFixture[str], bad_plan: Path, command: list[str]
) -> None:
    """D26: an invalid plan exited 1 in validate and 2 elsewhere, with the file name
    repeated (`p.json: p.json: …`)."""
    data = json.loads(bad_plan.read_text(encoding="utf-8"))
    data["year"] = 2023.5
    bad_plan.write_text(json.dumps(data), encoding="utf-8")
    assert run(capsys, "validate", str(bad_plan))[0] == 1
    argv = [command[0], str(bad_plan), *(a.format(dir=bad_plan.parent) for a in command[1:])]
    code, out, err = run(capsys, *argv, "--lang", "en")
    assert (code, out) == (1, "")
    assert err == f"cwp: error: {bad_plan}, year: expected a whole number, got 2023.5\n"
    code, out, err = run(capsys, *argv)
    assert (code, out) == (1, "")
    assert err.count(str(bad_plan)) == 1
    assert f"{bad_plan}, year: cần một số nguyên, nhưng nhận được 2023.5\n" in err


def test_an_unreadable_plan_file_exits_2_everywhere(
    host: Host, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "plan.toml"
    path.write_text("id = \n", encoding="utf-8")
    for argv in (["validate", str(path)], ["show", str(path)], ["calendar", str(path)]):
        code, _, err = run(capsys, *argv)
        assert code == 2
        no_traceback(err)


# -- data against the plan (D31, D34) -----------------------------------------------------------


def test_values_for_a_year_far_from_the_plans_are_said(
    host: Host, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """D34: data for 1900 or 9999S2 in a 2023 plan passed without a word."""
    (tmp_path / "values.csv").write_text(
        "unit,period,indicator,disaggregation,value\n"
        "11074,1900,tre-em,,5\n11074,9999S2,tre-em,,5\n11074,2023S1,tre-em,,5\n",
        encoding="utf-8",
    )
    code, out, _ = run(
        capsys, "aggregate", "thu-2023", "--data", str(tmp_path / "values.csv"), "-f", "json"
    )
    findings = [
        (f["severity"], f["code"], f["location"]["row"]) for f in json.loads(out)["findings"]
    ]
    assert ("warning", "period-outside-plan", 2) in findings
    assert ("error", "bad-period", 3) in findings
    assert code == 1


def test_a_report_received_before_its_period_begins_is_not_on_time(
    host: Host, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """D31: a submission received 0001-01-01, or before its period, counted as on time."""
    (tmp_path / "subs.csv").write_text(
        SUBMISSIONS
        + "ubnd-11074,bao-cao-6-thang,2023S1,0001-01-01,\n"
        + "ubnd-11083,bao-cao-6-thang,2023S1,2022-11-30,\n",
        encoding="utf-8",
    )
    code, out, _ = run(
        capsys,
        "status",
        "thu-2023",
        "--submissions",
        str(tmp_path / "subs.csv"),
        "--as-of",
        "2023-12-20",
        "--format",
        "json",
    )
    data = json.loads(out)
    early = [f for f in data["findings"] if f["code"] == "received-before-period"]
    assert [(f["location"]["row"], f["location"]["column"]) for f in early] == [
        (2, "received"),
        (3, "received"),
    ]
    assert "before the period 2023S1 it reports on begins (2022-12-15)" in early[1]["message"]
    statuses = {i["reporter"]: i["status"] for i in data["items"]}
    assert statuses["ubnd-11074"] == statuses["ubnd-11083"] == "overdue"
    assert code == 1


def test_a_header_only_submissions_file_is_an_empty_log(
    host: Host, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Nothing received yet (1 March) used to be an error."""
    (tmp_path / "subs.csv").write_text(SUBMISSIONS, encoding="utf-8")
    code, out, _ = run(
        capsys,
        "status",
        "thu-2023",
        "--submissions",
        str(tmp_path / "subs.csv"),
        "--as-of",
        "2023-03-01",
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    assert all(f["severity"] != "error" for f in data["findings"])
    assert {i["status"] for i in data["items"]} == {"pending"}


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"", "empty-file"), (b"\xff\xfe\x00garbage", "not-utf8"), (b"a,b\n1,2\n", "missing-column")],
)
@pytest.mark.usefixtures("in_english")
def test_an_input_that_is_not_a_table_of_its_kind_exits_2_and_judges_nothing(
    host: Host, capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, code: str
) -> None:
    """D24: unreadable input exited 1 (the docs say 2) and status still listed every
    reporter as overdue."""
    path = tmp_path / "subs.csv"
    path.write_bytes(content)
    status, out, err = run(capsys, "status", "thu-2023", "--submissions", str(path))
    assert (status, out) == (2, "")
    assert err.startswith(f"cwp: error: {path}")
    no_traceback(err)
    values, out, err = run(capsys, "aggregate", "thu-2023", "--data", str(path))
    assert (values, out) == (2, "")
