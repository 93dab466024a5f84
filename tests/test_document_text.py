"""Document references read from text: one reference as written, and every reference in a
passage or in the whole seed plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from child_welfare_plan.errors import ParseError
from child_welfare_plan.model.document_kinds import DocumentKind
from child_welfare_plan.model.document_text import find_document_refs, parse_document_ref
from child_welfare_plan.model.documents import DocumentRef, format_document_ref

SEED_PLAN = (
    Path(__file__).parents[1]
    / "plugins"
    / "cwp-tu-ky"
    / "tests"
    / "source"
    / "ke-hoach-tre-em-2023.txt"
)
"""The seed plan's text, as the Tứ Kỳ pack keeps it beside its tests."""

# Passages of the seed plan (the Tứ Kỳ 2023 child-welfare plan), verbatim with line breaks.
OPENING = (
    "Căn cứ Kế hoạch số 606/KH-UBND ngày 07/3/2023 của Ủy ban nhân \n"
    "dân tỉnh Hải Dương về việc thực hiện công tác trẻ em năm 2023; Ủy ban nhân \n"
    "dân huyện Tứ Kỳ xây dựng Kế hoạch thực hiện công tác trẻ em năm 2023 với \n"
    "các nội dung chính như sau:"
)
SECTION_II = (
    "Từng bước hoàn thành các mục tiêu, chỉ tiêu của Kế hoạch số 131/KH-\n"
    "\n"
    "UBND ngày 30/7/2021 của UBND huyện về thực hiện chương trình hành động \n"
    "quốc gia vì trẻ em huyện Tứ Kỳ giai đoạn 2021 - 2030; giảm số lượng trẻ em có "
)
SECTION_III_1 = (
    "- Tổ chức triển khai thực hiện hiệu quả Luật Trẻ em, Nghị quyết số \n"
    "\n"
    "121/2020/QH14 ngày 19/6/2020 của Quốc hội về tiếp tục tăng\n"
    "cường hiệu lực, hiệu quả việc thực hiện chính sách, pháp luật về phòng, chống\n"
    "xâm hại trẻ em, Chỉ thị số 23/CT-TTg ngày 26/5/2020 của Thủ tướng Chính phủ\n"
    "về tăng cường các giải pháp bảo đảm thực hiện quyền trẻ em và bảo vệ trẻ em;\n"
    "Quyết định số 23/QĐ-TTg ngày 07/01/2021 của Thủ tướng Chính phủ phê duyệt\n"
    "Chương trình hành động quốc gia vì trẻ em giai đoạn 2021-2030; Quyết định số\n"
    "782/QĐ-TTg ngày 27/5/2021 của Thủ tướng Chính phủ phê duyệt Chương trình\n"
    "phòng ngừa, giảm thiểu trẻ em lao động trái quy định của pháp luật giai đoạn\n"
    "2021-2025, định hướng đến năm 2030; Quyết định số 1248/QĐ-TTg ngày\n"
    "19/7/2021 của Thủ tướng Chính phủ phê duyệt Chương trình phòng, chống tai\n"
    "nạn, thương tích trẻ em giai đoạn 2021-2030 và các chương trình, đề án, kế\n"
    "hoạch về trẻ em giai đoạn 2021-2025, định hướng đến năm 2030."
)
SECTION_III_3 = (
    "- Các cơ quan, đơn vị, ngành, địa phương, tổ chức, cá nhân có thẩm quyền \n"
    "tiếp nhận thông tin, giải quyết kịp thời, xử lý nghiêm các vụ việc bạo lực, xâm \n"
    "hại trẻ em theo quy định của pháp luật và quy trình, thủ tục quy định tại Nghị \n"
    "định số 56/2017/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật \n"
    "Trẻ em; triển khai thu thập chỉ tiêu thống kê, báo cáo theo Thông tư số \n"
    "13/2021/TT-BLDTBXH ngày 30/9/2021 của Bộ trưởng Bộ Lao động - Thương \n"
    "binh và Xã hội ban hành Bộ chỉ tiêu thống kê về tình hình trẻ em và tình hình \n"
    "xâm hại trẻ em; xử lý vi phạm hành chính đối với các hành vi xâm hại trẻ em; "
)
SECTION_III_5 = (
    "- Các cơ quan, đơn vị, ngành có liên quan đến công tác trẻ em tăng cường \n"
    "công tác thanh tra, kiểm tra liên ngành và chuyên đề việc thực hiện pháp luật, \n"
    "chính sách, chương trình, đề án, kế hoạch về trẻ em, việc triển khai Nghị quyết \n"
    "số 121/2020/QH14 ngày 19/6/2020 của Quốc hội và Chỉ thị số 23/CT-TTg ngày \n"
    "26/5/2020 của Thủ tướng Chính phủ; kiểm tra, rà soát các biện pháp đảm bảo \n"
    "môi trường sống an toàn, phòng ngừa, bạo lực, bóc lột, xâm hại tình dục trẻ em "
)
SECTION_V_3 = (
    "giáo dục pháp luật liên quan đến công tác bảo vệ, chăm sóc trẻ em như: Công\n"
    "ước Quốc tế về trẻ em; Luật Trẻ em; các quy định của Bộ Luật hình sự về người\n"
    "chưa thành niên phạm tội và các quy định pháp luật khác liên quan đến trẻ em; \n"
    "tăng cường công tác kiểm tra đề xuất biện pháp chấm dứt tình trạng nuôi con \n"
    "nuôi trái pháp luật.\n"
    "\n"
    "- Chỉ đạo tốt việc đảm bảo quyền cơ bản cho mọi trẻ em, nhất là quyền\n"
    "được khai sinh theo quy định tại Nghị định số 123/2015/NĐ-CP ngày \n"
    "15/11/2015của Chính phủ quy định chi tiết một số điều và biện pháp thi hành \n"
    "Luật Hộ tịch;Nghị định số 130/2021/NĐ-CP ngày 30/12/2021 của Chính phủ \n"
    "quy định xử phạt vi phạm hành chính trong lĩnh vực bảo trợ, trợ giúp xã hội và \n"
    "trẻ em."
)
SECTION_V_5 = (
    "- Triển khai và thực hiện các nội dung theo Nghị định số 80/2017/NĐ-CP \n"
    "ngày 17/7/2017 của Chính phủ quy định về môi trường giáo dục an toàn, lành \n"
    "mạnh, thân thiện, phòng, chống bạo lực học đường."
)
SECTION_I_1 = (
    "- Tăng cường sự lãnh đạo, chỉ đạo của các cấp ủy Đảng, chính quyền, sự \n"
    "\n"
    "phối hợp giữa các tổ chức đoàn thể, tổ chức chính trị - xã hội, đơn vị sự nghiệp, \n"
    "sự tham gia của gia đình, cá nhân và cộng đồng nhằm nâng cao hiệu quả quản lý \n"
    "nhà nước về công tác trẻ em để tổ chức tốt các chính sách, chương trình, kế \n"
    "hoạch về công tác trẻ em trên địa bàn huyện đã được phê duyệt."
)

