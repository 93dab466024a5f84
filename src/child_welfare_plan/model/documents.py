"""References to legal and administrative documents, as Vietnamese documents write them.

A plan cites its bases in running text: "Căn cứ Kế hoạch số 606/KH-UBND ngày 07/3/2023 của
Ủy ban nhân dân tỉnh Hải Dương về việc ...", "Nghị định số 56/2017/NĐ-CP", "Luật Trẻ em".
:func:`parse_document_ref` reads one such reference, :func:`find_document_refs` scans a
paragraph for all of them, and :func:`format_document_ref` writes the canonical full form
back; ``parse_document_ref(format_document_ref(ref)) == ref`` for every valid ref.

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
import unicodedata
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

import attrs

from child_welfare_plan.errors import InvalidValueError, ParseError

__all__ = [
    "TITLE_OPENERS",
    "DocumentKind",
    "DocumentRef",
    "canonical_symbol",
    "find_document_refs",
    "format_document_ref",
    "parse_document_ref",
]


class DocumentKind(StrEnum):
    """The type of a document, with its Vietnamese name and symbol abbreviation.

    ``DocumentKind.DECREE.vi == "Nghị định"``, ``.abbreviation == "NĐ"``. Kinds cited by their
    name rather than their number (laws, codes, conventions) have ``cited_by_name``.
    """

    CONSTITUTION = "constitution"
    CODE = "code"
    LAW = "law"
    ORDINANCE = "ordinance"
    RESOLUTION = "resolution"
    JOINT_RESOLUTION = "joint-resolution"
    DECREE = "decree"
    DECISION = "decision"
    DIRECTIVE = "directive"
    CIRCULAR = "circular"
    JOINT_CIRCULAR = "joint-circular"
    CONCLUSION = "conclusion"
    RULES = "rules"
    REGULATION = "regulation"
    COMMUNIQUE = "communique"
    NOTICE = "notice"
    GUIDANCE = "guidance"
    PROGRAMME = "programme"
    PLAN = "plan"
    OPTION = "option"
    SCHEME = "scheme"
    PROJECT = "project"
    REPORT = "report"
    MINUTES = "minutes"
    PROPOSAL = "proposal"
    CONTRACT = "contract"
    URGENT_DISPATCH = "urgent-dispatch"
    OFFICIAL_LETTER = "official-letter"
    CONVENTION = "convention"

    @property
    def vi(self) -> str:
        """The Vietnamese type name as written before the number: "Kế hoạch"."""
        return _KIND_TABLE[self][0]

    @property
    def abbreviation(self) -> str | None:
        """The type abbreviation that opens the symbol ("KH"), or None (laws, letters)."""
        return _KIND_TABLE[self][1]

    @property
    def en(self) -> str:
        """An English label."""
        return _KIND_TABLE[self][2]

    @property
    def cited_by_name(self) -> bool:
        """Whether the name follows the type word ("Luật Trẻ em") instead of a summary."""
        return self in _CITED_BY_NAME

    @classmethod
    def from_vi(cls, name: str) -> DocumentKind:
        """The kind whose Vietnamese name is ``name`` (any case, any spacing)."""
        kind = _KIND_BY_VI.get(_normalise(name).casefold())
        if kind is None:
            raise ParseError(
                f"{name!r} is not a document type (expected a Vietnamese type name such as "
                "'Kế hoạch', 'Nghị định' or 'Luật')"
            )
        return kind

    @classmethod
    def from_abbreviation(cls, abbreviation: str) -> DocumentKind:
        """The kind whose symbol abbreviation is ``abbreviation`` ("QĐ" or "QD")."""
        kind = _KIND_BY_ABBREVIATION.get(canonical_symbol(abbreviation))
        if kind is None:
            raise ParseError(
                f"{abbreviation!r} is not a document type abbreviation "
                "(expected one such as 'KH', 'QĐ', 'NĐ', 'TT', 'CTr')"
            )
        return kind


_K = DocumentKind
#: kind -> (Vietnamese name, symbol abbreviation, English label)
_KIND_TABLE: dict[DocumentKind, tuple[str, str | None, str]] = {
    _K.CONSTITUTION: ("Hiến pháp", None, "Constitution"),
    _K.CODE: ("Bộ luật", None, "Code"),
    _K.LAW: ("Luật", None, "Law"),
    _K.ORDINANCE: ("Pháp lệnh", None, "Ordinance"),
    _K.RESOLUTION: ("Nghị quyết", "NQ", "Resolution"),
    _K.JOINT_RESOLUTION: ("Nghị quyết liên tịch", "NQLT", "Joint resolution"),
    _K.DECREE: ("Nghị định", "NĐ", "Decree"),
    _K.DECISION: ("Quyết định", "QĐ", "Decision"),
    _K.DIRECTIVE: ("Chỉ thị", "CT", "Directive"),
    _K.CIRCULAR: ("Thông tư", "TT", "Circular"),
    _K.JOINT_CIRCULAR: ("Thông tư liên tịch", "TTLT", "Joint circular"),
    _K.CONCLUSION: ("Kết luận", "KL", "Conclusion"),
    _K.RULES: ("Quy chế", "QC", "Rules"),
    _K.REGULATION: ("Quy định", "QyĐ", "Regulation"),
    _K.COMMUNIQUE: ("Thông cáo", "TC", "Communiqué"),
    _K.NOTICE: ("Thông báo", "TB", "Notice"),
    _K.GUIDANCE: ("Hướng dẫn", "HD", "Guidance"),
    _K.PROGRAMME: ("Chương trình", "CTr", "Programme"),
    _K.PLAN: ("Kế hoạch", "KH", "Plan"),
    _K.OPTION: ("Phương án", "PA", "Option"),
    _K.SCHEME: ("Đề án", "ĐA", "Scheme"),
    _K.PROJECT: ("Dự án", "DA", "Project"),
    _K.REPORT: ("Báo cáo", "BC", "Report"),
    _K.MINUTES: ("Biên bản", "BB", "Minutes"),
    _K.PROPOSAL: ("Tờ trình", "TTr", "Proposal"),
    _K.CONTRACT: ("Hợp đồng", "HĐ", "Contract"),
    _K.URGENT_DISPATCH: ("Công điện", "CĐ", "Urgent dispatch"),
    _K.OFFICIAL_LETTER: ("Công văn", None, "Official letter"),
    _K.CONVENTION: ("Công ước", None, "Convention"),
}
_CITED_BY_NAME = frozenset({_K.CONSTITUTION, _K.CODE, _K.LAW, _K.ORDINANCE, _K.CONVENTION})
_KIND_BY_VI = {vi.casefold(): kind for kind, (vi, _, _) in _KIND_TABLE.items()}
_KIND_BY_ABBREVIATION = {abbr: kind for kind, (_, abbr, _) in _KIND_TABLE.items() if abbr}

# ---------------------------------------------------------------------------------------------
# Text normalisation

_CHAR_MAP = str.maketrans(
    {
        "\u00d0": "Đ",  # Icelandic eth, often typed for Đ
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\ufeff": None,
    }
)
_WHITESPACE = re.compile(r"\s+")
# Old tone placement on a syllable-final "oa", "oe" or "uy" (not "quy"): "hoà", "Uỷ".
_OLD_TONE = re.compile(r"(?<![qQ])([uU])([ỳýỷỹỵỲÝỶỸỴ])(?!\w)|([oO])([àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ])(?!\w)")


def _move_tone(match: re.Match[str]) -> str:
    first = match.group(1) or match.group(3)
    second = unicodedata.normalize("NFD", match.group(2) or match.group(4))
    return unicodedata.normalize("NFC", first + second[1:]) + second[0]


def _normalise(text: str) -> str:
    """NFC, one spelling of Đ and dashes, newer tone placement, single spaces."""
    text = unicodedata.normalize("NFC", text).translate(_CHAR_MAP)
    text = _OLD_TONE.sub(_move_tone, text)
    return _WHITESPACE.sub(" ", text).strip()


# Abbreviation segments written with D for Đ: whole segments, then parts of segments.
_SEGMENT_SPELLINGS = {
    "ND": "NĐ",
    "QD": "QĐ",
    "QYD": "QyĐ",
    "QyD": "QyĐ",
    "QYĐ": "QyĐ",
    "CD": "CĐ",
    "BCD": "BCĐ",
    "DTN": "ĐTN",
    "CTR": "CTr",
    "TTR": "TTr",
    "TTG": "TTg",
}
_SEGMENT_PART_SPELLINGS = (
    ("LDTBXH", "LĐTBXH"),
    ("GDDT", "GDĐT"),
    ("HDND", "HĐND"),
    ("KHDT", "KHĐT"),
    ("LDLD", "LĐLĐ"),
    ("TTDT", "TTĐT"),
)


_SYMBOL_BREAK = re.compile(r"\s*([-/])\s*")


def _canonical_segment(segment: str) -> str:
    segment = _SEGMENT_SPELLINGS.get(segment, segment)
    for written, canonical in _SEGMENT_PART_SPELLINGS:
        segment = segment.replace(written, canonical)
    return segment


def canonical_symbol(symbol: str) -> str:
    """The canonical spelling of a symbol: "TT-BLDTBXH" → "TT-BLĐTBXH", "ND-CP" → "NĐ-CP".

    Whitespace around "-" and "/" is dropped (a symbol broken across lines: "KH-\\nUBND"),
    dashes become "-", and segments
    whose abbreviation stands for a word with Đ get it back. Segments where D is right or
    ambiguous ("UBND", "HD" guidance vs "HĐ" contract, "DA" project vs "ĐA" scheme) stay.
    """
    text = unicodedata.normalize("NFC", symbol).translate(_CHAR_MAP).strip()
    text = _SYMBOL_BREAK.sub(r"\1", text)
    return "/".join(
        "-".join(_canonical_segment(segment) for segment in part.split("-"))
        for part in text.split("/")
    )


# ---------------------------------------------------------------------------------------------
# Patterns (over normalised text: single spaces, NFC)

_SEG = r"[A-ZĐ][A-Za-zĐđ0-9&]*"
_STATE_SYMBOL = rf"{_SEG}(?:-{_SEG})*"
_PARTY_SYMBOL = rf"{_SEG}/{_SEG}(?:-{_SEG})*"
_SYMBOL_RE = re.compile(rf"{_STATE_SYMBOL}|{_PARTY_SYMBOL}")
_NUMBER_RE = re.compile(r"[0-9]{1,6}")
#: "606/KH-UBND", "56/2017/NĐ-CP", "131/KH- UBND" (broken line), "20-CT/TW" (Party).
_CITATION = re.compile(
    r"(?P<number>[0-9]{1,6})(?:"
    rf"\s?/\s?(?:(?P<year>[0-9]{{4}})\s?/\s?)?(?P<symbol>{_SEG}(?:-\s?{_SEG})*)"
    rf"|-(?P<party>{_PARTY_SYMBOL})"
    r")(?![\w&])"
)
_DATE = re.compile(
    r"(?:(?P<d1>[0-9]{1,2})\s?(?P<sep>[/.-])\s?(?P<m1>[0-9]{1,2})\s?(?P=sep)\s?(?P<y1>[0-9]{4})"
    r"|(?P<d2>[0-9]{1,2}) tháng (?P<m2>[0-9]{1,2}) năm (?P<y2>[0-9]{4}))(?![0-9])",
    re.IGNORECASE,
)
_KIND_ALTERNATIVES = "|".join(
    re.escape(vi) for vi in sorted((v[0] for v in _KIND_TABLE.values()), key=len, reverse=True)
)
_KIND_WORD = re.compile(rf"(?<!\w)(?:{_KIND_ALTERNATIVES})(?!\w)", re.IGNORECASE)
_STARTS_WITH_KIND = re.compile(rf"(?:{_KIND_ALTERNATIVES})(?!\w)", re.IGNORECASE)

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
_OPENER = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(o) for o in sorted(TITLE_OPENERS, key=len, reverse=True))
    + r")(?!\w)",
    re.IGNORECASE,
)

_NUMBER_CLAUSE = re.compile(r" (?P<so>số ?:? ?)?(?=[0-9])", re.IGNORECASE)
_BARE_LEAD = re.compile(r"(?:số ?:? ?)?", re.IGNORECASE)
_DATE_CLAUSE = re.compile(r" ?ngày (?=[0-9])", re.IGNORECASE)
_OF_CLAUSE = re.compile(r" ?của(?: |$)", re.IGNORECASE)
#: Where a name cited by name ("Luật Trẻ em") ends in the canonical form.
_NAME_STOP = r" (?:số ?:? ?[0-9]|ngày [0-9]|của(?: (?!(?:" + _KIND_ALTERNATIVES + r")(?!\w))|$))"
_NAME_STOP_RE = re.compile(_NAME_STOP, re.IGNORECASE)
_NAME_CLAUSE = re.compile(rf" (?P<name>.+?)(?={_NAME_STOP}|$)", re.IGNORECASE)
_TITLE_BAD_START = re.compile(r"(?:số ?:? ?[0-9]|ngày [0-9]|của(?!\w))", re.IGNORECASE)
_TRAILING_PUNCTUATION = " .,;:"


def _format_date(value: dt.date) -> str:
    """DD/MM/YYYY, with a leading zero for days below 10 and months 1 and 2 (Decree 30)."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"{value.day:02d}/{month}/{value.year}"


def _date_from_match(match: re.Match[str]) -> dt.date:
    day = match.group("d1") or match.group("d2")
    month = match.group("m1") or match.group("m2")
    year = match.group("y1") or match.group("y2")
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError as exc:
        raise ParseError(
            f"{match.group(0)!r} is not a date ({exc}; expected a real day as DD/MM/YYYY)"
        ) from exc


def _kind_from_symbol(symbol: str) -> DocumentKind | None:
    """The kind named by the symbol's type abbreviation ("NĐ-CP" → decree), if any."""
    return _KIND_BY_ABBREVIATION.get(symbol.split("/")[0].split("-")[0])


def _symbol_contradicts(kind: DocumentKind, symbol: str | None) -> DocumentKind | None:
    """The other kind a State symbol's type abbreviation names, if it names another."""
    if symbol is None or "/" in symbol or kind.abbreviation is None:
        return None
    named = _kind_from_symbol(symbol)
    return named if named is not None and named is not kind else None


# ---------------------------------------------------------------------------------------------
# The value type


def _clean_text(value: str | None) -> str | None:
    if isinstance(value, str):
        return _normalise(value)
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
    if value[-1] in _TRAILING_PUNCTUATION:
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
        named = _symbol_contradicts(self.kind, self.symbol)
        if named is not None:
            raise InvalidValueError(
                f"DocumentRef.symbol: {self.symbol!r} names a {named.vi} "
                f"({named.abbreviation}), not a {self.kind.vi} "
                f"(expected a symbol starting with {self.kind.abbreviation})"
            )

    def _check_issuer(self) -> None:
        if self.issuer is None:
            return
        if _STARTS_WITH_KIND.match(self.issuer):
            raise InvalidValueError(
                f"DocumentRef.issuer: {self.issuer!r} starts with a document type "
                "(expected the issuing body, such as 'Chính phủ' or 'UBND huyện')"
            )
        opener = _OPENER.search(self.issuer)
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
        if _TITLE_BAD_START.match(title) or _CITATION.match(title):
            raise InvalidValueError(
                f"{field} starts like a number, a date or an issuer "
                "(expected a name or a summary, such as 'về việc ...')"
            )
        follows_kind = self.kind.cited_by_name or (
            self.number is None and self.date is None and self.issuer is None
        )
        if follows_kind:
            head = _STARTS_WITH_KIND.match(f"{self.kind.vi} {title}")
            if head is None or _KIND_BY_VI[head.group(0).casefold()] is not self.kind:
                raise InvalidValueError(
                    f"{field} would make '{self.kind.vi}' read as another document type "
                    "(expected a title that does not extend the type name)"
                )
        if self.kind.cited_by_name:
            stop = _NAME_STOP_RE.search(title)
            if stop is not None:
                raise InvalidValueError(
                    f"{field} contains {stop.group(0).strip()!r}, which would end the name "
                    "(expected a name without 'số <number>', 'ngày <date>' or 'của <issuer>')"
                )
        elif self.issuer is not None:
            combined = f"{self.issuer} {title}"
            opener = _OPENER.search(combined)
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


