"""``cwp status``: the JSON of design §7, the order of the text report, exit statuses."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from child_welfare_plan.cli import main
from child_welfare_plan.io.plans import dumps_plan_json
from child_welfare_plan.plugins import Host, reset_host
from tests.strategies import timeliness_plan

HEADER = "reporter,obligation,period,received,document_number\n"
ROLLED = "rolled-past-named-day"
"""The fixture plan's annual report, "trước ngày 10/12/2023", rolls past the day it names."""
ROWS = (
    "ubnd-11074,bao-cao-6-thang,2023S1,2023-06-07,01/BC\n"
    "ubnd-11083,bao-cao-6-thang,2023S1,2023-06-20,02/BC\n"
    "ubnd-11074,ke-hoach,,2023-03-01,03/KH\n"
    "ubnd-11074,dot-xuat,dx-01,2023-08-06T20:45:00+07:00,04/BC\n"
)
INCIDENTS = (
    "id,kind,unit,known,occurred,description\n"
    "dx-01,xam-hai,11074,2023-08-05T21:45:00+07:00,,SYNTHETIC\n"
)


@pytest.fixture
def files(tmp_path: Path, host: Host) -> Path:
    """A plan file, a submissions file and an incidents file in ``tmp_path``."""
    (tmp_path / "plan.json").write_text(dumps_plan_json(timeliness_plan()), encoding="utf-8")
    (tmp_path / "submissions.csv").write_text(HEADER + ROWS, encoding="utf-8")
    (tmp_path / "incidents.csv").write_text(INCIDENTS, encoding="utf-8")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def status(
    capsys: pytest.CaptureFixture[str], files: Path, *extra: str
) -> tuple[int, dict[str, Any]]:
    code, out, _ = run(
        capsys,
        "status",
        str(files / "plan.json"),
        "--submissions",
        str(files / "submissions.csv"),
        "--format",
        "json",
        *extra,
    )
    data: dict[str, Any] = json.loads(out)
    return code, data