TTG = "Thủ tướng Chính phủ"
CP = "Chính phủ"
MOLISA_MINISTER = "Bộ trưởng Bộ Lao động - Thương binh và Xã hội"

Expected = tuple[str, dt.date | None, str | None]

#: What each passage must yield: (citation, date, issuer), in order.
SEED_PASSAGES: list[tuple[str, str, list[Expected]]] = [
    (
        "opening",
        OPENING,
        [("606/KH-UBND", dt.date(2023, 3, 7), "Ủy ban nhân dân tỉnh Hải Dương")],
    ),
    ("II", SECTION_II, [("131/KH-UBND", dt.date(2021, 7, 30), "UBND huyện")]),
    (
        "III.1",
        SECTION_III_1,
        [
            ("Luật Trẻ em", None, None),
            ("121/2020/QH14", dt.date(2020, 6, 19), "Quốc hội"),
            ("23/CT-TTg", dt.date(2020, 5, 26), TTG),
            ("23/QĐ-TTg", dt.date(2021, 1, 7), TTG),
            ("782/QĐ-TTg", dt.date(2021, 5, 27), TTG),
            ("1248/QĐ-TTg", dt.date(2021, 7, 19), TTG),
        ],
    ),
    (
        "III.3",
        SECTION_III_3,
        [
            ("56/2017/NĐ-CP", None, CP),
            ("Luật Trẻ em", None, None),
            ("13/2021/TT-BLĐTBXH", dt.date(2021, 9, 30), MOLISA_MINISTER),
        ],
    ),
    (
        "III.5",
        SECTION_III_5,
        [
            ("121/2020/QH14", dt.date(2020, 6, 19), "Quốc hội"),
            ("23/CT-TTg", dt.date(2020, 5, 26), TTG),
        ],
    ),
    (
        "V.3",
        SECTION_V_3,
        [
            ("Công ước Quốc tế về trẻ em", None, None),
            ("Luật Trẻ em", None, None),
            ("Bộ luật hình sự", None, None),
            ("123/2015/NĐ-CP", dt.date(2015, 11, 15), CP),
            ("Luật Hộ tịch", None, None),
            ("130/2021/NĐ-CP", dt.date(2021, 12, 30), CP),
        ],
    ),
    ("V.5", SECTION_V_5, [("80/2017/NĐ-CP", dt.date(2017, 7, 17), CP)]),
]


