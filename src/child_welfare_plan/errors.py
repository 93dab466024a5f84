"""The exception hierarchy.

Errors *in data* are values (:class:`~child_welfare_plan.model.Finding`), collected and
returned together. Exceptions are for input that cannot be read at all and for programming
errors. Every exception here subclasses a built-in (``ValueError``, ``LookupError``) so that
callers who do not know this library can still catch it.
"""

from __future__ import annotations

__all__ = [
    "CalendarError",
    "CwpError",
    "ExportWarning",
    "InvalidValueError",
    "MissingDependencyError",
    "NotFoundError",
    "OutputFileError",
    "ParseError",
    "PlanFileError",
    "PluginError",
    "reason",
]


class CwpError(Exception):
    """Base class of every error this library raises on purpose."""


class InvalidValueError(CwpError, ValueError):
    """A model value that cannot exist (an end before a start, a negative count, ...)."""


class ParseError(CwpError, ValueError):
    """Text that cannot be read: a deadline phrase, a period id, a document reference."""


class CalendarError(CwpError, ValueError):
    """A date that does not exist or lies outside the supported range."""


class NotFoundError(CwpError, LookupError):
    """A plan, unit, agency, indicator or plugin that is not known."""


class MissingDependencyError(CwpError, ImportError):
    """An optional library a feature needs is not installed; the message names the extra
    to install (``pip install 'child-welfare-plan[office]'``)."""


class PluginError(CwpError):
    """A plugin failed to load or raised inside a hook."""


class OutputFileError(CwpError, OSError):
    """An output file that cannot be written: a read-only file, a missing or locked folder,
    a full disk. The message names the file the user asked for."""


class PlanFileError(CwpError, ValueError):
    """A plan file that cannot be turned into a plan; carries every problem at once.

    Attributes:
        findings: one :class:`~child_welfare_plan.model.Finding` per problem, each located
            by file and path inside it (``tasks[3].lead``).
    """

    def __init__(self, message: str, findings: tuple[object, ...] = ()) -> None:
        super().__init__(message)
        self.findings = findings


class ExportWarning(UserWarning):
    """An output format could not say everything the result holds (periods under a
    convention the format cannot express, identifiers too long for it). Issued with
    :func:`warnings.warn`; ``cwp`` prints it on stderr as ``cwp: warning: ...``."""


def reason(error: BaseException) -> str:
    """What ``error`` says, as it was raised: a message made to be shown in the reader's
    language (``raise ParseError(Message(...))``) keeps its template and arguments, to be
    passed on inside another message or a finding; any other error gives its text."""
    first = error.args[0] if len(error.args) == 1 else None
    return first if isinstance(first, str) else str(error)