# ---------------------------------------------------------------------------------------------
# Writing


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


# ---------------------------------------------------------------------------------------------
# Reading one reference


def _citation_parts(match: re.Match[str]) -> tuple[str, int | None, str]:
    year = match.group("year")
    symbol = match.group("party") or match.group("symbol")
    return match.group("number"), int(year) if year else None, canonical_symbol(symbol)


def _build(text: str, kind: DocumentKind, **fields: Any) -> DocumentRef:
    try:
        return DocumentRef(kind, **fields)
    except InvalidValueError as exc:
        raise ParseError(f"cannot read {text!r} as a document reference: {exc}") from exc


_EXPECTED = (
    "expected a reference such as 'Kế hoạch số 606/KH-UBND ngày 07/3/2023 của UBND tỉnh', "
    "'Nghị định số 56/2017/NĐ-CP' or 'Luật Trẻ em'"
)


def parse_document_ref(text: str) -> DocumentRef:
    """Read one reference as Vietnamese documents write it.

    Accepts the type word (any case), an optional name (laws: "Luật Trẻ em"), "số" and the
    number and symbol ("số" may be left out), "ngày" and the date (DD/MM/YYYY or "ngày 07
    tháng 3 năm 2023"), "của" and the issuer, then the summary. A bare number and symbol
    ("56/2017/NĐ-CP") is read when its type abbreviation names the kind. Line breaks, extra
    spaces and the spelling variants described in the module docstring are accepted.

    Raises:
        ParseError: the text is not one reference; the message quotes it.
    """
    norm = _normalise(text).rstrip(_TRAILING_PUNCTUATION)
    if not norm:
        raise ParseError(f"cannot read {text!r} as a document reference: it is empty; {_EXPECTED}")
    head = _STARTS_WITH_KIND.match(norm)
    kind: DocumentKind | None = _KIND_BY_VI[head.group(0).casefold()] if head else None
    pos = head.end() if head else 0
    fields: dict[str, Any] = {}

    def fail(reason: str) -> ParseError:
        return ParseError(f"cannot read {text!r} as a document reference: {reason}; {_EXPECTED}")

    # The number: " số 606/KH-UBND", " 606/KH-UBND", or at the start of a bare citation.
    if kind is None:
        lead = _BARE_LEAD.match(norm)
        citation = _CITATION.match(norm, lead.end() if lead else 0)
        if citation is None:
            raise fail("it does not start with a document type or a number and symbol")
    else:
        clause = _NUMBER_CLAUSE.match(norm, pos)
        citation = _CITATION.match(norm, clause.end()) if clause else None
        if clause is not None and citation is None and clause.group("so"):
            raise fail(f"'số' at {norm[pos : pos + 30]!r} is not followed by a number and symbol")
        if citation is None and kind.cited_by_name:
            name = _NAME_CLAUSE.match(norm, pos)
            if name is None:
                raise fail(f"'{kind.vi}' is followed by neither a number nor a name")
            fields["title"] = name.group("name")
            pos = name.end()
            clause = _NUMBER_CLAUSE.match(norm, pos)
            citation = _CITATION.match(norm, clause.end()) if clause else None
            if clause is not None and citation is None:
                raise fail("'số' after the name is not followed by a number and symbol")
    if citation is not None:
        fields["number"], fields["year"], fields["symbol"] = _citation_parts(citation)
        pos = citation.end()
        kind = kind or _kind_from_symbol(fields["symbol"])
    if kind is None:
        raise fail(f"the symbol {fields.get('symbol')!r} does not say what type of document it is")

    date_clause = _DATE_CLAUSE.match(norm, pos)
    if date_clause is not None:
        date = _DATE.match(norm, date_clause.end())
        if date is None:
            raise fail(f"'ngày' at {norm[pos : pos + 30]!r} is not followed by a date DD/MM/YYYY")
        try:
            fields["date"] = _date_from_match(date)
        except ParseError as exc:
            raise fail(str(exc)) from exc
        pos = date.end()

    of_clause = _OF_CLAUSE.match(norm, pos)
    if of_clause is not None:
        rest = norm[of_clause.end() :]
        opener = None if kind.cited_by_name else _OPENER.search(rest)
        issuer = rest if opener is None else rest[: opener.start()].rstrip()
        if not issuer:
            raise fail("'của' is not followed by an issuer")
        fields["issuer"] = issuer
        rest = "" if opener is None else rest[opener.start() :]
    else:
        rest = norm[pos:]
        if rest and not rest.startswith(" "):
            raise fail(f"unexpected {rest[:30]!r} after {norm[:pos]!r}")
        rest = rest.strip()
    if rest:
        if "title" in fields:
            raise fail(f"unexpected {rest[:30]!r} after the name of the {kind.vi}")
        fields["title"] = rest
    return _build(text, kind, **fields)


