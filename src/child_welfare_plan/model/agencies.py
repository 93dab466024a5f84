"""Agencies: the offices, committees and organisations a plan assigns work to."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import attrs

from child_welfare_plan.model import validators as v

__all__ = ["Agency", "AgencyKind"]


class AgencyKind(StrEnum):
    """What sort of body an agency is."""

    PEOPLES_COMMITTEE = "peoples-committee"
    """Ủy ban nhân dân: the executive of a unit; a commune reports through its own."""
    SPECIALISED_OFFICE = "specialised-office"
    """Phòng chuyên môn (district) or Sở (province) under a People's Committee."""
    POLICE = "police"
    FRONT = "front"
    """Ủy ban Mặt trận Tổ quốc Việt Nam: not part of the administration; plans *request* it."""
    MASS_ORGANISATION = "mass-organisation"
    MEDIA = "media"
    PARTY = "party"
    COUNCIL = "council"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Agency:
    """A body with a stable code (``ldtbxh``, ``ubnd-11074``), names and the unit it serves.

    ``valid_from``/``valid_to`` bound the days it exists, when it does not last as long as
    its unit: the district offices of labour, invalids and social affairs handed children's
    affairs to the health sector from 01/03/2025, and every district body ceased on
    30/06/2025.
    """

    code: str = attrs.field(validator=v.code)
    name: str = attrs.field(validator=v.non_empty)
    name_en: str | None = None
    unit: str = attrs.field(validator=v.unit_code)
    kind: AgencyKind = attrs.field(converter=AgencyKind)
    short_name: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None

    def __attrs_post_init__(self) -> None:
        v.dates_in_order("valid_from", "valid_to")(self)

    def active_on(self, day: date) -> bool:
        """True when the agency exists on ``day`` (its unit's validity aside)."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )
