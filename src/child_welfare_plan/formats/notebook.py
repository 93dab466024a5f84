"""Results in a notebook: an HTML fragment built from each result's report, and pandas
DataFrames built from its JSON form (pandas is an optional extra, imported when asked)."""

from __future__ import annotations

from typing import Any

from child_welfare_plan.formats.html import render_html_fragment
from child_welfare_plan.reports.frames import frames
from child_welfare_plan.reports.notebook import notebook_report

__all__ = ["NotebookPresenter"]


class NotebookPresenter:
    """The :class:`~child_welfare_plan.presentation.Presenter` the package installs."""

    def html(self, result: object) -> str:
        """The result's report as an HTML fragment."""
        return render_html_fragment(notebook_report(result))

    def frames(self, result: object, table: str | None = None) -> Any:
        """The result as pandas DataFrames (:func:`~child_welfare_plan.reports.frames.frames`)."""
        return frames(result, table)
