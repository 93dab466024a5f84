"""The report of ``cwp calendar``: events and deadlines in date order, in the current
language."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from child_welfare_plan.i18n import N_, _
from child_welfare_plan.i18n.formatting import number
from child_welfare_plan.i18n.localized import localize
from child_welfare_plan.model.findings import Finding
from child_welfare_plan.reports.base import Block, Report, Section
from child_welfare_plan.reports.findings import findings_block
from child_welfare_plan.reports.labels import obligation_kind_label
from child_welfare_plan.rules.schedule import PlanCalendar

__all__ = ["calendar_report"]

_KINDS = {"event": N_("event"), "deadline": N_("deadline")}


def _kind(kind: str) -> str:
    return _(_KINDS[kind]) if kind in _KINDS else kind


def calendar_report(
    cal: PlanCalendar, stamp: datetime | None = None, findings: Sequence[Finding] = ()
) -> Report:
    """``cwp calendar``: a table for people, design §7 JSON, and the calendar itself for
    the iCalendar format. ``stamp`` is when the calendar was produced (iCalendar DTSTAMP);
    ``findings`` are the plan's own (a ``findings`` key and section, when there are any)."""
    rows = [
        (
            i.start,
            i.end if i.end != i.start else None,
            _kind(str(i.kind)),
            i.id,
            i.title if i.scheduled else f"{i.title} (trong năm)",
            ", ".join(i.agencies)
            if len(i.agencies) <= 4
            else _("{n} agencies").format(n=number(len(i.agencies))),
            localize(i.note or ""),
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
    data = cal.to_dict()
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
