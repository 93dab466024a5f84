"""The report of ``cwp evaluate``: summary, timeliness (overdue first), key indicators per
commune and for the area with coverage, targets, findings; two charts (the on-time rate and
one key indicator by commune); and the header of the *báo cáo* the docx format lays out
(issued by the plan's issuer, to the plan's recipients, for its signatory's post).

For a public audience every withheld figure is shown with one marker, ``x``, whatever the
reason: a marker for "1 to k − 1" would itself tell the reader the count is small."""

from __future__ import annotations

from typing import Any

import attrs

from child_welfare_plan.catalogs import Catalog
from child_welfare_plan.i18n import _
from child_welfare_plan.i18n.formatting import day, number
from child_welfare_plan.i18n.localized import localize
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
from child_welfare_plan.reports.labels import (
    IndicatorLabels,
    audience_label,
    convention_label,
    label_evaluation,
    target_status_label,
)
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


def _shown(row: IndicatorRow, labels: IndicatorLabels) -> Any:
    if row.withheld:
        return WITHHELD
    if row.estimated and row.value is not None:
        return _("{value} (est.)").format(value=number(round(row.value, 2)))
    return labels.cell(row.indicator, row.value)


def _summary(evaluation: Evaluation) -> list[str]:
    plan = evaluation.plan
    as_of = day(evaluation.as_of)
    errors = count(evaluation.findings)
    warnings = count(evaluation.findings, Severity.WARNING)
    summary = [
        _(
            "{title} — {plan}. Evaluation as of {as_of}, figures for period {period} "
            "({convention})."
        ).format(
            title=plan.title,
            plan=plan.id,
            as_of=as_of,
            period=evaluation.period,
            convention=convention_label(str(plan.period_convention)),
        ),
        _("Audience: {audience}.").format(audience=audience_label(evaluation.audience))
        + " "
        + (
            _("Disclosure control, k = {k}.").format(k=evaluation.k)
            + " "
            + public_note(evaluation.k)
            if evaluation.audience == "public"
            else _("All figures shown; do not publish.")
        ),
    ]
    if evaluation.timeliness is not None:
        judged = evaluation.timeliness
        summary.append(
            _("Reports: {overdue} overdue, {late} late, as of {as_of}.").format(
                overdue=number(len(judged.overdue())), late=number(len(judged.late())), as_of=as_of
            )
        )
    if evaluation.targets:
        counts: dict[str, int] = {}
        for t in evaluation.targets:
            counts[str(t.status)] = counts.get(str(t.status), 0) + 1
        summary.append(
            _("Targets: {counts} (of {total}).").format(
                counts=", ".join(
                    f"{number(n)} {target_status_label(s)}" for s, n in sorted(counts.items())
                ),
                total=number(len(evaluation.targets)),
            )
        )
    if evaluation.units_as_of is not None:
        summary.append(
            _(
                "Figures carried onto the units in force on {day} (area {area}); coverage "
                "counts the units of the period that lie in each; (est.) marks values "
                "apportioned by assumed shares of a divided unit."
            ).format(day=day(evaluation.units_as_of), area=evaluation.area or "–")
        )
    summary.append(
        _("Findings: {errors} error(s), {warnings} warning(s).").format(
            errors=number(errors), warnings=number(warnings)
        )
    )
    return summary


def _timeliness_sections(evaluation: Evaluation) -> list[Section]:
    """The sections of the status report that an evaluation repeats."""
    assert evaluation.timeliness is not None
    plan = evaluation.plan
    status = status_report(evaluation.timeliness, plan)
    sections = []
    for key in ("Overdue", "Late", "Rates", "Readings"):
        try:
            found = status.section(key)
        except KeyError:
            continue
        found = attrs.evolve(
            found,
            heading=_("Timeliness: {part}").format(
                part=found.heading[:1].lower() + found.heading[1:]
            ),
            key=f"Timeliness: {key.lower()}",
            sheet=found.heading,  # short names for the sheets (Quá hạn, Trễ hạn, Tỷ lệ)
        )
        if key == "Rates":
            chart = on_time_chart(
                evaluation.timeliness,
                plan,
                title=_("On-time rate by commune"),
                description=_(
                    "The share of each commune's reports with a deadline that came on time, "
                    "as of {as_of}."
                ).format(as_of=day(evaluation.as_of)),
            )
            if chart is not None:
                found = attrs.evolve(found, charts=(chart,))
        sections.append(found)
    return sections


