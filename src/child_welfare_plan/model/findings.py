"""Findings: problems in data or in a plan, as values that carry where they were found."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

import attrs

__all__ = ["Finding", "Location", "Severity", "count", "has_errors"]


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


@attrs.frozen
class Finding:
    """One problem found, with a stable ``code`` that tools can match on."""

    severity: Severity = attrs.field(converter=Severity)
    code: str
    message: str
    location: Location = attrs.field(factory=Location)

    def __str__(self) -> str:
        return f"{self.severity}: {self.location}: {self.message} [{self.code}]"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of design §7: ``{"severity", "code", "message", "location"}``."""
        return {
            "severity": str(self.severity),
            "code": self.code,
            "message": self.message,
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


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error."""
    return any(f.severity is Severity.ERROR for f in findings)


def count(findings: Iterable[Finding], severity: Severity | str = Severity.ERROR) -> int:
    """How many findings have ``severity`` (errors by default)."""
    wanted = Severity(severity)
    return sum(1 for f in findings if f.severity is wanted)
