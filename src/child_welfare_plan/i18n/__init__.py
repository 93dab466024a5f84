"""The language of what a person reads: Vietnamese by default, English on request.

Every word a report shows that is not data from a plan or a catalog is an English message
in the code, marked with :func:`_` (translated when the report is built; :func:`pgettext` with a
context), :func:`N_`
(marked where it is defined, translated where it is shown) or :func:`ngettext` (a count's
singular and plural), and translated by the gettext catalogs under ``locale/`` (sources
``cwp.po``, compiled ``cwp.mo``; ``scripts/update_messages.py`` extracts, updates and
compiles them with Babel). Loading a catalog needs only the standard library's
:mod:`gettext`; Babel formats numbers and dates (:mod:`child_welfare_plan.i18n.formatting`).

The language is chosen per call, not per process: :func:`language` sets it for the code
run inside it (a context variable, so threads and tasks do not share it); outside any,
the environment variable ``CWP_LANG`` decides, and then Vietnamese.
"""

from __future__ import annotations

import contextlib
import functools
import gettext
import os
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import ParamSpec, TypeVar

from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.i18n.localized import Message

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LANG_VARIABLE",
    "N_",
    "_",
    "current",
    "in_report_language",
    "language",
    "ngettext",
    "pgettext",
    "resolve",
]

#: The languages of the reports: Vietnamese first.
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
LANG_VARIABLE = "CWP_LANG"
"""The environment variable naming the language when none is given."""

DOMAIN = "cwp"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_current: ContextVar[str | None] = ContextVar("cwp_language", default=None)


def resolve(lang: str | None = None) -> str:
    """The language code for ``lang`` (``vi``, ``en``; ``vi_VN``, ``en-GB`` are read as
    their language); None means ``CWP_LANG``, then Vietnamese."""
    given = lang if lang is not None else os.environ.get(LANG_VARIABLE, "").strip()
    if not given:
        return DEFAULT_LANGUAGE
    code = given.strip().lower().replace("-", "_").split("_")[0].split(".")[0]
    if code not in LANGUAGES:
        choices = ", ".join(LANGUAGES)
        if lang is not None:
            raise InvalidValueError(
                Message(
                    "unknown language {given!r}: choose one of {choices}",
                    given=given[:40],
                    choices=choices,
                )
            )
        raise InvalidValueError(
            Message(
                "unknown language {given!r} (from {variable}): choose one of {choices}",
                given=given[:40],
                variable=LANG_VARIABLE,
                choices=choices,
            )
        )
    return code


def current() -> str:
    """The language of the reports being built now."""
    chosen = _current.get()
    return chosen if chosen is not None else resolve(None)


@contextlib.contextmanager
def language(lang: str | None) -> Iterator[str]:
    """Build (and render) reports in ``lang`` inside the block (None: the current
    language, :func:`current`)."""
    token = _current.set(resolve(lang) if lang is not None else current())
    try:
        yield _current.get() or DEFAULT_LANGUAGE
    finally:
        _current.reset(token)


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The message catalog of ``lang`` (loaded once)."""
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as file:
        return gettext.GNUTranslations(file)


def _(message: str) -> str:
    """``message`` (English) in the current language."""
    return translations(current()).gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for translation where it is defined; :func:`_` translates it."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for a count ``n``, in the current language."""
    return translations(current()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language where ``context`` tells it apart from the same
    English words elsewhere (``received`` as a column, and as a status)."""
    return translations(current()).pgettext(context, message)


_R = TypeVar("_R")
_P = ParamSpec("_P")


def in_report_language(render: Callable[_P, _R]) -> Callable[_P, _R]:
    """Decorate an output format: it renders its report (the first argument, with a
    ``lang``) in the report's language, whatever language is current."""

    @functools.wraps(render)
    def rendering(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        lang = getattr(args[0], "lang", None) if args else None
        with language(lang):
            return render(*args, **kwargs)

    return rendering
