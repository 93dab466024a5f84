"""``cwp aggregate PLAN (--data FILE | --demo) [--level LEVEL] [--period ID] [--units-as-of
DATE [--split-weights FILE]] [--audience public -k K]``: rolled-up values.

``--data`` is any data source: CSV, JSON, a spreadsheet (``FILE.xlsx#Sheet``), a filled
form, a DHIS2 dataValueSet. ``--demo`` reads the data values of the synthetic demo data set
a pack registers for the plan. ``--format dhis2-json`` (or ``dhis2-csv``) writes the values
as a DHIS2 dataValueSet.

JSON (design §7): ``{"plan", "values": [{"unit", "name", "level", "period", "indicator",
"indicator_name", "indicator_unit", "disaggregation", "value", "coverage", "complete",
"reported", "expected", "reason", "numerator", "denominator", "share", "estimated"}],
"findings"}`` (``name`` is the unit's, the indicator's words are in the report's
language); the plan's own findings come first. With ``--units-as-of`` the figures are
carried onto the units in force that day before they are rolled up, and the JSON gains
``"units_as_of"`` and ``"area"``; a divided unit's values are refused (an error) until
``--split-weights`` gives its shares. Exit 1 when the plan or the data has error-level
findings (what could be computed is still printed); 2 when the data file cannot be read as a
table at all.

``--audience public`` protects the counts of children (disclosure control): every value
gains ``withheld`` (null, ``suppressed`` or ``derived``; a withheld value is null), the
JSON gains ``audience`` and ``k``, breakdowns of counts of children are shown for the
plan's area only, and findings keep their code and place but not their message. Every
public output of the same data is a slice of one protected publication
(:func:`~child_welfare_plan.rules.disclosure.figures.public_figures`), whatever levels and
periods it shows. Figures carried onto other units (``--units-as-of``) are not published:
apportioned estimates are not counts the protection can reason about.
"""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path

import attrs

from child_welfare_plan.catalogs.units import national_register
from child_welfare_plan.cli.args import (
    UsageError,
    add_audience,
    add_engine_options,
    add_remap_options,
    format_name,
    refuse_unreadable,
    remap_weights,
    require_files,
)
from child_welfare_plan.cli.planarg import load_plan_arg, plan_findings
from child_welfare_plan.engines import choose, collector_paused
from child_welfare_plan.engines.progress import terminal_progress
from child_welfare_plan.engines.values import aggregate_file, load_data_values
from child_welfare_plan.i18n import N_, _
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.plugins.host import Host
from child_welfare_plan.reports.aggregate import aggregate_report
from child_welfare_plan.reports.base import Report
from child_welfare_plan.rules.aggregate import DataValueSet, aggregate
from child_welfare_plan.rules.disclosure.figures import public_figures
from child_welfare_plan.rules.disclosure.published import publish_aggregate
from child_welfare_plan.rules.remap import aggregate_as_of

HELP = N_("roll reported values up the unit tree and over time")


def configure(p: argparse.ArgumentParser) -> None:
    """The plan, the data, the levels and the periods, the units and the audience."""
    p.add_argument("plan", help=_("plan id or a .toml/.json plan file"))
    p.add_argument(
        "--data",
        type=Path,
        help=_(
            "data values: CSV, JSON, Parquet, .xlsx/.xls/.ods (FILE#Sheet), a filled form, "
            "or a DHIS2 dataValueSet"
        ),
    )
    p.add_argument("--demo", action="store_true", help=_("use the pack's synthetic demo data"))
    p.add_argument(
        "--level",
        action="append",
        choices=("province", "district", "commune"),
        help=_("level to report (repeat for several; default: the plan's area)"),
    )
    p.add_argument(
        "--period",
        action="append",
        help=_(
            "period id to report, e.g. 2023 or 2023S1 (repeat for several; default: the "
            "periods in the data and their years)"
        ),
    )
    add_remap_options(p)
    add_audience(p)
    add_engine_options(p)


def run(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    """Read the values and roll them up."""
    plan = load_plan_arg(args.plan, host)
    if args.audience == "public" and args.units_as_of is not None:
        raise UsageError(
            Message(
                "--audience public does not go with --units-as-of: figures carried onto other "
                "units are estimates the disclosure control cannot protect; publish the "
                "figures of the units they were reported for"
            )
        )
    catalog = host.catalog()
    weights = remap_weights(args, host)
    progress = terminal_progress(args.quiet, total=4)
    with contextlib.ExitStack() as stack:
        stack.callback(progress.close)
        stack.enter_context(collector_paused())
        path: Path | None = args.data
        if args.demo and path is None:
            _submissions, path, _incidents = stack.enter_context(host.demo_data(plan.id).files())
            if path is None:
                raise UsageError(
                    Message("the demo data of plan {plan!r} has no data values", plan=plan.id)
                )
        if path is None:
            raise UsageError(Message("give the data values with --data FILE (or --demo)"))
        require_files(data=path)
        engine = choose(args.engine, [path])
        source = host.data_source_for(path)
        own = plan_findings(args.plan, plan, host)
        tables = format_name(args, host) not in ("json", "csv")  # both write `data` alone
        data: DataValueSet | None = None
        if args.audience == "public" or args.units_as_of is not None:
            # Disclosure control and re-aggregation work on the reported values: the
            # engine's data-value set.
            data = load_data_values(
                path, plan, catalog, engine=engine, source=source, progress=progress
            )
            refuse_unreadable(data.findings)
        if args.units_as_of is not None:
            assert data is not None
            with progress.step(_("carry onto the units of the day and roll up")):
                remapped = aggregate_as_of(
                    plan,
                    data,
                    catalog,
                    register=national_register(),
                    as_of=args.units_as_of,
                    weights=weights.shares,
                    level=args.level,
                    periods=args.period,
                )
            result = attrs.evolve(
                remapped.result, findings=(*own, *weights.findings, *remapped.result.findings)
            )
            with progress.step(_("build the report")):
                report = aggregate_report(
                    result,
                    remapped.plan,
                    tables=tables,
                    units_as_of=args.units_as_of,
                    catalog=catalog,
                )
            return report, 1 if result.has_errors() else 0
        if data is not None:
            with progress.step(_("roll up over time and the unit tree")):
                result = aggregate(plan, data, catalog, level=args.level, periods=args.period)
        else:
            result = aggregate_file(
                path,
                plan,
                catalog,
                engine=engine,
                source=source,
                progress=progress,
                level=args.level,
                periods=args.period,
            )
            refuse_unreadable(result.findings)
        if own:
            result = attrs.evolve(result, findings=(*own, *result.findings))
        failed = 1 if result.has_errors() else 0
        with progress.step(_("build the report")):
            if data is not None and args.audience == "public":
                figures = public_figures(plan, data, catalog, k=args.k)
                report = aggregate_report(
                    publish_aggregate(result, figures), plan, tables=tables, catalog=catalog
                )
            else:
                report = aggregate_report(result, plan, tables=tables, catalog=catalog)
    return report, failed
