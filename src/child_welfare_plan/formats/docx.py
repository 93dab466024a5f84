"""The ``docx`` output format: a Word document laid out as Decree 30/2020/NĐ-CP sets out.

A report with a :class:`~child_welfare_plan.reports.document.DocumentHeader` becomes an
administrative document: the issuing body (its superior above it) top left with the number
line "Số: …/BC-UBND" beneath; the national title and motto top right with a rule beneath and
the place and date line in italics; the type name "BÁO CÁO" and the summary centred (or, for
a letter, the summary "V/v ..." under the number and "Kính gửi: ..."); the body with its
tables; "Nơi nhận:" bottom left and the signer's authority, title and name bottom right,
as placeholders the office fills. A report without a header is laid out the same way,
without the frame. Charts are not drawn: their figures are in the tables.

Page: A4 portrait, margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman;
the body in 14 pt; a page number centred in the top margin from page 2. A section whose
table has more than :data:`LANDSCAPE_ABOVE` columns is set on landscape pages, as the decree
allows for documents with tables. Needs the ``office`` extra (python-docx), imported when a
document is written.

References:
    * Decree 30/2020/NĐ-CP, Appendix I, Part I: I.1 A4 paper; I.2 portrait, or landscape
      for a document with tables; I.3 margins top and bottom 20-25 mm, left 30-35 mm,
      right 15-20 mm; I.4 Times New Roman, Unicode (TCVN 6909:2001), black; I.7 page
      numbers centred in the top margin, 13-14 pt, none on the first page; II.1 Quốc hiệu
      upper case bold 12-13 pt at the top right, Tiêu ngữ bold 13-14 pt centred beneath it;
      the sizes of the table in Part I, section V (superior body upper case 12-13 pt;
      issuing body upper case bold 12-13 pt; number 13 pt; place and date italic 13-14 pt;
      type name upper case bold 13-14 pt; summary bold 13-14 pt, a letter's summary 12-13
      pt; body 13-14 pt).
    * Secondary sources only (the decree's own wording was not seen): "Nơi nhận:" bold
      italic 12 pt and its list 11 pt; a solid rule under the motto and under the issuing
      body; paragraphs at least 6 pt apart, lines between single and 1.5 spacing; the
      first line of a paragraph indented 1-1.27 cm (from the older Circular 01/2011/TT-BNV).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from child_welfare_plan.errors import MissingDependencyError
from child_welfare_plan.formats.cells import shown_rows
from child_welfare_plan.i18n import in_report_language
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.ooxml import day_moment, settle
from child_welfare_plan.reports.base import Block, Report, Section
from child_welfare_plan.reports.document import (
    ADDRESSEE_LABEL,
    AS_ABOVE,
    MOTTO,
    NAME_PLACEHOLDER,
    NATIONAL_TITLE,
    RECIPIENTS_LABEL,
    SIGNATURE_PLACEHOLDER,
    SIGNER_CAPACITY_PLACEHOLDER,
    SIGNER_TITLE_PLACEHOLDER,
    DocumentHeader,
    date_line,
    number_line,
    recipient_lines,
)

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph

__all__ = ["FONT", "LANDSCAPE_ABOVE", "MARGINS_MM", "render_docx"]

FONT = "Times New Roman"
#: Page margins in millimetres: top, bottom, left, right (Appendix I, I.3).
MARGINS_MM = (20, 20, 30, 15)
PAGE_MM = (210, 297)
BODY_PT = 14
TABLE_PT = 11
#: Tables with more columns than this go on landscape pages (Appendix I, I.2).
LANDSCAPE_ABOVE = 7
_HEADER_LEFT_MM = 62
"""Width of the issuing body's column of the header; the national title takes the rest."""
_RULE_MM = {"issuer": 25, "motto": 60, "summary": 30}
_CELL_MARGINS_MM = 3.8
"""A table cell's default left and right margins (0.19 cm each)."""


def _docx() -> Any:
    try:
        import docx  # the optional `office` extra
    except ImportError:
        raise MissingDependencyError(
            Message(
                "the docx format needs the `office` extra: pip install 'child-welfare-plan[office]'"
            )
        ) from None
    return docx


@in_report_language
def render_docx(report: Report) -> bytes:
    """The report as a Word document (see the module docs)."""
    docx = _docx()
    document: Document = docx.Document()
    _page_setup(document)
    _styles(document)
    document.core_properties.title = report.title
    document.core_properties.language = "vi-VN"
    header = report.document
    if header is not None:
        _frame_top(document, header)
    else:
        _paragraph(document, report.title, size=BODY_PT, bold=True, align="center", after=12)
    landscape = False
    for section in report.sections:
        wide = any(len(b.columns) > LANDSCAPE_ABOVE and b.rows for b in section.tables)
        if wide != landscape:
            _new_page_section(document, wide)
            landscape = wide
        _body_section(document, section)
    if landscape:
        _new_page_section(document, False)
    if header is not None:
        _frame_bottom(document, header)
    buffer = io.BytesIO()
    document.save(buffer)
    day = report.document.day if report.document is not None else None
    return settle(buffer.getvalue(), day_moment(day))  # the same report, the same bytes


