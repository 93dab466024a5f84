"""Findings: problems in data or in a plan, as values that carry where they were found."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

import attrs

from child_welfare_plan.i18n import _, current
from child_welfare_plan.i18n.localized import Message, localize
from child_welfare_plan.model.cells import shorten

__all__ = [
    "MAX_FINDINGS_PER_CODE",
    "MAX_MESSAGE",
    "MORE_FINDINGS",
    "Composed",
    "Finding",
    "FindingList",
    "Location",
    "Severity",
    "count",
    "has_errors",
    "joined",
]


class Severity(StrEnum):
    """How serious a finding is. ``error`` makes a command exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
class Location:
    """Where a finding was found: a file, a row and column in it, or a path inside a plan.

    ``row`` counts lines of a CSV file with the header as row 1, or items of a JSON array
    from 1. ``path`` is a dotted path inside a structured file (``tasks[3].lead``).

    In a spreadsheet a cell is located the way its user reads it: ``sheet`` names the
    sheet, ``row`` is the sheet's row number and ``column`` the column letter (``C``);
    ``field`` then names what the cell holds (the column's heading, ``received``, or in a
    form the indicator and breakdown of the cell).
    """

    file: str | None = None
    row: int | None = None
    column: str | None = None
    path: str | None = None
    sheet: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}" + (f" ({self.field})" if self.field else ""))
        elif self.field:
            parts.append(self.field)
        if self.path:
            parts.append(self.path)
        return ", ".join(parts) if parts else "-"

    def label(self) -> str:
        """Where, in the words of the current language (``str()`` is English)."""
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(_("sheet {name}").format(name=self.sheet))
        if self.row is not None:
            parts.append(_("row {row}").format(row=self.row))
        if self.column:
            column = _("column {column}").format(column=self.column)
            parts.append(column + (f" ({self.field})" if self.field else ""))
        elif self.field:
            parts.append(self.field)
        if self.path:
            parts.append(self.path)
        return ", ".join(parts) if parts else "-"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: every key present, ``None`` where it does not apply."""
        return {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "path": self.path,
            "sheet": self.sheet,
            "field": self.field,
        }


class Composed(Message):
    """A message made of other messages and names joined by punctuation only
    (``"{path}: {problem}"``, ``"{owner}.{field}: {problem}"``): its template has no words
    to translate, so it is not in the catalogs; each argument is shown in the reader's
    language."""

    def localized(self, lang: str | None = None) -> str:
        """The template filled with each argument in ``lang`` (None: the current one)."""
        lang = lang or current()
        if lang == "en":
            return str(self)
        return self.template.format(**{k: localize(v, lang) for k, v in self.args.items()})

    def __reduce__(self) -> tuple[Any, ...]:
        return (_recompose, (self.template, self.args))


def _recompose(template: str, args: dict[str, Any]) -> Composed:
    return Composed(template, **args)


def joined(items: Iterable[str], separator: str = ", ") -> str:
    """``items`` joined by ``separator`` (punctuation), each shown in the reader's language
    when it is a :class:`Message`."""
    parts = list(items)
    if not any(isinstance(part, Message) for part in parts):
        return separator.join(parts)
    names = [f"part{i}" for i in range(len(parts))]
    glue = separator.replace("{", "{{").replace("}", "}}")
    template = glue.join("{" + name + "}" for name in names)
    return Composed(template, **dict(zip(names, parts, strict=True)))


#: The longest message a finding keeps: text echoed from a file is cut, never copied whole.
MAX_MESSAGE = 1000


def _bounded(message: str) -> str:
    if len(message) <= MAX_MESSAGE:
        return message  # a Message keeps its template, to be shown in the reader's language
    return shorten(message, MAX_MESSAGE)


@attrs.frozen
class Finding:
    """One problem found, with a stable ``code`` that tools can match on. The message is
    at most :data:`MAX_MESSAGE` characters (a 50 MB cell is never copied into it).

    The message is English; made as a :class:`Message` (a template and its arguments), it
    is shown in the reader's language by :meth:`text` and in JSON's ``message_label``.
    """

    severity: Severity = attrs.field(converter=Severity)
    code: str
    message: str = attrs.field(converter=_bounded)
    location: Location = attrs.field(factory=Location)

    def __str__(self) -> str:
        return f"{self.severity}: {self.location}: {self.message} [{self.code}]"

    def text(self) -> str:
        """The message in the current language (at most :data:`MAX_MESSAGE` characters)."""
        return localize(shorten(localize(self.message), MAX_MESSAGE))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of design §7: ``{"severity", "code", "message", "message_label",
        "location"}``; ``message`` is English, ``message_label`` the current language's."""
        return {
            "severity": str(self.severity),
            "code": self.code,
            "message": str(self.message),
            "message_label": self.text(),
            "location": self.location.to_dict(),
        }

    @classmethod
    def error(cls, code: str, message: str, **where: Any) -> Finding:
        """An error-level finding at ``Location(**where)``."""
        return cls(Severity.ERROR, code, message, Location(**where))

    @classmethod
    def warning(cls, code: str, message: str, **where: Any) -> Finding:
        """A warning-level finding at ``Location(**where)``."""
        return cls(Severity.WARNING, code, message, Location(**where))


