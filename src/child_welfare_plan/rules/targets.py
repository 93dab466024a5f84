"""Targets judged against measured values: met, not met, on track, off track (design §4).

A :class:`~child_welfare_plan.model.Target` says ``indicator comparator value`` by ``year``
in ``scope``. :func:`evaluate_target` compares it with a :class:`Measurement` (the value an
aggregate gives for the indicator at the target's scope, with its coverage) as of a year:

* no measurement, or no value → ``no_data``, with the reason the aggregate gave;
* too little of the area reported → ``insufficient_coverage``, saying how many units did;
* in or after the target year → ``met`` when the comparator holds, else ``not_met``;
* before the target year, with a baseline → ``on_track`` when the value is at least as far
  along as the straight line from the baseline (at ``baseline_year``) to the target (at
  ``year``) requires in ``as_of_year``, in the comparator's direction; else ``off_track``;
* before the target year, without a baseline → ``on_track`` when the comparator already
  holds, else ``off_track`` (with no starting point there is no line to measure against,
  and reading "not yet there" as "behind" is the cautious choice).

Coverage: a verdict (``met``/``not_met``) needs ``min_coverage`` (default 1: every expected
unit reported, and the aggregate is complete), since a target judged on part of the area
can flip when the rest reports. Progress (``on_track``/``off_track``) needs
``min_progress_coverage`` (default 0.9), the reporting-completeness level routine
health-information reviews commonly treat as good enough to read a trend.

References:
    * Quyết định 23/QĐ-TTg ngày 07/01/2021 của Thủ tướng Chính phủ (National Programme of
      Action for Children 2021–2030): targets for 2025 and 2030.
    * IATI standard, ``result/indicator``: baseline, target and actual per period, and the
      ``ascending`` flag (which way is better).
    * WHO, Data Quality Review toolkit, Module 1 (2017), and the Countdown to 2030
      data-quality assessment: completeness of reporting, ≥ 90 % read as good.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from enum import StrEnum
from typing import Any, Protocol

import attrs

from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.i18n.localized import Message, localize
from child_welfare_plan.model.indicators import Direction
from child_welfare_plan.model.plan import Comparator, Target
from child_welfare_plan.rules.target_reasons import coverage_reason, no_value, sentence

__all__ = [
    "DEFAULT_MIN_COVERAGE",
    "DEFAULT_MIN_PROGRESS_COVERAGE",
    "Measurement",
    "SupportsMeasurement",
    "TargetResult",
    "TargetStatus",
    "evaluate_target",
    "evaluate_targets",
    "expected_value",
    "withhold_target",
]

#: Coverage needed to say ``met`` or ``not_met``: every expected unit, and complete data.
DEFAULT_MIN_COVERAGE = 1.0
#: Coverage needed to say ``on_track`` or ``off_track`` before the target year.
DEFAULT_MIN_PROGRESS_COVERAGE = 0.9

_SYMBOLS: dict[Comparator, str] = {
    Comparator.GE: "≥",
    Comparator.LE: "≤",
    Comparator.EQ: "=",
    Comparator.LT: "<",
    Comparator.GT: ">",
}


class TargetStatus(StrEnum):
    """Where a target stands."""

    MET = "met"
    NOT_MET = "not_met"
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"
    INSUFFICIENT_COVERAGE = "insufficient_coverage"
    WITHHELD = "withheld"
    """The measured value is computed from counts of children withheld from a public
    output (disclosure control), so neither it nor the verdict on it is published."""


class SupportsMeasurement(Protocol):
    """Anything with a value, a coverage and a complete flag, such as a rolled-up value."""

    @property
    def value(self) -> float | None: ...

    @property
    def coverage(self) -> float: ...

    @property
    def complete(self) -> bool: ...


def _coverage(inst: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not (isinstance(value, int | float) and 0.0 <= value <= 1.0):
        raise InvalidValueError(
            Message(
                "Measurement.coverage: {value!r} (expected a fraction from 0 to 1)", value=value
            )
        )


def _finite(inst: object, attribute: attrs.Attribute[float | None], value: float | None) -> None:
    if value is not None and not math.isfinite(value):
        raise InvalidValueError(
            Message("Measurement.value: {value!r} (expected a finite number or None)", value=value)
        )


def _count(inst: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise InvalidValueError(
            Message(
                "Measurement.{name}: {value!r} (expected a non-negative integer or None)",
                name=attribute.name,
                value=value,
            )
        )


@attrs.frozen(kw_only=True)
class Measurement:
    """What an aggregate gives for a target's indicator at its scope.

    ``value`` is None when undefined, with ``reason`` saying why. ``coverage`` is the share
    of the expected units that reported (0..1) and ``complete`` says all of them reported
    the whole period; ``reported``/``expected`` are the unit counts behind ``coverage``,
    when known, for messages. The defaults describe a complete measurement.
    """

    value: float | None = attrs.field(validator=_finite)
    period: str | None = None
    coverage: float = attrs.field(default=1.0, validator=_coverage)
    complete: bool = True
    reason: str | None = None
    reported: int | None = attrs.field(default=None, validator=_count)
    expected: int | None = attrs.field(default=None, validator=_count)

    def __attrs_post_init__(self) -> None:
        if (
            self.reported is not None
            and self.expected is not None
            and self.reported > self.expected
        ):
            raise InvalidValueError(
                Message(
                    "Measurement.reported: {reported} is more than expected={expected}",
                    reported=self.reported,
                    expected=self.expected,
                )
            )

    @classmethod
    def from_aggregate(cls, aggregate: SupportsMeasurement) -> Measurement:
        """A measurement from any rolled-up value with ``value``, ``coverage`` and
        ``complete`` (and, when present, ``period``, ``reason``, ``reported``,
        ``expected``)."""
        return cls(
            value=aggregate.value,
            period=getattr(aggregate, "period", None),
            coverage=aggregate.coverage,
            complete=aggregate.complete,
            reason=getattr(aggregate, "reason", None),
            reported=getattr(aggregate, "reported", None),
            expected=getattr(aggregate, "expected", None),
        )


@attrs.frozen(kw_only=True)
class TargetResult:
    """A target's status as of a year, with the figures and the reason behind it.

    ``expected`` is the value the straight line from the baseline to the target gives for
    ``as_of_year`` (None without a baseline). ``reason`` is always a readable sentence or
    phrase ("92.0 ≥ 90 (target for 2025)").
    """

    target: str
    indicator: str | None
    scope: str | None
    comparator: Comparator
    target_value: float
    year: int
    baseline: float | None
    baseline_year: int | None
    as_of_year: int
    actual: float | None
    expected: float | None
    period: str | None
    coverage: float | None
    status: TargetStatus
    reason: str
    text: str | None = None
    source: str | None = None
    check: str | None = None
    """What a source has not confirmed about the target, or what its reading adds."""
    withheld: str | None = None
    """Why ``actual`` is not published (``derived``: computed from withheld counts)."""

    @property
    def goal(self) -> str:
        """The target as people write it: ``≥ 90 (2025)``."""
        return f"{_SYMBOLS[self.comparator]} {_num(self.target_value)} ({self.year})"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: every key present, ``None`` where it does not apply
        (``withheld`` only on a withheld result: a public evaluation adds it to all);
        ``reason`` is English, ``reason_label`` the same in the current language."""

        out = {
            "target": self.target,
            "indicator": self.indicator,
            "scope": self.scope,
            "comparator": self.comparator.value,
            "target_value": self.target_value,
            "year": self.year,
            "baseline": self.baseline,
            "baseline_year": self.baseline_year,
            "as_of_year": self.as_of_year,
            "actual": self.actual,
            "expected": self.expected,
            "period": self.period,
            "coverage": self.coverage,
            "status": self.status.value,
            "reason": str(self.reason),
            "reason_label": localize(self.reason),
            "text": self.text,
            "source": self.source,
            "check": self.check,
        }
        if self.withheld is not None:
            out["withheld"] = self.withheld
        return out


