"""Running one command: the host, the format, the report, the output, the exit status.

Nothing a user can type or feed in ends in a traceback: errors of ours are one line and
exit 2; output to a reader that has gone away (``cwp show … | head -1``) ends quietly with
the command's own status; a closed standard output is an error (exit 2); anything else
that escapes is an internal error, named in one line (``CWP_DEBUG=1`` shows the
traceback).

A command whose ``-o`` names what it writes itself — a directory of letters (``cwp
remind``), a workbook (``cwp template``) — says so with ``OWNS_OUTPUT = True``; its report
(an account of what it wrote) then goes to standard output, in the ``--format`` asked for
(text by default), never into that file.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import warnings
from types import ModuleType

from child_welfare_plan.cli import say
from child_welfare_plan.cli.args import StoppingProblems, UsageError, format_name
from child_welfare_plan.errors import CwpError, ExportWarning, OutputFileError
from child_welfare_plan.formats.options import OPTION_FLAGS, RenderOptions
from child_welfare_plan.i18n import _, language, resolve
from child_welfare_plan.i18n.localized import Message, explain, localize
from child_welfare_plan.io.atomic import write_atomic
from child_welfare_plan.model.cells import shorten
from child_welfare_plan.plugins.host import Host, get_host

__all__ = ["DEBUG_VARIABLE", "execute", "render_options"]

DEBUG_VARIABLE = "CWP_DEBUG"
"""Set to 1 to let an internal error show its traceback."""


class _ReaderGone(Exception):
    """Standard output is a pipe whose reader has stopped reading."""


def render_options(args: argparse.Namespace) -> RenderOptions:
    """The render options given on the command line."""
    return RenderOptions(table=getattr(args, "table", None), bom=bool(getattr(args, "bom", False)))


def execute(args: argparse.Namespace, command: ModuleType) -> int:
    """Run ``command`` with ``args`` and write its report; returns the exit status."""
    host = get_host()
    statuses: list[int] = [0]
    notes: list[str] = []
    try:
        lang = resolve(getattr(args, "lang", None))
    except CwpError as exc:
        say(_("cwp: error: {problem}").format(problem=_first_line(exc)))
        return 2
    with language(lang):
        try:
            _execute(args, command, host, notes, statuses)
        except _ReaderGone:
            pass  # the reader took what it wanted: not an error of this command
        except StoppingProblems as exc:
            for line in exc.lines():
                say(_("cwp: error: {problem}").format(problem=shorten(line, 500)))
            statuses.append(exc.status)
        except (CwpError, OSError) as exc:
            say(_("cwp: error: {problem}").format(problem=_first_line(exc)))
            statuses.append(2)
        except Exception as exc:
            if os.environ.get(DEBUG_VARIABLE):
                raise
            say(
                _(
                    "cwp: internal error: {kind}: {problem} (this is a bug; please report "
                    "it, with {variable}=1 to show where it happened)"
                ).format(kind=type(exc).__name__, problem=_first_line(exc), variable=DEBUG_VARIABLE)
            )
            statuses.append(2)
        finally:
            for note in notes:
                say(_("cwp: warning: {problem}").format(problem=localize(note)))
            for failure in host.failures:
                say(_("cwp: warning: {problem}").format(problem=failure.text()))
            for warning in host.warnings:
                say(_("cwp: warning: {problem}").format(problem=warning.text()))
    return statuses[-1]


def _execute(
    args: argparse.Namespace,
    command: ModuleType,
    host: Host,
    notes: list[str],
    statuses: list[int],
) -> None:
    """Build the report and write it (in the language chosen); the command's exit status
    is appended to ``statuses`` as soon as it is known, the warnings to ``notes``."""
    owns_output = getattr(command, "OWNS_OUTPUT", False)
    fmt = host.output_format(format_name(args, host) if not owns_output else _named(args))
    options = render_options(args)
    for option in options.given():
        if option not in fmt.options:
            raise UsageError(
                Message(
                    "{option} does not apply to the {format} format",
                    option=OPTION_FLAGS.get(option, option),
                    format=fmt.name,
                )
            )
    report, status = command.run(args, host)
    statuses.append(status)
    if not host.accepts(fmt, report):
        raise UsageError(
            Message(
                "the {format} format cannot render `cwp {command}` output",
                format=fmt.name,
                command=report.kind,
            )
        )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ExportWarning)
        content = host.render(fmt, report, options)
    for warning in caught:
        if issubclass(warning.category, ExportWarning):
            message = warning.message
            notes.append(explain(message) if isinstance(message, Warning) else str(message))
        else:
            warnings.warn_explicit(
                warning.message, warning.category, warning.filename, warning.lineno
            )
    if args.output is not None and not owns_output:
        write_atomic(args.output, content)
    else:
        if isinstance(content, bytes) and not fmt.media_type.startswith("text/"):
            stream = sys.stdout
            if stream is not None and stream.isatty():
                raise UsageError(
                    Message("the {format} format writes a file: give -o FILE", format=fmt.name)
                )
        _to_stdout(content)


def _named(args: argparse.Namespace) -> str:
    return str(args.format) if args.format else "text"


def _first_line(exc: BaseException) -> str:
    text = explain(exc)
    return shorten(text.splitlines()[0], 500) if text.strip() else type(exc).__name__


def _to_stdout(content: str | bytes) -> None:
    """Write ``content`` to standard output and flush it."""
    stream = sys.stdout
    if stream is None:
        raise OutputFileError(Message("cannot write the output: standard output is closed"))
    try:
        if isinstance(content, bytes):
            stream.flush()
            stream.buffer.write(content)
            stream.buffer.flush()
        else:
            stream.write(content)
            stream.flush()
    except BrokenPipeError:
        _drop_stdout()
        raise _ReaderGone from None
    except (OSError, ValueError) as exc:  # ValueError: the stream was closed
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise OutputFileError(
            Message("cannot write to standard output: {reason}", reason=reason)
        ) from None


def _drop_stdout() -> None:
    """Point standard output at the null device, so that Python's own flush at exit does
    not fail again on the broken pipe."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
