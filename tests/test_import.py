"""``import child_welfare_plan`` stays light: heavy and optional libraries load on use."""

from __future__ import annotations

import json
import subprocess
import sys


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


def test_cwp_help_loads_only_the_command_line() -> None:
    """``cwp --help`` lists the commands without loading the plugin host, the formats or
    the rules (each command's module loads when that command runs); it speaks Vietnamese
    from the message catalogs (the standard library's gettext), without Babel."""
    loaded = _modules_after(
        "import contextlib, io\n"
        "from child_welfare_plan.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        main(['--help'])\n    except SystemExit:\n        pass"
    )
    ours = {m for m in loaded if m.startswith("child_welfare_plan")}
    assert ours <= {
        "child_welfare_plan",
        "child_welfare_plan.cli",
        "child_welfare_plan.cli.language",
        "child_welfare_plan.errors",
        "child_welfare_plan.i18n",
        "child_welfare_plan.i18n.localized",
        "child_welfare_plan.presentation",
    }
    for heavy in ("pluggy", "cattrs", "holidays", "tabulate", "attrs", "dateutil", "babel"):
        assert heavy not in loaded, f"cwp --help loaded {heavy}"


def test_the_facade_catalog_is_the_function_whatever_was_imported_first() -> None:
    """``child_welfare_plan.catalog()`` is the merged catalog (docs/indicators.md), whatever
    was imported first: no subpackage has that name (it is ``catalogs``), so importing the
    plugin host cannot turn the name into a module."""
    probe = (
        "import child_welfare_plan as cwp\n"
        "import child_welfare_plan.plugins.host\n"
        "print(callable(cwp.catalog))"
    )
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "True"
