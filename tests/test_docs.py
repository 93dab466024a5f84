"""The plugin guide's pack works as written: its plan file loads and validates, and its
plugin module and test run inside a throwaway copy of the pack built from the page.

(Every other Python example of the docs runs in ``tests/test_docs_examples.py``; the
guide's plugin module is a sketch there because it imports the pack it belongs to.)
"""

from __future__ import annotations

import importlib
import json
import re
import sys
import tomllib
import types
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from child_welfare_plan.cli import main
from child_welfare_plan.io.plans import plan_from_data
from child_welfare_plan.model import has_errors
from child_welfare_plan.plugins import Host, reset_host
from child_welfare_plan.rules.validate import validate_plan
from tests.markdown_blocks import ROOT, fenced_blocks

GUIDE = ROOT / "docs" / "plugins.md"


def _plan_file() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    (example,) = re.findall(r"```toml\n(id = .*?)```", text, re.S)
    return str(example)


def test_the_plan_file_of_the_plugin_guide_loads_and_validates() -> None:
    plan = plan_from_data(tomllib.loads(_plan_file()), source="docs/plugins.md")
    assert plan.id == "my-district-2024"
    assert plan.expected_reporters(plan.obligation("bao-cao-6-thang")) == ("ubnd-11074",)
    findings = validate_plan(plan)
    assert not has_errors(findings), findings


@pytest.fixture
def guide_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[types.ModuleType]:
    """The guide's pack laid out as section 1 says, importable, its plugin module loaded
    from the page; the process-wide host holds it alone."""
    package = tmp_path / "src" / "cwp_my_district"
    (package / "data").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "data" / "my-district-2024.toml").write_text(_plan_file(), encoding="utf-8")
    blocks = fenced_blocks(GUIDE.read_text(encoding="utf-8"), "docs/plugins.md")
    (module_block,) = [b for b in blocks if b.code.startswith("# src/cwp_my_district/plugin.py")]
    assert module_block.sketch
    (package / "plugin.py").write_text(module_block.code, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "src"))
    try:
        plugin = importlib.import_module("cwp_my_district.plugin")
        reset_host(Host(entry_points=False, plugins=[("my_district", plugin)]))
        yield plugin
    finally:
        reset_host(None)
        for name in [m for m in sys.modules if m.split(".")[0] == "cwp_my_district"]:
            del sys.modules[name]


def test_the_pack_of_the_plugin_guide_registers_its_plan(
    guide_pack: types.ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plans", "-f", "json"]) == 0
    out, err = capsys.readouterr()
    assert [p["id"] for p in json.loads(out)["plans"]] == ["my-district-2024"]
    assert err == ""


@pytest.mark.usefixtures("guide_pack")
def test_the_test_of_the_plugin_guide_passes() -> None:
    blocks = fenced_blocks(GUIDE.read_text(encoding="utf-8"), "docs/plugins.md")
    (test_block,) = [b for b in blocks if "def test_plan_is_registered" in b.code]
    namespace: dict[str, object] = {}
    exec(compile(test_block.code, "docs/plugins.md", "exec"), namespace)
    test = namespace["test_plan_is_registered_and_has_no_error"]
    assert callable(test)
    check: Callable[[], None] = test
    check()