# ---------------------------------------------------------------------------------------------
# Finding references in running text

#: Names of laws and codes as officially spelt, so that names with commas or "và" are read
#: whole ("Luật Phòng, chống bạo lực gia đình").
_KNOWN_NAMES: dict[DocumentKind, tuple[str, ...]] = {
    _K.LAW: (
        "Trẻ em",
        "Hộ tịch",
        "Ngân sách nhà nước",
        "Hôn nhân và gia đình",
        "Giáo dục",
        "Giáo dục nghề nghiệp",
        "Nuôi con nuôi",
        "Người khuyết tật",
        "Bảo hiểm y tế",
        "Bảo hiểm xã hội",
        "Phòng, chống bạo lực gia đình",
        "Phòng, chống mua bán người",
        "Phòng, chống ma túy",
        "Phòng, chống tác hại của rượu, bia",
        "Xử lý vi phạm hành chính",
        "Ban hành văn bản quy phạm pháp luật",
        "Bảo vệ, chăm sóc và giáo dục trẻ em",
        "Trợ giúp pháp lý",
        "Thanh niên",
        "Khám bệnh, chữa bệnh",
        "Phổ biến, giáo dục pháp luật",
        "Tổ chức chính quyền địa phương",
        "Tư pháp người chưa thành niên",
        "Tiếp cận thông tin",
        "Bình đẳng giới",
        "Thi đua, khen thưởng",
        "Cư trú",
        "Căn cước",
    ),
    _K.CODE: ("Hình sự", "Tố tụng hình sự", "Dân sự", "Tố tụng dân sự", "Lao động"),
}
_NAME_STOP_WORDS = frozenset(
    [
        "của",
        "và",
        "về",
        "theo",
        "năm",
        "hiện",
        "số",
        "ngày",
        "đã",
        "được",
        "trong",
        "tại",
        "để",
        "với",
        "cho",
        "quy",
        "qui",
        "hướng",
        "các",
        "này",
        "đối",
        "nhằm",
        "là",
        "do",
        "từ",
        "đến",
        "thì",
        "mà",
        "như",
        "hoặc",
        "sửa",
        "bổ",
        "có",
        "khi",
        "gồm",
        "cùng",
    ]
)
_NAME_WORD = re.compile(r"[^\s,;.:()\[\]\"“”!?…]+")
_FREE_NUMBER = re.compile(r" ?(?:số ?:? ?)?", re.IGNORECASE)
_FREE_NAME_NUMBER = re.compile(r" số ?:? ?", re.IGNORECASE)
_FREE_DATE = re.compile(r",? ?ngày (?=[0-9])", re.IGNORECASE)
_BARE_CITATION = re.compile(rf"(?<![\w/.-]){_CITATION.pattern}")
_ISSUER_PUNCTUATION = re.compile(r"[;.:()\[\]\"“”!?…]")
_TRAILING_JOINERS = re.compile(r"(?:[\s,;:.-]|(?<!\w)(?:và|hoặc|cùng|với)(?!\w))+$", re.I)
_LONGEST_ISSUER = 160
_TITLE_END = re.compile(r";|\.(?:\s|$|\.)|…")
_CLAUSE_END = re.compile(r"[;:()\[\]\"“”!?…]|\.(?:\s|$|\.)")


