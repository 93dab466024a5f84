"""How results show themselves in a notebook, without the rules knowing how.

The result types of the rules (:class:`~child_welfare_plan.rules.timeliness.TimelinessResult`,
:class:`~child_welfare_plan.rules.aggregate.AggregateResult`,
:class:`~child_welfare_plan.rules.schedule.PlanCalendar`,
:class:`~child_welfare_plan.rules.evaluate.Evaluation`) inherit :class:`Presentable`. Jupyter
calls their ``_repr_html_`` and analysts call ``to_pandas()``; both are answered by the
presenter the package installs when it is imported (the HTML comes from the reports and the
``html`` format, the tables from the results' JSON forms). The rules never import the layers
that decide what a person sees: those layers plug in here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

__all__ = ["Presentable", "Presenter", "install", "presenter"]


class Presenter(Protocol):
    """What the presentation layer provides."""

    def html(self, result: object) -> str:
        """An HTML fragment showing ``result`` (for a notebook cell)."""

    def frames(self, result: object, table: str | None = None) -> Any:
        """``result`` as a pandas DataFrame (or ``table``, one of its tables)."""


_factory: Callable[[], Presenter] | None = None
_installed: Presenter | None = None


def install(factory: Callable[[], Presenter]) -> None:
    """Install the presenter: ``factory`` is called once, when a result is first shown."""
    global _factory, _installed
    _factory, _installed = factory, None


def presenter() -> Presenter:
    """The installed presenter (the package installs one on import)."""
    global _installed
    if _installed is None:
        if _factory is None:
            raise RuntimeError("no presenter is installed: import child_welfare_plan")
        _installed = _factory()
    return _installed


class Presentable:
    """A result that a notebook shows as an HTML table and pandas reads as a DataFrame."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return presenter().html(self)
