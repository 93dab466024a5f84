"""What the commands share: argument types, the plan argument, the clock, the format.

The command line is the one place that reads the clock (``--as-of`` defaults to today in
Vietnam); the library below it never does.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from child_welfare_plan.calendars.dates import LOCAL_TIMEZONE, parse_date, parse_received
from child_welfare_plan.engines import AUTO_BYTES, CHOICES
from child_welfare_plan.errors import CwpError
from child_welfare_plan.i18n import _
from child_welfare_plan.i18n.localized import Message, explain
from child_welfare_plan.io.spreadsheets import split_sheet
from child_welfare_plan.io.tables import UNREADABLE_CODES
from child_welfare_plan.io.weights import SplitWeights, load_split_weights
from child_welfare_plan.model.cells import shorten
from child_welfare_plan.model.findings import Finding, Severity

if TYPE_CHECKING:
    from child_welfare_plan.plugins.host import Host

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "StoppingProblems",
    "UsageError",
    "add_audience",
    "add_engine_options",
    "add_remap_options",
    "check_remap_args",
    "date_arg",
    "days_arg",
    "format_name",
    "moment_arg",
    "refuse_unreadable",
    "remap_weights",
    "require_files",
    "today_in_vietnam",
]

#: The days a date on the command line may name: the range the library's calendars cover
#: (the lunar calendar's, 1900 to 2100).
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2100, 12, 31)

#: The most days ``--due-within`` looks ahead (ten years).
MAX_DAYS = 3660


class UsageError(CwpError):
    """Bad arguments (exit 2)."""


class StoppingProblems(CwpError):
    """Problems that stop a command before it has anything to show — an input file that
    cannot be read as the table it should be, a plan file that is not a plan: each finding
    becomes one line on stderr, and the command exits with ``status``."""

    #: The most findings written out; the rest are counted.
    MAX_LINES = 20

    def __init__(self, findings: Sequence[Finding], status: int) -> None:
        self.findings = tuple(findings)
        self.status = status
        first = self.findings[0] if self.findings else None
        super().__init__(f"{first.location.label()}: {first.text()}" if first else "")

    def lines(self) -> list[str]:
        """One line per finding (at most :attr:`MAX_LINES`), then a count of the rest, in
        the current language."""
        shown = [f"{f.location.label()}: {f.text()}" for f in self.findings[: self.MAX_LINES]]
        rest = len(self.findings) - len(shown)
        if rest > 0:
            shown.append(Message("… and {rest:,} more", rest=rest).localized())
        return shown


def refuse_unreadable(findings: Iterable[Finding]) -> None:
    """Stop (exit 2, design §7) when an input file could not be read as a table at all:
    judging an empty table would call every reporter overdue."""
    fatal = [f for f in findings if f.code in UNREADABLE_CODES and f.severity is Severity.ERROR]
    if fatal:
        raise StoppingProblems(fatal, 2)


def _in_range(day: date, text: str) -> date:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise argparse.ArgumentTypeError(
            Message(
                "{text!r} is outside the supported dates ({first} to {last})",
                text=shorten(text, 40),
                first=FIRST_DAY,
                last=LAST_DAY,
            ).localized()
        )
    return day


def date_arg(text: str) -> date:
    """An argparse ``type``: a date as ``YYYY-MM-DD`` or ``DD/MM/YYYY``, from 1900 to 2100."""
    try:
        return _in_range(parse_date(text), text)
    except CwpError as exc:
        raise argparse.ArgumentTypeError(explain(exc)) from None


def moment_arg(text: str) -> date | datetime:
    """An argparse ``type``: a date, or an ISO 8601 date and time, from 1900 to 2100."""
    try:
        moment = parse_received(text)
    except CwpError as exc:
        raise argparse.ArgumentTypeError(explain(exc)) from None
    day = moment.date() if isinstance(moment, datetime) else moment
    _in_range(day, text)
    return moment


def days_arg(text: str) -> int:
    """An argparse ``type``: a number of days from 0 to :data:`MAX_DAYS`."""
    value = text.strip()
    if not (value.isascii() and value.isdigit()) or int(value[:6]) > MAX_DAYS:
        raise argparse.ArgumentTypeError(
            Message(
                "{text!r} is not a number of days from 0 to {most:,}",
                text=shorten(text, 40),
                most=MAX_DAYS,
            ).localized()
        )
    return int(value)


def _threshold(text: str) -> int:
    """An argparse ``type``: the disclosure threshold k, an integer of at least 2."""
    try:
        k = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            Message("{text!r} is not a whole number", text=shorten(text, 40)).localized()
        ) from None
    if k < 2:
        raise argparse.ArgumentTypeError(
            Message("{k} (expected 2 or more: counts 1 to k-1 are withheld)", k=k).localized()
        )
    return k


def add_audience(parser: argparse.ArgumentParser, *, threshold: bool = True) -> None:
    """``--audience internal|public`` and ``-k``, for every command that prints counts of
    children (design §10)."""
    parser.add_argument(
        "--audience",
        choices=("internal", "public"),
        default="internal",
        help=_("public protects counts of children (disclosure control, docs/reliability.md)"),
    )
    if threshold:
        parser.add_argument(
            "-k",
            type=_threshold,
            default=5,
            help=_(
                "public: counts from 1 to k-1 are withheld, and no withheld count can be "
                "narrowed down to an interval less than k wide (default 5)"
            ),
        )


def today_in_vietnam() -> date:
    """Today's date in Vietnam: the default ``--as-of`` of the commands that judge dates."""
    return datetime.now(ZoneInfo(LOCAL_TIMEZONE)).date()


