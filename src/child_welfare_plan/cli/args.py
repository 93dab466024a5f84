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
from child_welfare_plan.io.weights import SplitWeights, load_split_weights

if TYPE_CHECKING:
    from child_welfare_plan.plugins.host import Host

__all__ = [
    "UsageError",
    "add_remap_options",
    "check_remap_args",
    "date_arg",
    "format_name",
    "moment_arg",
    "remap_weights",
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
    """Each given path is an existing file, else a usage error naming the option."""
    for option, path in paths.items():
        if path is not None and not Path(path).is_file():
            raise UsageError(f"no {option} file {str(path)!r}")


def add_remap_options(parser: argparse.ArgumentParser) -> None:
    """``--units-as-of DATE`` and ``--split-weights FILE`` (aggregate, evaluate)."""
    parser.add_argument(
        "--units-as-of",
        dest="units_as_of",
        type=date_arg,
        metavar="DATE",
        help="carry the figures onto the units in force on DATE (e.g. 2025-07-01) before "
        "rolling them up",
    )
    parser.add_argument(
        "--split-weights",
        dest="split_weights",
        type=Path,
        metavar="FILE",
        help="shares of divided units, CSV old_code,new_code,share (with --units-as-of); "
        "the values they give are marked estimated",
    )


def check_remap_args(args: argparse.Namespace) -> None:
    """A usage error for ``--split-weights`` without ``--units-as-of``, or naming no file."""
    if args.split_weights is not None and args.units_as_of is None:
        raise UsageError("--split-weights needs --units-as-of")
    require_files(split_weights=args.split_weights)


def remap_weights(args: argparse.Namespace, host: Host) -> SplitWeights:
    """The ``--split-weights`` file read (empty without one), after :func:`check_remap_args`."""
    check_remap_args(args)
    if args.split_weights is None:
        return SplitWeights({})
    return load_split_weights(args.split_weights, source=host.data_source_for(args.split_weights))


def format_name(args: argparse.Namespace, host: Host) -> str:
    """The output format: ``--format``, else the one whose suffix ``--output`` has, else text."""
    if args.format:
        return str(args.format)
    if args.output is not None:
        fmt = host.format_for_suffix(args.output.suffix)
        if fmt is not None:
            return fmt.name
    return "text"
