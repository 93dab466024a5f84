"""What the commands share: argument types, the plan argument, the clock, the format.

The command line is the one place that reads the clock (``--as-of`` defaults to today in
Vietnam); the library below it never does.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from child_welfare_plan.calendars.dates import LOCAL_TIMEZONE, parse_date, parse_received
from child_welfare_plan.errors import CwpError

if TYPE_CHECKING:
    from child_welfare_plan.plugins.host import Host

__all__ = [
    "UsageError",
    "add_audience",
    "date_arg",
    "format_name",
    "moment_arg",
    "require_files",
    "today_in_vietnam",
]


class UsageError(CwpError):
    """Bad arguments (exit 2)."""


def date_arg(text: str) -> date:
    """An argparse ``type``: a date as ``YYYY-MM-DD`` or ``DD/MM/YYYY``."""
    try:
        return parse_date(text)
    except CwpError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def moment_arg(text: str) -> date | datetime:
    """An argparse ``type``: a date, or an ISO 8601 date and time."""
    try:
        return parse_received(text)
    except CwpError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _threshold(text: str) -> int:
    """An argparse ``type``: the disclosure threshold k, an integer of at least 2."""
    try:
        k = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if k < 2:
        raise argparse.ArgumentTypeError(f"{k} (expected 2 or more: counts 1 to k-1 are withheld)")
    return k


def add_audience(parser: argparse.ArgumentParser, *, threshold: bool = True) -> None:
    """``--audience internal|public`` and ``-k``, for every command that prints counts of
    children (design §10)."""
    parser.add_argument(
        "--audience",
        choices=("internal", "public"),
        default="internal",
        help="public protects counts of children (disclosure control, docs/reliability.md)",
    )
    if threshold:
        parser.add_argument(
            "-k",
            type=_threshold,
            default=5,
            help="public: counts from 1 to k-1 are withheld, and no withheld count can be "
            "narrowed down to an interval less than k wide (default 5)",
        )


def today_in_vietnam() -> date:
    """Today's date in Vietnam: the default ``--as-of`` of the commands that judge dates."""
    return datetime.now(ZoneInfo(LOCAL_TIMEZONE)).date()


def require_files(**paths: Path | None) -> None:
    """Each given path is an existing file, else a usage error naming the option."""
    for option, path in paths.items():
        if path is not None and not Path(path).is_file():
            raise UsageError(f"no {option} file {str(path)!r}")


def format_name(args: argparse.Namespace, host: Host) -> str:
    """The output format: ``--format``, else the one whose suffix ``--output`` has, else text."""
    if args.format:
        return str(args.format)
    if args.output is not None:
        fmt = host.format_for_suffix(args.output.suffix)
        if fmt is not None:
            return fmt.name
    return "text"
