"""The plugin host: finds plugins, calls their hooks, and merges what they register.

Plugins are found through the entry-point group ``child_welfare_plan``. Set
``CWP_DISABLE_PLUGINS=name,name`` to block some (the built-in features are the plugin named
``builtin``). One rule decides every merge (``docs/hooks.md``):

* **Order.** The built-in plugin comes first, then the others ordered by the name of the
  distribution that installs them (then by plugin name), never by installation order.
* **Named things** (output formats, data sources, form layouts, working-day adjustments): a
  plugin's entry overrides the built-in one of the same name; when two plugins claim one
  name, the first in order is kept and a warning names both.
* **Plans**: a plan id claimed by two plugins is refused for both, with a warning naming
  them: which plan a command would read must never depend on what was installed last.
* **Catalog entries** (categories, dimensions, indicators, targets) are merged plugin by
  plugin: an entry whose code is already taken is dropped with a warning naming its
  plugin; the plugin's other entries, and every other plugin, keep working.
* **Isolation.** A plugin that fails to load, raises in a hook, or answers with something
  of the wrong type is recorded in :attr:`Host.failures` with its name and the error; the
  rest keep working.

What the host collects is cached, so each warning is given once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from importlib import metadata
from os import PathLike
from pathlib import Path
from typing import Any

import pluggy

from child_welfare_plan.calendars.workdays import WorkingCalendar
from child_welfare_plan.catalogs import Catalog
from child_welfare_plan.errors import CwpError, NotFoundError, PluginError
from child_welfare_plan.formats.json import render_json
from child_welfare_plan.formats.text import render_text
from child_welfare_plan.i18n import language
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.forms import FormLayout, form_source, layouts_for
from child_welfare_plan.io.sources import DataSource, source_for
from child_welfare_plan.io.tables import Table
from child_welfare_plan.model.categories import AbuseForm, CircumstanceCategory, ProtectionLevel
from child_welfare_plan.model.indicators import Dimension, Indicator
from child_welfare_plan.model.plan import Plan, Target
from child_welfare_plan.model.procedures import ProcedureStep
from child_welfare_plan.model.units import AdministrativeUnit
from child_welfare_plan.plugins import builtin, hookspecs, notices
from child_welfare_plan.plugins.contracts import (
    DemoData,
    OutputFormat,
    PlanSource,
    PluginFailure,
    PluginWarning,
    RenderOptions,
)
from child_welfare_plan.plugins.guards import guard_source, shown
from child_welfare_plan.reports.base import Report

__all__ = [
    "BUILTIN",
    "DISABLE_VARIABLE",
    "ENTRY_POINT_GROUP",
    "Host",
    "get_host",
    "reset_host",
]

ENTRY_POINT_GROUP = "child_welfare_plan"
DISABLE_VARIABLE = "CWP_DISABLE_PLUGINS"
BUILTIN = "builtin"

#: What each hook's answer may hold (an iterable of these; a calendar for the adjustments).
_EXPECTED: dict[str, tuple[type, ...]] = {
    "register_plans": (Plan, PlanSource),
    "register_units": (AdministrativeUnit,),
    "register_categories": (CircumstanceCategory, AbuseForm, ProtectionLevel, ProcedureStep),
    "register_indicators": (Indicator, Dimension),
    "register_targets": (Target,),
    "register_data_sources": (DataSource,),
    "register_output_formats": (OutputFormat,),
    "working_calendar_adjustments": (WorkingCalendar,),
    "register_demo_data": (DemoData,),
    "register_form_layouts": (FormLayout,),
}

_CATALOG_KINDS: tuple[tuple[str, type, Message], ...] = (
    ("categories", CircumstanceCategory, Message("category")),
    ("abuse_forms", AbuseForm, Message("abuse form")),
    ("protection_levels", ProtectionLevel, Message("protection level")),
    ("dimensions", Dimension, Message("dimension")),
    ("indicators", Indicator, Message("indicator")),
    ("targets", Target, Message("target")),
    ("procedure_steps", ProcedureStep, Message("procedure step")),
)


class Host:
    """Owns a :class:`pluggy.PluginManager`, calls plugins in a fixed order and merges
    their answers by the rule of this module."""

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
        self.warnings: list[PluginWarning] = []
        self.pm = pluggy.PluginManager(hookspecs.PROJECT)
        self.pm.add_hookspecs(hookspecs)
        for name in sorted(self.disabled):
            self.pm.set_blocked(name)
        self._order: list[str] = []
        self._register(BUILTIN, lambda: builtin)
        found: list[tuple[str, str, Callable[[], object]]] = []
        if entry_points:
            for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
                dist = ep.dist.name if ep.dist is not None else ep.name
                found.append((dist.lower(), ep.name, ep.load))
        for name, plugin in plugins:
            found.append((name.lower(), name, _constant(plugin)))
        for _, name, load in sorted(found, key=lambda item: (item[0], item[1])):
            self._register(name, load)
        self._cache: dict[Any, Any] = {}
        self._sources: dict[str, str] = {}

    def _register(self, name: str, load: Callable[[], object]) -> None:
        if name in self.disabled or self.pm.is_blocked(name):
            return
        if name in self._order:
            self.failures.append(
                PluginFailure(
                    name,
                    "load",
                    PluginError(Message("a plugin named {name!r} is loaded", name=name)),
                )
            )
            return
        try:
            plugin = load()
            self.pm.register(plugin, name=name)
        except (Exception, SystemExit) as exc:  # a plugin may even call sys.exit on import
            self.failures.append(PluginFailure(name, "load", exc))
            return
        self._order.append(name)

    @property
    def plugin_names(self) -> tuple[str, ...]:
        """Names of the plugins registered, in the host's order (the built-in one first)."""
        return tuple(self._order)

    def _fail(self, plugin: str, hook: str, error: BaseException) -> None:
        self.failures.append(PluginFailure(plugin, hook, error))

    def _warn(self, plugin: str, message: str) -> None:
        self.warnings.append(PluginWarning(plugin, message))

    def call(self, hook: str, **kwargs: Any) -> Iterator[tuple[str, Any]]:
        """Call ``hook`` on every plugin, in the host's order: yield ``(plugin name,
        answer)``; a plugin that raises is recorded in :attr:`failures` and skipped."""
        impls = {impl.plugin_name: impl for impl in getattr(self.pm.hook, hook).get_hookimpls()}
        for name in self._order:
            impl = impls.get(name)
            if impl is None:
                continue
            try:
                answer = impl.function(**{k: kwargs[k] for k in impl.argnames})
            except (Exception, SystemExit) as exc:
                self._fail(name, hook, exc)
                continue
            if answer is not None:
                yield name, answer

    def collect(self, hook: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Every item of every plugin's answer to ``hook``, with the plugin's name, in the
        host's order. An answer that is not an iterable of the hook's types, or that fails
        while being iterated, is recorded as that plugin's failure and left out whole. A
        hook without arguments is called once: later calls give the same items, and its
        failures are recorded once."""
        if not kwargs:
            items: list[tuple[str, Any]] = self._cached(
                ("collect", hook), lambda: self._collect(hook)
            )
            return list(items)
        return self._collect(hook, **kwargs)

    def _collect(self, hook: str, **kwargs: Any) -> list[tuple[str, Any]]:
        expected = _EXPECTED.get(hook)
        items: list[tuple[str, Any]] = []
        for name, answer in self.call(hook, **kwargs):
            if isinstance(answer, str | bytes) or not isinstance(answer, Iterable):
                self._fail(
                    name,
                    hook,
                    PluginError(notices.not_a_list(hook, answer)),
                )
                continue
            try:
                got = list(answer)
            except (Exception, SystemExit) as exc:
                self._fail(name, hook, exc)
                continue
            wrong = [x for x in got if expected is not None and not isinstance(x, expected)]
            if wrong:
                self._fail(
                    name,
                    hook,
                    PluginError(notices.wrong_items(hook, wrong[0], expected or ())),
                )
                continue
            items.extend((name, x) for x in got)
        return items

    def _cached(self, key: Any, build: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    # Named things --------------------------------------------------------------------

    def _named(self, hook: str, what: Message, name_of: Callable[[Any], str]) -> dict[str, Any]:
        """Entries of ``hook`` by name: a plugin's overrides the built-in one; of two
        plugins claiming a name, the first in order is kept with a warning."""
        chosen: dict[str, tuple[str, Any]] = {}
        for plugin, item in self.collect(hook):
            key = name_of(item)
            held = chosen.get(key)
            if held is None or held[0] == BUILTIN:
                chosen[key] = (plugin, item)
            elif held[0] != plugin:
                self._warn(plugin, notices.also_registered(what, key, held[0]))
        return {key: item for key, (_, item) in chosen.items()}

    def owner(self, kind: str, name: str) -> str | None:
        """The plugin whose output format or data source ``name`` is used (``kind`` is
        ``"format"`` or ``"source"``)."""
        owners: dict[tuple[str, str], str] = self._cached("owners", self._owners)
        return owners.get((kind, name))

    def _owners(self) -> dict[tuple[str, str], str]:
        out: dict[tuple[str, str], str] = {}
        for kind, hook in (
            ("format", "register_output_formats"),
            ("source", "register_data_sources"),
        ):
            for plugin, item in self.collect(hook):
                if (kind, item.name) not in out or out[(kind, item.name)] == BUILTIN:
                    out[(kind, item.name)] = plugin
        for plugin, layout in self.collect("register_form_layouts"):
            out.setdefault(("source", layout.source_name()), plugin)
        return out

    # Plans ---------------------------------------------------------------------------

    def plans(self) -> dict[str, Plan]:
        """Every registered plan by id. A plan file that fails to load is a failure of the
        plugin that registered it; an id claimed twice is refused (see the module docs)."""
        plans: dict[str, Plan] = self._cached("plans", self._plans)
        return plans

    def _plans(self) -> dict[str, Plan]:
        claims: dict[str, list[tuple[str, Plan, PlanSource | None]]] = {}
        for name, item in self.collect("register_plans"):
            try:
                plan = item if isinstance(item, Plan) else item.load()
            except (Exception, SystemExit) as exc:
                self._fail(name, "register_plans", exc)
                continue
            claims.setdefault(plan.id, []).append(
                (name, plan, item if isinstance(item, PlanSource) else None)
            )
        plans: dict[str, Plan] = {}
        for plan_id, claimants in claims.items():
            if len(claimants) > 1:
                names = sorted({c[0] for c in claimants})
                for name in names:
                    self._warn(name, notices.plan_claimed(plan_id, names))
                continue
            _, plan, source = claimants[0]
            plans[plan_id] = plan
            if source is not None:
                self._sources[plan_id] = str(source.path)
        return plans

    def plan(self, plan_id: str) -> Plan:
        """The registered plan with this id."""
        plans = self.plans()
        try:
            return plans[plan_id]
        except KeyError:
            raise NotFoundError(notices.unknown_plan(plan_id, plans)) from None

    def plan_source(self, plan_id: str) -> str | None:
        """The file a registered plan was read from (None for a plan built in code)."""
        self.plans()
        return self._sources.get(plan_id)

    # Catalog and units ---------------------------------------------------------------

    def catalog(self) -> Catalog:
        """Every plugin's vocabularies, indicators and targets, merged plugin by plugin
        (the built-in plugin's national catalog first)."""
        catalog: Catalog = self._cached("catalog", self._catalog)
        return catalog

    def _catalog(self) -> Catalog:
        entries = self.collect("register_categories") + self.collect("register_indicators")
        entries += self.collect("register_targets")
        kept: dict[str, list[Any]] = {field: [] for field, _, _ in _CATALOG_KINDS}
        owner: dict[tuple[str, str], str] = {}
        for plugin, item in entries:
            for field, kind, label in _CATALOG_KINDS:
                if type(item) is kind:
                    code = str(getattr(item, "id" if kind is Target else "code"))
                    held = owner.get((label, code))
                    if held is not None:
                        self._warn(plugin, notices.already_defined(label, code, held))
                        break
                    owner[(label, code)] = plugin
                    kept[field].append(item)
                    break
        return Catalog(**kept)

    def units(self) -> tuple[AdministrativeUnit, ...]:
        """Every unit the plugins register (a code and validity registered twice keeps the
        first)."""
        units: tuple[AdministrativeUnit, ...] = self._cached("units", self._units)
        return units

    def _units(self) -> tuple[AdministrativeUnit, ...]:
        seen: dict[tuple[str, date | None], AdministrativeUnit] = {}
        for _, unit in self.collect("register_units"):
            seen.setdefault((unit.code, unit.valid_from), unit)
        return tuple(seen.values())

    # Sources, formats, calendars, demo data -------------------------------------------

    def data_sources(self) -> dict[str, DataSource]:
        """Data sources by name (see the module docs for who wins a name), with a source
        ``form:<id>`` for each form layout. A plugin's source is guarded: what it raises, or
        answers other than a table of cells, is a :class:`PluginError` that names the source
        and its plugin."""
        sources: dict[str, DataSource] = self._cached("sources", self._data_sources)
        return sources

    def _data_sources(self) -> dict[str, DataSource]:
        named: dict[str, DataSource] = self._named(
            "register_data_sources", notices.DATA_SOURCE, _name
        )
        for layout in self.form_layouts().values():
            named.setdefault(layout.source_name(), form_source(layout))
        return {
            name: source if self.owner("source", name) == BUILTIN else self._guard(source)
            for name, source in named.items()
        }

    def _guard(self, source: DataSource) -> DataSource:
        def blame(error: object) -> str:
            return self._blame("source", source.name, error)

        return guard_source(source, blame)

    def form_layouts(self, plan_id: str | None = None) -> dict[str, FormLayout]:
        """Form layouts by id (all, or those meant for ``plan_id``)."""
        layouts: dict[str, FormLayout] = self._cached(
            "forms", lambda: self._named("register_form_layouts", notices.FORM_LAYOUT, _id)
        )
        if plan_id is None:
            return layouts
        return {f.id: f for f in layouts_for(list(layouts.values()), plan_id)}

    def data_source_for(self, path: str | PathLike[str], name: str | None = None) -> DataSource:
        """The data source named ``name``, or the one whose suffix matches ``path`` (a
        plugin's before the built-in one), guarded as :meth:`data_sources` says."""
        sources = self.data_sources()
        if name is not None:
            if name not in sources:
                raise NotFoundError(notices.unknown(notices.DATA_SOURCE, name, sources))
            return sources[name]
        ordered = sorted(sources.values(), key=lambda s: self.owner("source", s.name) == BUILTIN)
        return source_for(path, {s.name: s for s in ordered})

    def read_table(self, path: str | PathLike[str], source: str | None = None) -> Table:
        """Read ``path`` with the matching data source.

        Raises:
            PluginError: a plugin's data source raised or returned something other than a
                table of cells.
        """
        return self.data_source_for(path, source).read(Path(path))

    def _blame(self, kind: str, name: str, error: object) -> Message:
        what = notices.DATA_SOURCE if kind == "source" else notices.OUTPUT_FORMAT
        return notices.failed(what, name, self.owner(kind, name), error)

    def output_formats(self) -> dict[str, OutputFormat]:
        """Output formats by name. ``text`` and ``json`` are always there, even with the
        built-in plugin blocked (design §7: json is always available)."""
        formats: dict[str, OutputFormat] = self._cached("formats", self._formats)
        return formats

    def _formats(self) -> dict[str, OutputFormat]:
        formats = self._named("register_output_formats", notices.OUTPUT_FORMAT, _name)
        formats.setdefault("text", OutputFormat("text", ".txt", render_text, "aligned plain text"))
        formats.setdefault(
            "json",
            OutputFormat(
                "json", ".json", render_json, "stable JSON", media_type="application/json"
            ),
        )
        return formats

    def output_format(self, name: str) -> OutputFormat:
        """The output format named ``name``."""
        formats = self.output_formats()
        try:
            return formats[name]
        except KeyError:
            raise NotFoundError(notices.unknown(notices.OUTPUT_FORMAT, name, formats)) from None

    def format_for_suffix(self, suffix: str) -> OutputFormat | None:
        """The output format written to files with ``suffix``, if any: the one named for
        the suffix (``json`` for ``.json``, before ``dhis2-json``), then a plugin's before
        the built-in ones."""
        wanted = suffix.lower()
        matching = [f for f in self.output_formats().values() if f.suffix == wanted]
        matching.sort(key=lambda f: (f.name != wanted[1:], self.owner("format", f.name) == BUILTIN))
        return matching[0] if matching else None

    def accepts(self, fmt: OutputFormat, report: Report) -> bool:
        """Whether ``fmt`` can render ``report``; a plugin's check that fails is named.

        Raises:
            PluginError: the format's ``accepts`` raised.
        """
        try:
            return bool(fmt.accepts(report))
        except Exception as exc:
            if self.owner("format", fmt.name) == BUILTIN:
                raise
            raise PluginError(self._blame("format", fmt.name, exc)) from exc

    def render(
        self, fmt: OutputFormat, report: Report, options: RenderOptions | None = None
    ) -> str | bytes:
        """``report`` rendered by ``fmt`` (with ``options``, for a format that takes them), in
        the report's language; a plugin's format that fails is named.

        Raises:
            PluginError: the format raised, or returned something other than text or bytes.
        """
        try:
            with language(getattr(report, "lang", None)):
                content = fmt(report, options)
        except CwpError:
            raise
        except (Exception, SystemExit) as exc:
            if self.owner("format", fmt.name) == BUILTIN:
                raise
            raise PluginError(self._blame("format", fmt.name, exc)) from exc
        if not isinstance(content, str | bytes):
            raise PluginError(
                self._blame(
                    "format",
                    fmt.name,
                    Message("returned {value}, not text or bytes", value=shown(content)),
                )
            )
        return content

    def working_calendar(self, area: str | None, year: int) -> WorkingCalendar:
        """Vietnam's working days with every plugin's local adjustments for ``area``; a day
        that two plugins set differently keeps the first plugin's setting, with a warning."""
        calendar: WorkingCalendar = self._cached(
            ("calendar", area, year), lambda: self._calendar(area, year)
        )
        return calendar

    def _calendar(self, area: str | None, year: int) -> WorkingCalendar:
        setting: dict[date, tuple[str, bool]] = {}
        for name, adjustment in self.call("working_calendar_adjustments", area=area, year=year):
            if not isinstance(adjustment, WorkingCalendar):
                self._fail(
                    name,
                    "working_calendar_adjustments",
                    PluginError(
                        Message(
                            "working_calendar_adjustments returned {value}, not a WorkingCalendar",
                            value=shown(adjustment),
                        )
                    ),
                )
                continue
            for day, working in [
                *((d, False) for d in adjustment.extra_days_off),
                *((d, True) for d in adjustment.extra_working_days),
            ]:
                held = setting.get(day)
                if held is None:
                    setting[day] = (name, working)
                elif held[1] != working:
                    self._warn(name, notices.calendar_clash(day, working, held[0]))
        return WorkingCalendar(
            extra_days_off=frozenset(d for d, (_, w) in setting.items() if not w),
            extra_working_days=frozenset(d for d, (_, w) in setting.items() if w),
        )

    def demo_data(self, plan_id: str) -> DemoData:
        """The demo data set registered for ``plan_id``."""
        demos: list[tuple[str, DemoData]] = self._cached(
            "demo", lambda: self.collect("register_demo_data")
        )
        for _, demo in demos:
            if demo.plan == plan_id:
                return demo
        raise NotFoundError(Message("no demo data is registered for plan {plan!r}", plan=plan_id))


def _constant(value: object) -> Callable[[], object]:
    return lambda: value


def _name(item: Any) -> str:
    return str(item.name)


def _id(item: Any) -> str:
    return str(item.id)


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
