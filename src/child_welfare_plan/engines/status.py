"""Timeliness judged by a columnar engine, with the Python rules' answer byte for byte.

:func:`timeliness` is :func:`child_welfare_plan.rules.timeliness.timeliness` (read its module
docstring for the semantics) with an ``engine``. For ``duckdb`` and ``dask`` the reports owed
and the submissions become two tables and the judgement is a few set operations written once
in narwhals (:mod:`child_welfare_plan.engines.status_frames`): the first submission and the
latest revision per (reporter, obligation, period) among those received on or before
``as_of``, identical ones counted once, joined with the reports owed and their last on-time
days, classified, counted per obligation.

The Python side does what only it can do the rules' way, once per obligation or once per
submission: it resolves each obligation's last on-time day (the deadline rules and the Civil
Code roll, in :mod:`child_welfare_plan.calendars`), lists its expected reporters, converts
each ``received`` to Vietnam's local date, and writes the rules' orders of submissions as
texts (``fkey``, ``ckey``) whose order is the same.

It is conservative, as the aggregate engine is. An obligation goes to the Python rules when
the columnar path could judge it differently: an event-triggered or ad-hoc obligation, one
whose deadline is not a fixed date (``Before``/``By``), has a time of day (compared instant
by instant), or cannot be resolved (a finding); one with a reporter whose unit has validity
dates (``not_expected``), or a reporter listed twice; one with a submission whose texts hold
control characters or whose revision is out of range (they would break the key texts). So
do plans with an obligation id given twice. The rules judge those obligations, and word
every finding — the submissions the engine found unmatched or received after ``as_of`` are
handed to them — and the results are merged in plan order: the same items, rates and
findings in the same order as ``engine="python"``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

import attrs

from child_welfare_plan.calendars.dates import local_moment
from child_welfare_plan.calendars.deadlines import resolve
from child_welfare_plan.calendars.workdays import WorkingCalendar
from child_welfare_plan.engines.status_frames import (
    EXPECTED,
    STATUSES,
    SUBS,
    DaskTables,
    duck_tables,
    judge_frames,
    rate_counts,
)
from child_welfare_plan.errors import CwpError
from child_welfare_plan.model.deadlines import Before, By, format_deadline
from child_welfare_plan.model.periods import parse_period
from child_welfare_plan.model.plan import (
    Incident,
    ObligationKind,
    Plan,
    ReportingObligation,
    Submission,
)
from child_welfare_plan.rules.timeliness import timeliness as rules_timeliness
from child_welfare_plan.rules.timeliness.results import (
    Rate,
    Status,
    StatusItem,
    TimelinessResult,
)

__all__ = ["timeliness"]

#: Separates the parts of the key texts: below every character a part may hold.
_SEP = "\x01"
#: Stands for None in the key texts (no part holds a control character).
_NONE = "\x02"
_UNSAFE = re.compile(r"[\x00-\x1f]")
_MAX_REVISION = 10**18


@attrs.frozen
class _Owed:
    """An obligation judged by the engine: its place in the plan and what its items carry."""

    position: int
    obligation: ReportingObligation
    period: str | None
    last: date
    reporters: tuple[str, ...]


def timeliness(
    plan: Plan,
    submissions: Iterable[Submission],
    *,
    as_of: date,
    calendar: WorkingCalendar | None = None,
    incidents: Sequence[Incident] | None = None,
    engine: str = "python",
) -> TimelinessResult:
    """Judge every report ``plan`` expects, as of ``as_of``, by ``engine`` (``python``,
    ``duckdb`` or ``dask``, already chosen: :func:`~child_welfare_plan.engines.choose`); the
    same result whatever the engine (see the module docstring)."""
    cal = WorkingCalendar() if calendar is None else calendar
    if engine == "python":
        return rules_timeliness(plan, submissions, as_of=as_of, calendar=cal, incidents=incidents)
    subs = submissions if isinstance(submissions, list) else list(submissions)
    owed = _columnar(plan, cal, subs)
    if not owed:
        return rules_timeliness(plan, subs, as_of=as_of, calendar=cal, incidents=incidents)
    rows, elsewhere = _rows(subs, owed)
    with _tables(engine) as tables:
        items, counts, unmatched, after = _judge(tables, rows, _expected(owed), as_of)
    python = rules_timeliness(
        plan,
        [subs[i] for i in sorted([*elsewhere, *unmatched, *after])],
        as_of=as_of,
        calendar=cal,
        incidents=incidents,
        judged_elsewhere=frozenset(owed),
    )
    return _merge(plan, python, owed, (items, counts), subs, as_of)


@contextmanager
def _tables(engine: str) -> Iterator[Any]:
    tables = duck_tables() if engine == "duckdb" else DaskTables()
    try:
        yield tables
    finally:
        tables.close()


def _canonical(text: str | None, cache: dict[str, str]) -> str | None:
    """A period id as the rules match it (``2023s1`` → ``2023S1``); unreadable ones as is."""
    if text is None:
        return None
    found = cache.get(text)
    if found is None:
        try:
            found = parse_period(text).id
        except CwpError:
            found = text
        cache[text] = found
    return found


def _columnar(plan: Plan, cal: WorkingCalendar, subs: list[Submission]) -> dict[str, _Owed]:
    """The obligations the engine judges exactly as the rules do (module docstring)."""
    ids = [ob.id for ob in plan.obligations]
    if len(set(ids)) != len(ids):
        return {}
    dated = {u.code for u in plan.units if u.valid_from is not None or u.valid_to is not None}
    serves = {a.code: a.unit for a in plan.agencies} if dated else {}
    periods: dict[str, str] = {}
    owed: dict[str, _Owed] = {}
    for position, ob in enumerate(plan.obligations):
        if ob.kind in (ObligationKind.EVENT_TRIGGERED, ObligationKind.AD_HOC):
            continue
        rule = ob.effective_deadline
        if not isinstance(rule, Before | By):
            continue
        try:
            deadline = resolve(rule, calendar=cal)
        except CwpError:
            continue
        if deadline.due_at is not None:
            continue
        reporters = tuple(plan.expected_reporters(ob))
        if len(set(reporters)) != len(reporters):
            continue
        if dated and any(serves.get(r) in dated for r in reporters):
            continue
        period = _canonical(ob.covers, periods)
        owed[ob.id] = _Owed(position, ob, period, deadline.last_on_time_day, reporters)
    for s in subs:
        if s.obligation in owed and not _safe(s):
            del owed[s.obligation]
    return owed


def _safe(s: Submission) -> bool:
    """Whether the submission's texts and revision fit the key texts."""
    if s.revision is not None and not -1 <= s.revision < _MAX_REVISION:
        return False
    return not any(t is not None and _UNSAFE.search(t) for t in (s.period, s.document_number))


