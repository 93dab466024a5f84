"""The built-in output formats render any report; csv is safe in spreadsheets."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from html.parser import HTMLParser

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from child_welfare_plan.formats.csv import render_csv, safe_csv_cell
from child_welfare_plan.formats.html import render_html
from child_welfare_plan.formats.json import render_json
from child_welfare_plan.formats.markdown import render_markdown
from child_welfare_plan.formats.text import render_text
from child_welfare_plan.i18n import language
from child_welfare_plan.reports.base import Block, Report, Section

REPORT = Report(
    "status",
    "Tình hình báo cáo",
    {
        "as_of": "2023-12-20",
        "items": [
            {"reporter": "ubnd-11074", "status": "overdue", "rate": 0.5, "days": -3},
            {"reporter": "=HYPERLINK(1)", "status": "late", "rate": None, "days": 2},
        ],
    },
    [
        Section(
            "Overdue",
            ["2 reporters are overdue."],
            [
                Block(
                    ("reporter", "status", "rate", "received"),
                    [
                        ("ubnd-11074", "overdue", 0.5, date(2023, 6, 14)),
                        ("=HYPERLINK(1)", "late", None, None),
                    ],
                    "bao-cao-6-thang",
                    percent_columns=("rate",),
                )
            ],
        ),
        Section("Empty", [], [Block(("a",), [], "nothing")]),
    ],
)


def test_json_is_the_reports_data() -> None:
    assert json.loads(render_json(REPORT)) == REPORT.data


def test_text_has_title_headings_and_aligned_tables() -> None:
    text = render_text(attrs.evolve(REPORT, lang="en"))
    assert text.startswith("Tình hình báo cáo\n=================\n")
    assert "ubnd-11074" in text and "50.0%" in text and "2023-06-14" in text
    assert "(none)" in text


def test_text_writes_numbers_and_dates_as_the_reports_language_does() -> None:
    """Vietnamese: decimal comma, dd/mm/yyyy; the format follows the report's language,
    whatever language is current when it renders."""
    with language("en"):
        text = render_text(attrs.evolve(REPORT, lang="vi"))
    assert "50,0%" in text and "14/06/2023" in text and "(không có)" in text
    assert "50.0" not in text and "2023-06-14" not in text


def test_markdown_has_headings_and_pipe_tables() -> None:
    md = render_markdown(REPORT)
    assert md.startswith("# Tình hình báo cáo")
    assert "## Overdue" in md
    assert "| reporter" in md and "| ubnd-11074" in md


def test_csv_neutralises_formulas_and_keeps_numbers() -> None:
    rows = list(csv.reader(io.StringIO(render_csv(REPORT))))
    assert rows[0] == ["reporter", "status", "rate", "days"]
    assert rows[1] == ["ubnd-11074", "overdue", "0.5", "-3"]
    assert rows[2] == ["'=HYPERLINK(1)", "late", "", "2"]


@given(st.text())
def test_no_csv_cell_starts_like_a_formula(text: str) -> None:
    """OWASP "CSV Injection": no text cell may start with =, +, -, @, tab or CR."""
    cell = safe_csv_cell(text)
    assert not str(cell).startswith(("=", "+", "-", "@", "\t", "\r"))
    assert str(cell).endswith(text)


def test_numbers_are_not_quoted_as_text_in_csv() -> None:
    assert safe_csv_cell(-5) == -5
    assert safe_csv_cell(None) == ""


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links += [v or "" for k, v in attrs if k in ("src", "href")]


def test_html_is_one_self_contained_page_with_escaped_text() -> None:
    page = render_html(REPORT)
    parser = _Collector()
    parser.feed(page)
    assert parser.tags[:2] == ["html", "head"]
    assert "table" in parser.tags and "style" in parser.tags
    assert parser.links == []  # nothing loaded from elsewhere
    assert "script" not in parser.tags
    assert 'class="overdue"' in page
    report = Report("x", "<b>", {}, [Section("<i>", ["a & b"])])
    escaped = render_html(report)
    assert "<title>&lt;b&gt;</title>" in escaped and "a &amp; b" in escaped


def test_large_json_is_compact_and_reads_back_the_same() -> None:
    from child_welfare_plan.formats.json import COMPACT_JSON_ABOVE

    items = [{"reporter": f"ubnd-{i}", "status": "on_time"} for i in range(COMPACT_JSON_ABOVE + 1)]
    report = Report("status", "big", {"items": items})
    text = render_json(report)
    assert text.count("\n") == 1
    assert json.loads(text) == report.data
    assert render_json(REPORT).count("\n") > 1


def test_json_is_the_same_document_with_or_without_orjson(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """orjson (the ``fast`` extra) and the standard library write the same document."""
    import builtins
    from datetime import datetime, timedelta, timezone

    data = {
        "items": [
            {
                "day": date(2023, 6, 14),
                "at": datetime(2023, 6, 14, 16, 30, tzinfo=timezone(timedelta(hours=7))),
                "name": "Xã Đại Sơn",
                "value": 0.1 + 0.2,
                "none": None,
            }
        ]
    }
    report = Report("x", "t", data)
    with_fast = render_json(report)
    # what orjson refuses (an integer beyond 64 bits) is written by the standard library
    assert json.loads(render_json(Report("x", "t", {"big": 2**70})))["big"] == 2**70
    real_import = builtins.__import__

    def no_orjson(name: str, *args: object, **kwargs: object) -> object:
        if name == "orjson":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_orjson)
    without = render_json(report)
    assert json.loads(with_fast) == json.loads(without)
    assert json.loads(without)["items"][0]["at"] == "2023-06-14T16:30:00+07:00"
    assert "Đại Sơn" in without
