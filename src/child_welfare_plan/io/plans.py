"""Plan files: TOML (the authoring format) and JSON (the exchange format).

A plan file holds one plan at its top level, with the keys of
:class:`~child_welfare_plan.model.Plan` (``id``, ``title``, ``year``, ``tasks`` in
``task_groups``...). Every structural problem is reported at once, with the file and the path
inside it; then :func:`~child_welfare_plan.rules.validate.validate_plan` checks references
(``task_groups[2].tasks[3].lead: unknown agency "y-te2"``).
"""

from __future__ import annotations

import contextlib
import json
import tomllib
from collections.abc import Mapping
from importlib.abc import Traversable
from os import PathLike
from pathlib import Path
from typing import Any

from child_welfare_plan.errors import CwpError, PlanFileError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.jsontext import JsonError, load_json, nesting_depth, repeated_keys
from child_welfare_plan.model.convert import structure, unstructure
from child_welfare_plan.model.deadlines import format_deadline, parse_deadline
from child_welfare_plan.model.findings import Finding, Location, Severity
from child_welfare_plan.model.plan import Plan

__all__ = [
    "LABEL_KEYS",
    "dumps_plan_json",
    "load_plan",
    "plan_from_data",
    "plan_to_data",
    "read_plan_data",
]

PlanPath = str | PathLike[str] | Traversable

MAX_DEPTH = 32
"""How deeply tables and lists may nest in a plan file (a plan needs about six levels)."""


def read_plan_data(path: PlanPath) -> dict[str, Any]:
    """The raw mapping of a ``.toml`` or ``.json`` plan file.

    Raises:
        PlanFileError: the file cannot be read or parsed (with the file and, for TOML, the
            line and column the parser names), repeats a key in one table (JSON keeps the
            last in silence; here it is refused), or nests deeper than :data:`MAX_DEPTH`.
    """
    name = str(path)
    source = path if isinstance(path, Traversable) else Path(path)
    suffix = Path(source.name).suffix.lower()
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise _file_error(
            name, Message("cannot read the file: {reason}", reason=str(exc.strerror or exc))
        ) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _file_error(name, Message("not UTF-8 text (byte {byte})", byte=exc.start)) from exc
    try:
        if suffix == ".toml":
            data: Any = tomllib.loads(text)
        elif suffix == ".json":
            data = load_json(text)
        else:
            raise _file_error(
                name,
                Message(
                    "unknown plan file type {suffix!r} (expected .toml or .json)", suffix=suffix
                ),
            )
    except tomllib.TOMLDecodeError as exc:
        raise _file_error(name, Message("not valid TOML: {reason}", reason=str(exc))) from None
    except JsonError as exc:
        raise _file_error(name, exc.message) from None
    except RecursionError:
        raise _file_error(name, Message("not valid TOML: nested too deeply to read")) from None
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise _file_error(
            name,
            Message("not valid {kind}: {reason}", kind=suffix[1:].upper(), reason=str(exc)),
        ) from None
    if not isinstance(data, dict):
        raise _file_error(name, Message("expected a table (object) at the top level"))
    repeated = list(repeated_keys(data))
    if repeated:
        problems = [
            _finding(
                name,
                Message("key {key!r} is given twice in one table; which one is meant?", key=key),
                path,
            )
            for path, key in repeated
        ]
        raise PlanFileError(_in_file(name, problems[0].message), tuple(problems))
    depth = nesting_depth(data)
    if depth > MAX_DEPTH:
        raise _file_error(
            name,
            Message(
                "the file nests tables and lists {depth} deep (a plan needs at most {most})",
                depth=depth,
                most=MAX_DEPTH,
            ),
        )
    return data


def _finding(name: str, message: str, path: str | None = None) -> Finding:
    return Finding(
        Severity.ERROR, "unreadable-plan", message, Location(file=name, path=path or None)
    )


def _file_error(name: str, message: str) -> PlanFileError:
    return PlanFileError(_in_file(name, message), (_finding(name, message),))


def _in_file(name: str, message: str) -> Message:
    """``message`` about the file ``name``, prefixed with its name."""
    return Message("{file}: {problem}", file=name, problem=message)


def plan_from_data(data: Mapping[str, Any], *, source: str | None = None) -> Plan:
    """Structure a mapping into a :class:`Plan`; :class:`PlanFileError` lists every problem.

    A deadline phrase that leaves out its year ("trước ngày 15/6") takes the plan's year.
    """
    body = {k: _without_labels(v) for k, v in data.items() if k not in ("format", *LABEL_KEYS)}
    year = body.get("year")
    if isinstance(year, int) and isinstance(body.get("obligations"), list):
        body["obligations"] = [_with_year(item, year) for item in body["obligations"]]
    return structure(body, Plan, source=source)


#: The keys ``cwp show`` adds to the exchange form beside codes, for people (names of
#: bodies and categories, words for kinds and levels): a plan read back ignores them.
LABEL_KEYS = frozenset(
    {
        "issuer_name",
        "coordinator_name",
        "period_convention_label",
        "agency_name",
        "agency_names",
        "lead_name",
        "support_names",
        "category_names",
        "recipient_name",
        "via_name",
        "drafted_by_name",
        "kind_label",
        "level_label",
    }
)


def _without_labels(value: Any) -> Any:
    """``value`` without the keys of :data:`LABEL_KEYS`, at any depth."""
    if isinstance(value, dict):
        return {k: _without_labels(v) for k, v in value.items() if k not in LABEL_KEYS}
    if isinstance(value, list):
        return [_without_labels(v) for v in value]
    return value


def _with_year(obligation: Any, year: int) -> Any:
    """An obligation's deadline phrases with the plan's year where they name none; a phrase
    that cannot be read is left for the structuring to report, with its path."""
    if not isinstance(obligation, dict):
        return obligation
    out = dict(obligation)
    for key in ("deadline", "reading"):
        phrase = out.get(key)
        if isinstance(phrase, str):
            with contextlib.suppress(CwpError):
                out[key] = format_deadline(parse_deadline(phrase, year=year))
    return out


def load_plan(path: PlanPath) -> Plan:
    """Read a plan file (``.toml`` or ``.json``) into a :class:`Plan`."""
    return plan_from_data(read_plan_data(path), source=str(path))


def plan_to_data(plan: Plan) -> dict[str, Any]:
    """The plan in its exchange form: plain data that :func:`plan_from_data` reads back."""
    data: dict[str, Any] = unstructure(plan)
    return data


def dumps_plan_json(plan: Plan, *, indent: int | None = 2) -> str:
    """The plan as a JSON document (UTF-8 text, Vietnamese kept as is)."""
    return json.dumps(plan_to_data(plan), ensure_ascii=False, indent=indent)