def _rows(subs: list[Submission], owed: dict[str, _Owed]) -> tuple[dict[str, list[Any]], list[int]]:
    """The table of the submissions the engine judges, and the positions of the others."""
    rows: dict[str, list[Any]] = {
        "idx": [],
        "reporter": [],
        "obligation": [],
        "period": [],
        "day": [],
        "ident": [],
        "fkey": [],
        "ckey": [],
    }
    idx, reporter, obligation, period, day, ident, fkey, ckey = rows.values()
    elsewhere: list[int] = []
    periods: dict[str, str] = {}
    for i, s in enumerate(subs):
        if s.obligation not in owed:
            elsewhere.append(i)
            continue
        received = s.received
        moment = local_moment(received)
        has_time = "1" if isinstance(received, datetime) else "0"
        moment_text = moment.isoformat(timespec="microseconds")
        revision = f"{(-1 if s.revision is None else s.revision) + 1:019d}"
        document = s.document_number or ""
        raw_period = s.period or ""
        iso = received.isoformat()
        canonical = _canonical(s.period, periods)
        idx.append(i)
        reporter.append(s.reporter)
        obligation.append(s.obligation)
        period.append(_NONE if canonical is None else canonical)
        day.append(moment.toordinal())
        ident.append(
            _SEP.join(
                (
                    s.reporter,
                    s.obligation,
                    _NONE if s.period is None else s.period,
                    _identity(received),
                    _NONE if s.document_number is None else s.document_number,
                    str(s.revision),
                )
            )
        )
        fkey.append(_SEP.join((moment_text, has_time, document, revision, iso, raw_period)))
        ckey.append(_SEP.join((revision, moment_text, has_time, document, iso, raw_period)))
    return rows, elsewhere


def _identity(received: date | datetime) -> str:
    """Equal exactly when the values are equal, as Python compares them: a date, a naive
    datetime, an aware one by its instant."""
    if not isinstance(received, datetime):
        return "d" + received.isoformat()
    offset = received.utcoffset()
    if offset is None:
        return "n" + received.isoformat()
    return "a" + (received.replace(tzinfo=None) - offset).isoformat()


def _expected(owed: dict[str, _Owed]) -> dict[str, list[Any]]:
    """The table of the reports owed, in the order of the result."""
    table: dict[str, list[Any]] = {
        "pos": [],
        "ob": [],
        "reporter": [],
        "obligation": [],
        "period": [],
        "last": [],
    }
    for one in owed.values():
        n = len(one.reporters)
        start = len(table["pos"])
        table["pos"].extend(range(start, start + n))
        table["ob"].extend([one.position] * n)
        table["reporter"].extend(one.reporters)
        table["obligation"].extend([one.obligation.id] * n)
        table["period"].extend([_NONE if one.period is None else one.period] * n)
        table["last"].extend([one.last.toordinal()] * n)
    return table