@attrs.frozen
class _Anchor:
    start: int
    end: int
    kind: DocumentKind
    number: str | None = None
    year: int | None = None
    symbol: str | None = None
    name: str | None = None


def _numbered_name(rest: str) -> str | None:
    """The name before " số <number>" in the same clause ("Phòng, chống ... số 03/2022/QH15")."""
    clause = _CLAUSE_END.search(rest)
    region = rest[: clause.start()] if clause else rest
    for lead in _FREE_NAME_NUMBER.finditer(region):
        if not _CITATION.match(region, lead.end()):
            continue
        name = region[: lead.start()]
        inner_kinds = [
            m for m in _KIND_WORD.finditer(name) if not name[: m.start()].endswith("của ")
        ]
        if name[:1].isalpha() and not inner_kinds and not _NAME_STOP_RE.search(name):
            return name
        return None
    return None


def _free_name(text: str, pos: int, kind: DocumentKind) -> tuple[str, int] | None:
    """The name after a type word cited by name, read up to a plausible end."""
    if text[pos : pos + 1] != " ":
        return None
    start = pos + 1
    rest = text[start : start + 200]
    numbered = _numbered_name(rest)
    if numbered is not None:
        return numbered, start + len(numbered)
    for known in sorted(_KNOWN_NAMES.get(kind, ()), key=len, reverse=True):
        head = rest[: len(known)]
        after = rest[len(known) : len(known) + 1]
        if head.casefold() == known.casefold() and not (after.isalnum() or after == "_"):
            return head, start + len(known)
    if kind is DocumentKind.LAW and not rest[:1].isupper():
        return None
    end = 0
    for count, word in enumerate(_NAME_WORD.finditer(rest)):
        token = word.group(0)
        if rest[end : word.start()] != (" " if count else "") or not token[0].isalpha():
            break
        folded = token.casefold()
        if count and (
            folded in _NAME_STOP_WORDS and not (kind is DocumentKind.CONVENTION and folded == "về")
        ):
            break
        if count and _STARTS_WITH_KIND.match(rest, word.start()):
            break
        end = word.end()
        if count >= 7:
            break
    if end == 0:
        return None
    return rest[:end], start + end


