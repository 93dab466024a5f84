"""The one rule by which the host merges plugins (``plugins/host.py``, ``docs/hooks.md``),
checked with two throwaway packs installed beside the Tứ Kỳ pack, through the host and
through ``cwp`` itself.

``Alpha`` and ``Beta`` are written as third parties would write packs: ``Alpha`` replaces
the built-in ``text`` format and ``csv`` reader, both claim the format ``upper`` and the
plan ``shared-2024``, and ``Alpha`` registers an indicator code the national catalog
already has. ``Wrong`` answers hooks with values of the wrong type, and a plugin module
exits while it is imported.
"""

from __future__ import annotations

import json
import types
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

import cwp_tu_ky.plugin as tu_ky
from child_welfare_plan.calendars.workdays import WorkingCalendar
from child_welfare_plan.cli import COMMANDS, main
from child_welfare_plan.io.tables import Table, read_csv_table
from child_welfare_plan.model import (
    AdministrativeUnit,
    Agency,
    CircumstanceCategory,
    Dimension,
    Indicator,
    Plan,
)
from child_welfare_plan.plugins import (
    DataSource,
    Host,
    OutputFormat,
    PluginFailure,
    PluginWarning,
    hookimpl,
    reset_host,
)
from child_welfare_plan.reports.base import Report
from tests.test_golden import CASES, GOLDEN, _portable

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "plugins" / "cwp-tu-ky" / "src" / "cwp_tu_ky" / "data" / "demo"
REPORT = Report("x", "Báo cáo", {})


def _plan(plan_id: str) -> Plan:
    return Plan(
        id=plan_id,
        title=f"Kế hoạch {plan_id}",
        year=2024,
        issuer="ubnd",
        area="30",
        units=[AdministrativeUnit(code="30", name="Tỉnh Thử", level="province")],
        agencies=[Agency(code="ubnd", name="UBND tỉnh", unit="30", kind="peoples-committee")],
    )


def _alpha_text(report: Report) -> str:
    return f"alpha text: {report.title}\n"


class Alpha:
    """A pack that replaces two built-in things and clashes with Beta and the catalog."""

    def __init__(self) -> None:
        self.csv_reads: list[Path] = []

    def _read_csv(self, path: Path) -> Table:
        self.csv_reads.append(path)
        return read_csv_table(path)

    @hookimpl
    def register_output_formats(self) -> Iterable[OutputFormat]:
        return [
            OutputFormat("text", ".txt", _alpha_text, "Alpha's plain text"),
            OutputFormat("upper", ".up", lambda r: r.title.upper()),
        ]

    @hookimpl
    def register_data_sources(self) -> Iterable[DataSource]:
        return [DataSource("csv", (".csv",), self._read_csv, "Alpha's CSV reader")]

    @hookimpl
    def register_plans(self) -> Iterable[Plan]:
        return [_plan("alpha-2024"), _plan("shared-2024")]

    @hookimpl
    def register_indicators(self) -> Iterable[Indicator | Dimension]:
        return [
            Indicator(
                code="tre-em", name="Trẻ em (Alpha)", name_en="Alpha's children", value_type="count"
            ),
            Indicator(
                code="alpha-diem", name="Điểm Alpha", name_en="Alpha's points", value_type="count"
            ),
        ]


class Beta:
    """A pack that claims the names Alpha claims."""

    @hookimpl
    def register_output_formats(self) -> Iterable[OutputFormat]:
        return [OutputFormat("upper", ".up", lambda r: r.title.lower())]

    @hookimpl
    def register_plans(self) -> Iterable[Plan]:
        return [_plan("shared-2024")]

    @hookimpl
    def register_categories(self) -> Iterable[CircumstanceCategory]:
        return [CircumstanceCategory(code="beta-lu", name="Trẻ em vùng lũ", name_en="Flood")]


class Wrong:
    """A pack whose every hook answers with a value of the wrong type."""

    @hookimpl
    def register_output_formats(self) -> Any:
        return ["yaml"]

    @hookimpl
    def register_plans(self) -> Any:
        return ["x"]

    @hookimpl
    def working_calendar_adjustments(self, area: str | None, year: int) -> Any:
        return "a string"

    @hookimpl
    def register_data_sources(self) -> Any:
        return "csv"

    @hookimpl
    def register_indicators(self) -> Any:
        return [object()]

    @hookimpl
    def register_demo_data(self) -> Any:
        return 42


