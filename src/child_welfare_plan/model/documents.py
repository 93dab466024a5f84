"""References to legal and administrative documents, as Vietnamese documents write them.

A plan cites its bases in running text: "Căn cứ Kế hoạch số 606/KH-UBND ngày 07/3/2023 của
Ủy ban nhân dân tỉnh Hải Dương về việc ...", "Nghị định số 56/2017/NĐ-CP", "Luật Trẻ em".
:class:`DocumentRef` holds one reference and :func:`format_document_ref` writes its canonical
full form; :mod:`~child_welfare_plan.model.document_text` reads references from text
(``parse_document_ref(format_document_ref(ref)) == ref`` for every valid ref), and
:mod:`~child_welfare_plan.model.document_kinds` names the kinds of documents.

Canonical spellings, so that two ways of writing one document compare equal:

* symbols use Đ where the abbreviation stands for a word with Đ ("ND-CP" → "NĐ-CP",
  "TT-BLDTBXH" → "TT-BLĐTBXH"); D stays where the word has none ("UBND", "HD", "DA");
* text is NFC, with whitespace collapsed (references may break across lines, even inside a
  symbol: "131/KH-\\n\\nUBND"), dashes as "-", and tone marks in the newer placement
  ("Uỷ ban" → "Ủy ban", "hoà" → "hòa");
* dates are written DD/MM/YYYY with a leading zero for days below 10 and for months 1 and 2
  ("07/01/2021", "07/3/2023"), as Decree 30/2020/NĐ-CP prescribes.

References:
    * Decree 30/2020/NĐ-CP of 05/3/2020 on clerical work (Nghị định về công tác văn thư),
      Appendix I (number and symbol "number/type-issuer"; the leading zero in dates) and
      Appendix III (abbreviations of administrative document types: NQ, QĐ, CT, QC, QyĐ, TC,
      TB, HD, CTr, KH, PA, ĐA, DA, BC, BB, TTr, HĐ, CĐ).
    * Law 80/2015/QH13 on the promulgation of legal documents, Art. 8: a normative document
      is numbered number/year/type-issuer (56/2017/NĐ-CP, 13/2021/TT-BLĐTBXH); a law or a
      resolution of the National Assembly number/year/QH + term (102/2016/QH13,
      121/2020/QH14).
    * Guidance 36-HD/VPTW (2018) of the Party Central Office on Party documents, numbered
      number-type/issuer (20-CT/TW).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import attrs

from child_welfare_plan.errors import InvalidValueError, ParseError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.document_kinds import (
    KIND_ALTERNATIVES,
    KIND_BY_VI,
    STARTS_WITH_KIND,
    DocumentKind,
    canonical_symbol,
    normalise,
    symbol_contradicts,
)
from child_welfare_plan.model.validators import owned

__all__ = [
    "CITATION",
    "DATE_RE",
    "NAME_STOP",
    "NAME_STOP_RE",
    "OPENER",
    "TITLE_OPENERS",
    "TRAILING_PUNCTUATION",
    "DocumentKind",
    "DocumentRef",
    "canonical_symbol",
    "date_from_match",
    "format_document_ref",
]


_SEG = r"[A-ZĐ][A-Za-zĐđ0-9&]*"


_STATE_SYMBOL = rf"{_SEG}(?:-{_SEG})*"


_PARTY_SYMBOL = rf"{_SEG}/{_SEG}(?:-{_SEG})*"


_SYMBOL_RE = re.compile(rf"{_STATE_SYMBOL}|{_PARTY_SYMBOL}")


_NUMBER_RE = re.compile(r"[0-9]{1,6}")


#: "606/KH-UBND", "56/2017/NĐ-CP", "131/KH- UBND" (broken line), "20-CT/TW" (Party).
CITATION = re.compile(
    r"(?P<number>[0-9]{1,6})(?:"
    rf"\s?/\s?(?:(?P<year>[0-9]{{4}})\s?/\s?)?(?P<symbol>{_SEG}(?:-\s?{_SEG})*)"
    rf"|-(?P<party>{_PARTY_SYMBOL})"
    r")(?![\w&])"
)


DATE_RE = re.compile(
    r"(?:(?P<d1>[0-9]{1,2})\s?(?P<sep>[/.-])\s?(?P<m1>[0-9]{1,2})\s?(?P=sep)\s?(?P<y1>[0-9]{4})"
    r"|(?P<d2>[0-9]{1,2}) tháng (?P<m2>[0-9]{1,2}) năm (?P<y2>[0-9]{4}))(?![0-9])",
    re.IGNORECASE,
)


#: Words that open a summary after the issuer: "... của Chính phủ quy định chi tiết ...".
TITLE_OPENERS: tuple[str, ...] = (
    "về",
    "v/v",
    "phê duyệt",
    "quy định",
    "qui định",
    "ban hành",
    "hướng dẫn",
    "thực hiện",
    "sửa đổi",
    "bổ sung",
    "triển khai",
    "tăng cường",
    "tiếp tục",
    "đẩy mạnh",
    "kiện toàn",
    "thành lập",
    "bãi bỏ",
    "công bố",
    "phê chuẩn",
    "điều chỉnh",
)


OPENER = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(o) for o in sorted(TITLE_OPENERS, key=len, reverse=True))
    + r")(?!\w)",
    re.IGNORECASE,
)


#: Where a name cited by name ("Luật Trẻ em") ends in the canonical form.
NAME_STOP = r" (?:số ?:? ?[0-9]|ngày [0-9]|của(?: (?!(?:" + KIND_ALTERNATIVES + r")(?!\w))|$))"


NAME_STOP_RE = re.compile(NAME_STOP, re.IGNORECASE)


_TITLE_BAD_START = re.compile(r"(?:số ?:? ?[0-9]|ngày [0-9]|của(?!\w))", re.IGNORECASE)


TRAILING_PUNCTUATION = " .,;:"


def _format_date(value: dt.date) -> str:
    """DD/MM/YYYY, with a leading zero for days below 10 and months 1 and 2 (Decree 30)."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"{value.day:02d}/{month}/{value.year}"