def _anchors(text: str) -> list[_Anchor]:
    found: list[_Anchor] = []
    consumed = 0
    for word in _KIND_WORD.finditer(text):
        if word.start() < consumed:
            continue
        kind = _KIND_BY_VI[word.group(0).casefold()]
        lead = _FREE_NUMBER.match(text, word.end())
        citation = _CITATION.match(text, lead.end()) if lead else None
        if citation is not None:
            number, year, symbol = _citation_parts(citation)
            if _symbol_contradicts(kind, symbol) is None:
                # Otherwise the type word is not this document's ("quy định 12/KH-UBND"):
                # the citation is read bare, its type from its symbol.
                found.append(_Anchor(word.start(), citation.end(), kind, number, year, symbol))
                consumed = citation.end()
            continue
        if not kind.cited_by_name or not word.group(0)[0].isupper():
            continue
        named = _free_name(text, word.end(), kind)
        if named is None:
            continue
        name, end = named
        lead = _FREE_NAME_NUMBER.match(text, end)
        citation = _CITATION.match(text, lead.end()) if lead else None
        if citation is not None:
            number, year, symbol = _citation_parts(citation)
            found.append(_Anchor(word.start(), citation.end(), kind, number, year, symbol, name))
            consumed = citation.end()
        else:
            found.append(_Anchor(word.start(), end, kind, name=name))
            consumed = end
    spans = [(a.start, a.end) for a in found]
    for bare in _BARE_CITATION.finditer(text):
        if any(start <= bare.start() < end for start, end in spans):
            continue
        number, year, symbol = _citation_parts(bare)
        kind_of = _kind_from_symbol(symbol)
        if kind_of is not None:
            found.append(_Anchor(bare.start(), bare.end(), kind_of, number, year, symbol))
    found.sort(key=lambda a: a.start)
    return found


