"""National reference data, shipped as package data with citations.

:func:`national_catalog` reads the built-in vocabularies (categories of children's
circumstances, abuse forms, protection levels, dimensions, indicators, national targets,
and the steps and time limits of the Decree 56/2017/NĐ-CP procedure).
Plugins add entries through the ``register_*`` hooks; :func:`child_welfare_plan.catalogs()`
gives the merged view.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable
from importlib import resources
from typing import Any, TypeVar

import attrs

from child_welfare_plan.errors import InvalidValueError, NotFoundError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.categories import AbuseForm, CircumstanceCategory, ProtectionLevel
from child_welfare_plan.model.convert import structure
from child_welfare_plan.model.indicators import Dimension, Indicator
from child_welfare_plan.model.plan import Target
from child_welfare_plan.model.procedures import ProcedureStep
from child_welfare_plan.model.validators import to_tuple

__all__ = ["Catalog", "national_catalog"]

_T = TypeVar("_T")

#: What each kind of entry is called in a message.
_KIND_NAMES = {
    "category": Message("category"),
    "abuse form": Message("abuse form"),
    "protection level": Message("protection level"),
    "dimension": Message("dimension"),
    "indicator": Message("indicator"),
    "target": Message("target"),
    "procedure step": Message("procedure step"),
}


def _by_code(kind: str, items: Iterable[_T]) -> dict[str, _T]:
    out: dict[str, _T] = {}
    for item in items:
        code: str = getattr(item, "code", None) or getattr(item, "id")  # noqa: B009
        if code in out:
            raise InvalidValueError(
                Message(
                    "catalog: {kind} {code!r} is defined twice",
                    kind=_KIND_NAMES.get(kind, kind),
                    code=code,
                )
            )
        out[code] = item
    return out


@attrs.frozen(kw_only=True)
class Catalog:
    """A set of vocabularies with lookups by code; every code is unique within its kind."""

    categories: tuple[CircumstanceCategory, ...] = attrs.field(converter=to_tuple, default=())
    abuse_forms: tuple[AbuseForm, ...] = attrs.field(converter=to_tuple, default=())
    protection_levels: tuple[ProtectionLevel, ...] = attrs.field(converter=to_tuple, default=())
    dimensions: tuple[Dimension, ...] = attrs.field(converter=to_tuple, default=())
    indicators: tuple[Indicator, ...] = attrs.field(converter=to_tuple, default=())
    targets: tuple[Target, ...] = attrs.field(converter=to_tuple, default=())
    procedure_steps: tuple[ProcedureStep, ...] = attrs.field(converter=to_tuple, default=())
    _index: dict[str, dict[str, Any]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, dict[str, Any]] = {
            "category": _by_code("category", self.categories),
            "abuse form": _by_code("abuse form", self.abuse_forms),
            "protection level": _by_code("protection level", self.protection_levels),
            "dimension": _by_code("dimension", self.dimensions),
            "indicator": _by_code("indicator", self.indicators),
            "target": _by_code("target", self.targets),
            "procedure step": _by_code("procedure step", self.procedure_steps),
        }
        object.__setattr__(self, "_index", index)

    def _get(self, kind: str, code: str) -> Any:
        try:
            return self._index[kind][code]
        except KeyError:
            known = ", ".join(sorted(self._index[kind])) or Message("none")
            raise NotFoundError(
                Message(
                    "unknown {kind} {code!r} (known: {known})",
                    kind=_KIND_NAMES.get(kind, kind),
                    code=code,
                    known=known,
                )
            ) from None

    def has(self, kind: str, code: str) -> bool:
        """True when ``code`` is defined for ``kind`` ("category", "indicator", ...)."""
        return code in self._index[kind]

    def category(self, code: str) -> CircumstanceCategory:
        """The category with this code."""
        result: CircumstanceCategory = self._get("category", code)
        return result

    def abuse_form(self, code: str) -> AbuseForm:
        """The abuse form with this code."""
        result: AbuseForm = self._get("abuse form", code)
        return result

    def protection_level(self, code: str) -> ProtectionLevel:
        """The protection level with this code."""
        result: ProtectionLevel = self._get("protection level", code)
        return result

    def dimension(self, code: str) -> Dimension:
        """The dimension with this code."""
        result: Dimension = self._get("dimension", code)
        return result

    def indicator(self, code: str) -> Indicator:
        """The indicator with this code."""
        result: Indicator = self._get("indicator", code)
        return result

    def target(self, target_id: str) -> Target:
        """The national target with this id."""
        result: Target = self._get("target", target_id)
        return result

    def procedure_step(self, code: str) -> ProcedureStep:
        """The procedure step with this code."""
        result: ProcedureStep = self._get("procedure step", code)
        return result

    def procedure(self, procedure: str) -> tuple[ProcedureStep, ...]:
        """The steps of a procedure, in order (empty when the catalog has none)."""
        steps = [s for s in self.procedure_steps if s.procedure == procedure]
        return tuple(sorted(steps, key=lambda s: s.order))

    def merged(self, other: Catalog) -> Catalog:
        """This catalog with ``other``'s entries added (a code defined twice is an error)."""
        return Catalog(
            categories=self.categories + other.categories,
            abuse_forms=self.abuse_forms + other.abuse_forms,
            protection_levels=self.protection_levels + other.protection_levels,
            dimensions=self.dimensions + other.dimensions,
            indicators=self.indicators + other.indicators,
            targets=self.targets + other.targets,
            procedure_steps=self.procedure_steps + other.procedure_steps,
        )


def _read(name: str) -> dict[str, Any]:
    path = resources.files(__package__).joinpath("data", name)
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


@functools.cache
def national_catalog() -> Catalog:
    """The built-in national catalog (read once, then cached)."""
    data: dict[str, Any] = {}
    for name in ("categories.toml", "indicators.toml", "targets.toml", "procedures.toml"):
        for key, value in _read(name).items():
            data.setdefault(key, []).extend(value)
    return structure(data, Catalog, source="catalog")
