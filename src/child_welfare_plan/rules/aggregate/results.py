"""What an aggregation gives: one named row per rolled-up value, and the result that holds
them with the findings."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from child_welfare_plan.model.findings import Finding, has_errors
from child_welfare_plan.model.units import Level
from child_welfare_plan.presentation import Presentable, presenter

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "AGGREGATE_COLUMNS",
    "AggregateLabels",
    "AggregateResult",
    "AggregateRow",
    "AggregateValue",
    "number",
]


class AggregateRow(NamedTuple):
    """One rolled-up value as the engine writes it (see :class:`AggregateValue`)."""

    unit: str
    level: str
    period: str
    indicator: str
    disaggregation: str
    value: float | None
    coverage: float
    complete: bool
    reported: int
    expected: int
    reason: str | None
    numerator: float | None
    denominator: float | None
    share: float | None
    estimated: bool = False


#: The fields of :class:`AggregateRow` and :class:`AggregateValue`, in order.
AGGREGATE_COLUMNS: tuple[str, ...] = AggregateRow._fields


def number(value: float | None, whole: bool) -> float | int | None:
    """A value as JSON shows it: a whole count as an int."""
    if value is None:
        return None
    if whole and value.is_integer():
        return int(value)
    return value


@attrs.frozen(kw_only=True)
class AggregateValue:
    """One rolled-up figure: a unit's value of an indicator for a period and breakdown.

    ``coverage`` is the share of the expected reporting units that reported (0..1) and
    ``complete`` says that all of them reported the whole period; ``reported`` and
    ``expected`` are those numbers of units. ``value`` is None when it is undefined (no unit
    reported, a zero denominator), with ``reason`` saying why. A ratio or a share carries
    its ``numerator`` and ``denominator``; a boolean carries the ``share`` (0..1) of the
    reporting units where it is true. ``estimated`` says that the value includes figures
    apportioned by assumed shares (a divided unit's values carried across a reform with
    ``--split-weights``).
    """

    unit: str
    level: Level = attrs.field(converter=Level)
    period: str
    indicator: str
    disaggregation: str = ""
    value: float | None
    coverage: float
    complete: bool
    reported: int
    expected: int
    reason: str | None = None
    numerator: float | None = None
    denominator: float | None = None
    share: float | None = None
    estimated: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (design §7) with every extra key."""
        out = {name: getattr(self, name) for name in AGGREGATE_COLUMNS}
        out["level"] = self.level.value
        return out


class AggregateLabels(NamedTuple):
    """The words :meth:`AggregateResult.to_dict` writes beside the codes a person reads:
    each unit's ``name`` and each indicator's ``(indicator_name, indicator_unit)``, looked up
    by code (a mapping may compute an entry on its first lookup, so that a national roll-up
    looks each distinct code up once)."""

    units: Mapping[str, str | None]
    indicators: Mapping[str, tuple[str, str]]


