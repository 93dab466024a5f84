"""Messages written where they arise and shown in the language of the report that shows them.

A finding or an error is made deep in the rules, long before anyone knows who will read
it. :class:`Message` keeps its English template and its arguments: as a ``str`` it *is*
the English text (what JSON's ``message`` and every test compare), and :func:`localize`
shows it in the current language, formatting its numbers and dates the way a reader of
that language writes them (``1.234``, ``31/12/2023`` in Vietnamese).

The template is a :meth:`str.format` string with named fields; it is the message id of the
gettext catalogs (extracted by :mod:`child_welfare_plan.i18n.messages`), so it must be a
literal at the call::

    Message("unit {unit!r} is not in the plan's area ({rows:,} rows)", unit=code, rows=n)

A translation uses the same field names. A number's format spec (``{rows:,}``,
``{rate:.1f}``, ``{share:.0%}``) is honoured in the reader's language; ``!r`` quotes text.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

# The package imports this module for its own messages: the module, not its names, so
# that either can be imported first.
import child_welfare_plan.i18n as core

__all__ = ["Message", "Translated", "explain", "localize"]


class Message(str):
    """English text made from a translatable ``template`` and its ``args``.

    It equals, hashes and serializes as the English text; :meth:`localized` gives it in
    another language. Arguments are kept as given (numbers as numbers, dates as dates).
    """

    template: str
    args: dict[str, Any]

    def __new__(cls, template: str, /, **args: Any) -> Message:
        made = super().__new__(cls, template.format(**args) if args else template)
        made.template = template
        made.args = args
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.template, self.args))

    def localized(self, lang: str | None = None) -> str:
        """The message in ``lang`` (None: the current language); the English text where
        the catalog has no translation or the translation does not fit the arguments."""
        lang = lang or core.current()
        if lang == "en" or not self.template:
            return str(self)
        translated = core.translations(lang).gettext(self.template)
        if not self.args:
            return translated
        try:
            return translated.format(**{k: _shown(v, lang) for k, v in self.args.items()})
        except (KeyError, IndexError, ValueError, TypeError, AttributeError):
            return str(self)


def _rebuild(template: str, args: dict[str, Any]) -> Message:
    return Message(template, **args)


class Translated(str):
    """Text a plan or a pack writes in Vietnamese, with its words in other languages.

    As a ``str`` it is the Vietnamese (what JSON keeps, like every other text of a plan);
    :meth:`localized` gives another language's words where the author gave them. In a plan
    file any text may be a table of languages: ``reading_basis = { vi = "…", en = "…" }``.
    """

    translations: dict[str, str]

    def __new__(cls, vietnamese: str, /, **translations: str) -> Translated:
        made = super().__new__(cls, vietnamese)
        made.translations = translations
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (_translated, (str(self), self.translations))

    def localized(self, lang: str | None = None) -> str:
        """The words of ``lang`` (None: the current language), else the Vietnamese."""
        return self.translations.get(lang or core.current(), str(self))


def _translated(vietnamese: str, translations: dict[str, str]) -> Translated:
    return Translated(vietnamese, **translations)


def localize(text: object, lang: str | None = None) -> str:
    """``text`` in ``lang`` (None: the current language) when it is a :class:`Message` or
    :class:`Translated`; any other text as it is."""
    if isinstance(text, Message | Translated):
        return text.localized(lang)
    return str(text)


def explain(error: BaseException, lang: str | None = None) -> str:
    """What an exception says, in ``lang`` (None: the current language) when it was raised
    with a :class:`Message`."""
    first = error.args[0] if len(error.args) == 1 else None
    return localize(first, lang) if isinstance(first, Message) else str(error)


class _Shown:
    """An argument as a reader of ``lang`` writes it, whatever format spec the template
    gives it (a number's places and percent sign are kept)."""

    __slots__ = ("lang", "value")

    def __init__(self, value: Any, lang: str) -> None:
        self.value = value
        self.lang = lang

    def __format__(self, spec: str) -> str:
        # Babel: loaded when a message is shown, not when one is made
        from child_welfare_plan.i18n.formatting import day, number, percent

        value = self.value
        if isinstance(value, Message):
            return format(value.localized(self.lang), spec)
        if isinstance(value, date):
            return day(value, lang=self.lang)
        decimals = _places(spec)
        if spec.endswith("%"):
            return percent(float(value), decimals=decimals or 0, lang=self.lang)
        if spec and spec[-1] in "eEgGn":
            return format(value, spec)
        return number(value, decimals=decimals, lang=self.lang)

    def __repr__(self) -> str:
        return format(self, "")

    __str__ = __repr__


def _places(spec: str) -> int | None:
    """The places after the point a format spec asks for (``,.2f`` → 2), else None."""
    if "." not in spec:
        return None
    digits = "".join(c for c in spec.split(".", 1)[1] if c.isdigit())
    return int(digits) if digits else None


def _shown(value: Any, lang: str) -> Any:
    """``value`` ready to be formatted in ``lang``: numbers, dates and messages localized,
    text as it is."""
    if isinstance(value, Message | date | Decimal | float) or (
        isinstance(value, int) and not isinstance(value, bool)
    ):
        return _Shown(value, lang)
    return value
