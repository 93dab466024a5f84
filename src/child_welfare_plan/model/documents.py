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
from child_welfare_plan.model.document_kinds import (
    KIND_ALTERNATIVES,
    KIND_BY_VI,
    STARTS_WITH_KIND,
    DocumentKind,
    canonical_symbol,
    normalise,
    symbol_contradicts,
)

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
            f"{match.group(0)!r} is not a date ({exc}; expected a real day as DD/MM/YYYY)"
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
        raise InvalidValueError(
            f"DocumentRef.number: {value!r} is not a document number "
            "(expected 1 to 6 digits, not all zero, no spaces, e.g. '606')"
        )


def _check_year(inst: DocumentRef, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 1945 <= value <= 2100:
        raise InvalidValueError(
            f"DocumentRef.year: {value!r} is not a year of issue "
            "(expected an integer from 1945 to 2100, e.g. 2017 in 56/2017/NĐ-CP)"
        )


def _check_symbol(inst: DocumentRef, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not _SYMBOL_RE.fullmatch(value):
        raise InvalidValueError(
            f"DocumentRef.symbol: {value!r} is not a document symbol (expected parts that "
            "start with a capital letter, joined by '-', such as 'KH-UBND', 'NĐ-CP', 'QH14', "
            "or a Party symbol such as 'CT/TW')"
        )


def _check_date(inst: DocumentRef, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidValueError(
            f"DocumentRef.date: {value!r} is not a date (expected a datetime.date)"
        )
    if not 1945 <= value.year <= 2100:
        raise InvalidValueError(
            f"DocumentRef.date: {value.isoformat()} is not a date of issue "
            "(expected a year from 1945 to 2100)"
        )


def _check_text(inst: DocumentRef, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not any(ch.isalpha() for ch in value):
        raise InvalidValueError(
            f"DocumentRef.{attribute.name}: {value!r} has no words (expected some text)"
        )
    if value[-1] in TRAILING_PUNCTUATION:
        raise InvalidValueError(
            f"DocumentRef.{attribute.name}: {value!r} ends with {value[-1]!r} "
            "(expected text without trailing punctuation)"
        )


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
                f"DocumentRef: number {self.number!r} and symbol {self.symbol!r} "
                "(expected both or neither, as in 606/KH-UBND)"
            )
        if self.number is None and self.title is None:
            raise InvalidValueError(
                f"DocumentRef: a {self.kind.vi} with neither number nor title "
                "(expected a number and symbol, or a name such as 'Trẻ em' for 'Luật Trẻ em')"
            )
        if self.year is not None and self.number is None:
            raise InvalidValueError(
                f"DocumentRef.year: {self.year} given without a number "
                "(expected the year inside a number and symbol such as 56/2017/NĐ-CP)"
            )
        if self.year is not None and self.symbol is not None and "/" in self.symbol:
            raise InvalidValueError(
                f"DocumentRef.year: {self.year} with the Party symbol {self.symbol!r} "
                "(expected no year: Party documents are numbered like 20-CT/TW)"
            )
        if self.year is not None and self.date is not None and self.date.year != self.year:
            raise InvalidValueError(
                f"DocumentRef.date: {self.date.isoformat()} is not in {self.year}, the year "
                f"in {self.citation} (expected the date of issue in the year of the symbol)"
            )
        named = symbol_contradicts(self.kind, self.symbol)
        if named is not None:
            raise InvalidValueError(
                f"DocumentRef.symbol: {self.symbol!r} names a {named.vi} "
                f"({named.abbreviation}), not a {self.kind.vi} "
                f"(expected a symbol starting with {self.kind.abbreviation})"
            )

    def _check_issuer(self) -> None:
        if self.issuer is None:
            return
        if STARTS_WITH_KIND.match(self.issuer):
            raise InvalidValueError(
                f"DocumentRef.issuer: {self.issuer!r} starts with a document type "
                "(expected the issuing body, such as 'Chính phủ' or 'UBND huyện')"
            )
        opener = OPENER.search(self.issuer)
        if opener is not None:
            raise InvalidValueError(
                f"DocumentRef.issuer: {self.issuer!r} contains {opener.group(0)!r}, which opens "
                "a summary (expected the issuing body only; put the summary in title)"
            )

    def _check_title(self) -> None:
        title = self.title
        if title is None:
            return
        field = f"DocumentRef.title: {title!r}"
        if _TITLE_BAD_START.match(title) or CITATION.match(title):
            raise InvalidValueError(
                f"{field} starts like a number, a date or an issuer "
                "(expected a name or a summary, such as 'về việc ...')"
            )
        follows_kind = self.kind.cited_by_name or (
            self.number is None and self.date is None and self.issuer is None
        )
        if follows_kind:
            head = STARTS_WITH_KIND.match(f"{self.kind.vi} {title}")
            if head is None or KIND_BY_VI[head.group(0).casefold()] is not self.kind:
                raise InvalidValueError(
                    f"{field} would make '{self.kind.vi}' read as another document type "
                    "(expected a title that does not extend the type name)"
                )
        if self.kind.cited_by_name:
            stop = NAME_STOP_RE.search(title)
            if stop is not None:
                raise InvalidValueError(
                    f"{field} contains {stop.group(0).strip()!r}, which would end the name "
                    "(expected a name without 'số <number>', 'ngày <date>' or 'của <issuer>')"
                )
        elif self.issuer is not None:
            combined = f"{self.issuer} {title}"
            opener = OPENER.search(combined)
            if opener is None or opener.start() != len(self.issuer) + 1:
                raise InvalidValueError(
                    f"{field} after the issuer {self.issuer!r} does not start with a summary "
                    f"word (expected one of {', '.join(TITLE_OPENERS)}, e.g. 'về việc ...')"
                )

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
                raise InvalidValueError(
                    f"DocumentRef.date: {raw_date!r} is not a date (expected YYYY-MM-DD)"
                ) from exc
        if "kind" not in data:
            raise InvalidValueError("DocumentRef.kind: missing (expected a kind such as 'plan')")
        try:
            kind = DocumentKind(data["kind"])
        except ValueError as exc:
            raise InvalidValueError(
                f"DocumentRef.kind: {data['kind']!r} is not a document kind "
                f"(expected one of {', '.join(k.value for k in DocumentKind)})"
            ) from exc
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
