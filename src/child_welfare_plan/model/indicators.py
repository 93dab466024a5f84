"""Indicators, their dimensions, and the values reported for them.

An indicator says how its values roll up on two axes (DHIS2 style): over time (a stock
takes the last value of the period, a flow the sum) and over the unit tree. Ratios are
numerator / denominator × factor, computed after aggregation, never sent; a share is the
part of the units where a yes/no indicator is true, also computed.

Values are reported for the periods of the periodic reporting regime (monthly, quarterly,
six-monthly, yearly); an indicator may narrow that list with ``period_types``.

References:
    * Circular 13/2021/TT-BLĐTBXH (30/9/2021): statistical indicators on children.
    * Decree 09/2019/NĐ-CP (24/01/2019), Art. 12: the periods of periodic reports (monthly,
      quarterly, six-monthly, yearly).
    * DHIS2 documentation, "Aggregation" (aggregation types, period types).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

import attrs

from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model import validators as v
from child_welfare_plan.model.categories import Term
from child_welfare_plan.model.cells import echo
from child_welfare_plan.model.periods import PeriodType

__all__ = [
    "REPORTING_PERIOD_TYPES",
    "DataValue",
    "Dimension",
    "Direction",
    "Indicator",
    "TimeAggregation",
    "UnitAggregation",
    "ValueType",
    "canonical_disaggregation",
    "parse_disaggregation",
]


class ValueType(StrEnum):
    """What a value measures.

    ``count`` and ``amount`` are additive (a total is the sum of its breakdown); a
    ``boolean`` is a yes/no per unit (sent as 0/1, true/false, có/không); ``ratio`` and
    ``share`` are computed after aggregation and never sent.
    """

    COUNT = "count"
    AMOUNT = "amount"
    RATIO = "ratio"
    BOOLEAN = "boolean"
    SHARE = "share"
    """The share of units where a boolean indicator (the ``numerator``) is true, × factor."""


#: The period types values may be reported for, unless an indicator narrows them: those of
#: the periodic reports of Decree 09/2019/NĐ-CP Art. 12. Daily and weekly periods are not
#: reporting periods of that regime.
REPORTING_PERIOD_TYPES: tuple[PeriodType, ...] = (
    PeriodType.MONTHLY,
    PeriodType.QUARTERLY,
    PeriodType.SIXMONTHLY,
    PeriodType.YEARLY,
)


def _period_types(values: object) -> tuple[PeriodType, ...]:
    if not isinstance(values, list | tuple):
        problem = Message("{values} is not a list of period types", values=repr(values))
        raise InvalidValueError(v.owned("Indicator", "period_types", problem))
    out: list[PeriodType] = []
    for value in values:
        try:
            out.append(PeriodType(value))
        except ValueError:
            known = ", ".join(t.value for t in PeriodType)
            problem = Message(
                "{value} is not a period type (expected one of {known})",
                value=repr(value),
                known=known,
            )
            raise InvalidValueError(v.owned("Indicator", "period_types", problem)) from None
    return tuple(out)


class TimeAggregation(StrEnum):
    """How values of sub-periods make the value of a longer period."""

    SUM = "sum"
    LAST = "last"
    AVERAGE = "average"
    MAX = "max"
    MIN = "min"
    NONE = "none"


class UnitAggregation(StrEnum):
    """How values of units make the value of their parent (``sum`` for a boolean counts
    the units where it is true)."""

    SUM = "sum"
    AVERAGE = "average"
    MAX = "max"
    MIN = "min"
    NONE = "none"


class Direction(StrEnum):
    """Which way is better."""

    HIGHER = "higher"
    LOWER = "lower"
    NONE = "none"


@attrs.frozen(kw_only=True)
class Dimension:
    """A disaggregation axis (``sex``, ``age_group``) and its allowed values."""

    code: str = attrs.field(validator=v.code)
    name: str = attrs.field(validator=v.non_empty)
    name_en: str = attrs.field(validator=v.non_empty)
    values: tuple[Term, ...] = attrs.field(converter=v.to_tuple)
    reference: str | None = None

    def __attrs_post_init__(self) -> None:
        if not self.values:
            problem = Message("dimension {code!r} has no values", code=self.code)
            raise InvalidValueError(v.owned("Dimension", "values", problem))
        seen: set[str] = set()
        for value in self.values:
            if value.code in seen:
                problem = Message(
                    "{value!r} appears twice in dimension {code!r}",
                    value=value.code,
                    code=self.code,
                )
                raise InvalidValueError(v.owned("Dimension", "values", problem))
            seen.add(value.code)

    @property
    def codes(self) -> tuple[str, ...]:
        """The allowed value codes, in catalog order."""
        return tuple(t.code for t in self.values)


@attrs.frozen(kw_only=True)
class Indicator:
    """A measured quantity with its aggregation rules.

    For a ratio, ``numerator`` and ``denominator`` name other indicators and ``factor``
    scales the quotient (100 for a percentage, 100000 for a rate per 100,000). For a share,
    ``numerator`` names a boolean indicator. ``disaggregations`` lists the dimension codes a
    value may be broken down by (for a ratio: the breakdowns computed, which both its parts
    must have). ``period_types`` narrows the period types values may be sent for (empty:
    :data:`REPORTING_PERIOD_TYPES`).
    """

    code: str = attrs.field(validator=v.code)
    name: str = attrs.field(validator=v.non_empty)
    name_en: str = attrs.field(validator=v.non_empty)
    value_type: ValueType = attrs.field(converter=ValueType)
    unit: str = ""
    unit_en: str = ""
    """The unit in English (``unit`` is Vietnamese); empty: as ``unit``."""
    time_aggregation: TimeAggregation = attrs.field(
        converter=TimeAggregation, default=TimeAggregation.SUM
    )
    unit_aggregation: UnitAggregation = attrs.field(
        converter=UnitAggregation, default=UnitAggregation.SUM
    )
    numerator: str | None = None
    denominator: str | None = None
    factor: float = 1.0
    disaggregations: tuple[str, ...] = attrs.field(
        converter=v.to_tuple, default=(), validator=v.codes
    )
    direction: Direction = attrs.field(converter=Direction, default=Direction.NONE)
    cumulative: bool = False
    references: tuple[str, ...] = attrs.field(converter=v.to_tuple, default=())
    tt13: str | None = None
    """The matching indicator of Circular 13/2021 (appendix and name), where one matches."""
    period_types: tuple[PeriodType, ...] = attrs.field(converter=_period_types, default=())
    sensitive: bool = attrs.field(
        default=attrs.Factory(lambda self: self.value_type is ValueType.COUNT, takes_self=True)
    )
    """True when a value counts children who could be identified by it (abused, dead, in
    special circumstances, helped): public outputs protect it. Counts are sensitive unless
    the catalog says otherwise (the number of children is not); amounts, yes/no values and
    computed ratios are not (a ratio is protected through its parts)."""

    def __attrs_post_init__(self) -> None:
        kind = self.value_type
        if kind is ValueType.RATIO and (self.numerator is None or self.denominator is None):
            raise InvalidValueError(
                Message(
                    "Indicator {code!r}: a ratio needs a numerator and a denominator",
                    code=self.code,
                )
            )
        if kind is ValueType.SHARE and (self.numerator is None or self.denominator is not None):
            raise InvalidValueError(
                Message(
                    "Indicator {code!r}: a share needs a numerator (the boolean indicator) and "
                    "no denominator",
                    code=self.code,
                )
            )
        if not self.is_computed and (self.numerator is not None or self.denominator is not None):
            raise InvalidValueError(
                Message(
                    "Indicator {code!r}: only a ratio (or a share) has a numerator and a "
                    "denominator (value_type is {value_type})",
                    code=self.code,
                    value_type=str(self.value_type),
                )
            )
        if self.factor <= 0:
            problem = Message(
                "{factor!r} for {code!r} (expected a positive number)",
                factor=self.factor,
                code=self.code,
            )
            raise InvalidValueError(v.owned("Indicator", "factor", problem))

    @property
    def is_ratio(self) -> bool:
        """True when values are computed from a numerator and a denominator."""
        return self.value_type is ValueType.RATIO

    @property
    def is_computed(self) -> bool:
        """True for a ratio or a share: computed after aggregation, never sent."""
        return self.value_type in (ValueType.RATIO, ValueType.SHARE)

    @property
    def is_additive(self) -> bool:
        """True for counts and amounts: a total equals the sum of a complete breakdown."""
        return self.value_type in (ValueType.COUNT, ValueType.AMOUNT)

    @property
    def allowed_period_types(self) -> tuple[PeriodType, ...]:
        """The period types values may be sent for."""
        return self.period_types or REPORTING_PERIOD_TYPES


def parse_disaggregation(text: str) -> dict[str, str]:
    """Read ``sex=female;age_group=11-15`` (any order, spaces allowed); ``""`` is the total.

    Raises:
        InvalidValueError: a part without ``=``, an empty part (``;``, ``sex=male;``: a
            total is an empty cell, never a stray separator), an empty key or value, or a
            repeated key.
    """
    result: dict[str, str] = {}
    if not text or not text.strip():
        return result
    for part in text.split(";"):
        if not part.strip():
            raise InvalidValueError(
                Message(
                    "disaggregation {text} has an empty part (a stray ';'); a total is an "
                    "empty cell",
                    text=echo(text),
                )
            )
        key, sep, value = part.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key or not value:
            raise InvalidValueError(
                Message(
                    "disaggregation {text}: {part} is not key=value (expected e.g. "
                    "'sex=female;age_group=11-15')",
                    text=echo(text),
                    part=echo(part.strip()),
                )
            )
        if key in result:
            raise InvalidValueError(
                Message(
                    "disaggregation {text}: key {key} is given twice",
                    text=echo(text),
                    key=echo(key),
                )
            )
        result[key] = value
    return result


def canonical_disaggregation(parts: Mapping[str, str]) -> str:
    """The canonical string of a disaggregation: keys sorted, ``""`` for the total."""
    return ";".join(f"{k}={parts[k]}" for k in sorted(parts))


@attrs.frozen(kw_only=True)
class DataValue:
    """One reported figure: a unit's value of an indicator for a period and breakdown.

    ``disaggregation`` is the canonical string (keys sorted), ``""`` for the total.
    """

    unit: str = attrs.field(validator=v.unit_code)
    period: str = attrs.field(validator=v.non_empty)
    indicator: str = attrs.field(validator=v.code)
    disaggregation: str = attrs.field(default="")
    value: float

    @disaggregation.validator
    def _check_canonical(self, attribute: attrs.Attribute[str], value: str) -> None:
        if canonical_disaggregation(parse_disaggregation(value)) != value:
            problem = Message(
                "{value!r} is not canonical (expected {canonical!r})",
                value=value,
                canonical=canonical_disaggregation(parse_disaggregation(value)),
            )
            raise InvalidValueError(v.owned("DataValue", "disaggregation", problem))
