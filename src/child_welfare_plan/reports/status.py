"""The report of ``cwp status``: whom to chase first, then who was late, the rates, what
falls due soon, reports on incidents and reports with no fixed date, and the findings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta

from child_welfare_plan.i18n import _, current, pgettext
from child_welfare_plan.i18n.formatting import day, number
from child_welfare_plan.i18n.localized import localize
from child_welfare_plan.model.deadlines import format_deadline
from child_welfare_plan.model.findings import Finding, count
from child_welfare_plan.model.plan import ObligationKind, Plan
from child_welfare_plan.reports.base import Block, Report, Section
from child_welfare_plan.reports.findings import findings_block
from child_welfare_plan.reports.labels import label_timeliness, status_label
from child_welfare_plan.rules.timeliness import Status, StatusItem, TimelinessResult

__all__ = ["DUE_WITHIN_DAYS", "rates_block", "readings_section", "status_report"]


DUE_WITHIN_DAYS = 14
"""How far ahead the report lists what falls due, in days."""


def _name(item: StatusItem) -> str:
    """The reporter's name, and the office that drafts its report when another does."""
    name = item.reporter_name or ""
    if item.drafted_by is not None:
        name += " " + _("(drafted by {office})").format(
            office=item.drafted_by_name or item.drafted_by
        )
    return name.strip()


def readings_section(result: TimelinessResult, plan: Plan) -> Section | None:
    """The obligations judged by the pack's reading of a deadline the text leaves open,
    each with the text's words and the reading's basis; None when there is none."""
    judged = {i.obligation for i in result.items if i.reading is not None}
    lines = []
    for ob in plan.obligations:
        if ob.id not in judged or ob.reading is None:
            continue
        words = format_deadline(ob.deadline) if ob.deadline is not None else _("no deadline")
        lines.append(
            _(
                "{obligation}: the plan says '{words}'; judged by the pack's reading "
                "'{reading}' (not the plan's words)."
            ).format(
                obligation=f"{ob.title} ({ob.id})", words=words, reading=format_deadline(ob.reading)
            )
            + (f" {localize(ob.reading_basis)}" if ob.reading_basis else "")
        )
    return Section(_("Readings"), lines, key="Readings") if lines else None


def _period(item: StatusItem) -> str:
    return item.period or "–"


def _heading_case(word: str) -> str:
    """A status word as a column heading: ``trễ hạn`` → ``Trễ hạn`` (``late`` stays)."""
    return word[:1].upper() + word[1:] if current() == "vi" else word