def _free_issuer(text: str, start: int, limit: int) -> tuple[str | None, int | None]:
    """The issuer from ``start``; returns it and where a summary opens, if it does."""
    region = text[start : min(limit, start + _LONGEST_ISSUER)]
    cut = len(region)
    opener = _OPENER.search(region)
    if opener is not None:
        cut = opener.start()
    punctuation = _ISSUER_PUNCTUATION.search(region, 0, cut)
    if punctuation is not None:
        cut = punctuation.start()
    for comma in re.finditer(",", region[:cut]):
        following = region[comma.end() :].lstrip()
        if not following[:1].isupper() or _STARTS_WITH_KIND.match(following):
            cut = comma.start()
            break
    if cut == len(region) and limit > start + _LONGEST_ISSUER:
        return None, None
    issuer = _TRAILING_JOINERS.sub("", region[:cut]).strip()
    title_at = start + opener.start() if opener is not None and cut == opener.start() else None
    if not issuer or _STARTS_WITH_KIND.match(issuer) or not any(c.isalpha() for c in issuer):
        return None, None
    return issuer, title_at


def _free_title(text: str, start: int, limit: int) -> str | None:
    region = text[start:limit]
    end = _TITLE_END.search(region)
    if end is not None:
        region = region[: end.start()]
    title = _TRAILING_JOINERS.sub("", region).strip()
    return title or None


