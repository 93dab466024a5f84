"""What a judgement of timeliness gives: a status per report owed, rates per obligation
and period, and the result that holds them with the findings."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import attrs

from child_welfare_plan.calendars.dates import local_aware
from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.findings import Finding, Severity, has_errors
from child_welfare_plan.model.plan import Submission
from child_welfare_plan.presentation import Presentable, presenter

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DELAY_BUCKETS",
    "FINDING_CODES",
    "RECEIVED_STATUSES",
    "Rate",
    "Status",
    "StatusItem",
    "TimelinessResult",
    "delay_bucket",
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
    "no-time-limit": Severity.WARNING,
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


RECEIVED_STATUSES = frozenset({Status.ON_TIME, Status.LATE, Status.RECEIVED})


def delay_bucket(days_late: int) -> str:
    """The label of the delay bucket of a report ``days_late`` days late (1 or more)."""
    for label, first, last in DELAY_BUCKETS:
        if days_late >= first and (last is None or days_late <= last):
            return label
    raise InvalidValueError(
        Message("days_late: {days!r} (expected a whole number of 1 or more)", days=days_late)
    )


@attrs.frozen(kw_only=True)
class StatusItem:
    """The timeliness of one reporter for one obligation and period (or incident).

    ``received`` is the local date of the first submission counted; ``first`` is that
    submission and ``content`` the latest revision received on or before ``as_of``. Fields
    that do not apply to the status are None.
    """

    reporter: str
    reporter_name: str | None = None
    drafted_by: str | None = None
    """The office that drafts the report for the reporter, to chase beside it."""
    drafted_by_name: str | None = None
    obligation: str
    period: str | None
    last_on_time_day: date | None
    due_at: datetime | None = None
    """For a deadline in hours or with a time of day: the local instant the time limit ends."""
    reading: str | None = None
    """When the item is judged by the pack's reading of a deadline the text leaves open
    ("kịp thời"), that reading's phrase; None when judged by the text's own deadline."""
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
        """The JSON form of design §7, with ``reporter_name``, ``drafted_by`` (and its
        name), ``due_at``, ``reading``, ``received_at``, ``delay_bucket``, ``hours_late``,
        ``submissions``, ``document_number`` and ``revision`` (of the content) beside it.
        ``due_at`` and ``received_at`` are instants in Vietnam's time, with ``+07:00``."""
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
            "due_at": None if due_at is None else local_aware(due_at).isoformat(),
            "reading": self.reading,
            "status": self.status.value,
            "received": None if received is None else received.isoformat(),
            "received_at": None if received_at is None else local_aware(received_at).isoformat(),
            "days_late": self.days_late,
            "days_overdue": self.days_overdue,
            "days_left": self.days_left,
            "delay_bucket": self.delay_bucket,
            "hours_late": self.hours_late,
            "submissions": self.submissions,
            "document_number": None if content is None else content.document_number,
            "revision": None if content is None else content.revision,
            "drafted_by": self.drafted_by,
            "drafted_by_name": self.drafted_by_name,
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
        return has_errors(self.findings)

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
