"""The ``markdown`` output format: GitHub-flavoured headings and pipe tables."""

from __future__ import annotations

from child_welfare_plan.formats.cells import shown_rows, tabulate_block
from child_welfare_plan.i18n import _, in_report_language
from child_welfare_plan.reports.base import Block, Report

__all__ = ["render_markdown"]


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|")


@in_report_language
def render_markdown(report: Report) -> str:
    """GitHub-flavoured Markdown: ``#`` headings and pipe tables."""
    out = [f"# {report.title}", ""]
    for section in report.sections:
        out += [f"## {section.heading}", ""]
        for paragraph in section.paragraphs:
            out += [paragraph, ""]
        for block in section.tables:
            if block.title:
                out += [f"**{block.title}**", ""]
            if block.rows:
                escaped = Block(
                    block.columns,
                    [[_md_escape(c) for c in row] for row in shown_rows(block)],
                    block.title,
                )  # already text: the cells' numbers and dates are written once
                out += [tabulate_block(escaped, "github"), ""]
            else:
                out += [f"_{_('(none)')}_", ""]
    return "\n".join(out).rstrip() + "\n"
