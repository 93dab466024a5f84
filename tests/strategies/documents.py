"""Document references and Vietnamese words for them."""

from __future__ import annotations

import datetime as dt

from hypothesis import reject
from hypothesis import strategies as st

from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.model.document_kinds import DocumentKind
from child_welfare_plan.model.documents import TITLE_OPENERS, DocumentRef

_VI_LOWER = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
VI_ALPHABET = _VI_LOWER + _VI_LOWER.upper() + "0123456789-/,().&:;"
_PLAIN_WORDS = [
    "trẻ",
    "em",
    "công",
    "tác",
    "năm",
    "2023",
    "huyện",
    "Tứ",
    "Kỳ",
    "chương",
    "trình",
    "hành",
    "động",
    "quốc",
    "gia",
    "bảo",
    "vệ",
    "chăm",
    "sóc",
    "phòng",
    "chống",
    "tai",
    "nạn",
    "thương",
    "tích",
    "giai",
    "đoạn",
    "2021-2030",
    "Xã",
    "hội",
]
# Words that collide with the grammar of a reference.
_TRICKY_WORDS = [
    "số",
    "ngày",
    "của",
    "Của",
    "về",
    "Luật",
    "liên",
    "tịch",
    "quy",
    "định",
    "hoà",
    "Uỷ",
    "quý",
    "12/KH-UBND",
    "07/3/2023",
    "5",
    "phê",
    "duyệt",
    "Nghị",
    "quyết",
    "Số:",
    "-",
    "/",
    "ND-CP",
    "Bộ",
    "luật",
]
vietnamese_words = st.one_of(
    st.sampled_from(_PLAIN_WORDS),
    st.sampled_from(_TRICKY_WORDS),
    st.text(VI_ALPHABET, min_size=1, max_size=6),
)
vietnamese_phrases = st.lists(vietnamese_words, min_size=1, max_size=6).map(" ".join)

ISSUERS = (
    "Ủy ban nhân dân tỉnh Hải Dương",
    "UBND huyện",
    "Quốc hội",
    "Chính phủ",
    "Thủ tướng Chính phủ",
    "Bộ trưởng Bộ Lao động - Thương binh và Xã hội",
    "Bộ Văn hóa, Thể thao và Du lịch",
    "Bộ Chính trị",
    "Hội đồng nhân dân tỉnh Hải Dương",
)
SUMMARIES = (
    "về việc thực hiện công tác trẻ em năm 2023",
    "phê duyệt Chương trình hành động quốc gia vì trẻ em giai đoạn 2021-2030",
    "quy định chi tiết một số điều của Luật Trẻ em",
    "ban hành Bộ chỉ tiêu thống kê về tình hình trẻ em và tình hình xâm hại trẻ em",
)
NAMES = (
    "Trẻ em",
    "Hộ tịch",
    "Hình sự",
    "Phòng, chống bạo lực gia đình",
    "Liên hợp quốc về quyền trẻ em",
    "sửa đổi, bổ sung một số điều của Luật Giáo dục",
)
_SYMBOL_PARTS = st.one_of(
    st.sampled_from(["UBND", "CP", "TTg", "BLĐTBXH", "HĐND", "QH14", "BCĐ", "LĐTBXH", "BTC"]),
    st.tuples(
        st.sampled_from("ABCDHKLNQTUVXĐ"),
        st.text("ABCDHKLNQTUVXĐabgđr0123456789&", max_size=5),
    ).map("".join),
)


@st.composite
def document_symbols(draw: st.DrawFn, kind: DocumentKind) -> tuple[str, int | None]:
    """A symbol for ``kind`` and the year to go with it (None for the forms without one)."""
    if draw(st.integers(0, 5)) == 0:
        return f"{draw(_SYMBOL_PARTS)}/{draw(st.sampled_from(['TW', 'TU', 'HU']))}", None
    parts = [kind.abbreviation] if kind.abbreviation and draw(st.booleans()) else []
    parts += draw(st.lists(_SYMBOL_PARTS, min_size=1, max_size=2))
    return "-".join(parts), draw(st.none() | st.integers(1945, 2100))


@st.composite
def document_refs(draw: st.DrawFn) -> DocumentRef:
    """Any valid DocumentRef: realistic parts mixed with text that collides with the grammar."""
    kind = draw(st.sampled_from(DocumentKind))
    number = symbol = year = None
    if draw(st.booleans()):
        number = draw(
            st.integers(1, 999_999).map(str) | st.integers(1, 9).map(lambda n: f"{n:02d}")
        )
        symbol, year = draw(document_symbols(kind))
    date = draw(st.none() | st.dates(dt.date(1945, 1, 1), dt.date(2100, 12, 31)))
    if year is not None and date is not None:
        date = dt.date(year, 1, 1) + dt.timedelta(days=draw(st.integers(0, 364)))
    issuer = draw(st.none() | st.sampled_from(ISSUERS) | vietnamese_phrases)
    if kind.cited_by_name:
        title = draw(st.none() | st.sampled_from(NAMES) | vietnamese_phrases)
    else:
        opened = st.tuples(st.sampled_from(TITLE_OPENERS), vietnamese_phrases).map(" ".join)
        title = draw(st.none() | st.sampled_from(SUMMARIES) | opened | vietnamese_phrases)
    try:
        return DocumentRef(
            kind, number=number, year=year, symbol=symbol, issuer=issuer, date=date, title=title
        )
    except InvalidValueError:
        reject()
