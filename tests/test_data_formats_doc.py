"""The examples of docs/data-formats.md run as written, in a folder holding the Tứ Kỳ demo
files (as the page says)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from child_welfare_plan.plugins import reset_host

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "data-formats.md"
DEMO = ROOT / "plugins" / "cwp-tu-ky" / "src" / "cwp_tu_ky" / "data" / "demo"


@pytest.fixture
def demo_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    for name in ("data_values.csv", "submissions.csv", "incidents.csv"):
        shutil.copy(DEMO / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    reset_host(None)
    yield tmp_path
    reset_host(None)


@pytest.mark.usefixtures("demo_folder")
def test_the_examples_of_the_data_formats_page_run() -> None:
    blocks = re.findall(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 5
    namespace: dict[str, object] = {"__name__": "docs_data_formats"}
    for number, block in enumerate(blocks, start=1):
        exec(compile(block, f"{PAGE.name} block {number}", "exec"), namespace)
