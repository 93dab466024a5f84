"""Entry points that go through the plugin host: installed plans and the merged catalog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from child_welfare_plan.plugins.registry import get_host

if TYPE_CHECKING:
    from child_welfare_plan.catalog import Catalog
    from child_welfare_plan.model.plan import Plan

__all__ = ["catalog", "get_plan", "installed_plans"]


def installed_plans() -> dict[str, Plan]:
    """Every plan that an installed pack registers, by id."""
    return dict(get_host().plans())


def get_plan(plan_id: str) -> Plan:
    """The installed plan with this id (:class:`~child_welfare_plan.errors.NotFoundError`
    if none)."""
    return get_host().plan(plan_id)


def catalog() -> Catalog:
    """The national catalog merged with what installed plugins register."""
    return get_host().catalog()
