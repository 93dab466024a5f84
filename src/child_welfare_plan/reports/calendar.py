"""The report of ``cwp calendar``: events and deadlines in date order."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from child_welfare_plan.model.findings import Finding
from child_welfare_plan.reports.base import Block, Report, Section
from child_welfare_plan.reports.findings import findings_block
from child_welfare_plan.rules.schedule import PlanCalendar

__all__ = ["calendar_report"]


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
            i.kind,
            i.id,
            i.title if i.scheduled else f"{i.title} (trong năm)",
            ", ".join(i.agencies) if len(i.agencies) <= 4 else f"{len(i.agencies)} agencies",
            i.note or "",
        )
        for i in cal.items
    ]
    block = Block(("start", "end", "kind", "id", "title", "agencies", "note"), rows)
    sections = [Section("Events and deadlines", [f"{len(cal.items)} item(s)."], [block])]
    if cal.undated:
        sections.append(
            Section(
                "Reports with no calendar day",
                (
                    "Reports on incidents and reports the text gives no date; a reading is the "
                    "pack's, not the text's words.",
                ),
                [
                    Block(
                        ("id", "kind", "deadline (text)", "pack's reading", "title"),
                        [
                            (u.id, u.kind, u.deadline or "–", u.reading or "–", u.title)
                            for u in cal.undated
                        ],
                    )
                ],
            )
        )
    data = cal.to_dict()
    data["findings"] = [f.to_dict() for f in findings]
    if findings:
        sections.append(Section("Findings", (), [findings_block(list(findings))]))
    return Report("calendar", f"Calendar of {cal.plan}", data, sections, payload=(cal, stamp))
