"""The frame of an administrative document (Decree 30/2020/NĐ-CP): who issues it, its number,
place and date, type and summary, recipients and signer.

A :class:`DocumentHeader` on a :class:`~child_welfare_plan.reports.base.Report` makes the
``docx`` format lay the report out as a *báo cáo* (a document with a type name) or a *công
văn* (a letter, with its summary "V/v ..." under the number). The fixed Vietnamese elements
of the layout — the national title and motto, "Số:", "BÁO CÁO", "Nơi nhận:", "Kính gửi:",
the signature placeholders and the wording of the place and date line — are the constants of
this module, and nowhere else.

References:
    * Decree 30/2020/NĐ-CP (05/03/2020) on clerical work, Appendix I, Part I: II.1 the
      national title (Quốc hiệu) and motto (Tiêu ngữ); II.2-II.5 issuing body, number and
      symbol, place and date, type and summary; II.7 signer; II.9 recipients (Nơi nhận).
    * Decree 30/2020/NĐ-CP, Appendix III: abbreviations of document types (BC = báo cáo).
    * Date line: "ngày 05 tháng 3 năm 2020" — a day below 10 and the months 1 and 2 take a
      leading zero (Appendix I, II.4; seen in secondary sources that quote it, and in every
      dated document of the Tứ Kỳ plan's legal bases).
"""

from __future__ import annotations

from datetime import date

import attrs

from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.agencies import Agency, AgencyKind
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.model.units import AdministrativeUnit, UnitKind, fold_name
from child_welfare_plan.model.validators import to_tuple

__all__ = [
    "ADDRESSEE_LABEL",
    "AS_ABOVE",
    "MOTTO",
    "NAME_PLACEHOLDER",
    "NATIONAL_TITLE",
    "NUMBER_BLANK",
    "NUMBER_LABEL",
    "RECIPIENTS_LABEL",
    "REPORT_ABBREVIATION",
    "REPORT_TYPE",
    "SIGNATURE_PLACEHOLDER",
    "SIGNER_CAPACITY_PLACEHOLDER",
    "SIGNER_TITLE_PLACEHOLDER",
    "DocumentHeader",
    "abbreviation",
    "date_line",
    "issuer_header",
    "number_line",
    "place_name",
    "recipient_lines",
]

# The fixed elements of the layout (Decree 30/2020/NĐ-CP, Appendix I). ---------------------

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
"""Quốc hiệu (Appendix I, Part I, II.1.a)."""
MOTTO = "Độc lập - Tự do - Hạnh phúc"
"""Tiêu ngữ (Appendix I, Part I, II.1.b): each phrase capitalised, hyphens between them."""
REPORT_TYPE = "BÁO CÁO"
"""The type name of a report (Appendix I, Part I, II.5)."""
REPORT_ABBREVIATION = "BC"
"""The abbreviation of a report in its symbol (Appendix III): ``Số: …/BC-UBND``."""
NUMBER_LABEL = "Số:"
NUMBER_BLANK = "…"
"""The number is left blank: the office's clerk gives it when the document is issued."""
RECIPIENTS_LABEL = "Nơi nhận:"
ADDRESSEE_LABEL = "Kính gửi:"
AS_ABOVE = "Như trên"
"""A letter's first recipient line: the addressees named under "Kính gửi"."""
SIGNER_CAPACITY_PLACEHOLDER = "KT. CHỦ TỊCH"
"""The signer's authority when the report gives none: signing for the chairman."""
SIGNER_TITLE_PLACEHOLDER = "PHÓ CHỦ TỊCH"
SIGNATURE_PLACEHOLDER = "(Chữ ký, dấu)"
NAME_PLACEHOLDER = "Họ và tên"
_DATE_LINE = "{place}, ngày {day} tháng {month} năm {year}"
_PEOPLES_COMMITTEE = "UBND"
"""The abbreviation of a People's Committee (Ủy ban nhân dân) in document symbols."""


