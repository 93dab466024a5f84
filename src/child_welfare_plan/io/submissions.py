"""Submission and incident files: who sent which report when, and what triggered a report.

**Submissions** (design §6), CSV, JSON or a spreadsheet through the data sources of the
plugin host (``.csv``, ``.json``, ``.xlsx``, ``.xls`` and ``.ods`` built in; a plugin may
add another, such as a database)::

    reporter,obligation,period,received,document_number,revision
    ubnd-11074,bao-cao-6-thang,2023S1,2023-06-07,05/BC-UBND,
    ubnd-11116,bao-cao-dot-xuat,dx-2023-01,2023-08-06T08:07:00+07:00,93/BC-UBND,

``reporter`` is an agency code (a commune reports through its People's Committee,
``ubnd-<unit code>``); ``obligation`` an obligation id of the plan; ``period`` the DHIS2 id
of the period the obligation covers, empty for one that covers none; ``received`` is
``YYYY-MM-DD``, ``DD/MM/YYYY`` or an ISO 8601 datetime (naive = Vietnam time, or with an
offset); in a spreadsheet a cell typed as a date is read as that date, and a plain number
is a ``bad-date`` finding that names the date it would be as a date serial (it is not
guessed at). ``document_number`` and ``revision`` (a whole number ordering re-submissions)
are optional.

For an **event-triggered** obligation the ``period`` cell names the incident the report is
about (its id in the incidents file, ``dx-2023-01``). When it is empty and the incidents are
given, the incident is inferred only when exactly one fits (one of the kinds the obligation
is triggered by, owed by this reporter, known no later than the report was received, and not
named by another of its reports): that is a warning (``incident-inferred``); otherwise an
error (``missing-incident``).

**Incidents**: ``id,kind,unit,known,occurred,description``; ``known`` (when the authorities
learned of it, the start of the time limit) and ``occurred`` are ISO 8601 datetimes
(a date alone is read as 00:00, with a warning); ``occurred`` and ``description`` may be
empty.

Every bad row becomes a :class:`~child_welfare_plan.model.Finding` located by file, row and
column, and the whole file is read so that one run reports every problem; a row with an
error is left out, nothing is dropped in silence.

Codes (stable; tools match on them):

===========================  ========  =========================================================
code                         severity  meaning
===========================  ========  =========================================================
``not-utf8``, ``not-text``   error     the file is not UTF-8 (or UTF-16/32 with a BOM) text
                                       (from the data source)
``empty-file``               error     not even a header (from the data source); a header
                                       with no rows is a valid, empty log
``bad-csv``, ``bad-json``,   error     the file, or a row of it, cannot be read as a table
``bad-row``,                           (from the data source)
``bad-row-width``,
``duplicate-column``,
``duplicate-key``,
``unreadable-file``
``separator-detected``       info      semicolons or tabs separate the cells (from the data
                                       source)
``more-findings``            (same)    how many findings of a code are not listed (the
                                       first 1,000 are)
``missing-column``           error     a required column is absent (one finding per column)
``missing-value``            error     a required cell is empty
``unknown-reporter``         error     ``reporter`` is not an agency of the plan
``unknown-obligation``       error     ``obligation`` is not an obligation of the plan
``reporter-not-expected``    error     the reporter does not owe that obligation (or that
                                       incident's report)
``missing-period``           error     the obligation covers a period and the cell is empty
``bad-period``               error     the cell is not a period id
``period-not-covered``       error     a period the obligation does not cover
``bad-date``                 error     ``received`` (``known``, ``occurred``) is unreadable or
                                       is no real day
``received-before-period``   error     ``received`` is before the period the report covers
                                       begins (before the incident was known; before the
                                       plan's year for a report that covers no period)
``bad-revision``             error     ``revision`` is not a whole number of 0 or more
``unknown-incident``         error     ``period`` names no incident of the incidents given
``incident-not-triggering``  error     the incident's kind does not call for this obligation
``missing-incident``         error     a report on an incident names none, and no single one
                                       can be inferred
``incident-inferred``        warning   the report named no incident; the only one that fits
                                       was taken
``duplicate-row``            warning   the row repeats an earlier one; counted once
``bad-code``                 error     an incident ``id`` or ``kind`` is not a code
``duplicate-incident``       error     an incident id appears twice
``unknown-unit``             error     an incident's ``unit`` is not a unit of the plan
``known-without-time``       warning   ``known`` is a date: the time limit runs from 00:00
``occurred-after-known``     warning   ``occurred`` is later than ``known``
``untriggered-incident``     warning   no event-triggered obligation of the plan is triggered
                                       by the incident's kind
===========================  ========  =========================================================

References:
    * Decree 56/2017/NĐ-CP, Art. 25–26 (a case of abuse is notified immediately; the
      commune People's Committee receives and first assesses it).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from os import PathLike
from pathlib import Path
from typing import Generic, TypeVar

import attrs

from child_welfare_plan.calendars.dates import local_moment, parse_received
from child_welfare_plan.errors import CwpError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.moments import EMPTY_INCIDENT_CELL, in_column, read_moment
from child_welfare_plan.io.sources import DataSource, source_for
from child_welfare_plan.io.spreadsheets import serial_date_hint
from child_welfare_plan.io.tables import Table, error_message
from child_welfare_plan.model.cells import cell_text, echo
from child_welfare_plan.model.findings import (
    Finding,
    FindingList,
    Location,
    Severity,
    has_errors,
)
from child_welfare_plan.model.plan import (
    Incident,
    ObligationKind,
    Plan,
    ReportingObligation,
    Submission,
)
from child_welfare_plan.model.validators import CODE_PATTERN
from child_welfare_plan.rules.submissions import (
    PendingReport,
    Problem,
    SubmissionRules,
)

__all__ = [
    "FINDING_CODES",
    "INCIDENT_COLUMNS",
    "INCIDENT_REQUIRED_COLUMNS",
    "SUBMISSION_COLUMNS",
    "SUBMISSION_REQUIRED_COLUMNS",
    "IncidentSet",
    "LoadedRows",
    "SubmissionSet",
    "load_incidents",
    "load_submissions",
    "read_incidents",
    "read_submissions",
]

#: The columns of a submissions file, in their usual order.
SUBMISSION_COLUMNS = ("reporter", "obligation", "period", "received", "document_number", "revision")
#: The columns a submissions file must have.
SUBMISSION_REQUIRED_COLUMNS = ("reporter", "obligation", "period", "received")
#: The columns of an incidents file.
INCIDENT_COLUMNS = ("id", "kind", "unit", "known", "occurred", "description")
#: The columns an incidents file must have.
INCIDENT_REQUIRED_COLUMNS = ("id", "kind", "unit", "known")

FINDING_CODES: dict[str, Severity] = {
    "missing-column": Severity.ERROR,
    "missing-value": Severity.ERROR,
    "unknown-reporter": Severity.ERROR,
    "unknown-obligation": Severity.ERROR,
    "reporter-not-expected": Severity.ERROR,
    "missing-period": Severity.ERROR,
    "bad-period": Severity.ERROR,
    "period-not-covered": Severity.ERROR,
    "bad-date": Severity.ERROR,
    "received-before-period": Severity.ERROR,
    "bad-revision": Severity.ERROR,
    "unknown-incident": Severity.ERROR,
    "incident-not-triggering": Severity.ERROR,
    "missing-incident": Severity.ERROR,
    "incident-inferred": Severity.WARNING,
    "duplicate-row": Severity.WARNING,
    "bad-code": Severity.ERROR,
    "duplicate-incident": Severity.ERROR,
    "unknown-unit": Severity.ERROR,
    "known-without-time": Severity.WARNING,
    "occurred-after-known": Severity.WARNING,
    "untriggered-incident": Severity.WARNING,
}
"""Every code the loaders add to those of the data source, with its severity."""


_T = TypeVar("_T")


@attrs.frozen
class LoadedRows(Generic[_T]):
    """The good items of a file, the row each came from, and every finding."""

    source: str
    items: tuple[_T, ...]
    rows: tuple[int, ...]
    findings: tuple[Finding, ...]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[_T]:
        return iter(self.items)

    def has_errors(self) -> bool:
        """True when a finding is an error."""
        return has_errors(self.findings)


class SubmissionSet(LoadedRows[Submission]):
    """The good submissions of a file, with their rows, and every finding."""

    @property
    def submissions(self) -> tuple[Submission, ...]:
        """The submissions read (the same as :attr:`items`)."""
        return self.items


class IncidentSet(LoadedRows[Incident]):
    """The good incidents of a file, with their rows, and every finding."""

    @property
    def incidents(self) -> tuple[Incident, ...]:
        """The incidents read (the same as :attr:`items`)."""
        return self.items


def load_submissions(
    path: str | PathLike[str],
    plan: Plan,
    *,
    incidents: Sequence[Incident] | None = None,
    source: DataSource | None = None,
) -> SubmissionSet:
    """Read a submissions file for ``plan`` with ``source`` (default: the built-in reader
    for its suffix) and check every row.

    ``incidents`` are those reports on incidents may name; None means not given (the
    incident a report names is then not checked).

    Raises:
        NotFoundError: no data source reads files of this kind.
    """
    table = (source if source is not None else source_for(path)).read(Path(path))
    return read_submissions(table, plan, incidents=incidents)


def load_incidents(
    path: str | PathLike[str],
    plan: Plan,
    *,
    source: DataSource | None = None,
) -> IncidentSet:
    """Read an incidents file for ``plan`` (see :func:`load_submissions`)."""
    table = (source if source is not None else source_for(path)).read(Path(path))
    return read_incidents(table, plan)


class _Rows:
    """Findings located in one table."""

    def __init__(self, table: Table) -> None:
        self.source = table.source
        self.findings = FindingList(table.findings)

    def add(
        self, code: str, message: str, row: int | None = None, column: str | None = None
    ) -> None:
        severity = FINDING_CODES[code]
        if self.findings.admits(code, severity, self.source):  # counted; built if kept
            location = Location(self.source, row, column)
            list.append(self.findings, Finding(severity, code, message, location))

    def problem(self, problem: Problem, row: int) -> None:
        """A problem the plan's rules found in a row."""
        code, column, message = problem
        self.add(code, message, row, column)

    def sorted(self) -> tuple[Finding, ...]:
        """The findings of the file as a whole first, then by row (stable), then what the
        cap on findings left out."""
        kept = sorted(self.findings, key=lambda f: f.location.row or 0)
        return (*kept, *self.findings.summaries())

    def columns(self, table: Table, required: Sequence[str], usual: Sequence[str]) -> bool:
        """Report each missing required column; False when any is missing."""
        missing = table.missing_columns(required)
        if missing and table.columns:
            for name in missing:
                self.add(
                    "missing-column",
                    Message(
                        "the file lacks column {name!r} (expected a header {expected}; it has "
                        "{columns})",
                        name=name,
                        expected=",".join(usual),
                        columns=",".join(table.columns),
                    ),
                    1,
                    name,
                )
        return not missing and bool(table.columns)


