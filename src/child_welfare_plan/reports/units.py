"""The reports of ``cwp units``: one unit on a day with what came before and after it, the
whole history of its code, or the units whose names match a search."""

from __future__ import annotations

from datetime import date
from typing import Any

from child_welfare_plan.model.successions import Succession, UnitRegister
from child_welfare_plan.model.units import AdministrativeUnit
from child_welfare_plan.reports.base import Block, Report, Section

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


def _span(unit: AdministrativeUnit, before: bool, after: bool) -> str:
    start = unit.valid_from.isoformat() if unit.valid_from else "(before 2023-04-10)"
    start += " (estimated)" if before else ""
    if unit.valid_to is None:
        return f"{start} onwards"
    return f"{start} to {unit.valid_to.isoformat()}{' (estimated)' if after else ''}"


def _links(register: UnitRegister, items: tuple[Succession, ...], forward: bool) -> list[str]:
    out = []
    for s in items:
        other = register.new_unit(s) if forward else register.old_unit(s)
        share = "" if s.share is None else f", share {s.share:g}"
        if s.kind.value == "split" and s.share is None:
            share = ", share unknown"
        reuse = ", same code, another unit" if s.reuses_code else ""
        out.append(f"{s.kind}: {other.code} {other.name}{share}{reuse}")
    return out


def unit_report(register: UnitRegister, unit: AdministrativeUnit, as_of: date) -> Report:
    """``cwp units CODE``: the unit with the code on ``as_of`` (the JSON), and for people
    the whole history of the code, that unit marked."""
    data = unit_data(register, unit)
    parent = data["parent_name"]
    lines = [
        f"On {as_of.isoformat()} code {unit.code} is {unit.name} ({unit.level}"
        + (f", under {parent} ({unit.parent})" if parent else "")
        + ").",
    ]
    sections = [Section("Unit", lines)]
    for version in register.versions(unit.code):
        before, after = register.predecessors(version), register.successors(version)
        above = register.parent(version)
        paragraphs = [
            f"{_span(version, _estimated(before), _estimated(after))}: {version.name}, "
            f"{version.level}"
            + (f" under {above.name} ({above.code})" if above is not None else "")
            + (f" — the unit on {as_of.isoformat()}" if version == unit else ""),
        ]
        if before:
            paragraphs.append("Formed from: " + "; ".join(_links(register, before, False)) + ".")
        if after:
            paragraphs.append(
                f"On {after[0].effective.isoformat()}: "
                + "; ".join(_links(register, after, True))
                + "."
            )
            paragraphs.extend(sorted({f"Basis: {s.basis}" for s in after if s.basis}))
        ending = register.ending(version)
        if ending is not None:
            paragraphs.append(
                f"Ended on {ending.effective.isoformat()} with no successor"
                + (f": {ending.basis}" if ending.basis else "")
                + (f" ({ending.note})" if ending.note else "")
                + "."
            )
        sections.append(Section(f"{version.code} {version.name}", paragraphs))
    return Report(
        "units",
        f"Administrative unit {unit.code}",
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
            u["code"],
            u["name"],
            u["level"],
            u["parent"] or "",
            u["valid_from"] or "(before 2023-04-10)",
            u["valid_to"] or "",
        )
        for u in units
    ]
    paragraphs = [f"{len(units)} unit(s) whose name contains {text!r} (diacritics ignored)."]
    block = Block(("code", "name", "level", "parent", "from", "to"), rows)
    return Report(
        "units",
        f"Units matching {text!r}",
        {"search": text, "units": units},
        [Section("Units", paragraphs, [block] if rows else ())],
        main_table="units",
    )
