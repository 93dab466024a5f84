"""Text a plan or a pack gives in both languages: Vietnamese first, English on request."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

from child_welfare_plan.api import get_plan
from child_welfare_plan.errors import PlanFileError
from child_welfare_plan.i18n import language
from child_welfare_plan.i18n.localized import Translated, localize
from child_welfare_plan.io.plans import plan_from_data
from child_welfare_plan.model.convert import converter
from tests.test_cli import run


def _plan_data(**changes: Any) -> dict[str, Any]:
    data = converter().unstructure(get_plan("tu-ky-2023"))
    assert isinstance(data, dict)
    data.update(changes)
    return data


def test_a_text_in_both_languages_is_the_vietnamese_and_shows_the_english_on_request() -> None:
    plan = plan_from_data(
        _plan_data(period_basis={"vi": "Theo Nghị định 09", "en": "By Decree 09"})
    )
    basis = plan.period_basis
    assert isinstance(basis, Translated)
    assert basis == "Theo Nghị định 09"
    assert localize(basis, "en") == "By Decree 09" and localize(basis, "vi") == basis
    with language("en"):
        assert localize(basis) == "By Decree 09"
    again = pickle.loads(pickle.dumps(basis))
    assert isinstance(again, Translated) and again.translations == {"en": "By Decree 09"}


def test_a_text_without_its_english_shows_the_vietnamese_in_english_reports() -> None:
    plan = plan_from_data(_plan_data(period_basis={"vi": "Theo Nghị định 09"}))
    assert localize(plan.period_basis, "en") == "Theo Nghị định 09"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ({"vi": "a", "fr": "b"}, "fr"),
        ({"vi": "a", "en": 3}, "en"),
    ],
)
def test_a_bad_table_of_languages_is_a_finding_at_its_path(value: object, words: str) -> None:
    with pytest.raises(PlanFileError) as caught:
        plan_from_data(_plan_data(period_basis=value), source="plan.json")
    (finding,) = caught.value.findings
    assert finding.location.path == "period_basis"  # type: ignore[attr-defined]
    assert words in finding.message  # type: ignore[attr-defined]


def _said(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    _, out, _ = run(capsys, *argv)
    return " ".join(out.split())  # the text wraps its paragraphs


def test_the_packs_reading_and_demo_note_are_vietnamese_first(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The Tứ Kỳ pack gives its reading of "báo cáo kịp thời" (Decree 56/2017/NĐ-CP
    Art. 25.1 and 26.3) and its demo note in both languages."""
    out = _said(capsys, "status", "tu-ky-2023", "--demo")
    assert "khoản 3 Điều 26 Nghị định 56/2017/NĐ-CP" in out
    assert "12 hours from discovery" not in out
    out = _said(capsys, "status", "tu-ky-2023", "--demo", "--lang", "en")
    assert "12 hours from discovery is this pack's reading" in out
    out = _said(capsys, "evaluate", "tu-ky-2023", "--demo")
    assert "Dữ liệu GIẢ LẬP" in out and "SYNTHETIC data" not in out
    out = _said(capsys, "evaluate", "tu-ky-2023", "--demo", "--lang", "en")
    assert "SYNTHETIC data for the Tứ Kỳ 2023 plan" in out
