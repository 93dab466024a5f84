"""The plan: purposes, objectives and targets, tasks, responsibilities, events, reporting.

A :class:`Plan` is self-contained: it carries the units of its area and the agencies it
names, so one plan file can be validated, shown and evaluated on its own.

References:
    * Law on Children 102/2016/QH13.
    * Decree 30/2020/NĐ-CP on administrative documents (number and symbol, signature block
      "KT. CHỦ TỊCH", recipients "Nơi nhận").
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from datetime import date, datetime
from enum import StrEnum
from typing import Any

import attrs

from child_welfare_plan.errors import InvalidValueError, NotFoundError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model import validators as v
from child_welfare_plan.model.agencies import Agency, AgencyKind
from child_welfare_plan.model.date_rules import DateRule
from child_welfare_plan.model.documents import DocumentRef
from child_welfare_plan.model.obligations import (
    PACK_READING_FIELDS,
    ObligationKind,
    Reporters,
    ReportingObligation,
)
from child_welfare_plan.model.periods import Convention
from child_welfare_plan.model.units import AdministrativeUnit, Hierarchy, Level

__all__ = [
    "PACK_READING_FIELDS",
    "AgencyGroup",
    "Comparator",
    "Event",
    "FundingSource",
    "Incident",
    "Objective",
    "ObligationKind",
    "Plan",
    "PlanSpan",
    "Reporters",
    "ReportingObligation",
    "Responsibility",
    "ResponsibilityMode",
    "Signatory",
    "Submission",
    "Target",
    "Task",
    "TaskGroup",
]


class Comparator(StrEnum):
    """How an actual value is compared with a target value."""

    GE = ">="
    LE = "<="
    EQ = "="
    LT = "<"
    GT = ">"

    def holds(self, actual: float, target: float) -> bool:
        """True when ``actual <comparator> target``."""
        return _OPS[self](actual, target)

    @property
    def higher_is_better(self) -> bool | None:
        """True for ≥ and >, False for ≤ and <, None for =."""
        return {">=": True, ">": True, "<=": False, "<": False}.get(self.value)


_OPS: dict[Comparator, Callable[[float, float], bool]] = {
    Comparator.GE: operator.ge,
    Comparator.LE: operator.le,
    Comparator.EQ: lambda a, b: abs(a - b) <= 1e-9 * max(1.0, abs(b)),
    Comparator.LT: operator.lt,
    Comparator.GT: operator.gt,
}


@attrs.frozen(kw_only=True)
class Target:
    """A target on an indicator: ``indicator comparator value`` by ``year`` in ``scope``.

    ``scope`` is a unit code; None means the plan's own area. With a ``baseline``, progress
    is measured along the straight line from the baseline year to the target year.
    """

    id: str = attrs.field(validator=v.code)
    indicator: str | None = attrs.field(default=None, validator=v.optional_code)
    comparator: Comparator = attrs.field(converter=Comparator, default=Comparator.GE)
    value: float
    year: int
    scope: str | None = None
    baseline: float | None = None
    baseline_year: int | None = None
    text: str | None = None
    source: str | None = None
    """Where the target is stated: a plan section ("V.3") or a document citation."""
    check: str | None = None
    """What a source has not confirmed about the target (its wording, a figure), or what
    the reading adds to the words (a comparator where the text gives a level, a year where
    it gives none); None when the target is as its source words it."""

    def __attrs_post_init__(self) -> None:
        if (self.baseline is None) != (self.baseline_year is None):
            raise InvalidValueError(
                Message(
                    "Target {id!r}: baseline and baseline_year go together (got "
                    "baseline={baseline}, baseline_year={baseline_year})",
                    id=self.id,
                    baseline=repr(self.baseline),
                    baseline_year=repr(self.baseline_year),
                )
            )
        if self.baseline_year is not None and self.baseline_year >= self.year:
            problem = Message(
                "{baseline_year} for {id!r} is not before the target year {year}",
                baseline_year=str(self.baseline_year),
                id=self.id,
                year=str(self.year),
            )
            raise InvalidValueError(v.owned("Target", "baseline_year", problem))


@attrs.frozen(kw_only=True)
class Objective:
    """An objective of the plan (section II), with the targets it states, if any."""

    id: str = attrs.field(validator=v.code)
    text: str = attrs.field(validator=v.non_empty)
    targets: tuple[Target, ...] = attrs.field(converter=v.to_tuple, default=())
    categories: tuple[str, ...] = attrs.field(converter=v.to_tuple, default=(), validator=v.codes)
    references: tuple[DocumentRef, ...] = attrs.field(converter=v.to_tuple, default=())


@attrs.frozen(kw_only=True)
class Task:
    """One task: what to do, who leads it (chủ trì) and who supports it (phối hợp)."""

    id: str = attrs.field(validator=v.code)
    text: str = attrs.field(validator=v.non_empty)
    lead: str | None = attrs.field(default=None, validator=v.optional_code)
    support: tuple[str, ...] = attrs.field(converter=v.to_tuple, default=(), validator=v.codes)
    addressee: str | None = None
    """Whom the text addresses, in its words, when it names no single agency ("Các cơ
    quan, đơn vị, ngành ..."). The text names who acts, so the plan's coordinator does not
    stand in as lead (see :meth:`Plan.lead_of`)."""
    targets: tuple[Target, ...] = attrs.field(converter=v.to_tuple, default=())
    """Targets the task itself states (section V.3 states two)."""
    schedule: DateRule | None = None
    categories: tuple[str, ...] = attrs.field(converter=v.to_tuple, default=(), validator=v.codes)
    indicators: tuple[str, ...] = attrs.field(converter=v.to_tuple, default=(), validator=v.codes)
    events: tuple[str, ...] = attrs.field(converter=v.to_tuple, default=(), validator=v.codes)
    references: tuple[DocumentRef, ...] = attrs.field(converter=v.to_tuple, default=())
    section: str | None = None
    """Where the task stands in the plan text ("III.1", "V.3")."""


@attrs.frozen(kw_only=True)
class TaskGroup:
    """A group of tasks (a numbered item of section III)."""

    id: str = attrs.field(validator=v.code)
    title: str = attrs.field(validator=v.non_empty)
    tasks: tuple[Task, ...] = attrs.field(converter=v.to_tuple, default=())
    section: str | None = None


@attrs.frozen(kw_only=True)
class FundingSource:
    """Where the money comes from (section IV)."""

    id: str = attrs.field(validator=v.code)
    text: str = attrs.field(validator=v.non_empty)
    kind: str = "other"
    """``state-budget``, ``mobilised`` or ``other``."""
    references: tuple[DocumentRef, ...] = attrs.field(converter=v.to_tuple, default=())


class ResponsibilityMode(StrEnum):
    """An agency is ordered (``assigned``) or, outside the administration, ``requested``
    ("Đề nghị")."""

    ASSIGNED = "assigned"
    REQUESTED = "requested"


@attrs.frozen(kw_only=True)
class Responsibility:
    """The duties of one agency (an item of section V).

    ``agency`` is None when the text names no single office ("other relevant offices");
    ``addressee`` then says in words whom it addresses.
    """

    id: str = attrs.field(validator=v.code)
    agency: str | None = attrs.field(default=None, validator=v.optional_code)
    addressee: str | None = None
    mode: ResponsibilityMode = attrs.field(
        converter=ResponsibilityMode, default=ResponsibilityMode.ASSIGNED
    )
    tasks: tuple[Task, ...] = attrs.field(converter=v.to_tuple, default=())
    section: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.agency is None and not self.addressee:
            raise InvalidValueError(
                Message(
                    "Responsibility {id!r}: names neither an agency nor an addressee", id=self.id
                )
            )


@attrs.frozen(kw_only=True)
class Event:
    """An activity on a date rule: a fixed day, a window, a lunar day, a recurrence, or
    some time in the year."""

    id: str = attrs.field(validator=v.code)
    title: str = attrs.field(validator=v.non_empty)
    title_en: str | None = None
    when: DateRule
    agencies: tuple[str, ...] = attrs.field(converter=v.to_tuple, default=(), validator=v.codes)
    description: str | None = None
    section: str | None = None


@attrs.frozen(kw_only=True)
class Signatory:
    """Who signed: ``capacity`` "KT. CHỦ TỊCH" (for the chairman), ``title`` "PHÓ CHỦ TỊCH"."""

    name: str = attrs.field(validator=v.non_empty)
    title: str = attrs.field(validator=v.non_empty)
    capacity: str | None = None


@attrs.frozen(kw_only=True)
class AgencyGroup:
    """Several agencies named together ("UBND các xã, thị trấn"): the People's Committee of
    every unit at ``level`` in the plan's area, and/or the listed ``agencies``. A task's
    lead or supporters, or a responsibility, may name a group by its code."""

    code: str = attrs.field(validator=v.code)
    name: str = attrs.field(validator=v.non_empty)
    name_en: str | None = None
    level: Level | None = attrs.field(default=None, converter=attrs.converters.optional(Level))
    agencies: tuple[str, ...] = attrs.field(converter=v.to_tuple, default=(), validator=v.codes)

    def __attrs_post_init__(self) -> None:
        if self.level is None and not self.agencies:
            raise InvalidValueError(
                Message("AgencyGroup {code!r}: names neither a level nor agencies", code=self.code)
            )


@attrs.frozen(kw_only=True)
class Plan:
    """An annual work plan of a local government, as data."""

    id: str = attrs.field(validator=v.code)
    title: str = attrs.field(validator=v.non_empty)
    year: int
    issuer: str = attrs.field(validator=v.code)
    """The agency that issues the plan (its People's Committee)."""
    area: str | None = attrs.field(default=None)
    """The unit the plan governs (the district); None when it spans every unit it lists
    (a national roll-up)."""
    coordinator: str | None = attrs.field(default=None, validator=v.optional_code)
    """The agency that leads the plan as a whole; a task that names no lead falls to it."""
    document: DocumentRef | None = None
    signatory: Signatory | None = None
    period_convention: Convention = attrs.field(converter=Convention, default=Convention.CALENDAR)
    period_basis: str | None = None
    """Why the plan's periods follow ``period_convention``, with its legal source."""
    based_on: tuple[DocumentRef, ...] = attrs.field(converter=v.to_tuple, default=())
    legal_bases: tuple[DocumentRef, ...] = attrs.field(converter=v.to_tuple, default=())
    purposes: tuple[str, ...] = attrs.field(converter=v.to_tuple, default=())
    requirements: tuple[str, ...] = attrs.field(converter=v.to_tuple, default=())
    objectives: tuple[Objective, ...] = attrs.field(converter=v.to_tuple, default=())
    task_groups: tuple[TaskGroup, ...] = attrs.field(converter=v.to_tuple, default=())
    funding_sources: tuple[FundingSource, ...] = attrs.field(converter=v.to_tuple, default=())
    responsibilities: tuple[Responsibility, ...] = attrs.field(converter=v.to_tuple, default=())
    events: tuple[Event, ...] = attrs.field(converter=v.to_tuple, default=())
    obligations: tuple[ReportingObligation, ...] = attrs.field(converter=v.to_tuple, default=())
    recipients: tuple[str, ...] = attrs.field(converter=v.to_tuple, default=())
    units: tuple[AdministrativeUnit, ...] = attrs.field(converter=v.to_tuple, default=())
    agencies: tuple[Agency, ...] = attrs.field(converter=v.to_tuple, default=())
    groups: tuple[AgencyGroup, ...] = attrs.field(converter=v.to_tuple, default=())
    notes: tuple[str, ...] = attrs.field(converter=v.to_tuple, default=())
    _index: _PlanIndex | None = attrs.field(init=False, default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.area is not None:
            v.unit_code(self, attrs.fields(Plan).area, self.area)
        if not 1945 <= self.year <= 2100:
            problem = Message("{year} (expected a year from 1945 to 2100)", year=str(self.year))
            raise InvalidValueError(v.owned("Plan", "year", problem))

    # Lookups -------------------------------------------------------------------------

    @property
    def _lookup(self) -> _PlanIndex:
        if self._index is None:
            object.__setattr__(self, "_index", _PlanIndex.build(self))
        assert self._index is not None
        return self._index

    @property
    def hierarchy(self) -> Hierarchy:
        """The plan's units as a checked tree."""
        return self._lookup.tree

    def agency(self, code: str) -> Agency:
        """The agency with this code; :class:`NotFoundError` when the plan names none."""
        try:
            return self._lookup.agencies[code]
        except KeyError:
            raise NotFoundError(
                Message("plan {id!r} has no agency {code!r}", id=self.id, code=code)
            ) from None

    def has_agency(self, code: str) -> bool:
        """True when the plan names an agency with this code."""
        return code in self._lookup.agencies

    def knows(self, code: str) -> bool:
        """True when ``code`` is an agency or an agency group of the plan."""
        return code in self._lookup.agencies or code in self._lookup.groups

    def members(self, code: str) -> tuple[str, ...]:
        """The agency codes ``code`` stands for: itself for an agency, the members of a
        group (committees at its level in the area, then its listed agencies)."""
        group = self._lookup.groups.get(code)
        if group is None:
            self.agency(code)
            return (code,)
        out: list[str] = []
        if group.level is not None:
            for unit in self.area_units(group.level):
                committee = self.committee_of(unit.code)
                if committee is not None:
                    out.append(committee.code)
        out.extend(a for a in group.agencies if a not in out)
        return tuple(out)

    def lead_of(self, task: Task) -> str | None:
        """The task's lead. The plan's coordinator stands in only for a task that names
        nobody at all (the issuing People's Committee's own task); a task whose text names
        who acts in words (``addressee``: "Hội đồng nhân dân, Ủy ban Mặt trận Tổ quốc các
        cấp …", "Các phòng, ban ngành có liên quan khác") has no lead agency."""
        if task.lead is not None:
            return task.lead
        return self.coordinator if task.addressee is None else None

    def span(self) -> PlanSpan:
        """The days the plan can act on: from its issue to the end of its year.

        The issue date is the document's date. Without one, the plan is no older than the
        latest document it is based on (a plan that implements the province's plan of
        07/3/2023 was issued on or after that day), so that date starts the span, as a lower
        bound; with neither, the span is the whole plan year. The span never leaves the plan
        year (a document dated after it is not taken as a bound).
        """
        first, last = date(self.year, 1, 1), date(self.year, 12, 31)
        if self.document is not None and self.document.date is not None:
            start = min(max(first, self.document.date), last)
            return PlanSpan(start, last, "issued", self.document.citation)
        dated = [ref for ref in self.based_on if ref.date is not None and ref.date <= last]
        if dated:
            latest = max(dated, key=lambda ref: ref.date or first)
            assert latest.date is not None
            if latest.date >= first:
                return PlanSpan(latest.date, last, "based-on", latest.citation)
        return PlanSpan(first, last, "year", None)

    def obligation(self, obligation_id: str) -> ReportingObligation:
        """The reporting obligation with this id."""
        for obligation in self.obligations:
            if obligation.id == obligation_id:
                return obligation
        raise NotFoundError(
            Message(
                "plan {id!r} has no reporting obligation {obligation!r} (it has: {known})",
                id=self.id,
                obligation=obligation_id,
                known=", ".join(o.id for o in self.obligations),
            )
        )

    def all_tasks(self) -> Iterator[Task]:
        """Every task: those of section III, then those of the responsibilities (V)."""
        for group in self.task_groups:
            yield from group.tasks
        for responsibility in self.responsibilities:
            yield from responsibility.tasks

    def all_targets(self) -> Iterator[Target]:
        """Every target the plan states: those of its objectives, then those of its tasks."""
        for objective in self.objectives:
            yield from objective.targets
        for task in self.all_tasks():
            yield from task.targets

    def area_units(self, level: Level | str | None = None) -> tuple[AdministrativeUnit, ...]:
        """The units below the plan's area (optionally at one level); with no area, every
        unit of the plan (at that level)."""
        if self.area is None:
            return self.hierarchy.at_level(level) if level is not None else self.hierarchy.units
        return self.hierarchy.descendants(self.area, level)

    def committee_of(self, unit_code: str) -> Agency | None:
        """The People's Committee agency of a unit, if the plan names one."""
        return self._lookup.committees.get(unit_code)

    def expected_reporters(self, obligation: ReportingObligation) -> tuple[str, ...]:
        """Agency codes expected to report: the committees of the units at the obligation's
        level in the area (those the plan names), then the listed agencies."""
        out: list[str] = []
        if obligation.reporters.level is not None:
            for unit in self.area_units(obligation.reporters.level):
                committee = self.committee_of(unit.code)
                if committee is not None:
                    out.append(committee.code)
        out.extend(a for a in obligation.reporters.agencies if a not in out)
        return tuple(out)

    def reporter_unit(self, reporter: str) -> AdministrativeUnit | None:
        """The unit a reporting agency serves, when the plan knows it."""
        agency = self._lookup.agencies.get(reporter)
        if agency is None or agency.unit not in self.hierarchy:
            return None
        return self.hierarchy.get(agency.unit)


@attrs.frozen
class PlanSpan:
    """The days a plan can act on, and how its first day is known.

    ``known_by`` is ``issued`` (the plan's own date), ``based-on`` (no date of its own: the
    date of the latest document it is based on, a lower bound; ``source`` cites it) or
    ``year`` (neither: the first day of the plan year).
    """

    start: date
    end: date
    known_by: str
    source: str | None = None

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@attrs.frozen
class _PlanIndex:
    tree: Hierarchy
    agencies: dict[str, Agency]
    committees: dict[str, Agency]
    groups: dict[str, AgencyGroup]

    @classmethod
    def build(cls, plan: Plan) -> _PlanIndex:
        committees: dict[str, Agency] = {}
        for agency in plan.agencies:
            if agency.kind is AgencyKind.PEOPLES_COMMITTEE:
                committees.setdefault(agency.unit, agency)
        return cls(
            Hierarchy(plan.units),
            {a.code: a for a in plan.agencies},
            committees,
            {g.code: g for g in plan.groups},
        )


@attrs.frozen(kw_only=True)
class Submission:
    """A report received: who sent it, for which obligation and period, and when.

    ``received`` is a date, or a datetime (an aware one is converted to Vietnam's time before
    its date is taken; a naive one is local). ``revision`` orders re-submissions of the same
    report; None means "in order of receipt".
    """

    reporter: str = attrs.field(validator=v.code)
    obligation: str = attrs.field(validator=v.code)
    period: str | None = None
    received: date | datetime
    document_number: str | None = None
    revision: int | None = None


@attrs.frozen(kw_only=True)
class Incident:
    """Something that triggers an event-triggered report: a child's death from injury, a
    case of abuse. ``occurred``/``known`` are when it happened and when the authorities
    learned of it (the deadline runs from ``known``)."""

    id: str = attrs.field(validator=v.code)
    kind: str = attrs.field(validator=v.code)
    unit: str = attrs.field(validator=v.unit_code)
    known: datetime
    occurred: datetime | None = None
    description: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A plain mapping for JSON."""
        return {
            "id": self.id,
            "kind": self.kind,
            "unit": self.unit,
            "known": self.known.isoformat(),
            "occurred": None if self.occurred is None else self.occurred.isoformat(),
            "description": self.description,
        }