# Page, styles and low-level helpers ---------------------------------------------------------


def _page_setup(document: Document) -> None:
    from docx.shared import Mm, Pt  # the optional `office` extra

    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    top, bottom, left, right = MARGINS_MM
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True  # no number on the first page (I.7)
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = _align("center")
    _field(paragraph, "PAGE", Pt(13))


def _new_page_section(document: Document, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT, WD_SECTION  # the optional `office` extra
    from docx.shared import Mm  # the optional `office` extra

    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    short, long = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.different_first_page_header_footer = False


def _fonts(element: Any) -> None:
    """Times New Roman for every script of a style or run (Vietnamese is Latin script, but
    Word picks the East Asian font for some characters when it is unset)."""
    from docx.oxml.ns import qn  # the optional `office` extra

    rpr = element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)


def _styles(document: Document) -> None:
    from docx.oxml import OxmlElement  # the optional `office` extra
    from docx.oxml.ns import qn  # the optional `office` extra
    from docx.shared import Pt, RGBColor  # the optional `office` extra

    for name in ("Normal", "Heading 1", "Heading 2", "Table Grid"):
        style: Any = document.styles[name]
        style.font.name = FONT
        style.font.color.rgb = RGBColor(0, 0, 0)
        _fonts(style.element)
    normal: Any = document.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    normal.element.get_or_add_rPr().append(lang)
    for name in ("Heading 1", "Heading 2"):
        heading: Any = document.styles[name]
        heading.font.size = Pt(BODY_PT)
        heading.font.bold = True
        heading.font.italic = False
        heading.paragraph_format.space_before = Pt(12)
        heading.paragraph_format.space_after = Pt(6)


def _align(where: str) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # the optional `office` extra

    return {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[where]


def _paragraph(
    where: Document | _Cell,
    text: str = "",
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: str = "left",
    before: float = 0,
    after: float = 0,
    highlight: bool = False,
    reuse: bool = False,
) -> Paragraph:
    """A paragraph of one run; ``reuse`` writes into a cell's first, empty paragraph."""
    from docx.enum.text import WD_COLOR_INDEX  # the optional `office` extra
    from docx.shared import Pt  # the optional `office` extra

    paragraph = where.paragraphs[0] if reuse else where.add_paragraph()
    paragraph.alignment = _align(align)
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = 1.0
    if text:
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        run.bold, run.italic = bold, italic
        if highlight:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return paragraph


def _rule(where: Document | _Cell, width_mm: float, room_mm: float) -> None:
    """A solid horizontal rule ``width_mm`` long, centred in ``room_mm`` of width."""
    from docx.oxml import OxmlElement  # the optional `office` extra
    from docx.oxml.ns import qn  # the optional `office` extra
    from docx.shared import Mm, Pt  # the optional `office` extra

    paragraph = _paragraph(where, size=2)
    side = max(0.0, (room_mm - width_mm) / 2)
    paragraph.paragraph_format.left_indent = Mm(side)
    paragraph.paragraph_format.right_indent = Mm(side)
    run = paragraph.add_run("")
    run.font.size = Pt(2)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def _field(paragraph: Paragraph, code: str, size: Any) -> None:
    """A Word field (``PAGE``) in ``paragraph``."""
    from docx.oxml import OxmlElement  # the optional `office` extra
    from docx.oxml.ns import qn  # the optional `office` extra

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), code)
    run = paragraph.add_run("1")
    run.font.size = size
    paragraph._p.remove(run._r)
    field.append(run._r)
    paragraph._p.append(field)


def _frameless_table(document: Document, widths_mm: tuple[float, float]) -> Any:
    from docx.shared import Mm  # the optional `office` extra

    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    for column, cell, width in zip(table.columns, table.rows[0].cells, widths_mm, strict=True):
        column.width = Mm(width)  # the grid, which LibreOffice reads
        cell.width = Mm(width)  # the cell, which Word reads
    return table


def _text_width(document: Document) -> float:
    from docx.shared import Length  # the optional `office` extra

    section = document.sections[-1]
    parts = (section.page_width, section.left_margin, section.right_margin)
    page, left, right = (int(x) if x is not None else 0 for x in parts)
    return float(Length(page - left - right).mm)


# The frame -----------------------------------------------------------------------------------