def find(data: dict[str, Any], reporter: str, obligation: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [
        i for i in data["items"] if i["reporter"] == reporter and i["obligation"] == obligation
    ]
    assert len(found) == 1
    return found[0]


def test_json_has_the_shape_of_the_design(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, data = status(capsys, files, "--as-of", "2023-12-20")
    assert code == 0
    assert list(data) == ["as_of", "plan", "items", "rates", "findings"]
    assert (data["as_of"], data["plan"]) == ("2023-12-20", "tt-2023")
    late = find(data, "ubnd-11083", "bao-cao-6-thang")
    assert {k: late[k] for k in ("period", "last_on_time_day", "status", "received")} == {
        "period": "2023S1",
        "last_on_time_day": "2023-06-14",
        "status": "late",
        "received": "2023-06-20",
    }
    assert (late["days_late"], late["days_overdue"], late["days_left"]) == (6, None, None)
    assert late["delay_bucket"] == "4-7"
    overdue = find(data, "y-te", "bao-cao-6-thang")
    assert (overdue["status"], overdue["received"], overdue["days_overdue"]) == (
        "overdue",
        None,
        189,
    )
    rate = next(r for r in data["rates"] if r["obligation"] == "bao-cao-6-thang")
    assert {k: rate[k] for k in ("period", "expected", "received", "on_time")} == {
        "period": "2023S1",
        "expected": 3,
        "received": 2,
        "on_time": 1,
    }
    assert rate["reporting_rate"] == pytest.approx(2 / 3)
    assert rate["on_time_rate"] == pytest.approx(1 / 3)
    # Without --incidents the report on dx-01 is listed, not judged, with a warning.
    assert find(data, "ubnd-11074", "dot-xuat")["status"] == "received"
    # The plan's own findings come first: its annual report ("trước ngày 10/12/2023")
    # rolls past the day it names and is due before the year ends; two communes do not
    # exist when their reports fall due (they are not expected, and validation says so).
    assert [f["code"] for f in data["findings"]] == [
        ROLLED,
        "due-before-period-ends",
        "agency-not-in-force",
        "agency-not-in-force",
        "unit-not-in-force",
        "incidents-not-given",
    ]
    assert data["findings"][0]["location"]["file"] == str(files / "plan.json")


def test_incidents_given_are_judged_against_the_plans_time_limit(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, data = status(
        capsys, files, "--as-of", "2023-12-20", "--incidents", str(files / "incidents.csv")
    )
    assert code == 0
    item = find(data, "ubnd-11074", "dot-xuat")
    assert (item["period"], item["status"], item["due_at"], item["hours_late"]) == (
        "dx-01",
        "late",
        "2023-08-06T09:45:00+07:00",
        11.0,
    )
    # Instants carry Vietnam's offset, as `cwp deadline` writes them (design §10).
    assert item["received_at"].endswith("+07:00")
    assert files_findings(data, files) == []


def files_findings(data: dict[str, Any], files: Path) -> list[dict[str, Any]]:
    """The findings of the judgement and the files, not the plan's own."""
    return [f for f in data["findings"] if f["location"]["file"] != str(files / "plan.json")]


def test_error_findings_exit_1_and_the_status_is_still_printed(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (files / "submissions.csv").write_text(
        HEADER + ROWS + "ubnd-99999,ke-hoach,,2023-03-01,\n", encoding="utf-8"
    )
    code, data = status(capsys, files, "--as-of", "2023-12-20")
    assert code == 1
    bad = [f for f in data["findings"] if f["severity"] == "error"]
    assert [(f["code"], f["location"]["row"], f["location"]["column"]) for f in bad] == [
        ("unknown-reporter", 6, "reporter")
    ]
    assert bad[0]["location"]["file"].endswith("submissions.csv")
    assert find(data, "ubnd-11074", "bao-cao-6-thang")["status"] == "on_time"


def test_a_file_that_is_not_utf8_exits_2_and_judges_nobody(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """D24: unreadable input exited 1 and still listed every reporter as overdue."""
    (files / "submissions.csv").write_bytes(
        (HEADER + "y-te,ke-hoach,,2023-03-01,Phòng\n").encode("latin-1")
    )
    code, out, err = run(
        capsys,
        "status",
        str(files / "plan.json"),
        "--submissions",
        str(files / "submissions.csv"),
        "--as-of",
        "2023-12-20",
        "--lang",
        "en",
    )
    assert (code, out) == (2, "")
    assert err.startswith(f"cwp: error: {files / 'submissions.csv'}, row 2: the file is not UTF-8")
    assert err.count("\n") == 1


@pytest.mark.usefixtures("in_english")
def test_a_missing_submissions_file_exits_2(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys, "status", str(files / "plan.json"), "--submissions", str(files / "nope.csv")
    )
    assert code == 2
    assert "no submissions file" in err


def test_as_of_defaults_to_todays_date_in_vietnam(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vietnam = ZoneInfo("Asia/Ho_Chi_Minh")
    before = datetime.now(vietnam).date().isoformat()
    _, data = status(capsys, files)
    after = datetime.now(vietnam).date().isoformat()
    assert data["as_of"] in (before, after)


def test_text_puts_overdue_first_then_late_then_rates_then_what_falls_due(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys,
        "status",
        str(files / "plan.json"),
        "--submissions",
        str(files / "submissions.csv"),
        "--as-of",
        "2023-06-01",
        "--lang",
        "en",
    )
    assert code == 0
    headings = ["Overdue", "Late", "Rates", "Due within 14 days"]
    positions = [out.index(f"\n{h}\n") for h in headings]
    assert positions == sorted(positions)
    assert "as of 2023-06-01" in out
    overdue = out[positions[0] : positions[1]]
    # The implementation plan (due 29/3) is overdue for three reporters; 11074 sent it.
    assert "ubnd-11083" in overdue and "y-te" in overdue and "ubnd-11074" not in overdue
    due = out[positions[3] :]
    assert "bao-cao-6-thang" in due and "2023-06-14" in due


def test_text_lists_the_most_overdue_first_within_an_obligation(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (files / "submissions.csv").write_text(
        HEADER + "ubnd-11083,dot-xuat,dx-02,2023-10-18T13:00:00+07:00,\n", encoding="utf-8"
    )
    (files / "incidents.csv").write_text(
        INCIDENTS + "dx-02,xam-hai,11074,2023-10-18T12:15:00+07:00,,SYNTHETIC\n",
        encoding="utf-8",
    )
    code, out, _ = run(
        capsys,
        "status",
        str(files / "plan.json"),
        "--submissions",
        str(files / "submissions.csv"),
        "--incidents",
        str(files / "incidents.csv"),
        "--as-of",
        "2023-12-20",
        "--format",
        "markdown",
        "--lang",
        "en",
    )
    assert code == 1  # the report names the wrong commune for dx-02
    section = out[out.index("## Overdue") : out.index("## Late")]
    block = section[section.index("dot-xuat") :]
    assert block.index("dx-01") < block.index("dx-02")  # 136 days overdue before 62


@pytest.fixture
def installed() -> Iterator[None]:
    """The process-wide host with every installed plugin (the Tứ Kỳ pack)."""
    reset_host(None)
    yield
    reset_host(None)


def test_the_tu_ky_demo_tells_the_district_whom_to_chase(
    installed: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """The pack's synthetic data set (README): of the 29 reporters, 1 + 2 + 3 never sent
    the implementation plan, six-month and annual reports, 3 + 4 + 2 sent them late."""
    cwp_tu_ky = pytest.importorskip("cwp_tu_ky")
    demo = Path(str(cwp_tu_ky.DEMO_DIR))
    code, out, _ = run(
        capsys,
        "status",
        "tu-ky-2023",
        "--submissions",
        str(demo / "submissions.csv"),
        "--incidents",
        str(demo / "incidents.csv"),
        "--as-of",
        "2023-12-20",
        "--format",
        "json",
    )
    data = json.loads(out)
    assert code == 0
    counts = {
        r["obligation"]: (r["expected"], r["overdue"], r["late"])
        for r in data["rates"]
        if r["obligation"] in ("ke-hoach-trien-khai", "bao-cao-6-thang", "bao-cao-nam")
    }
    assert counts == {
        "ke-hoach-trien-khai": (29, 1, 3),
        "bao-cao-6-thang": (29, 2, 4),
        "bao-cao-nam": (29, 3, 2),
    }
    incident_reports = [
        (i["reporter"].startswith("ubnd-"), i["status"])
        for i in data["items"]
        if i["obligation"] == "bao-cao-dot-xuat"
    ]
    communes = sorted(status for commune, status in incident_reports if commune)
    offices = sorted(status for commune, status in incident_reports if not commune)
    assert communes == ["late", "on_time", "on_time", "on_time"]
    assert offices == ["late"] * 2 + ["on_time"] * 20 + ["overdue"] * 2
    assert {i["reading"] for i in data["items"] if i["obligation"] == "bao-cao-dot-xuat"} == {
        "trong thời hạn 12 giờ kể từ khi phát hiện"
    }
    to_province = [i for i in data["items"] if i["obligation"].endswith("-tinh")]
    assert {(i["reporter"], i["drafted_by"]) for i in to_province} == {("ubnd-huyen", "ldtbxh")}
    codes = [f["code"] for f in data["findings"]]
    assert codes.count("duplicate-row") == 1
