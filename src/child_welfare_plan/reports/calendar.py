"""The report of ``cwp calendar``: events and deadlines in date order, in the current
language; its JSON (design §7) gains the words a person reads beside the codes: each
item's ``kind_label``, the ``agency_names`` of its agencies (as the plan names them, like
the status JSON's ``reporter_name``), and ``detail_label`` and ``note_label``, the item's
detail and note in the report's language (``detail`` and ``note`` keep the library's own
words)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from child_welfare_plan.errors import NotFoundError
from child_welfare_plan.i18n import N_, _, current
from child_welfare_plan.i18n.formatting import day, number
from child_welfare_plan.i18n.localized import localize
from child_welfare_plan.model.deadlines import format_deadline
from child_welfare_plan.model.findings import Finding
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.reports.base import Block, Report, Section
from child_welfare_plan.reports.findings import findings_block
from child_welfare_plan.reports.labels import PlanNames, insert_after, obligation_kind_label
from child_welfare_plan.rules.schedule import CalendarItem, PlanCalendar

__all__ = ["calendar_report"]

_KINDS = {"event": N_("event"), "deadline": N_("deadline"), "task": N_("task")}


def _kind(kind: str) -> str:
    return _(_KINDS[kind]) if kind in _KINDS else kind


def _detail(item: CalendarItem, plan: Plan | None) -> str | None:
    """The item's detail in the report's language: a deadline's words (the plan's), the
    pack's reading and the period it covers."""
    if item.kind != "deadline" or plan is None:
        return item.detail
    try:
        obligation = plan.obligation(item.id)
    except NotFoundError:
        return item.detail
    parts = [format_deadline(obligation.deadline) if obligation.deadline is not None else ""]
    if obligation.reading is not None:
        parts.append(
            _("(pack's reading: {reading})").format(reading=format_deadline(obligation.reading))
        )
    if obligation.covers:
        parts.append(_("(period {period})").format(period=obligation.covers))
    return " ".join(p for p in parts if p) or None


def _note(item: CalendarItem, plan: Plan | None) -> str | None:
    """The item's note in the report's language."""
    if item.note is None:
        return None
    if item.outside_span and plan is not None:
        return _("before the plan's span, which starts {day}").format(day=day(plan.span().start))
    return localize(item.note)


def _labelled(cal: PlanCalendar, plan: Plan | None) -> dict[str, Any]:
    """The JSON of ``cal`` with its labels."""
    data = cal.to_dict()
    names = PlanNames(plan, english=False) if plan is not None else None

    def agency_names(codes: Sequence[str]) -> list[str]:
        return list(codes) if names is None else names.bodies_of(codes)

    items = []
    for item, out in zip(cal.items, data["items"], strict=True):
        out = insert_after(out, "kind", "kind_label", str(_kind(item.kind)))
        out = insert_after(out, "agencies", "agency_names", agency_names(item.agencies))
        out = insert_after(out, "detail", "detail_label", _detail(item, plan))
        items.append(insert_after(out, "note", "note_label", _note(item, plan)))
    undated = []
    for entry, out in zip(cal.undated, data["undated"], strict=True):
        out = insert_after(out, "kind", "kind_label", str(obligation_kind_label(entry.kind)))
        undated.append(insert_after(out, "agencies", "agency_names", agency_names(entry.agencies)))
    return {**data, "items": items, "undated": undated}


def calendar_report(
    cal: PlanCalendar,
    stamp: datetime | None = None,
    findings: Sequence[Finding] = (),
    *,
    plan: Plan | None = None,
) -> Report:
    """``cwp calendar``: a table for people, design §7 JSON, and the calendar itself for
    the iCalendar format. ``stamp`` is when the calendar was produced (iCalendar DTSTAMP);
    ``findings`` are the plan's own (a ``findings`` key and section, when there are any);
    ``plan`` (the calendar's) names the agencies and says the notes in the report's
    language (without it, agencies are shown by code and notes as the library wrote them)."""
    shown = PlanNames(plan) if plan is not None else None
    english_titles = (
        {e.id: e.title_en for e in plan.events if e.title_en}
        if plan is not None and current() == "en"
        else {}
    )

    def title(item: CalendarItem) -> str:
        words = english_titles.get(item.id, item.title) if item.kind == "event" else item.title
        return words if item.scheduled else _("{title} (some time in the year)").format(title=words)

    rows = [
        (
            i.start,
            i.end if i.end != i.start else None,
            _kind(str(i.kind)),
            i.id,
            title(i),
            ("; ".join(shown.bodies_of(i.agencies)) if shown else ", ".join(i.agencies))
            if len(i.agencies) <= 4
            else _("{n} agencies").format(n=number(len(i.agencies))),
            _note(i, plan) or "",
        )
        for i in cal.items
    ]
    block = Block(
        (_("start"), _("end"), _("kind"), _("id"), _("title"), _("agencies"), _("note")), rows
    )
    sections = [
        Section(
            _("Events and deadlines"),
            [_("{n} item(s).").format(n=number(len(cal.items)))],
            [block],
            key="Events and deadlines",
        )
    ]
    if cal.undated:
        sections.append(
            Section(
                _("Reports with no calendar day"),
                (
                    _(
                        "Reports on incidents and reports the text gives no date; a reading is "
                        "the pack's, not the text's words."
                    ),
                ),
                [
                    Block(
                        (_("id"), _("kind"), _("deadline (text)"), _("pack's reading"), _("title")),
                        [
                            (
                                u.id,
                                obligation_kind_label(u.kind),
                                u.deadline or "–",
                                u.reading or "–",
                                u.title,
                            )
                            for u in cal.undated
                        ],
                    )
                ],
                key="Reports with no calendar day",
            )
        )
    data = _labelled(cal, plan)
    data["findings"] = [f.to_dict() for f in findings]
    if findings:
        sections.append(
            Section(_("Findings"), (), [findings_block(list(findings))], key="Findings")
        )
    return Report(
        "calendar",
        _("Calendar of {plan}").format(plan=cal.plan),
        data,
        sections,
        payload=(cal, stamp),
    )
