"""National vocabularies: categories of children's circumstances, abuse forms, levels.

The entries themselves are package data (``catalogs/data/*.toml``); these are their types.
"""

from __future__ import annotations

import attrs

from child_welfare_plan.model import validators as v

__all__ = ["AbuseForm", "CircumstanceCategory", "ProtectionLevel", "Term"]


@attrs.frozen(kw_only=True)
class Term:
    """A coded entry of a vocabulary with Vietnamese and English names and its source."""

    code: str = attrs.field(validator=v.code)
    name: str = attrs.field(validator=v.non_empty)
    name_en: str = attrs.field(validator=v.non_empty)
    reference: str | None = None


@attrs.frozen(kw_only=True)
class CircumstanceCategory(Term):
    """A group of children a plan targets.

    ``statutory`` is True for the 14 groups of Art. 10.1 of the Law on Children
    (``reference`` names the point, e.g. "Luật Trẻ em 2016, Điều 10.1.a"); plans also
    target groups the law does not list (children affected by Covid-19, ...).
    """

    statutory: bool = False
    letter: str | None = None


@attrs.frozen(kw_only=True)
class AbuseForm(Term):
    """A form of abuse (xâm hại) named by Art. 4.5 of the Law on Children."""


@attrs.frozen(kw_only=True)
class ProtectionLevel(Term):
    """A level of child protection (Art. 47–50 of the Law on Children); rank 1 is first."""

    rank: int = attrs.field(validator=v.non_negative)
