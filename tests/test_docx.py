"""The docx format lays the evaluation out as a báo cáo by Decree 30/2020/NĐ-CP: page,
margins, fonts and the elements of the frame, read back from the document's XML and from
the PDF LibreOffice makes of it."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from child_welfare_plan.cli import main
from child_welfare_plan.formats.docx import FONT, render_docx
from child_welfare_plan.model.agencies import Agency
from child_welfare_plan.model.units import AdministrativeUnit
from child_welfare_plan.reports.base import Block, Report, Section
from child_welfare_plan.reports.document import (
    MOTTO,
    NATIONAL_TITLE,
    RECIPIENTS_LABEL,
    REPORT_TYPE,
    abbreviation,
    date_line,
    number_line,
    place_name,
    recipient_lines,
)
from tests.libreoffice import convert, pdf_text, require
from tests.strategies import examples
from tests.test_golden import DEMO
from tests.test_xlsx import command_report

docx = pytest.importorskip("docx")

MM = 36_000
"""English Metric Units per millimetre."""


def _text(raw: str) -> str:
    return " ".join(unicodedata.normalize("NFC", raw).split())


def test_the_date_line_writes_a_leading_zero_below_10_and_in_january_and_february() -> None:
    """Decree 30/2020/NĐ-CP, Appendix I, II.4 (as quoted in secondary sources): "đối với
    những số thể hiện ngày nhỏ hơn 10 và tháng 1, 2 phải ghi thêm số 0 phía trước"; the
    decree's own date reads "ngày 05 tháng 3 năm 2020"."""
    assert date_line("Hà Nội", date(2020, 3, 5)) == "Hà Nội, ngày 05 tháng 3 năm 2020"
    assert date_line("Tứ Kỳ", date(2023, 12, 20)) == "Tứ Kỳ, ngày 20 tháng 12 năm 2023"
    assert date_line("Tứ Kỳ", date(2023, 2, 1)) == "Tứ Kỳ, ngày 01 tháng 02 năm 2023"
    assert date_line("Tứ Kỳ", date(2021, 1, 7)) == "Tứ Kỳ, ngày 07 tháng 01 năm 2021"


@settings(max_examples=examples(200))
@given(st.dates(min_value=date(1945, 1, 1), max_value=date(2100, 12, 31)))
def test_the_date_line_reads_back_to_its_day(day: date) -> None:
    """Law: the date line names the day it was made from, with two digits for days and for
    the months 1 and 2, and no leading zero for the months 3 to 12."""
    found = re.fullmatch(r"X, ngày (\d\d) tháng (\d\d?) năm (\d{4})", date_line("X", day))
    assert found is not None
    d, m, y = found.groups()
    assert date(int(y), int(m), int(d)) == day
    assert (len(m) == 2) == (day.month < 3 or day.month >= 10)


def test_places_numbers_recipients_and_abbreviations() -> None:
    """Decree 30/2020/NĐ-CP, Appendix I: the place is the unit's name ("Tứ Kỳ", not "Huyện
    Tứ Kỳ"); the number is left blank before the symbol (II.3, "Số: .../BC-UBND"; BC is a
    report in Appendix III); each recipient line ends with ";" and the last with "."."""
    unit = AdministrativeUnit(code="11074", name="Thị trấn Tứ Kỳ", level="commune", parent="298")
    assert place_name(unit) == "Tứ Kỳ"
    assert number_line("BC-UBND") == "Số: …/BC-UBND"
    assert recipient_lines(("Sở LĐTBXH", "Lưu: VT, LĐTBXH")) == [
        "- Sở LĐTBXH;",
        "- Lưu: VT, LĐTBXH.",
    ]
    office = Agency(
        code="ldtbxh",
        name="Phòng LĐTBXH",
        unit="298",
        kind="specialised-office",
        short_name="Phòng LĐTBXH",
    )
    assert abbreviation(office) == "LĐTBXH"


@pytest.fixture(scope="module")
def evaluation_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docx") / "e.docx"
    assert main(["evaluate", "tu-ky-2023", "--demo", "--format", "docx", "-o", str(out)]) in (0, 1)
    return out


def _runs(paragraphs: Any) -> list[Any]:
    return [r for p in paragraphs for r in p.runs if r.text.strip()]


def _find(document: Any, text: str) -> Any:
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for cell in table._cells:
            paragraphs += cell.paragraphs
    for paragraph in paragraphs:
        if paragraph.text.strip() == text:
            return paragraph
    raise AssertionError(f"no paragraph {text!r}")


