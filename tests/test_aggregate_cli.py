"""``cwp aggregate PLAN --data FILE [--level LEVEL] [--period ID]`` (design §7)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from child_welfare_plan.cli import main
from child_welfare_plan.io.plans import dumps_plan_json
from child_welfare_plan.plugins import Host, reset_host
from tests.conftest import small_plan

REPO = Path(__file__).resolve().parent.parent
PACK = REPO / "plugins" / "cwp-tu-ky"
DEMO_VALUES = PACK / "src" / "cwp_tu_ky" / "data" / "demo" / "data_values.csv"
PLAN_FILE = PACK / "src" / "cwp_tu_ky" / "data" / "tu-ky-2023.toml"
HEADER = "unit,period,indicator,disaggregation,value\n"
KEYS = {"unit", "level", "period", "indicator", "disaggregation", "value", "coverage", "complete"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def tu_ky() -> Iterator[Host]:
    """A host with the Tứ Kỳ pack only."""
    from cwp_tu_ky import plugin

    test_host = Host(entry_points=False, plugins=[("tu_ky", plugin)])
    reset_host(test_host)
    yield test_host
    reset_host(None)


def write(tmp_path: Path, body: str, name: str = "values.csv") -> str:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return str(path)


def test_json_has_the_stable_shape(
    host: Host, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write(
        tmp_path,
        HEADER + "11074,2023S1,tre-em,,100\n11074,2023S1,tre-em,sex=male,52\n"
        "11074,2023S1,tre-em,sex=female,48\n11083,2023S1,tre-em-hcdb,,3\n",
    )
    code, out, err = run(capsys, "aggregate", "thu-2023", "--data", data, "--format", "json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert set(report) == {"plan", "values", "findings"}
    assert report["plan"] == "thu-2023"
    assert report["findings"] == []
    rows = {
        (v["unit"], v["period"], v["indicator"], v["disaggregation"]): v for v in report["values"]
    }
    for row in report["values"]:
        assert set(row) >= KEYS
        assert 0.0 <= row["coverage"] <= 1.0
    total = rows[("298", "2023S1", "tre-em", "")]
    assert (total["level"], total["value"], total["coverage"], total["complete"]) == (
        "district",
        100,
        0.5,
        False,
    )
    assert rows[("298", "2023S1", "tre-em", "sex=male")]["value"] == 52
    ratio = rows[("298", "2023S1", "ty-le-tre-em-hcdb", "")]
    assert ratio["value"] == pytest.approx(3.0)
    assert (ratio["numerator"], ratio["denominator"]) == (3, 100)
    assert {v["period"] for v in report["values"]} == {"2023S1", "2023"}


def test_level_and_period_choose_the_rows(
    host: Host, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write(
        tmp_path, HEADER + "11074,2023S1,tre-em-bi-xam-hai,,1\n11074,2023S2,tre-em-bi-xam-hai,,2\n"
    )
    code, out, _ = run(
        capsys,
        "aggregate",
        "thu-2023",
        "--data",
        data,
        "--format",
        "json",
        "--level",
        "commune",
        "--level",
        "district",
        "--period",
        "2023",
    )
    assert code == 0
    values = json.loads(out)["values"]
    assert {(v["unit"], v["level"], v["period"]) for v in values} == {
        ("298", "district", "2023"),
        ("11074", "commune", "2023"),
        ("11083", "commune", "2023"),
    }
    mine = next(v for v in values if v["unit"] == "11074")
    assert (mine["value"], mine["complete"]) == (3, True)
    silent = next(v for v in values if v["unit"] == "11083")
    assert (silent["value"], silent["coverage"], silent["reason"]) == (
        None,
        0.0,
        "no reporting unit sent a value",
    )


def test_errors_in_the_data_exit_1_and_still_print_the_values(
    host: Host, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write(tmp_path, HEADER + "11074,2023S1,tre-em,,100\n99999,2023S1,tre-em,,5\n")
    code, out, _ = run(capsys, "aggregate", "thu-2023", "--data", data, "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert [f["code"] for f in report["findings"]] == ["unknown-unit"]
    assert report["findings"][0]["location"] == {
        "file": data,
        "row": 3,
        "column": "unit",
        "path": None,
        "sheet": None,
        "field": None,
    }
    assert any(v["value"] == 100 for v in report["values"])


def test_warnings_alone_exit_0(
    host: Host, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write(tmp_path, HEADER + "11074,2023S1,tre-em,,100\n11074,2023S1,tre-em,,100\n")
    code, out, _ = run(capsys, "aggregate", "thu-2023", "--data", data, "--format", "json")
    assert code == 0
    assert [f["code"] for f in json.loads(out)["findings"]] == ["duplicate-value"]


def test_a_plan_file_may_stand_for_the_plan(
    host: Host, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(dumps_plan_json(small_plan()), encoding="utf-8")
    data = write(tmp_path, HEADER + "11074,2023S1,tre-em,,100\n")
    code, out, _ = run(capsys, "aggregate", str(plan_file), "--data", data, "--format", "json")
    assert code == 0
    assert json.loads(out)["plan"] == "thu-2023"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--data", "missing.csv"], "no data file"),
        (["--level", "province"], "is above the plan's area 298"),
        (["--period", "2023X1"], "cannot read period id"),
    ],
)
@pytest.mark.usefixtures("in_english")
def test_bad_usage_or_unreadable_input_exits_2(
    host: Host, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    data = write(tmp_path, HEADER + "11074,2023S1,tre-em,,100\n")
    argv = ["aggregate", "thu-2023", *(["--data", data] if "--data" not in args else []), *args]
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.startswith("cwp: error:") and message in err
    assert len(err.strip().splitlines()) == 1


def test_text_and_markdown_show_values_by_period_and_the_findings(
    host: Host, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write(tmp_path, HEADER + "11074,2023S1,tre-em,,100\n11083,2023S1,tre-em,,-1\n")
    code, out, _ = run(capsys, "aggregate", "thu-2023", "--data", data, "--lang", "en")
    assert code == 1
    for text in ("Period 2023S1", "Huyện Tứ Kỳ", "50.0%", "Findings", "negative-value"):
        assert text in out
    code, out, _ = run(
        capsys, "aggregate", "thu-2023", "--data", data, "--format", "markdown", "--lang", "en"
    )
    assert "## Period 2023S1" in out and "| 298 " in out


def test_the_demo_values_of_the_tu_ky_pack_load_clean_and_add_up(
    tu_ky: Host, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys,
        "aggregate",
        "tu-ky-2023",
        "--data",
        str(DEMO_VALUES),
        "--format",
        "json",
        "--level",
        "district",
        "--level",
        "commune",
    )
    report = json.loads(out)
    assert code == 0
    # Only the plan's own warnings (its annual reports are due before the year ends).
    assert {(f["severity"], f["location"]["file"]) for f in report["findings"]} <= {
        ("warning", str(PLAN_FILE))
    }
    rows = {
        (v["unit"], v["period"], v["indicator"], v["disaggregation"]): v for v in report["values"]
    }
    children = rows[("298", "2023", "tre-em", "")]
    assert children["complete"] and children["expected"] == 23
    assert 30_000 <= children["value"] <= 50_000
    by_sex = sum(rows[("298", "2023", "tre-em", f"sex={s}")]["value"] for s in ("male", "female"))
    assert by_sex == children["value"]
    share = rows[("298", "2023", "ty-le-xa-phu-hop-tre-em", "")]
    assert 0 < share["value"] < 100
    assert all(v["complete"] for v in report["values"])


def test_the_demo_values_file_is_small_and_reproducible(tmp_path: Path) -> None:
    """``scripts/make_demo_values.py`` uses ``random.Random(2023)``: the same bytes again."""
    assert DEMO_VALUES.stat().st_size < 1_000_000
    out = tmp_path / "again.csv"
    subprocess.run(
        [sys.executable, str(PACK / "scripts" / "make_demo_values.py"), "--out", str(out)],
        check=True,
        capture_output=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": ""},
    )
    assert out.read_bytes() == DEMO_VALUES.read_bytes()
