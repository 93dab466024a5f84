"""The consolidated evaluation a district sends upward: timeliness, figures, targets.

:func:`evaluate` puts the library's rules together for one plan as of a date: who reported
on time and who is overdue (:mod:`~child_welfare_plan.rules.timeliness`), the key
indicators per commune and for the plan's area with their coverage
(:mod:`~child_welfare_plan.rules.aggregate`), the plan's own targets and the national ones
the catalog can measure (:mod:`~child_welfare_plan.rules.targets`), and every finding met
on the way.

For a public audience (:mod:`~child_welfare_plan.rules.disclosure`), the evaluation is one
publication protected as a whole: the counts of children of every commune, of the area and
of every period of the data are protected together (:func:`public_figures`), whichever
period this evaluation prints, so that no count withheld here can be worked out or
narrowed down from this evaluation or from another one of the same data (a year and its
half); a ratio or a target's measured value is published only where the counts it is
computed from are; reports on single incidents are left out of the timeliness (each is a
child), and findings keep their code and place but not their message (a message may quote
a count or an incident).

References:
    * Decision 23/QĐ-TTg (07/01/2021): the national programme of action for children
      2021–2030 and its 2025 targets.
    * Law on Children 102/2016/QH13, Art. 6.11 and Art. 21: a child's private life is
      protected, hence the disclosure control of public outputs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from child_welfare_plan.calendars.workdays import WorkingCalendar
from child_welfare_plan.catalogs import Catalog, national_catalog
from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.findings import Finding, has_errors
from child_welfare_plan.model.indicators import DataValue
from child_welfare_plan.model.plan import Incident, Plan, Submission, Target
from child_welfare_plan.model.successions import UnitRegister
from child_welfare_plan.model.units import Level
from child_welfare_plan.model.validators import to_tuple
from child_welfare_plan.presentation import Presentable, presenter
from child_welfare_plan.rules.aggregate import (
    AggregateResult,
    DataValueSet,
    aggregate,
    value_set,
)
from child_welfare_plan.rules.disclosure import DEFAULT_K
from child_welfare_plan.rules.disclosure.figures import PublicFigures, public_figures
from child_welfare_plan.rules.disclosure.published import public_timeliness, quiet_finding
from child_welfare_plan.rules.remap import carry
from child_welfare_plan.rules.targets import (
    Measurement,
    TargetResult,
    evaluate_targets,
    withhold_target,
)
from child_welfare_plan.rules.timeliness import TimelinessResult, timeliness

if TYPE_CHECKING:
    import pandas as pd


__all__ = ["AUDIENCES", "KEY_INDICATORS", "Evaluation", "IndicatorRow", "evaluate"]

#: The indicators shown per commune and for the area, in this order (those the catalog has).
KEY_INDICATORS = (
    "tre-em",
    "tre-em-hcdb",
    "tre-em-hcdb-duoc-tro-giup",
    "ty-le-tre-em-hcdb-duoc-tro-giup",
    "tre-em-bi-xam-hai",
    "tre-em-tu-vong-tntt",
    "ty-le-tu-vong-tntt",
    "quy-bao-tro-huy-dong",
    "xa-phu-hop-tre-em",
    "ty-le-xa-phu-hop-tre-em",
)

#: ``internal`` shows every figure; ``public`` applies disclosure control.
AUDIENCES = ("internal", "public")


@attrs.frozen(kw_only=True)
class IndicatorRow:
    """One indicator's value for one unit in the evaluation (``shown`` is what is
    published: the value, or a marker when withheld)."""

    unit: str
    name: str
    level: Level
    indicator: str
    value: float | None
    coverage: float | None
    complete: bool | None
    reason: str | None = None
    withheld: str | None = None
    """Why the value is not published (public audience): ``suppressed`` for a count of
    children (small, or withheld so that small ones cannot be worked out: the reason is
    the same for both on purpose), ``derived`` for a ratio computed from one."""
    estimated: bool = False
    """The value includes figures apportioned by assumed shares of a divided unit."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form; a withheld value is null with ``withheld`` saying why."""
        return {
            "unit": self.unit,
            "name": self.name,
            "level": self.level.value,
            "indicator": self.indicator,
            "value": None if self.withheld else self.value,
            "coverage": self.coverage,
            "complete": self.complete,
            "reason": self.reason,
            "withheld": self.withheld,
            "estimated": self.estimated,
        }


