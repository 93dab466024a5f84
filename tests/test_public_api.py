"""The public names of the package: each resolves, is documented and is typed."""

from __future__ import annotations

import inspect

import pytest

import child_welfare_plan as cwp

NAMES = [n for n in cwp.__all__ if n != "__version__"]


@pytest.mark.parametrize("name", NAMES)
def test_every_public_name_resolves_and_is_documented(name: str) -> None:
    value = getattr(cwp, name)
    assert (inspect.getdoc(value) or "").strip(), f"{name} has no docstring"


@pytest.mark.parametrize("name", [n for n in NAMES if inspect.isfunction(getattr(cwp, n))])
def test_every_public_function_is_fully_typed(name: str) -> None:
    signature = inspect.signature(getattr(cwp, name))
    assert signature.return_annotation is not inspect.Signature.empty, name
    for parameter in signature.parameters.values():
        assert parameter.annotation is not inspect.Parameter.empty, f"{name}({parameter.name})"


def test_the_result_types_of_the_public_functions_are_exported() -> None:
    for name in (
        "TimelinessResult",
        "StatusItem",
        "Rate",
        "Status",
        "AggregateResult",
        "AggregateValue",
        "DataValueSet",
        "Evaluation",
        "TargetResult",
        "PlanCalendar",
        "Severity",
        "Location",
        "Incident",
        "WorkingCalendar",
        "SubmissionSet",
        "IncidentSet",
    ):
        assert name in cwp.__all__


def test_plan_data_round_trips_through_the_public_names() -> None:
    plan = cwp.get_plan("tu-ky-2023")
    assert cwp.plan_from_data(cwp.plan_to_data(plan)) == plan


def test_the_api_uses_the_installed_catalog_and_the_rules_the_national_one() -> None:
    """One default per layer: the façade's functions use what the plugins installed, the
    rules (given no catalog) the national catalog or the one the values were checked
    against. A plugin's own indicator tells the two apart."""
    from child_welfare_plan.catalogs import national_catalog
    from child_welfare_plan.model import Indicator
    from child_welfare_plan.plugins import Host, hookimpl
    from child_welfare_plan.plugins.host import reset_host
    from child_welfare_plan.rules.aggregate import aggregate

    class LocalIndicator:
        @hookimpl
        def register_indicators(self) -> list[Indicator]:
            return [
                Indicator(
                    code="tre-em-hoc-boi",
                    name="Số trẻ em được dạy bơi",
                    name_en="Children taught to swim",
                    value_type="count",
                    time_aggregation="sum",
                    unit_aggregation="sum",
                )
            ]

    plan = cwp.get_plan("tu-ky-2023")
    values = [
        cwp.DataValue(unit="11074", period="2023", indicator="tre-em-hoc-boi", value=10),
        cwp.DataValue(unit="11074", period="2023", indicator="tre-em", value=7),
    ]
    reset_host(Host(entry_points=False, plugins=[("local", LocalIndicator())]))
    try:
        assert cwp.catalog().has("indicator", "tre-em-hoc-boi")
        by_api = cwp.aggregate(plan, values)
        by_api_value = by_api.get("298", "2023", "tre-em-hoc-boi")
        assert by_api_value is not None and by_api_value.value == 10
    finally:
        reset_host(None)
    assert not national_catalog().has("indicator", "tre-em-hoc-boi")
    by_rules = aggregate(plan, values)
    assert by_rules.get("298", "2023", "tre-em-hoc-boi") is None
    found = by_rules.get("298", "2023", "tre-em")
    assert found is not None and found.value == 7


def test_the_installed_catalog_can_be_asked_for_again() -> None:
    """``cwp.catalog()`` once failed on the second call: importing the package that held
    the national catalog replaced the function of the same name."""
    import child_welfare_plan.catalogs  # noqa: F401

    first = cwp.catalog()
    assert cwp.catalog() is first


def test_every_type_the_facade_takes_or_returns_is_a_public_name() -> None:
    """A user never has to import from a submodule to annotate what ``cwp.*`` gives them."""
    import typing

    from child_welfare_plan import api

    missing: set[str] = set()
    for name in api.__all__:
        function = getattr(api, name)
        if not callable(function) or isinstance(function, type):
            continue
        for hint in typing.get_type_hints(function).values():
            for t in (hint, *typing.get_args(hint)):
                module = getattr(t, "__module__", "")
                public = getattr(cwp, getattr(t, "__name__", ""), None) is t
                if isinstance(t, type) and module.startswith("child_welfare_plan") and not public:
                    missing.add(f"{name}: {t.__name__}")
    assert not missing, sorted(missing)