def _summary(refs: tuple[DocumentRef, ...]) -> list[Expected]:
    return [(ref.citation, ref.date, ref.issuer) for ref in refs]


# ---------------------------------------------------------------------------------------------
# parse_document_ref


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kế hoạch số 606/KH-UBND ngày 07/3/2023 của Ủy ban nhân dân tỉnh Hải Dương",
            DocumentRef(
                DocumentKind.PLAN,
                number="606",
                symbol="KH-UBND",
                date=dt.date(2023, 3, 7),
                issuer="Ủy ban nhân dân tỉnh Hải Dương",
            ),
        ),
        (
            "Nghị quyết số 121/2020/QH14 ngày 19/6/2020",
            DocumentRef(
                DocumentKind.RESOLUTION,
                number="121",
                year=2020,
                symbol="QH14",
                date=dt.date(2020, 6, 19),
            ),
        ),
        (
            "Chỉ thị số 23/CT-TTg",
            DocumentRef(DocumentKind.DIRECTIVE, number="23", symbol="CT-TTg"),
        ),
        (
            "Quyết định số 1248/QĐ-TTg ngày 19/7/2021",
            DocumentRef(
                DocumentKind.DECISION, number="1248", symbol="QĐ-TTg", date=dt.date(2021, 7, 19)
            ),
        ),
        (
            "Nghị định số 56/2017/NĐ-CP",
            DocumentRef(DocumentKind.DECREE, number="56", year=2017, symbol="NĐ-CP"),
        ),
        (
            "Thông tư số 13/2021/TT-BLDTBXH ngày 30/9/2021",
            DocumentRef(
                DocumentKind.CIRCULAR,
                number="13",
                year=2021,
                symbol="TT-BLĐTBXH",
                date=dt.date(2021, 9, 30),
            ),
        ),
        ("Luật Trẻ em", DocumentRef(DocumentKind.LAW, title="Trẻ em")),
        (
            "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015của Chính phủ",
            DocumentRef(
                DocumentKind.DECREE,
                number="123",
                year=2015,
                symbol="NĐ-CP",
                date=dt.date(2015, 11, 15),
                issuer="Chính phủ",
            ),
        ),
        (
            "Kế hoạch số 131/KH-\n\nUBND ngày 30/7/2021",
            DocumentRef(
                DocumentKind.PLAN, number="131", symbol="KH-UBND", date=dt.date(2021, 7, 30)
            ),
        ),
        (
            "Kế hoạch số 606/KH-UBND ngày 07/3/2023 của Ủy ban nhân \ndân tỉnh Hải Dương về "
            "việc thực hiện công tác trẻ em năm 2023",
            DocumentRef(
                DocumentKind.PLAN,
                number="606",
                symbol="KH-UBND",
                date=dt.date(2023, 3, 7),
                issuer="Ủy ban nhân dân tỉnh Hải Dương",
                title="về việc thực hiện công tác trẻ em năm 2023",
            ),
        ),
        (
            "Quyết định số 23/QĐ-TTg ngày 07/01/2021 của Thủ tướng Chính phủ phê duyệt\n"
            "Chương trình hành động quốc gia vì trẻ em giai đoạn 2021-2030;",
            DocumentRef(
                DocumentKind.DECISION,
                number="23",
                symbol="QĐ-TTg",
                date=dt.date(2021, 1, 7),
                issuer=TTG,
                title="phê duyệt Chương trình hành động quốc gia vì trẻ em giai đoạn 2021-2030",
            ),
        ),
        (
            "Nghị định số 56/2017/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật "
            "Trẻ em",
            DocumentRef(
                DocumentKind.DECREE,
                number="56",
                year=2017,
                symbol="NĐ-CP",
                issuer=CP,
                title="quy định chi tiết một số điều của Luật Trẻ em",
            ),
        ),
        (
            "Luật Trẻ em số 102/2016/QH13 ngày 05/4/2016 của Quốc hội",
            DocumentRef(
                DocumentKind.LAW,
                number="102",
                year=2016,
                symbol="QH13",
                date=dt.date(2016, 4, 5),
                issuer="Quốc hội",
                title="Trẻ em",
            ),
        ),
        (
            "Bộ Luật hình sự",
            DocumentRef(DocumentKind.CODE, title="hình sự"),
        ),
        (
            "Kế hoạch số 606/KH-UBND ngày 07 tháng 3 năm 2023",
            DocumentRef(
                DocumentKind.PLAN, number="606", symbol="KH-UBND", date=dt.date(2023, 3, 7)
            ),
        ),
        (
            "Công văn số 123/UBND-LDTBXH ngày 05/12/2023 của UBND huyện V/v báo cáo năm",
            DocumentRef(
                DocumentKind.OFFICIAL_LETTER,
                number="123",
                symbol="UBND-LĐTBXH",
                date=dt.date(2023, 12, 5),
                issuer="UBND huyện",
                title="V/v báo cáo năm",
            ),
        ),
        (
            "56/2017/ND-CP",
            DocumentRef(DocumentKind.DECREE, number="56", year=2017, symbol="NĐ-CP"),
        ),
        (
            "Số: 606/KH-UBND",
            DocumentRef(DocumentKind.PLAN, number="606", symbol="KH-UBND"),
        ),
    ],
)
def test_reference_is_read_as_written(text: str, expected: DocumentRef) -> None:
    assert parse_document_ref(text) == expected


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Thông tư số 13/2021/TT-BLDTBXH", "Thông tư số 13/2021/TT-BLĐTBXH"),
        ("Nghị định số 56/2017/ND-CP", "Nghị định số 56/2017/NĐ-CP"),
        ("Quyết định số 23/QD-TTg", "Quyết định số 23/QĐ-TTg"),
        ("Nghị quyết số 12/NQ-HDND", "Nghị quyết số 12/NQ-HĐND"),
        ("Kế hoạch số 5/KH-UBND của Uỷ ban nhân dân", "Kế hoạch số 5/KH-UBND của Ủy ban nhân dân"),
        ("Nghị định số 56/2017/NÐ-CP", "Nghị định số 56/2017/NĐ-CP"),
        ("Nghị định số 56/2017/NĐ–CP", "Nghị định số 56/2017/NĐ-CP"),
        ("nghị định  số\n56/2017/NĐ-CP", "Nghị định số 56/2017/NĐ-CP"),
        ("Nghi\u0323 đi\u0323nh số 56/2017/NĐ-CP", "Nghị định số 56/2017/NĐ-CP"),
    ],
)
def test_spelling_variants_read_as_the_same_reference(one: str, other: str) -> None:
    assert parse_document_ref(one) == parse_document_ref(other)


