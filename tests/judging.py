"""Submissions to the timeliness test plan and their judgement, shared by the timeliness
tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from child_welfare_plan.model import Submission
from child_welfare_plan.model.plan import Incident
from child_welfare_plan.rules.timeliness import (
    StatusItem,
    TimelinessResult,
    timeliness,
)
from tests.strategies import (
    INCIDENTS,
    timeliness_plan,
)

__all__ = ["PLAN", "ROLLED", "item", "judge", "report", "six", "sub"]

PLAN = timeliness_plan()
ROLLED = "rolled-past-named-day"
"""The fixture's annual report, "trước ngày 10/12/2023", rolls to Monday 11/12/2023, past
the day its phrase names: every judgement says so once."""


def sub(
    reporter: str,
    obligation: str,
    received: date | datetime,
    period: str | None = None,
    *,
    document_number: str | None = None,
    revision: int | None = None,
) -> Submission:
    return Submission(
        reporter=reporter,
        obligation=obligation,
        period=period,
        received=received,
        document_number=document_number,
        revision=revision,
    )


def six(
    reporter: str,
    received: date | datetime,
    *,
    document_number: str | None = None,
    revision: int | None = None,
) -> Submission:
    return sub(
        reporter,
        "bao-cao-6-thang",
        received,
        "2023S1",
        document_number=document_number,
        revision=revision,
    )


def judge(
    subs: Sequence[Submission], as_of: date, incidents: Sequence[Incident] | None = INCIDENTS
) -> TimelinessResult:
    return timeliness(PLAN, subs, as_of=as_of, incidents=incidents)


def item(
    result: TimelinessResult, reporter: str, obligation: str = "bao-cao-6-thang"
) -> StatusItem:
    (found,) = [i for i in result if i.reporter == reporter and i.obligation == obligation]
    return found


def report(reporter: str, incident: str, received: date | datetime) -> Submission:
    """A report on ``incident`` from ``reporter``."""
    return sub(reporter, "dot-xuat", received, incident)
