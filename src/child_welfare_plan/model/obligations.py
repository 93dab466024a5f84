"""Reporting obligations: who must report what, to whom, by when.

A plan's section on reporting ("Chế độ báo cáo") as data: the reporters, the recipient, the
period a report covers, the text's deadline, and, where the text sets no time limit, the
pack's reading of it, kept apart from the text's words.

References:
    * Decree 09/2019/NĐ-CP on the reporting regime of state administrative bodies.
    * Decree 56/2017/NĐ-CP, Art. 25-26 (a case of abuse is notified immediately; the commune
      People's Committee receives and first assesses it).
"""

from __future__ import annotations

from enum import StrEnum

import attrs

from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model import validators as v
from child_welfare_plan.model.deadlines import DeadlineRule
from child_welfare_plan.model.units import Level

__all__ = [
    "PACK_READING_FIELDS",
    "ObligationKind",
    "Reporters",
    "ReportingObligation",
]


class ObligationKind(StrEnum):
    """What sort of report an obligation asks for."""

    PERIODIC = "periodic"
    """A report on a period (six-month, annual)."""
    DOCUMENT = "document"
    """A document that covers no period, such as an implementation plan."""
    EVENT_TRIGGERED = "event-triggered"
    """A report owed each time an incident happens (a child's death from injury)."""
    AD_HOC = "ad-hoc"
    """A report with no fixed date (results of self-inspection)."""


@attrs.frozen(kw_only=True)
class Reporters:
    """Who must report: the People's Committee of every unit at ``level`` in the plan's
    area, and/or the listed ``agencies``."""

    level: Level | None = attrs.field(default=None, converter=attrs.converters.optional(Level))
    agencies: tuple[str, ...] = attrs.field(converter=v.to_tuple, default=(), validator=v.codes)

    def __attrs_post_init__(self) -> None:
        if self.level is None and not self.agencies:
            raise InvalidValueError(Message("Reporters: names neither a level nor any agency"))


PACK_READING_FIELDS = (
    "kind",
    "reporters",
    "recipient",
    "via",
    "drafted_by",
    "covers",
    "deadline",
    "feeds",
    "triggers",
)
"""The fields of a :class:`ReportingObligation` that :attr:`~ReportingObligation.pack_readings`
may name."""


def _check_pack_readings(
    instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    unknown = [name for name in value if name not in PACK_READING_FIELDS]
    if unknown:
        problem = Message(
            "{unknown} is not a field that can be a reading (expected some of {fields})",
            unknown=", ".join(map(repr, unknown)),
            fields=", ".join(PACK_READING_FIELDS),
        )
        raise InvalidValueError(v.owned("ReportingObligation", "pack_readings", problem))


@attrs.frozen(kw_only=True)
class ReportingObligation:
    """A report owed by some reporters to a recipient, on a deadline rule.

    ``covers`` is a period id (``2023S1``) read under the plan's period convention, or None
    for a document. ``feeds`` lists the obligations this one consolidates (a district report
    to the province built from the communes' reports). For an event-triggered obligation,
    ``triggers`` names the incident kinds.

    ``deadline`` is what the text says ("trước ngày 15/6/2023", or "kịp thời" when it sets
    no time limit). Where a pack needs a time limit the text does not give, ``reading`` is
    the pack's own rule (12 hours from discovery for "kịp thời") and ``reading_basis`` says
    why; the calendar and timeliness then judge by the reading and say so
    (:attr:`effective_deadline`).
    """

    id: str = attrs.field(validator=v.code)
    title: str = attrs.field(validator=v.non_empty)
    kind: ObligationKind = attrs.field(converter=ObligationKind)
    reporters: Reporters
    recipient: str = attrs.field(validator=v.code)
    via: str | None = attrs.field(default=None, validator=v.optional_code)
    drafted_by: str | None = attrs.field(default=None, validator=v.optional_code)
    """The office that drafts the report for its reporter ("Phòng LĐTBXH … tham mưu báo
    cáo UBND tỉnh": the office drafts, the People's Committee reports); status names it
    beside the reporter, so that it can be chased."""
    covers: str | None = None
    deadline: DeadlineRule | None = None
    reading: DeadlineRule | None = None
    """The pack's reading of a deadline the text leaves open (a time limit for "kịp
    thời"); never the text's words, which stay in ``deadline``."""
    reading_basis: str | None = None
    """Why the reading, with its legal source; required with ``reading``."""
    feeds: tuple[str, ...] = attrs.field(converter=v.to_tuple, default=(), validator=v.codes)
    triggers: tuple[str, ...] = attrs.field(converter=v.to_tuple, default=(), validator=v.codes)
    basis: str | None = None
    """The reading behind the deadline or the period, with its legal source."""
    text: str | None = None
    """The plan's own wording of the obligation."""
    section: str | None = None
    pack_readings: tuple[str, ...] = attrs.field(
        converter=v.to_tuple, default=(), validator=_check_pack_readings
    )
    """The fields whose values are the pack's reading of the text rather than its words
    (``recipient`` when the text names none; ``reporters`` when it says "các ngành có liên
    quan"); their grounds are in ``basis``."""

    def __attrs_post_init__(self) -> None:
        if self.reading is not None and not self.reading_basis:
            raise InvalidValueError(
                Message(
                    "ReportingObligation {id!r}: a reading needs its reading_basis (why this "
                    "time limit, and on what source)",
                    id=self.id,
                )
            )

    @property
    def effective_deadline(self) -> DeadlineRule | None:
        """The rule the calendar and timeliness use: the pack's ``reading`` when there is
        one, else the text's ``deadline``."""
        return self.reading if self.reading is not None else self.deadline
