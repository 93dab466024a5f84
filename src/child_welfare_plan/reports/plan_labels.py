"""The JSON of ``cwp show`` with the words a person reads beside its codes.

The plan's exchange form keeps its keys and codes; beside them it gains ``<code>_name``
for the bodies it names (``issuer_name``, ``coordinator_name``, a responsibility's
``agency_name``, a task's ``lead_name`` and ``support_names``, an obligation's
``recipient_name``, ``via_name``, ``drafted_by_name``, its reporters' ``agency_names``)
and for the catalog's categories (``category_names``), and ``<code>_label`` for kinds and
levels (``kind_label``, ``level_label``, ``period_convention_label``). A body's name is the
plan's (as the status JSON's ``reporter_name``); a category's name and every label are in
the report's language. :func:`~child_welfare_plan.io.plans.plan_from_data` ignores these
keys (:data:`~child_welfare_plan.io.plans.LABEL_KEYS`), so the JSON still reads back as
the plan.

Prose the plan file holds (``period_basis``, an obligation's ``basis`` and
``reading_basis``, ``notes``) is the pack's own text and is left as written.
"""

from __future__ import annotations

from typing import Any

from child_welfare_plan.catalogs import Catalog, national_catalog
from child_welfare_plan.i18n import current
from child_welfare_plan.model.document_kinds import DocumentKind
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.reports.labels import (
    PlanNames,
    agency_kind_label,
    convention_label,
    funding_kind_label,
    insert_after,
    level_label,
    obligation_kind_label,
    unit_kind_label,
)

__all__ = ["label_plan"]


class _Words:
    """The names and labels of one plan, in the current language."""

    def __init__(self, plan: Plan, catalog: Catalog) -> None:
        self.names = PlanNames(plan, english=False)
        self.catalog = catalog
        self.english = current() == "en"

    def body(self, code: str) -> str:
        return self.names.body(code)

    def category(self, code: str) -> str:
        if not self.catalog.has("category", code):
            return code
        found = self.catalog.category(code)
        return (found.name_en or found.name) if self.english else found.name

    def document_kind(self, kind: str) -> str:
        try:
            found = DocumentKind(kind)
        except ValueError:
            return kind
        return found.en if self.english else found.vi


def _with(
    record: dict[str, Any], key: str, label: str, words: Any, *, many: bool = False
) -> dict[str, Any]:
    """``record`` with ``label`` after ``key`` (the words of its value) when it has ``key``."""
    value = record.get(key)
    if value is None or (many and not value):
        return record
    return insert_after(record, key, label, [words(v) for v in value] if many else words(value))


def _each(record: dict[str, Any], key: str, label: Any) -> dict[str, Any]:
    """``record`` with each item of its list ``key`` (when it has one) labelled."""
    if isinstance(record.get(key), list):
        record[key] = [label(item) for item in record[key]]
    return record


def _ref(ref: dict[str, Any], w: _Words) -> dict[str, Any]:
    """A document reference with the words of its kind."""
    return _with(ref, "kind", "kind_label", w.document_kind)


def _task(task: dict[str, Any], w: _Words) -> dict[str, Any]:
    """A task (or an objective, a funding source: the keys it has) with its names."""
    task = _with(task, "lead", "lead_name", w.body)
    task = _with(task, "support", "support_names", w.body, many=True)
    task = _with(task, "categories", "category_names", w.category, many=True)
    return _each(dict(task), "references", lambda ref: _ref(ref, w))


def _obligation(item: dict[str, Any], w: _Words) -> dict[str, Any]:
    item = _with(item, "kind", "kind_label", lambda k: str(obligation_kind_label(k)))
    reporters = item.get("reporters")
    if isinstance(reporters, dict):
        reporters = _with(reporters, "level", "level_label", level_label)
        item["reporters"] = _with(reporters, "agencies", "agency_names", w.body, many=True)
    item = _with(item, "recipient", "recipient_name", w.body)
    item = _with(item, "via", "via_name", w.body)
    return _with(item, "drafted_by", "drafted_by_name", w.body)


def _funding(w: _Words) -> Any:
    def label(item: dict[str, Any]) -> dict[str, Any]:
        return _task(_with(item, "kind", "kind_label", funding_kind_label), w)

    return label


def label_plan(data: dict[str, Any], plan: Plan, catalog: Catalog | None = None) -> dict[str, Any]:
    """The exchange form ``data`` of ``plan`` with its names and labels (see the module
    docs); categories are named by ``catalog`` (the national catalog when None)."""
    w = _Words(plan, catalog if catalog is not None else national_catalog())
    out = _with(data, "issuer", "issuer_name", w.body)
    out = _with(out, "coordinator", "coordinator_name", w.body)
    out = _with(out, "period_convention", "period_convention_label", convention_label)
    for key in ("based_on", "legal_bases"):
        _each(out, key, lambda ref: _ref(ref, w))
    _each(out, "objectives", lambda o: _task(o, w))
    _each(out, "task_groups", lambda g: _each(dict(g), "tasks", lambda t: _task(t, w)))
    _each(out, "funding_sources", _funding(w))
    _each(
        out,
        "responsibilities",
        lambda r: _each(_with(r, "agency", "agency_name", w.body), "tasks", lambda t: _task(t, w)),
    )
    _each(out, "events", lambda e: _with(e, "agencies", "agency_names", w.body, many=True))
    _each(out, "obligations", lambda o: _obligation(o, w))
    _each(
        out,
        "units",
        lambda u: _with(
            _with(u, "level", "level_label", level_label), "kind", "kind_label", unit_kind_label
        ),
    )
    _each(out, "agencies", lambda a: _with(a, "kind", "kind_label", agency_kind_label))
    _each(out, "groups", lambda g: _with(g, "level", "level_label", level_label))
    return out