def date_from_match(match: re.Match[str]) -> dt.date:
    day = match.group("d1") or match.group("d2")
    month = match.group("m1") or match.group("m2")
    year = match.group("y1") or match.group("y2")
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError as exc:
        raise ParseError(
            Message(
                "{text!r} is not a date ({error}; expected a real day as DD/MM/YYYY)",
                text=match.group(0),
                error=str(exc),
            )
        ) from exc


def _clean_text(value: str | None) -> str | None:
    if isinstance(value, str):
        return normalise(value)
    return value


def _clean_symbol(value: str | None) -> str | None:
    if isinstance(value, str):
        return canonical_symbol(value)
    return value


def _check_number(inst: DocumentRef, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not _NUMBER_RE.fullmatch(value) or not value.strip("0"):
        problem = Message(
            "{value} is not a document number (expected 1 to 6 digits, not all zero, no "
            "spaces, e.g. '606')",
            value=repr(value),
        )
        raise InvalidValueError(owned("DocumentRef", "number", problem))


def _check_year(inst: DocumentRef, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 1945 <= value <= 2100:
        problem = Message(
            "{value} is not a year of issue (expected an integer from 1945 to 2100, e.g. 2017 "
            "in 56/2017/NĐ-CP)",
            value=repr(value),
        )
        raise InvalidValueError(owned("DocumentRef", "year", problem))


def _check_symbol(inst: DocumentRef, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not _SYMBOL_RE.fullmatch(value):
        problem = Message(
            "{value} is not a document symbol (expected parts that start with a capital "
            "letter, joined by '-', such as 'KH-UBND', 'NĐ-CP', 'QH14', or a Party symbol "
            "such as 'CT/TW')",
            value=repr(value),
        )
        raise InvalidValueError(owned("DocumentRef", "symbol", problem))


def _check_date(inst: DocumentRef, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        problem = Message("{value} is not a date (expected a datetime.date)", value=repr(value))
        raise InvalidValueError(owned("DocumentRef", "date", problem))
    if not 1945 <= value.year <= 2100:
        problem = Message(
            "{day} is not a date of issue (expected a year from 1945 to 2100)", day=value
        )
        raise InvalidValueError(owned("DocumentRef", "date", problem))


def _check_text(inst: DocumentRef, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not any(ch.isalpha() for ch in value):
        problem = Message("{value} has no words (expected some text)", value=repr(value))
        raise InvalidValueError(owned("DocumentRef", attribute.name, problem))
    if value[-1] in TRAILING_PUNCTUATION:
        problem = Message(
            "{value!r} ends with {last!r} (expected text without trailing punctuation)",
            value=value,
            last=value[-1],
        )
        raise InvalidValueError(owned("DocumentRef", attribute.name, problem))


@attrs.frozen
class DocumentRef:
    """A reference to a legal or administrative document.

    ``number``, ``year`` and ``symbol`` make up the number and symbol: "56/2017/NĐ-CP" is
    number "56", year 2017, symbol "NĐ-CP"; "606/KH-UBND" has no year; a Party document
    "20-CT/TW" has symbol "CT/TW". A document cited by name ("Luật Trẻ em") has no number and
    its name as ``title``. ``issuer`` is kept as written ("UBND huyện"), ``title`` is the
    summary ("về việc thực hiện công tác trẻ em năm 2023") or, for laws, codes and
    conventions, the name ("Trẻ em").

    Every value can be written by :func:`format_document_ref` and read back unchanged; values
    that would not survive that (an issuer with a summary word such as "về" in it, a summary
    after the issuer that does not start with one) are refused.
    """

    kind: DocumentKind = attrs.field(converter=DocumentKind)
    number: str | None = attrs.field(default=None, kw_only=True, validator=_check_number)
    year: int | None = attrs.field(default=None, kw_only=True, validator=_check_year)
    symbol: str | None = attrs.field(
        default=None, kw_only=True, converter=_clean_symbol, validator=_check_symbol
    )
    issuer: str | None = attrs.field(
        default=None, kw_only=True, converter=_clean_text, validator=_check_text
    )
    date: dt.date | None = attrs.field(default=None, kw_only=True, validator=_check_date)
    title: str | None = attrs.field(
        default=None, kw_only=True, converter=_clean_text, validator=_check_text
    )

    def __attrs_post_init__(self) -> None:
        self._check_numbering()
        self._check_issuer()
        self._check_title()

    def _check_numbering(self) -> None:
        if (self.number is None) != (self.symbol is None):
            raise InvalidValueError(
                Message(
                    "DocumentRef: number {number!r} and symbol {symbol!r} (expected both or "
                    "neither, as in 606/KH-UBND)",
                    number=self.number,
                    symbol=self.symbol,
                )
            )
        if self.number is None and self.title is None:
            raise InvalidValueError(
                Message(
                    "DocumentRef: a {kind} with neither number nor title (expected a number and "
                    "symbol, or a name such as 'Trẻ em' for 'Luật Trẻ em')",
                    kind=self.kind.vi,
                )
            )
        if self.year is not None and self.number is None:
            problem = Message(
                "{year} given without a number (expected the year inside a number and symbol "
                "such as 56/2017/NĐ-CP)",
                year=str(self.year),
            )
            raise InvalidValueError(owned("DocumentRef", "year", problem))
        if self.year is not None and self.symbol is not None and "/" in self.symbol:
            problem = Message(
                "{year} with the Party symbol {symbol!r} (expected no year: Party documents "
                "are numbered like 20-CT/TW)",
                year=str(self.year),
                symbol=self.symbol,
            )
            raise InvalidValueError(owned("DocumentRef", "year", problem))
        if self.year is not None and self.date is not None and self.date.year != self.year:
            problem = Message(
                "{day} is not in {year}, the year in {citation} (expected the date of issue in "
                "the year of the symbol)",
                day=self.date,
                year=str(self.year),
                citation=self.citation,
            )
            raise InvalidValueError(owned("DocumentRef", "date", problem))
        named = symbol_contradicts(self.kind, self.symbol)
        if named is not None:
            problem = Message(
                "{symbol!r} names a {named} ({abbreviation}), not a {kind} (expected a symbol "
                "starting with {expected})",
                symbol=self.symbol,
                named=named.vi,
                abbreviation=named.abbreviation,
                kind=self.kind.vi,
                expected=self.kind.abbreviation,
            )
            raise InvalidValueError(owned("DocumentRef", "symbol", problem))

    def _check_issuer(self) -> None:
        if self.issuer is None:
            return
        if STARTS_WITH_KIND.match(self.issuer):
            problem = Message(
                "{issuer!r} starts with a document type (expected the issuing body, such as "
                "'Chính phủ' or 'UBND huyện')",
                issuer=self.issuer,
            )
            raise InvalidValueError(owned("DocumentRef", "issuer", problem))
        opener = OPENER.search(self.issuer)
        if opener is not None:
            problem = Message(
                "{issuer!r} contains {opener!r}, which opens a summary (expected the issuing "
                "body only; put the summary in title)",
                issuer=self.issuer,
                opener=opener.group(0),
            )
            raise InvalidValueError(owned("DocumentRef", "issuer", problem))

    def _check_title(self) -> None:
        title = self.title
        if title is None:
            return
        if _TITLE_BAD_START.match(title) or CITATION.match(title):
            problem = Message(
                "{title!r} starts like a number, a date or an issuer (expected a name or a "
                "summary, such as 'về việc ...')",
                title=title,
            )
            raise InvalidValueError(owned("DocumentRef", "title", problem))
        follows_kind = self.kind.cited_by_name or (
            self.number is None and self.date is None and self.issuer is None
        )
        if follows_kind:
            head = STARTS_WITH_KIND.match(f"{self.kind.vi} {title}")
            if head is None or KIND_BY_VI[head.group(0).casefold()] is not self.kind:
                problem = Message(
                    "{title!r} would make '{kind}' read as another document type (expected a "
                    "title that does not extend the type name)",
                    title=title,
                    kind=self.kind.vi,
                )
                raise InvalidValueError(owned("DocumentRef", "title", problem))
        if self.kind.cited_by_name:
            stop = NAME_STOP_RE.search(title)
            if stop is not None:
                problem = Message(
                    "{title!r} contains {stop!r}, which would end the name (expected a name "
                    "without 'số <number>', 'ngày <date>' or 'của <issuer>')",
                    title=title,
                    stop=stop.group(0).strip(),
                )
                raise InvalidValueError(owned("DocumentRef", "title", problem))
        elif self.issuer is not None:
            combined = f"{self.issuer} {title}"
            opener = OPENER.search(combined)
            if opener is None or opener.start() != len(self.issuer) + 1:
                problem = Message(
                    "{title!r} after the issuer {issuer!r} does not start with a summary word "
                    "(expected one of {openers}, e.g. 'về việc ...')",
                    title=title,
                    issuer=self.issuer,
                    openers=", ".join(TITLE_OPENERS),
                )
                raise InvalidValueError(owned("DocumentRef", "title", problem))

    @property
    def citation(self) -> str:
        """The canonical short form: "606/KH-UBND", "56/2017/NĐ-CP", or "Luật Trẻ em"."""
        if self.number is None or self.symbol is None:
            return f"{self.kind.vi} {self.title}"
        if "/" in self.symbol:
            return f"{self.number}-{self.symbol}"
        if self.year is not None:
            return f"{self.number}/{self.year}/{self.symbol}"
        return f"{self.number}/{self.symbol}"

    def __str__(self) -> str:
        return self.citation

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: every field (``date`` as ISO or None) and ``citation``."""
        return {
            "kind": str(self.kind),
            "number": self.number,
            "year": self.year,
            "symbol": self.symbol,
            "issuer": self.issuer,
            "date": self.date.isoformat() if self.date is not None else None,
            "title": self.title,
            "citation": self.citation,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DocumentRef:
        """The inverse of :meth:`to_dict` (``citation`` is derived, so it is ignored)."""
        raw_date = data.get("date")
        date: dt.date | None
        if raw_date is None or isinstance(raw_date, dt.date):
            date = raw_date
        else:
            try:
                date = dt.date.fromisoformat(str(raw_date))
            except ValueError as exc:
                problem = Message(
                    "{value} is not a date (expected YYYY-MM-DD)", value=repr(raw_date)
                )
                raise InvalidValueError(owned("DocumentRef", "date", problem)) from exc
        if "kind" not in data:
            problem = Message("missing (expected a kind such as 'plan')")
            raise InvalidValueError(owned("DocumentRef", "kind", problem))
        try:
            kind = DocumentKind(data["kind"])
        except ValueError as exc:
            problem = Message(
                "{value} is not a document kind (expected one of {kinds})",
                value=repr(data["kind"]),
                kinds=", ".join(k.value for k in DocumentKind),
            )
            raise InvalidValueError(owned("DocumentRef", "kind", problem)) from exc
        return cls(
            kind,
            number=data.get("number"),
            year=data.get("year"),
            symbol=data.get("symbol"),
            issuer=data.get("issuer"),
            date=date,
            title=data.get("title"),
        )


def format_document_ref(ref: DocumentRef) -> str:
    """The canonical full form: "Kế hoạch số 606/KH-UBND ngày 07/3/2023 của ... về việc ...".

    Parts that are None are left out. A name cited by name follows the type word ("Luật Trẻ
    em số 102/2016/QH13 ngày 05/4/2016 của Quốc hội"); a summary comes last.
    """
    parts = [ref.kind.vi]
    if ref.kind.cited_by_name and ref.title is not None:
        parts.append(ref.title)
    if ref.number is not None:
        parts.append(f"số {ref.citation}")
    if ref.date is not None:
        parts.append(f"ngày {_format_date(ref.date)}")
    if ref.issuer is not None:
        parts.append(f"của {ref.issuer}")
    if not ref.kind.cited_by_name and ref.title is not None:
        parts.append(ref.title)
    return " ".join(parts)
