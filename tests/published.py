"""What a public output prints, read back from its bytes in every format.

The auditor (:mod:`tests.audit`) must see exactly what a reader sees, so the figures are
read from the rendered output — JSON, text, Markdown, CSV, HTML, xlsx or docx — not from the objects
that made it. Each reader turns the output into :class:`Printed`: figures by (unit,
period, indicator, breakdown), each a number, :data:`WITHHELD` or None (no value), and the
targets with their measured value and status.

The outputs read are the English ones (``--lang en``): a text table's wrapped cells are
joined again, its parts (a table too wide is split) read one by one, the key indicators'
numbered columns named through the list above them, and a breakdown read back from the
catalog's names of its values.
"""

from __future__ import annotations

import base64
import csv
import functools
import io
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from child_welfare_plan.catalogs import national_catalog
from child_welfare_plan.formats.xlsx import PERCENT_POINTS_FORMAT

__all__ = ["WITHHELD", "Printed", "PrintedTarget", "read_output"]

#: A figure printed as withheld.
WITHHELD = "withheld"

FigureKey = tuple[str, str, str, str]
Shown = float | str | None


@dataclass
class PrintedTarget:
    """A target row: what it measures, where, and what it says."""

    target: str
    indicator: str
    scope: str
    period: str
    actual: Shown
    status: str
    reason: str


@dataclass
class Printed:
    """Every figure a public output prints."""

    area: str
    precision: float
    """Half the last printed digit of a rounded ratio (0 when printed exactly)."""
    figures: dict[FigureKey, Shown] = field(default_factory=dict)
    targets: list[PrintedTarget] = field(default_factory=list)
    clashes: list[str] = field(default_factory=list)
    """Figures printed twice with different values (a finding of its own)."""

    def put(self, key: FigureKey, shown: Shown) -> None:
        if key in self.figures and self.figures[key] != shown:
            self.clashes.append(f"{key}: {self.figures[key]!r} and {shown!r}")
        self.figures[key] = shown


@dataclass
class Table:
    section: str
    columns: list[str]
    rows: list[list[str]]


# Tables of each format -----------------------------------------------------------------


def _text_tables(text: str) -> list[Table]:
    lines = text.splitlines()
    out: list[Table] = []
    section = ""
    n = 0
    while n < len(lines):
        line = lines[n]
        following = lines[n + 1] if n + 1 < len(lines) else ""
        if line and re.fullmatch(r"-+", following) and len(following) == len(line):
            section = line
            n += 2
            continue
        if (
            line
            and re.fullmatch(r"-+(  -+)*", following)
            and not (len(following) == len(line) and "  " not in following)
        ):
            spans = [m.span() for m in re.finditer(r"-+", following)]
            starts = [s for s, _ in spans] + [10**9]

            def cut(text: str, starts: list[int] = starts) -> list[str]:
                return [text[starts[i] : starts[i + 1]].strip() for i in range(len(starts) - 1)]

            first = n  # the heading, perhaps wrapped, starts after a blank line
            while first > 0 and lines[first - 1].strip():
                first -= 1
            columns = _joined([cut(h) for h in lines[first : n + 1]])
            rows: list[list[str]] = []
            n += 2
            while n < len(lines) and lines[n].strip():
                cells = cut(lines[n])
                # A wrapped row goes on: no name, or (a name wrapped) no code beside it.
                if rows and (not cells[0] or (len(cells) > 2 and not cells[1])):
                    rows[-1] = _joined([rows[-1], cells])
                else:
                    rows.append(cells)
                n += 1
            _add_part(out, Table(section, columns, rows))
            continue
        n += 1
    return out


def _add_part(tables: list[Table], table: Table) -> None:
    """Add ``table``, or join it to the table before it when it is a part of the same one
    (a table too wide is split into parts that repeat the rows' first columns)."""
    last = tables[-1] if tables else None
    if (
        last is None
        or last.section != table.section
        or len(last.rows) != len(table.rows)
        or last.columns[0] != table.columns[0]
        or [r[0] for r in last.rows] != [r[0] for r in table.rows]
    ):
        tables.append(table)
        return
    new = [i for i, c in enumerate(table.columns) if c not in last.columns]
    last.columns += [table.columns[i] for i in new]
    for mine, theirs in zip(last.rows, table.rows, strict=True):
        mine += [theirs[i] for i in new]