def _judge(
    tables: Any, rows: dict[str, list[Any]], expected: dict[str, list[Any]], as_of: date
) -> tuple[dict[str, list[Any]], dict[tuple[int, int], int], list[int], list[int]]:
    """The engine's items (by ``pos``), the count of each status per obligation (by their
    positions), and the unmatched and after-``as_of`` submissions."""
    subs = tables.keep("cwp_subs", tables.frame("cwp_subs_in", rows, SUBS))
    owed = tables.frame("cwp_expected", expected, EXPECTED)
    items, unmatched, after = judge_frames(subs, owed, as_of.toordinal())
    items = tables.keep("cwp_items", items)
    got = tables.collect(items)
    counts: dict[tuple[int, int], int] = {}
    counted = tables.collect(rate_counts(items))
    for ob, code, count in zip(counted["ob"], counted["status"], counted["count"], strict=True):
        counts[int(ob), int(code)] = int(count)
    return (
        got,
        counts,
        [int(i) for i in tables.collect(unmatched)["idx"]],
        [int(i) for i in tables.collect(after)["idx"]],
    )


def _merge(
    plan: Plan,
    python: TimelinessResult,
    owed: dict[str, _Owed],
    judged: tuple[dict[str, list[Any]], dict[tuple[int, int], int]],
    subs: list[Submission],
    as_of: date,
) -> TimelinessResult:
    """The engine's items and rates and the rules' ones, in plan order."""
    got, counts = judged
    built = _items(plan, owed, got, subs, STATUSES)
    theirs: dict[str, list[StatusItem]] = {}
    for item in python.items:
        theirs.setdefault(item.obligation, []).append(item)
    their_rates = {r.obligation: r for r in python.rates}
    items: list[StatusItem] = []
    rates: list[Rate] = []
    for ob in plan.obligations:
        one = owed.get(ob.id)
        if one is None:
            items.extend(theirs.get(ob.id, ()))
            if ob.id in their_rates:
                rates.append(their_rates[ob.id])
            continue
        mine = built[ob.id]
        items.extend(mine)
        count = [counts.get((one.position, code), 0) for code in range(len(STATUSES))]
        c = dict(zip(STATUSES, count, strict=True))
        dated = bool(mine) or ob.deadline is not None
        rates.append(
            Rate(
                obligation=ob.id,
                period=one.period,
                expected=sum(count),
                received=c[Status.ON_TIME] + c[Status.LATE],
                on_time=c[Status.ON_TIME] if dated else None,
                late=c[Status.LATE],
                overdue=c[Status.OVERDUE],
                pending=c[Status.PENDING],
            )
        )
    return TimelinessResult(
        plan=plan.id,
        as_of=as_of,
        items=tuple(items),
        rates=tuple(rates),
        findings=python.findings,
    )


def _items(
    plan: Plan,
    owed: dict[str, _Owed],
    got: dict[str, list[Any]],
    subs: list[Submission],
    statuses: tuple[Status, ...],
) -> dict[str, list[StatusItem]]:
    """The engine's items as the rules' objects, per obligation in plan order."""
    names = {a.code: a.name for a in plan.agencies}
    total = sum(len(one.reporters) for one in owed.values())
    row_of = [0] * total
    for row, pos in enumerate(got["pos"]):
        row_of[int(pos)] = row
    status, n, first, content = got["status"], got["n"], got["first"], got["content"]
    late, overdue, left, bucket = (
        got["days_late"],
        got["days_overdue"],
        got["days_left"],
        got["bucket"],
    )
    out: dict[str, list[StatusItem]] = {}
    pos = 0
    for ob_id, one in owed.items():
        ob = one.obligation
        extra: dict[str, Any] = {
            "obligation": ob_id,
            "period": one.period,
            "last_on_time_day": one.last,
            "drafted_by": ob.drafted_by,
            "drafted_by_name": None if ob.drafted_by is None else names.get(ob.drafted_by),
            "reading": None if ob.reading is None else format_deadline(ob.reading),
        }
        mine: list[StatusItem] = []
        for reporter in one.reporters:
            r = row_of[pos]
            pos += 1
            code = statuses[int(status[r])]
            if n[r] is None:
                mine.append(
                    StatusItem(
                        reporter=reporter,
                        reporter_name=names.get(reporter),
                        **extra,
                        status=code,
                        days_overdue=_int(overdue[r]),
                        days_left=_int(left[r]),
                    )
                )
                continue
            head = subs[int(first[r])]
            moment = local_moment(head.received)
            mine.append(
                StatusItem(
                    reporter=reporter,
                    reporter_name=names.get(reporter),
                    **extra,
                    status=code,
                    received=moment.date(),
                    received_at=moment if isinstance(head.received, datetime) else None,
                    days_late=_int(late[r]),
                    delay_bucket=bucket[r],
                    submissions=int(n[r]),
                    first=head,
                    content=subs[int(content[r])],
                )
            )
        out[ob_id] = mine
    return out


def _int(value: Any) -> int | None:
    return None if value is None else int(value)
