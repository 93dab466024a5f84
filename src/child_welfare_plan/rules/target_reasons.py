"""The sentences that say why a target got its status, in the reader's language.

Each is a :class:`~child_welfare_plan.i18n.localized.Message` (English as a string), so
JSON keeps the English ``reason`` and a report shows it in the language it is built in.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from child_welfare_plan.i18n.localized import Message, localize
from child_welfare_plan.model.plan import Target

if TYPE_CHECKING:
    from child_welfare_plan.rules.targets import Measurement

__all__ = ["coverage_reason", "no_value", "percent", "sentence"]


def percent(value: float) -> Decimal:
    """A share as the number of percent shown before `` %``: ``92.5``, ``100``."""
    return Decimal(f"{value * 100:.1f}".rstrip("0").rstrip("."))


class _Sentence(Message):
    """Text made a sentence (a capital first letter, a full stop at the end) in whatever
    language it is shown; one or more sentences joined by a space."""

    parts: tuple[str, ...]

    def __new__(cls, *parts: str) -> _Sentence:
        made = str.__new__(cls, _sentences(parts, "en"))
        made.template, made.args, made.parts = "", {}, parts

        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Sentence, self.parts)

    def localized(self, lang: str | None = None) -> str:
        """The sentences in ``lang`` (None: the current language)."""
        return _sentences(self.parts, lang)


def _sentences(parts: tuple[str, ...], lang: str | None) -> str:
    out = []
    for part in parts:
        text = (str(part) if lang == "en" else localize(part, lang)).strip()
        if text:
            text = text[0].upper() + text[1:]
            out.append(text if text.endswith((".", "!", "?")) else text + ".")
    return " ".join(out)


def sentence(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    return _Sentence(text)


def no_value(target: Target) -> Message:
    if target.indicator and target.scope:
        return Message(
            "No value was measured for indicator {indicator!r} in unit {unit}.",
            indicator=target.indicator,
            unit=target.scope,
        )
    if target.indicator:
        return Message(
            "No value was measured for indicator {indicator!r}.", indicator=target.indicator
        )
    if target.scope:
        return Message(
            "No value was measured for target {target!r} in unit {unit}.",
            target=target.id,
            unit=target.scope,
        )
    return Message("No value was measured for target {target!r}.", target=target.id)


def coverage_reason(measurement: Measurement, threshold: float, target: Target, final: bool) -> str:
    year = str(target.year)
    if final:
        purpose = Message("judging the target for {year}", year=year)
    else:
        purpose = Message("judging progress towards the target for {year}", year=year)
    coverage = percent(measurement.coverage)
    if measurement.coverage + 1e-12 >= threshold:
        text = Message(
            "Coverage is {coverage} %, but the data do not cover the whole period; "
            "{purpose} needs complete data.",
            coverage=coverage,
            purpose=purpose,
        )
    elif measurement.reported is not None and measurement.expected is not None:
        text = Message(
            "Only {reported} of {expected} units reported (coverage {coverage} %); "
            "{purpose} needs {needed} %.",
            reported=measurement.reported,
            expected=measurement.expected,
            coverage=coverage,
            purpose=purpose,
            needed=percent(threshold),
        )
    else:
        text = Message(
            "Only {coverage} % of the expected units reported; {purpose} needs {needed} %.",
            coverage=coverage,
            purpose=purpose,
            needed=percent(threshold),
        )
    if measurement.reason is None or not measurement.reason.strip():
        return text
    return _Sentence(text, measurement.reason)
