"""The ``text`` output format: headings underlined, tables aligned."""

from __future__ import annotations

from child_welfare_plan.formats.cells import tabulate_block
from child_welfare_plan.reports.base import Report

__all__ = ["render_text"]


def render_text(report: Report) -> str:
    """Plain text: headings underlined, tables aligned."""
    out = [report.title, "=" * len(report.title), ""]
    for section in report.sections:
        out += [section.heading, "-" * len(section.heading)]
        out += [*section.paragraphs]
        for block in section.tables:
            if block.title:
                out.append(block.title + ":")
            out.append(tabulate_block(block, "simple"))
            out.append("")
        if not section.tables:
            out.append("")
    return "\n".join(out).rstrip() + "\n"
