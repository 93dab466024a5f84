"""The report of ``cwp status``: whom to chase first, then who was late, the rates, what
falls due soon, reports on incidents and reports with no fixed date, and the findings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from child_welfare_plan.model.deadlines import format_deadline
from child_welfare_plan.model.findings import Finding, count
from child_welfare_plan.model.plan import ObligationKind, Plan
from child_welfare_plan.reports.base import Block, Report, Section
from child_welfare_plan.reports.findings import findings_block
from child_welfare_plan.rules.timeliness import Status, StatusItem, TimelinessResult

__all__ = ["DUE_WITHIN_DAYS", "rates_block", "readings_section", "status_report"]


DUE_WITHIN_DAYS = 14
"""How far ahead the report lists what falls due, in days."""


def _name(item: StatusItem) -> str:
    """The reporter's name, and the office that drafts its report when another does."""
    name = item.reporter_name or ""
    if item.drafted_by is not None:
        name += f" (drafted by {item.drafted_by_name or item.drafted_by})"
    return name.strip()


def readings_section(result: TimelinessResult, plan: Plan) -> Section | None:
    """The obligations judged by the pack's reading of a deadline the text leaves open,
    each with the text's words and the reading's basis; None when there is none."""
    judged = {i.obligation for i in result.items if i.reading is not None}
    lines = []
    for ob in plan.obligations:
        if ob.id not in judged or ob.reading is None:
            continue
        words = format_deadline(ob.deadline) if ob.deadline is not None else "no deadline"
        lines.append(
            f"{ob.id}: the plan says '{words}'; judged by the pack's reading "
            f"'{format_deadline(ob.reading)}' (not the plan's words). {ob.reading_basis or ''}"
        )
    return Section("Readings", lines) if lines else None


def _period(item: StatusItem) -> str:
    return item.period or "–"


def rates_block(result: TimelinessResult, *, statuses: bool = True) -> Block:
    """The rates per obligation and period: expected, received, on time (and, with
    ``statuses``, the count of each status), reporting and on-time rates."""
    counts = ("late", "overdue", "pending") if statuses else ()
    columns = ("obligation", "period", "expected", "received", "on time", *counts)
    rows = [
        (
            r.obligation,
            r.period or "–",
            r.expected,
            r.received,
            r.on_time,
            *(getattr(r, name) for name in counts),
            r.reporting_rate,
            r.on_time_rate,
        )
        for r in result.rates
    ]
    return Block(
        (*columns, "reporting rate", "on-time rate"),
        rows,
        percent_columns=("reporting rate", "on-time rate"),
    )


