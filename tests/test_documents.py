"""Document references: the kinds and their abbreviations, the values, citations and the
canonical form, and their round trips."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, reject
from hypothesis import strategies as st

from child_welfare_plan.errors import InvalidValueError, ParseError
from child_welfare_plan.model.document_kinds import DocumentKind, canonical_symbol
from child_welfare_plan.model.document_text import find_document_refs, parse_document_ref
from child_welfare_plan.model.documents import DocumentRef, format_document_ref
from tests.strategies import (
    ISSUERS,
    NAMES,
    VI_ALPHABET,
    document_refs,
    document_symbols,
    vietnamese_words,
)

SEED_PLAN = (
    Path(__file__).parents[1]
    / "plugins"
    / "cwp-tu-ky"
    / "tests"
    / "source"
    / "ke-hoach-tre-em-2023.txt"
)
"""The seed plan's text, as the Tứ Kỳ pack keeps it beside its tests."""

# ---------------------------------------------------------------------------------------------
# Strategies (the shared ones live in tests/strategies/)


@st.composite
def _numbered_refs_without_summary(draw: st.DrawFn) -> DocumentRef:
    """Numbered refs with a real issuer or none, as they stand in a list of legal bases."""
    kind = draw(st.sampled_from(DocumentKind))
    symbol, year = draw(document_symbols(kind))
    date = draw(st.none() | st.dates(dt.date(1945, 1, 1), dt.date(2100, 12, 31)))
    if year is not None and date is not None:
        date = dt.date(year, 1, 1) + dt.timedelta(days=draw(st.integers(0, 364)))
    try:
        return DocumentRef(
            kind,
            number=draw(st.integers(1, 999_999).map(str)),
            year=year,
            symbol=symbol,
            issuer=draw(st.none() | st.sampled_from(ISSUERS)),
            date=date,
            title=draw(st.none() | st.sampled_from(NAMES)) if kind.cited_by_name else None,
        )
    except InvalidValueError:
        reject()


# ---------------------------------------------------------------------------------------------
# Legal facts


def test_administrative_type_abbreviations_follow_decree_30() -> None:
    """Decree 30/2020/NĐ-CP, Appendix III: abbreviations of administrative document types."""
    expected = {
        DocumentKind.RESOLUTION: ("Nghị quyết", "NQ"),
        DocumentKind.DECISION: ("Quyết định", "QĐ"),
        DocumentKind.DIRECTIVE: ("Chỉ thị", "CT"),
        DocumentKind.RULES: ("Quy chế", "QC"),
        DocumentKind.REGULATION: ("Quy định", "QyĐ"),
        DocumentKind.COMMUNIQUE: ("Thông cáo", "TC"),
        DocumentKind.NOTICE: ("Thông báo", "TB"),
        DocumentKind.GUIDANCE: ("Hướng dẫn", "HD"),
        DocumentKind.PROGRAMME: ("Chương trình", "CTr"),
        DocumentKind.PLAN: ("Kế hoạch", "KH"),
        DocumentKind.OPTION: ("Phương án", "PA"),
        DocumentKind.SCHEME: ("Đề án", "ĐA"),
        DocumentKind.PROJECT: ("Dự án", "DA"),
        DocumentKind.REPORT: ("Báo cáo", "BC"),
        DocumentKind.MINUTES: ("Biên bản", "BB"),
        DocumentKind.PROPOSAL: ("Tờ trình", "TTr"),
        DocumentKind.CONTRACT: ("Hợp đồng", "HĐ"),
        DocumentKind.URGENT_DISPATCH: ("Công điện", "CĐ"),
    }
    assert {kind: (kind.vi, kind.abbreviation) for kind in expected} == expected


def test_normative_types_carry_their_abbreviation() -> None:
    """Law 80/2015/QH13 Art. 8: decrees NĐ-CP, circulars TT-<ministry>; laws use QH + term."""
    assert DocumentKind.DECREE.abbreviation == "NĐ"
    assert DocumentKind.CIRCULAR.abbreviation == "TT"
    assert DocumentKind.LAW.abbreviation is None
    assert DocumentKind.OFFICIAL_LETTER.abbreviation is None


