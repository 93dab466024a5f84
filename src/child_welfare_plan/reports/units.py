"""The reports of ``cwp units``: one unit on a day with what came before and after it, the
whole history of its code, or the units whose names match a search."""

from __future__ import annotations

from datetime import date
from typing import Any

from child_welfare_plan.i18n import N_, _
from child_welfare_plan.i18n.formatting import day, number
from child_welfare_plan.model.successions import Succession, UnitRegister
from child_welfare_plan.model.units import AdministrativeUnit
from child_welfare_plan.reports.base import Block, Report, Section
from child_welfare_plan.reports.labels import level_label

__all__ = ["unit_report", "unit_search_report"]


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _estimated(items: tuple[Succession, ...]) -> bool:
    return any(s.date_estimated for s in items)


def unit_data(register: UnitRegister, unit: AdministrativeUnit) -> dict[str, Any]:
    """The JSON of one unit: ``{"code", "name", "level", "parent", "valid_from",
    "valid_to", "predecessors", "successors", ...}``."""
    parent = register.parent(unit)
    before, after = register.predecessors(unit), register.successors(unit)
    ending = register.ending(unit)
    return {
        "code": unit.code,
        "name": unit.name,
        "level": unit.level.value,
        "parent": unit.parent,
        "valid_from": _day(unit.valid_from),
        "valid_to": _day(unit.valid_to),
        "kind": None if unit.kind is None else unit.kind.value,
        "parent_name": None if parent is None else parent.name,
        "valid_from_estimated": _estimated(before),
        "valid_to_estimated": _estimated(after),
        "predecessors": [
            {
                "code": s.old,
                "name": register.old_unit(s).name,
                "valid_to": _day(register.old_unit(s).valid_to),
                "share": s.share,
                "kind": s.kind.value,
                "basis": s.basis,
            }
            for s in before
        ],
        "successors": [
            {
                "code": s.new,
                "name": register.new_unit(s).name,
                "valid_from": _day(s.effective),
                "share": s.share,
                "kind": s.kind.value,
                "basis": s.basis,
            }
            for s in after
        ],
        "ended": None
        if ending is None
        else {
            "effective": ending.effective.isoformat(),
            "basis": ending.basis,
            "note": ending.note,
        },
    }


_SUCCESSION_KINDS = {
    "merge": N_("merge"),
    "split": N_("split"),
    "rename": N_("rename"),
    "reparent": N_("moved to another parent"),
}


def _kind(kind: str) -> str:
    return _(_SUCCESSION_KINDS[kind]) if kind in _SUCCESSION_KINDS else kind


def _first_day_known() -> str:
    return _("(before {day})").format(day=day(date(2023, 4, 10)))


def _span(unit: AdministrativeUnit, before: bool, after: bool) -> str:
    start = day(unit.valid_from) if unit.valid_from else _first_day_known()
    start += " " + _("(estimated)") if before else ""
    if unit.valid_to is None:
        return _("{start} onwards").format(start=start)
    end = day(unit.valid_to) + (" " + _("(estimated)") if after else "")
    return _("{start} to {end}").format(start=start, end=end)


def _links(register: UnitRegister, items: tuple[Succession, ...], forward: bool) -> list[str]:
    out = []
    for s in items:
        other = register.new_unit(s) if forward else register.old_unit(s)
        share = "" if s.share is None else ", " + _("share {share}").format(share=number(s.share))
        if s.kind.value == "split" and s.share is None:
            share = ", " + _("share unknown")
        reuse = ", " + _("same code, another unit") if s.reuses_code else ""
        out.append(f"{_kind(s.kind.value)}: {other.code} {other.name}{share}{reuse}")
    return out


def unit_report(register: UnitRegister, unit: AdministrativeUnit, as_of: date) -> Report:
    """``cwp units CODE``: the unit with the code on ``as_of`` (the JSON), and for people
    the whole history of the code, that unit marked."""
    data = unit_data(register, unit)
    parent = data["parent_name"]
    where = level_label(unit.level)
    if parent:
        where += ", " + _("under {parent} ({code})").format(parent=parent, code=unit.parent)
    lines = [
        _("On {day} code {code} is {name} ({where}).").format(
            day=day(as_of), code=unit.code, name=unit.name, where=where
        )
    ]
    sections = [Section(_("Unit"), lines, key="Unit")]
    for version in register.versions(unit.code):
        before, after = register.predecessors(version), register.successors(version)
        above = register.parent(version)
        paragraphs = [
            f"{_span(version, _estimated(before), _estimated(after))}: {version.name}, "
            f"{level_label(version.level)}"
            + (
                " " + _("under {parent} ({code})").format(parent=above.name, code=above.code)
                if above is not None
                else ""
            )
            + (" — " + _("the unit on {day}").format(day=day(as_of)) if version == unit else ""),
        ]
        if before:
            paragraphs.append(
                _("Formed from: {links}.").format(links="; ".join(_links(register, before, False)))
            )
        if after:
            paragraphs.append(
                _("On {day}: {links}.").format(
                    day=day(after[0].effective), links="; ".join(_links(register, after, True))
                )
            )
            paragraphs.extend(
                sorted({_("Basis: {basis}").format(basis=s.basis) for s in after if s.basis})
            )
        ending = register.ending(version)
        if ending is not None:
            paragraphs.append(
                _("Ended on {day} with no successor").format(day=day(ending.effective))
                + (f": {ending.basis}" if ending.basis else "")
                + (f" ({ending.note})" if ending.note else "")
                + "."
            )
        sections.append(Section(f"{version.code} {version.name}", paragraphs))
    return Report(
        "units",
        _("Administrative unit {code}").format(code=unit.code),
        data,
        sections,
        payload=unit,
        main_table="units",  # the unit itself (one row) before its predecessors
    )


def unit_search_report(
    register: UnitRegister, text: str, found: tuple[AdministrativeUnit, ...]
) -> Report:
    """``cwp units --search TEXT``: every unit whose name matches, with its validity."""
    units = [
        {
            "code": u.code,
            "name": u.name,
            "level": u.level.value,
            "parent": u.parent,
            "valid_from": _day(u.valid_from),
            "valid_to": _day(u.valid_to),
        }
        for u in found
    ]
    rows = [
        (
            u.name,
            u.code,
            level_label(u.level),
            u.parent or "",
            u.valid_from or _first_day_known(),
            u.valid_to,
        )
        for u in found
    ]
    paragraphs = [
        _("{n} unit(s) whose name contains {text} (diacritics ignored).").format(
            n=number(len(units)), text=repr(text)
        )
    ]
    block = Block((_("name"), _("code"), _("level"), _("parent"), _("from"), _("to")), rows)
    return Report(
        "units",
        _("Units matching {text}").format(text=repr(text)),
        {"search": text, "units": units},
        [Section(_("Units"), paragraphs, [block] if rows else (), key="Units")],
        main_table="units",
    )
