"""A misbehaving plugin is named and isolated (design §5; issue #10, "Plugins"): every hook
answer is type-checked at the boundary, and what a plugin's data source or format does at
run time is checked there too. Each case runs a real command with the Tứ Kỳ pack."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import cwp_tu_ky.plugin as tu_ky
from child_welfare_plan.cli import main
from child_welfare_plan.i18n import LANG_VARIABLE
from child_welfare_plan.io.sources import DataSource
from child_welfare_plan.io.tables import Table, TableStream
from child_welfare_plan.plugins import Host, hookimpl, reset_host
from child_welfare_plan.plugins.contracts import OutputFormat, PlanSource
from child_welfare_plan.reports.base import Report

DEMO = Path(tu_ky.__file__).parent / "data" / "demo"
STATUS = ["status", "tu-ky-2023", "--submissions", str(DEMO / "submissions.csv")]
AGGREGATE = ["aggregate", "tu-ky-2023", "--data", str(DEMO / "data_values.csv")]


@pytest.fixture(autouse=True)
def _in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These cases compare the English text of each message (tests/test_plugin_rule.py and
    tests/test_input_messages.py show the Vietnamese one)."""
    monkeypatch.setenv(LANG_VARIABLE, "en")


def plugin(hook: str, answer: Callable[..., Any]) -> object:
    """A plugin object whose one hook gives ``answer()``."""

    def implementation(*args: Any, **kwargs: Any) -> Any:
        return answer()

    implementation.__name__ = hook
    return type("Plugin", (), {hook: staticmethod(hookimpl(implementation))})()


def run_with(
    bad: object, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    reset_host(Host(entry_points=False, plugins=[("cwp-tu-ky", tu_ky), ("bad-pack", bad)]))
    try:
        code = main([*argv, "--as-of", "2023-12-20"] if argv[0] == "status" else argv)
    finally:
        reset_host(None)
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "internal error" not in err, err
    return code, out, err


def source(read: Callable[[Path], Any], stream: Callable[[Path], Any] | None = None) -> object:
    """A plugin registering a ``.csv`` reader that overrides the built-in one."""
    return plugin(
        "register_data_sources", lambda: [DataSource("csv", (".csv",), read, stream=stream)]
    )


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        (lambda path: [3.14], "returned [3.14], not a table"),
        (lambda path: None, "returned None, not a table"),
        (lambda path: Table("x", ("unit",), [[3.14]], [1, 2]), "1 rows but 2 row numbers"),
        (lambda path: Table("x", ("unit",), [[object()]], [1]), "gave the cell <object"),  # type: ignore[list-item]
        (lambda path: Table("x", (1,), [], []), "columns (1,) are not all text"),  # type: ignore[arg-type]
        (lambda path: 1 / 0, "ZeroDivisionError: division by zero"),
        (lambda path: sys.exit(3), "SystemExit: 3"),
    ],
)
@pytest.mark.parametrize("argv", [STATUS, AGGREGATE])
@pytest.mark.usefixtures("in_english")
def test_a_data_source_answering_wrongly_is_named_and_exits_2(
    capsys: pytest.CaptureFixture[str], answer: Callable[[Path], Any], said: str, argv: list[str]
) -> None:
    """A data source returning [3.14] or None crashed every command that read a file."""
    code, out, err = run_with(source(answer), argv, capsys)
    assert (code, out) == (2, "")
    assert err.startswith("cwp: error: data source 'csv' of plugin 'bad-pack' failed: ")
    assert said in err


def test_a_stream_of_junk_rows_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    def rows() -> Iterator[Any]:
        yield ["11074", "2023S1", "tre-em", "", "5"]
        yield "not a row"

    def stream(path: Path) -> TableStream:
        columns = ("unit", "period", "indicator", "disaggregation", "value")
        return TableStream(str(path), columns, rows(), [])

    code, _, err = run_with(source(lambda path: None, stream), AGGREGATE, capsys)
    assert code == 2
    assert "gave the row 'not a row', not a list of cells" in err


@pytest.mark.usefixtures("in_english")
def test_a_format_whose_render_raises_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    def render(report: Report) -> str:
        raise RuntimeError("boom")

    bad = plugin("register_output_formats", lambda: [OutputFormat("text", ".txt", render)])
    code, out, err = run_with(bad, ["plans"], capsys)
    assert (code, out) == (2, "")
    assert (
        err == "cwp: error: output format 'text' of plugin 'bad-pack' failed: RuntimeError: boom\n"
    )


def test_a_format_that_exits_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    bad = plugin(
        "register_output_formats",
        lambda: [OutputFormat("text", ".txt", lambda report: sys.exit(3))],
    )
    code, _, err = run_with(bad, ["plans"], capsys)
    assert code == 2 and "SystemExit: 3" in err


@pytest.mark.parametrize(
    ("hook", "answer", "said"),
    [
        ("register_output_formats", lambda: ["yaml"], "returned 'yaml' (expected OutputFormat)"),
        ("register_plans", lambda: ["x"], "returned 'x' (expected Plan or PlanSource)"),
        ("register_targets", lambda: ["a", "b"], "returned 'a' (expected Target)"),
        ("register_indicators", lambda: [1, 2], "returned 1 (expected Indicator or Dimension)"),
        ("register_data_sources", lambda: "csv", "returned 'csv', not a list of values"),
        ("working_calendar_adjustments", lambda: "abc", "returned 'abc', not a WorkingCalendar"),
        ("register_demo_data", lambda: 1 / 0, "ZeroDivisionError"),
        ("register_categories", lambda: sys.exit(3), "SystemExit: 3"),
        ("register_plans", lambda: [PlanSource("/nonexistent/plan.toml")], "cannot read"),
    ],
)
@pytest.mark.usefixtures("in_english")
def test_a_hook_answering_wrongly_is_a_warning_naming_the_plugin_and_the_rest_works(
    capsys: pytest.CaptureFixture[str], hook: str, answer: Callable[[], Any], said: str
) -> None:
    """Each of these crashed every command, or (register_indicators) was dropped without a
    word."""
    argv = ["evaluate", "tu-ky-2023", "--demo", "--format", "json"]
    code, out, err = run_with(plugin(hook, answer), argv, capsys)
    assert code == 0 and out.startswith("{")
    assert f"cwp: warning: plugin 'bad-pack' failed in hook {hook}: " in err
    assert said in err


@pytest.mark.usefixtures("in_english")
def test_a_plugin_that_exits_on_import_is_named_and_cwp_goes_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A plugin calling sys.exit(3) on import ended cwp silently with 3."""

    def load() -> object:
        sys.exit(3)

    host = Host(entry_points=False, plugins=[("cwp-tu-ky", tu_ky)])
    host._register("exiting-pack", load)
    reset_host(host)
    try:
        code = main(["plans"])
    finally:
        reset_host(None)
    out, err = capsys.readouterr()
    assert code == 0 and "tu-ky-2023" in out
    assert "cwp: warning: plugin 'exiting-pack' failed while loading: SystemExit: 3" in err