def withhold_target(result: TargetResult, why: str) -> TargetResult:
    """The result as a public output shows it when its measured value is withheld: no
    value and no verdict (either would tell how the withheld counts compare with the
    target), ``why`` in :attr:`TargetResult.withheld`."""
    return attrs.evolve(
        result,
        actual=None,
        status=TargetStatus.WITHHELD,
        reason=Message(
            "Withheld from a public output: the value is computed from counts of children "
            "that are withheld (disclosure control)."
        ),
        withheld=why,
    )


def expected_value(target: Target, year: int) -> float | None:
    """The value the straight line from the baseline to the target gives for ``year``.

    The baseline itself up to ``baseline_year``, the target value from ``year`` on, a linear
    interpolation between; None when the target has no baseline.
    """
    if target.baseline is None or target.baseline_year is None:
        return None
    if year <= target.baseline_year:
        return target.baseline
    if year >= target.year:
        return target.value
    fraction = (year - target.baseline_year) / (target.year - target.baseline_year)
    return target.baseline + (target.value - target.baseline) * fraction


def _check_fraction(name: str, value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise InvalidValueError(
            Message("{name}: {value!r} (expected a fraction from 0 to 1)", name=name, value=value)
        )


def evaluate_target(
    target: Target,
    measurement: Measurement | None,
    *,
    as_of_year: int,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
    min_progress_coverage: float = DEFAULT_MIN_PROGRESS_COVERAGE,
    direction_hint: Direction | str | None = None,
) -> TargetResult:
    """Judge one target against its measurement as of ``as_of_year``.

    Args:
        target: the target.
        measurement: the indicator's value at the target's scope (None: nothing measured).
        as_of_year: the year the judgement is made for; from the target year on the
            verdict is ``met``/``not_met``, before it ``on_track``/``off_track``.
        min_coverage: coverage needed for a verdict; at 1 the measurement must also be
            complete.
        min_progress_coverage: coverage needed to judge progress before the target year.
        direction_hint: the indicator's direction, used only for an ``=`` target with a
            baseline: when it agrees with the way the line runs, going past the target
            before the target year still counts as on track.
    """
    _check_fraction("min_coverage", min_coverage)
    _check_fraction("min_progress_coverage", min_progress_coverage)
    hint = None if direction_hint is None else Direction(direction_hint)
    expected = expected_value(target, as_of_year)
    final = as_of_year >= target.year

    def result(status: TargetStatus, reason: str) -> TargetResult:
        return TargetResult(
            target=target.id,
            indicator=target.indicator,
            scope=target.scope,
            comparator=target.comparator,
            target_value=target.value,
            year=target.year,
            baseline=target.baseline,
            baseline_year=target.baseline_year,
            as_of_year=as_of_year,
            actual=None if measurement is None else measurement.value,
            expected=expected,
            period=None if measurement is None else measurement.period,
            coverage=None if measurement is None else measurement.coverage,
            status=status,
            reason=reason,
            text=target.text,
            source=target.source,
            check=target.check,
        )

    if measurement is None or measurement.value is None:
        given = None if measurement is None else measurement.reason
        return result(TargetStatus.NO_DATA, sentence(given) or no_value(target))
    actual = measurement.value

    threshold = min_coverage if final else min_progress_coverage
    if not _enough(measurement, threshold):
        return result(
            TargetStatus.INSUFFICIENT_COVERAGE,
            coverage_reason(measurement, threshold, target, final),
        )

    # numbers as Decimals of the text shown, so that a reader's language writes them its way
    got = Decimal(_actual(actual))
    sign, goal, year = _SYMBOLS[target.comparator], Decimal(_num(target.value)), str(target.year)
    if final:
        if target.comparator.holds(actual, target.value):
            return result(
                TargetStatus.MET,
                Message(
                    "{actual} {sign} {goal} (target for {year})",
                    actual=got,
                    sign=sign,
                    goal=goal,
                    year=year,
                ),
            )
        return result(
            TargetStatus.NOT_MET,
            Message(
                "{actual} is not {sign} {goal} (target for {year})",
                actual=got,
                sign=sign,
                goal=goal,
                year=year,
            ),
        )

    if expected is None:
        if target.comparator.holds(actual, target.value):
            return result(
                TargetStatus.ON_TRACK,
                Message(
                    "{actual} {sign} {goal} already (target for {year}; no baseline, so "
                    "progress is judged against the target)",
                    actual=got,
                    sign=sign,
                    goal=goal,
                    year=year,
                ),
            )
        return result(
            TargetStatus.OFF_TRACK,
            Message(
                "{actual} is not yet {sign} {goal} (target for {year}; no baseline, so "
                "progress is judged against the target)",
                actual=got,
                sign=sign,
                goal=goal,
                year=year,
            ),
        )

    assert target.baseline is not None and target.baseline_year is not None
    line = Message(
        "the straight line from {baseline} ({baseline_year}) to {goal} ({year}) requires in "
        "{as_of}",
        baseline=Decimal(_num(target.baseline)),
        baseline_year=str(target.baseline_year),
        goal=goal,
        year=year,
        as_of=str(as_of_year),
    )
    step = _progress_direction(target, hint)
    tolerance = 1e-9 * max(1.0, abs(expected))
    value = Decimal(_num(expected))
    if step == 0:
        on = abs(actual - expected) <= tolerance
        verdict = Message(
            "{actual} is equal to {value}, the value {line}", actual=got, value=value, line=line
        )
    elif step > 0:
        on = actual >= expected - tolerance
        verdict = Message(
            "{actual} is at least {value}, the value {line}", actual=got, value=value, line=line
        )
    else:
        on = actual <= expected + tolerance
        verdict = Message(
            "{actual} is at most {value}, the value {line}", actual=got, value=value, line=line
        )
    if not on:
        return result(
            TargetStatus.OFF_TRACK,
            Message(
                "{actual} is behind {value}, the value {line}", actual=got, value=value, line=line
            ),
        )
    if target.comparator is Comparator.EQ and step != 0 and not _agrees(hint, step):
        past = actual > target.value + tolerance if step > 0 else actual < target.value - tolerance
        if past:
            return result(
                TargetStatus.OFF_TRACK,
                Message(
                    "{actual} has gone past the target {sign} {goal} ({year})",
                    actual=got,
                    sign=sign,
                    goal=goal,
                    year=year,
                ),
            )
    return result(TargetStatus.ON_TRACK, verdict)


def evaluate_targets(
    targets: Iterable[Target],
    measurements: Mapping[str, Measurement],
    as_of_year: int,
    *,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
    min_progress_coverage: float = DEFAULT_MIN_PROGRESS_COVERAGE,
    directions: Mapping[str, Direction | str] | None = None,
) -> tuple[TargetResult, ...]:
    """Judge several targets, in order.

    A target's measurement is looked up by the target's id, then by its indicator code (so
    one measured value serves the 2025 and the 2030 target of the same indicator).
    ``directions`` maps indicator codes to their :class:`Direction` (see
    :func:`evaluate_target`'s ``direction_hint``).
    """
    out: list[TargetResult] = []
    for target in targets:
        measurement = measurements.get(target.id)
        if measurement is None and target.indicator is not None:
            measurement = measurements.get(target.indicator)
        hint = None
        if directions is not None and target.indicator is not None:
            hint = directions.get(target.indicator)
        out.append(
            evaluate_target(
                target,
                measurement,
                as_of_year=as_of_year,
                min_coverage=min_coverage,
                min_progress_coverage=min_progress_coverage,
                direction_hint=hint,
            )
        )
    return tuple(out)


# Helpers -------------------------------------------------------------------------------


def _enough(measurement: Measurement, threshold: float) -> bool:
    if measurement.coverage + 1e-12 < threshold:
        return False
    return threshold < 1.0 or measurement.complete


def _progress_direction(target: Target, hint: Direction | None) -> int:
    """+1 when progress means going up, -1 going down, 0 when no way is better."""
    higher = target.comparator.higher_is_better
    if higher is not None:
        return 1 if higher else -1
    if target.baseline is not None and target.baseline != target.value:
        return 1 if target.value > target.baseline else -1
    if hint is Direction.HIGHER:
        return 1
    if hint is Direction.LOWER:
        return -1
    return 0


def _agrees(hint: Direction | None, step: int) -> bool:
    return (hint is Direction.HIGHER and step > 0) or (hint is Direction.LOWER and step < 0)


def _num(value: float) -> str:
    """A target, baseline or line value: ``90``, ``6.5``, ``85.75``."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.6g}"
    return text if float(text) == value or "e" in text else f"{value:.12g}"


def _actual(value: float) -> str:
    """A measured value, always with a decimal part, at most two: ``92.0``, ``85.75``,
    ``91.67`` (the exact value stays in :attr:`TargetResult.actual`)."""
    text = f"{value:.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text