def read_submissions(
    table: Table, plan: Plan, *, incidents: Sequence[Incident] | None = None
) -> SubmissionSet:
    """Check the rows of an already-read table of submissions (see the module docs): the
    cells are read here, the plan's rules
    (:class:`~child_welfare_plan.rules.submissions.SubmissionRules`) judge them."""
    out = _Rows(table)
    if not out.columns(table, SUBMISSION_REQUIRED_COLUMNS, SUBMISSION_COLUMNS[:5]):
        return SubmissionSet(table.source, (), (), tuple(table.locate(out.findings)))
    ir, io, ip, irc = (table.columns.index(c) for c in SUBMISSION_REQUIRED_COLUMNS)
    idoc = table.column_index("document_number")
    irev = table.column_index("revision")
    rules = SubmissionRules(plan, incidents)
    # Each distinct ``received`` text is read once: its value, or the error message.
    moments: dict[str, date | datetime | str] = {}

    rows: list[tuple[int, Submission]] = []
    pending: list[PendingReport] = []
    for number, row in zip(table.row_numbers, table.rows, strict=True):
        bad = False
        reporter = cell_text(row[ir])
        obligation_id = cell_text(row[io])
        period_text = cell_text(row[ip])
        received_text = cell_text(row[irc])
        if not reporter:
            out.add(
                "missing-value",
                Message("the reporter is empty (expected an agency code)"),
                number,
                "reporter",
            )
            bad = True
        elif (problem := rules.reporter(reporter)) is not None:
            out.problem(problem, number)
            bad = True
        ob: ReportingObligation | None = None
        if not obligation_id:
            out.add(
                "missing-value",
                Message("the obligation is empty (expected an obligation id)"),
                number,
                "obligation",
            )
            bad = True
        else:
            found = rules.obligation(obligation_id)
            if isinstance(found, tuple):
                out.problem(found, number)
                bad = True
            else:
                ob = found
        received: date | datetime | None = None
        if not received_text:
            out.add(
                "missing-value",
                Message(
                    "the received date is empty (expected YYYY-MM-DD, "
                    "DD/MM/YYYY or an ISO 8601 datetime)"
                ),
                number,
                "received",
            )
            bad = True
        elif (hint := serial_date_hint(row[irc])) is not None:
            out.add("bad-date", in_column("received", hint), number, "received")
            bad = True
        else:
            value = moments.get(received_text)
            if value is None:
                try:
                    value = parse_received(received_text)
                except CwpError as exc:
                    value = in_column("received", error_message(exc))
                moments[received_text] = value
            if isinstance(value, str):
                out.add("bad-date", value, number, "received")
                bad = True
            else:
                received = value
        revision: int | None = None
        if irev is not None:
            revision_cell = row[irev]
            revision_text = cell_text(revision_cell)
            if revision_text:
                if isinstance(revision_cell, bool) or not (
                    revision_text.isascii() and revision_text.isdigit() and len(revision_text) < 10
                ):
                    out.add(
                        "bad-revision",
                        Message(
                            "revision {text} is not a whole number from 0 to 999999999",
                            text=echo(revision_text),
                        ),
                        number,
                        "revision",
                    )
                    bad = True
                else:
                    revision = int(revision_text)
        document = cell_text(row[idoc]) if idoc is not None else ""
        period: str | None = period_text or None
        if ob is not None:
            period, problems = rules.placement(ob, reporter, period)
            for problem in problems:
                out.problem(problem, number)
            bad |= bool(problems)
        if not bad and ob is not None and received is not None:
            early = rules.received_problem(ob, period, received)
            if early is not None:
                out.problem(early, number)
                bad = True
        if bad or ob is None or received is None:
            continue
        if ob.kind is ObligationKind.EVENT_TRIGGERED and period is None and incidents is not None:
            pending.append(
                PendingReport(number, reporter, ob, received, document or None, revision)
            )
            continue
        rows.append(
            (
                number,
                Submission(
                    reporter=reporter,
                    obligation=ob.id,
                    period=period,
                    received=received,
                    document_number=document or None,
                    revision=revision,
                ),
            )
        )

    if pending:
        named = [(s.reporter, s.obligation, s.period) for _, s in rows]
        for report, incident, problem in rules.infer_incidents(pending, named):
            out.problem(problem, report.number)
            if incident is not None:
                rows.append((report.number, report.submission(incident.id)))
        rows.sort(key=lambda r: r[0])
    submissions: list[Submission] = []
    numbers: list[int] = []
    first_row: dict[Submission, int] = {}
    for number, submission in rows:
        earlier = first_row.get(submission)
        if earlier is not None:
            out.add(
                "duplicate-row",
                Message(
                    "the row repeats row {earlier} (same reporter, obligation, period, "
                    "received, document number and revision); counted once",
                    earlier=earlier,
                ),
                number,
            )
            continue
        first_row[submission] = number
        submissions.append(submission)
        numbers.append(number)
    return SubmissionSet(
        table.source, tuple(submissions), tuple(numbers), tuple(table.locate(out.sorted()))
    )