def _read_anchor(text: str, anchor: _Anchor, limit: int, title_limit: int) -> DocumentRef | None:
    fields: dict[str, Any] = {
        "number": anchor.number,
        "year": anchor.year,
        "symbol": anchor.symbol,
        "title": anchor.name,
    }
    pos = anchor.end
    span = text[anchor.start : anchor.end]
    if anchor.number is not None:
        clause = _FREE_DATE.match(text, pos)
        date = _DATE.match(text, clause.end()) if clause else None
        if date is not None and date.end() <= limit:
            try:
                fields["date"] = _date_from_match(date)
            except ParseError as exc:
                raise ParseError(f"in {text[anchor.start : date.end()]!r}: {exc}") from exc
            pos = date.end()
            span = text[anchor.start : pos]
        title_at: int | None = None
        of_clause = _OF_CLAUSE.match(text, pos)
        if of_clause is not None and of_clause.end() < limit:
            fields["issuer"], title_at = _free_issuer(text, of_clause.end(), limit)
        elif _OPENER.match(text, pos + 1) and text[pos : pos + 1] == " ":
            title_at = pos + 1
        if title_at is not None and not anchor.kind.cited_by_name:
            fields["title"] = _free_title(text, title_at, title_limit)
    try:
        return DocumentRef(anchor.kind, **fields)
    except InvalidValueError:
        pass
    # The number, symbol and date were read as written: only the guessed texts may go.
    for dropped in ("title", "issuer"):
        if dropped == "title" and anchor.number is None:
            return None
        fields[dropped] = None
        try:
            return DocumentRef(anchor.kind, **fields)
        except InvalidValueError:
            continue
    try:
        return DocumentRef(anchor.kind, **fields)
    except InvalidValueError as exc:
        raise ParseError(f"cannot read {span!r} as a document reference: {exc}") from exc


def find_document_refs(text: str) -> tuple[DocumentRef, ...]:
    """Every document reference in running text, in order of appearance.

    Numbered references ("Nghị định số 56/2017/NĐ-CP ngày ... của Chính phủ quy định ...")
    come with the date and issuer that follow them and a summary read up to the next
    numbered reference, ";" or the end of the sentence; laws, codes and conventions are also
    found by name ("Luật Trẻ em", "Bộ luật Hình sự"). A reference mentioned twice is returned
    twice. Summaries and issuers are read by heuristics and left out when unclear.

    Raises:
        ParseError: a reference whose number and symbol are readable but whose date is
            impossible or contradicts its symbol ("56/2017/NĐ-CP ngày 01/9/2018").
    """
    norm = _normalise(text)
    anchors = _anchors(norm)
    refs: list[DocumentRef] = []
    for index, anchor in enumerate(anchors):
        later = anchors[index + 1 :]
        limit = later[0].start if later else len(norm)
        title_limit = next((a.start for a in later if a.number is not None), len(norm))
        ref = _read_anchor(norm, anchor, limit, title_limit)
        if ref is not None:
            refs.append(ref)
    return tuple(refs)