def test_normative_document_number_carries_the_year() -> None:
    """Law 80/2015/QH13 Art. 8: number/year/type-issuer; QH + term for the National Assembly."""
    decree = parse_document_ref("Nghị định số 56/2017/NĐ-CP")
    resolution = parse_document_ref("Nghị quyết số 121/2020/QH14 ngày 19/6/2020")
    assert (decree.number, decree.year, decree.symbol) == ("56", 2017, "NĐ-CP")
    assert (resolution.number, resolution.year, resolution.symbol) == ("121", 2020, "QH14")


def test_individual_decision_of_the_prime_minister_has_no_year() -> None:
    """Decree 30/2020/NĐ-CP Appendix I: number/type-issuer, e.g. 23/QĐ-TTg (domain.md §8)."""
    ref = parse_document_ref("Quyết định số 23/QĐ-TTg ngày 07/01/2021")
    assert (ref.number, ref.year, ref.symbol, ref.citation) == ("23", None, "QĐ-TTg", "23/QĐ-TTg")


def test_party_document_is_numbered_number_dash_type_slash_issuer() -> None:
    """Guidance 36-HD/VPTW (2018): Party documents are numbered like 20-CT/TW."""
    ref = parse_document_ref("Chỉ thị số 20-CT/TW ngày 05/11/2012 của Bộ Chính trị")
    assert (ref.kind, ref.number, ref.year, ref.symbol) == (
        DocumentKind.DIRECTIVE,
        "20",
        None,
        "CT/TW",
    )
    assert ref.citation == "20-CT/TW"
    assert format_document_ref(ref) == "Chỉ thị số 20-CT/TW ngày 05/11/2012 của Bộ Chính trị"


@pytest.mark.parametrize(
    ("date", "written"),
    [
        (dt.date(2021, 1, 7), "07/01/2021"),
        (dt.date(2020, 2, 29), "29/02/2020"),
        (dt.date(2023, 3, 7), "07/3/2023"),
        (dt.date(2020, 6, 19), "19/6/2020"),
        (dt.date(2015, 11, 15), "15/11/2015"),
    ],
)
def test_dates_pad_days_below_10_and_months_1_and_2(date: dt.date, written: str) -> None:
    """Decree 30/2020/NĐ-CP Appendix I: a leading 0 for days below 10 and months 1 and 2."""
    ref = DocumentRef(DocumentKind.PLAN, number="1", symbol="KH-UBND", date=date)
    assert format_document_ref(ref) == f"Kế hoạch số 1/KH-UBND ngày {written}"


# ---------------------------------------------------------------------------------------------
# DocumentKind


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_kind_is_found_by_its_vietnamese_name_in_any_case(kind: DocumentKind) -> None:
    assert DocumentKind.from_vi(kind.vi) is kind
    assert DocumentKind.from_vi(f"  {kind.vi.upper()} ") is kind


@pytest.mark.parametrize("kind", [k for k in DocumentKind if k.abbreviation])
def test_kind_is_found_by_its_abbreviation_with_or_without_d_stroke(kind: DocumentKind) -> None:
    assert kind.abbreviation is not None
    assert DocumentKind.from_abbreviation(kind.abbreviation) is kind
    if kind.abbreviation in {"NĐ", "QĐ", "QyĐ", "CĐ"}:
        assert DocumentKind.from_abbreviation(kind.abbreviation.replace("Đ", "D")) is kind


def test_kind_values_are_ascii_slugs() -> None:
    for kind in DocumentKind:
        assert kind.value.isascii()
        assert kind.value == kind.value.lower()
        assert " " not in kind.value


def test_unknown_kind_name_or_abbreviation_is_refused() -> None:
    with pytest.raises(ParseError, match="'Thư tình'"):
        DocumentKind.from_vi("Thư tình")
    with pytest.raises(ParseError, match="'XYZ'"):
        DocumentKind.from_abbreviation("XYZ")