def _frame_top(document: Document, header: DocumentHeader) -> None:
    text_mm = _text_width(document)
    widths = (_HEADER_LEFT_MM, text_mm - _HEADER_LEFT_MM)
    left, right = _frameless_table(document, widths).rows[0].cells
    first = True
    for line in header.superior:
        _paragraph(left, line.upper(), size=13, align="center", reuse=first)
        first = False
    for line in header.issuer:
        _paragraph(left, line.upper(), size=13, bold=True, align="center", reuse=first)
        first = False
    _rule(left, _RULE_MM["issuer"], widths[0] - _CELL_MARGINS_MM)
    _paragraph(left, number_line(header.symbol), size=13, align="center", before=6)
    if header.is_letter and header.summary:
        _paragraph(left, header.summary, size=12, align="center", before=3)
    _paragraph(right, NATIONAL_TITLE, size=12, bold=True, align="center", reuse=True)
    _paragraph(right, MOTTO, size=13, bold=True, align="center")
    _rule(right, _RULE_MM["motto"], widths[1] - _CELL_MARGINS_MM)
    _paragraph(
        right, date_line(header.place, header.day), size=14, italic=True, align="center", before=6
    )
    if header.doc_type is not None:
        _paragraph(document, header.doc_type, size=14, bold=True, align="center", before=18)
        if header.summary:
            _paragraph(document, header.summary, size=14, bold=True, align="center")
            _rule(document, _RULE_MM["summary"], text_mm)
    if header.addressees:
        before = 12 if header.doc_type is None else 6
        if len(header.addressees) == 1:
            _paragraph(
                document,
                f"{ADDRESSEE_LABEL} {header.addressees[0]}",
                align="center",
                before=before,
                after=6,
            )
        else:
            _paragraph(document, ADDRESSEE_LABEL, align="center", before=before)
            for name in header.addressees:
                _paragraph(document, f"- {name};", align="center")
    _paragraph(document, after=6)


def _frame_bottom(document: Document, header: DocumentHeader) -> None:
    text_mm = _text_width(document)
    left, right = _frameless_table(document, (text_mm * 0.45, text_mm * 0.55)).rows[0].cells
    _paragraph(left, RECIPIENTS_LABEL, size=12, bold=True, italic=True, reuse=True, before=6)
    recipients = header.recipients
    if header.is_letter and AS_ABOVE not in recipients:
        recipients = (AS_ABOVE, *recipients)
    for line in recipient_lines(recipients):
        _paragraph(left, line, size=11)
    capacity = header.signer_capacity or SIGNER_CAPACITY_PLACEHOLDER
    title = header.signer_title or SIGNER_TITLE_PLACEHOLDER
    _paragraph(
        right,
        capacity.upper(),
        bold=True,
        align="center",
        reuse=True,
        before=6,
        highlight=header.signer_capacity is None,
    )
    _paragraph(
        right, title.upper(), bold=True, align="center", highlight=header.signer_title is None
    )
    _paragraph(right, SIGNATURE_PLACEHOLDER, size=13, italic=True, align="center", after=60)
    _paragraph(
        right,
        header.signer_name or NAME_PLACEHOLDER,
        bold=True,
        align="center",
        highlight=header.signer_name is None,
    )


# The body ------------------------------------------------------------------------------------


def _body_section(document: Document, section: Section) -> None:
    from docx.shared import Cm  # the optional `office` extra

    if section.heading:
        document.add_heading(section.heading, level=1)
    for text in section.paragraphs:
        paragraph = _paragraph(document, text, align="justify", after=6)
        paragraph.paragraph_format.first_line_indent = Cm(1)
        paragraph.paragraph_format.line_spacing = 1.15
    for block in section.tables:
        if block.title:
            _paragraph(document, block.title, bold=True, italic=True, before=6, after=3)
        if block.rows:
            _table(document, block)
        _paragraph(document, after=3)


def _table(document: Document, block: Block) -> None:
    from docx.oxml import OxmlElement  # the optional `office` extra
    from docx.oxml.ns import qn  # the optional `office` extra

    table = document.add_table(rows=1, cols=len(block.columns))
    table.style = document.styles["Table Grid"]
    head = table.rows[0]
    flag = OxmlElement("w:tblHeader")  # the header row repeats on every page
    flag.set(qn("w:val"), "true")
    head._tr.get_or_add_trPr().append(flag)
    for cell, heading in zip(head.cells, block.columns, strict=True):
        _paragraph(cell, heading, size=TABLE_PT, bold=True, align="center", reuse=True)
    for raw, shown in zip(block.rows, shown_rows(block), strict=True):
        cells = table.add_row().cells
        for cell, value, text in zip(cells, raw, shown, strict=True):
            numeric = isinstance(value, int | float) and not isinstance(value, bool)
            _paragraph(cell, text, size=TABLE_PT, align="right" if numeric else "left", reuse=True)
