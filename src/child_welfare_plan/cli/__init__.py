"""The ``cwp`` command: parse arguments, call the library, render a report.

Each command is a module of this package with ``HELP``, ``configure(parser)`` and
``run(args, host) -> (report, exit status)``; :data:`COMMANDS` is the fixed list. Only the
module of the command being run is imported, so ``cwp --help`` stays light.

Exit status (design §7): 0 fine; 1 the command ran and found errors in the data or the
plan; 2 bad usage or unreadable input. User errors are one line on stderr, no traceback.
Ctrl-C ends ``cwp`` with one line and status 130, SIGTERM with status 143; a temporary
output file is removed either way (``docs/reliability.md``).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import ModuleType

from child_welfare_plan import __version__
from child_welfare_plan.cli.language import speaking, spoken
from child_welfare_plan.i18n import N_, _

__all__ = ["COMMANDS", "Terminated", "build_parser", "main", "say"]

COMMANDS: dict[str, str] = {
    "plans": N_("list installed plans"),
    "show": N_("show a plan section by section"),
    "validate": N_("check a plan and list its findings"),
    "calendar": N_("events and deadlines of a plan in date order (--format ics)"),
    "status": N_("who reported on time, who was late, who is overdue, and rates"),
    "aggregate": N_("roll reported values up the unit tree and over time"),
    "evaluate": N_("the consolidated evaluation: timeliness, figures, targets"),
    "remind": N_("write a reminder letter (docx) to every overdue reporter"),
    "template": N_("write a blank form (.xlsx) for a unit and period to fill in"),
    "units": N_("administrative units over time: a code's history, or a search by name"),
    "new-pack": N_("scaffold an installable pack (plan, demo data, test) for any unit"),
    "deadline": N_("read a Vietnamese deadline phrase"),
    "lunar": N_("convert between solar and Vietnamese lunar dates"),
    "period": N_("show a period's dates"),
}
"""Every command, in the order ``cwp --help`` lists them, with its one-line help (English,
translated when the help is shown); the command ``NAME`` is the module
``child_welfare_plan.cli.NAME`` (``-`` written ``_``)."""


def command_module(name: str) -> ModuleType:
    """The module of the command ``name`` (one of :data:`COMMANDS`)."""
    if name not in COMMANDS:
        raise KeyError(name)
    return importlib.import_module(f"{__name__}.{name.replace('-', '_')}")


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        "-f",
        default=None,
        help=_(
            "output format: text (default), json, markdown, csv, html, xlsx, docx, or a plugin's"
        ),
    )
    parser.add_argument("--output", "-o", type=Path, help=_("write to FILE (atomically)"))
    parser.add_argument(
        "--lang",
        choices=("vi", "en"),
        default=None,
        help=_(
            "language of the words, numbers and dates people read: vi (default) or en; "
            "default from the environment variable CWP_LANG (JSON and CSV are the same in both)"
        ),
    )
    parser.add_argument(
        "--table",
        metavar="NAME",
        help=_(
            "csv: the table to write (items, rates, values, indicators, targets, "
            "findings...; default: the command's main table)"
        ),
    )
    parser.add_argument(
        "--bom", action="store_true", help=_("csv: start with a UTF-8 byte order mark (for Excel)")
    )


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of ``cwp`` in the current language; only ``command``'s arguments
    are set up (every one when None). argparse's own words ("usage:", its errors) follow
    the language inside :func:`~child_welfare_plan.cli.language.speaking`, as in
    :func:`main`."""
    parser = argparse.ArgumentParser(
        prog="cwp",
        description=_("Vietnamese child-welfare work plans as data: deadlines, reports, figures."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=_("show the version of cwp and exit"),
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, text in COMMANDS.items():
        p = sub.add_parser(name, help=_(text), description=_(text))
        _common(p)
        if command is None or name == command:
            command_module(name).configure(p)
    return parser


def _chosen(argv: Sequence[str]) -> str | None:
    """The command named on the line (the first argument that is one), if any."""
    return next((a for a in argv if a in COMMANDS), None)


class Terminated(BaseException):
    """SIGTERM arrived: unwinds like Ctrl-C, so that temporary files are removed."""


#: Exit statuses of a run cut short: 128 + the signal's number, as shells report it.
INTERRUPTED, TERMINATED = 130, 143


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


@contextlib.contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    """While the command runs, SIGTERM raises :class:`Terminated` (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def say(line: str) -> None:
    """One line on stderr, if there is a stderr to write to."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.write(line + "\n")
        sys.stderr.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``cwp``; returns the exit status. Everything it says — help, usage errors,
    reports, warnings — is in the language of the command line (:func:`spoken`)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    with speaking(spoken(argv)):
        try:
            with _sigterm_unwinds():
                chosen = _chosen(argv)
                args = build_parser(chosen if chosen is not None else "").parse_args(argv)
                # The plugin host and the formats load once a command runs: `cwp --help`
                # needs neither.
                from child_welfare_plan.cli.run import execute

                return execute(args, command_module(args.command))
        except KeyboardInterrupt:
            say(_("cwp: interrupted"))
            return INTERRUPTED
        except Terminated:
            say(_("cwp: terminated"))
            return TERMINATED
