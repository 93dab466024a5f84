"""``import child_welfare_plan`` stays light: heavy and optional libraries load on use."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def _modules_after(code: str) -> set[str]:
    probe = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    return set(json.loads(out.stdout))


def test_importing_the_package_loads_nothing_heavy() -> None:
    loaded = _modules_after("import child_welfare_plan")
    for heavy in ("tabulate", "holidays", "pandas", "icalendar", "cattrs", "dateutil", "pluggy"):
        assert heavy not in loaded, f"import child_welfare_plan loaded {heavy}"


def test_the_model_needs_no_tabulate_holidays_or_pandas() -> None:
    loaded = _modules_after("import child_welfare_plan.model")
    for heavy in ("tabulate", "holidays", "pandas", "icalendar", "matplotlib"):
        assert heavy not in loaded, f"the model loaded {heavy}"


def test_lazy_names_resolve() -> None:
    import child_welfare_plan as cwp

    assert cwp.Plan.__name__ == "Plan"
    assert callable(cwp.load_plan)
    assert "validate_plan" in dir(cwp)


@pytest.mark.xfail(
    reason="known bug: the façade name `catalog` is shadowed by the subpackage "
    "child_welfare_plan.catalog once that is imported (see the test's docstring)",
    strict=True,
)
def test_the_facade_catalog_is_the_function_whatever_was_imported_first() -> None:
    """``child_welfare_plan.catalog()`` is the merged catalog (docs/indicators.md), but the
    subpackage ``child_welfare_plan.catalog`` has the same name: importing it (the plugin
    host does) makes the import system set the package attribute to the module, so the
    name means the function or the module depending on what ran first."""
    probe = (
        "import child_welfare_plan as cwp\n"
        "import child_welfare_plan.plugins.host\n"
        "print(callable(cwp.catalog))"
    )
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    # KNOWN BUG (src/child_welfare_plan/__init__.py): prints False, cwp.catalog is the module.
    assert out.stdout.strip() == "True"
