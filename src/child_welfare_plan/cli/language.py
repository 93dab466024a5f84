"""The language ``cwp`` speaks on the command line: its help, its usage errors, argparse's
own words.

The help and the usage errors are written while the command line is parsed, so the language
is read from the raw arguments before the parser is built (:func:`spoken`): ``--lang`` on
the line, else the environment variable ``CWP_LANG``, else Vietnamese.

argparse writes its own words ("usage:", "options", "the following arguments are required:
…") through the gettext functions of its module, ``argparse._`` and ``argparse.ngettext``:
the hook the Python documentation gives for translating it (Python HOWTO "Argparse
Tutorial", *How to translate the argparse output*). Its messages that a person of ``cwp``
may read are listed in :data:`ARGPARSE_MESSAGES`, so that they are extracted into the
``cwp`` catalogs and translated there. :func:`speaking` installs (once) functions that
answer from those catalogs inside its block only, in the current language; anywhere else —
another parser of the same process, in any thread — argparse speaks as it did before.

References:
    - Python documentation, HOWTO "Argparse Tutorial", section "How to translate the
      argparse output" (argparse's messages go through :mod:`gettext`).
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar

from child_welfare_plan.errors import CwpError
from child_welfare_plan.i18n import (
    DEFAULT_LANGUAGE,
    N_,
    current,
    language,
    resolve,
    translations,
)

__all__ = ["ARGPARSE_MESSAGES", "speaking", "spoken"]

#: The messages of argparse a user of ``cwp`` may read, as the argparse of Python 3.11
#: writes them: extracted with the package's own and translated in its catalogs. A message
#: that another Python version words otherwise is shown in English.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)

#: The options that name the language (argparse also takes ``--lan`` for ``--lang``).
_LANG_OPTIONS = ("--lang", "--lan")

_speaking: ContextVar[bool] = ContextVar("cwp_argparse_speaking", default=False)
_standard: dict[str, Callable[..., str]] = {}


def spoken(argv: Sequence[str]) -> str:
    """The language of the command line ``argv``: the last ``--lang`` on it (argparse keeps
    the last), else ``CWP_LANG``, else Vietnamese. A language that is not known is passed
    over here: the parser (``--lang``) or the command (``CWP_LANG``) refuses it, in the
    language that remains."""
    given: str | None = None
    for index, argument in enumerate(argv):
        if argument == "--":
            break
        option, equals, value = argument.partition("=")
        if option in _LANG_OPTIONS:
            if equals:
                given = value
            elif index + 1 < len(argv):
                given = argv[index + 1]
    for candidate in (given, None):
        with contextlib.suppress(CwpError):
            return resolve(candidate)
    return DEFAULT_LANGUAGE


def _gettext(message: str) -> str:
    if _speaking.get():
        return translations(current()).gettext(message)
    return _standard["gettext"](message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    if _speaking.get():
        return translations(current()).ngettext(singular, plural, n)
    return _standard["ngettext"](singular, plural, n)


def _install() -> None:
    """Route argparse's gettext functions through :func:`_gettext` and :func:`_ngettext`
    (once; what was there before answers outside :func:`speaking`)."""
    namespace = vars(argparse)
    if namespace.get("_") is _gettext:
        return
    _standard["gettext"] = namespace["_"]
    _standard["ngettext"] = namespace["ngettext"]
    namespace["_"] = _gettext
    namespace["ngettext"] = _ngettext


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[str]:
    """Inside the block, the reports, the messages and argparse's words are in ``lang``."""
    _install()
    with language(lang) as chosen:
        token = _speaking.set(True)
        try:
            yield chosen
        finally:
            _speaking.reset(token)
