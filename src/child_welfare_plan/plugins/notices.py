"""What the plugin host says about plugins: the warnings of a clash it resolved, the
errors of an answer it refused, each a :class:`Message` shown in the reader's language."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.tables import error_message
from child_welfare_plan.plugins.guards import shown

__all__ = [
    "DATA_SOURCE",
    "FORM_LAYOUT",
    "OUTPUT_FORMAT",
    "already_defined",
    "also_registered",
    "calendar_clash",
    "failed",
    "not_a_list",
    "plan_claimed",
    "unknown",
    "unknown_plan",
    "wrong_items",
]

DATA_SOURCE = Message("data source")
OUTPUT_FORMAT = Message("output format")
FORM_LAYOUT = Message("form layout")


def not_a_list(hook: str, answer: object) -> Message:
    return Message(
        "{hook} returned {answer}, not a list of values", hook=hook, answer=shown(answer)
    )


def wrong_items(hook: str, answer: object, expected: Iterable[type]) -> Message:
    return Message(
        "{hook} returned {answer} (expected {expected}); its answer is left out",
        hook=hook,
        answer=shown(answer),
        expected=" or ".join(t.__name__ for t in expected),
    )


def also_registered(what: Message, key: str, other: str) -> Message:
    return Message(
        "{what} {key!r} is also registered by plugin {other!r}, whose {what} is kept",
        what=what,
        key=key,
        other=other,
    )


def already_defined(what: Message, code: str, other: str) -> Message:
    return Message(
        "{what} {code!r} is already defined by plugin {other!r}; this plugin's {what} "
        "{code!r} is left out",
        what=what,
        code=code,
        other=other,
    )


def plan_claimed(plan_id: str, names: list[str]) -> Message:
    if len(names) > 1:
        return Message(
            "plan {plan!r} is registered by plugins {names}; it is refused until only one "
            "registers it",
            plan=plan_id,
            names=", ".join(repr(n) for n in names),
        )
    return Message(
        "plan {plan!r} is registered by it more than once; it is refused until only one "
        "registers it",
        plan=plan_id,
    )


def unknown_plan(plan_id: str, known: Iterable[str]) -> Message:
    installed = ", ".join(sorted(known))
    if not installed:
        return Message("unknown plan {plan!r} (installed: none installed)", plan=plan_id)
    return Message("unknown plan {plan!r} (installed: {known})", plan=plan_id, known=installed)


def unknown(what: Message, name: str, known: Iterable[str]) -> Message:
    available = ", ".join(sorted(known))
    if what is DATA_SOURCE:
        return Message(
            "unknown data source {name!r} (available: {known})", name=name, known=available
        )
    return Message(
        "unknown output format {name!r} (available: {known})", name=name, known=available
    )


def failed(what: Message, name: str, plugin: str | None, error: object) -> Message:
    """``what`` (a data source, an output format) of ``plugin`` failed with ``error`` (an
    exception, or what was wrong with its answer)."""
    if isinstance(error, BaseException):
        return Message(
            "{what} {name!r} of plugin {plugin!r} failed: {kind}: {error}",
            what=what,
            name=name,
            plugin=plugin,
            kind=type(error).__name__,
            error=error_message(error),
        )
    return Message(
        "{what} {name!r} of plugin {plugin!r} failed: {error}",
        what=what,
        name=name,
        plugin=plugin,
        error=error,
    )


def calendar_clash(day: date, working: bool, other: str) -> Message:
    if working:
        return Message(
            "{day} is made a working day here but a day off by plugin {other!r}, whose "
            "setting is kept",
            day=day,
            other=other,
        )
    return Message(
        "{day} is made a day off here but a working day by plugin {other!r}, whose setting is kept",
        day=day,
        other=other,
    )
