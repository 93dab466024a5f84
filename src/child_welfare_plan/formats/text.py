"""The ``text`` output format: headings underlined, paragraphs wrapped and tables fitted
to 100 characters (:mod:`child_welfare_plan.formats.fit`). A table starts after a blank
line, so that a reader (or a program) tells its wrapped headings from the text above."""

from __future__ import annotations

from child_welfare_plan.formats.cells import shown_rows
from child_welfare_plan.formats.fit import WIDTH, fit_table, wrap_paragraph
from child_welfare_plan.i18n import _, in_report_language
from child_welfare_plan.reports.base import Block, Report

__all__ = ["render_text"]


def _heading(text: str, rule: str) -> list[str]:
    lines = wrap_paragraph(text)
    return [*lines, rule * max(len(line) for line in lines)]


def _table(block: Block) -> list[str]:
    if not block.rows:
        return [_("(none)")]
    headers = list(block.short_columns or block.columns)
    out: list[str] = []
    for n, part in enumerate(fit_table(headers, shown_rows(block), keys=block.keys)):
        if n:
            out.append("")
        out.append(part)
    return out


@in_report_language
def render_text(report: Report) -> str:
    """Plain text: headings underlined, tables aligned, no line over 100 characters."""
    out = [*_heading(report.title, "="), ""]
    for section in report.sections:
        out += _heading(section.heading, "-")
        for paragraph in section.paragraphs:
            out += wrap_paragraph(paragraph, WIDTH)
        for block in section.tables:
            if block.title:
                out += wrap_paragraph(block.title + ":")
            if block.rows and out[-1]:
                out.append("")  # a table's heading (perhaps wrapped) starts after a blank line
            out += _table(block)
            out.append("")
        if not section.tables:
            out.append("")
    return "\n".join(out).rstrip() + "\n"
