"""The DHIS2 formats and sources as a plugin registers them, with an instance's
identifiers.

The built-in plugin registers them with codes (DHIS2's ``idScheme=CODE``). A pack that
knows the UIDs of its DHIS2 instance ships a mapping file and registers both pairs with
it; by the host's merge rule they replace the built-in ones of the same names::

    from importlib import resources
    from child_welfare_plan.plugins import Dhis2Ids, dhis2_formats, dhis2_sources, hookimpl

    IDS = Dhis2Ids.load(resources.files("my_pack") / "data" / "dhis2.toml")

    @hookimpl
    def register_output_formats():
        return dhis2_formats(IDS)

    @hookimpl
    def register_data_sources():
        return dhis2_sources(IDS)
"""

from __future__ import annotations

from child_welfare_plan.formats.dhis2 import accepts_aggregate, render_dhis2_csv, render_dhis2_json
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.dhis2 import Dhis2Ids
from child_welfare_plan.io.sources import dhis2_sources
from child_welfare_plan.plugins.contracts import OutputFormat
from child_welfare_plan.reports.base import Report

__all__ = ["Dhis2Ids", "dhis2_formats", "dhis2_sources"]


def dhis2_formats(ids: Dhis2Ids | None = None) -> tuple[OutputFormat, OutputFormat]:
    """The ``dhis2-json`` and ``dhis2-csv`` output formats, writing the identifiers of
    ``ids`` (default: codes)."""

    def as_json(report: Report) -> str:
        return render_dhis2_json(report, ids)

    def as_csv(report: Report) -> str:
        return render_dhis2_csv(report, ids)

    return (
        OutputFormat(
            "dhis2-json",
            ".json",
            as_json,
            Message("a DHIS2 dataValueSet (JSON), for `cwp aggregate`"),
            accepts=accepts_aggregate,
            media_type="application/json",
        ),
        OutputFormat(
            "dhis2-csv",
            ".csv",
            as_csv,
            Message("a DHIS2 dataValueSet (CSV), for `cwp aggregate`"),
            accepts=accepts_aggregate,
            media_type="text/csv",
        ),
    )
