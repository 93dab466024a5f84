"""The evaluation page carries two charts as inline SVG, shows no figure its tables
withhold, fetches nothing, and renders in headless Chromium without errors."""

from __future__ import annotations

import io
import math
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from child_welfare_plan.cli import main
from child_welfare_plan.formats.html import render_html
from child_welfare_plan.formats.svg import chart_svg, nice_maximum
from child_welfare_plan.formats.text import render_text
from child_welfare_plan.reports import evaluation
from child_welfare_plan.reports.base import Report
from child_welfare_plan.reports.charts import indicator_chart
from tests.chromium import chromium, visit
from tests.strategies import examples
from tests.test_xlsx import command_report


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links += [v or "" for k, v in attrs if k in ("src", "href", "xlink:href")]


def _published(report: Report, indicator: str) -> dict[str, Any]:
    """What the evaluation's JSON publishes of ``indicator`` for each unit, by name: the
    value, or the reason it is withheld."""
    return {
        row["name"]: row["withheld"] or row["value"]
        for row in report.data["indicators"]
        if row["indicator"] == indicator
    }


def test_the_page_has_two_inline_charts_and_nothing_from_elsewhere(tmp_path: Path) -> None:
    out = tmp_path / "e.html"
    assert main(["evaluate", "tu-ky-2023", "--demo", "-o", str(out)]) in (0, 1)
    page = out.read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(page)
    assert parser.tags.count("svg") == 2 and parser.tags.count("figure") == 2
    assert "script" not in parser.tags and "img" not in parser.tags
    assert [link for link in parser.links if not link.startswith("#")] == []
    assert "Tỷ lệ báo cáo đúng hạn theo xã" in page and "Xã Đại Sơn" in page
    assert '<html lang="vi">' in page


@pytest.mark.parametrize("audience", ["internal", "public"])
def test_a_chart_never_shows_a_figure_its_table_withholds(
    audience: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chart of a count (children abused) by commune: for the public, every commune
    whose count the table withholds shows the table's marker, never a bar."""
    monkeypatch.setattr(evaluation, "CHART_INDICATORS", ("tre-em-bi-xam-hai",))
    report = command_report("evaluate", "tu-ky-2023", "--demo", "--audience", audience)
    chart = next(c for c in report.charts if not c.percent)
    published = _published(report, "tre-em-bi-xam-hai")
    markers = 0
    for label, value, number in zip(chart.labels, chart.values, chart.numbers, strict=True):
        shown = published[label]
        if isinstance(shown, int | float):
            assert number == shown
        else:
            assert number is None and value in ("<5", "x")
            markers += 1
    assert (markers > 0) == (audience == "public")
    svg = chart_svg(chart, "c")
    assert svg.count('class="bar"') == sum(n is not None for n in chart.numbers)


@settings(max_examples=examples(100))
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.integers(0, 10**6),
            st.floats(0, 1e6, allow_nan=False),
            st.sampled_from(["<5", "x", "–"]),
            st.dates(),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_only_the_numbers_of_a_table_become_bars(cells: list[Any]) -> None:
    """Law: a chart made from a table's shown cells has a bar exactly where the cell is a
    number, of that number; a marker stays a marker; anything else is no value."""
    rows = [(str(i), f"Xã {i}", cell) for i, cell in enumerate(cells)]
    chart = indicator_chart(rows, title="k")
    for cell, value, number in zip(cells, chart.values, chart.numbers, strict=True):
        if isinstance(cell, int | float):
            assert number == cell
        else:
            assert number is None
            assert value == (cell if isinstance(cell, str) else None)
    assert chart_svg(chart, "c").count('class="bar"') == sum(
        isinstance(c, int | float) for c in cells
    )


@settings(max_examples=examples(200))
@given(st.floats(min_value=1e-9, max_value=1e12, allow_nan=False))
def test_the_scale_ends_just_above_the_largest_value(largest: float) -> None:
    """Law: the end of the scale is at least the largest value and less than twice it,
    and is 1, 2, 2.5 or 5 times a power of ten."""
    top = nice_maximum(largest)
    assert largest <= top <= 2 * largest * (1 + 1e-12)
    mantissa = top / 10 ** math.floor(math.log10(top) + 1e-12)
    assert any(math.isclose(mantissa, m) for m in (1, 2, 2.5, 5, 10))


def test_the_page_renders_in_headless_chromium(tmp_path: Path) -> None:
    """Debian's Chromium loads the page with no script error, fetches nothing but the page,
    draws both charts with their bars, and the screenshot is a picture, not a blank."""
    if chromium() is None:
        pytest.skip("chromium is not installed")
    pytest.importorskip("websocket")
    image = pytest.importorskip("PIL.Image")
    out = tmp_path / "e.html"
    assert main(["evaluate", "tu-ky-2023", "--demo", "-o", str(out)]) in (0, 1)
    seen = visit(
        out,
        {
            "charts": "document.querySelectorAll('figure.chart svg').length",
            "bars": "document.querySelectorAll('svg rect.bar').length",
            "drawn": "[...document.querySelectorAll('figure.chart svg')]"
            ".map(s => s.getBoundingClientRect().height > 100)",
            "title": "document.title",
        },
    )
    assert seen.errors == ()
    assert seen.requests == (out.resolve().as_uri(),)
    assert seen.values["charts"] == 2 and seen.values["drawn"] == [True, True]
    assert seen.values["bars"] == 46  # 23 communes in each chart
    assert seen.values["title"].startswith("Đánh giá tu-ky-2023")
    assert seen.screenshot.startswith(b"\x89PNG\r\n\x1a\n")
    picture = image.open(io.BytesIO(seen.screenshot)).convert("RGB")
    assert picture.width >= 1000 and picture.height > 2000
    colours = picture.getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50
    bar = (0x3B, 0x6E, 0xA5)
    assert any(c == bar for _, c in colours)  # the bars were drawn
    (tmp_path / "page.png").write_bytes(seen.screenshot)


def test_the_evaluation_has_its_two_charts_and_html_alone_draws_them() -> None:
    report = command_report("evaluate", "tu-ky-2023", "--demo")
    assert [c.percent for c in report.charts] == [True, False]
    assert render_html(report).count("<svg") == 2
    assert "<svg" not in render_text(report)
