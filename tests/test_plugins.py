"""The plugin host: hooks are documented and tested, plugins are isolated and blockable."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pytest

from child_welfare_plan.calendars.workdays import WorkingCalendar
from child_welfare_plan.errors import NotFoundError
from child_welfare_plan.io.forms import FormLayout
from child_welfare_plan.io.tables import Table
from child_welfare_plan.model import (
    AbuseForm,
    AdministrativeUnit,
    Agency,
    CircumstanceCategory,
    Dimension,
    Indicator,
    Plan,
    Target,
    Term,
)
from child_welfare_plan.plugins import (
    DataSource,
    DemoData,
    Host,
    OutputFormat,
    PlanSource,
    hookimpl,
    hookspecs,
)
from child_welfare_plan.reports.base import Report

ROOT = Path(__file__).resolve().parents[1]
HOOKS = sorted(
    name
    for name, obj in vars(hookspecs).items()
    if inspect.isfunction(obj) and hasattr(obj, "child_welfare_plan_spec")
)


def _plan(plan_id: str = "thu-2024") -> Plan:
    return Plan(
        id=plan_id,
        title="Kế hoạch thử",
        year=2024,
        issuer="ubnd",
        area="30",
        units=[AdministrativeUnit(code="30", name="Tỉnh Thử", level="province")],
        agencies=[Agency(code="ubnd", name="UBND tỉnh", unit="30", kind="peoples-committee")],
    )


def _host(*plugins: tuple[str, object], disabled: Iterable[str] = ()) -> Host:
    return Host(entry_points=False, disabled=list(disabled), plugins=plugins)


def test_there_are_hooks() -> None:
    assert len(HOOKS) >= 9


@pytest.mark.parametrize("name", HOOKS)
def test_every_hook_has_a_docstring(name: str) -> None:
    assert (getattr(hookspecs, name).__doc__ or "").strip(), f"hook {name} has no docstring"


@pytest.mark.parametrize("name", HOOKS)
def test_every_hook_has_a_section_in_the_hook_reference(name: str) -> None:
    text = (ROOT / "docs" / "hooks.md").read_text(encoding="utf-8")
    assert re.search(rf"^## {name}$", text, re.MULTILINE), f"docs/hooks.md has no '## {name}'"


@pytest.mark.parametrize("name", HOOKS)
def test_every_hook_has_a_test(name: str) -> None:
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    assert f"def test_hook_{name}(" in sources, f"no test named test_hook_{name}"


class _Pack:
    """A plugin written as a third party would: every hook answered."""

    @hookimpl
    def register_plans(self) -> Iterable[Plan | PlanSource]:
        return [_plan()]

    @hookimpl
    def register_units(self) -> Iterable[AdministrativeUnit]:
        return [AdministrativeUnit(code="30", name="Tỉnh Thử", level="province")]

    @hookimpl
    def register_categories(self) -> Iterable[CircumstanceCategory | AbuseForm]:
        return [CircumstanceCategory(code="lu-lut", name="Trẻ em vùng lũ", name_en="Flood-hit")]

    @hookimpl
    def register_indicators(self) -> Iterable[Indicator | Dimension]:
        return [
            Dimension(
                code="vung",
                name="Vùng",
                name_en="Area",
                values=[Term(code="nui", name="Núi", name_en="Mountain")],
            ),
            Indicator(
                code="so-diem-vui-choi",
                name="Số điểm vui chơi",
                name_en="Play areas",
                value_type="count",
                disaggregations=["vung"],
            ),
        ]

    @hookimpl
    def register_targets(self) -> Iterable[Target]:
        return [Target(id="diem-vui-choi-2025", indicator="so-diem-vui-choi", value=40, year=2025)]

    @hookimpl
    def register_data_sources(self) -> Iterable[DataSource]:
        def read(path: Path) -> Table:
            rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
            return Table(str(path), tuple(rows[0]), rows[1:], range(2, len(rows) + 1))

        return [DataSource("tsv", (".tsv",), read)]

    @hookimpl
    def register_output_formats(self) -> Iterable[OutputFormat]:
        return [OutputFormat("upper", ".up", lambda r: r.title.upper())]

    @hookimpl
    def working_calendar_adjustments(self, area: str, year: int) -> WorkingCalendar | None:
        if area == "30" and year == 2024:
            return WorkingCalendar(extra_days_off=frozenset({date(2024, 4, 15)}))
        return None

    @hookimpl
    def register_demo_data(self) -> Iterable[DemoData]:
        return [DemoData(plan="thu-2024", as_of=date(2024, 12, 20))]

    @hookimpl
    def register_form_layouts(self) -> Iterable[FormLayout]:
        return [
            FormLayout.from_data(
                {
                    "id": "bieu-thu",
                    "sheet": "Biểu",
                    "unit": "B2",
                    "period": "B3",
                    "id_cell": "D1",
                    "plans": ["thu-2024"],
                    "columns": [{"column": "C"}],
                    "rows": [{"row": 5, "indicator": "so-diem-vui-choi"}],
                }
            )
        ]


def test_hook_register_plans() -> None:
    host = _host(("pack", _Pack()))
    assert host.plan("thu-2024").title == "Kế hoạch thử"
    with pytest.raises(NotFoundError, match="unknown plan 'nope' \\(installed: thu-2024\\)"):
        host.plan("nope")


def test_hook_register_plans_refuses_a_plan_id_two_packs_claim() -> None:
    """Which plan a command reads must not depend on install order: refused for both."""
    host = _host(("a", _Pack()), ("b", _Pack()))
    assert host.plans() == {}
    messages = [str(w) for w in host.warnings]
    assert messages == [
        "plugin 'a': plan 'thu-2024' is registered by plugins 'a', 'b'; it is refused until "
        "only one registers it",
        "plugin 'b': plan 'thu-2024' is registered by plugins 'a', 'b'; it is refused until "
        "only one registers it",
    ]


def test_hook_register_plans_reads_plan_files(tmp_path: Path) -> None:
    from child_welfare_plan.io.plans import dumps_plan_json

    path = tmp_path / "thu.json"
    path.write_text(dumps_plan_json(_plan("tu-file")), encoding="utf-8")

    class FilePack:
        @hookimpl
        def register_plans(self) -> Iterable[PlanSource]:
            return [PlanSource(path)]

    assert _host(("files", FilePack())).plan("tu-file") == _plan("tu-file")


def test_hook_register_units() -> None:
    assert [u.code for u in _host(("pack", _Pack())).units()] == ["30"]


def test_hook_register_categories() -> None:
    catalog = _host(("pack", _Pack())).catalog()
    assert catalog.category("lu-lut").name_en == "Flood-hit"
    assert catalog.category("art10-a").statutory  # the built-in plugin's national entries


def test_hook_register_indicators() -> None:
    catalog = _host(("pack", _Pack())).catalog()
    assert catalog.indicator("so-diem-vui-choi").disaggregations == ("vung",)
    assert catalog.dimension("vung").codes == ("nui",)


def test_hook_register_targets() -> None:
    assert _host(("pack", _Pack())).catalog().target("diem-vui-choi-2025").value == 40


def test_hook_register_data_sources(tmp_path: Path) -> None:
    path = tmp_path / "x.tsv"
    path.write_text("a\tb\n1\t2\n", encoding="utf-8")
    table = _host(("pack", _Pack())).read_table(path)
    assert table.columns == ("a", "b")
    assert list(table.rows) == [["1", "2"]]


def test_hook_register_output_formats() -> None:
    host = _host(("pack", _Pack()))
    fmt = host.output_format("upper")
    assert fmt.render(Report("x", "Báo cáo", {})) == "BÁO CÁO"
    assert {"text", "json", "markdown", "csv", "html"} <= set(host.output_formats())


def test_hook_working_calendar_adjustments() -> None:
    host = _host(("pack", _Pack()))
    calendar = host.working_calendar("30", 2024)
    assert not calendar.is_working_day(date(2024, 4, 15))  # a Monday, made a day off
    assert host.working_calendar("31", 2024).is_working_day(date(2024, 4, 15))


def test_hook_register_form_layouts() -> None:
    """A pack's form layout is listed for its plan and read by its own data source."""
    host = _host(("pack", _Pack()))
    assert list(host.form_layouts()) == ["bieu-thu"]
    assert list(host.form_layouts("thu-2024")) == ["bieu-thu"]
    assert host.form_layouts("other") == {}
    assert "form:bieu-thu" in host.data_sources()
    assert host.owner("source", "form:bieu-thu") == "pack"
    wrong = _host(("bad", _WrongLayouts()))
    assert wrong.form_layouts() == {}
    assert "expected FormLayout" in str(wrong.failures[0])


