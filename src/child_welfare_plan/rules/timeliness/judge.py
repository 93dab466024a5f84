"""Timeliness of reports: who reported what, when, and whom to chase.

:func:`timeliness` judges every (reporter, obligation, period) a plan expects, as of a date
``as_of``, from the submissions received on or before that date:

=================  ==================================================================
status             meaning
=================  ==================================================================
``on_time``        the first submission came on or before the last on-time day
``late``           the first submission came after it (``days_late``, ``delay_bucket``)
``overdue``        nothing yet, and ``as_of`` is past the last on-time day
                   (``days_overdue``)
``pending``        nothing yet, not yet due (``days_left``, 0 on the last day itself)
``not_expected``   the reporter's unit does not exist in the period, or was dissolved
                   before the report fell due
``received``       a report with no fixed date (ad hoc) came in: never late
``not_received``   a report with no fixed date has not come in: never overdue
=================  ==================================================================

The first submission decides timeliness; the latest revision received on or before
``as_of`` is the content (``revision`` orders re-submissions; without one, the order of
receipt does). Identical re-submissions count once. Only the local date matters: an aware
datetime is converted to Asia/Ho_Chi_Minh before its date is taken; a naive datetime or a
date is local. A deadline in hours (an event-triggered report) is compared instant by
instant when the submission carries a time; ``days_late`` then counts started days of delay.

The last on-time day comes from the obligation's deadline rule with the Civil Code roll
(a last day that is not a working day moves to the next working day), under the working
calendar given. Nothing here reads the clock.

Event-triggered obligations (``bao-cao-dot-xuat``) are owed once per incident whose kind the
obligation ``triggers``: the deadline runs from the incident's ``known`` time, and the
incident's id stands in the ``period`` of the item and of the submissions that report on it.
Where the text sets no time limit ("báo cáo kịp thời") and the plan gives a ``reading`` (for
example ``WithinHours(12)``), the items are judged by that reading and each says so in
``reading``; with no reading they are listed as received or not received
(``no-time-limit``). A deadline with a time of day ("trước 16 giờ 00 ngày 14/6/2024") is
compared instant by instant, like an hour limit, when the submission carries a time.

An obligation drafted by an office for its reporter ("Phòng LĐTBXH … tham mưu báo cáo UBND
tỉnh") names that office on each item (``drafted_by``), so that it can be chased. A dated
deadline that the Civil Code roll takes to a day its phrase excludes is judged by the rolled
day; that is a fact of the plan, which its validation reports (``rolled-past-named-day``,
:func:`~child_welfare_plan.rules.validate.validate_plan`), as every command does.

Per obligation and period the result holds ``expected`` (reporters owing it, not counting
``not_expected`` ones), ``received``, ``on_time``, the reporting rate received / expected and
the on-time rate on time / expected; each is between 0 and 1, and None when nothing is
expected (for reports with no fixed date, ``on_time`` and the on-time rate are None).

Example:
    >>> result = timeliness(plan, submissions, as_of=date(2023, 12, 20))  # doctest: +SKIP
    >>> [(i.reporter, i.obligation, i.days_overdue) for i in result.overdue()][:2]  # doctest: +SKIP
    [('cong-an', 'ke-hoach-trien-khai', 266), ('cong-an', 'bao-cao-6-thang', 189)]

References:
    * Civil Code 91/2015/QH13, Art. 147 (a period in days starts on the day after the event
      that starts it) and Art. 148.5 (a last day that is a weekend day or a public holiday
      moves to the next working day).
    * Decree 56/2017/NĐ-CP detailing the Law on Children, Art. 25.1 (whoever learns of abuse
      of a child notifies the national hotline 111, the labour and social affairs office,
      the police or the commune People's Committee immediately, "thông báo ngay") and
      Art. 26.3 (where the child's life, health or dignity is at serious risk, emergency
      measures within 12 hours of the information). Neither sets a time limit for a report
      to the district: a plan's "báo cáo kịp thời" is read by the plan (its deadline rule).
    * DHIS2 documentation, "Reporting rate summary": expected reports, reporting rate and
      reporting rate on time, per data set and period.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from child_welfare_plan.calendars.dates import local_date, local_moment
from child_welfare_plan.calendars.deadlines import resolve
from child_welfare_plan.calendars.workdays import WorkingCalendar
from child_welfare_plan.errors import CwpError
from child_welfare_plan.errors import reason as said
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.deadlines import Before, By, Promptly, format_deadline
from child_welfare_plan.model.findings import Finding, Location
from child_welfare_plan.model.periods import parse_period
from child_welfare_plan.model.plan import (
    Incident,
    ObligationKind,
    Plan,
    ReportingObligation,
    Submission,
)
from child_welfare_plan.rules.submissions import SubmissionRules, incident_reporters, triggered_by
from child_welfare_plan.rules.timeliness.results import (
    FINDING_CODES,
    RECEIVED_STATUSES,
    Rate,
    Status,
    StatusItem,
    TimelinessResult,
    delay_bucket,
)

__all__ = ["timeliness"]

_Key = tuple[str, str, str | None]
_Owed = tuple[str, "str | None", "date | None", "datetime | None", bool]
"""One report owed: reporter, period (or incident id), last on-time day, due instant (hour
rules), whether the reporter is active."""
_Got = tuple[datetime, bool, Submission]
"""A counted submission: its local instant, whether it carries a time, the submission."""


def _first_key(got: _Got) -> tuple[datetime, bool, str, int, str, str]:
    s = got[2]
    return (got[0], got[1], s.document_number or "", _revision(s), *_tie(s))


def _content_key(got: _Got) -> tuple[int, datetime, bool, str, str, str]:
    s = got[2]
    return (_revision(s), got[0], got[1], s.document_number or "", *_tie(s))


def _tie(s: Submission) -> tuple[str, str]:
    """What still tells apart two submissions received at the same local instant."""
    return (s.received.isoformat(), s.period or "")


def _revision(s: Submission) -> int:
    return -1 if s.revision is None else s.revision


def _got(s: Submission) -> _Got:
    return (local_moment(s.received), isinstance(s.received, datetime), s)


def _finding(code: str, message: str) -> Finding:
    return Finding(FINDING_CODES[code], code, message, Location())


class _Periods:
    """Canonical period ids (``2023s1`` → ``2023S1``), cached; unreadable ids kept as is."""

    def __init__(self) -> None:
        self._ids: dict[str, str] = {}

    def canonical(self, text: str | None) -> str | None:
        if text is None:
            return None
        found = self._ids.get(text)
        if found is None:
            try:
                found = parse_period(text).id
            except CwpError:
                found = text
            self._ids[text] = found
        return found


class _Units:
    """The unit each reporter serves (as :meth:`Plan.reporter_unit` finds it), indexed once;
    when no unit of the plan has validity dates, every reporter is active."""

    def __init__(self, plan: Plan) -> None:
        dated = [u for u in plan.units if u.valid_from is not None or u.valid_to is not None]
        self._dated = {u.code: u for u in dated}
        self._serves = {a.code: a.unit for a in plan.agencies} if dated else {}

    def active(self, reporter: str, start: date, end: date, last: date | None) -> bool:
        """A reporter is expected when its unit exists on some day from ``start`` to
        ``end`` and was not dissolved before the report fell due (its successor reports)."""
        if not self._dated:
            return True
        unit = self._dated.get(self._serves.get(reporter, ""))
        if unit is None:
            return True
        if not unit.active_between(start, end):
            return False
        return last is None or unit.valid_to is None or unit.valid_to >= last


def timeliness(
    plan: Plan,
    submissions: Iterable[Submission],
    *,
    as_of: date,
    calendar: WorkingCalendar | None = None,
    incidents: Sequence[Incident] | None = None,
    judged_elsewhere: Collection[str] = (),
) -> TimelinessResult:
    """Judge every report ``plan`` expects, as of ``as_of``.

    Args:
        plan: the plan: its obligations, expected reporters and period convention.
        submissions: the reports received, in any order; those received after ``as_of``
            are not counted, identical ones count once.
        as_of: the day of the judgement (no clock is read).
        calendar: working days for the Civil Code roll (Vietnam's national calendar by
            default; the CLI passes the plan area's calendar with its plugins' adjustments).
        incidents: the incidents that trigger event-triggered reports. None means "not
            given": reports on incidents are then listed as received but not judged (with a
            warning); an empty sequence means there were none.
        judged_elsewhere: ids of obligations a columnar engine judges
            (:mod:`child_welfare_plan.engines.status`): they get no items, rates or findings
            here; the submissions still given for them are those it found unmatched or
            received after ``as_of``.

    Returns:
        Items in plan order (obligation, then incident, then reporter), rates per obligation
        and period, and findings: a submission that matches nothing the plan expects is an
        error (``unmatched-submission``).

    The work is linear in the number of submissions and of reports owed: submissions are
    grouped by (reporter, obligation, period) in one pass, and each report owed looks its
    group up once.
    """
    cal = WorkingCalendar() if calendar is None else calendar
    findings: list[Finding] = []
    periods = _Periods()
    canonical = periods.canonical
    events = {ob.id for ob in plan.obligations if ob.kind is ObligationKind.EVENT_TRIGGERED}

    received: dict[_Key, list[Submission]] = {}
    after: set[Submission] = set()
    for s in submissions:
        moment = s.received
        day = moment if type(moment) is date else local_date(moment)
        if day > as_of:
            after.add(s)
            continue
        period = s.period if s.obligation in events else canonical(s.period)
        key = (s.reporter, s.obligation, period)
        bucket = received.get(key)
        if bucket is None:
            received[key] = [s]
        else:
            bucket.append(s)

    names = {a.code: a.name for a in plan.agencies}
    units = _Units(plan)
    extras = {ob.id: _extra(ob, names) for ob in plan.obligations}
    items: list[StatusItem] = []
    rates: list[Rate] = []
    for ob in plan.obligations:
        if ob.id in judged_elsewhere:
            continue
        if ob.id in events and incidents is None:
            unjudged = [k for k in received if k[1] == ob.id]
            if unjudged:
                findings.append(
                    _finding(
                        "incidents-not-given",
                        Message(
                            "{n} report(s) on incidents under {obligation!r} are listed as "
                            "received but not judged: no incidents were given (pass the "
                            "incidents file to judge them)",
                            n=sum(len(set(received[k])) for k in unjudged),
                            obligation=ob.id,
                        ),
                    )
                )
            for key in sorted(unjudged, key=lambda k: (k[2] or "", k[0])):
                owed: _Owed = (key[0], key[2], None, None, True)
                items.append(_judge(ob.id, owed, received.pop(key), as_of, names, extras[ob.id]))
            continue
        owed_list = list(_owed(plan, ob, cal, periods, units, incidents or (), findings))
        counts = dict.fromkeys(Status, 0)
        pop = received.pop
        ob_id = ob.id
        extra = extras[ob_id]
        for owed in owed_list:
            item = _judge(ob_id, owed, pop((owed[0], ob_id, owed[1]), None), as_of, names, extra)
            items.append(item)
            counts[item.status] += 1
        dated = any(o[2] is not None for o in owed_list) if owed_list else ob.deadline is not None
        rate_period = None if ob.id in events else canonical(ob.covers)
        rates.append(_rate(ob.id, rate_period, counts, dated=dated))

    rules = SubmissionRules(plan, incidents)
    for key in sorted(received, key=lambda k: (k[0], k[1], k[2] or "")):
        for got in sorted(map(_got, set(received[key])), key=_first_key):
            findings.append(_finding("unmatched-submission", _unmatched(rules, key, got)))
    if after:
        findings.append(
            _finding(
                "received-after-as-of",
                Message(
                    "{n} submission(s) received after {as_of} are not counted",
                    n=len(after),
                    as_of=as_of,
                ),
            )
        )
    return TimelinessResult(
        plan=plan.id, as_of=as_of, items=tuple(items), rates=tuple(rates), findings=tuple(findings)
    )


def _rate(obligation: str, period: str | None, c: dict[Status, int], *, dated: bool) -> Rate:
    expected = sum(c.values()) - c[Status.NOT_EXPECTED]
    return Rate(
        obligation=obligation,
        period=period,
        expected=expected,
        received=sum(c[s] for s in RECEIVED_STATUSES),
        on_time=c[Status.ON_TIME] if dated else None,
        late=c[Status.LATE],
        overdue=c[Status.OVERDUE],
        pending=c[Status.PENDING],
        not_expected=c[Status.NOT_EXPECTED],
    )


def _owed(
    plan: Plan,
    ob: ReportingObligation,
    cal: WorkingCalendar,
    periods: _Periods,
    units: _Units,
    incidents: Sequence[Incident],
    findings: list[Finding],
) -> Iterator[_Owed]:
    """The reports ``ob`` asks for, in plan order."""
    if ob.kind is ObligationKind.EVENT_TRIGGERED:
        yield from _owed_for_incidents(plan, ob, cal, units, incidents, findings)
        return
    last: date | None = None
    due_at: datetime | None = None
    rule = ob.effective_deadline
    if isinstance(rule, Before | By):
        try:
            deadline = resolve(rule, calendar=cal)
        except CwpError as exc:
            findings.append(
                _finding(
                    "bad-deadline",
                    Message(
                        "{obligation!r}: {error}; not judged", obligation=ob.id, error=said(exc)
                    ),
                )
            )
        else:
            last = deadline.last_on_time_day
            if deadline.due_at is not None:
                due_at = local_moment(deadline.due_at)
    elif isinstance(rule, Promptly):
        findings.append(_no_time_limit(ob, rule))
    elif rule is not None:
        findings.append(
            _finding(
                "no-anchor",
                Message(
                    "{obligation!r} is due relative to an event that is not an incident; its "
                    "reports are listed as received or not received, not judged",
                    obligation=ob.id,
                ),
            )
        )
    period = periods.canonical(ob.covers)
    start, end = date(plan.year, 1, 1), date(plan.year, 12, 31)
    if ob.covers is not None:
        try:
            covered = parse_period(ob.covers, plan.period_convention)
            start, end = covered.start, covered.end
        except CwpError:
            pass
    active = units.active
    for reporter in plan.expected_reporters(ob):
        yield (reporter, period, last, due_at, active(reporter, start, end, last))


def _no_time_limit(ob: ReportingObligation, rule: Promptly) -> Finding:
    return _finding(
        "no-time-limit",
        Message(
            "{obligation!r} is due {rule!r}, which sets no time limit, and the plan gives no "
            "reading: its reports are listed as received or not received, not judged",
            obligation=ob.id,
            rule=format_deadline(rule),
        ),
    )


def _extra(ob: ReportingObligation, names: dict[str, str]) -> dict[str, Any]:
    """What every item of ``ob`` carries beside its reporter: the drafting office and the
    reading it is judged by."""
    return {
        "drafted_by": ob.drafted_by,
        "drafted_by_name": None if ob.drafted_by is None else names.get(ob.drafted_by),
        "reading": None if ob.reading is None else format_deadline(ob.reading),
    }


def _owed_for_incidents(
    plan: Plan,
    ob: ReportingObligation,
    cal: WorkingCalendar,
    units: _Units,
    incidents: Sequence[Incident],
    findings: list[Finding],
) -> Iterator[_Owed]:
    ordered = sorted(
        (i for i in incidents if triggered_by(ob, i)), key=lambda i: (local_moment(i.known), i.id)
    )
    rule = ob.effective_deadline
    if isinstance(rule, Promptly) and ordered:
        findings.append(_no_time_limit(ob, rule))
    for incident in ordered:
        reporters = incident_reporters(plan, ob, incident)
        if not reporters:
            findings.append(
                _finding(
                    "no-reporter-for-incident",
                    Message(
                        "incident {incident!r} in unit {unit} calls for {obligation!r}, but no "
                        "reporter owes it (no People's Committee at the reporting level above "
                        "that unit, and no agency listed)",
                        incident=incident.id,
                        unit=incident.unit,
                        obligation=ob.id,
                    ),
                )
            )
            continue
        last: date | None = None
        due_at: datetime | None = None
        if rule is not None and not isinstance(rule, Promptly):
            try:
                deadline = resolve(rule, anchor=incident.known, calendar=cal)
            except CwpError as exc:
                findings.append(
                    _finding(
                        "bad-deadline",
                        Message(
                            "{obligation!r}, incident {incident!r}: {error}",
                            obligation=ob.id,
                            incident=incident.id,
                            error=said(exc),
                        ),
                    )
                )

            else:
                last = deadline.last_on_time_day
                if deadline.due_at is not None:
                    due_at = local_moment(deadline.due_at)
        day = local_date(incident.known)
        for reporter in reporters:
            yield (reporter, incident.id, last, due_at, units.active(reporter, day, day, None))


_ONE_DAY = timedelta(days=1)
_ZERO = timedelta(0)


def _judge(
    obligation: str,
    owed: _Owed,
    subs: list[Submission] | None,
    as_of: date,
    names: dict[str, str],
    extra: dict[str, Any],
) -> StatusItem:
    """The item of one report owed, from the submissions counted for it."""
    reporter, period, last, due_at, active = owed
    base: dict[str, Any] = {
        "reporter": reporter,
        "reporter_name": names.get(reporter),
        "obligation": obligation,
        "period": period,
        "last_on_time_day": last,
        "due_at": due_at,
        **extra,
    }
    if not subs:
        if not active:
            return StatusItem(**base, status=Status.NOT_EXPECTED)
        if last is None:
            return StatusItem(**base, status=Status.NOT_RECEIVED)
        if as_of > last:
            return StatusItem(**base, status=Status.OVERDUE, days_overdue=(as_of - last).days)
        return StatusItem(**base, status=Status.PENDING, days_left=(last - as_of).days)

    if len(subs) == 1:
        first = content = _got(subs[0])
        count = 1
    else:
        gots = [_got(s) for s in dict.fromkeys(subs)]
        first = min(gots, key=_first_key)
        content = max(gots, key=_content_key)
        count = len(gots)
    moment, has_time, _ = first
    day = moment.date()
    days_late: int | None = None
    hours_late: float | None = None
    if not active:
        status = Status.NOT_EXPECTED
    elif last is None:
        status = Status.RECEIVED
    elif due_at is not None and has_time:
        delay = moment - due_at
        if delay <= _ZERO:
            status = Status.ON_TIME
        else:
            status = Status.LATE
            days_late = math.ceil(delay / _ONE_DAY)
            hours_late = round(delay.total_seconds() / 3600, 2)
    elif day <= last:
        status = Status.ON_TIME
    else:
        status = Status.LATE
        days_late = (day - last).days
    return StatusItem(
        **base,
        status=status,
        received=day,
        received_at=moment if has_time else None,
        days_late=days_late,
        hours_late=hours_late,
        delay_bucket=None if days_late is None else delay_bucket(days_late),
        submissions=count,
        first=first[2],
        content=content[2],
    )


def _unmatched(rules: SubmissionRules, key: _Key, got: _Got) -> str:
    """Why a submission matches nothing the plan expects, in the loaders' words."""
    reporter, obligation, period = key
    if period:
        return Message(
            "submission of {reporter!r} for {obligation!r} ({period}) received {day}: {why}",
            reporter=reporter,
            obligation=obligation,
            period=period,
            day=got[0].date(),
            why=rules.explain(got[2]),
        )
    return Message(
        "submission of {reporter!r} for {obligation!r} received {day}: {why}",
        reporter=reporter,
        obligation=obligation,
        day=got[0].date(),
        why=rules.explain(got[2]),
    )
