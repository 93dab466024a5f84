"""What a plan accepts as a submission: a known reporter that owes a known obligation, for
the period the obligation covers or an incident that calls for it.

The loaders check every row of a file with these rules (each problem located by row and
column) and :func:`~child_welfare_plan.rules.timeliness.timeliness` uses the same rules to
say why a submission given in code matches nothing: one set of checks, one wording.

References:
    * Decree 56/2017/NĐ-CP, Art. 25–26 (a case of abuse is notified immediately; the
      commune People's Committee receives and first assesses it).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime

import attrs

from child_welfare_plan.calendars.dates import local_date, local_moment
from child_welfare_plan.errors import CwpError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.cells import echo
from child_welfare_plan.model.periods import parse_period
from child_welfare_plan.model.plan import (
    Incident,
    ObligationKind,
    Plan,
    ReportingObligation,
    Submission,
)

__all__ = [
    "PendingReport",
    "Problem",
    "SubmissionRules",
    "incident_reporters",
    "triggered_by",
]

Problem = tuple[str, str, str]
"""``(code, column, message)`` of a cell the rules refuse."""


def triggered_by(obligation: ReportingObligation, incident: Incident) -> bool:
    """True when ``incident`` calls for a report under ``obligation``: the obligation is
    event-triggered and lists the incident's kind (or lists no kinds at all)."""
    if obligation.kind is not ObligationKind.EVENT_TRIGGERED:
        return False
    return not obligation.triggers or incident.kind in obligation.triggers


def incident_reporters(
    plan: Plan, obligation: ReportingObligation, incident: Incident
) -> tuple[str, ...]:
    """Who owes the report on ``incident``: the People's Committee of the unit at the
    obligation's reporting level that holds the incident's unit (Decree 56/2017/NĐ-CP
    Art. 25–26: the commune receives and first assesses a case), then the listed agencies."""
    out: list[str] = []
    level = obligation.reporters.level
    tree = plan.hierarchy
    if level is not None and incident.unit in tree:
        unit = tree.ancestor_at(incident.unit, level)
        if unit is not None:
            committee = plan.committee_of(unit.code)
            if committee is not None:
                out.append(committee.code)
    out.extend(a for a in obligation.reporters.agencies if a not in out)
    return tuple(out)


@attrs.frozen
class PendingReport:
    """A report on an incident that names none: good but for its incident, which may still
    be inferred (:meth:`SubmissionRules.infer_incidents`)."""

    number: int
    reporter: str
    obligation: ReportingObligation
    received: date | datetime
    document_number: str | None
    revision: int | None

    def submission(self, incident: str) -> Submission:
        """The submission, once its incident is known."""
        return Submission(
            reporter=self.reporter,
            obligation=self.obligation.id,
            period=incident,
            received=self.received,
            document_number=self.document_number,
            revision=self.revision,
        )


