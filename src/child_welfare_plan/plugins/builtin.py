"""The built-in plugin: the national catalog, CSV and JSON sources, the standard formats.

It is registered through the same hooks as any third-party plugin, under the name
``builtin``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from child_welfare_plan.plugins.hookspecs import hookimpl
from child_welfare_plan.plugins.registry import DataSource, OutputFormat

if TYPE_CHECKING:
    from child_welfare_plan.model.categories import AbuseForm, CircumstanceCategory, ProtectionLevel
    from child_welfare_plan.model.indicators import Dimension, Indicator
    from child_welfare_plan.model.plan import Target
    from child_welfare_plan.reports import Report


@hookimpl
def register_categories() -> Iterable[CircumstanceCategory | AbuseForm | ProtectionLevel]:
    """The national vocabularies (Law on Children Art. 4.5, 10.1, 47-50)."""
    from child_welfare_plan.catalog import national_catalog

    catalog = national_catalog()
    return (*catalog.categories, *catalog.abuse_forms, *catalog.protection_levels)


@hookimpl
def register_indicators() -> Iterable[Indicator | Dimension]:
    """The national indicators and their dimensions."""
    from child_welfare_plan.catalog import national_catalog

    catalog = national_catalog()
    return (*catalog.dimensions, *catalog.indicators)


@hookimpl
def register_targets() -> Iterable[Target]:
    """The national targets the catalog can measure (Decision 23/QĐ-TTg)."""
    from child_welfare_plan.catalog import national_catalog

    return national_catalog().targets


@hookimpl
def register_data_sources() -> Iterable[DataSource]:
    """CSV (UTF-8, header row) and JSON (an array of objects)."""
    from child_welfare_plan.files import tables

    return (
        DataSource("csv", (".csv",), tables.read_csv_table, "UTF-8 CSV with a header row"),
        DataSource("json", (".json",), tables.read_json_table, "a JSON array of objects"),
    )


@hookimpl
def register_output_formats() -> Iterable[OutputFormat]:
    """text, json, markdown, csv, html, and ics for calendars."""
    from child_welfare_plan.plugins import formats

    return (
        OutputFormat("text", ".txt", formats.render_text, "aligned plain text"),
        OutputFormat(
            "json", ".json", formats.render_json, "stable JSON", media_type="application/json"
        ),
        OutputFormat(
            "markdown", ".md", formats.render_markdown, "Markdown", media_type="text/markdown"
        ),
        OutputFormat(
            "csv", ".csv", formats.render_csv, "CSV, safe for spreadsheets", media_type="text/csv"
        ),
        OutputFormat(
            "html",
            ".html",
            formats.render_html,
            "a self-contained web page",
            media_type="text/html",
        ),
        OutputFormat(
            "ics",
            ".ics",
            _render_ics,
            "iCalendar (RFC 5545), for `cwp calendar`; needs the `ics` extra",
            accepts=_is_calendar,
            media_type="text/calendar",
        ),
    )


def _render_ics(report: Report) -> bytes:
    from child_welfare_plan.rules.schedule import render_ics

    return render_ics(report)


def _is_calendar(report: Report) -> bool:
    return report.kind == "calendar" and isinstance(report.payload, tuple)