def require_files(**paths: Path | None) -> None:
    """Each given path is an existing file (``FILE#Sheet``: FILE is), else a usage error
    naming the option."""
    for option, path in paths.items():
        if path is not None and not split_sheet(path)[0].is_file():
            raise UsageError(Message("no {option} file {path!r}", option=option, path=str(path)))


def add_remap_options(parser: argparse.ArgumentParser) -> None:
    """``--units-as-of DATE`` and ``--split-weights FILE`` (aggregate, evaluate)."""
    parser.add_argument(
        "--units-as-of",
        dest="units_as_of",
        type=date_arg,
        metavar="DATE",
        help=_(
            "carry the figures onto the units in force on DATE (e.g. 2025-07-01) before "
            "rolling them up"
        ),
    )
    parser.add_argument(
        "--split-weights",
        dest="split_weights",
        type=Path,
        metavar="FILE",
        help=_(
            "shares of divided units, CSV old_code,new_code,share (with --units-as-of); "
            "the values they give are marked estimated"
        ),
    )


def check_remap_args(args: argparse.Namespace) -> None:
    """A usage error for ``--split-weights`` without ``--units-as-of``, or naming no file."""
    if args.split_weights is not None and args.units_as_of is None:
        raise UsageError(Message("--split-weights needs --units-as-of"))
    require_files(split_weights=args.split_weights)


def remap_weights(args: argparse.Namespace, host: Host) -> SplitWeights:
    """The ``--split-weights`` file read (empty without one), after :func:`check_remap_args`."""
    check_remap_args(args)
    if args.split_weights is None:
        return SplitWeights({})
    return load_split_weights(args.split_weights, source=host.data_source_for(args.split_weights))


def format_name(args: argparse.Namespace, host: Host) -> str:
    """The output format: ``--format``, else the one whose suffix ``--output`` has, else
    text. An ``--output`` suffix that no output format writes is a usage error listing the
    suffixes that are known (``-o eval.xlsx`` must not write plain text in silence)."""
    if args.format:
        return str(args.format)
    if args.output is not None and args.output.suffix:
        fmt = host.format_for_suffix(args.output.suffix)
        if fmt is None:
            known = ", ".join(sorted({f.suffix for f in host.output_formats().values()}))
            raise UsageError(
                Message(
                    "no output format writes {suffix!r} files (known: {known}); name one "
                    "with --format",
                    suffix=args.output.suffix,
                    known=known,
                )
            )
        return fmt.name
    return "text"


def add_engine_options(p: argparse.ArgumentParser) -> None:
    """``--engine`` and ``--quiet``: who reads and checks the files, and the progress bar."""
    p.add_argument(
        "--engine",
        choices=CHOICES,
        default="auto",
        help=_(
            "who reads and checks the files: python (the reference), duckdb (columnar, "
            "the `engines` extra), dask (a cluster, the `distributed` extra); auto (default): "
            "python below {size} MiB of input, duckdb above. The output is the same whatever "
            "the engine"
        ).format(size=AUTO_BYTES // 2**20),
    )
    p.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        help=_("no progress bar (one is shown on stderr only when it is a terminal)"),
    )
