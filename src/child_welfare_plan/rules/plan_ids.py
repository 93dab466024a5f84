"""Ids used twice in a plan: each kind of id (units, agencies, tasks, obligations...) must be
unique among its kind, and an agency group must not take an agency's code."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from child_welfare_plan.i18n import N_
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.findings import Finding, Location, Severity
from child_welfare_plan.model.plan import Plan, Task

__all__ = ["duplicate_ids"]

_USED_TWICE: dict[str, str] = {
    "unit": N_("unit id {code!r} is used twice (first at {first})"),
    "agency": N_("agency id {code!r} is used twice (first at {first})"),
    "agency group": N_("agency group id {code!r} is used twice (first at {first})"),
    "objective": N_("objective id {code!r} is used twice (first at {first})"),
    "target": N_("target id {code!r} is used twice (first at {first})"),
    "task group": N_("task group id {code!r} is used twice (first at {first})"),
    "task": N_("task id {code!r} is used twice (first at {first})"),
    "responsibility": N_("responsibility id {code!r} is used twice (first at {first})"),
    "funding source": N_("funding source id {code!r} is used twice (first at {first})"),
    "event": N_("event id {code!r} is used twice (first at {first})"),
    "obligation": N_("obligation id {code!r} is used twice (first at {first})"),
}
"""What a duplicate-id finding says, by the kind of the id."""


def _error(message: str, path: str, source: str | None) -> Finding:
    return Finding(Severity.ERROR, "duplicate-id", message, Location(file=source, path=path))


def _task_paths(plan: Plan) -> Iterator[tuple[str, Task]]:
    for i, group in enumerate(plan.task_groups):
        for j, task in enumerate(group.tasks):
            yield f"task_groups[{i}].tasks[{j}]", task
    for i, resp in enumerate(plan.responsibilities):
        for j, task in enumerate(resp.tasks):
            yield f"responsibilities[{i}].tasks[{j}]", task


def duplicate_ids(plan: Plan, source: str | None) -> Iterator[Finding]:
    """A ``duplicate-id`` error for each id of a kind used twice in ``plan``, and for each
    agency group with an agency's code."""
    kinds: list[tuple[str, Iterable[tuple[str, str]]]] = [
        ("unit", ((f"units[{i}].code", u.code) for i, u in enumerate(plan.units))),
        (
            "agency",
            ((f"agencies[{i}].code", a.code) for i, a in enumerate(plan.agencies)),
        ),
        (
            "agency group",
            ((f"groups[{i}].code", g.code) for i, g in enumerate(plan.groups)),
        ),
        (
            "objective",
            ((f"objectives[{i}].id", o.id) for i, o in enumerate(plan.objectives)),
        ),
        (
            "target",
            (
                *(
                    (f"objectives[{i}].targets[{j}].id", t.id)
                    for i, o in enumerate(plan.objectives)
                    for j, t in enumerate(o.targets)
                ),
                *(
                    (f"{path}.targets[{j}].id", t.id)
                    for path, task in _task_paths(plan)
                    for j, t in enumerate(task.targets)
                ),
            ),
        ),
        (
            "task group",
            ((f"task_groups[{i}].id", g.id) for i, g in enumerate(plan.task_groups)),
        ),
        (
            "task",
            (
                *(
                    (f"task_groups[{i}].tasks[{j}].id", t.id)
                    for i, g in enumerate(plan.task_groups)
                    for j, t in enumerate(g.tasks)
                ),
                *(
                    (f"responsibilities[{i}].tasks[{j}].id", t.id)
                    for i, r in enumerate(plan.responsibilities)
                    for j, t in enumerate(r.tasks)
                ),
            ),
        ),
        (
            "responsibility",
            ((f"responsibilities[{i}].id", r.id) for i, r in enumerate(plan.responsibilities)),
        ),
        (
            "funding source",
            ((f"funding_sources[{i}].id", f.id) for i, f in enumerate(plan.funding_sources)),
        ),
        ("event", ((f"events[{i}].id", e.id) for i, e in enumerate(plan.events))),
        (
            "obligation",
            ((f"obligations[{i}].id", o.id) for i, o in enumerate(plan.obligations)),
        ),
    ]
    agency_codes = {a.code for a in plan.agencies}
    for i, group in enumerate(plan.groups):
        if group.code in agency_codes:
            yield _error(
                Message("agency group {code!r} has the code of an agency", code=group.code),
                f"groups[{i}].code",
                source,
            )
    for kind, entries in kinds:
        first: dict[str, str] = {}
        for path, code in entries:
            if code in first:
                yield _error(Message(_USED_TWICE[kind], code=code, first=first[code]), path, source)
            else:
                first[code] = path
