"""Running one command: the host, the format, the report, the output, the exit status."""

from __future__ import annotations

import argparse
import sys
from types import ModuleType

from child_welfare_plan.cli.args import UsageError, format_name
from child_welfare_plan.errors import CwpError
from child_welfare_plan.io.atomic import write_atomic
from child_welfare_plan.plugins.host import get_host

__all__ = ["execute"]


def execute(args: argparse.Namespace, command: ModuleType) -> int:
    """Run ``command`` with ``args`` and write its report; returns the exit status."""
    host = get_host()
    status = 0
    try:
        fmt = host.output_format(format_name(args, host))
        report, status = command.run(args, host)
        if not host.accepts(fmt, report):
            raise UsageError(f"the {fmt.name} format cannot render `cwp {report.kind}` output")
        content = host.render(fmt, report)
        if args.output is not None:
            write_atomic(args.output, content)
        elif isinstance(content, bytes):
            sys.stdout.buffer.write(content)
        else:
            sys.stdout.write(content)
    except (CwpError, OSError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"cwp: error: {message}", file=sys.stderr)
        status = 2
    finally:
        for problem in (*host.failures, *host.warnings):
            print(f"cwp: warning: {problem}", file=sys.stderr)
    sys.stdout.flush()
    return status
