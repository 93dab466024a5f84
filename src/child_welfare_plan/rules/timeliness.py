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
obligation ``triggers``: the deadline (the plan's reading of "promptly", for example
``WithinHours(12)``) runs from the incident's ``known`` time, and the incident's id stands in
the ``period`` of the item and of the submissions that report on it.

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
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    import pandas as pd

from child_welfare_plan.calendars.dates import LOCAL_TIMEZONE, local_date, local_moment
from child_welfare_plan.calendars.deadlines import resolve
from child_welfare_plan.calendars.workdays import WorkingCalendar
from child_welfare_plan.errors import CwpError, InvalidValueError
from child_welfare_plan.model.deadlines import Before, By
from child_welfare_plan.model.findings import Finding, Location, Severity
from child_welfare_plan.model.periods import parse_period
from child_welfare_plan.model.plan import (
    Incident,
    ObligationKind,
    Plan,
    ReportingObligation,
    Submission,
)
from child_welfare_plan.presentation import Presentable, presenter

__all__ = [
    "DELAY_BUCKETS",
    "FINDING_CODES",
    "LOCAL_TIMEZONE",
    "Rate",
    "Status",
    "StatusItem",
    "TimelinessResult",
    "delay_bucket",
    "incident_reporters",
    "local_date",
    "local_moment",
    "timeliness",
    "triggered_by",
]


DELAY_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("1-3", 1, 3),
    ("4-7", 4, 7),
    ("8-14", 8, 14),
    ("15-30", 15, 30),
    (">30", 31, None),
)
"""Delay buckets of late reports: (label, first day, last day or None), in days late."""

FINDING_CODES: dict[str, Severity] = {
    "unmatched-submission": Severity.ERROR,
    "bad-deadline": Severity.ERROR,
    "no-anchor": Severity.WARNING,
    "incidents-not-given": Severity.WARNING,
    "no-reporter-for-incident": Severity.WARNING,
    "received-after-as-of": Severity.INFO,
}
"""Every code :func:`timeliness` can return, with its severity."""


class Status(StrEnum):
    """The timeliness of one (reporter, obligation, period) as of a date."""

    ON_TIME = "on_time"
    LATE = "late"
    OVERDUE = "overdue"
    PENDING = "pending"
    NOT_EXPECTED = "not_expected"
    RECEIVED = "received"
    """Received, for a report with no fixed date (never late)."""
    NOT_RECEIVED = "not_received"
    """Not received, for a report with no fixed date (never overdue)."""


_RECEIVED_STATUSES = frozenset({Status.ON_TIME, Status.LATE, Status.RECEIVED})


def delay_bucket(days_late: int) -> str:
    """The label of the delay bucket of a report ``days_late`` days late (1 or more)."""
    for label, first, last in DELAY_BUCKETS:
        if days_late >= first and (last is None or days_late <= last):
            return label
    raise InvalidValueError(f"days_late: {days_late!r} (expected a whole number of 1 or more)")


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


