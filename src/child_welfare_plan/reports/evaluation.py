"""The report of ``cwp evaluate``: summary, timeliness (overdue first), key indicators per
commune and for the area with coverage, targets, findings; two charts (the on-time rate and
one key indicator by commune); and the header of the *báo cáo* the docx format lays out
(issued by the plan's issuer, to the plan's recipients, for its signatory's post).

For a public audience every withheld figure is shown with one marker, ``x``, whatever the
reason: a marker for "1 to k − 1" would itself tell the reader the count is small."""

from __future__ import annotations

from typing import Any

import attrs

from child_welfare_plan.model.findings import Severity, count
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.model.units import Level
from child_welfare_plan.reports.base import Block, Report, Section
from child_welfare_plan.reports.charts import CHART_INDICATORS, indicator_chart, on_time_chart
from child_welfare_plan.reports.disclosure import WITHHELD, public_note
from child_welfare_plan.reports.document import (
    REPORT_ABBREVIATION,
    REPORT_TYPE,
    DocumentHeader,
    abbreviation,
    issuer_header,
)
from child_welfare_plan.reports.findings import findings_block
from child_welfare_plan.reports.status import status_report
from child_welfare_plan.reports.targets import targets_block
from child_welfare_plan.rules.evaluate import Evaluation, IndicatorRow
from child_welfare_plan.rules.targets import TargetStatus

__all__ = ["SUMMARY_LINE", "evaluation_header", "evaluation_report"]


#: The summary line (trích yếu) of the evaluation as a báo cáo.
SUMMARY_LINE = "Kết quả thực hiện {title}"


def evaluation_header(evaluation: Evaluation) -> DocumentHeader | None:
    """The báo cáo's header: issued by the plan's issuer on the evaluation's date, to the
    plan's recipients, for the post of the plan's signatory; None when the plan does not
    name its issuer among its agencies."""
    plan = evaluation.plan
    if not plan.has_agency(plan.issuer):
        return None
    signatory = plan.signatory
    return issuer_header(
        plan,
        plan.issuer,
        day=evaluation.as_of,
        symbol=f"{REPORT_ABBREVIATION}-{abbreviation(plan.agency(plan.issuer))}",
        summary=SUMMARY_LINE.format(title=plan.title),
        doc_type=REPORT_TYPE,
        recipients=plan.recipients,
        signer_capacity=signatory.capacity if signatory else None,
        signer_title=signatory.title if signatory else None,
    )


def _commune_codes(plan: Plan) -> set[str]:
    return {u.code for u in plan.area_units(Level.COMMUNE)}


def _shown(row: IndicatorRow) -> Any:
    return WITHHELD if row.withheld else row.value