@attrs.frozen(kw_only=True)
class DocumentHeader:
    """What an administrative document says around its body.

    ``doc_type`` is the type name (``BÁO CÁO``) of a document that has one; None makes the
    document a letter (công văn), whose ``summary`` ("V/v ...") stands under its number and
    which is addressed to ``addressees`` ("Kính gửi: ..."). Lines of ``issuer`` and
    ``superior`` are printed in upper case. A signer field left None is a placeholder.
    """

    issuer: tuple[str, ...] = attrs.field(converter=to_tuple)
    superior: tuple[str, ...] = attrs.field(converter=to_tuple, default=())
    symbol: str
    """The document's symbol after the number: ``BC-UBND`` gives "Số: …/BC-UBND"."""
    place: str
    day: date
    doc_type: str | None = None
    summary: str = ""
    addressees: tuple[str, ...] = attrs.field(converter=to_tuple, default=())
    recipients: tuple[str, ...] = attrs.field(converter=to_tuple, default=())
    signer_capacity: str | None = None
    signer_title: str | None = None
    signer_name: str | None = None

    def __attrs_post_init__(self) -> None:
        if not self.issuer or not all(line.strip() for line in self.issuer):
            raise InvalidValueError(
                Message("DocumentHeader.issuer: expected the issuing body's name")
            )

    @property
    def is_letter(self) -> bool:
        """True for a công văn (a document with no type name)."""
        return self.doc_type is None


def number_line(symbol: str) -> str:
    """``Số: …/BC-UBND``: the number left blank for the clerk, then the symbol."""
    return f"{NUMBER_LABEL} {NUMBER_BLANK}/{symbol}"


def date_line(place: str, day: date) -> str:
    """``Tứ Kỳ, ngày 05 tháng 3 năm 2023``: a day below 10 and the months 1 and 2 with a
    leading zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return _DATE_LINE.format(place=place, day=f"{day.day:02d}", month=month, year=day.year)


def recipient_lines(recipients: tuple[str, ...]) -> list[str]:
    """The list under "Nơi nhận:": each line ``- name;``, the last ``- name.``."""
    lines = [f"- {r.strip().rstrip(';.')}" for r in recipients if r.strip()]
    return [line + (";" if i < len(lines) - 1 else ".") for i, line in enumerate(lines)]


def place_name(unit: AdministrativeUnit) -> str:
    """The place a unit's documents are dated at: its name without the kind of unit
    ("Huyện Tứ Kỳ" → "Tứ Kỳ")."""
    words = unit.name.split()
    for size in (3, 2, 1):
        if len(words) > size:
            try:
                UnitKind.from_vietnamese(" ".join(words[:size]))
            except InvalidValueError:
                continue
            return " ".join(words[size:])
    return unit.name


def abbreviation(agency: Agency) -> str:
    """The agency's abbreviation in document symbols: ``UBND`` for a People's Committee, the
    short name without "Phòng"/"Sở" ("Phòng LĐTBXH" → ``LĐTBXH``), else its code."""
    if agency.kind is AgencyKind.PEOPLES_COMMITTEE:
        return _PEOPLES_COMMITTEE
    if agency.short_name:
        words = agency.short_name.split()
        if len(words) > 1 and fold_name(words[0]) in ("phong", "so"):
            words = words[1:]
        return "".join(words)
    return agency.code.upper()


def _name_lines(plan: Plan, agency: Agency) -> tuple[str, ...]:
    """An agency's name on one line, or two when it ends with its unit's name ("Ủy ban nhân
    dân" / "huyện Tứ Kỳ"), as People's Committees write theirs."""
    if agency.unit in plan.hierarchy:
        unit_name = plan.hierarchy.get(agency.unit).name
        if fold_name(agency.name).endswith(" " + fold_name(unit_name)):
            head = agency.name[: len(agency.name) - len(unit_name)].strip()
            if head:
                return (head, agency.name[len(head) :].strip())
    return (agency.name,)


def issuer_header(
    plan: Plan,
    agency_code: str,
    *,
    day: date,
    symbol: str,
    summary: str,
    doc_type: str | None = None,
    addressees: tuple[str, ...] = (),
    recipients: tuple[str, ...] = (),
    signer_capacity: str | None = None,
    signer_title: str | None = None,
) -> DocumentHeader:
    """The header of a document issued by ``agency_code`` of ``plan``: its name (and, for a
    body that is not a People's Committee, the committee of its unit above it), dated at
    its unit's place."""
    agency = plan.agency(agency_code)
    superior: tuple[str, ...] = ()
    if agency.kind is not AgencyKind.PEOPLES_COMMITTEE:
        committee = plan.committee_of(agency.unit)
        if committee is not None and committee.code != agency.code:
            superior = (" ".join(_name_lines(plan, committee)),)
    unit = plan.hierarchy.get(agency.unit) if agency.unit in plan.hierarchy else None
    return DocumentHeader(
        issuer=_name_lines(plan, agency),
        superior=superior,
        symbol=symbol,
        place=place_name(unit) if unit is not None else "",
        day=day,
        doc_type=doc_type,
        summary=summary,
        addressees=addressees,
        recipients=recipients,
        signer_capacity=signer_capacity,
        signer_title=signer_title,
    )
