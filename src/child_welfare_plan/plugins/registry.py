"""The plugin host: finds plugins, calls their hooks, and merges what they register.

Plugins are found through the entry-point group ``child_welfare_plan``. Set
``CWP_DISABLE_PLUGINS=name,name`` to block some (the built-in features are the plugin named
``builtin``). A plugin that fails to load, or raises inside a hook, is recorded in
:attr:`Host.failures` with its name and error, and the rest keep working.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from importlib import metadata, resources
from importlib.abc import Traversable
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pluggy

from child_welfare_plan.errors import NotFoundError, PlanFileError
from child_welfare_plan.plugins import hookspecs

if TYPE_CHECKING:
    from child_welfare_plan.calendars.workdays import WorkingCalendar
    from child_welfare_plan.catalog import Catalog
    from child_welfare_plan.files.tables import Table
    from child_welfare_plan.model.plan import Plan
    from child_welfare_plan.model.units import AdministrativeUnit
    from child_welfare_plan.reports import Report

__all__ = [
    "ENTRY_POINT_GROUP",
    "DataSource",
    "DemoData",
    "Host",
    "OutputFormat",
    "PlanSource",
    "PluginFailure",
    "get_host",
    "reset_host",
]

ENTRY_POINT_GROUP = "child_welfare_plan"
DISABLE_VARIABLE = "CWP_DISABLE_PLUGINS"
BUILTIN = "builtin"


@attrs.frozen
class PlanSource:
    """A plan file a plugin provides, read when first asked for."""

    path: str | PathLike[str] | Traversable = attrs.field(eq=False)

    def load(self) -> Plan:
        """Read the plan file."""
        from child_welfare_plan.files.plans import load_plan

        return load_plan(self.path)


@attrs.frozen
class DataSource:
    """A reader of tables: ``read(path)`` returns a :class:`Table` for files whose suffix is
    one of ``suffixes`` (lower case, with the dot)."""

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[Path], Table] = attrs.field(eq=False)
    description: str = ""


def _accepts_all(report: Report) -> bool:
    return True


@attrs.frozen
class OutputFormat:
    """A renderer of reports. ``accepts`` says which reports it can render (iCalendar only
    renders calendars); ``binary`` formats return bytes."""

    name: str
    suffix: str
    render: Callable[[Report], str | bytes] = attrs.field(eq=False)
    description: str = ""
    accepts: Callable[[Report], bool] = attrs.field(default=_accepts_all, eq=False)
    media_type: str = "text/plain"


@attrs.frozen
class DemoData:
    """A synthetic data set for a plan: files of submissions, data values and incidents,
    and the as-of date the demo is meant to be read at. The files may be paths or package
    resources (``importlib.resources.files(...) / "demo.csv"``), even inside a zip archive:
    :meth:`files` gives them as paths on the file system."""

    plan: str
    as_of: date
    submissions: Path | Traversable | None = attrs.field(default=None, eq=False)
    data: Path | Traversable | None = attrs.field(default=None, eq=False)
    incidents: Path | Traversable | None = attrs.field(default=None, eq=False)
    description: str = ""

    @contextlib.contextmanager
    def files(self) -> Iterator[tuple[Path | None, Path | None, Path | None]]:
        """``(submissions, data, incidents)`` as file-system paths while the block runs
        (a resource inside an archive is extracted to a temporary file)."""
        with contextlib.ExitStack() as stack:

            def real(item: Path | Traversable | None) -> Path | None:
                if item is None or isinstance(item, Path):
                    return item
                return stack.enter_context(resources.as_file(item))

            yield real(self.submissions), real(self.data), real(self.incidents)


@attrs.frozen
class PluginFailure:
    """A plugin that failed: its name, where (``load`` or the hook name) and the error."""

    plugin: str
    stage: str
    error: BaseException = attrs.field(eq=False)

    def __str__(self) -> str:
        where = "while loading" if self.stage == "load" else f"in hook {self.stage}"
        return f"plugin {self.plugin!r} failed {where}: {type(self.error).__name__}: {self.error}"


class Host:
    """Owns a :class:`pluggy.PluginManager` and merges the plugins' answers."""

    def __init__(
        self,
        *,
        entry_points: bool = True,
        disabled: Iterable[str] | None = None,
        plugins: Iterable[tuple[str, object]] = (),
    ) -> None:
        if disabled is None:
            disabled = [
                n.strip() for n in os.environ.get(DISABLE_VARIABLE, "").split(",") if n.strip()
            ]
        self.disabled: frozenset[str] = frozenset(disabled)
        self.failures: list[PluginFailure] = []
        self.pm = pluggy.PluginManager(hookspecs.PROJECT)
        self.pm.add_hookspecs(hookspecs)
        for name in sorted(self.disabled):
            self.pm.set_blocked(name)
        self._register(BUILTIN, lambda: _builtin_module())
        if entry_points:
            for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
                self._register(ep.name, ep.load)
        for name, plugin in plugins:
            self._register(name, lambda plugin=plugin: plugin)  # type: ignore[misc]
        self._plans: dict[str, Plan] | None = None
        self._sources: dict[str, str] = {}
        self._catalog: Catalog | None = None

    def _register(self, name: str, load: Callable[[], object]) -> None:
        if name in self.disabled or self.pm.is_blocked(name):
            return
        try:
            plugin = load()
            self.pm.register(plugin, name=name)
        except Exception as exc:
            self.failures.append(PluginFailure(name, "load", exc))

    @property
    def plugin_names(self) -> tuple[str, ...]:
        """Names of the plugins registered, the built-in one first."""
        return tuple(name for name, plugin in self.pm.list_name_plugin() if plugin is not None)

    def call(self, hook: str, **kwargs: Any) -> Iterator[tuple[str, Any]]:
        """Call ``hook`` on every plugin separately: yield ``(plugin name, answer)``; a plugin
        that raises is recorded in :attr:`failures` and skipped."""
        caller = getattr(self.pm.hook, hook)
        for impl in reversed(caller.get_hookimpls()):
            try:
                answer = impl.function(**{k: kwargs[k] for k in impl.argnames})
            except Exception as exc:
                self.failures.append(PluginFailure(impl.plugin_name, hook, exc))
                continue
            if answer is not None:
                yield impl.plugin_name, answer

    def collect(self, hook: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Every item of every plugin's answer to ``hook``, with the plugin's name. An
        answer that fails while being iterated is recorded as that plugin's failure."""
        items: list[tuple[str, Any]] = []
        for name, answer in self.call(hook, **kwargs):
            try:
                items.extend((name, item) for item in answer)
            except Exception as exc:
                self.failures.append(PluginFailure(name, hook, exc))
        return items

    # Plans -------------------------------------------------------------------------

    def plans(self) -> dict[str, Plan]:
        """Every registered plan by id (a plan file that fails to load is a failure of the
        plugin that registered it)."""
        if self._plans is None:
            from child_welfare_plan.model.plan import Plan

            plans: dict[str, Plan] = {}
            for name, item in self.collect("register_plans"):
                try:
                    plan = item if isinstance(item, Plan) else item.load()
                except (PlanFileError, OSError, ValueError) as exc:
                    self.failures.append(PluginFailure(name, "register_plans", exc))
                    continue
                if plan.id in plans:
                    self.failures.append(
                        PluginFailure(
                            name,
                            "register_plans",
                            ValueError(f"plan id {plan.id!r} is already registered"),
                        )
                    )
                    continue
                plans[plan.id] = plan
                if isinstance(item, PlanSource):
                    self._sources[plan.id] = str(item.path)
            self._plans = plans
        return self._plans

    def plan(self, plan_id: str) -> Plan:
        """The registered plan with this id."""
        plans = self.plans()
        try:
            return plans[plan_id]
        except KeyError:
            known = ", ".join(sorted(plans)) or "none installed"
            raise NotFoundError(f"unknown plan {plan_id!r} (installed: {known})") from None

    def plan_source(self, plan_id: str) -> str | None:
        """The file a registered plan was read from (None for a plan built in code)."""
        self.plans()
        return self._sources.get(plan_id)

    # Catalog and units -----------------------------------------------------------------

    def catalog(self) -> Catalog:
        """The national catalog merged with every plugin's vocabularies and indicators."""
        if self._catalog is None:
            from child_welfare_plan.catalog import Catalog
            from child_welfare_plan.model.categories import (
                AbuseForm,
                CircumstanceCategory,
                ProtectionLevel,
            )
            from child_welfare_plan.model.indicators import Dimension, Indicator

            entries = [item for _, item in self.collect("register_categories")]
            measures = [item for _, item in self.collect("register_indicators")]
            self._catalog = Catalog(
                categories=[e for e in entries if isinstance(e, CircumstanceCategory)],
                abuse_forms=[e for e in entries if isinstance(e, AbuseForm)],
                protection_levels=[e for e in entries if isinstance(e, ProtectionLevel)],
                dimensions=[m for m in measures if isinstance(m, Dimension)],
                indicators=[m for m in measures if isinstance(m, Indicator)],
                targets=[t for _, t in self.collect("register_targets")],
            )
        return self._catalog

    def units(self) -> tuple[AdministrativeUnit, ...]:
        """Every unit the plugins register (a code registered twice keeps the first)."""
        seen: dict[str, AdministrativeUnit] = {}
        for _, unit in self.collect("register_units"):
            seen.setdefault(unit.code, unit)
        return tuple(seen.values())

    # Sources, formats, calendars, demo data ----------------------------------------------

    def data_sources(self) -> dict[str, DataSource]:
        """Data sources by name (a later plugin overrides an earlier one's name)."""
        return {source.name: source for _, source in self.collect("register_data_sources")}

    def data_source_for(self, path: str | PathLike[str], name: str | None = None) -> DataSource:
        """The data source named ``name``, or the one whose suffix matches ``path``."""
        sources = self.data_sources()
        if name is not None:
            if name not in sources:
                raise NotFoundError(
                    f"unknown data source {name!r} (available: {', '.join(sorted(sources))})"
                )
            return sources[name]
        suffix = Path(path).suffix.lower()
        for source in sources.values():
            if suffix in source.suffixes:
                return source
        known = ", ".join(sorted({s for d in sources.values() for s in d.suffixes}))
        raise NotFoundError(
            f"no data source reads {suffix or 'files without a suffix'!r} files (readable: {known})"
        )

    def read_table(self, path: str | PathLike[str], source: str | None = None) -> Table:
        """Read ``path`` with the matching data source."""
        return self.data_source_for(path, source).read(Path(path))

    def output_formats(self) -> dict[str, OutputFormat]:
        """Output formats by name. ``text`` and ``json`` are always there, even with the
        built-in plugin blocked (design §7: json is always available)."""
        formats = {fmt.name: fmt for _, fmt in self.collect("register_output_formats")}
        if "text" not in formats or "json" not in formats:
            from child_welfare_plan.plugins import formats as standard

            formats.setdefault(
                "text", OutputFormat("text", ".txt", standard.render_text, "aligned plain text")
            )
            formats.setdefault(
                "json",
                OutputFormat(
                    "json",
                    ".json",
                    standard.render_json,
                    "stable JSON",
                    media_type="application/json",
                ),
            )
        return formats

    def output_format(self, name: str) -> OutputFormat:
        """The output format named ``name``."""
        formats = self.output_formats()
        try:
            return formats[name]
        except KeyError:
            raise NotFoundError(
                f"unknown output format {name!r} (available: {', '.join(sorted(formats))})"
            ) from None

    def working_calendar(self, area: str | None, year: int) -> WorkingCalendar:
        """Vietnam's working days with every plugin's local adjustments for ``area``."""
        from child_welfare_plan.calendars.workdays import WorkingCalendar

        days_off: set[date] = set()
        working: set[date] = set()
        for _, adjustment in self.call("working_calendar_adjustments", area=area, year=year):
            days_off |= adjustment.extra_days_off
            working |= adjustment.extra_working_days
        return WorkingCalendar(
            extra_days_off=frozenset(days_off), extra_working_days=frozenset(working)
        )

    def demo_data(self, plan_id: str) -> DemoData:
        """The demo data set registered for ``plan_id``."""
        for _, demo in self.collect("register_demo_data"):
            if demo.plan == plan_id:
                return demo  # type: ignore[no-any-return]
        raise NotFoundError(f"no demo data is registered for plan {plan_id!r}")


def _builtin_module() -> object:
    from child_welfare_plan.plugins import builtin

    return builtin


_HOST: Host | None = None


def get_host() -> Host:
    """The process-wide host (built on first use, reading ``CWP_DISABLE_PLUGINS``)."""
    global _HOST
    if _HOST is None:
        _HOST = Host()
    return _HOST


def reset_host(host: Host | None = None) -> None:
    """Replace the process-wide host (None: build a fresh one on next use)."""
    global _HOST
    _HOST = host
