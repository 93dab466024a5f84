"""The demo's outputs, byte for byte: a change to any of them is deliberate and reviewed.

Each case runs one ``cwp`` command on the Tứ Kỳ pack's synthetic demo data and compares
its output with ``tests/golden/<name>``. After an intended change, rewrite them with
``CWP_UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and read the diff before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from child_welfare_plan.cli import main

GOLDEN = Path(__file__).parent / "golden"
ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "plugins" / "cwp-tu-ky" / "src" / "cwp_tu_ky" / "data" / "demo"

CASES: dict[str, list[str]] = {
    "plans.json": ["plans", "-f", "json"],
    "show.json": ["show", "tu-ky-2023", "-f", "json"],
    "validate.json": ["validate", "tu-ky-2023", "-f", "json"],
    "calendar.json": ["calendar", "tu-ky-2023", "-f", "json"],
    "status.json": [
        "status",
        "tu-ky-2023",
        "--submissions",
        str(DEMO / "submissions.csv"),
        "--incidents",
        str(DEMO / "incidents.csv"),
        "--as-of",
        "2023-12-20",
        "-f",
        "json",
    ],
    "aggregate.json": [
        "aggregate",
        "tu-ky-2023",
        "--data",
        str(DEMO / "data_values.csv"),
        "--level",
        "commune",
        "--level",
        "district",
        "--period",
        "2023",
        "-f",
        "json",
    ],
    "evaluate.json": ["evaluate", "tu-ky-2023", "--demo", "-f", "json"],
    "evaluate-public.json": [
        "evaluate",
        "tu-ky-2023",
        "--demo",
        "--audience",
        "public",
        "-f",
        "json",
    ],
    "deadline.json": ["deadline", "trước ngày 10/12/2023", "-f", "json"],
    "lunar.json": ["lunar", "2023-09-29", "-f", "json"],
    "period.json": ["period", "2023S1", "--convention", "nd09", "-f", "json"],
}


def _portable(output: bytes) -> bytes:
    """``output`` with the checkout's own path (findings name the pack's files) written as
    ``<repo>``, so the golden files hold wherever the repository is checked out."""
    for form in (str(ROOT), json.dumps(str(ROOT))[1:-1]):
        output = output.replace(form.encode("utf-8"), b"<repo>")
    return output


@pytest.mark.parametrize("name", sorted(CASES))
def test_demo_output_is_unchanged(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CWP_LANG", raising=False)
    out = tmp_path / name
    status = main([*CASES[name], "-o", str(out)])
    assert status in (0, 1)
    produced = _portable(out.read_bytes())
    golden = GOLDEN / name
    if os.environ.get("CWP_UPDATE_GOLDEN"):
        golden.write_bytes(produced)
    assert produced == golden.read_bytes(), f"{name} differs from tests/golden/{name}"


#: The commands that take ``--engine``: every engine must give the golden bytes.
ENGINE_CASES = ("aggregate.json", "status.json", "evaluate.json", "evaluate-public.json")


@pytest.mark.parametrize("engine", ["python", "duckdb"])
@pytest.mark.parametrize("name", ENGINE_CASES)
def test_every_engine_gives_the_golden_output(
    name: str, engine: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--engine python`` and ``--engine duckdb`` write the golden file byte for byte (the
    Dask engine is compared on a real cluster in tests/test_engines.py)."""
    monkeypatch.delenv("CWP_LANG", raising=False)
    out = tmp_path / name
    status = main([*CASES[name], "--engine", engine, "-o", str(out)])
    assert status in (0, 1)
    assert _portable(out.read_bytes()) == (GOLDEN / name).read_bytes()