@attrs.frozen(kw_only=True)
class StatusItem:
    """The timeliness of one reporter for one obligation and period (or incident).

    ``received`` is the local date of the first submission counted; ``first`` is that
    submission and ``content`` the latest revision received on or before ``as_of``. Fields
    that do not apply to the status are None.
    """

    reporter: str
    reporter_name: str | None = None
    obligation: str
    period: str | None
    last_on_time_day: date | None
    due_at: datetime | None = None
    """For a deadline in hours: the local instant the time limit ends."""
    status: Status
    received: date | None = None
    received_at: datetime | None = None
    """The local date and time of the first submission, when it carries a time."""
    days_late: int | None = None
    days_overdue: int | None = None
    days_left: int | None = None
    hours_late: float | None = None
    delay_bucket: str | None = None
    submissions: int = 0
    """Distinct submissions counted (received on or before ``as_of``)."""
    first: Submission | None = None
    content: Submission | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of design §7, with ``reporter_name``, ``due_at``, ``received_at``,
        ``delay_bucket``, ``hours_late``, ``submissions``, ``document_number`` and
        ``revision`` (of the content) beside it."""
        content = self.content
        last, due_at, received, received_at = (
            self.last_on_time_day,
            self.due_at,
            self.received,
            self.received_at,
        )
        return {
            "reporter": self.reporter,
            "reporter_name": self.reporter_name,
            "obligation": self.obligation,
            "period": self.period,
            "last_on_time_day": None if last is None else last.isoformat(),
            "due_at": None if due_at is None else due_at.isoformat(),
            "status": self.status.value,
            "received": None if received is None else received.isoformat(),
            "received_at": None if received_at is None else received_at.isoformat(),
            "days_late": self.days_late,
            "days_overdue": self.days_overdue,
            "days_left": self.days_left,
            "delay_bucket": self.delay_bucket,
            "hours_late": self.hours_late,
            "submissions": self.submissions,
            "document_number": None if content is None else content.document_number,
            "revision": None if content is None else content.revision,
        }


@attrs.frozen(kw_only=True)
class Rate:
    """Reporting and on-time rates of one obligation and period (None for an incident-
    triggered or undated obligation's period)."""

    obligation: str
    period: str | None
    expected: int
    received: int
    on_time: int | None
    late: int = 0
    overdue: int = 0
    pending: int = 0
    not_expected: int = 0

    @property
    def reporting_rate(self) -> float | None:
        """received / expected, None when nothing is expected."""
        return self.received / self.expected if self.expected else None

    @property
    def on_time_rate(self) -> float | None:
        """on time / expected, None when nothing is expected or the report has no date."""
        if not self.expected or self.on_time is None:
            return None
        return self.on_time / self.expected

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of design §7, with the counts of each status beside it."""
        return {
            "obligation": self.obligation,
            "period": self.period,
            "expected": self.expected,
            "received": self.received,
            "on_time": self.on_time,
            "reporting_rate": self.reporting_rate,
            "on_time_rate": self.on_time_rate,
            "late": self.late,
            "overdue": self.overdue,
            "pending": self.pending,
            "not_expected": self.not_expected,
        }


@attrs.frozen(kw_only=True)
class TimelinessResult(Presentable):
    """Every item and rate of a plan as of a date, and the findings met on the way."""

    plan: str
    as_of: date
    items: tuple[StatusItem, ...]
    rates: tuple[Rate, ...]
    findings: tuple[Finding, ...] = ()

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[StatusItem]:
        return iter(self.items)

    def has_errors(self) -> bool:
        """True when a finding is an error."""
        return any(f.severity is Severity.ERROR for f in self.findings)

    def with_status(self, *statuses: Status | str) -> tuple[StatusItem, ...]:
        """The items with one of ``statuses``, in the result's order."""
        wanted = {Status(s) for s in statuses}
        return tuple(i for i in self.items if i.status in wanted)

    def overdue(self) -> tuple[StatusItem, ...]:
        """Overdue items by obligation (plan order), the most overdue first."""
        order = self._obligation_order()
        return tuple(
            sorted(
                self.with_status(Status.OVERDUE),
                key=lambda i: (order[i.obligation], -(i.days_overdue or 0), i.reporter),
            )
        )

    def late(self) -> tuple[StatusItem, ...]:
        """Late items by obligation (plan order), the latest first."""
        order = self._obligation_order()
        return tuple(
            sorted(
                self.with_status(Status.LATE),
                key=lambda i: (order[i.obligation], -(i.days_late or 0), i.reporter),
            )
        )

    def due_within(self, days: int) -> tuple[StatusItem, ...]:
        """Pending items whose last on-time day is at most ``days`` days after ``as_of``,
        by reporter, soonest first."""
        return tuple(
            sorted(
                (
                    i
                    for i in self.items
                    if i.status is Status.PENDING
                    and i.days_left is not None
                    and i.days_left <= days
                ),
                key=lambda i: (i.reporter, i.days_left or 0, i.obligation),
            )
        )

    def rate(self, obligation: str, period: str | None = None) -> Rate:
        """The rate of ``obligation`` for ``period`` (KeyError if there is none)."""
        for rate in self.rates:
            if rate.obligation == obligation and rate.period == period:
                return rate
        raise KeyError((obligation, period))

    def _obligation_order(self) -> dict[str, int]:
        order: dict[str, int] = {}
        for item in self.items:
            order.setdefault(item.obligation, len(order))
        return order

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``cwp status`` (design §7): ``{"as_of", "plan", "items", "rates",
        "findings"}``."""
        return {
            "as_of": self.as_of.isoformat(),
            "plan": self.plan,
            "items": [i.to_dict() for i in self.items],
            "rates": [r.to_dict() for r in self.rates],
            "findings": [f.to_dict() for f in self.findings],
        }

    def to_pandas(self) -> pd.DataFrame:
        """The items as a pandas DataFrame, one row per reporter, obligation and period
        (needs pandas). Rates: ``rates_to_pandas()``."""
        frame: pd.DataFrame = presenter().frames(self)
        return frame

    def rates_to_pandas(self) -> pd.DataFrame:
        """The rates per obligation and period as a pandas DataFrame (needs pandas)."""
        frame: pd.DataFrame = presenter().frames(self, "rates")
        return frame


# -- the rule ---------------------------------------------------------------------------------

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
    by_id = {ob.id: ob for ob in plan.obligations}
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
    items: list[StatusItem] = []
    rates: list[Rate] = []
    for ob in plan.obligations:
        if ob.id in events and incidents is None:
            unjudged = [k for k in received if k[1] == ob.id]
            if unjudged:
                findings.append(
                    _finding(
                        "incidents-not-given",
                        f"{sum(len(set(received[k])) for k in unjudged)} report(s) on incidents "
                        f"under {ob.id!r} are listed as received but not judged: no incidents "
                        "were given (pass the incidents file to judge them)",
                    )
                )
            for key in sorted(unjudged, key=lambda k: (k[2] or "", k[0])):
                owed: _Owed = (key[0], key[2], None, None, True)
                items.append(_judge(ob.id, owed, received.pop(key), as_of, names))
            continue
        owed_list = list(_owed(plan, ob, cal, periods, units, incidents or (), findings))
        counts = dict.fromkeys(Status, 0)
        pop = received.pop
        ob_id = ob.id
        for owed in owed_list:
            item = _judge(ob_id, owed, pop((owed[0], ob_id, owed[1]), None), as_of, names)
            items.append(item)
            counts[item.status] += 1
        dated = any(o[2] is not None for o in owed_list) if owed_list else ob.deadline is not None
        rate_period = None if ob.id in events else canonical(ob.covers)
        rates.append(_rate(ob.id, rate_period, counts, dated=dated))

    expected: dict[str, frozenset[str]] = {}
    for key in sorted(received, key=lambda k: (k[0], k[1], k[2] or "")):
        for got in sorted(map(_got, set(received[key])), key=_first_key):
            findings.append(
                _finding(
                    "unmatched-submission",
                    _unmatched(plan, by_id, expected, key, got, incidents),
                )
            )
    if after:
        findings.append(
            _finding(
                "received-after-as-of",
                f"{len(after)} submission(s) received after {as_of.isoformat()} are not counted",
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
        received=sum(c[s] for s in _RECEIVED_STATUSES),
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
    rule = ob.deadline
    if isinstance(rule, Before | By):
        try:
            last = resolve(rule, calendar=cal).last_on_time_day
        except CwpError as exc:
            findings.append(_finding("bad-deadline", f"{ob.id!r}: {exc}; not judged"))
    elif rule is not None:
        findings.append(
            _finding(
                "no-anchor",
                f"{ob.id!r} is due relative to an event that is not an incident; its reports "
                "are listed as received or not received, not judged",
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
        yield (reporter, period, last, None, active(reporter, start, end, last))


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
    for incident in ordered:
        reporters = incident_reporters(plan, ob, incident)
        if not reporters:
            findings.append(
                _finding(
                    "no-reporter-for-incident",
                    f"incident {incident.id!r} in unit {incident.unit} calls for {ob.id!r}, but "
                    "no reporter owes it (no People's Committee at the reporting level above "
                    "that unit, and no agency listed)",
                )
            )
            continue
        last: date | None = None
        due_at: datetime | None = None
        if ob.deadline is not None:
            try:
                deadline = resolve(ob.deadline, anchor=incident.known, calendar=cal)
            except CwpError as exc:
                findings.append(
                    _finding("bad-deadline", f"{ob.id!r}, incident {incident.id!r}: {exc}")
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


def _unmatched(
    plan: Plan,
    by_id: dict[str, ReportingObligation],
    expected: dict[str, frozenset[str]],
    key: _Key,
    got: _Got,
    incidents: Sequence[Incident] | None,
) -> str:
    """Why a submission matches nothing the plan expects."""
    reporter, obligation, period = key
    what = (
        f"submission of {reporter!r} for {obligation!r}"
        + (f" ({period})" if period else "")
        + f" received {got[0].date().isoformat()}"
    )
    ob = by_id.get(obligation)
    if ob is None:
        return f"{what}: the plan has no obligation {obligation!r}"
    if ob.kind is ObligationKind.EVENT_TRIGGERED:
        known = {i.id: i for i in incidents or ()}
        if period is None:
            return f"{what}: names no incident (put the incident id in its period)"
        if period not in known:
            return f"{what}: no incident {period!r} was given"
        if not triggered_by(ob, known[period]):
            return f"{what}: incident {period!r} ({known[period].kind}) does not call for it"
        return f"{what}: {reporter!r} does not owe a report on incident {period!r}"
    if ob.id not in expected:
        expected[ob.id] = frozenset(plan.expected_reporters(ob))
    if reporter not in expected[ob.id]:
        return f"{what}: {reporter!r} is not expected to report {obligation!r}"
    if ob.covers is None:
        return f"{what}: {obligation!r} covers no period"
    return f"{what}: {obligation!r} covers {ob.covers}, not {period}"