class _WrongLayouts:
    @hookimpl
    def register_form_layouts(self) -> Iterable[object]:
        return ["not a layout"]


def test_hook_register_demo_data() -> None:
    host = _host(("pack", _Pack()))
    assert host.demo_data("thu-2024").as_of == date(2024, 12, 20)
    with pytest.raises(NotFoundError):
        host.demo_data("other")


def test_disabled_plugins_are_not_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CWP_DISABLE_PLUGINS", "pack, other")
    host = Host(entry_points=False, plugins=[("pack", _Pack())])
    assert "pack" not in host.plugin_names
    assert host.plans() == {}
    assert "builtin" in host.plugin_names


def test_a_plugin_that_fails_to_load_is_named_and_the_rest_keep_working() -> None:
    def broken() -> object:
        raise ImportError("No module named 'missing_dependency'")

    host = _host(("pack", _Pack()))
    host._register("broken", broken)
    assert [str(f) for f in host.failures] == [
        "plugin 'broken' failed while loading: ImportError: No module named 'missing_dependency'"
    ]
    assert "thu-2024" in host.plans()


def test_a_plugin_that_raises_in_a_hook_is_named_and_the_rest_keep_working() -> None:
    class Raising:
        @hookimpl
        def register_plans(self) -> Iterable[Plan]:
            raise RuntimeError("database is down")

        @hookimpl
        def register_output_formats(self) -> Iterable[OutputFormat]:
            def items() -> Iterable[OutputFormat]:
                yield OutputFormat("half", ".h", lambda r: "")
                raise KeyError("oops")

            return items()

    host = _host(("raising", Raising()), ("pack", _Pack()))
    assert list(host.plans()) == ["thu-2024"]
    assert "json" in host.output_formats()
    messages = [str(f) for f in host.failures]
    assert (
        "plugin 'raising' failed in hook register_plans: RuntimeError: database is down" in messages
    )
    assert any(
        m.startswith("plugin 'raising' failed in hook register_output_formats") for m in messages
    )


