"""The pack as a plugin: its entry point, its hooks, and its package data."""

from __future__ import annotations

from importlib import metadata

import cwp_tu_ky
from child_welfare_plan.model import Plan
from child_welfare_plan.plugins import Host
from cwp_tu_ky import plugin


def test_entry_point_is_declared_in_the_child_welfare_plan_group() -> None:
    points = metadata.entry_points(group="child_welfare_plan", name="tu_ky")
    assert [p.value for p in points] == ["cwp_tu_ky.plugin"]
    assert metadata.distribution("cwp-tu-ky").version == cwp_tu_ky.__version__


def test_host_loads_the_plan_and_units_without_failure(plan: Plan) -> None:
    host = Host(entry_points=False, plugins=[("tu_ky", plugin)])
    assert host.plan("tu-ky-2023") == plan
    units = {u.code for u in host.units()}
    assert units == {u.code for u in plan.units}
    assert len(units) == 25
    assert host.failures == []


def test_units_come_from_the_plan_file(plan: Plan) -> None:
    assert tuple(plugin.register_units()) == plan.units


def test_package_data_is_shipped() -> None:
    assert cwp_tu_ky.PLAN_FILE.is_file()
    assert cwp_tu_ky.DEMO_DIR.joinpath("submissions.csv").is_file()
    assert cwp_tu_ky.DEMO_DIR.joinpath("README.md").is_file()


def test_the_library_keeps_working_without_the_pack() -> None:
    """With the pack blocked (as good as uninstalled for the plugin host), the library has
    no plans, says so, and everything else still works."""
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "CWP_DISABLE_PLUGINS": "tu_ky"}

    def cwp(*args: str) -> subprocess.CompletedProcess[str]:
        code = "import sys; from child_welfare_plan.cli import main; sys.exit(main(sys.argv[1:]))"
        return subprocess.run(
            [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True
        )

    listed = cwp("plans", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == {"plans": []}
    assert "No plans are installed" in cwp("plans", "--lang", "en").stdout
    assert "Chưa cài đặt kế hoạch nào" in cwp("plans").stdout
    assert cwp("deadline", "trước ngày 15/6/2023").returncode == 0
    missing = cwp("evaluate", "tu-ky-2023", "--demo", "--lang", "en")
    assert missing.returncode == 2
    assert missing.stderr == "cwp: error: unknown plan 'tu-ky-2023' (installed: none installed)\n"