@attrs.frozen(kw_only=True)
class Evaluation(Presentable):
    """The consolidated evaluation of a plan as of a date."""

    plan: Plan = attrs.field(eq=False, repr=False)
    as_of: date
    period: str
    audience: str
    k: int
    timeliness: TimelinessResult | None = attrs.field(eq=False, repr=False)
    aggregates: AggregateResult | None = attrs.field(eq=False, repr=False)
    """The rolled-up figures behind the evaluation (None for a public one: they are not
    protected)."""
    indicators: tuple[IndicatorRow, ...] = attrs.field(converter=to_tuple)
    targets: tuple[TargetResult, ...] = attrs.field(converter=to_tuple)
    findings: tuple[Finding, ...] = attrs.field(converter=to_tuple)
    units_as_of: date | None = None
    """The day whose units the figures were carried onto, if any."""
    area: str | None = attrs.Factory(lambda self: self.plan.area, takes_self=True)
    """The unit the figures roll up to: the plan's area, or with ``units_as_of`` the
    lowest unit of that day holding them all."""

    def has_errors(self) -> bool:
        """True when an error-level finding remains."""
        return has_errors(self.findings)

    def area_rows(self) -> tuple[IndicatorRow, ...]:
        """The indicator rows of the area."""
        return tuple(r for r in self.indicators if r.unit == (self.area or ""))

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``cwp evaluate``."""
        status = self.timeliness.to_dict() if self.timeliness is not None else None
        if status is not None:
            status.pop("findings", None)
        return {
            "plan": self.plan.id,
            "title": self.plan.title,
            "as_of": self.as_of.isoformat(),
            "period": self.period,
            "audience": self.audience,
            "k": self.k if self.audience == "public" else None,
            "units_as_of": None if self.units_as_of is None else self.units_as_of.isoformat(),
            "area": self.area,
            "timeliness": status,
            "indicators": [r.to_dict() for r in self.indicators],
            "targets": [self._target(t) for t in self.targets],
            "findings": [f.to_dict() for f in self.findings],
        }

    def _target(self, result: TargetResult) -> dict[str, Any]:
        out = result.to_dict()
        if self.audience == "public":
            out.setdefault("withheld", None)
        return out

    def to_pandas(self) -> dict[str, pd.DataFrame]:
        """Tables as pandas DataFrames: ``timeliness``, ``rates``, ``indicators``,
        ``targets``, ``findings`` (needs pandas)."""
        frames: dict[str, pd.DataFrame] = presenter().frames(self)
        return frames


def _area_unit(plan: Plan) -> tuple[str, Level] | None:
    if plan.area is None:
        return None
    return plan.area, plan.hierarchy.get(plan.area).level


def evaluate(
    plan: Plan,
    *,
    as_of: date,
    submissions: Iterable[Submission] | None = None,
    incidents: Sequence[Incident] | None = None,
    values: DataValueSet | Iterable[DataValue] | None = None,
    catalog: Catalog | None = None,
    calendar: WorkingCalendar | None = None,
    period: str | None = None,
    audience: str = "internal",
    k: int = DEFAULT_K,
    extra_targets: Iterable[Target] | None = None,
    findings: Sequence[Finding] = (),
    units_as_of: date | None = None,
    register: UnitRegister | None = None,
    split_weights: Mapping[tuple[str, str], float] | None = None,
) -> Evaluation:
    """Evaluate ``plan`` as of ``as_of``.

    Args:
        submissions: reports received (None: timeliness is left out).
        incidents: incidents that trigger reports (None: not given).
        values: reported figures (None: indicators and targets have no data).
        catalog: indicators and national targets (default: the catalog ``values`` were
            checked against, or the national catalog).
        calendar: working days for deadlines (Vietnam's public calendar by default).
        period: the period the figures are evaluated for (default: the plan's year,
            read under the plan's period convention).
        audience: ``internal`` or ``public`` (disclosure control with threshold ``k``,
            see the module).
        extra_targets: targets besides the plan's own (default: the catalog's national
            targets).
        findings: findings met while loading the inputs, reported with the rest.
        units_as_of: carry the figures onto the units in force on this day before rolling
            them up (:mod:`child_welfare_plan.rules.remap`); the indicators are then those
            of the units of that day, and the plan's targets are measured on the lowest
            unit holding them all.
        register: the unit register to carry the figures with (needed with
            ``units_as_of``).
        split_weights: shares of divided units, ``(old code, new code) → share``.
    """
    if audience not in AUDIENCES:
        raise InvalidValueError(
            Message(
                "audience {audience!r} (expected one of {choices})",
                audience=audience,
                choices=", ".join(AUDIENCES),
            )
        )
    if k < 2:
        raise InvalidValueError(Message("k: {k} (expected 2 or more)", k=k))
    if audience == "public" and units_as_of is not None:
        raise InvalidValueError(
            Message(
                "a public evaluation does not go with units_as_of: figures carried onto other "
                "units are estimates the disclosure control cannot protect"
            )
        )
    if catalog is None:
        catalog = values.catalog if isinstance(values, DataValueSet) else national_catalog()
    period = period or str(plan.year)
    every_finding = list(findings)

    public = audience == "public"
    status = None
    if submissions is not None:
        status = timeliness(plan, submissions, as_of=as_of, calendar=calendar, incidents=incidents)
        every_finding += status.findings
        if public:
            status = public_timeliness(plan, status)

    frame = plan
    carried = None
    if values is not None and units_as_of is not None:
        if register is None:
            raise InvalidValueError(Message("evaluate: units_as_of needs a unit register"))
        carried = carry(
            plan,
            values,
            catalog,
            register=register,
            as_of=units_as_of,
            weights=split_weights,
            periods=[period],
        )
        frame = carried.plan
    area = _area_unit(frame)
    keys = [code for code in KEY_INDICATORS if catalog.has("indicator", code)]
    targets = [*plan.all_targets(), *(catalog.targets if extra_targets is None else extra_targets)]
    result = None
    rows: list[IndicatorRow] = []
    measurements: dict[str, Measurement] = {}
    figures: PublicFigures | None = None
    if values is not None:
        data = value_set(plan, values, catalog)
        levels = [Level.COMMUNE] + ([area[1]] if area and area[1] is not Level.COMMUNE else [])
        if carried is not None:
            result = carried.aggregate(levels)
        else:
            result = aggregate(plan, data, catalog, level=levels, periods=[period])
        every_finding += result.findings
        units = [*frame.area_units(Level.COMMUNE)]
        if area is not None:
            units.append(frame.hierarchy.get(area[0]))
        for unit in units:
            for code in keys:
                got = result.get(unit.code, period, code)
                rows.append(
                    IndicatorRow(
                        unit=unit.code,
                        name=unit.name,
                        level=unit.level,
                        indicator=code,
                        value=None if got is None else got.value,
                        coverage=None if got is None else got.coverage,
                        complete=None if got is None else got.complete,
                        reason=Message("no value reported") if got is None else got.reason,
                        estimated=False if got is None else got.estimated,
                    )
                )
        scope_default = area[0] if area else None
        for target in targets:
            if target.indicator is None:
                continue
            scope = target.scope or scope_default
            got = result.get(scope, period, target.indicator) if scope else None
            if got is not None:
                measurements[target.id] = Measurement.from_aggregate(got)
        if public:
            figures = public_figures(plan, data, catalog, k=k)
            rows = [_withhold(r, figures, period) for r in rows]
    results = evaluate_targets(
        [t for t in targets if t.indicator is not None], measurements, as_of.year
    )
    if figures is not None:
        scopes = {t.id: t.scope or (area[0] if area else None) for t in targets}
        results = tuple(_withhold_target(r, figures, scopes.get(r.target), period) for r in results)
    if public:
        every_finding = [quiet_finding(f) for f in every_finding]
    return Evaluation(
        plan=plan,
        as_of=as_of,
        period=period,
        audience=audience,
        k=k,
        timeliness=status,
        aggregates=None if public else result,
        indicators=rows,
        targets=results,
        findings=every_finding,
        units_as_of=units_as_of if carried is not None else None,
        area=area[0] if area else None,
    )


def _withhold(row: IndicatorRow, figures: PublicFigures, period: str) -> IndicatorRow:
    if row.value is None:
        return row
    why = figures.withheld(row.unit, period, row.indicator)
    return row if why is None else attrs.evolve(row, withheld=why.value)


def _withhold_target(
    result: TargetResult, figures: PublicFigures, scope: str | None, period: str
) -> TargetResult:
    if result.indicator is None or scope is None or result.actual is None:
        return result
    why = figures.withheld(scope, period, result.indicator)
    return result if why is None else withhold_target(result, "derived")