def _joined(lines: list[list[str]]) -> list[str]:
    """The cells of a wrapped row (or heading) joined again (a line broken after a hyphen
    goes on with no space)."""
    out = []
    for column in zip(*lines, strict=True):
        text = ""
        for part in column:
            if part:
                text += part if not text or text.endswith("-") else " " + part
        out.append(text)
    return out


def _legend(output: str) -> dict[str, str]:
    """The key indicators' numbers and codes, from the list above their table:
    ``(3) Name (unit) — code``."""
    text = re.sub(r"\n {2}(?=\S)", " ", output)  # a wrapped item goes on, indented
    return dict(re.findall(r"\((\d+)\) [^\n<]*? — ([a-z0-9-]+)", text))


@functools.cache
def _terms() -> dict[str, str]:
    """``key=code`` of every value of every dimension, by its English name."""
    return {
        term.name_en: f"{dimension.code}={term.code}"
        for dimension in national_catalog().dimensions
        for term in dimension.values
    }


def _breakdown(label: str) -> str:
    """A breakdown as printed (``0 to 2 years (crèche age); Male``) as its code."""
    if label in ("total", ""):
        return ""
    return ";".join(_terms().get(part, part) for part in label.split("; "))


def _markdown_tables(text: str) -> list[Table]:
    out: list[Table] = []
    section = ""
    lines = text.splitlines()
    n = 0

    def cells(line: str) -> list[str]:
        parts = re.split(r"(?<!\\)\|", line.strip())[1:-1]
        return [p.strip().replace("\\|", "|") for p in parts]

    while n < len(lines):
        line = lines[n]
        if line.startswith("## "):
            section = line[3:]
        elif line.startswith("|") and n + 1 < len(lines) and lines[n + 1].startswith("|-"):
            columns = cells(line)
            rows = []
            n += 2
            while n < len(lines) and lines[n].startswith("|"):
                rows.append(cells(lines[n]))
                n += 1
            out.append(Table(section, columns, rows))
            continue
        n += 1
    return out


def _csv_data(printed: Printed, files: dict[str, str]) -> None:
    """The tidy CSV tables of one output (one file per table, each a table of the JSON
    data: ``indicators``, ``targets``, ``values``...), read back as the JSON they mirror."""
    tables = {name: list(csv.DictReader(io.StringIO(text))) for name, text in files.items()}

    def shown(row: dict[str, str], key: str) -> Shown:
        if row.get("withheld"):
            return WITHHELD
        text = row.get(key, "")
        return None if text == "" else float(text)

    if "indicators" in tables:
        period = tables["evaluate"][0]["period"]
        for row in tables["indicators"]:
            printed.put((row["unit"], period, row["indicator"], ""), shown(row, "value"))
        for t in tables.get("targets", []):
            printed.targets.append(
                PrintedTarget(
                    t["target"],
                    t["indicator"],
                    t["scope"] or printed.area,
                    period,
                    shown(t, "actual"),
                    t["status"],
                    t["reason"],
                )
            )
        return
    for row in tables["values"]:
        key = (row["unit"], row["period"], row["indicator"], row["disaggregation"])
        printed.put(key, shown(row, "value"))
        if row.get("numerator") or row.get("denominator"):
            printed.put((*key[:2], "numerator:" + key[2], key[3]), shown(row, "numerator"))
            printed.put((*key[:2], "denominator:" + key[2], key[3]), shown(row, "denominator"))


