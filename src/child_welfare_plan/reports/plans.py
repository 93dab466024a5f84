"""Reports for people and machines built from plans and validation results."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from child_welfare_plan.calendars.deadlines import resolve
from child_welfare_plan.errors import CwpError
from child_welfare_plan.io.plans import plan_to_data
from child_welfare_plan.model.date_rules import format_date_rule
from child_welfare_plan.model.deadlines import format_deadline
from child_welfare_plan.model.findings import Finding, Severity, count
from child_welfare_plan.model.plan import Plan, ReportingObligation, Task
from child_welfare_plan.reports.base import Block, Report, Section
from child_welfare_plan.reports.findings import findings_block

__all__ = ["findings_block", "plan_report", "plans_report", "validation_report"]


def plans_report(plans: Iterable[Plan]) -> Report:
    """``cwp plans``: id, year, title, issuer of every installed plan."""
    items = sorted(plans, key=lambda p: (p.id, p.year))
    data = {
        "plans": [{"id": p.id, "year": p.year, "title": p.title, "issuer": p.issuer} for p in items]
    }
    rows = [(p.id, str(p.year), p.title, _issuer_name(p)) for p in items]
    block = Block(("id", "year", "title", "issuer"), rows)
    note = (
        () if items else ("No plans are installed. Install a district pack (see docs/plugins.md).",)
    )
    return Report("plans", "Installed plans", data, [Section("Plans", note, [block])])


def _issuer_name(plan: Plan) -> str:
    return plan.agency(plan.issuer).name if plan.has_agency(plan.issuer) else plan.issuer


def _task_rows(plan: Plan, tasks: Iterable[Task]) -> list[tuple[str, str, str, str]]:
    """One row per task; a lead in parentheses is the coordinator standing in for a task
    that names nobody, never for one whose text names who acts (its addressee)."""
    rows = []
    for task in tasks:
        lead = plan.lead_of(task) or ""
        if task.lead is None and lead:
            lead = f"({lead})"
        if task.addressee:
            lead = f"{task.addressee} {lead}".strip()
        rows.append((task.id, lead, ", ".join(task.support), task.text))
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
    day = deadline.last_on_time_day.isoformat()
    return f"{day} (rolled past the named day)" if deadline.rolled_beyond_text else day


def _obligation_row(plan: Plan, o: ReportingObligation) -> tuple[object, ...]:
    reporters = f"{len(plan.expected_reporters(o))}"
    if o.drafted_by is not None:
        reporters += f" (drafted by {o.drafted_by})"
    return (
        o.id,
        str(o.kind),
        o.covers or "",
        format_deadline(o.deadline) if o.deadline is not None else "",
        "" if o.reading is None else format_deadline(o.reading),
        _last_day(plan, o),
        reporters,
        o.recipient + (f" (via {o.via})" if o.via else ""),
        ", ".join(o.pack_readings),
    )


def plan_report(plan: Plan) -> Report:
    """``cwp show``: the plan section by section; ``data`` is its JSON exchange form."""
    s: list[Section] = []
    head = [f"{plan.title} ({plan.year})", f"Issuer: {_issuer_name(plan)}"]
    if plan.document is not None:
        head.append(f"Document: {plan.document.citation}")
    else:
        head.append("Document: no number or date given")
    if plan.signatory is not None:
        sig = plan.signatory
        head.append(f"Signed: {' / '.join(x for x in (sig.capacity, sig.title) if x)} {sig.name}")
    head.append(f"Period convention: {plan.period_convention}")
    s.append(Section("Plan", head))
    refs = [("based on", r.citation, r.issuer or "", r.date) for r in plan.based_on]
    refs += [("legal basis", r.citation, r.issuer or "", r.date) for r in plan.legal_bases]
    s.append(Section("Documents", (), [Block(("relation", "citation", "issuer", "date"), refs)]))
    s.append(Section("I. Purposes and requirements", [*plan.purposes, *plan.requirements]))
    objectives = [o.text for o in plan.objectives]
    target_rows = [
        (t.id, t.indicator or "", f"{t.comparator} {t.value:g}", str(t.year), t.source or "")
        for t in plan.all_targets()
    ]
    s.append(
        Section(
            "II. Objectives",
            objectives,
            [Block(("target", "indicator", "goal", "year", "stated in"), target_rows, "Targets")],
        )
    )
    for group in plan.task_groups:
        title = f"{group.section or group.id}. {group.title}"
        s.append(
            Section(
                title, (), [Block(("id", "lead", "support", "task"), _task_rows(plan, group.tasks))]
            )
        )
    s.append(Section("IV. Funding", [f.text for f in plan.funding_sources]))
    for resp in plan.responsibilities:
        who = resp.agency or resp.addressee or ""
        mode = " (requested)" if resp.mode == "requested" else ""
        s.append(
            Section(
                f"{resp.section or resp.id}. {who}{mode}",
                [resp.addressee] if resp.agency is None and resp.addressee else (),
                [Block(("id", "lead", "support", "task"), _task_rows(plan, resp.tasks))],
            )
        )
    s.append(
        Section(
            "Events",
            (),
            [
                Block(
                    ("id", "when", "title"),
                    [(e.id, format_date_rule(e.when), e.title) for e in plan.events],
                )
            ],
        )
    )
    s.append(
        Section(
            "VI. Reporting",
            (
                "'deadline (text)' is the plan's words; 'pack's reading' a time limit the pack "
                "reads where the text gives none; 'pack's readings of' the fields that are the "
                "pack's reading of the text, not its words (see each obligation's basis).",
            ),
            [
                Block(
                    (
                        "id",
                        "kind",
                        "covers",
                        "deadline (text)",
                        "pack's reading",
                        "last on-time day",
                        "reporters",
                        "to",
                        "pack's readings of",
                    ),
                    [_obligation_row(plan, o) for o in plan.obligations],
                )
            ],
        )
    )
    s.append(Section("Recipients", plan.recipients))
    return Report("show", plan.title, plan_to_data(plan), s, payload=plan)


def validation_report(plan_id: str, findings: Sequence[Finding]) -> Report:
    """``cwp validate``: the findings of a plan."""
    errors = count(findings)
    warnings = count(findings, Severity.WARNING)
    summary = f"{errors} error(s), {warnings} warning(s)."
    data = {"plan": plan_id, "findings": [f.to_dict() for f in findings]}
    return Report(
        "validate",
        f"Validation of {plan_id}",
        data,
        [Section("Findings", [summary], [findings_block(findings)])],
    )