def evaluation_report(evaluation: Evaluation) -> Report:
    """``cwp evaluate``: summary, timeliness (overdue first), key indicators per commune
    and for the area with coverage, targets, findings."""

    plan = evaluation.plan
    catalog_names = {r.indicator for r in evaluation.indicators}
    errors = count(evaluation.findings)
    warnings = count(evaluation.findings, Severity.WARNING)
    counts: dict[str, int] = {}
    for t in evaluation.targets:
        counts[str(t.status)] = counts.get(str(t.status), 0) + 1
    summary = [
        f"{plan.title} — {plan.id}. Evaluation as of {evaluation.as_of.isoformat()}, "
        f"figures for period {evaluation.period} ({plan.period_convention} convention).",
        "Audience: "
        + (
            f"public (disclosure control, k = {evaluation.k}). " + public_note(evaluation.k)
            if evaluation.audience == "public"
            else "internal (all figures shown; do not publish)."
        ),
    ]
    if evaluation.timeliness is not None:
        judged = evaluation.timeliness
        summary.append(
            f"Reports: {len(judged.overdue())} overdue, {len(judged.late())} late, as of "
            f"{evaluation.as_of.isoformat()}."
        )
    if evaluation.targets:
        summary.append(
            "Targets: "
            + ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
            + f" (of {len(evaluation.targets)})."
        )
    summary.append(f"Findings: {errors} error(s), {warnings} warning(s).")
    sections = [Section("Summary", summary)]

    if evaluation.timeliness is not None:
        status = status_report(evaluation.timeliness, plan)
        for heading in ("Overdue", "Late", "Rates", "Readings"):
            try:
                found = status.section(heading)
            except KeyError:
                continue
            found = attrs.evolve(found, heading=f"Timeliness: {heading.lower()}")
            if heading == "Rates":
                chart = on_time_chart(
                    evaluation.timeliness,
                    plan,
                    title="On-time rate by commune",
                    description="The share of each commune's reports with a deadline that "
                    f"came on time, as of {evaluation.as_of.isoformat()}.",
                )
                if chart is not None:
                    found = attrs.evolve(found, charts=(chart,))
            sections.append(found)

    if evaluation.indicators:
        codes = list(dict.fromkeys(r.indicator for r in evaluation.indicators))
        by_unit: dict[str, dict[str, IndicatorRow]] = {}
        for r in evaluation.indicators:
            by_unit.setdefault(r.unit, {})[r.indicator] = r
        table_rows = []
        for unit, cells in by_unit.items():
            first = next(iter(cells.values()))
            reported = [c for c in cells.values() if c.value is not None]
            coverage = min((c.coverage for c in reported if c.coverage is not None), default=0.0)
            table_rows.append((unit, first.name, *(_shown(cells[c]) for c in codes), coverage))
        communes = _commune_codes(plan)
        charted = next((c for c in CHART_INDICATORS if c in codes), codes[0])
        charts = [
            indicator_chart(
                [
                    (row[0], row[1], row[2 + codes.index(charted)])
                    for row in table_rows
                    if row[0] in communes
                ],
                title=f"{charted} by commune",
                description=f"{charted} for each commune, {evaluation.period}; a value "
                "withheld in the table is shown by its marker, not by a bar.",
            )
        ]
        sections.append(
            Section(
                f"Key indicators, {evaluation.period}",
                [
                    "One row per commune, then the area. Coverage is the lowest share of "
                    "expected reporting units behind the row's figures; a missing value is "
                    "never counted as zero.",
                    "Indicators: " + "; ".join(f"{c}" for c in codes if c in catalog_names) + ".",
                ],
                [
                    Block(
                        ("unit", "name", *codes, "coverage"),
                        table_rows,
                        percent_columns=("coverage",),
                    )
                ],
                charts,
            )
        )
        area_rows = [
            (
                r.indicator,
                _shown(r),
                r.coverage,
                r.complete,
                r.reason or "",
            )
            for r in evaluation.area_rows()
        ]
        if area_rows:
            sections.append(
                Section(
                    f"Area totals: {plan.area}",
                    (),
                    [
                        Block(
                            ("indicator", "value", "coverage", "complete", "note"),
                            area_rows,
                            percent_columns=("coverage",),
                        )
                    ],
                )
            )
    if evaluation.targets:
        unmet = [
            t
            for t in evaluation.targets
            if t.status in (TargetStatus.NOT_MET, TargetStatus.OFF_TRACK)
        ]
        sections.append(
            Section(
                "Targets",
                [f"{len(unmet)} target(s) not met or off track."],
                [targets_block(evaluation.targets, title=None)],
            )
        )
    sections.append(
        Section(
            "Findings",
            () if evaluation.findings else ("No findings.",),
            [findings_block(evaluation.findings)] if evaluation.findings else (),
        )
    )
    return Report(
        "evaluate",
        f"Evaluation of {plan.id} as of {evaluation.as_of.isoformat()}",
        evaluation.to_dict(),
        sections,
        payload=evaluation,
        document=evaluation_header(evaluation),
        main_table="indicators",
    )