class _HTMLTables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[Table] = []
        self.section = ""
        self.text: list[str] | None = None
        self.row: list[str] | None = None
        self.head: list[str] = []
        self.in_h2 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h2":
            self.in_h2 = True
            self.text = []
        elif tag == "table":
            self.tables.append(Table(self.section, [], []))
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2" and self.text is not None:
            self.section = "".join(self.text).strip()
            self.in_h2 = False
            self.text = None
        elif tag in ("td", "th") and self.text is not None and self.row is not None:
            self.row.append("".join(self.text).strip())
            self.text = None
        elif tag == "tr" and self.row is not None:
            table = self.tables[-1]
            if not table.columns:
                table.columns = self.row
            else:
                table.rows.append(self.row)
            self.row = None

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)


def _html_tables(text: str) -> list[Table]:
    parser = _HTMLTables()
    parser.feed(text)
    return parser.tables


def _xlsx_tables(output: str) -> tuple[list[Table], dict[str, str]]:
    """The sheets of a workbook (``output`` is its bytes in base64) as tables, each under
    its sheet's name as a section (``Area totals`` is the text's ``Area totals: X``), and
    the key indicators' numbers with their codes, found by the English names the headings
    carry (``(3) Number of ...``). Numbers are read as the cells hold them: indicator
    values unrounded, a target's measured value rounded to two decimals as in the text."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(output)), read_only=True)
    names = {i.name_en: i.code for i in national_catalog().indicators if i.name_en}
    tables: list[Table] = []
    legend: dict[str, str] = {}
    for sheet in book.worksheets:
        rows = [[_xlsx_text(cell) for cell in row] for row in sheet.iter_rows()]
        if not rows:
            continue
        title = sheet.title
        if title == "Area totals":  # the sheet is not named by the area: it is the plan's
            title = "Area totals: "
        for heading in rows[0]:
            numbered = re.fullmatch(r"\((\d+)\) (.+)", heading)
            if numbered is not None and numbered[2] in names:
                legend[numbered[1]] = names[numbered[2]]
        tables.append(Table(title, rows[0], rows[1:]))
    return tables, legend


def _xlsx_text(cell: Any) -> str:
    """A cell as the text the figures are read from: a percentage cell of an indicator
    measured in % holds the fraction (0.9167 for 91.67 %), read back in percentage points."""
    value = cell.value
    if value is None:
        return ""
    if cell.number_format == PERCENT_POINTS_FORMAT and isinstance(value, int | float):
        return str(value * 100)
    return str(value)


def _docx_tables(output: str) -> tuple[list[Table], str]:
    """The tables of a Word document (``output`` is its bytes in base64), each under the
    heading before it, and the text of its paragraphs (where the key indicators' list
    stands); cells as printed, like the text format's."""
    import docx
    from docx.table import Table as WordTable
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(base64.b64decode(output)))
    tables: list[Table] = []
    lines: list[str] = []
    section = ""
    for element in document.element.body.iterchildren():
        if element.tag.endswith("}p"):
            paragraph = Paragraph(element, document)
            lines.append(paragraph.text)
            if paragraph.style is not None and paragraph.style.name.startswith("Heading"):
                section = paragraph.text.strip()
        elif element.tag.endswith("}tbl"):
            rows = [[cell.text for cell in row.cells] for row in WordTable(element, document).rows]
            if len(rows) > 1:
                tables.append(Table(section, rows[0], rows[1:]))
    return tables, "\n".join(lines)


# Cells ---------------------------------------------------------------------------------


def _cell(text: str) -> Shown:
    text = text.strip()
    if text == "x":
        return WITHHELD
    if text in ("", "–", "None"):
        return None
    return float(text.replace(",", "").removesuffix("%"))


# Reports -------------------------------------------------------------------------------


