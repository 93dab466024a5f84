"""Reports for people and machines built from plans and validation results (the words in
the current language, :mod:`child_welfare_plan.i18n`; the plan's own text as written)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from child_welfare_plan.calendars.deadlines import resolve
from child_welfare_plan.catalogs import Catalog
from child_welfare_plan.errors import CwpError
from child_welfare_plan.i18n import _, current
from child_welfare_plan.i18n.formatting import day, number
from child_welfare_plan.io.packs import PackFiles
from child_welfare_plan.io.plans import plan_to_data
from child_welfare_plan.model.date_rules import format_date_rule
from child_welfare_plan.model.deadlines import format_deadline
from child_welfare_plan.model.findings import Finding, Severity, count
from child_welfare_plan.model.plan import Plan, ReportingObligation, Task
from child_welfare_plan.reports.base import Block, Report, Section
from child_welfare_plan.reports.findings import findings_block
from child_welfare_plan.reports.labels import (
    IndicatorLabels,
    PlanNames,
    convention_label,
    obligation_kind_label,
)
from child_welfare_plan.reports.plan_labels import label_plan

__all__ = [
    "findings_block",
    "new_pack_report",
    "plan_report",
    "plans_report",
    "validation_report",
]


def plans_report(plans: Iterable[Plan]) -> Report:
    """``cwp plans``: id, year, title, issuer of every installed plan."""
    items = sorted(plans, key=lambda p: (p.id, p.year))
    data = {
        "plans": [{"id": p.id, "year": p.year, "title": p.title, "issuer": p.issuer} for p in items]
    }
    rows = [(p.title, p.id, str(p.year), _issuer_name(p)) for p in items]
    block = Block((_("title"), _("id"), _("year"), _("issuer")), rows)
    note = (
        ()
        if items
        else (_("No plans are installed. Install a district pack (see docs/plugins.md)."),)
    )
    return Report(
        "plans", _("Installed plans"), data, [Section(_("Plans"), note, [block], key="Plans")]
    )


def _issuer_name(plan: Plan) -> str:
    return plan.agency(plan.issuer).name if plan.has_agency(plan.issuer) else plan.issuer


def _task_columns() -> tuple[str, ...]:
    """The columns of a table of tasks, in the current language."""
    return (_("id"), _("lead"), _("support"), _("task"))


def _task_rows(
    plan: Plan, tasks: Iterable[Task], names: PlanNames
) -> list[tuple[str, str, str, str]]:
    """One row per task, its lead and supporters by name; a lead in parentheses is the
    coordinator standing in for a task that names nobody, never for one whose text names
    who acts (its addressee)."""
    rows = []
    for task in tasks:
        code = plan.lead_of(task)
        lead = names.body(code) if code else ""
        if task.lead is None and lead:
            lead = f"({lead})"
        if task.addressee:
            lead = f"{task.addressee} {lead}".strip()
        rows.append((task.id, lead, "; ".join(names.bodies_of(task.support)), task.text))
    return rows


def _last_day(plan: Plan, obligation: ReportingObligation) -> str:
    """The last on-time day of a dated obligation, marked when the roll takes it beyond the
    phrase's own words; empty when it has none (or it cannot be resolved)."""
    rule = obligation.effective_deadline
    if rule is None or rule.kind not in ("before", "by"):
        return ""
    try:
        deadline = resolve(rule)
    except CwpError:
        return ""
    last = day(deadline.last_on_time_day)
    return (
        _("{day} (rolled past the named day)").format(day=last)
        if deadline.rolled_beyond_text
        else last
    )


def _obligation_row(plan: Plan, o: ReportingObligation, names: PlanNames) -> tuple[object, ...]:
    reporters = number(len(plan.expected_reporters(o)))
    if o.drafted_by is not None:
        reporters += " " + _("(drafted by {office})").format(office=names.body(o.drafted_by))
    return (
        o.id,
        obligation_kind_label(str(o.kind)),
        o.covers or "",
        format_deadline(o.deadline) if o.deadline is not None else "",
        "" if o.reading is None else format_deadline(o.reading),
        _last_day(plan, o),
        reporters,
        names.body(o.recipient)
        + (" " + _("(via {office})").format(office=names.body(o.via)) if o.via else ""),
        ", ".join(o.pack_readings),
    )