def status_report(
    result: TimelinessResult,
    plan: Plan,
    findings: Sequence[Finding] = (),
    *,
    due_within: int = DUE_WITHIN_DAYS,
    public: bool = False,
) -> Report:
    """The report of ``cwp status``: ``data`` is the JSON of design §7 (``findings`` are
    those of the files, then those of the judgement), ``sections`` put first whom to
    chase. ``public`` says so (the result and the findings must already be the public
    ones: :func:`~child_welfare_plan.rules.disclosure.published.public_timeliness`)."""

    every_finding = [*findings, *result.findings]
    data = result.to_dict()
    data["findings"] = [f.to_dict() for f in every_finding]
    if public:
        data["audience"] = "public"
    as_of = result.as_of.isoformat()
    titles = {ob.id: ob.title for ob in plan.obligations}
    kinds = {ob.id: ob.kind for ob in plan.obligations}
    sections: list[Section] = []

    overdue = result.overdue()
    late = result.late()
    lines = [
        f"Plan {plan.id}: {plan.title} ({plan.year}). Status as of {as_of}.",
        f"{len(overdue)} report(s) overdue, {len(late)} late; "
        f"{len(result.with_status(Status.PENDING))} not yet due.",
    ]
    if not overdue:
        lines.append("Nobody is overdue.")
    if public:
        lines.append(
            "Audience: public. Reports on single incidents are left out (each concerns a "
            "child), and findings show their code and place but not their message."
        )
    blocks: list[Block] = []
    for obligation in dict.fromkeys(i.obligation for i in overdue):
        rows = [
            (i.reporter, _name(i), _period(i), i.last_on_time_day, i.days_overdue)
            for i in overdue
            if i.obligation == obligation
        ]
        blocks.append(
            Block(
                ("reporter", "name", "period", "last on-time day", "days overdue"),
                rows,
                title=f"{obligation} — {titles.get(obligation, '')}",
            )
        )
    sections.append(Section("Overdue", lines, blocks))

    late_rows = [
        (
            i.obligation,
            _period(i),
            i.reporter,
            _name(i),
            i.last_on_time_day,
            i.received_at.isoformat(sep=" ", timespec="minutes") if i.received_at else i.received,
            i.days_late,
            i.delay_bucket,
        )
        for i in late
    ]
    sections.append(
        Section(
            "Late",
            () if late_rows else ("Nobody was late.",),
            [
                Block(
                    (
                        "obligation",
                        "period",
                        "reporter",
                        "name",
                        "last on-time day",
                        "received",
                        "days late",
                        "delay (days)",
                    ),
                    late_rows,
                )
            ]
            if late_rows
            else (),
        )
    )

    sections.append(
        Section(
            "Rates",
            (
                "Reporting rate = received / expected; on-time rate = on time / expected. "
                "Reporters whose unit does not exist in the period are not expected. For "
                "reports on incidents, one row counts every incident.",
            ),
            [rates_block(result)],
        )
    )

    soon = result.due_within(due_within)
    until = (result.as_of + timedelta(days=due_within)).isoformat()
    sections.append(
        Section(
            f"Due within {due_within} days",
            () if soon else (f"Nothing falls due from {as_of} to {until}.",),
            [
                Block(
                    ("reporter", "name", "obligation", "period", "last on-time day", "days left"),
                    [
                        (
                            i.reporter,
                            _name(i),
                            i.obligation,
                            _period(i),
                            i.last_on_time_day,
                            i.days_left,
                        )
                        for i in soon
                    ],
                )
            ]
            if soon
            else (),
        )
    )

    incident_items = [i for i in result.items if kinds.get(i.obligation) == "event-triggered"]
    if incident_items:
        sections.append(
            Section(
                "Reports on incidents",
                (
                    "Each incident is reported within the time limit from when it became "
                    "known; where the plan sets none, by the pack's reading (see Readings).",
                ),
                [
                    Block(
                        ("incident", "obligation", "reporter", "name", "due", "status", "received"),
                        [
                            (
                                _period(i),
                                i.obligation,
                                i.reporter,
                                _name(i),
                                i.due_at.isoformat(sep=" ", timespec="minutes")
                                if i.due_at
                                else i.last_on_time_day,
                                i.status.value,
                                i.received_at.isoformat(sep=" ", timespec="minutes")
                                if i.received_at
                                else i.received,
                            )
                            for i in incident_items
                        ],
                    )
                ],
            )
        )

    undated = [
        i
        for i in result.items
        if i.status in (Status.RECEIVED, Status.NOT_RECEIVED)
        and kinds.get(i.obligation) is not ObligationKind.EVENT_TRIGGERED
    ]
    if undated:
        sections.append(
            Section(
                "Reports with no fixed date",
                ("These are never late nor overdue: listed as received or not received.",),
                [
                    Block(
                        ("obligation", "period", "reporter", "name", "status", "received"),
                        [
                            (
                                i.obligation,
                                _period(i),
                                i.reporter,
                                _name(i),
                                i.status.value,
                                i.received,
                            )
                            for i in sorted(
                                undated, key=lambda i: (i.obligation, i.status.value, i.reporter)
                            )
                        ],
                    )
                ],
            )
        )

    readings = readings_section(result, plan)
    if readings is not None:
        sections.append(readings)

    absent = result.with_status(Status.NOT_EXPECTED)
    if absent:
        sections.append(
            Section(
                "Not expected",
                ("Reporters whose unit does not exist in the period (not counted).",),
                [
                    Block(
                        ("obligation", "period", "reporter", "name", "received"),
                        [
                            (i.obligation, _period(i), i.reporter, _name(i), i.received)
                            for i in absent
                        ],
                    )
                ],
            )
        )

    if every_finding:
        errors = count(every_finding)
        sections.append(
            Section(
                "Findings",
                (f"{len(every_finding)} finding(s), {errors} error(s).",),
                [findings_block(every_finding)],
            )
        )
    title = f"Reporting status of {plan.id} as of {as_of}"
    return Report("status", title, data, sections, payload=result)