def _evaluation(printed: Printed, tables: list[Table], legend: dict[str, str]) -> None:
    period = ""
    for table in tables:
        if table.section.startswith("Key indicators, "):
            period = table.section.removeprefix("Key indicators, ")
            for n, column in enumerate(table.columns[2:], 2):
                number = re.match(r"\((\d+)\)", column)
                if number is None:
                    continue  # coverage
                for row in table.rows:
                    printed.put((row[1], period, legend[number[1]], ""), _cell(row[n]))
    for table in tables:
        if table.section.startswith("Area totals: "):
            unit = printed.area
            if table.section.endswith(")"):  # "Area totals: Huyện Tứ Kỳ (298)"
                unit = table.section.removesuffix(")").rsplit("(", 1)[-1]
            at = {c: i for i, c in enumerate(table.columns)}
            for row in table.rows:
                printed.put((unit, period, row[at["code"]], ""), _cell(row[at["value"]]))
        elif table.section == "Targets":
            at = {c: i for i, c in enumerate(table.columns)}
            for row in table.rows:
                scope = row[at["scope"]]
                printed.targets.append(
                    PrintedTarget(
                        row[at["target"]],
                        row[at["indicator"]],
                        printed.area if scope in ("", "–") else scope,
                        period,
                        _cell(row[at["actual"]]),
                        row[at["status"]].replace(" ", "_"),
                        row[at["note"]],
                    )
                )


def _aggregate(printed: Printed, tables: list[Table]) -> None:
    for table in tables:
        if not table.section.startswith("Period "):
            continue
        period = table.section.removeprefix("Period ")
        at = {c: i for i, c in enumerate(table.columns)}
        for row in table.rows:
            key = (
                row[at["code"]],
                period,
                row[at["indicator"]],
                _breakdown(row[at["breakdown"]]),
            )
            printed.put(key, _cell(row[at["value"]]))
            parts = re.match(r"([\d.,]+|–) / ([\d.,]+|–)", row[at["note"]])
            if parts:
                printed.put((*key[:2], "numerator:" + key[2], key[3]), _cell(parts[1]))
                printed.put((*key[:2], "denominator:" + key[2], key[3]), _cell(parts[2]))


def _json(printed: Printed, data: dict[str, Any]) -> None:
    if "indicators" in data:
        period = data["period"]
        for row in data["indicators"]:
            value = WITHHELD if row["withheld"] else row["value"]
            printed.put((row["unit"], period, row["indicator"], ""), value)
        for t in data["targets"]:
            printed.targets.append(
                PrintedTarget(
                    t["target"],
                    t["indicator"],
                    t["scope"] or printed.area,
                    period,
                    WITHHELD if t.get("withheld") else t["actual"],
                    t["status"],
                    t["reason"],
                )
            )
    else:
        for row in data["values"]:
            key = (row["unit"], row["period"], row["indicator"], row["disaggregation"])
            printed.put(key, WITHHELD if row["withheld"] else row["value"])
            if row.get("numerator") is not None or row.get("denominator") is not None:
                printed.put((*key[:2], "numerator:" + key[2], key[3]), row["numerator"])
                printed.put((*key[:2], "denominator:" + key[2], key[3]), row["denominator"])


def read_output(fmt: str, output: str, *, area: str) -> Printed:
    """The figures a ``cwp evaluate`` or ``cwp aggregate`` output prints."""
    if fmt == "json":
        printed = Printed(area, 0.0)
        _json(printed, json.loads(output))
        return printed
    if fmt == "csv":
        printed = Printed(area, 0.0)
        _csv_data(printed, json.loads(output))
        return printed
    if fmt == "docx":
        word_tables, paragraphs = _docx_tables(output)
        printed = Printed(area, 0.005)
        if any(t.section.startswith("Period ") for t in word_tables):
            _aggregate(printed, word_tables)
        else:
            _evaluation(printed, word_tables, _legend(paragraphs))
        return printed
    if fmt == "xlsx":
        tables, legend = _xlsx_tables(output)
        printed = Printed(area, 0.005)  # the targets' values are rounded
        if any(t.section.startswith("Period ") for t in tables):
            _aggregate(printed, tables)
        else:
            _evaluation(printed, tables, legend)
        return printed
    readers = {
        "text": _text_tables,
        "markdown": _markdown_tables,
        "html": _html_tables,
    }
    tables = readers[fmt](output)
    printed = Printed(area, 0.0 if fmt == "csv" else 0.005)
    if any(t.section.startswith("Period ") for t in tables):
        _aggregate(printed, tables)
    else:
        _evaluation(printed, tables, _legend(output))
    return printed
