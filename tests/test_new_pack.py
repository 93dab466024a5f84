"""``cwp new-pack``: a pack for any unit of the register, which installs and passes its own
tests; and plans after the reform, where a commune reports straight to the province."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
from datetime import date
from pathlib import Path

import pytest

from child_welfare_plan.catalogs import national_catalog
from child_welfare_plan.catalogs.units import national_register
from child_welfare_plan.cli import main
from child_welfare_plan.errors import NotFoundError
from child_welfare_plan.io.datavalues import load_data_values
from child_welfare_plan.io.packs import PackFiles, pick_unit, scaffold_pack, write_pack
from child_welfare_plan.io.plans import load_plan
from child_welfare_plan.io.submissions import load_submissions
from child_welfare_plan.model import Level, Plan, has_errors
from child_welfare_plan.rules.aggregate import aggregate
from child_welfare_plan.rules.timeliness import timeliness
from child_welfare_plan.rules.validate import validate_plan

REGISTER = national_register()
CATALOG = national_catalog()


def _written(tmp_path: Path, code: str, year: int) -> tuple[PackFiles, Path]:
    pack = scaffold_pack(REGISTER, code, year)
    write_pack(pack, tmp_path / pack.distribution)
    return pack, tmp_path / pack.distribution / "src" / pack.module / "data"


def _errors(plan: Plan) -> list[str]:
    found = validate_plan(plan, catalog=CATALOG, register=REGISTER)
    return [str(f) for f in found if f.severity == "error"]


def test_a_scaffolded_commune_pack_installs_and_passes_its_own_tests(tmp_path: Path) -> None:
    """Xã Tứ Kỳ (11074, Hải Phòng) for 2026: ``cwp new-pack`` writes the pack, pip installs
    it (editable, offline, no build isolation) into a fresh virtual environment that sees
    this environment's packages, and there ``validate``, ``calendar``, ``status`` and
    ``evaluate --demo`` run on it and its own tests pass."""
    pack_dir = tmp_path / "xa-tu-ky"
    assert main(["new-pack", "--unit", "11074", "--year", "2026", str(pack_dir), "-f", "json"]) == 0
    env_dir = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    python = env_dir / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    ours = dict.fromkeys(sysconfig.get_paths()[k] for k in ("purelib", "platlib"))
    Path(site, "_cwp_parent.pth").write_text(
        "".join(f"import site; site.addsitedir({p!r})\n" for p in ours), encoding="utf-8"
    )
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "-q"]
    install += ["--no-deps", "--no-build-isolation", "--no-index", "-e", str(pack_dir)]
    subprocess.run(install, check=True)

    def cwp(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(python), "-m", "child_welfare_plan", *argv], capture_output=True, text=True
        )

    plan_id = "xa-tu-ky-11074-2026"
    demo = pack_dir / "src" / "cwp_xa_tu_ky_11074" / "data" / "demo"
    validated = cwp("validate", plan_id, "-f", "json")
    assert validated.returncode == 0, validated.stderr
    assert json.loads(validated.stdout)["findings"] == []
    calendar = cwp("calendar", plan_id, "-f", "json")
    assert calendar.returncode == 0, calendar.stderr
    ids = [item["id"] for item in json.loads(calendar.stdout)["items"]]
    assert {"thang-hanh-dong", "bao-cao-6-thang", "bao-cao-nam"} <= set(ids)
    status = cwp("status", plan_id, "--submissions", str(demo / "submissions.csv"))
    status_json = cwp(
        "status",
        plan_id,
        "--submissions",
        str(demo / "submissions.csv"),
        "--as-of",
        "2026-12-31",
        "-f",
        "json",
    )
    assert status.returncode == status_json.returncode == 0, status_json.stderr
    items = json.loads(status_json.stdout)["items"]
    assert [(i["reporter"], i["status"]) for i in items] == [("ubnd-11074", "on_time")] * 2
    evaluated = cwp("evaluate", plan_id, "--demo", "-f", "json")
    assert evaluated.returncode == 0, evaluated.stderr
    rows = json.loads(evaluated.stdout)["indicators"]
    assert {r["unit"] for r in rows} == {"11074"}
    tested = subprocess.run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", str(pack_dir / "tests")],
        capture_output=True,
        text=True,
        cwd=pack_dir,
    )
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "4 passed" in tested.stdout


def test_a_commune_after_the_reform_reports_straight_to_the_province(tmp_path: Path) -> None:
    """From 01/07/2025 there is no district: Xã Tứ Kỳ reports to the People's Committee of
    Hải Phòng through its Department of Health (Resolution 202/2025/QH15; Decree
    42/2025/NĐ-CP; Circular 20/2025/TT-BYT, seen in secondary sources)."""
    pack, _ = _written(tmp_path, "11074", 2026)
    plan = pack.plan
    assert [u.code for u in plan.units] == ["31", "11074"]
    report = plan.obligation("bao-cao-nam")
    assert (report.recipient, report.via) == ("ubnd-31", "so-y-te")
    assert plan.agency("so-y-te").name == "Sở Y tế thành phố Hải Phòng"
    assert plan.coordinator == "vhxh"
    assert _errors(plan) == []


def test_a_commune_before_the_reform_reports_to_its_district(tmp_path: Path) -> None:
    """In 2024 Thị trấn Tứ Kỳ reported to Tứ Kỳ district, whose labour office led
    children's affairs until the transfer to the health sector on 01/03/2025 (Decree
    42/2025/NĐ-CP)."""
    pack, _ = _written(tmp_path, "11074", 2024)
    report = pack.plan.obligation("bao-cao-6-thang")
    assert (report.recipient, report.via) == ("ubnd-298", "ldtbxh")
    assert pack.plan.hierarchy.get("11074").name == "Thị trấn Tứ Kỳ"
    assert _errors(pack.plan) == []


def test_a_district_pack_consolidates_its_communes_for_the_province(tmp_path: Path) -> None:
    _, data = _written(tmp_path, "298", 2024)
    plan = load_plan(data / "plan.toml")
    assert len(plan.expected_reporters(plan.obligation("bao-cao-nam"))) == 23
    upper = plan.obligation("bao-cao-nam-cap-tren")
    assert upper.feeds == ("bao-cao-nam",) and upper.recipient == "ubnd-30"
    assert _errors(plan) == []
    values = load_data_values(data / "demo" / "data_values.csv", plan, CATALOG)
    assert not values.findings
    district = aggregate(plan, values, CATALOG, periods=["2024"]).get("298", "2024", "tre-em")
    assert district is not None and district.complete and district.reported == 23


def test_a_province_plan_rolls_communes_straight_up_to_the_province(tmp_path: Path) -> None:
    """Hải Phòng in 2026: 114 communes, no district between them and the province
    (Resolution 1669/NQ-UBTVQH15 (check): 114 commune-level units)."""
    _, data = _written(tmp_path, "31", 2026)
    plan = load_plan(data / "plan.toml")
    assert len(plan.area_units(Level.COMMUNE)) == 114
    assert plan.area_units(Level.DISTRICT) == ()
    assert _errors(plan) == []
    values = load_data_values(data / "demo" / "data_values.csv", plan, CATALOG)
    result = aggregate(plan, values, CATALOG, periods=["2026"])
    province = result.get("31", "2026", "tre-em")
    assert province is not None and (province.reported, province.expected) == (114, 114)
    communes = aggregate(plan, values, CATALOG, level="commune", periods=["2026"])
    total = sum(
        r.value or 0 for r in communes.rows if r.indicator == "tre-em" and not r.disaggregation
    )
    assert province.value == total
    submissions = load_submissions(data / "demo" / "submissions.csv", plan)
    judged = timeliness(plan, submissions.submissions, as_of=date(2026, 12, 31))
    assert {rate.on_time for rate in judged.rates} == {114}
    assert not has_errors(submissions.findings)


def test_a_unit_is_taken_as_it_stands_in_the_year() -> None:
    assert pick_unit(REGISTER, "11086", 2024).name == "Xã Hưng Đạo"
    assert pick_unit(REGISTER, "11086", 2026).name == "Xã Đại Sơn"
    assert pick_unit(REGISTER, "11086", 2025).name == "Xã Hưng Đạo"
    with pytest.raises(NotFoundError, match="Xã Ngọc Kỳ"):
        pick_unit(REGISTER, "11089", 2026)


def test_new_pack_refuses_a_full_directory_and_an_unknown_unit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("x", encoding="utf-8")
    assert main(["new-pack", "--unit", "11074", "--year", "2026", str(tmp_path / "full")]) == 2
    assert "đã tồn tại và không phải thư mục trống" in capsys.readouterr().err
    assert main(["new-pack", "--unit", "99999", "--year", "2026", str(tmp_path / "new")]) == 2
    assert "không có đơn vị hành chính nào mang mã '99999'" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()
