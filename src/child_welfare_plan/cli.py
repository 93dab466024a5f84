"""The ``cwp`` command: parse arguments, call the library, render a report.

Exit status (design §7): 0 fine; 1 the command ran and found errors in the data or the
plan; 2 bad usage or unreadable input. User errors are one line on stderr, no traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from child_welfare_plan import __version__
from child_welfare_plan.errors import CwpError, PlanFileError
from child_welfare_plan.model.findings import Finding, has_errors
from child_welfare_plan.plugins.registry import Host, get_host
from child_welfare_plan.reports import Report, Section

if TYPE_CHECKING:
    from child_welfare_plan.model.plan import Plan

__all__ = ["main"]

Command = Callable[[argparse.Namespace, Host], tuple[Report, int]]


class UsageError(CwpError):
    """Bad arguments (exit 2)."""


def _date(text: str) -> date:
    """An argparse ``type``: a date as ``YYYY-MM-DD`` or ``DD/MM/YYYY``."""
    from child_welfare_plan.calendars.dates import parse_date

    try:
        return parse_date(text)
    except CwpError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _moment(text: str) -> date | datetime:
    """An argparse ``type``: a date, or an ISO 8601 date and time."""
    from child_welfare_plan.calendars.dates import parse_received

    try:
        return parse_received(text)
    except CwpError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


_ANCHOR_DATE = re.compile(r"(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})")


def _plan_arg(value: str, host: Host) -> tuple[object, list[Finding]]:
    """A plan id, or a path to a plan file: the plan (or None) and the file's findings."""
    path = Path(value)
    if path.suffix.lower() in (".toml", ".json"):
        if not path.is_file():
            raise UsageError(f"no plan file {value!r}")
        from child_welfare_plan.files.plans import load_plan

        try:
            return load_plan(path), []
        except PlanFileError as exc:
            return None, [f for f in exc.findings if isinstance(f, Finding)]
    return host.plan(value), []


def _load_plan(value: str, host: Host) -> Plan:
    from child_welfare_plan.model.plan import Plan

    plan, findings = _plan_arg(value, host)
    if not isinstance(plan, Plan):
        first = findings[0] if findings else None
        raise PlanFileError(f"{value}: {first.location}: {first.message}" if first else value)
    return plan


