"""The built-in output formats: text, json, markdown, csv and html.

Each renders a :class:`~child_welfare_plan.reports.Report`. ``json`` writes the report's
stable ``data`` (design §7); the others write its sections for people. ``csv`` is safe to
open in a spreadsheet: a text cell that starts like a formula is prefixed with ``'``.

References:
    * OWASP, "CSV Injection" (prefixing cells that begin with =, +, -, @, tab or CR).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from typing import Any

from child_welfare_plan.reports import Block, Report

__all__ = [
    "render_csv",
    "render_html",
    "render_json",
    "render_markdown",
    "render_text",
    "safe_csv_cell",
]


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


#: Reports with more list entries than this are written as compact JSON (one line):
#: Python's JSON encoder is several times slower when it indents.
COMPACT_JSON_ABOVE = 5_000


def _entries(data: Any) -> int:
    if isinstance(data, dict):
        return sum(_entries(v) for v in data.values() if isinstance(v, list | dict))
    if isinstance(data, list):
        return len(data)
    return 0


def _dumps(data: Any, indent: bool) -> str:
    """JSON text of ``data``: with orjson when it is installed (the ``fast`` extra, several
    times faster on national outputs), else with the standard library; both give the same
    document."""
    try:
        import orjson
    except ImportError:
        pass
    else:
        option = orjson.OPT_INDENT_2 if indent else 0
        try:
            return orjson.dumps(data, default=_json_default, option=option).decode("utf-8")
        except TypeError:
            pass  # an integer beyond 64 bits, say: the standard library writes it
    return json.dumps(data, ensure_ascii=False, indent=2 if indent else None, default=_json_default)


def render_json(report: Report) -> str:
    """The report's stable data as UTF-8 JSON: indented for people, compact (one line) when
    it holds more than :data:`COMPACT_JSON_ABOVE` entries, as national runs do."""
    return _dumps(report.data, _entries(report.data) <= COMPACT_JSON_ABOVE) + "\n"


def _cell(value: Any, percent: bool = False) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if percent and isinstance(value, int | float):
        return f"{value * 100:.1f} %"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def _rows(block: Block) -> list[list[str]]:
    percent = {block.columns.index(c) for c in block.percent_columns if c in block.columns}
    return [[_cell(v, i in percent) for i, v in enumerate(row)] for row in block.rows]


def _tabulate(block: Block, fmt: str) -> str:
    from tabulate import tabulate

    if not block.rows:
        return "(none)"
    return tabulate(_rows(block), headers=list(block.columns), tablefmt=fmt, disable_numparse=True)


def render_text(report: Report) -> str:
    """Plain text: headings underlined, tables aligned."""
    out = [report.title, "=" * len(report.title), ""]
    for section in report.sections:
        out += [section.heading, "-" * len(section.heading)]
        out += [*section.paragraphs]
        for block in section.tables:
            if block.title:
                out.append(block.title + ":")
            out.append(_tabulate(block, "simple"))
            out.append("")
        if not section.tables:
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|")


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
                    [[_md_escape(c) for c in row] for row in _rows(block)],
                    block.title,
                )
                out += [_tabulate(escaped, "github"), ""]
            else:
                out += ["_(none)_", ""]
    return "\n".join(out).rstrip() + "\n"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_csv_cell(value: Any) -> Any:
    """A cell a spreadsheet will not run: text starting with =, +, -, @, tab or CR gets a
    leading ``'``. Numbers are left as numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return safe_csv_cell(value.value)
    return "" if value is None else value


def render_csv(report: Report) -> str:
    """Every table as CSV rows ``section,table,<columns...>``, one header per table."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for section in report.sections:
        for block in section.tables:
            writer.writerow([safe_csv_cell(x) for x in ("section", "table", *block.columns)])
            for row in block.rows:
                cells = (section.heading, block.title or "", *row)
                writer.writerow([safe_csv_cell(x) for x in cells])
            writer.writerow([])
    return buffer.getvalue()


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
    for raw, shown in zip(block.rows, _rows(block), strict=True):
        cells = []
        for value, text in zip(raw, shown, strict=True):
            classes = []
            numeric = isinstance(value, int | float) and not isinstance(value, bool)
            if numeric or (isinstance(value, str) and _WITHHELD_MARK.fullmatch(value)):
                classes.append("n")
            if isinstance(value, str) and value in _STATUS_CLASSES:
                classes.append(value)
            attr = f' class="{" ".join(classes)}"' if classes else ""
            cells.append(f"<td{attr}>{html.escape(text)}</td>")
        yield "<tr>" + "".join(cells) + "</tr>"
    yield "</tbody></table></div>"


def render_html(report: Report) -> str:
    """One self-contained HTML page (inline CSS, no scripts, no external files)."""
    title = html.escape(report.title)
    out = [
        "<!DOCTYPE html>",
        '<html lang="vi">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{title}</h1>",
    ]
    for section in report.sections:
        out.append(f"<section><h2>{html.escape(section.heading)}</h2>")
        out += [f"<p>{html.escape(p)}</p>" for p in section.paragraphs]
        for block in section.tables:
            out += (
                list(_html_table(block))
                if block.rows
                else [f"<p><em>{html.escape(block.title or '')} (none)</em></p>"]
            )
        out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
