"""Reminder letters (công văn đôn đốc) to the reporters who are overdue, and the index of
``cwp remind``.

One letter per overdue reporter and per body it owes reports to (the obligation's
recipient): it names each overdue report, the period it covers, its last on-time day and
the days overdue, as of the date of the judgement. The letter is a công văn in the layout of
Decree 30/2020/NĐ-CP (a :class:`~child_welfare_plan.reports.document.DocumentHeader` with no
type name): the summary "V/v đôn đốc gửi báo cáo" under the number, "Kính gửi:" the
reporter, "Nơi nhận:" beginning "Như trên". The letter's number is left for the clerk; the
signer's name is a placeholder.

References:
    * Decree 30/2020/NĐ-CP, Appendix I, Part I, II.3 (symbol of a công văn: the issuing
      body's abbreviation, then the drafting unit's: "UBND-LĐTBXH") and II.5.b (the
      summary of a công văn, "V/v ...", under the number).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

import attrs

from child_welfare_plan.i18n import _
from child_welfare_plan.i18n.formatting import day, number
from child_welfare_plan.model.findings import Finding, count
from child_welfare_plan.model.plan import Plan, ReportingObligation
from child_welfare_plan.model.units import fold_name
from child_welfare_plan.model.validators import to_tuple
from child_welfare_plan.reports.base import Block, Report, Section
from child_welfare_plan.reports.document import abbreviation, issuer_header
from child_welfare_plan.reports.findings import findings_block
from child_welfare_plan.rules.timeliness import StatusItem, TimelinessResult

__all__ = ["LETTER_PREFIX", "Reminder", "remind_report", "reminders"]

#: The summary line (trích yếu) of a reminder letter.
LETTER_SUMMARY = "V/v đôn đốc gửi báo cáo"
_LETTER_TITLE = "Đôn đốc gửi báo cáo: {name}"
_INTRO = (
    "Thực hiện {plan} của {issuer}, {reporter} có trách nhiệm gửi báo cáo về {recipient}{via} "
    "theo thời hạn quy định."
)
_OVERDUE = "Đến ngày {day}, {recipient} chưa nhận được các báo cáo sau của {reporter}:"
_REQUEST = (
    "Đề nghị {reporter} khẩn trương hoàn thành, gửi các báo cáo nêu trên về {recipient}{via} "
    "để tổng hợp theo quy định. Trường hợp đã gửi, đề nghị bỏ qua nội dung đôn đốc này."
)
_VIA = " (qua {via})"
_COLUMNS = ("Báo cáo", "Kỳ báo cáo", "Ngày cuối cùng đúng hạn", "Số ngày quá hạn")
_ARCHIVE = "Lưu: VT"
LETTER_PREFIX = "don-doc"
"""How the file name of every letter begins."""
_MAX_FILE_STEM = 80


@attrs.frozen(kw_only=True)
class Reminder:
    """A letter to ``reporter`` from ``sender`` about its overdue ``items``, and the name of
    the file it is written to."""

    reporter: str
    name: str
    sender: str
    items: tuple[StatusItem, ...] = attrs.field(converter=to_tuple)
    file: str
    letter: Report = attrs.field(eq=False, repr=False)


def _vn_date(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold_name(text)).strip("-")


def _file_name(reporter: str, name: str, sender: str, taken: set[str]) -> str:
    """A file name safe on every system: ASCII letters, digits and hyphens, unique."""
    stem = "-".join(p for p in (LETTER_PREFIX, _slug(reporter), _slug(name)) if p)
    stem = stem[:_MAX_FILE_STEM].rstrip("-")
    candidate, n = stem, 1
    while f"{candidate}.docx" in taken:
        n += 1
        candidate = f"{stem}-{_slug(sender)}" if n == 2 else f"{stem}-{n}"
    taken.add(f"{candidate}.docx")
    return f"{candidate}.docx"


def _agency_name(plan: Plan, code: str | None) -> str:
    if code is None:
        return ""
    return plan.agency(code).name if plan.has_agency(code) else code


def _letter(
    plan: Plan, as_of: date, sender: str, reporter: str, items: Sequence[StatusItem]
) -> Report:
    obligations = {ob.id: ob for ob in plan.obligations}
    first = obligations.get(items[0].obligation)
    via = first.via if first is not None and first.via != sender else None
    name = items[0].reporter_name or _agency_name(plan, reporter)
    recipient = _agency_name(plan, sender)
    via_text = _VIA.format(via=_agency_name(plan, via)) if via else ""
    sender_agency = plan.agency(sender)
    symbol = abbreviation(sender_agency)
    drafter = via or plan.coordinator
    if drafter and drafter != sender and plan.has_agency(drafter):
        symbol = f"{symbol}-{abbreviation(plan.agency(drafter))}"
    archive = (
        f"{_ARCHIVE}, {abbreviation(plan.agency(drafter))}"
        if drafter and plan.has_agency(drafter) and drafter != sender
        else _ARCHIVE
    )
    signatory = plan.signatory if sender == plan.issuer else None
    header = issuer_header(
        plan,
        sender,
        day=as_of,
        symbol=symbol,
        summary=LETTER_SUMMARY,
        addressees=(name,),
        recipients=(archive,),
        signer_capacity=signatory.capacity if signatory else None,
        signer_title=signatory.title if signatory else None,
    )
    rows = [
        (
            obligations[i.obligation].title if i.obligation in obligations else i.obligation,
            i.period or "–",
            i.last_on_time_day,
            i.days_overdue,
        )
        for i in items
    ]
    words = {"reporter": name, "recipient": recipient, "via": via_text}
    body = Section(
        "",
        [
            _INTRO.format(plan=plan.title, issuer=_agency_name(plan, plan.issuer), **words),
            _OVERDUE.format(day=_vn_date(as_of), **words),
        ],
        [Block(_COLUMNS, rows)],
    )
    closing = Section("", [_REQUEST.format(**words)])
    data = {
        "reporter": reporter,
        "name": name,
        "sender": sender,
        "as_of": as_of.isoformat(),
        "reports": [_item_dict(i, obligations) for i in items],
    }
    return Report(
        "reminder",
        _LETTER_TITLE.format(name=name),
        data,
        [body, closing],
        document=header,
        main_table="reports",
    )


def _item_dict(
    item: StatusItem, obligations: Mapping[str, ReportingObligation]
) -> dict[str, object]:
    ob = obligations.get(item.obligation)
    return {
        "obligation": item.obligation,
        "title": None if ob is None else ob.title,
        "period": item.period,
        "last_on_time_day": None
        if item.last_on_time_day is None
        else item.last_on_time_day.isoformat(),
        "days_overdue": item.days_overdue,
    }


def reminders(result: TimelinessResult, plan: Plan) -> list[Reminder]:
    """One reminder per overdue reporter and per body its overdue reports are owed to (the
    plan's issuer when the obligation's recipient is not one of the plan's agencies), the
    reporters in the order of their first overdue report, each letter's reports most
    overdue first."""
    obligations = {ob.id: ob for ob in plan.obligations}
    groups: dict[tuple[str, str], list[StatusItem]] = {}
    for item in result.overdue():
        ob = obligations.get(item.obligation)
        sender = ob.recipient if ob is not None and plan.has_agency(ob.recipient) else plan.issuer
        groups.setdefault((item.reporter, sender), []).append(item)
    taken: set[str] = set()
    out: list[Reminder] = []
    for (reporter, sender), items in groups.items():
        items.sort(key=lambda i: (-(i.days_overdue or 0), i.obligation, i.period or ""))
        letter = _letter(plan, result.as_of, sender, reporter, items)
        name = str(letter.data["name"])
        out.append(
            Reminder(
                reporter=reporter,
                name=name,
                sender=sender,
                items=items,
                file=_file_name(reporter, name, sender, taken),
                letter=letter,
            )
        )
    return out


def remind_report(
    plan: Plan,
    as_of: date,
    letters: Sequence[Reminder],
    directory: str,
    findings: Sequence[Finding] = (),
) -> Report:
    """The report of ``cwp remind``: the letters written to ``directory``, one row each."""
    data = {
        "plan": plan.id,
        "as_of": as_of.isoformat(),
        "directory": directory,
        "letters": [
            {
                "file": r.file,
                "reporter": r.reporter,
                "name": r.name,
                "sender": r.sender,
                "reports": r.letter.data["reports"],
            }
            for r in letters
        ],
        "findings": [f.to_dict() for f in findings],
    }
    lines = [
        _("Plan {plan}: {title} ({year}). Reminders as of {as_of}.").format(
            plan=plan.id, title=plan.title, year=plan.year, as_of=day(as_of)
        ),
        _("{n} letter(s) written to {directory}.").format(
            n=number(len(letters)), directory=directory
        )
        if letters
        else _("Nobody is overdue: no letter written."),
    ]
    rows = [
        (
            r.name,
            r.reporter,
            r.file,
            r.sender,
            len(r.items),
            max((i.days_overdue or 0 for i in r.items), default=0),
        )
        for r in letters
    ]
    sections = [
        Section(
            _("Reminder letters"),
            lines,
            [
                Block(
                    (
                        _("name"),
                        _("reporter"),
                        _("file"),
                        _("sender"),
                        _("reports overdue"),
                        _("most days overdue"),
                    ),
                    rows,
                )
            ]
            if rows
            else (),
            key="Reminder letters",
        )
    ]
    if findings:
        sections.append(
            Section(
                _("Findings"),
                (
                    _("{findings} finding(s), {errors} error(s).").format(
                        findings=number(len(findings)), errors=number(count(findings))
                    ),
                ),
                [findings_block(findings)],
                key="Findings",
            )
        )
    return Report(
        "remind",
        _("Reminder letters of {plan} as of {as_of}").format(plan=plan.id, as_of=day(as_of)),
        data,
        sections,
        main_table="letters",
    )
