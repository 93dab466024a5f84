"""Kinds of Vietnamese documents, their names and symbol abbreviations, and the canonical
spelling of text and symbols that references are compared in.

References:
    * Decree 30/2020/NĐ-CP on clerical work, Appendix III (abbreviations of administrative
      document types: NQ, QĐ, CT, QC, QyĐ, TC, TB, HD, CTr, KH, PA, ĐA, DA, BC, BB, TTr, HĐ, CĐ).
    * Law 80/2015/QH13 on the promulgation of legal documents, Art. 4 and 8 (the kinds of
      normative documents and how they are numbered).
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from child_welfare_plan.errors import ParseError
from child_welfare_plan.i18n.localized import Message

__all__ = [
    "KIND_ALTERNATIVES",
    "KIND_BY_VI",
    "KIND_WORD",
    "STARTS_WITH_KIND",
    "DocumentKind",
    "canonical_symbol",
    "kind_from_symbol",
    "normalise",
    "symbol_contradicts",
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
        kind = KIND_BY_VI.get(normalise(name).casefold())
        if kind is None:
            raise ParseError(
                Message(
                    "{name!r} is not a document type (expected a Vietnamese type name such as "
                    "'Kế hoạch', 'Nghị định' or 'Luật')",
                    name=name,
                )
            )
        return kind

    @classmethod
    def from_abbreviation(cls, abbreviation: str) -> DocumentKind:
        """The kind whose symbol abbreviation is ``abbreviation`` ("QĐ" or "QD")."""
        kind = _KIND_BY_ABBREVIATION.get(canonical_symbol(abbreviation))
        if kind is None:
            raise ParseError(
                Message(
                    "{abbreviation!r} is not a document type abbreviation (expected one such as "
                    "'KH', 'QĐ', 'NĐ', 'TT', 'CTr')",
                    abbreviation=abbreviation,
                )
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


KIND_BY_VI = {vi.casefold(): kind for kind, (vi, _, _) in _KIND_TABLE.items()}


_KIND_BY_ABBREVIATION = {abbr: kind for kind, (_, abbr, _) in _KIND_TABLE.items() if abbr}


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


def normalise(text: str) -> str:
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


KIND_ALTERNATIVES = "|".join(
    re.escape(vi) for vi in sorted((v[0] for v in _KIND_TABLE.values()), key=len, reverse=True)
)


KIND_WORD = re.compile(rf"(?<!\w)(?:{KIND_ALTERNATIVES})(?!\w)", re.IGNORECASE)


STARTS_WITH_KIND = re.compile(rf"(?:{KIND_ALTERNATIVES})(?!\w)", re.IGNORECASE)


def kind_from_symbol(symbol: str) -> DocumentKind | None:
    """The kind named by the symbol's type abbreviation ("NĐ-CP" → decree), if any."""
    return _KIND_BY_ABBREVIATION.get(symbol.split("/")[0].split("-")[0])


def symbol_contradicts(kind: DocumentKind, symbol: str | None) -> DocumentKind | None:
    """The other kind a State symbol's type abbreviation names, if it names another."""
    if symbol is None or "/" in symbol or kind.abbreviation is None:
        return None
    named = kind_from_symbol(symbol)
    return named if named is not None and named is not kind else None
