"""What public outputs show besides the protected figures' values.

* Rolled-up values (``cwp aggregate --audience public``): the figures of one aggregation,
  with the protection of :func:`.figures.public_figures` applied: a withheld count or
  ratio has no value (and a ratio no numerator and denominator) and says why; a breakdown
  of a count of children below the area is left out.
* Timeliness (``cwp status --audience public``, the timeliness of a public evaluation):
  without the reports on single incidents. Each names a child's death or abuse, where and
  when, and their number counts such children; no threshold makes one such row safe.
* Findings: their code, severity and place, not their message, which may quote a count
  from a data file or an incident's description.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from child_welfare_plan.model.findings import Finding, has_errors
from child_welfare_plan.model.plan import ObligationKind, Plan
from child_welfare_plan.presentation import Presentable, presenter
from child_welfare_plan.rules.aggregate import AggregateLabels, AggregateResult, AggregateRow
from child_welfare_plan.rules.disclosure.figures import PublicFigures
from child_welfare_plan.rules.timeliness import TimelinessResult

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "QUIET_MESSAGE",
    "PublicAggregate",
    "public_timeliness",
    "publish_aggregate",
    "quiet_finding",
]

#: What a public output says instead of a finding's message.
QUIET_MESSAGE = (
    "message withheld from a public output (it may quote a count of children or an "
    "incident); the internal output shows it"
)


def quiet_finding(finding: Finding) -> Finding:
    """A finding as a public output shows it: its code, severity and place, not its
    message (which may quote a count of children or an incident)."""
    return attrs.evolve(finding, message=QUIET_MESSAGE)


@attrs.frozen
class PublicAggregate(Presentable):
    """The values of an aggregation a public output may print, each with ``withheld``
    (None, ``suppressed`` or ``derived``), and the findings without their messages."""

    result: AggregateResult = attrs.field(repr=False)
    figures: PublicFigures = attrs.field(repr=False)
    rows: tuple[AggregateRow, ...] = attrs.field(repr=False)
    """The rows printed (breakdowns of counts of children below the area left out);
    withheld values are None."""
    withheld: tuple[str | None, ...] = attrs.field(repr=False)
    """Why each row's value is withheld, or None."""
    findings: tuple[Finding, ...] = ()

    @property
    def plan(self) -> str:
        """The plan's id."""
        return self.result.plan

    @property
    def periods(self) -> tuple[str, ...]:
        """The periods reported."""
        return self.result.periods

    @property
    def k(self) -> int:
        """The threshold."""
        return self.figures.k

    def __len__(self) -> int:
        return len(self.rows)

    def has_errors(self) -> bool:
        """True when an error-level finding remains."""
        return has_errors(self.findings)

    def to_dict(self, labels: AggregateLabels | None = None) -> dict[str, Any]:
        """The JSON of ``cwp aggregate --audience public``: design §7's keys, every value
        with ``withheld`` (and with ``labels``, the words of
        :meth:`~child_welfare_plan.rules.aggregate.AggregateResult.to_dict`), and
        ``audience`` and ``k`` beside ``plan``."""
        inner = AggregateResult(
            self.result.plan,
            self.rows,
            (),
            self.result.periods,
            self.result.levels,
            self.result.computed,
            self.result.booleans,
        ).to_dict(labels)
        for item, why in zip(inner["values"], self.withheld, strict=True):
            item["withheld"] = why
        return {
            "plan": self.result.plan,
            "audience": "public",
            "k": self.figures.k,
            "values": inner["values"],
            "findings": [f.to_dict() for f in self.findings],
        }

    def to_pandas(self) -> pd.DataFrame:
        """The values as a pandas DataFrame, one row per value (needs pandas)."""
        frame: pd.DataFrame = presenter().frames(self)
        return frame


def publish_aggregate(result: AggregateResult, figures: PublicFigures) -> PublicAggregate:
    """The rows of ``result`` a public output may print, protected by ``figures`` (made
    from the same data, so that every public output shows slices of one protected
    publication)."""
    rows: list[AggregateRow] = []
    reasons: list[str | None] = []
    for row in result.rows:
        if not figures.shown(row.unit, row.indicator, row.disaggregation):
            continue
        why = None
        if row.value is not None:
            why = figures.withheld(row.unit, row.period, row.indicator, row.disaggregation)
        if why is not None:
            row = row._replace(value=None, numerator=None, denominator=None, share=None)
        rows.append(row)
        reasons.append(None if why is None else why.value)
    return PublicAggregate(
        result,
        figures,
        tuple(rows),
        tuple(reasons),
        tuple(quiet_finding(f) for f in result.findings),
    )


def public_timeliness(plan: Plan, result: TimelinessResult) -> TimelinessResult:
    """Timeliness without the reports on single incidents (items and rates of the plan's
    event-triggered obligations), and its findings without their messages."""
    events = {ob.id for ob in plan.obligations if ob.kind is ObligationKind.EVENT_TRIGGERED}
    return attrs.evolve(
        result,
        items=tuple(i for i in result.items if i.obligation not in events),
        rates=tuple(r for r in result.rates if r.obligation not in events),
        findings=tuple(quiet_finding(f) for f in result.findings),
    )
