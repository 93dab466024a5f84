"""What a newcomer hit after the README's own install (issue #10): each now works or says
how to install what is missing, in one line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from child_welfare_plan.cli import main
from child_welfare_plan.errors import MissingDependencyError
from child_welfare_plan.plugins import Host


def test_the_catalog_can_be_asked_for_twice() -> None:
    """`cwp.catalog()` failed on the second call ('module' object is not callable)."""
    probe = (
        "import child_welfare_plan as cwp\n"
        "first = cwp.catalog()\n"
        "second = cwp.catalog()\n"
        "print(first == second, len(second.indicators) > 0)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    ).stdout
    assert out.split() == ["True", "True"]


def test_ics_without_icalendar_says_which_extra_to_install(
    host: Host, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`cwp calendar --format ics` ended in a raw ModuleNotFoundError."""
    monkeypatch.setitem(sys.modules, "icalendar", None)  # as if it were not installed
    code = main(["calendar", "thu-2023", "--format", "ics"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err == (
        "cwp: lỗi: định dạng ics cần thư viện icalendar: pip install 'child-welfare-plan[ics]'\n"
    )
    assert main(["calendar", "thu-2023", "--format", "ics", "--lang", "en"]) == 2
    assert capsys.readouterr().err == (
        "cwp: error: the ics format needs the icalendar library: "
        "pip install 'child-welfare-plan[ics]'\n"
    )


def test_to_pandas_without_pandas_says_which_extra_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import child_welfare_plan as cwp

    evaluation = cwp.evaluate_demo("tu-ky-2023")
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'child-welfare-plan\[pandas\]'"):
        evaluation.to_pandas()
    with pytest.raises(ImportError):  # still an ImportError for callers who catch that
        evaluation.timeliness.to_pandas()  # type: ignore[union-attr]
