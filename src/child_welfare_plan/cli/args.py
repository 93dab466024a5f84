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
from child_welfare_plan.engines import AUTO_BYTES, CHOICES
from child_welfare_plan.errors import CwpError
from child_welfare_plan.io.spreadsheets import split_sheet

if TYPE_CHECKING:
    from child_welfare_plan.plugins.host import Host

__all__ = [
    "UsageError",
    "add_engine_options",
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


def today_in_vietnam() -> date:
    """Today's date in Vietnam: the default ``--as-of`` of the commands that judge dates."""
    return datetime.now(ZoneInfo(LOCAL_TIMEZONE)).date()


def require_files(**paths: Path | None) -> None:
    """Each given path is an existing file (``FILE#Sheet``: FILE is), else a usage error
    naming the option."""
    for option, path in paths.items():
        if path is not None and not split_sheet(path)[0].is_file():
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


def add_engine_options(p: argparse.ArgumentParser) -> None:
    """``--engine`` and ``--quiet``: who reads and checks the files, and the progress bar."""
    p.add_argument(
        "--engine",
        choices=CHOICES,
        default="auto",
        help="who reads and checks the files: python (the reference), duckdb (columnar, "
        "the `engines` extra), dask (a cluster, the `distributed` extra); auto (default): "
        f"python below {AUTO_BYTES // 2**20:,} MiB of input, duckdb above. The output is the "
        "same whatever the engine",
    )
    p.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        help="no progress bar (one is shown on stderr only when it is a terminal)",
    )
