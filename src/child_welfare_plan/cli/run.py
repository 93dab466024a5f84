"""Running one command: the host, the format, the report, the output, the exit status.

A command whose ``-o`` names what it writes itself — a directory of letters (``cwp
remind``), a workbook (``cwp template``) — says so with ``OWNS_OUTPUT = True``; its report
(an account of what it wrote) then goes to standard output, in the ``--format`` asked for
(text by default), never into that file.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from types import ModuleType

from child_welfare_plan.cli.args import UsageError, format_name
from child_welfare_plan.errors import CwpError, ExportWarning
from child_welfare_plan.formats.options import OPTION_FLAGS, RenderOptions
from child_welfare_plan.io.atomic import write_atomic
from child_welfare_plan.plugins.host import get_host

__all__ = ["execute", "render_options"]


def render_options(args: argparse.Namespace) -> RenderOptions:
    """The render options given on the command line."""
    return RenderOptions(table=getattr(args, "table", None), bom=bool(getattr(args, "bom", False)))


def execute(args: argparse.Namespace, command: ModuleType) -> int:
    """Run ``command`` with ``args`` and write its report; returns the exit status."""
    host = get_host()
    status = 0
    notes: list[str] = []
    try:
        owns_output = getattr(command, "OWNS_OUTPUT", False)
        fmt = host.output_format(format_name(args, host) if not owns_output else _named(args))
        options = render_options(args)
        for option in options.given():
            if option not in fmt.options:
                raise UsageError(
                    f"{OPTION_FLAGS.get(option, option)} does not apply to the {fmt.name} format"
                )
        report, status = command.run(args, host)
        if not host.accepts(fmt, report):
            raise UsageError(f"the {fmt.name} format cannot render `cwp {report.kind}` output")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ExportWarning)
            content = host.render(fmt, report, options)
        for warning in caught:
            if issubclass(warning.category, ExportWarning):
                notes.append(str(warning.message))
            else:
                warnings.warn_explicit(
                    warning.message, warning.category, warning.filename, warning.lineno
                )
        if args.output is not None and not owns_output:
            write_atomic(args.output, content)
        elif isinstance(content, bytes):
            if sys.stdout.isatty() and not fmt.media_type.startswith("text/"):
                raise UsageError(f"the {fmt.name} format writes a file: give -o FILE")
            sys.stdout.buffer.write(content)
        else:
            sys.stdout.write(content)
    except (CwpError, OSError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"cwp: error: {message}", file=sys.stderr)
        status = 2
    finally:
        for problem in (*notes, *host.failures, *host.warnings):
            print(f"cwp: warning: {problem}", file=sys.stderr)
    sys.stdout.flush()
    return status


def _named(args: argparse.Namespace) -> str:
    return str(args.format) if args.format else "text"