# ---------------------------------------------------------------------------------------------
# DocumentRef values


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"number": "60 6", "symbol": "KH-UBND"}, "DocumentRef.number: '60 6'"),
        ({"number": "000", "symbol": "KH-UBND"}, "not all zero"),
        ({"number": "1", "symbol": "KH-UBND", "year": 1900}, "DocumentRef.year: 1900"),
        ({"number": "1", "symbol": "KH-UBND", "year": 2101}, "1945 to 2100"),
        ({"number": "1", "symbol": "kh-ubnd"}, "DocumentRef.symbol: 'kh-ubnd'"),
        ({"number": "1", "symbol": "KH UBND"}, "DocumentRef.symbol"),
        ({"number": "1"}, "expected both or neither"),
        ({"title": "x", "year": 2020}, "without a number"),
        ({}, "neither number nor title"),
        ({"number": "1", "symbol": "NĐ-CP"}, "names a Nghị định"),
        ({"number": "1", "year": 2020, "symbol": "CT/TW"}, "Party"),
        (
            {"number": "1", "year": 2020, "symbol": "KH-UBND", "date": dt.date(2021, 1, 1)},
            "not in 2020",
        ),
        ({"number": "1", "symbol": "KH-UBND", "date": dt.date(1900, 1, 1)}, "DocumentRef.date"),
        (
            {"number": "1", "symbol": "KH-UBND", "date": dt.datetime(2023, 1, 1)},
            "datetime.date",
        ),
        ({"number": "1", "symbol": "KH-UBND", "issuer": "Ban chỉ đạo về trẻ em"}, "'về'"),
        ({"number": "1", "symbol": "KH-UBND", "issuer": "Luật Trẻ em"}, "document type"),
        ({"number": "1", "symbol": "KH-UBND", "issuer": "  "}, "no words"),
        (
            {"number": "1", "symbol": "KH-UBND", "issuer": "UBND huyện", "title": "năm 2023"},
            "does not start with a summary word",
        ),
        (
            {"kind": DocumentKind.RESOLUTION, "title": "liên tịch về trẻ em"},
            "another document type",
        ),
        ({"number": "1", "symbol": "KH-UBND", "title": "ngày 5 tháng 5"}, "starts like"),
        ({"number": "1", "symbol": "KH-UBND", "title": "về trẻ em;"}, "trailing punctuation"),
    ],
)
def test_impossible_values_are_refused_naming_field_value_and_expectation(
    fields: dict[str, Any], message: str
) -> None:
    kind = fields.pop("kind", DocumentKind.PLAN)
    with pytest.raises(InvalidValueError) as caught:
        DocumentRef(kind, **fields)
    assert message in str(caught.value)
    assert "expected" in str(caught.value)


def test_name_that_would_end_early_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="would end the name"):
        DocumentRef(DocumentKind.LAW, title="Trẻ em số 5 năm")
    with pytest.raises(InvalidValueError, match="would end the name"):
        DocumentRef(DocumentKind.LAW, title="Trẻ em của")


def test_issuer_and_title_are_normalised_on_construction() -> None:
    ref = DocumentRef(
        DocumentKind.PLAN,
        number="5",
        symbol="KH-UBND",
        issuer="  Uỷ ban nhân\n dân huyện ",
        title="về việc hoà nhập",
    )
    assert ref.issuer == "Ủy ban nhân dân huyện"
    assert ref.title == "về việc hòa nhập"
    assert DocumentRef(DocumentKind.NOTICE, title="Quỹ quý").title == "Quỹ quý"


@pytest.mark.parametrize(
    ("text", "citation"),
    [
        ("Kế hoạch số 606/KH-UBND ngày 07/3/2023", "606/KH-UBND"),
        ("Nghị định số 56/2017/ND-CP", "56/2017/NĐ-CP"),
        ("Nghị quyết số 121/2020/QH14", "121/2020/QH14"),
        ("Quyết định số 23/QĐ-TTg", "23/QĐ-TTg"),
        ("Thông tư số 13/2021/TT-BLDTBXH", "13/2021/TT-BLĐTBXH"),
        ("Luật Trẻ em", "Luật Trẻ em"),
        ("Luật Trẻ em số 102/2016/QH13", "102/2016/QH13"),
    ],
)
def test_citation_is_the_canonical_short_form(text: str, citation: str) -> None:
    ref = parse_document_ref(text)
    assert ref.citation == citation
    assert str(ref) == citation


def test_to_dict_has_every_field_and_the_citation() -> None:
    ref = parse_document_ref("Nghị định số 56/2017/NĐ-CP ngày 01/9/2017 của Chính phủ")
    assert ref.to_dict() == {
        "kind": "decree",
        "number": "56",
        "year": 2017,
        "symbol": "NĐ-CP",
        "issuer": "Chính phủ",
        "date": "2017-09-01",
        "title": None,
        "citation": "56/2017/NĐ-CP",
    }