def read_incidents(table: Table, plan: Plan) -> IncidentSet:
    """Check the rows of an already-read table of incidents (see the module docs)."""
    out = _Rows(table)
    if not out.columns(table, INCIDENT_REQUIRED_COLUMNS, INCIDENT_COLUMNS):
        return IncidentSet(table.source, (), (), tuple(table.locate(out.findings)))
    ii, ik, iu, ikn = (table.columns.index(c) for c in INCIDENT_REQUIRED_COLUMNS)
    io = table.column_index("occurred")
    idesc = table.column_index("description")
    tree = plan.hierarchy
    kinds = {
        kind
        for ob in plan.obligations
        if ob.kind is ObligationKind.EVENT_TRIGGERED
        for kind in ob.triggers
    }
    any_kind = any(
        ob.kind is ObligationKind.EVENT_TRIGGERED and not ob.triggers for ob in plan.obligations
    )
    incidents: list[Incident] = []
    numbers: list[int] = []
    first_row: dict[str, int] = {}
    for number, row in zip(table.row_numbers, table.rows, strict=True):
        bad = False
        cells = {name: cell_text(row[i]) for name, i in (("id", ii), ("kind", ik), ("unit", iu))}
        for name, text in cells.items():
            if not text:
                out.add("missing-value", EMPTY_INCIDENT_CELL[name], number, name)
                bad = True
            elif name != "unit" and not CODE_PATTERN.fullmatch(text):
                out.add(
                    "bad-code",
                    Message(
                        "{name} {text} is not a code (expected ASCII letters, digits, '-', '_' "
                        "or '.', with no spaces)",
                        name=name,
                        text=echo(text),
                    ),
                    number,
                    name,
                )
                bad = True
        incident_id, kind, unit = cells["id"], cells["kind"], cells["unit"]
        if incident_id and incident_id in first_row:
            out.add(
                "duplicate-incident",
                Message(
                    "incident id {id} appears again (first on row {first})",
                    id=echo(incident_id),
                    first=first_row[incident_id],
                ),
                number,
                "id",
            )
            bad = True
        if unit and unit not in tree:
            out.add(
                "unknown-unit",
                Message(
                    "unit {unit} is not a unit of plan {plan!r} (expected an official unit "
                    "code, e.g. 11074)",
                    unit=echo(unit),
                    plan=plan.id,
                ),
                number,
                "unit",
            )
            bad = True
        known_text = cell_text(row[ikn])
        known, readable = read_moment(out.add, row[ikn], number, "known")
        if not known_text:
            out.add(
                "missing-value",
                Message(
                    "known is empty (expected an ISO 8601 date and time, e.g. "
                    "2023-08-05T21:45:00+07:00)"
                ),
                number,
                "known",
            )
        when: datetime | None = None
        if io is not None:
            when, occurred_readable = read_moment(out.add, row[io], number, "occurred")
            readable = readable and occurred_readable
        if bad or not readable or known is None:
            continue
        if when is not None and local_moment(when) > local_moment(known):
            out.add(
                "occurred-after-known",
                Message(
                    "occurred {when} is later than known {known}",
                    when=when,
                    known=known,
                ),
                number,
                "occurred",
            )
        if kind not in kinds and not any_kind:
            out.add(
                "untriggered-incident",
                Message(
                    "no event-triggered obligation of plan {plan!r} is triggered by kind "
                    "{kind!r} (they are triggered by {kinds}); the incident is not judged",
                    plan=plan.id,
                    kind=kind,
                    kinds=", ".join(sorted(kinds)),
                )
                if kinds
                else Message(
                    "no event-triggered obligation of plan {plan!r} is triggered by kind "
                    "{kind!r} (they are triggered by nothing); the incident is not judged",
                    plan=plan.id,
                    kind=kind,
                ),
                number,
                "kind",
            )
        description = cell_text(row[idesc]) if idesc is not None else ""
        first_row[incident_id] = number
        incidents.append(
            Incident(
                id=incident_id,
                kind=kind,
                unit=unit,
                known=known,
                occurred=when,
                description=description or None,
            )
        )
        numbers.append(number)
    return IncidentSet(
        table.source, tuple(incidents), tuple(numbers), tuple(table.locate(out.sorted()))
    )