def rates_block(
    result: TimelinessResult, *, statuses: bool = True, titles: Mapping[str, str] | None = None
) -> Block:
    """The rates per obligation and period: expected, received, on time (and, with
    ``statuses``, the count of each status), reporting and on-time rates; each obligation
    by its title in ``titles`` (its code without one)."""
    titles = titles or {}
    counts = ("late", "overdue", "pending") if statuses else ()
    columns = (
        _("obligation"),
        _("period"),
        _("expected"),
        pgettext("count", "received"),
        _("on time"),
        *(_heading_case(status_label(name)) for name in counts),
    )
    rates = (_("reporting rate"), _("on-time rate"))
    rows = [
        (
            titles.get(r.obligation, r.obligation),
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
    return Block((*columns, *rates), rows, percent_columns=rates)


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
    data = label_timeliness(result.to_dict(), plan)
    data["findings"] = [f.to_dict() for f in every_finding]
    if public:
        data["audience"] = "public"
    as_of = day(result.as_of)
    titles = {ob.id: ob.title for ob in plan.obligations}
    kinds = {ob.id: ob.kind for ob in plan.obligations}
    sections: list[Section] = []

    overdue = result.overdue()
    late = result.late()
    lines = [
        _("Plan {plan}: {title} ({year}). Status as of {as_of}.").format(
            plan=plan.id, title=plan.title, year=plan.year, as_of=as_of
        ),
        _("{overdue} report(s) overdue, {late} late; {pending} not yet due.").format(
            overdue=number(len(overdue)),
            late=number(len(late)),
            pending=number(len(result.with_status(Status.PENDING))),
        ),
    ]
    if not overdue:
        lines.append(_("Nobody is overdue."))
    if public:
        lines.append(
            _(
                "Audience: public. Reports on single incidents are left out (each concerns a "
                "child), and findings show their code and place but not their message."
            )
        )
    blocks: list[Block] = []
    for obligation in dict.fromkeys(i.obligation for i in overdue):
        rows = [
            (_name(i), i.reporter, _period(i), i.last_on_time_day, i.days_overdue)
            for i in overdue
            if i.obligation == obligation
        ]
        blocks.append(
            Block(
                (
                    _("name"),
                    _("reporter"),
                    _("period"),
                    _("last on-time day"),
                    _("days overdue"),
                ),
                rows,
                title=f"{titles[obligation]} ({obligation})"
                if titles.get(obligation)
                else obligation,
                # The plan's title is Vietnamese: an English sheet is named by the code.
                sheet=titles.get(obligation) or obligation if current() == "vi" else obligation,
            )
        )
    sections.append(Section(_("Overdue"), lines, blocks, key="Overdue"))

    late_rows = [
        (
            titles.get(i.obligation, i.obligation),
            _period(i),
            _name(i),
            i.reporter,
            i.last_on_time_day,
            i.received_at or i.received,
            i.days_late,
            i.delay_bucket,
        )
        for i in late
    ]
    sections.append(
        Section(
            _("Late"),
            () if late_rows else (_("Nobody was late."),),
            [
                Block(
                    (
                        _("obligation"),
                        _("period"),
                        _("name"),
                        _("reporter"),
                        _("last on-time day"),
                        pgettext("date", "received"),
                        _("days late"),
                        _("delay (days)"),
                    ),
                    late_rows,
                )
            ]
            if late_rows
            else (),
            key="Late",
        )
    )

    sections.append(
        Section(
            _("Rates"),
            (
                _(
                    "Reporting rate = received / expected; on-time rate = on time / expected. "
                    "Reporters whose unit does not exist in the period are not expected. For "
                    "reports on incidents, one row counts every incident."
                ),
            ),
            [rates_block(result, titles=titles)],
            key="Rates",
        )
    )

    soon = result.due_within(due_within)
    until = day(result.as_of + timedelta(days=due_within))
    sections.append(
        Section(
            _("Due within {days} days").format(days=number(due_within)),
            ()
            if soon
            else (_("Nothing falls due from {start} to {end}.").format(start=as_of, end=until),),
            [
                Block(
                    (
                        _("name"),
                        _("reporter"),
                        _("obligation"),
                        _("period"),
                        _("last on-time day"),
                        _("days left"),
                    ),
                    [
                        (
                            _name(i),
                            i.reporter,
                            titles.get(i.obligation, i.obligation),
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
            key=f"Due within {due_within} days",
        )
    )

    incident_items = [i for i in result.items if kinds.get(i.obligation) == "event-triggered"]
    if incident_items:
        sections.append(
            Section(
                _("Reports on incidents"),
                (
                    _(
                        "Each incident is reported within the time limit from when it became "
                        "known; where the plan sets none, by the pack's reading (see Readings)."
                    ),
                ),
                [
                    Block(
                        (
                            _("incident"),
                            _("obligation"),
                            _("name"),
                            _("reporter"),
                            _("due"),
                            _("status"),
                            pgettext("date", "received"),
                        ),
                        [
                            (
                                _period(i),
                                i.obligation,
                                _name(i),
                                i.reporter,
                                i.due_at or i.last_on_time_day,
                                status_label(i.status),
                                i.received_at or i.received,
                            )
                            for i in incident_items
                        ],
                    )
                ],
                key="Reports on incidents",
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
                _("Reports with no fixed date"),
                (_("These are never late nor overdue: listed as received or not received."),),
                [
                    Block(
                        (
                            _("obligation"),
                            _("period"),
                            _("name"),
                            _("reporter"),
                            _("status"),
                            pgettext("date", "received"),
                        ),
                        [
                            (
                                i.obligation,
                                _period(i),
                                _name(i),
                                i.reporter,
                                status_label(i.status),
                                i.received,
                            )
                            for i in sorted(
                                undated, key=lambda i: (i.obligation, i.status.value, i.reporter)
                            )
                        ],
                    )
                ],
                key="Reports with no fixed date",
            )
        )

    readings = readings_section(result, plan)
    if readings is not None:
        sections.append(readings)

    absent = result.with_status(Status.NOT_EXPECTED)
    if absent:
        sections.append(
            Section(
                _("Not expected"),
                (_("Reporters whose unit does not exist in the period (not counted)."),),
                [
                    Block(
                        (
                            _("obligation"),
                            _("period"),
                            _("name"),
                            _("reporter"),
                            pgettext("date", "received"),
                        ),
                        [
                            (i.obligation, _period(i), _name(i), i.reporter, i.received)
                            for i in absent
                        ],
                    )
                ],
                key="Not expected",
            )
        )

    if every_finding:
        errors = count(every_finding)
        sections.append(
            Section(
                _("Findings"),
                (
                    _("{findings} finding(s), {errors} error(s).").format(
                        findings=number(len(every_finding)), errors=number(errors)
                    ),
                ),
                [findings_block(every_finding)],
                key="Findings",
            )
        )
    title = _("Reporting status of {plan} as of {as_of}").format(plan=plan.id, as_of=as_of)
    return Report("status", title, data, sections, payload=result)