def test_from_dict_refuses_unknown_kind_and_bad_date() -> None:
    with pytest.raises(InvalidValueError, match="'bill'"):
        DocumentRef.from_dict({"kind": "bill", "title": "x"})
    with pytest.raises(InvalidValueError, match="'07/3/2023'"):
        DocumentRef.from_dict({"kind": "plan", "title": "x", "date": "07/3/2023"})
    with pytest.raises(InvalidValueError, match="kind: missing"):
        DocumentRef.from_dict({"title": "x"})


def test_format_writes_the_canonical_full_form() -> None:
    ref = parse_document_ref(
        "Kế hoạch  số 606/KH-UBND ngày 7/3/2023 của Uỷ ban nhân dân tỉnh Hải Dương về việc "
        "thực hiện công tác trẻ em năm 2023"
    )
    assert format_document_ref(ref) == (
        "Kế hoạch số 606/KH-UBND ngày 07/3/2023 của Ủy ban nhân dân tỉnh Hải Dương về việc "
        "thực hiện công tác trẻ em năm 2023"
    )
    law = DocumentRef(DocumentKind.LAW, title="Trẻ em", number="102", year=2016, symbol="QH13")
    assert format_document_ref(law) == "Luật Trẻ em số 102/2016/QH13"


# ---------------------------------------------------------------------------------------------
# Properties


@given(document_refs())
def test_formatted_ref_parses_back_to_itself(ref: DocumentRef) -> None:
    assert parse_document_ref(format_document_ref(ref)) == ref


@given(document_refs())
def test_citation_of_numbered_ref_reads_back_its_number_and_symbol(ref: DocumentRef) -> None:
    if ref.number is None:
        assert ref.citation == f"{ref.kind.vi} {ref.title}"
        return
    back = parse_document_ref(f"{ref.kind.vi} số {ref.citation}")
    assert (back.kind, back.number, back.year, back.symbol) == (
        ref.kind,
        ref.number,
        ref.year,
        ref.symbol,
    )


@given(document_refs())
def test_dict_form_survives_json_and_reads_back(ref: DocumentRef) -> None:
    data = json.loads(json.dumps(ref.to_dict(), ensure_ascii=False))
    assert data["citation"] == ref.citation
    assert DocumentRef.from_dict(data) == ref


@given(st.text(VI_ALPHABET + " \n–Ð", max_size=30))
def test_canonical_symbol_is_idempotent(text: str) -> None:
    once = canonical_symbol(text)
    assert canonical_symbol(once) == once


_D_STROKE_PARTS = ["NĐ", "QĐ", "QyĐ", "CĐ", "BCĐ", "HĐND", "LĐTBXH", "BLĐTBXH", "SLĐTBXH", "GDĐT"]


@given(st.lists(st.sampled_from([*_D_STROKE_PARTS, "UBND", "CP", "TTg", "HD"]), min_size=1))
def test_symbol_spelt_with_plain_d_reads_as_the_canonical_symbol(parts: list[str]) -> None:
    symbol = "-".join(parts)
    assert canonical_symbol(symbol.replace("Đ", "D")) == canonical_symbol(symbol) == symbol


@given(st.lists(_numbered_refs_without_summary(), min_size=1, max_size=5))
def test_refs_listed_in_text_are_all_found_in_order(refs: list[DocumentRef]) -> None:
    text = "Căn cứ " + "; ".join(format_document_ref(ref) for ref in refs) + "."
    assert find_document_refs(text) == tuple(refs)


_TEXT_PIECES = st.one_of(
    vietnamese_words,
    st.sampled_from([",", ";", ".", "\n", "(", ")", "Căn cứ", "theo"]),
    document_refs().map(format_document_ref),
)


@given(st.lists(_TEXT_PIECES, max_size=25).map(" ".join))
def test_every_ref_found_in_any_text_reads_back_from_its_canonical_form(text: str) -> None:
    refused: ParseError | None = None
    try:
        refs = find_document_refs(text)
    except ParseError as exc:
        refused, refs = exc, ()
    if refused is not None:  # only an impossible number or date, read as written
        assert "DocumentRef." in str(refused) or "is not a date" in str(refused)
    for ref in refs:
        assert parse_document_ref(format_document_ref(ref)) == ref
