"""The whole country's administrative units of 10/04/2023, for national-scale benchmarks.

Reads ``shared/data/vn_admin_units_2023-04-10.csv`` (63 provinces, 705 districts, 10,598
communes) and builds units, one People's Committee agency per commune (``ubnd-<code>``),
and a national plan skeleton whose obligations the benchmarks fill in.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from child_welfare_plan.model import AdministrativeUnit, Agency, AgencyKind, Level, UnitKind

__all__ = ["MINISTRY", "UNITS_CSV", "national_agencies", "national_units"]

_HERE = Path(__file__).resolve().parent
_NAME = Path("shared") / "data" / "vn_admin_units_2023-04-10.csv"


def _units_csv() -> Path:
    """``CWP_UNITS_CSV``, else ``shared/data/…`` beside the checkout or beside one of its
    parent folders (a worktree), else the usual place beside the checkout."""
    given = os.environ.get("CWP_UNITS_CSV")
    if given:
        return Path(given)
    for folder in _HERE.parent.parents:
        if (folder / _NAME).is_file():
            return folder / _NAME
    return _HERE.parent.parent / _NAME


UNITS_CSV = _units_csv()


def national_units(path: Path = UNITS_CSV) -> tuple[AdministrativeUnit, ...]:
    """Every province, district and commune of the GSO list, parents before children."""
    provinces: dict[str, AdministrativeUnit] = {}
    districts: dict[str, AdministrativeUnit] = {}
    communes: list[AdministrativeUnit] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            p, d, c = row["province_code"], row["district_code"], row["commune_code"]
            if p not in provinces:
                provinces[p] = AdministrativeUnit(
                    code=p,
                    name=row["province_name"],
                    level=Level.PROVINCE,
                    kind=UnitKind.THANH_PHO_TRUNG_UONG
                    if row["province_type"].startswith("Thành phố")
                    else UnitKind.TINH,
                )
            if d not in districts:
                districts[d] = AdministrativeUnit(
                    code=d,
                    name=row["district_name"],
                    level=Level.DISTRICT,
                    kind=_kind(row["district_type"]),
                    parent=p,
                )
            if c:
                communes.append(
                    AdministrativeUnit(
                        code=c,
                        name=row["commune_name"],
                        level=Level.COMMUNE,
                        kind=_kind(row["commune_type"]),
                        parent=d,
                    )
                )
    return (*provinces.values(), *districts.values(), *communes)


def _kind(text: str) -> UnitKind | None:
    try:
        return UnitKind.from_vietnamese(text)
    except ValueError:
        return None


#: The ministry the national plans name as issuer and recipient. An agency serves a unit of
#: the plan, and the list has none above the provinces: it is placed in Hà Nội (``01``),
#: where it sits.
MINISTRY = Agency(
    code="bo-ldtbxh",
    name="Bộ Lao động - Thương binh và Xã hội",
    unit="01",
    kind=AgencyKind.OTHER,
)


def national_agencies(units: tuple[AdministrativeUnit, ...]) -> tuple[Agency, ...]:
    """The ministry (:data:`MINISTRY`, issuer and recipient of the national plans), then the
    People's Committee of every commune: ``ubnd-<commune code>``."""
    return (
        MINISTRY,
        *(
            Agency(
                code=f"ubnd-{u.code}",
                name=f"Ủy ban nhân dân {u.name}",
                unit=u.code,
                kind=AgencyKind.PEOPLES_COMMITTEE,
            )
            for u in units
            if u.level is Level.COMMUNE
        ),
    )
