"""The built-in plugin: the national catalog, the data sources (CSV, JSON, spreadsheets,
DHIS2 dataValueSets), the standard formats.

It is registered through the same hooks as any third-party plugin, under the name
``builtin``.
"""

from __future__ import annotations

from collections.abc import Iterable

from child_welfare_plan.catalogs import national_catalog
from child_welfare_plan.formats.csv import render_csv
from child_welfare_plan.formats.docx import render_docx
from child_welfare_plan.formats.html import render_html
from child_welfare_plan.formats.ics import accepts_calendar, render_ics
from child_welfare_plan.formats.json import render_json
from child_welfare_plan.formats.markdown import render_markdown
from child_welfare_plan.formats.text import render_text
from child_welfare_plan.formats.xlsx import render_xlsx
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.sources import BUILTIN_SOURCES, DataSource
from child_welfare_plan.model.categories import AbuseForm, CircumstanceCategory, ProtectionLevel
from child_welfare_plan.model.indicators import Dimension, Indicator
from child_welfare_plan.model.plan import Target
from child_welfare_plan.model.procedures import ProcedureStep
from child_welfare_plan.plugins.contracts import OutputFormat
from child_welfare_plan.plugins.dhis2 import dhis2_formats
from child_welfare_plan.plugins.hookspecs import hookimpl


@hookimpl
def register_categories() -> Iterable[
    CircumstanceCategory | AbuseForm | ProtectionLevel | ProcedureStep
]:
    """The national vocabularies (Law on Children Art. 4.5, 10.1, 47-50) and the steps of
    the support and intervention procedure (Decree 56/2017/NĐ-CP Art. 25-30)."""
    catalog = national_catalog()
    return (
        *catalog.categories,
        *catalog.abuse_forms,
        *catalog.protection_levels,
        *catalog.procedure_steps,
    )


@hookimpl
def register_indicators() -> Iterable[Indicator | Dimension]:
    """The national indicators and their dimensions."""
    catalog = national_catalog()
    return (*catalog.dimensions, *catalog.indicators)


@hookimpl
def register_targets() -> Iterable[Target]:
    """The national targets the catalog can measure (Decision 23/QĐ-TTg)."""
    return national_catalog().targets


@hookimpl
def register_data_sources() -> Iterable[DataSource]:
    """CSV (UTF-8, header row), JSON (an array of objects), spreadsheets (.xlsx, .xls,
    .ods in the CSV's layout) and DHIS2 dataValueSets (JSON and CSV, identifiers as codes)."""
    return BUILTIN_SOURCES


@hookimpl
def register_output_formats() -> Iterable[OutputFormat]:
    """text, json, markdown, csv, html, xlsx, docx, ics for calendars, and DHIS2
    dataValueSets (JSON and CSV) for aggregates."""
    return (
        OutputFormat("text", ".txt", render_text, Message("aligned plain text")),
        OutputFormat(
            "json", ".json", render_json, Message("stable JSON"), media_type="application/json"
        ),
        OutputFormat(
            "markdown", ".md", render_markdown, Message("Markdown"), media_type="text/markdown"
        ),
        OutputFormat(
            "csv",
            ".csv",
            render_csv,
            Message("one tidy table per file (--table NAME, --bom), safe for spreadsheets"),
            media_type="text/csv",
            options=("table", "bom"),
        ),
        OutputFormat(
            "html",
            ".html",
            render_html,
            Message("a self-contained web page"),
            media_type="text/html",
        ),
        OutputFormat(
            "xlsx",
            ".xlsx",
            render_xlsx,
            Message("an Excel workbook, one sheet per table; needs the `office` extra"),
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        OutputFormat(
            "docx",
            ".docx",
            render_docx,
            Message(
                "a Word document in the layout of Decree 30/2020/NĐ-CP; needs the `office` extra"
            ),
            media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        OutputFormat(
            "ics",
            ".ics",
            render_ics,
            Message("iCalendar (RFC 5545), for `cwp calendar`; needs the `ics` extra"),
            accepts=accepts_calendar,
            media_type="text/calendar",
        ),
        *dhis2_formats(),
    )
