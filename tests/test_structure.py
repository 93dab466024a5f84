"""The shape of the code base: no module over 600 lines, no catch-all module."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
TREES = ("src", "plugins", "tests", "benchmarks", "scripts")
MAX_LINES = 600
CATCH_ALL = {"utils.py", "util.py", "helpers.py", "misc.py", "common.py"}


def _modules() -> list[Path]:
    found = [
        path
        for tree in TREES
        for path in sorted((ROOT / tree).rglob("*.py"))
        if not any(part.startswith(".") or part == "build" for part in path.parts)
    ]
    assert len(found) > 100, found  # the walk found the code base
    return found


@pytest.mark.parametrize("tree", TREES)
def test_every_tree_holds_python_modules(tree: str) -> None:
    assert any((ROOT / tree).rglob("*.py"))


def test_no_module_is_over_600_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for path in _modules()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_no_module_is_a_catch_all() -> None:
    assert [str(p.relative_to(ROOT)) for p in _modules() if p.name in CATCH_ALL] == []
