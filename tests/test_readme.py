"""The README's Quick start is exactly two command lines, and CI runs the second."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _quick_start() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1]
    block = re.search(r"```(?:sh|bash)?\n(.*?)```", section, re.S)
    assert block is not None, "Quick start has no code block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_exactly_two_command_lines() -> None:
    lines = _quick_start()
    assert len(lines) == 2
    assert "pip install" in lines[0] and "plugins/cwp-tu-ky" in lines[0]
    assert "pytest" in lines[1] and "mypy" in lines[1] and "ruff format --check" in lines[1]


def test_ci_installs_the_system_packages_then_runs_exactly_the_second_line() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [
        line
        for line in script.splitlines()
        if line.strip() and not line.startswith(("#", "set ", "cd "))
    ]
    assert commands == [".ci/system-packages", _quick_start()[1]]


def test_the_system_packages_script_only_installs_debian_packages() -> None:
    """CI's one step beyond the README: Debian packages the tests use (LibreOffice,
    Chromium...), installed when missing; nothing else."""
    script = (ROOT / ".ci" / "system-packages").read_text(encoding="utf-8")
    assert "apt-get install" in script
    assert "pip install" not in script