class _Dist:
    def __init__(self, name: str) -> None:
        self.name = name


class _EntryPoint:
    """What the host reads of an installed entry point."""

    def __init__(self, dist: str, name: str, load: Callable[[], object]) -> None:
        self.dist = _Dist(dist)
        self.name = name
        self.load = load


def _entry_points(monkeypatch: pytest.MonkeyPatch, *points: _EntryPoint) -> None:
    """Make ``points`` the installed entry points of the group ``child_welfare_plan``."""

    real = metadata.entry_points

    def entry_points(**params: Any) -> Any:
        if params == {"group": "child_welfare_plan"}:
            return list(points)
        return real(**params)  # other libraries' groups stay as installed

    monkeypatch.setattr(metadata, "entry_points", entry_points)


def _cwp(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


# (a) a plugin's named thing overrides the built-in one ---------------------------------


def test_a_plugins_text_format_overrides_the_built_in_one(
    install: Callable[..., Host], capsys: pytest.CaptureFixture[str]
) -> None:
    host = install(("alpha", Alpha()))
    status, out, err = _cwp(capsys, "period", "2023S1", "--lang", "en")
    assert (status, out) == (0, "alpha text: Period 2023S1\n")
    assert host.owner("format", "text") == "alpha"
    assert host.owner("format", "json") == "builtin"
    assert host.warnings == []  # replacing a built-in thing is no clash
    assert err == ""


@pytest.mark.usefixtures("in_english")
def test_a_plugins_csv_source_overrides_the_built_in_reader(
    install: Callable[..., Host], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [*CASES["status.json"][:-2], "-f", "json"]
    install(("tu_ky", tu_ky))
    expected = _cwp(capsys, *argv)
    alpha = Alpha()
    host = install(("tu_ky", tu_ky), ("alpha", alpha))
    assert host.data_source_for("data.csv").description == "Alpha's CSV reader"
    assert host.data_source_for("data.json").name == "json"
    status, out, err = _cwp(capsys, *argv)
    assert (status, out) == expected[:2]  # the same judgement, read by Alpha's reader
    # Alpha's clashing indicator is named (the plan's validation builds the catalog).
    assert all(line.startswith("cwp: warning: plugin 'alpha'") for line in err.splitlines())
    assert alpha.csv_reads == [DEMO / "incidents.csv", DEMO / "submissions.csv"]


# (b) two plugins claim one name: the first in the host's order keeps it -----------------

_UPPER_CLASH = PluginWarning(
    "beta",
    "output format 'upper' is also registered by plugin 'alpha', whose output format is kept",
)


@pytest.mark.parametrize("reverse", [False, True], ids=["alpha-first", "beta-first"])
def test_two_plugins_claiming_a_format_keep_the_first_by_name_whatever_the_order(
    install: Callable[..., Host], capsys: pytest.CaptureFixture[str], reverse: bool
) -> None:
    plugins = [("alpha", Alpha()), ("beta", Beta())]
    host = install(*(reversed(plugins) if reverse else plugins))
    assert host.plugin_names == ("builtin", "alpha", "beta")
    status, out, err = _cwp(capsys, "period", "2023S1", "-f", "upper", "--lang", "en")
    assert (status, out) == (0, "PERIOD 2023S1")
    assert host.warnings == [_UPPER_CLASH]
    assert host.owner("format", "upper") == "alpha"
    assert f"cwp: warning: {_UPPER_CLASH}\n" in err


@pytest.mark.parametrize("reverse", [False, True], ids=["listed-z-first", "listed-a-first"])
def test_installed_plugins_are_ordered_by_distribution_name_not_entry_point_name(
    monkeypatch: pytest.MonkeyPatch, reverse: bool
) -> None:
    """Entry point ``z_upper`` of distribution ``cwp-aaa`` comes before entry point
    ``a_lower`` of distribution ``cwp-zzz``, whichever the metadata lists first."""
    upper, lower = Alpha(), Beta()
    points = [
        _EntryPoint("cwp-zzz", "a_lower", lambda: lower),
        _EntryPoint("cwp-aaa", "z_upper", lambda: upper),
    ]
    _entry_points(monkeypatch, *(reversed(points) if reverse else points))
    host = Host(disabled=[])
    assert host.plugin_names == ("builtin", "z_upper", "a_lower")
    assert host.output_format("upper").render(REPORT) == "BÁO CÁO"
    assert host.warnings == [
        PluginWarning(
            "a_lower",
            "output format 'upper' is also registered by plugin 'z_upper', "
            "whose output format is kept",
        )
    ]


# (c) one plan id from two packs: refused for both -----------------------------------------


@pytest.mark.usefixtures("in_english")
def test_a_plan_id_two_packs_register_is_refused_for_both(
    install: Callable[..., Host], capsys: pytest.CaptureFixture[str]
) -> None:
    host = install(("tu_ky", tu_ky), ("alpha", Alpha()), ("beta", Beta()))
    status, out, err = _cwp(capsys, "plans", "-f", "json")
    assert status == 0
    assert [p["id"] for p in json.loads(out)["plans"]] == ["alpha-2024", "tu-ky-2023"]
    refused = (
        "plan 'shared-2024' is registered by plugins 'alpha', 'beta'; it is refused until "
        "only one registers it"
    )
    assert [w for w in host.warnings if "shared-2024" in w.message] == [
        PluginWarning("alpha", refused),
        PluginWarning("beta", refused),
    ]
    assert f"cwp: warning: plugin 'alpha': {refused}\n" in err
    assert f"cwp: warning: plugin 'beta': {refused}\n" in err

    status, out, err = _cwp(capsys, "show", "shared-2024", "--lang", "vi")
    assert (status, out) == (2, "")
    assert "cwp: lỗi: không có kế hoạch 'shared-2024' (đã cài đặt: alpha-2024, tu-ky-2023)\n" in err
    status, out, err = _cwp(capsys, "show", "shared-2024", "--lang", "en")
    assert "cwp: error: unknown plan 'shared-2024' (installed: alpha-2024, tu-ky-2023)\n" in err


# (d) a catalog entry whose code is taken is dropped; the plugin's others are kept -------


def test_a_catalog_entry_with_a_national_code_is_dropped_and_the_others_kept(
    install: Callable[..., Host],
) -> None:
    host = install(("alpha", Alpha()), ("beta", Beta()))
    catalog = host.catalog()
    assert catalog.indicator("tre-em").name == "Số trẻ em"  # the national entry
    assert catalog.indicator("alpha-diem").name_en == "Alpha's points"
    assert catalog.category("beta-lu").name_en == "Flood"
    assert catalog.category("art10-a").statutory
    assert host.warnings == [
        PluginWarning(
            "alpha",
            "indicator 'tre-em' is already defined by plugin 'builtin'; this plugin's "
            "indicator 'tre-em' is left out",
        )
    ]


def test_a_catalog_code_two_plugins_register_keeps_the_first_plugins_entry(
    install: Callable[..., Host],
) -> None:
    class Gamma:
        @hookimpl
        def register_categories(self) -> Iterable[CircumstanceCategory]:
            return [CircumstanceCategory(code="beta-lu", name="Lũ (Gamma)", name_en="Gamma")]

    host = install(("gamma", Gamma()), ("beta", Beta()))
    assert host.catalog().category("beta-lu").name_en == "Flood"  # beta sorts first
    assert [str(w) for w in host.warnings] == [
        "plugin 'gamma': category 'beta-lu' is already defined by plugin 'beta'; this "
        "plugin's category 'beta-lu' is left out"
    ]


# (e), (g) every command runs with the packs installed ----------------------------------

COMMAND_LINES: dict[str, list[str]] = {
    "plans": ["plans"],
    "show": ["show", "tu-ky-2023"],
    "validate": ["validate", "tu-ky-2023"],
    "calendar": ["calendar", "tu-ky-2023"],
    "status": [
        "status",
        "tu-ky-2023",
        "--submissions",
        str(DEMO / "submissions.csv"),
        "--incidents",
        str(DEMO / "incidents.csv"),
        "--as-of",
        "2023-12-20",
    ],
    "aggregate": ["aggregate", "tu-ky-2023", "--data", str(DEMO / "data_values.csv")],
    "evaluate": ["evaluate", "tu-ky-2023", "--demo"],
    "remind": [
        "remind",
        "tu-ky-2023",
        "--submissions",
        str(DEMO / "submissions.csv"),
        "--as-of",
        "2023-12-20",
        "-o",
        "{tmp}",
    ],
    "template": [
        "template",
        "tu-ky-2023",
        "--unit",
        "11074",
        "--period",
        "2023S1",
        "-o",
        "{tmp}/form.xlsx",
    ],
    "units": ["units", "11086", "--as-of", "2023-06-01"],
    "new-pack": ["new-pack", "--unit", "11074", "--year", "2026", "{tmp}/pack"],
    "deadline": ["deadline", "trước ngày 10/12/2023"],
    "lunar": ["lunar", "2023-09-29"],
    "period": ["period", "2023S1", "--convention", "nd09"],
}


def test_every_command_is_tried() -> None:
    assert list(COMMAND_LINES) == list(COMMANDS)


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("command", list(COMMAND_LINES))
@pytest.mark.usefixtures("in_english")
def test_every_command_runs_beside_the_clashing_packs(
    install: Callable[..., Host],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    command: str,
    fmt: str,
) -> None:
    host = install(("tu_ky", tu_ky), ("alpha", Alpha()), ("beta", Beta()))
    argv = [a.replace("{tmp}", str(tmp_path)) for a in COMMAND_LINES[command]]
    status, out, err = _cwp(capsys, *argv, "-f", fmt)
    assert status in (0, 1), err
    if fmt == "text":
        assert out.startswith("alpha text: ")
    else:
        json.loads(out)
    assert host.failures == []
    for line in err.splitlines():
        assert line.startswith("cwp: warning: plugin '"), line
    for warning in host.warnings:
        assert err.count(f"cwp: warning: {warning}\n") == 1


@pytest.mark.parametrize("name", sorted(set(CASES) - {"plans.json"}))
def test_the_demo_outputs_do_not_change_beside_the_clashing_packs(
    install: Callable[..., Host], tmp_path: Path, name: str
) -> None:
    install(("tu_ky", tu_ky), ("alpha", Alpha()), ("beta", Beta()))
    out = tmp_path / name
    assert main([*CASES[name], "-o", str(out)]) in (0, 1)
    assert _portable(out.read_bytes()) == (GOLDEN / name).read_bytes()


def _exits_on_import() -> object:
    """What importing a plugin module that calls ``sys.exit(3)`` does."""
    module = types.ModuleType("cwp_exits")
    exec(compile("import sys\nsys.exit(3)\n", "cwp_exits.py", "exec"), module.__dict__)
    return module


@pytest.fixture
def broken(monkeypatch: pytest.MonkeyPatch) -> Iterator[Host]:
    """The installed plugins are the Tứ Kỳ pack, Wrong and a module that exits on import."""
    _entry_points(
        monkeypatch,
        _EntryPoint("cwp-exits", "exits", _exits_on_import),
        _EntryPoint("cwp-tu-ky", "tu_ky", lambda: tu_ky),
        _EntryPoint("cwp-wrong", "wrong", Wrong),
    )
    host = Host(disabled=[])
    reset_host(host)
    yield host
    reset_host(None)


def test_a_plugin_answering_with_the_wrong_type_is_named_and_left_out(broken: Host) -> None:
    assert broken.plugin_names == ("builtin", "tu_ky", "wrong")
    assert list(broken.plans()) == ["tu-ky-2023"]
    assert {"text", "json", "csv"} <= set(broken.output_formats())
    healthy = Host(entry_points=False, plugins=[("tu_ky", tu_ky)])
    assert set(broken.data_sources()) == set(healthy.data_sources())  # Wrong's left out
    assert broken.working_calendar("298", 2023) == WorkingCalendar()
    assert broken.catalog().indicator("tre-em").name == "Số trẻ em"
    assert broken.demo_data("tu-ky-2023").as_of == date(2023, 12, 20)
    assert [(f.plugin, f.stage) for f in broken.failures] == [
        ("exits", "load"),
        ("wrong", "register_plans"),
        ("wrong", "register_output_formats"),
        ("wrong", "register_data_sources"),
        ("wrong", "working_calendar_adjustments"),
        ("wrong", "register_indicators"),
        ("wrong", "register_demo_data"),
    ]
    assert [str(f) for f in broken.failures[:3]] == [
        "plugin 'exits' failed while loading: SystemExit: 3",
        "plugin 'wrong' failed in hook register_plans: PluginError: register_plans returned "
        "'x' (expected Plan or PlanSource); its answer is left out",
        "plugin 'wrong' failed in hook register_output_formats: PluginError: "
        "register_output_formats returned 'yaml' (expected OutputFormat); its answer is left out",
    ]
    assert all(isinstance(f, PluginFailure) for f in broken.failures)
    assert broken.warnings == []


@pytest.mark.parametrize("command", list(COMMAND_LINES))
@pytest.mark.usefixtures("in_english")
def test_every_command_runs_beside_a_broken_plugin(
    broken: Host, capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    argv = [a.replace("{tmp}", str(tmp_path)) for a in COMMAND_LINES[command]]
    status, out, err = _cwp(capsys, *argv)
    assert status in (0, 1), err
    assert out
    assert "cwp: warning: plugin 'exits' failed while loading: SystemExit: 3\n" in err
    assert "cwp: warning: plugin 'wrong' failed in hook register_output_formats" in err
    for line in err.splitlines():
        assert line.startswith("cwp: warning: plugin '"), line


# (f) what the host collects is cached: each warning is given once ----------------------


def test_a_warning_is_recorded_once_however_often_the_host_is_asked(
    install: Callable[..., Host],
) -> None:
    host = install(("alpha", Alpha()), ("beta", Beta()))
    for _ in range(3):
        host.output_formats()
    assert host.warnings == [_UPPER_CLASH]
    for _ in range(3):
        host.plans()
        host.catalog()
        host.output_format("upper")
        host.format_for_suffix(".up")
    assert len(host.warnings) == 4  # the format, the plan (once per pack), the indicator
    assert len(set(host.warnings)) == 4


def test_a_failure_is_recorded_once_however_often_the_host_is_asked(broken: Host) -> None:
    for _ in range(3):
        broken.output_formats()
        broken.plans()
        broken.working_calendar("298", 2023)
    assert [f.stage for f in broken.failures] == [
        "load",
        "register_output_formats",
        "register_plans",
        "working_calendar_adjustments",
    ]


@pytest.mark.usefixtures("in_english")
def test_one_command_prints_each_warning_once(
    install: Callable[..., Host], capsys: pytest.CaptureFixture[str]
) -> None:
    host = install(("tu_ky", tu_ky), ("alpha", Alpha()), ("beta", Beta()))
    status, _, err = _cwp(capsys, "evaluate", "tu-ky-2023", "--demo", "-f", "upper")
    assert status in (0, 1)
    assert len(host.warnings) == 4
    assert err.splitlines() == [f"cwp: warning: {w}" for w in host.warnings]


# Known bugs: a plugin's data source or format that raises outside a hook ---------------


class FailingReader:
    """A pack whose CSV reader (replacing the built-in one) cannot reach its database."""

    @hookimpl
    def register_data_sources(self) -> Iterable[DataSource]:
        def read(path: Path) -> Table:
            raise RuntimeError("database is down")

        return [DataSource("csv", (".csv",), read)]


class FailingAccepts:
    """A pack whose format's ``accepts`` raises."""

    @hookimpl
    def register_output_formats(self) -> Iterable[OutputFormat]:
        def accepts(report: Report) -> bool:
            raise RuntimeError("accepts broke")

        return [OutputFormat("odd", ".odd", lambda r: "odd", accepts=accepts)]


@pytest.mark.parametrize("command", ["status", "aggregate", "evaluate"])
@pytest.mark.usefixtures("in_english")
def test_a_plugins_reader_that_raises_is_named_not_a_traceback(
    install: Callable[..., Host], capsys: pytest.CaptureFixture[str], command: str
) -> None:
    install(("tu_ky", tu_ky), ("failing", FailingReader()))
    status, _, err = _cwp(capsys, *COMMAND_LINES[command], "--lang", "vi")
    assert status == 2
    assert (
        "cwp: lỗi: nguồn dữ liệu 'csv' của phần mở rộng 'failing' bị lỗi: RuntimeError: "
        "database is down"
    ) in err
    status, _, err = _cwp(capsys, *COMMAND_LINES[command], "--lang", "en")
    assert "cwp: error: data source 'csv' of plugin 'failing' failed: RuntimeError" in err


def test_a_plugins_format_whose_accepts_raises_is_named_not_a_traceback(
    install: Callable[..., Host], capsys: pytest.CaptureFixture[str]
) -> None:
    install(("failing", FailingAccepts()))
    status, _, err = _cwp(capsys, "period", "2023S1", "-f", "odd")
    assert status == 2
    assert "định dạng đầu ra 'odd' của phần mở rộng 'failing' bị lỗi" in err
    status, _, err = _cwp(capsys, "period", "2023S1", "-f", "odd", "--lang", "en")
    assert status == 2
    assert "plugin 'failing'" in err
