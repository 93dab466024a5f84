"""Reading references to documents from the text of a plan: one reference
(:func:`parse_document_ref`) or every reference in a paragraph (:func:`find_document_refs`).

``parse_document_ref(format_document_ref(ref)) == ref`` for every valid ref.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from child_welfare_plan.errors import InvalidValueError, ParseError, reason
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.document_kinds import (
    KIND_BY_VI,
    KIND_WORD,
    STARTS_WITH_KIND,
    DocumentKind,
    canonical_symbol,
    kind_from_symbol,
    normalise,
    symbol_contradicts,
)
from child_welfare_plan.model.documents import (
    CITATION,
    DATE_RE,
    NAME_STOP,
    NAME_STOP_RE,
    OPENER,
    TRAILING_PUNCTUATION,
    DocumentRef,
    date_from_match,
)

__all__ = ["find_document_refs", "parse_document_ref"]


_NUMBER_CLAUSE = re.compile(r" (?P<so>số ?:? ?)?(?=[0-9])", re.IGNORECASE)


_BARE_LEAD = re.compile(r"(?:số ?:? ?)?", re.IGNORECASE)


_DATE_CLAUSE = re.compile(r" ?ngày (?=[0-9])", re.IGNORECASE)


_OF_CLAUSE = re.compile(r" ?của(?: |$)", re.IGNORECASE)


_NAME_CLAUSE = re.compile(rf" (?P<name>.+?)(?={NAME_STOP}|$)", re.IGNORECASE)


def _citation_parts(match: re.Match[str]) -> tuple[str, int | None, str]:
    year = match.group("year")
    symbol = match.group("party") or match.group("symbol")
    return match.group("number"), int(year) if year else None, canonical_symbol(symbol)


def _build(text: str, kind: DocumentKind, **fields: Any) -> DocumentRef:
    try:
        return DocumentRef(kind, **fields)
    except InvalidValueError as exc:
        raise ParseError(_unreadable(text, reason(exc))) from exc


def _unreadable(text: str, why: str) -> Message:
    return Message("cannot read {text!r} as a document reference: {why}", text=text, why=why)


def _failed(text: str, why: str) -> ParseError:
    """The text is no reference: why, and what one looks like."""
    return ParseError(
        Message(
            "cannot read {text!r} as a document reference: {why}; expected a reference such "
            "as 'Kế hoạch số 606/KH-UBND ngày 07/3/2023 của UBND tỉnh', 'Nghị định số "
            "56/2017/NĐ-CP' or 'Luật Trẻ em'",
            text=text,
            why=why,
        )
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
    norm = normalise(text).rstrip(TRAILING_PUNCTUATION)
    if not norm:
        raise _failed(text, Message("it is empty"))
    head = STARTS_WITH_KIND.match(norm)
    kind: DocumentKind | None = KIND_BY_VI[head.group(0).casefold()] if head else None
    pos = head.end() if head else 0
    fields: dict[str, Any] = {}

    def fail(why: str) -> ParseError:
        return _failed(text, why)

    # The number: " số 606/KH-UBND", " 606/KH-UBND", or at the start of a bare citation.
    if kind is None:
        lead = _BARE_LEAD.match(norm)
        citation = CITATION.match(norm, lead.end() if lead else 0)
        if citation is None:
            raise fail(Message("it does not start with a document type or a number and symbol"))
    else:
        clause = _NUMBER_CLAUSE.match(norm, pos)
        citation = CITATION.match(norm, clause.end()) if clause else None
        if clause is not None and citation is None and clause.group("so"):
            raise fail(
                Message(
                    "'số' at {at!r} is not followed by a number and symbol", at=norm[pos : pos + 30]
                )
            )
        if citation is None and kind.cited_by_name:
            name = _NAME_CLAUSE.match(norm, pos)
            if name is None:
                raise fail(
                    Message("'{kind}' is followed by neither a number nor a name", kind=kind.vi)
                )
            fields["title"] = name.group("name")
            pos = name.end()
            clause = _NUMBER_CLAUSE.match(norm, pos)
            citation = CITATION.match(norm, clause.end()) if clause else None
            if clause is not None and citation is None:
                raise fail(Message("'số' after the name is not followed by a number and symbol"))
    if citation is not None:
        fields["number"], fields["year"], fields["symbol"] = _citation_parts(citation)
        pos = citation.end()
        kind = kind or kind_from_symbol(fields["symbol"])
    if kind is None:
        raise fail(
            Message(
                "the symbol {symbol!r} does not say what type of document it is",
                symbol=fields.get("symbol"),
            )
        )

    date_clause = _DATE_CLAUSE.match(norm, pos)
    if date_clause is not None:
        date = DATE_RE.match(norm, date_clause.end())
        if date is None:
            raise fail(
                Message(
                    "'ngày' at {at!r} is not followed by a date DD/MM/YYYY", at=norm[pos : pos + 30]
                )
            )
        try:
            fields["date"] = date_from_match(date)
        except ParseError as exc:
            raise fail(reason(exc)) from exc
        pos = date.end()

    of_clause = _OF_CLAUSE.match(norm, pos)
    if of_clause is not None:
        rest = norm[of_clause.end() :]
        opener = None if kind.cited_by_name else OPENER.search(rest)
        issuer = rest if opener is None else rest[: opener.start()].rstrip()
        if not issuer:
            raise fail(Message("'của' is not followed by an issuer"))
        fields["issuer"] = issuer
        rest = "" if opener is None else rest[opener.start() :]
    else:
        rest = norm[pos:]
        if rest and not rest.startswith(" "):
            raise fail(
                Message("unexpected {rest!r} after {read!r}", rest=rest[:30], read=norm[:pos])
            )
        rest = rest.strip()
    if rest:
        if "title" in fields:
            raise fail(
                Message(
                    "unexpected {rest!r} after the name of the {kind}", rest=rest[:30], kind=kind.vi
                )
            )
        fields["title"] = rest
    return _build(text, kind, **fields)


#: Names of laws and codes as officially spelt, so that names with commas or "và" are read
#: whole ("Luật Phòng, chống bạo lực gia đình").
_KNOWN_NAMES: dict[DocumentKind, tuple[str, ...]] = {
    DocumentKind.LAW: (
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
    DocumentKind.CODE: ("Hình sự", "Tố tụng hình sự", "Dân sự", "Tố tụng dân sự", "Lao động"),
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


_BARE_CITATION = re.compile(rf"(?<![\w/.-]){CITATION.pattern}")


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
        if not CITATION.match(region, lead.end()):
            continue
        name = region[: lead.start()]
        inner_kinds = [
            m for m in KIND_WORD.finditer(name) if not name[: m.start()].endswith("của ")
        ]
        if name[:1].isalpha() and not inner_kinds and not NAME_STOP_RE.search(name):
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
        if count and STARTS_WITH_KIND.match(rest, word.start()):
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
    for word in KIND_WORD.finditer(text):
        if word.start() < consumed:
            continue
        kind = KIND_BY_VI[word.group(0).casefold()]
        lead = _FREE_NUMBER.match(text, word.end())
        citation = CITATION.match(text, lead.end()) if lead else None
        if citation is not None:
            number, year, symbol = _citation_parts(citation)
            if symbol_contradicts(kind, symbol) is None:
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
        citation = CITATION.match(text, lead.end()) if lead else None
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
        kind_of = kind_from_symbol(symbol)
        if kind_of is not None:
            found.append(_Anchor(bare.start(), bare.end(), kind_of, number, year, symbol))
    found.sort(key=lambda a: a.start)
    return found


def _free_issuer(text: str, start: int, limit: int) -> tuple[str | None, int | None]:
    """The issuer from ``start``; returns it and where a summary opens, if it does."""
    region = text[start : min(limit, start + _LONGEST_ISSUER)]
    cut = len(region)
    opener = OPENER.search(region)
    if opener is not None:
        cut = opener.start()
    punctuation = _ISSUER_PUNCTUATION.search(region, 0, cut)
    if punctuation is not None:
        cut = punctuation.start()
    for comma in re.finditer(",", region[:cut]):
        following = region[comma.end() :].lstrip()
        if not following[:1].isupper() or STARTS_WITH_KIND.match(following):
            cut = comma.start()
            break
    if cut == len(region) and limit > start + _LONGEST_ISSUER:
        return None, None
    issuer = _TRAILING_JOINERS.sub("", region[:cut]).strip()
    title_at = start + opener.start() if opener is not None and cut == opener.start() else None
    if not issuer or STARTS_WITH_KIND.match(issuer) or not any(c.isalpha() for c in issuer):
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
        date = DATE_RE.match(text, clause.end()) if clause else None
        if date is not None and date.end() <= limit:
            try:
                fields["date"] = date_from_match(date)
            except ParseError as exc:
                raise ParseError(
                    Message(
                        "in {span!r}: {why}", span=text[anchor.start : date.end()], why=reason(exc)
                    )
                ) from exc
            pos = date.end()
            span = text[anchor.start : pos]
        title_at: int | None = None
        of_clause = _OF_CLAUSE.match(text, pos)
        if of_clause is not None and of_clause.end() < limit:
            fields["issuer"], title_at = _free_issuer(text, of_clause.end(), limit)
        elif OPENER.match(text, pos + 1) and text[pos : pos + 1] == " ":
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
        raise ParseError(_unreadable(span, reason(exc))) from exc


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
    norm = normalise(text)
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