class SubmissionRules:
    """The checks of one plan's submissions (indexes built once, then reused per row).

    ``incidents`` are those reports on incidents may name; None means not given (the
    incident a report names is then not checked).
    """

    def __init__(self, plan: Plan, incidents: Sequence[Incident] | None = None) -> None:
        self.plan = plan
        self.incidents = incidents
        self._obligations = {ob.id: ob for ob in plan.obligations}
        self._agencies = frozenset(a.code for a in plan.agencies)
        self._by_incident = {i.id: i for i in incidents} if incidents is not None else None
        self._expected: dict[str, frozenset[str]] = {}
        self._covered: dict[str, str | None] = {}
        self._periods: dict[str, str | None] = {}
        self._owing: dict[tuple[str, str], tuple[str, ...]] = {}
        self._starts: dict[str, date | None] = {}

    def canonical_period(self, text: str) -> str | None:
        """The period id ``text`` names under the plan's convention, None if it names none."""
        if text not in self._periods:
            try:
                self._periods[text] = parse_period(text, self.plan.period_convention).id
            except CwpError:
                self._periods[text] = None
        return self._periods[text]

    def reporter(self, reporter: str) -> Problem | None:
        """A reporter that is not an agency of the plan."""
        if reporter in self._agencies:
            return None
        return (
            "unknown-reporter",
            "reporter",
            Message(
                "unknown reporter {reporter} (expected an agency code of plan {plan!r}, e.g. "
                "ubnd-<commune code>)",
                reporter=echo(reporter),
                plan=self.plan.id,
            ),
        )

    def obligation(self, obligation_id: str) -> ReportingObligation | Problem:
        """The obligation, or the problem of an id the plan does not have."""
        ob = self._obligations.get(obligation_id)
        if ob is not None:
            return ob
        return (
            "unknown-obligation",
            "obligation",
            Message(
                "unknown obligation {obligation} (plan {plan!r} has: {known})",
                obligation=echo(obligation_id),
                plan=self.plan.id,
                known=", ".join(self._obligations),
            ),
        )

    def placement(
        self, ob: ReportingObligation, reporter: str, period: str | None
    ) -> tuple[str | None, list[Problem]]:
        """Where a submission of ``reporter`` under ``ob`` belongs: the canonical period (or
        the incident id), and every problem with it (a period the obligation does not cover,
        an incident that does not call for it, a reporter that does not owe it)."""
        problems: list[Problem] = []
        known_reporter = reporter in self._agencies
        if ob.kind is ObligationKind.EVENT_TRIGGERED:
            if self._by_incident is not None and period is not None:
                incident = self._by_incident.get(period)
                if incident is None:
                    problems.append(
                        (
                            "unknown-incident",
                            "period",
                            Message(
                                "no incident {incident} in the incidents given (the period of a "
                                "report under {obligation!r} names the incident it is about)",
                                incident=echo(period),
                                obligation=ob.id,
                            ),
                        )
                    )
                elif not triggered_by(ob, incident):
                    problems.append(
                        (
                            "incident-not-triggering",
                            "period",
                            Message(
                                "incident {incident} is of kind {kind!r}, which does not call "
                                "for {obligation!r} (it is triggered by {triggers})",
                                incident=echo(period),
                                kind=incident.kind,
                                obligation=ob.id,
                                triggers=", ".join(ob.triggers) or Message("any kind"),
                            ),
                        )
                    )
                elif known_reporter and reporter not in self.owing(ob, incident):
                    problems.append(
                        (
                            "reporter-not-expected",
                            "reporter",
                            Message(
                                "{reporter} does not owe the report on incident {incident} "
                                "(owed by {owing})",
                                reporter=echo(reporter),
                                incident=echo(period),
                                owing=", ".join(self.owing(ob, incident)),
                            ),
                        )
                    )
            elif known_reporter:
                problems.extend(self._expected_problem(ob, reporter))
            return period, problems
        if ob.id not in self._covered:
            self._covered[ob.id] = None if ob.covers is None else self.canonical_period(ob.covers)
        covers = self._covered[ob.id]
        if ob.covers is None:
            if period is not None:
                problems.append(
                    (
                        "period-not-covered",
                        "period",
                        Message(
                            "{obligation!r} covers no period, but the row gives {period} "
                            "(leave the period empty)",
                            obligation=ob.id,
                            period=echo(period),
                        ),
                    )
                )
        elif period is None:
            problems.append(
                (
                    "missing-period",
                    "period",
                    Message(
                        "the period is empty, but {obligation!r} covers {covers}",
                        obligation=ob.id,
                        covers=ob.covers,
                    ),
                )
            )
        else:
            given = self.canonical_period(period)
            if given is None:
                problems.append(
                    (
                        "bad-period",
                        "period",
                        Message(
                            "period {period} is not a period id (expected e.g. 2023, 2023S1, "
                            "2023Q2, 202306)",
                            period=echo(period),
                        ),
                    )
                )
            elif given != covers:
                problems.append(
                    (
                        "period-not-covered",
                        "period",
                        Message(
                            "{obligation!r} covers {covers}, not {period}",
                            obligation=ob.id,
                            covers=ob.covers,
                            period=echo(period),
                        ),
                    )
                )
            else:
                period = given
        if known_reporter:
            problems.extend(self._expected_problem(ob, reporter))
        return period, problems

    def received_problem(
        self, ob: ReportingObligation, period: str | None, received: date | datetime
    ) -> Problem | None:
        """A report received before what it reports on began: before the period it covers
        starts, before its incident was known, or (covering nothing) before the plan's year
        starts. Such a date is a typing error more often than a report, and it would count
        as on time."""
        day = local_date(received)
        if ob.kind is ObligationKind.EVENT_TRIGGERED and period is not None:
            incident = (self._by_incident or {}).get(period)
            if incident is not None:
                known = local_moment(incident.known)
                early = (
                    local_moment(received) < known
                    if isinstance(received, datetime)
                    else day < known.date()
                )
                if early:
                    return (
                        "received-before-period",
                        "received",
                        Message(
                            "received {received} is before incident {incident} was known "
                            "({known}); check the date",
                            received=received.isoformat(),
                            incident=echo(period),
                            known=known.isoformat(sep=" ", timespec="minutes"),
                        ),
                    )
                return None
        start, what = self._start(None if ob.kind is ObligationKind.EVENT_TRIGGERED else period)
        if start is not None and day < start:
            return (
                "received-before-period",
                "received",
                Message(
                    "received {day} is before {what} begins ({start}); check the date",
                    day=day,
                    what=what,
                    start=start,
                ),
            )
        return None

    def _start(self, period: str | None) -> tuple[date | None, Message]:
        """The first day of ``period`` (a canonical id), else of the plan's year."""
        key = period or str(self.plan.year)
        if key not in self._starts:
            try:
                self._starts[key] = parse_period(key, self.plan.period_convention).start
            except CwpError:
                self._starts[key] = None
        if period:
            what = Message("the period {period} it reports on", period=period)
        else:
            what = Message("the plan's year {year}", year=key)
        return self._starts[key], what

    def owing(self, ob: ReportingObligation, incident: Incident) -> tuple[str, ...]:
        """Who owes the report on ``incident`` under ``ob`` (cached)."""
        key = (ob.id, incident.id)
        if key not in self._owing:
            self._owing[key] = incident_reporters(self.plan, ob, incident)
        return self._owing[key]

    def _expected_problem(self, ob: ReportingObligation, reporter: str) -> list[Problem]:
        if ob.id not in self._expected:
            self._expected[ob.id] = frozenset(self.plan.expected_reporters(ob))
        if reporter in self._expected[ob.id]:
            return []
        agencies = ", ".join(ob.reporters.agencies)
        expected: str = agencies
        if ob.reporters.level is not None and agencies:
            expected = Message(
                "the People's Committee of every {level} in the area, {agencies}",
                level=str(ob.reporters.level),
                agencies=agencies,
            )
        elif ob.reporters.level is not None:
            expected = Message(
                "the People's Committee of every {level} in the area",
                level=str(ob.reporters.level),
            )
        if reporter == ob.drafted_by:
            message = Message(
                "{reporter} is not expected to report {obligation!r} (expected: {expected}); "
                "{code!r} drafts it for its reporter: record the report under the reporter",
                reporter=echo(reporter),
                obligation=ob.id,
                expected=expected,
                code=reporter,
            )
        else:
            message = Message(
                "{reporter} is not expected to report {obligation!r} (expected: {expected})",
                reporter=echo(reporter),
                obligation=ob.id,
                expected=expected,
            )
        return [("reporter-not-expected", "reporter", message)]

    def explain(self, submission: Submission) -> str:
        """Why a submission matches nothing the plan expects (the first rule it breaks)."""
        problem = self.reporter(submission.reporter)
        if problem is None:
            found = self.obligation(submission.obligation)
            if isinstance(found, tuple):
                problem = found
            elif found.kind is ObligationKind.EVENT_TRIGGERED and submission.period is None:
                problem = ("missing-incident", "period", Message("it names no incident"))
            elif found.kind is ObligationKind.EVENT_TRIGGERED and self._by_incident is None:
                problem = ("unknown-incident", "period", Message("no incidents were given"))
            else:
                _, problems = self.placement(found, submission.reporter, submission.period)
                problem = problems[0] if problems else None
        if problem is None:
            return Message("it matches no report the plan expects")
        return problem[2]

    def infer_incidents(
        self, pending: Sequence[PendingReport], named: Sequence[tuple[str, str, str | None]]
    ) -> Iterator[tuple[PendingReport, Incident | None, Problem]]:
        """For each report on an incident that names none: the incident when exactly one
        fits (with an ``incident-inferred`` warning), else None with a ``missing-incident``
        problem. One fits when the obligation is triggered by its kind, it is owed by this
        reporter, it was known no later than the report was received, and no other report
        of the reporter (``named``: (reporter, obligation, period) of the good rows) names
        it."""
        claimed = set(named)
        for r in pending:
            ob = r.obligation
            day = local_date(r.received)
            moment = local_moment(r.received) if isinstance(r.received, datetime) else None
            fits: list[Incident] = []
            for incident in self.incidents or ():
                if not triggered_by(ob, incident) or r.reporter not in self.owing(ob, incident):
                    continue
                known = local_moment(incident.known)
                if (moment is not None and known > moment) or known.date() > day:
                    continue
                if (r.reporter, ob.id, incident.id) in claimed:
                    continue
                fits.append(incident)
            if len(fits) == 1:
                incident = fits[0]
                yield (
                    r,
                    incident,
                    (
                        "incident-inferred",
                        "period",
                        Message(
                            "the report names no incident; taken as the report on {incident!r} "
                            "({kind}, unit {unit}, known {known}), the only one it can be "
                            "about; write the incident id in the period column",
                            incident=incident.id,
                            kind=incident.kind,
                            unit=incident.unit,
                            known=local_moment(incident.known).isoformat(
                                sep=" ", timespec="minutes"
                            ),
                        ),
                    ),
                )
                continue
            if fits:
                why = Message(
                    "it may be about any of {incidents}", incidents=", ".join(i.id for i in fits)
                )
            else:
                why = Message(
                    "no incident calling for {obligation!r}, owed by {reporter!r} and known by "
                    "{day} was given",
                    obligation=ob.id,
                    reporter=r.reporter,
                    day=day,
                )

            yield (
                r,
                None,
                (
                    "missing-incident",
                    "period",
                    Message(
                        "the report under {obligation!r} names no incident and {why}; write "
                        "the incident id in the period column",
                        obligation=ob.id,
                        why=why,
                    ),
                ),
            )