def test_d_in_ubnd_and_guidance_is_left_alone() -> None:
    assert parse_document_ref("Hướng dẫn số 5/HD-UBND").symbol == "HD-UBND"
    assert parse_document_ref("Dự án số 5/DA-UBND").kind is DocumentKind.PROJECT


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   \n ", "empty"),
        ("Trên đây là Kế hoạch thực hiện công tác trẻ em", "does not start"),
        ("Kế hoạch số 60 6/KH-UBND", "not followed by a number and symbol"),
        ("Kế hoạch", "neither number nor title"),
        ("Luật", "neither a number nor a name"),
        ("Nghị định số 56/2017/NĐ-CP ngày 31/02/2017", "not a date"),
        ("Nghị định số 56/2017/NĐ-CP ngày 01/9/2018", "not in 2017"),
        ("Kế hoạch số 56/2017/NĐ-CP", "names a Nghị định"),
        ("121/2020/QH14", "does not say what type"),
        ("Kế hoạch số 606/KH-UBND của", "not followed by an issuer"),
        ("Kế hoạch số 606/KH-UBND ngày 7/3", "not followed by a date"),
        ("Nghị định số 5/1900/NĐ-CP", "1945 to 2100"),
    ],
)
def test_text_that_is_not_a_reference_is_refused_quoting_it(text: str, reason: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_document_ref(text)
    assert repr(text) in str(caught.value)
    assert reason in str(caught.value)
    assert "expected" in str(caught.value)


# ---------------------------------------------------------------------------------------------
# find_document_refs


@pytest.mark.parametrize(("section", "text", "expected"), SEED_PASSAGES)
def test_seed_passage_yields_its_references(
    section: str, text: str, expected: list[Expected]
) -> None:
    """Seed plan (Tứ Kỳ 2023), the section named in the test id."""
    assert _summary(find_document_refs(text)) == expected


def test_summaries_are_read_up_to_the_next_boundary() -> None:
    """Seed plan (Tứ Kỳ 2023): opening paragraph, III.1 and III.3."""
    (opening,) = find_document_refs(OPENING)
    assert opening.title == "về việc thực hiện công tác trẻ em năm 2023"
    resolution = find_document_refs(SECTION_III_1)[1]
    assert resolution.title == (
        "về tiếp tục tăng cường hiệu lực, hiệu quả việc thực hiện chính sách, pháp luật về "
        "phòng, chống xâm hại trẻ em"
    )
    decree = find_document_refs(SECTION_III_3)[0]
    assert decree.title == "quy định chi tiết một số điều của Luật Trẻ em"


def test_laws_are_found_by_name_with_the_name_as_written() -> None:
    """Seed plan (Tứ Kỳ 2023), IV.1 and V.2: the State Budget Law, written two ways."""
    refs = find_document_refs(
        "theo quy định của Luật \n\nNgân sách nhà nước hiện hành; đúng theo Luật Ngân sách "
        "của Nhà nước và các văn bản hướng dẫn"
    )
    assert [ref.citation for ref in refs] == ["Luật Ngân sách nhà nước", "Luật Ngân sách"]
    assert all(ref.issuer is None for ref in refs)


def test_text_without_references_yields_none() -> None:
    """Seed plan (Tứ Kỳ 2023), I.1: generic mentions of plans and law are not references."""
    assert find_document_refs(SECTION_I_1) == ()
    assert find_document_refs("theo quy định của pháp luật; Kế hoạch này") == ()
    assert find_document_refs("") == ()


def test_bare_number_and_symbol_is_found_when_its_type_is_known() -> None:
    refs = find_document_refs("Số: 606/KH-UBND Tứ Kỳ, ngày 07 tháng 3 năm 2023; 121/2020/QH14")
    assert [(ref.kind, ref.citation) for ref in refs] == [(DocumentKind.PLAN, "606/KH-UBND")]


def test_type_word_contradicted_by_the_symbol_gives_way_to_the_symbol() -> None:
    (ref,) = find_document_refs("theo quy định 12/KH-UBND ngày 05/01/2023 của UBND huyện")
    assert (ref.kind, ref.citation) == (DocumentKind.PLAN, "12/KH-UBND")


def test_found_reference_with_impossible_date_is_refused() -> None:
    with pytest.raises(ParseError, match="not in 2017"):
        find_document_refs("theo Nghị định số 56/2017/NĐ-CP ngày 01/9/2018 của Chính phủ")
    with pytest.raises(ParseError, match="31/02/2017"):
        find_document_refs("theo Nghị định số 56/2017/NĐ-CP ngày 31/02/2017 của Chính phủ")


def test_issuer_with_a_comma_in_its_name_is_read_whole() -> None:
    (ref,) = find_document_refs(
        "Thông tư số 5/2020/TT-BVHTTDL ngày 01/6/2020 của Bộ Văn hóa, Thể thao và Du lịch, "
        "các văn bản khác"
    )
    assert ref.issuer == "Bộ Văn hóa, Thể thao và Du lịch"


def test_party_documents_are_found() -> None:
    (ref,) = find_document_refs(
        "Chỉ thị số 20-CT/TW ngày 05/11/2012 của Bộ Chính trị về tăng cường sự lãnh đạo của "
        "Đảng đối với công tác chăm sóc, giáo dục và bảo vệ trẻ em;"
    )
    assert (ref.citation, ref.date, ref.issuer) == (
        "20-CT/TW",
        dt.date(2012, 11, 5),
        "Bộ Chính trị",
    )


def _seed_text() -> str:
    return SEED_PLAN.read_text(encoding="utf-8")


def test_seed_plan_yields_every_reference_in_order() -> None:
    """Seed plan (Tứ Kỳ 2023), whole text: every passage's references, in document order."""
    found = _summary(find_document_refs(_seed_text()))
    expected = [item for _, _, items in SEED_PASSAGES for item in items]
    position = 0
    for item in expected:
        assert item in found[position:], f"{item} not found after position {position}"
        position = found.index(item, position) + 1


def test_every_reference_in_the_seed_plan_round_trips() -> None:
    """Seed plan (Tứ Kỳ 2023): each reference found parses back from its canonical form."""
    refs = find_document_refs(_seed_text())
    assert len(refs) >= 20
    for ref in refs:
        assert parse_document_ref(format_document_ref(ref)) == ref