#: How many findings of one code, severity and file a :class:`FindingList` keeps.
MAX_FINDINGS_PER_CODE = 1000

#: The code of the finding that counts those left out (``message`` says how many, of what).
MORE_FINDINGS = "more-findings"


class FindingList(list[Finding]):
    """A list of findings that keeps the first :data:`MAX_FINDINGS_PER_CODE` of each code,
    severity and file, and counts the rest: a 23 MB file of bad rows gives a readable
    list and bounded memory, not a million findings. :meth:`summaries` says what was left
    out, as findings of code :data:`MORE_FINDINGS` (same severity, so nothing is hidden
    from a tool that only looks for errors)."""

    def __init__(self, findings: Iterable[Finding] = (), *, limit: int = MAX_FINDINGS_PER_CODE):
        super().__init__()
        self.limit = limit
        self._seen: dict[tuple[str, Severity, str | None], int] = {}
        self.extend(findings)

    def admits(self, code: str, severity: Severity, file: str | None) -> bool:
        """Count one finding of ``code``; True while it is among the first kept (build the
        finding only then)."""
        key = (code, severity, file)
        seen = self._seen.get(key, 0) + 1
        self._seen[key] = seen
        return seen <= self.limit or code == MORE_FINDINGS

    def append(self, finding: Finding) -> None:
        """Add ``finding`` unless :attr:`limit` findings like it are already kept."""
        if self.admits(finding.code, finding.severity, finding.location.file):
            super().append(finding)

    def extend(self, findings: Iterable[Finding]) -> None:
        """Add each finding (see :meth:`append`)."""
        for finding in findings:
            self.append(finding)

    def __iadd__(self, findings: Iterable[Finding]) -> FindingList:  # type: ignore[override,misc]
        self.extend(findings)
        return self

    @property
    def left_out(self) -> dict[tuple[str, Severity, str | None], int]:
        """How many findings of each (code, severity, file) were counted but not kept."""
        return {k: n - self.limit for k, n in self._seen.items() if n > self.limit}

    def summaries(self) -> list[Finding]:
        """One :data:`MORE_FINDINGS` finding per kind of finding left out."""
        return [
            Finding(
                severity,
                MORE_FINDINGS,
                Message(
                    "{n:,} more {code!r} finding(s) are not listed (the first {limit:,} "
                    "are); fix those and read the file again to see the rest",
                    n=n,
                    code=code,
                    limit=self.limit,
                ),
                Location(file=file),
            )
            for (code, severity, file), n in self.left_out.items()
        ]

    def whole(self) -> list[Finding]:
        """The findings kept, then the summaries of those left out."""
        return [*self, *self.summaries()]


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error."""
    return any(f.severity is Severity.ERROR for f in findings)


def count(findings: Iterable[Finding], severity: Severity | str = Severity.ERROR) -> int:
    """How many findings have ``severity`` (errors by default)."""
    wanted = Severity(severity)
    return sum(1 for f in findings if f.severity is wanted)
