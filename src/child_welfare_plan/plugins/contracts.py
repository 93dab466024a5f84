"""What plugins hand the host: plan files, data sources, output formats, demo data; and
what the host says of a plugin that misbehaves.

These are the types a plugin author builds (``DataSource("tsv", (".tsv",), read)``); the
hooks that take them are in :mod:`~child_welfare_plan.plugins.hookspecs`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import date
from importlib import resources
from importlib.abc import Traversable
from os import PathLike
from pathlib import Path

import attrs

from child_welfare_plan.formats.options import RenderOptions
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.plans import load_plan
from child_welfare_plan.io.sources import DataSource
from child_welfare_plan.io.tables import error_message
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.model.validators import to_tuple
from child_welfare_plan.reports.base import Report

__all__ = [
    "DataSource",
    "DemoData",
    "OutputFormat",
    "PlanSource",
    "PluginFailure",
    "PluginWarning",
    "RenderOptions",
]


@attrs.frozen
class PlanSource:
    """A plan file a plugin provides, read when first asked for."""

    path: str | PathLike[str] | Traversable = attrs.field(eq=False)

    def load(self) -> Plan:
        """Read the plan file."""
        return load_plan(self.path)


def _accepts_all(report: Report) -> bool:
    return True


@attrs.frozen
class OutputFormat:
    """A renderer of reports. ``accepts`` says which reports it can render (iCalendar only
    renders calendars); binary formats return bytes.

    ``render(report)`` gives the text or bytes; a format that names ``options`` (fields of
    :class:`~child_welfare_plan.formats.options.RenderOptions`, such as ``"table"`` and
    ``"bom"``) is called as ``render(report, options)`` instead.
    """

    name: str
    suffix: str
    render: Callable[..., str | bytes] = attrs.field(eq=False)
    description: str = ""
    accepts: Callable[[Report], bool] = attrs.field(default=_accepts_all, eq=False)
    media_type: str = "text/plain"
    options: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)

    def __call__(self, report: Report, options: RenderOptions | None = None) -> str | bytes:
        """``report`` rendered, with ``options`` when the format takes any."""
        if self.options:
            return self.render(report, options or RenderOptions())
        return self.render(report)


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

    def full(self) -> Message:
        """What failed, as a message (English as ``str``, see :meth:`text`)."""
        if self.stage == "load":
            return Message(
                "plugin {plugin!r} failed while loading: {kind}: {error}",
                plugin=self.plugin,
                kind=type(self.error).__name__,
                error=error_message(self.error),
            )
        return Message(
            "plugin {plugin!r} failed in hook {hook}: {kind}: {error}",
            plugin=self.plugin,
            hook=self.stage,
            kind=type(self.error).__name__,
            error=error_message(self.error),
        )

    def text(self) -> str:
        """What failed, in the current language."""
        return self.full().localized()

    def __str__(self) -> str:
        return str(self.full())


@attrs.frozen
class PluginWarning:
    """Something the host decided about a plugin's answer: a clash it resolved (which
    plugin's entry was kept), an entry it dropped."""

    plugin: str
    message: str

    def full(self) -> Message:
        """The warning with the plugin it is about (English as ``str``, see :meth:`text`)."""
        return Message("plugin {plugin!r}: {message}", plugin=self.plugin, message=self.message)

    def text(self) -> str:
        """The warning in the current language."""
        return self.full().localized()

    def __str__(self) -> str:
        return str(self.full())
