"""The ``html`` output format: one self-contained page (inline CSS, charts as inline SVG, no
scripts, nothing fetched from the network)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from child_welfare_plan.formats.cells import shown_rows
from child_welfare_plan.formats.svg import chart_svg
from child_welfare_plan.i18n import _, in_report_language
from child_welfare_plan.reports.base import Block, Report

__all__ = ["render_html", "render_html_fragment"]


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;
max-width:70rem;padding:0 1rem;color:#1b1b1b;line-height:1.4}
h1{font-size:1.6rem;border-bottom:2px solid #333}h2{font-size:1.25rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.9rem}
th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#eee}td.n{text-align:right;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:.25rem 0}
.scroll{overflow-x:auto;max-width:100%}td{white-space:nowrap}
.overdue,.not_met,.off_track,.error{background:#fde2e1}.late,.warning{background:#fff4ce}
.on_time,.met,.on_track{background:#e3f4e1}
figure.chart{margin:.5rem 0 1.5rem;overflow-x:auto}figure.chart figcaption{font-weight:600}
figure.chart svg{max-width:100%;height:auto}
@media print{body{margin:0;max-width:none}}
""".strip()


_STATUS_CLASSES = {
    "overdue",
    "late",
    "on_time",
    "met",
    "not_met",
    "on_track",
    "off_track",
    "error",
    "warning",
}


_WITHHELD_MARK = re.compile(r"<\d+|x")
"""A count withheld by disclosure control, aligned with the numbers it stands among."""


def _html_table(block: Block) -> Iterable[str]:
    yield '<div class="scroll"><table>'
    if block.title:
        yield f"<caption>{html.escape(block.title)}</caption>"
    yield (
        "<thead><tr>"
        + "".join(f"<th>{html.escape(c)}</th>" for c in block.columns)
        + "</tr></thead>"
    )
    yield "<tbody>"
    for raw, shown in zip(block.rows, shown_rows(block), strict=True):
        cells = []
        for value, text in zip(raw, shown, strict=True):
            classes = []
            numeric = isinstance(value, int | float) and not isinstance(value, bool)
            if numeric or (isinstance(value, str) and _WITHHELD_MARK.fullmatch(value)):
                classes.append("n")
            code = getattr(value, "code", value)
            if isinstance(code, str) and code in _STATUS_CLASSES:
                classes.append(code)
            attr = f' class="{" ".join(classes)}"' if classes else ""
            cells.append(f"<td{attr}>{html.escape(text)}</td>")
        yield "<tr>" + "".join(cells) + "</tr>"
    yield "</tbody></table></div>"


@in_report_language
def render_html(report: Report) -> str:
    """One self-contained HTML page (inline CSS, no scripts, no external files)."""
    title = html.escape(report.title)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{html.escape(report.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{title}</h1>",
    ]
    charts = 0
    for section in report.sections:
        out.append(f"<section><h2>{html.escape(section.heading)}</h2>")
        out += [f"<p>{html.escape(p)}</p>" for p in section.paragraphs]
        for block in section.tables:
            out += (
                list(_html_table(block))
                if block.rows
                else [
                    f"<p><em>{html.escape(block.title or '')} {html.escape(_('(none)'))}</em></p>"
                ]
            )
        for chart in section.charts:
            charts += 1
            out.append(
                '<figure class="chart">'
                f"<figcaption>{html.escape(chart.title)}</figcaption>"
                f"{chart_svg(chart, f'chart-{charts}')}</figure>"
            )
        out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def render_html_fragment(report: Report) -> str:
    """The page's body alone, for a notebook cell."""
    page = render_html(report)
    return page[page.index("<body>") + 6 : page.index("</body>")]