def _indicator_sections(evaluation: Evaluation, labels: IndicatorLabels) -> list[Section]:
    """The key indicators by commune and for the area, with the chart of one of them."""
    plan = evaluation.plan
    codes = list(dict.fromkeys(r.indicator for r in evaluation.indicators))
    by_unit: dict[str, dict[str, IndicatorRow]] = {}
    for r in evaluation.indicators:
        by_unit.setdefault(r.unit, {})[r.indicator] = r
    table_rows: list[tuple[Any, ...]] = []
    for unit, cells in by_unit.items():
        first = next(iter(cells.values()))
        reported = [c for c in cells.values() if c.value is not None]
        coverage = min((c.coverage for c in reported if c.coverage is not None), default=0.0)
        table_rows.append(
            (
                first.name,
                unit,
                *(_shown(cells[c], labels) if c in cells else None for c in codes),
                coverage,
            )
        )
    communes = _commune_codes(plan)
    charted = next((c for c in CHART_INDICATORS if c in codes), codes[0])
    charts = [
        indicator_chart(
            [
                (row[1], row[0], row[2 + codes.index(charted)])
                for row in table_rows
                if row[1] in communes
            ],
            title=_("{indicator} by commune").format(indicator=labels.name(charted)),
            unit=labels.unit(charted) or None,
            description=_(
                "{indicator} for each commune, {period}; a value withheld in the table is "
                "shown by its marker, not by a bar."
            ).format(indicator=labels.name(charted), period=evaluation.period),
        )
    ]
    coverage_column = _("coverage")
    sections = [
        Section(
            _("Key indicators, {period}").format(period=evaluation.period),
            [
                _(
                    "One row per commune, then the area. Coverage is the lowest share of "
                    "expected reporting units behind the row's figures; a missing value is "
                    "never counted as zero."
                ),
                _("Indicators (name, unit, code):"),
                *(f"({n}) {labels.named(c)}" for n, c in enumerate(codes, 1)),
            ],
            [
                Block(
                    (
                        _("unit"),
                        _("code"),
                        *(f"({n}) {labels.name(c)}" for n, c in enumerate(codes, 1)),
                        coverage_column,
                    ),
                    table_rows,
                    percent_columns=(coverage_column,),
                    keys=2,
                    short_columns=(
                        _("unit"),
                        _("code"),
                        *(f"({n})" for n in range(1, len(codes) + 1)),
                        coverage_column,
                    ),
                )
            ],
            charts,
            key="Key indicators",
        )
    ]
    area_rows = [
        (
            labels.name(r.indicator),
            r.indicator,
            _shown(r, labels),
            labels.unit(r.indicator),
            r.coverage,
            r.complete,
            localize(r.reason or ""),
        )
        for r in evaluation.area_rows()
    ]
    if area_rows:
        names = {u.code: u.name for u in plan.hierarchy.units}
        area = evaluation.area or ""
        sections.append(
            Section(
                _("Area totals: {area}").format(
                    area=f"{names[area]} ({area})" if area in names else area
                ),
                (),
                [
                    Block(
                        (
                            _("indicator"),
                            _("code"),
                            _("value"),
                            _("unit of measure"),
                            coverage_column,
                            _("complete"),
                            _("note"),
                        ),
                        area_rows,
                        percent_columns=(coverage_column,),
                        keys=2,
                    )
                ],
                key="Area totals",
                sheet=_("Area totals"),  # the unit's name is the plan's words
            )
        )
    return sections


def evaluation_report(evaluation: Evaluation, catalog: Catalog | None = None) -> Report:
    """``cwp evaluate``: summary, timeliness (overdue first), key indicators per commune
    and for the area with coverage, targets, findings; indicator names and units from
    ``catalog`` (the national catalog when None)."""

    plan = evaluation.plan
    labels = IndicatorLabels(catalog)
    sections = [Section(_("Summary"), _summary(evaluation), key="Summary")]
    if evaluation.timeliness is not None:
        sections += _timeliness_sections(evaluation)
    if evaluation.indicators:
        sections += _indicator_sections(evaluation, labels)
    if evaluation.targets:
        unmet = [
            t
            for t in evaluation.targets
            if t.status in (TargetStatus.NOT_MET, TargetStatus.OFF_TRACK)
        ]
        sections.append(
            Section(
                _("Targets"),
                [_("{n} target(s) not met or off track.").format(n=number(len(unmet)))],
                [targets_block(evaluation.targets, title=None, labels=labels)],
                key="Targets",
            )
        )
    sections.append(
        Section(
            _("Findings"),
            () if evaluation.findings else (_("No findings."),),
            [findings_block(evaluation.findings)] if evaluation.findings else (),
            key="Findings",
        )
    )
    return Report(
        "evaluate",
        _("Evaluation of {plan} as of {as_of}").format(plan=plan.id, as_of=day(evaluation.as_of)),
        label_evaluation(evaluation.to_dict(), labels, plan),
        sections,
        payload=evaluation,
        document=evaluation_header(evaluation),
        main_table="indicators",
    )
