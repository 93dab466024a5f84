"""Fixtures of the Tứ Kỳ pack's tests: the plan as the pack ships it, and its source text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from child_welfare_plan.io.plans import load_plan
from child_welfare_plan.model import Plan
from cwp_tu_ky import PLAN_FILE

SOURCE = Path(__file__).parent / "source" / "ke-hoach-tre-em-2023.txt"
"""The plan as published (text extracted from the document, page breaks and all)."""


@pytest.fixture(scope="session")
def plan() -> Plan:
    """The plan file of the pack, loaded through the library's public reader."""
    return load_plan(PLAN_FILE)


@pytest.fixture(scope="session")
def source_text() -> str:
    """The published text with its broken lines joined: runs of whitespace as one space,
    and a document symbol broken after its hyphen ("131/KH-" / "UBND") joined whole."""
    text = SOURCE.read_text(encoding="utf-8")
    text = re.sub(r"(?<=[A-Z])-\s+(?=[A-ZĐ])", "-", text)
    return re.sub(r"\s+", " ", text).strip()