def test_page_margins_and_fonts_follow_the_decree(evaluation_docx: Path) -> None:
    """Decree 30/2020/NĐ-CP, Appendix I, Part I: I.1 A4 (210 x 297 mm); I.3 margins top and
    bottom 20-25 mm, left 30-35 mm, right 15-20 mm; I.4 Times New Roman; the body 13-14 pt;
    I.7 no page number on the first page."""
    document = docx.Document(str(evaluation_docx))
    first = document.sections[0]
    assert round(first.page_width / MM) == 210 and round(first.page_height / MM) == 297
    assert 20 <= round(first.top_margin / MM) <= 25
    assert 20 <= round(first.bottom_margin / MM) <= 25
    assert 30 <= round(first.left_margin / MM) <= 35
    assert 15 <= round(first.right_margin / MM) <= 20
    assert first.different_first_page_header_footer
    normal = document.styles["Normal"]
    assert normal.font.name == FONT and 13 <= normal.font.size.pt <= 14
    rfonts = normal.element.rPr.rFonts
    scripts = ("ascii", "hAnsi", "eastAsia", "cs")
    assert {rfonts.get(f"{{{rfonts.nsmap['w']}}}{k}") for k in scripts} == {FONT}
    for run in _runs(document.paragraphs):
        assert run.font.name in (None, FONT)
    assert any(s.orientation == 1 for s in document.sections)  # landscape for wide tables


def test_the_frame_has_every_element_in_its_place_and_size(evaluation_docx: Path) -> None:
    """Decree 30/2020/NĐ-CP, Appendix I, Part I, II.1 and the table of sizes: Quốc hiệu
    upper case bold 12-13 pt, Tiêu ngữ bold 13-14 pt beneath it (top right); the issuing
    body upper case bold 12-13 pt, the number 13 pt beneath it (top left); the place and
    date in italics 13-14 pt; the type name upper case bold 13-14 pt; "Nơi nhận:" bold
    italic 12 pt and its list 11 pt (secondary sources)."""
    document = docx.Document(str(evaluation_docx))
    left, right = document.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == [
        "ỦY BAN NHÂN DÂN",
        "HUYỆN TỨ KỲ",
        "Số: …/BC-UBND",
    ]
    for text, size, bold, italic in (
        (NATIONAL_TITLE, (12, 13), True, None),
        (MOTTO, (13, 14), True, None),
        ("Tứ Kỳ, ngày 20 tháng 12 năm 2023", (13, 14), None, True),
        ("ỦY BAN NHÂN DÂN", (12, 13), True, None),
        ("Số: …/BC-UBND", (13, 13), None, None),
        (REPORT_TYPE, (13, 14), True, None),
        (RECIPIENTS_LABEL, (12, 12), True, True),
        ("- Lưu: VT, LĐTBXH.", (11, 11), None, None),
        ("KT. CHỦ TỊCH", (13, 14), True, None),
        ("PHÓ CHỦ TỊCH", (13, 14), True, None),
    ):
        (run,) = _find(document, text).runs
        assert size[0] <= run.font.size.pt <= size[1], text
        assert bool(run.bold) == bool(bold) and bool(run.italic) == bool(italic), text
    assert [p.text for p in right.paragraphs if p.text][:2] == [NATIONAL_TITLE, MOTTO]
    summary = _find(document, "Kết quả thực hiện Kế hoạch thực hiện công tác trẻ em năm 2023")
    assert summary.runs[0].bold
    rules = document.element.body.xpath(".//w:pBdr/w:bottom")
    assert len(rules) == 3  # under the issuing body, the motto and the summary


def test_page_one_of_the_pdf_holds_the_title_motto_and_type(
    evaluation_docx: Path, tmp_path: Path
) -> None:
    """Rendered by LibreOffice, page 1 holds the Quốc hiệu, the Tiêu ngữ and "BÁO CÁO";
    "Nơi nhận:" closes the document on its last page."""
    require("soffice", "pdftotext")
    pdf = convert(evaluation_docx, "pdf", tmp_path)
    first = _text(pdf_text(pdf, 1))
    for expected in (NATIONAL_TITLE, MOTTO, REPORT_TYPE, "Số: …/BC-UBND"):
        assert expected in first
    assert "Tứ Kỳ, ngày 20 tháng 12 năm 2023" in first
    whole = _text(pdf_text(pdf, 1, 99))
    assert RECIPIENTS_LABEL in whole
    assert whole.index(RECIPIENTS_LABEL) > whole.index("Phát hiện")  # the last section


def test_a_short_report_has_all_four_on_page_one(tmp_path: Path) -> None:
    """A reminder letter fits on one page: its page 1 holds the Quốc hiệu, the Tiêu ngữ,
    the summary and "Nơi nhận:"."""
    require("soffice", "pdftotext")
    letters = tmp_path / "letters"
    argv = ["remind", "tu-ky-2023", "--submissions", str(DEMO / "submissions.csv")]
    assert main([*argv, "--as-of", "2023-12-20", "-o", str(letters)]) == 0
    first = sorted(letters.glob("*.docx"))[0]
    page = _text(pdf_text(convert(first, "pdf", tmp_path), 1))
    for expected in (NATIONAL_TITLE, MOTTO, "V/v đôn đốc gửi báo cáo", RECIPIENTS_LABEL):
        assert expected in page


def test_a_report_without_a_header_is_a_plain_document() -> None:
    report = command_report("period", "2023S1")
    document = docx.Document(io.BytesIO(render_docx(report)))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == report.title and NATIONAL_TITLE not in texts
    table = Report("x", "t", {}, [Section("S", ["p"], [Block(("a", "b"), [(1, "x")])])])
    cells = docx.Document(io.BytesIO(render_docx(table))).tables[0].rows[1].cells
    assert [c.text for c in cells] == ["1", "x"]
