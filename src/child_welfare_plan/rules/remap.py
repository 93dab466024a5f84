"""Figures carried across a reform: values mapped onto the units in force on a day, then
rolled up.

:func:`aggregate_as_of` answers "what do the 2023 figures of Tứ Kỳ district come to on the
communes of 01/07/2025?". Each reporting unit's value for a period (rolled up over time
first) is carried along the successions of the unit register to the units in force on the
day (:meth:`~child_welfare_plan.model.successions.UnitRegister.forward`); the carried
values are then rolled up the tree of that day by the usual engine
(:mod:`child_welfare_plan.rules.aggregate`).

* **Merges add up**, flows and stocks alike: a unit formed from several holds the sum of
  their values.
* **A split unit's values are refused** (an error finding naming the unit and its
  successors) unless the caller gives the shares of the split (``weights``: old code, new
  code, share, covering every successor and adding up to 1); the values are then
  apportioned and every figure they reach is marked ``estimated``.
* Only figures that add up across units (counts and amounts summed over units) cross a
  merge or a split; a yes/no indicator or an average passes only to a unit formed from
  that one unit alone (a warning says what was left out).
* **Coverage counts the predecessor units**: a unit of the day is expected to hold the
  figures of every unit of the period's end that lies in it (whether the data names them
  or not), and its coverage is the part of those that reported. Above it, a unit expects
  the predecessors of all its units of the day. So the province a district's figures land
  in shows how little of it they cover.
* Ratios and shares are recomputed from the carried parts, as always.

A unit's values are read as those of the unit that had its code at the end of the period
(the register knows when a code was reused). Nothing is counted twice or lost in silence:
each value goes to its successors in shares adding up to 1, or is refused with a finding.

References:
    * Resolution 202/2025/QH15 and the resolutions of the National Assembly Standing
      Committee of 16/06/2025 on each province's communes (the reform of 01/07/2025).
    * DHIS2 documentation, organisation unit merge and split (check): the data values of
      merged units are added; a split needs a rule for them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

import attrs

from child_welfare_plan.catalogs import Catalog, national_catalog
from child_welfare_plan.errors import CwpError
from child_welfare_plan.errors import reason as said
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.findings import Finding, Severity
from child_welfare_plan.model.indicators import DataValue, Indicator, UnitAggregation
from child_welfare_plan.model.periods import Period
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.model.successions import (
    Link,
    Succession,
    SuccessionKind,
    UnitKey,
    UnitRegister,
    Weights,
    unit_key,
)
from child_welfare_plan.model.units import AdministrativeUnit, Level, validity
from child_welfare_plan.rules.aggregate import (
    AggregateResult,
    AggregateRow,
    DataValueSet,
    levels_for,
    periods_for,
)
from child_welfare_plan.rules.aggregate.engine import Engine
from child_welfare_plan.rules.aggregate.series import Series

__all__ = [
    "FINDING_CODES",
    "Carried",
    "Remapped",
    "aggregate_as_of",
    "carry",
    "check_weights",
]

FINDING_CODES: dict[str, Severity] = {
    "split-unit-without-weights": Severity.ERROR,
    "bad-split-weights": Severity.ERROR,
    "unit-not-in-register": Severity.ERROR,
    "unit-without-successor": Severity.ERROR,
    "cannot-carry-back": Severity.ERROR,
    "not-additive-across-units": Severity.WARNING,
}
"""Every code the carrying can add, with its severity."""

_TOLERANCE = 1e-6


def _finding(code: str, message: str) -> Finding:
    return Finding(FINDING_CODES[code], code, message)


def _name(unit: AdministrativeUnit) -> str:
    return f"{unit.code} {unit.name}"


def _listed(names: list[str]) -> str:
    """``names`` as a list in words: "A, B and C" ("A, B và C" in Vietnamese)."""
    if len(names) < 2:
        return "".join(names)
    return Message("{first} and {last}", first=", ".join(names[:-1]), last=names[-1])


def check_weights(
    register: UnitRegister, weights: Mapping[tuple[str, str], float]
) -> tuple[dict[tuple[str, str], float], list[Finding]]:
    """The usable shares of ``weights`` and a finding for each problem: a pair that is not
    a split of the register, or a split whose shares do not name every successor or do not
    add up to 1 (its shares are then all dropped, so its values are refused)."""
    splits: dict[tuple[str, str], list[Succession]] = {}
    for item in register.successions:
        if item.kind is SuccessionKind.SPLIT:
            splits.setdefault((item.old, item.new), []).append(item)
    findings: list[Finding] = []
    by_unit: dict[UnitKey, dict[str, float]] = {}
    units: dict[UnitKey, AdministrativeUnit] = {}
    for (old, new), share in sorted(weights.items()):
        found = splits.get((old, new))
        if not found:
            findings.append(
                _finding(
                    "bad-split-weights",
                    Message(
                        "split weights name {old} → {new}, which is not a division of a unit "
                        "in the register of units",
                        old=old,
                        new=new,
                    ),
                )
            )
            continue
        for item in found:
            unit = register.old_unit(item)
            units[unit_key(unit)] = unit
            by_unit.setdefault(unit_key(unit), {})[new] = share
    usable: dict[tuple[str, str], float] = {}
    for key, given in by_unit.items():
        unit = units[key]
        successors = [s.new for s in register.successors(unit)]
        missing = [code for code in successors if code not in given]
        total = math.fsum(given.values())
        if missing:
            findings.append(
                _finding(
                    "bad-split-weights",
                    Message(
                        "split weights for {unit} name {given} but not {missing}: give a share "
                        "for every unit it was divided between",
                        unit=_name(unit),
                        given=", ".join(sorted(given)),
                        missing=", ".join(missing),
                    ),
                )
            )
        elif abs(total - 1.0) > _TOLERANCE:
            findings.append(
                _finding(
                    "bad-split-weights",
                    Message(
                        "split weights for {unit} add up to {total:g}, not 1",
                        unit=_name(unit),
                        total=total,
                    ),
                )
            )
        else:
            usable.update({(unit.code, new): share for new, share in given.items()})
    return usable, findings


@attrs.frozen(kw_only=True)
class Remapped:
    """What :func:`aggregate_as_of` gives: the units of the day the figures landed on (a
    plan frame: those units and their parents, the area being their lowest common
    ancestor) and the rolled-up result."""

    plan: Plan
    result: AggregateResult
    as_of: date


class _Target:
    """What one unit of the day holds for one series: the sum carried, the predecessors
    that reported (with the part of the period each reported) and whether an assumed share
    was used."""

    __slots__ = ("estimated", "sources", "value")

    def __init__(self) -> None:
        self.value = 0.0
        self.sources: dict[UnitKey, float] = {}
        self.estimated = False


class Carried:
    """Values carried onto the units in force on ``as_of``: call :meth:`aggregate`."""

    def __init__(
        self,
        plan: Plan,
        data: DataValueSet,
        catalog: Catalog,
        register: UnitRegister,
        as_of: date,
        weights: Weights,
        periods: tuple[Period, ...],
        findings: Sequence[Finding] = (),
    ) -> None:
        self.source = plan
        self.catalog = catalog
        self.register = register
        self.as_of = as_of
        self.weights = weights
        self.periods = periods
        self.findings: list[Finding] = []
        self._versions: dict[tuple[str, str], AdministrativeUnit | None] = {}
        self._links: dict[UnitKey, tuple[Link, ...] | None] = {}
        self._refused: dict[UnitKey, tuple[AdministrativeUnit, set[str]]] = {}
        self._unsummed: dict[str, dict[UnitKey, AdministrativeUnit]] = {}
        self._noted: set[tuple[str, ...]] = set()
        self._targets: dict[str, AdministrativeUnit] = {}
        self._held: dict[tuple[str, str, str], dict[str, _Target]] = {}
        self._expected: dict[tuple[str, str], int] = {}
        self._sources: dict[tuple[str, str], tuple[AdministrativeUnit, ...]] = {}
        codes = data._codes
        source = Engine(plan, data, catalog, levels_for(plan, None), periods)
        groups: dict[str, dict[str, dict[str, Series]]] = {}
        for (code, period_id), group in data._groups.items():
            groups.setdefault(code, {})[period_id] = group
        for period in periods:
            for leaf in data._leaves:
                self._reach(codes[leaf], period)
            for ind in catalog.indicators:
                if ind.is_computed or ind.code not in groups:
                    continue
                for key, values, fractions in source.leaf_values(ind, period, groups[ind.code]):
                    for uid, value in values.items():
                        self._carry(ind, period, key, codes[uid], value, fractions.get(uid, 1.0))
        self.findings = [
            *data.findings,
            *findings,
            *source.findings,
            *self.findings,
            *self._refusals(),
        ]
        self.plan = self._frame()

    # Following units --------------------------------------------------------------------

    def _version(self, code: str, period: Period) -> AdministrativeUnit | None:
        """The unit that had ``code`` at the end of ``period`` (else during it)."""
        cache = (code, period.id)
        if cache in self._versions:
            return self._versions[cache]
        found: AdministrativeUnit | None = None
        versions = self.register.versions(code)
        for day in (period.end, period.start):
            found = next((u for u in versions if u.active_on(day)), None)
            if found is not None:
                break
        if found is None:
            inside = [u for u in versions if u.active_between(period.start, period.end)]
            found = inside[-1] if inside else None
        self._versions[cache] = found
        return found

    def _follow(self, unit: AdministrativeUnit) -> tuple[Link, ...] | None:
        """Where the unit lies on the day (None when it cannot be carried there)."""
        key = unit_key(unit)
        if key not in self._links:
            try:
                self._links[key] = self.register.forward(unit, self.as_of, self.weights)
            except CwpError as exc:
                self._links[key] = None
                self._note(("back", unit.code), "cannot-carry-back", said(exc))
        return self._links[key]

    def _reach(self, code: str, period: Period) -> None:
        """Every unit of the day a reporting unit may land on joins the frame."""
        unit = self._version(code, period)
        links = self._follow(unit) if unit is not None else None
        for link in links or ():
            self._targets.setdefault(link.unit.code, link.unit)

    def _note(self, once: tuple[str, ...], code: str, message: str) -> None:
        if once not in self._noted:
            self._noted.add(once)
            self.findings.append(_finding(code, message))

    def _carry(
        self, ind: Indicator, period: Period, key: str, code: str, value: float, part: float
    ) -> None:
        unit = self._version(code, period)
        if unit is None:
            self._note(
                ("register", code),
                "unit-not-in-register",
                f"unit {code} is not in the register of units for {period.id}: its values "
                f"cannot be carried to the units of {self.as_of}",
            )
            return
        links = self._follow(unit)
        if links is None:
            return
        if not links:
            self._note(
                ("lost", code),
                "unit-without-successor",
                f"{_name(unit)} ({validity(unit)}) has no known successor: its values are not "
                f"carried to the units of {self.as_of}",
            )
            return
        if any(link.share is None for link in links):
            for link in links:
                for split in link.splits:
                    old = self.register.old_unit(split)
                    entry = self._refused.setdefault(unit_key(old), (old, set()))
                    entry[1].add(period.id)
            return
        additive = ind.is_additive and ind.unit_aggregation is UnitAggregation.SUM
        if not additive and not self._alone(unit, links, period):
            self._unsummed.setdefault(ind.code, {})[unit_key(unit)] = unit
            return
        held = self._held.setdefault((ind.code, period.id, key), {})
        for link in links:
            share = link.share if link.share is not None else 0.0
            target = held.get(link.unit.code)
            if target is None:
                target = held[link.unit.code] = _Target()
            target.value += value * share
            target.sources[unit_key(unit)] = part
            target.estimated = target.estimated or link.estimated

    def _alone(self, unit: AdministrativeUnit, links: tuple[Link, ...], period: Period) -> bool:
        """True when the unit passed whole to one unit formed from it alone."""
        if len(links) != 1 or links[0].share != 1.0:
            return False
        return self.predecessors(links[0].unit, period) == (unit,)

    def predecessors(
        self, unit: AdministrativeUnit, period: Period
    ) -> tuple[AdministrativeUnit, ...]:
        """The units of the end of ``period`` that lie in ``unit`` (a unit of the day)."""
        cache = (unit.code, period.id)
        if cache not in self._sources:
            day = min(period.end, self.as_of)
            try:
                self._sources[cache] = self.register.backward(unit, day)
            except CwpError:
                self._sources[cache] = (unit,)
        return self._sources[cache]

    def _refusals(self) -> list[Finding]:
        out = [
            _finding(
                "not-additive-across-units",
                Message(
                    "{indicator} does not add up across units: the values of {units} are not "
                    "carried to the units of {as_of}, each of which merges or divides units",
                    indicator=code,
                    units=", ".join(_name(u) for u in sorted(units.values(), key=lambda u: u.code)),
                    as_of=self.as_of,
                ),
            )
            for code, units in self._unsummed.items()
        ]
        for old, periods in sorted(self._refused.values(), key=lambda item: item[0].code):
            successors = self.register.successors(old)
            names = [_name(self.register.new_unit(s)) for s in successors]
            day = successors[0].effective if successors else self.as_of
            out.append(
                _finding(
                    "split-unit-without-weights",
                    Message(
                        "{unit} was divided on {day} between {names}: its values for "
                        "{periods} are not carried to the units of {as_of}; give the shares "
                        "of the division with --split-weights (old code, new code, share)",
                        unit=_name(old),
                        day=day,
                        names=_listed(names),
                        periods=", ".join(sorted(periods)),
                        as_of=self.as_of,
                    ),
                )
            )

        return out

    # The frame and the roll-up -----------------------------------------------------------

    def _frame(self) -> Plan:
        """The units of the day the values land on, with their parents, as a plan whose
        area is their lowest common ancestor (none when they have none)."""
        tree = self.register.hierarchy
        chains = []
        keep: dict[str, AdministrativeUnit] = {}
        for unit in self._targets.values():
            chain = [unit, *tree.ancestors(unit.code, self.as_of)]
            chains.append([u.code for u in chain])
            for item in chain:
                keep.setdefault(item.code, item)
        area = None
        if chains:
            common = set(chains[0]).intersection(*chains[1:])
            area = next((code for code in chains[0] if code in common), None)
        units = [
            attrs.evolve(u, valid_from=None, valid_to=None)
            for u in sorted(keep.values(), key=lambda u: (u.level.rank, u.code))
        ]
        return Plan(
            id=self.source.id,
            title=self.source.title,
            year=self.source.year,
            issuer=self.source.issuer,
            area=area,
            units=units,
            period_convention=self.source.period_convention,
        )

    def expected(self, code: str, period: Period) -> int:
        """The units of the end of ``period`` expected to report into unit ``code`` of the
        day: the predecessors of every unit of the day at the bottom of its tree (a divided
        unit counted once)."""
        cache = (code, period.id)
        if cache not in self._expected:
            tree = self.register.hierarchy
            leaves = tree.leaves(code, on=self.as_of)
            found = {unit_key(u) for leaf in leaves for u in self.predecessors(leaf, period)}
            self._expected[cache] = len(found)
        return self._expected[cache]

    def aggregate(
        self, level: Level | str | Sequence[Level | str] | None = None
    ) -> AggregateResult:
        """Roll the carried values up the tree of the day to ``level`` (default: the area's
        level), with coverage counted in predecessor units."""
        frame = self.plan
        data = DataValueSet(frame, self.catalog)
        by_code = {ind.code: ind for ind in self.catalog.indicators}
        periods = {p.id: p for p in self.periods}
        for (ind_code, period_id, key), held in self._held.items():
            for code, target in held.items():
                data.carry(code, by_code[ind_code], periods[period_id], key, target.value)
        data.seal()
        levels = levels_for(frame, level)
        result = Engine(frame, data, self.catalog, levels, self.periods, exact=True).run()
        rows = self._adjust(result.rows)
        return attrs.evolve(result, rows=rows, findings=(*self.findings, *result.findings))

    def _adjust(self, rows: Iterable[AggregateRow]) -> tuple[AggregateRow, ...]:
        """Coverage in predecessor units, and the estimated flag, for every row."""
        tree = self.plan.hierarchy
        below: dict[str, list[str]] = {}
        out: list[AggregateRow] = []
        fixed: dict[tuple[str, str, str, str], AggregateRow] = {}
        periods = {p.id: p for p in self.periods}
        catalog = self.catalog
        for row in rows:
            ind = catalog.indicator(row.indicator)
            if ind.is_computed:
                out.append(row)
                continue
            leaves = below.get(row.unit)
            if leaves is None:
                leaves = below[row.unit] = [u.code for u in tree.leaves(row.unit)]
            held = self._held.get((row.indicator, row.period, row.disaggregation), {})
            parts = [held[c] for c in leaves if c in held]
            expected = self.expected(row.unit, periods[row.period])
            sources: dict[UnitKey, float] = {}
            for target in parts:
                sources.update(target.sources)
            reported = len(sources)
            shares = math.fsum(sources.values())
            new = row._replace(
                coverage=shares / expected if expected else 0.0,
                complete=reported == expected and abs(shares - expected) < _TOLERANCE,
                reported=reported,
                expected=expected,
                estimated=any(t.estimated for t in parts),
            )
            fixed[(row.unit, row.period, row.indicator, row.disaggregation)] = new
            out.append(new)
        return tuple(self._adjust_computed(row, fixed) for row in out)

    def _adjust_computed(
        self, row: AggregateRow, fixed: dict[tuple[str, str, str, str], AggregateRow]
    ) -> AggregateRow:
        ind = self.catalog.indicator(row.indicator)
        if not ind.is_computed or ind.numerator is None:
            return row
        top = fixed.get((row.unit, row.period, ind.numerator, row.disaggregation))
        bottom = (
            fixed.get((row.unit, row.period, ind.denominator, row.disaggregation))
            if ind.denominator is not None
            else top
        )
        if top is None or bottom is None:
            return row
        return row._replace(
            coverage=min(top.coverage, bottom.coverage),
            complete=top.complete and bottom.complete,
            reported=min(top.reported, bottom.reported),
            expected=top.expected,
            estimated=top.estimated or bottom.estimated,
        )


def carry(
    plan: Plan,
    values: DataValueSet | Iterable[DataValue],
    catalog: Catalog | None = None,
    *,
    register: UnitRegister,
    as_of: date,
    weights: Mapping[tuple[str, str], float] | None = None,
    periods: Sequence[Period | str] | None = None,
) -> Carried:
    """Carry ``values`` (reported for ``plan``'s units) onto the units in force on
    ``as_of``; findings of the data, of the weights and of the carrying are gathered on
    the result. See the module docs for the rules."""
    if catalog is None:
        catalog = values.catalog if isinstance(values, DataValueSet) else national_catalog()
    if isinstance(values, DataValueSet):
        data = values
    else:
        data = DataValueSet(plan, catalog)
        data.extend(
            (n, v.unit, v.period, v.indicator, v.disaggregation, v.value)
            for n, v in enumerate(values, start=1)
        )
    data.finish()
    usable, problems = check_weights(register, weights or {})
    wanted = periods_for(plan, data, periods)
    return Carried(plan, data, catalog, register, as_of, usable, wanted, problems)


def aggregate_as_of(
    plan: Plan,
    values: DataValueSet | Iterable[DataValue],
    catalog: Catalog | None = None,
    *,
    register: UnitRegister,
    as_of: date,
    weights: Mapping[tuple[str, str], float] | None = None,
    level: Level | str | Sequence[Level | str] | None = None,
    periods: Sequence[Period | str] | None = None,
) -> Remapped:
    """Carry ``values`` onto the units in force on ``as_of`` and roll them up to
    ``level`` (default: the level of the lowest unit that holds them all).

    Raises:
        InvalidValueError: a level above that unit, or a period that cannot be read.
    """
    carried = carry(
        plan, values, catalog, register=register, as_of=as_of, weights=weights, periods=periods
    )
    return Remapped(plan=carried.plan, result=carried.aggregate(level), as_of=as_of)
