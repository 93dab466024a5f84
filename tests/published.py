"""What a public output prints, read back from its bytes in every format.

The auditor (:mod:`tests.audit`) must see exactly what a reader sees, so the figures are
read from the rendered output — JSON, text, Markdown, CSV or HTML — not from the objects
that made it. Each reader turns the output into :class:`Printed`: figures by (unit,
period, indicator, breakdown), each a number, :data:`WITHHELD` or None (no value), and the
targets with their measured value and status.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

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
        if line and re.fullmatch(r"-+(  -+)+", following):
            spans = [m.span() for m in re.finditer(r"-+", following)]
            starts = [s for s, _ in spans] + [10**9]

            def cut(text: str, starts: list[int] = starts) -> list[str]:
                return [text[starts[i] : starts[i + 1]].strip() for i in range(len(starts) - 1)]

            columns = cut(line)
            rows = []
            n += 2
            while n < len(lines) and lines[n].strip():
                rows.append(cut(lines[n]))
                n += 1
            out.append(Table(section, columns, rows))
            continue
        n += 1
    return out


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


# Cells ---------------------------------------------------------------------------------


def _cell(text: str) -> Shown:
    text = text.strip()
    if text == "x":
        return WITHHELD
    if text in ("", "–", "None"):
        return None
    return float(text.replace(",", ""))


# Reports -------------------------------------------------------------------------------


def _evaluation(printed: Printed, tables: list[Table]) -> None:
    period = ""
    for table in tables:
        if table.section.startswith("Key indicators, "):
            period = table.section.removeprefix("Key indicators, ")
            codes = table.columns[2:-1]
            for row in table.rows:
                for code, cell in zip(codes, row[2:-1], strict=True):
                    printed.put((row[0], period, code, ""), _cell(cell))
    for table in tables:
        if table.section.startswith("Area totals: "):
            unit = table.section.removeprefix("Area totals: ")
            for row in table.rows:
                printed.put((unit, period, row[0], ""), _cell(row[1]))
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
                        row[at["status"]],
                        row[at["reason"]],
                    )
                )


def _aggregate(printed: Printed, tables: list[Table]) -> None:
    for table in tables:
        if not table.section.startswith("Period "):
            continue
        period = table.section.removeprefix("Period ")
        at = {c: i for i, c in enumerate(table.columns)}
        for row in table.rows:
            breakdown = row[at["disaggregation"]]
            key = (
                row[at["unit"]],
                period,
                row[at["indicator"]],
                "" if breakdown == "(total)" else breakdown,
            )
            printed.put(key, _cell(row[at["value"]]))
            parts = re.match(r"([\d.]+|–) / ([\d.]+|–)", row[at["note"]])
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
        _evaluation(printed, tables)
    return printed