@attrs.frozen
class AggregateResult(Presentable):
    """What :func:`aggregate` returns: the rolled-up values and every finding.

    ``rows`` holds the values as :class:`AggregateRow` named tuples (cheap at national
    scale); :attr:`values` gives them as :class:`AggregateValue` objects.
    ``computed`` and ``booleans`` name the ratio/share and the boolean indicators, whose
    rows carry ``numerator``/``denominator`` and ``share`` in :meth:`to_dict`; ``convention``
    is the plan's period convention (``calendar`` or ``nd09``).
    """

    plan: str
    rows: tuple[AggregateRow, ...] = attrs.field(repr=False)
    findings: tuple[Finding, ...] = ()
    periods: tuple[str, ...] = ()
    levels: tuple[Level, ...] = ()
    computed: frozenset[str] = frozenset()
    booleans: frozenset[str] = frozenset()
    convention: str = "calendar"
    """The plan's period convention: where the periods of :attr:`periods` begin and end."""
    _values: tuple[AggregateValue, ...] | None = attrs.field(
        default=None, init=False, eq=False, repr=False
    )
    _index: dict[tuple[str, str, str, str], AggregateRow] | None = attrs.field(
        default=None, init=False, eq=False, repr=False
    )

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[AggregateValue]:
        return iter(self.values)

    @property
    def values(self) -> tuple[AggregateValue, ...]:
        """Every value, as :class:`AggregateValue` objects (built on first use)."""
        if self._values is None:
            built = tuple(AggregateValue(**row._asdict()) for row in self.rows)
            object.__setattr__(self, "_values", built)
        assert self._values is not None
        return self._values

    def get(
        self, unit: str, period: str, indicator: str, disaggregation: str = ""
    ) -> AggregateValue | None:
        """The value for a unit, period, indicator and breakdown (canonical string), if any."""
        if self._index is None:
            index = {(r.unit, r.period, r.indicator, r.disaggregation): r for r in self.rows}
            object.__setattr__(self, "_index", index)
        assert self._index is not None
        row = self._index.get((unit, period, indicator, disaggregation))
        if row is None:
            return None
        return AggregateValue(**row._asdict())

    def has_errors(self) -> bool:
        """True when an error-level finding remains."""
        return has_errors(self.findings)

    def to_dict(self, labels: AggregateLabels | None = None) -> dict[str, Any]:
        """The JSON of ``cwp aggregate`` (design §7): ``{"plan", "values", "findings"}``;
        each value has the keys of design §7 with ``reported``, ``expected`` and ``reason``,
        a ratio or share adds ``numerator`` and ``denominator``, a boolean ``share``; every
        value ends with ``estimated``. With ``labels``, each value also has the unit's
        ``name`` after ``unit``, and ``indicator_name`` and ``indicator_unit`` after
        ``indicator``."""
        if labels is not None:
            return {
                "plan": self.plan,
                "values": self._labelled(labels),
                "findings": [f.to_dict() for f in self.findings],
            }
        computed, booleans = self.computed, self.booleans
        out: list[dict[str, Any]] = []
        append = out.append
        # Dict displays, not dict(zip(...)): a third faster on the 600,000 rows of a
        # national roll-up. The keys are AGGREGATE_COLUMNS in order.
        for u, lv, p, ind, key, v, cov, full, n, n_exp, why, num, den, share, est in self.rows:
            if ind in computed:
                append(
                    {
                        "unit": u,
                        "level": lv,
                        "period": p,
                        "indicator": ind,
                        "disaggregation": key,
                        "value": v,
                        "coverage": cov,
                        "complete": full,
                        "reported": n,
                        "expected": n_exp,
                        "reason": why,
                        "numerator": num,
                        "denominator": den,
                        "estimated": est,
                    }
                )
            elif ind in booleans:
                append(
                    {
                        "unit": u,
                        "level": lv,
                        "period": p,
                        "indicator": ind,
                        "disaggregation": key,
                        "value": v,
                        "coverage": cov,
                        "complete": full,
                        "reported": n,
                        "expected": n_exp,
                        "reason": why,
                        "share": share,
                        "estimated": est,
                    }
                )
            else:
                append(
                    {
                        "unit": u,
                        "level": lv,
                        "period": p,
                        "indicator": ind,
                        "disaggregation": key,
                        "value": v,
                        "coverage": cov,
                        "complete": full,
                        "reported": n,
                        "expected": n_exp,
                        "reason": why,
                        "estimated": est,
                    }
                )
        return {
            "plan": self.plan,
            "values": out,
            "findings": [f.to_dict() for f in self.findings],
        }

    def _labelled(self, labels: AggregateLabels) -> list[dict[str, Any]]:
        """The values of :meth:`to_dict` with their labels (the same dict displays, for
        the same speed, with three keys more)."""
        computed, booleans = self.computed, self.booleans
        names, indicators = labels
        out: list[dict[str, Any]] = []
        append = out.append
        for u, lv, p, ind, key, v, cov, full, n, n_exp, why, num, den, share, est in self.rows:
            words = indicators[ind]
            if ind in computed:
                append(
                    {
                        "unit": u,
                        "name": names[u],
                        "level": lv,
                        "period": p,
                        "indicator": ind,
                        "indicator_name": words[0],
                        "indicator_unit": words[1],
                        "disaggregation": key,
                        "value": v,
                        "coverage": cov,
                        "complete": full,
                        "reported": n,
                        "expected": n_exp,
                        "reason": why,
                        "numerator": num,
                        "denominator": den,
                        "estimated": est,
                    }
                )
            elif ind in booleans:
                append(
                    {
                        "unit": u,
                        "name": names[u],
                        "level": lv,
                        "period": p,
                        "indicator": ind,
                        "indicator_name": words[0],
                        "indicator_unit": words[1],
                        "disaggregation": key,
                        "value": v,
                        "coverage": cov,
                        "complete": full,
                        "reported": n,
                        "expected": n_exp,
                        "reason": why,
                        "share": share,
                        "estimated": est,
                    }
                )
            else:
                append(
                    {
                        "unit": u,
                        "name": names[u],
                        "level": lv,
                        "period": p,
                        "indicator": ind,
                        "indicator_name": words[0],
                        "indicator_unit": words[1],
                        "disaggregation": key,
                        "value": v,
                        "coverage": cov,
                        "complete": full,
                        "reported": n,
                        "expected": n_exp,
                        "reason": why,
                        "estimated": est,
                    }
                )
        return out

    def to_pandas(self) -> pd.DataFrame:
        """The values as a pandas DataFrame, one row per value (needs pandas)."""
        frame: pd.DataFrame = presenter().frames(self)
        return frame