def test_installed_entry_points_are_discovered() -> None:
    from importlib import metadata

    names = {ep.name for ep in metadata.entry_points(group="child_welfare_plan")}
    host = Host()
    assert names <= set(host.plugin_names) | {f.plugin for f in host.failures}


def test_hook_register_demo_data_reads_files_inside_a_zip_archive(tmp_path: Path) -> None:
    """A pack installed as a zip registers package resources; the host hands them over as
    real files while they are used."""
    import zipfile

    archive = tmp_path / "pack.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("demo/submissions.csv", "reporter,obligation,period,received\n")
    inside = zipfile.Path(archive, "demo/submissions.csv")
    demo = DemoData(plan="thu-2024", as_of=date(2024, 12, 20), submissions=inside)
    with demo.files() as (submissions, data, incidents):
        assert submissions is not None and submissions.is_file()
        assert submissions.read_text(encoding="utf-8").startswith("reporter,")
        assert data is None and incidents is None
        kept = submissions
    assert not kept.exists()  # the extracted copy is gone afterwards


def test_a_format_that_names_options_gets_them_and_others_do_not() -> None:
    """``OutputFormat(..., options=(...))`` is called as ``render(report, options)``; a
    format that names none is called with the report alone (plugins written before
    render options keep working)."""
    from child_welfare_plan.formats.options import RenderOptions
    from child_welfare_plan.plugins.contracts import OutputFormat
    from child_welfare_plan.reports.base import Report

    seen: list[object] = []

    def with_options(report: Report, options: RenderOptions) -> str:
        seen.append(options)
        return report.title

    def plain(report: Report) -> str:
        return report.title.upper()

    class Pack:
        @hookimpl
        def register_output_formats(self) -> list[OutputFormat]:
            return [
                OutputFormat("tsv", ".tsv", with_options, options=("table",)),
                OutputFormat("shout", ".txt2", plain),
            ]

    host = Host(entry_points=False, plugins=[("pack", Pack())])
    report = Report("x", "title", {})
    wanted = RenderOptions(table="items")
    assert host.render(host.output_format("tsv"), report, wanted) == "title"
    assert seen == [wanted]
    assert host.render(host.output_format("shout"), report, wanted) == "TITLE"
    assert host.output_format("csv").options == ("table", "bom")