def plan_report(plan: Plan, catalog: Catalog | None = None) -> Report:
    """``cwp show``: the plan section by section; ``data`` is its JSON exchange form with
    the names and labels a person reads beside its codes
    (:func:`~child_welfare_plan.reports.plan_labels.label_plan`; categories named by
    ``catalog``, the national one when None)."""
    s: list[Section] = []
    names = PlanNames(plan)
    head = [
        f"{plan.title} ({plan.year})",
        _("Issuer: {issuer}").format(issuer=names.body(plan.issuer)),
    ]
    if plan.document is not None:
        head.append(_("Document: {citation}").format(citation=plan.document.citation))
    else:
        head.append(_("Document: no number or date given"))
    if plan.signatory is not None:
        sig = plan.signatory
        signer = f"{' / '.join(x for x in (sig.capacity, sig.title) if x)} {sig.name}"
        head.append(_("Signed: {signer}").format(signer=signer))
    if plan.coordinator is not None:
        head.append(_("Coordinator: {office}").format(office=names.body(plan.coordinator)))
    head.append(
        _("Period convention: {convention}").format(
            convention=convention_label(str(plan.period_convention))
        )
    )
    s.append(Section(_("Plan"), head, key="Plan"))
    refs = [(_("based on"), r.citation, r.issuer or "", r.date) for r in plan.based_on]
    refs += [(_("legal basis"), r.citation, r.issuer or "", r.date) for r in plan.legal_bases]
    s.append(
        Section(
            _("Documents"),
            (),
            [Block((_("relation"), _("citation"), _("issuer"), _("date")), refs)],
            key="Documents",
        )
    )
    s.append(
        Section(
            _("I. Purposes and requirements"),
            [*plan.purposes, *plan.requirements],
            key="I. Purposes and requirements",
        )
    )
    objectives = [o.text for o in plan.objectives]
    indicators = IndicatorLabels(catalog)
    target_rows = [
        (
            t.id,
            indicators.name(t.indicator) if t.indicator else "",
            f"{t.comparator} {number(t.value)}",
            str(t.year),
            t.source or "",
        )
        for t in plan.all_targets()
    ]
    s.append(
        Section(
            _("II. Objectives"),
            objectives,
            [
                Block(
                    (_("target"), _("indicator"), _("goal"), _("year"), _("stated in")),
                    target_rows,
                    _("Targets"),
                )
            ],
            key="II. Objectives",
        )
    )
    english = current() == "en"
    for group in plan.task_groups:
        number_ = group.section or group.id
        s.append(
            Section(
                f"{number_}. {group.title}",
                (),
                [Block(_task_columns(), _task_rows(plan, group.tasks, names))],
                # The group's title is the plan's Vietnamese words.
                sheet=f"{number_}. {_('Tasks')}" if english else None,
            )
        )
    s.append(Section(_("IV. Funding"), [f.text for f in plan.funding_sources], key="IV. Funding"))
    for resp in plan.responsibilities:
        number_ = resp.section or resp.id
        who = names.body(resp.agency) if resp.agency else resp.addressee or ""
        mode = " " + _("(requested)") if resp.mode == "requested" else ""
        in_words = resp.agency is None or not names.translated(resp.agency)
        s.append(
            Section(
                f"{number_}. {who}{mode}",
                [resp.addressee] if resp.agency is None and resp.addressee else (),
                [Block(_task_columns(), _task_rows(plan, resp.tasks, names))],
                # An addressee, or a body with no English name, is the plan's words.
                sheet=f"{number_}. {_('Responsibilities')}{mode}" if english and in_words else None,
            )
        )
    s.append(
        Section(
            _("Events"),
            (),
            [
                Block(
                    (_("id"), _("when"), _("title")),
                    [
                        (
                            e.id,
                            format_date_rule(e.when),
                            (e.title_en or e.title) if english else e.title,
                        )
                        for e in plan.events
                    ],
                )
            ],
            key="Events",
        )
    )
    s.append(
        Section(
            _("VI. Reporting"),
            (
                _(
                    "'deadline (text)' is the plan's words; 'pack's reading' a time limit the "
                    "pack reads where the text gives none; 'pack's readings of' the fields that "
                    "are the pack's reading of the text, not its words (see each obligation's "
                    "basis)."
                ),
            ),
            [
                Block(
                    (
                        _("id"),
                        _("kind"),
                        _("covers"),
                        _("deadline (text)"),
                        _("pack's reading"),
                        _("last on-time day"),
                        _("reporters"),
                        _("to"),
                        _("pack's readings of"),
                    ),
                    [_obligation_row(plan, o, names) for o in plan.obligations],
                )
            ],
            key="VI. Reporting",
        )
    )
    s.append(Section(_("Recipients"), plan.recipients, key="Recipients"))
    return Report(
        "show", plan.title, label_plan(plan_to_data(plan), plan, catalog), s, payload=plan
    )


def validation_report(plan_id: str, findings: Sequence[Finding]) -> Report:
    """``cwp validate``: the findings of a plan."""
    errors = count(findings)
    warnings = count(findings, Severity.WARNING)
    summary = _("{errors} error(s), {warnings} warning(s).").format(
        errors=number(errors), warnings=number(warnings)
    )
    data = {"plan": plan_id, "findings": [f.to_dict() for f in findings]}
    return Report(
        "validate",
        _("Validation of {plan}").format(plan=plan_id),
        data,
        [Section(_("Findings"), [summary], [findings_block(findings)], key="Findings")],
    )


def new_pack_report(pack: PackFiles, directory: Path, written: Sequence[Path]) -> Report:
    """``cwp new-pack``: the pack written, and what to do next."""
    unit = pack.unit
    data = {
        "directory": str(directory),
        "distribution": pack.distribution,
        "module": pack.module,
        "plan": pack.plan_id,
        "unit": {
            "code": unit.code,
            "name": unit.name,
            "level": unit.level.value,
            "valid_from": None if unit.valid_from is None else unit.valid_from.isoformat(),
            "valid_to": None if unit.valid_to is None else unit.valid_to.isoformat(),
        },
        "files": sorted(str(p.relative_to(directory)) for p in written),
    }
    paragraphs = [
        _("Pack {pack} for {unit} ({code}), plan {plan}, written to {directory}.").format(
            pack=pack.distribution,
            unit=unit.name,
            code=unit.code,
            plan=pack.plan_id,
            directory=directory,
        ),
        _(
            "Replace the placeholder texts, tasks and deadlines of the plan file with those of "
            "the plan as issued; the demo data set is invented."
        ),
        _("Next: {commands}").format(
            commands=f"pip install -e {directory} && cwp validate {pack.plan_id} && "
            f"cwp evaluate {pack.plan_id} --demo && pytest {directory}"
        ),
    ]
    block = Block((_("file"),), [(f,) for f in data["files"]])
    return Report(
        "new-pack",
        _("New pack {pack}").format(pack=pack.distribution),
        data,
        [Section(_("Pack"), paragraphs, [block], key="Pack")],
    )