def _cmd_plans(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    from child_welfare_plan.views import plans_report

    return plans_report(host.plans().values()), 0


def _cmd_show(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    from child_welfare_plan.views import plan_report

    return plan_report(_load_plan(args.plan, host)), 0


def _cmd_validate(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    from child_welfare_plan.model.plan import Plan
    from child_welfare_plan.rules.validate import validate_plan
    from child_welfare_plan.views import validation_report

    plan, findings = _plan_arg(args.plan, host)
    plan_id = args.plan
    if isinstance(plan, Plan):
        plan_id = plan.id
        is_file = Path(args.plan).suffix.lower() in (".toml", ".json")
        source = args.plan if is_file else host.plan_source(plan.id)
        findings = validate_plan(
            plan,
            catalog=host.catalog(),
            calendar=host.working_calendar(plan.area, plan.year),
            source=source,
        )
    if any(f.code == "unreadable-plan" for f in findings):
        status = 2  # design §7: input that cannot be read at all
    else:
        status = 1 if has_errors(findings) else 0
    return validation_report(plan_id, findings), status


def _cmd_deadline(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    from child_welfare_plan.calendars.dates import parse_date
    from child_welfare_plan.calendars.deadlines import resolve
    from child_welfare_plan.model.deadlines import parse_deadline

    rule = parse_deadline(args.text)
    anchor = args.anchor
    if anchor is None and rule.kind == "within_days":
        # "trong vòng 05 ngày làm việc kể từ ngày 01/6/2023": the phrase names its anchor.
        named = _ANCHOR_DATE.search(getattr(rule, "anchor", ""))
        anchor = parse_date(named.group(1)) if named else None
    deadline = resolve(rule, anchor=anchor, roll=not args.no_roll)
    data = deadline.to_json()
    lines = [f"{k}: {'' if v is None else v}" for k, v in data.items()]
    return Report("deadline", f"Deadline: {args.text}", data, [Section("Deadline", lines)]), 0


def _cmd_lunar(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    from child_welfare_plan.calendars import lunar

    if args.to_solar:
        parts = args.date.replace("-", "/").split("/")
        if len(parts) != 3 or not all(p.strip().isdigit() for p in parts):
            raise UsageError(f"lunar date {args.date!r}: expected DD/MM/YYYY")
        day, month, year = (int(p) for p in parts)
        solar = lunar.to_solar(year, month, day, leap=args.leap)
        value = lunar.to_lunar(solar)
    else:
        from child_welfare_plan.calendars.dates import parse_date

        if args.leap:
            raise UsageError("--leap goes with --to-solar")
        solar = parse_date(args.date)
        value = lunar.to_lunar(solar)
    data = {
        "solar": solar.isoformat(),
        "lunar_day": value.day,
        "lunar_month": value.month,
        "lunar_year": value.year,
        "leap": value.leap,
    }
    lines = [f"solar: {solar.isoformat()}", f"lunar: {value}"]
    return Report("lunar", f"Lunar date of {solar.isoformat()}", data, [Section("Date", lines)]), 0


def _cmd_period(args: argparse.Namespace, host: Host) -> tuple[Report, int]:
    from child_welfare_plan.model.periods import parse_period

    period = parse_period(args.id, args.convention)
    data = period.to_json()
    lines = [f"{k}: {v}" for k, v in data.items()] + [f"convention: {args.convention}"]
    return Report("period", f"Period {period.id}", data, [Section("Period", lines)]), 0


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        "-f",
        default=None,
        help="output format: text (default), json, markdown, csv, html, or a plugin's",
    )
    parser.add_argument("--output", "-o", type=Path, help="write to FILE (atomically)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``cwp``."""
    parser = argparse.ArgumentParser(
        prog="cwp",
        description="Vietnamese child-welfare work plans as data: deadlines, reports, figures.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func: Command, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(func=func)
        _common(p)
        return p

    add("plans", _cmd_plans, "list installed plans")
    p = add("show", _cmd_show, "show a plan section by section")
    p.add_argument("plan", help="plan id (see `cwp plans`) or a .toml/.json plan file")
    p = add("validate", _cmd_validate, "check a plan and list its findings")
    p.add_argument("plan", help="plan id or a .toml/.json plan file")
    p = add("deadline", _cmd_deadline, "read a Vietnamese deadline phrase")
    p.add_argument("text", help='e.g. "trước ngày 15/6/2023"')
    p.add_argument("--no-roll", action="store_true", help="do not move a non-working last day")
    p.add_argument(
        "--anchor",
        type=_moment,
        help="the event a relative deadline counts from: YYYY-MM-DD, or YYYY-MM-DDTHH:MM",
    )
    p = add("lunar", _cmd_lunar, "convert between solar and Vietnamese lunar dates")
    p.add_argument("date", help="solar YYYY-MM-DD, or lunar DD/MM/YYYY with --to-solar")
    p.add_argument("--to-solar", action="store_true", help="DATE is a lunar date")
    p.add_argument("--leap", action="store_true", help="the lunar month is a leap month")
    p = add("period", _cmd_period, "show a period's dates")
    p.add_argument("id", help="2023, 2023S1, 2023Q2, 202306, 2023W05 or 20230615")
    p.add_argument("--convention", choices=("calendar", "nd09"), default="calendar")
    for register in _EXTRA_COMMANDS:
        register(add)
    return parser


#: Commands defined in other modules register themselves here: each is called with ``add``.
_EXTRA_COMMANDS: list[Callable[..., None]] = []


def _format_name(args: argparse.Namespace, host: Host) -> str:
    if args.format:
        return str(args.format)
    if args.output is not None:
        suffix = args.output.suffix.lower()
        for fmt in host.output_formats().values():
            if fmt.suffix == suffix:
                return fmt.name
    return "text"


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``cwp``; returns the exit status."""
    import child_welfare_plan.commands  # noqa: F401  (registers the remaining commands)

    parser = build_parser()
    args = parser.parse_args(argv)
    host = get_host()
    status = 0
    try:
        fmt = host.output_format(_format_name(args, host))
        report, status = args.func(args, host)
        if not fmt.accepts(report):
            raise UsageError(f"the {fmt.name} format cannot render `cwp {report.kind}` output")
        content = fmt.render(report)
        if args.output is not None:
            from child_welfare_plan.files.atomic import write_atomic

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
        for failure in host.failures:
            print(f"cwp: warning: {failure}", file=sys.stderr)
    sys.stdout.flush()
    return status


if __name__ == "__main__":  # pragma: no cover
    # Run through the imported module, where the other commands register themselves.
    from child_welfare_plan.cli import main as _main

    raise SystemExit(_main())
