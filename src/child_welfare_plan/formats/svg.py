"""Charts as inline SVG: horizontal bars, one per label, drawn without scripts, fonts or
files from elsewhere, so a page that holds them is complete by itself.

References:
    * W3C, Scalable Vector Graphics (SVG) 1.1 (Second Edition): §5.4 ``title`` and
      ``desc`` (accessible names), §9.2 ``rect``, §10 text.
"""

from __future__ import annotations

import html
import math

from child_welfare_plan.formats.cells import cell_text
from child_welfare_plan.reports.base import Chart

__all__ = ["chart_svg", "nice_maximum"]

_WIDTH = 760
_LABEL_W = 190
_VALUE_W = 90
_ROW_H = 22
_BAR_H = 14
_TOP = 24
_BOTTOM = 8
_BAR = "#3b6ea5"
_GRID = "#d0d0d0"
_TEXT = "#1b1b1b"
_MUTED = "#666666"


def nice_maximum(largest: float) -> float:
    """The end of the scale: ``largest`` rounded up to 1, 2, 2.5 or 5 times a power of ten."""
    if largest <= 0 or not math.isfinite(largest):
        return 1.0
    power = 10.0 ** math.floor(math.log10(largest))
    if power == 0:  # below the smallest normal float: no rounder number to end on
        return largest
    for step in (1, 2, 2.5, 5, 10):
        if largest <= step * power:
            return float(step * power)
    return float(10 * power)  # pragma: no cover - the loop always returns


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def chart_svg(chart: Chart, ident: str) -> str:
    """``chart`` as an ``<svg>`` element; ``ident`` makes its element ids unique on a page."""
    numbers = chart.numbers
    top = 1.0 if chart.percent else nice_maximum(max((n for n in numbers if n), default=0.0))
    bar_w = _WIDTH - _LABEL_W - _VALUE_W
    height = _TOP + _ROW_H * len(chart.labels) + _BOTTOM
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{ident}" role="img" '
        f'width="{_WIDTH}" height="{height}" viewBox="0 0 {_WIDTH} {height}" '
        f'aria-labelledby="{ident}-title{f" {ident}-desc" if chart.description else ""}" '
        'font-family="system-ui,-apple-system,Segoe UI,Roboto,sans-serif" font-size="12">',
        f'<title id="{ident}-title">{_esc(chart.title)}</title>',
    ]
    if chart.description:
        out.append(f'<desc id="{ident}-desc">{_esc(chart.description)}</desc>')
    for quarter in range(5):
        x = _LABEL_W + bar_w * quarter / 4
        tick = top * quarter / 4
        label = cell_text(tick, chart.percent) if chart.percent else cell_text(_round(tick))
        out.append(
            f'<line x1="{x:.1f}" y1="{_TOP - 4}" x2="{x:.1f}" y2="{height - _BOTTOM}" '
            f'stroke="{_GRID}" stroke-width="1"/>'
            f'<text x="{x:.1f}" y="{_TOP - 8}" text-anchor="middle" fill="{_MUTED}">'
            f"{_esc(label)}</text>"
        )
    for row, (label, raw, number) in enumerate(
        zip(chart.labels, chart.values, numbers, strict=True)
    ):
        y = _TOP + row * _ROW_H
        middle = y + _ROW_H / 2 + 4
        out.append(
            f'<text x="{_LABEL_W - 8}" y="{middle:.1f}" text-anchor="end" fill="{_TEXT}">'
            f"{_esc(label)}</text>"
        )
        if number is None:
            shown = raw if isinstance(raw, str) else cell_text(None)
            out.append(
                f'<text class="no-bar" x="{_LABEL_W + 4}" y="{middle:.1f}" fill="{_MUTED}" '
                f'font-style="italic">{_esc(shown)}</text>'
            )
            continue
        width = max(0.0, min(1.0, number / top)) * bar_w
        value = cell_text(raw, chart.percent)
        unit = f" {chart.unit}" if chart.unit and not chart.percent else ""
        out.append(
            f'<rect class="bar" x="{_LABEL_W}" y="{y + (_ROW_H - _BAR_H) / 2:.1f}" '
            f'width="{width:.1f}" height="{_BAR_H}" fill="{_BAR}">'
            f"<title>{_esc(label)}: {_esc(value + unit)}</title></rect>"
            f'<text x="{_LABEL_W + width + 4:.1f}" y="{middle:.1f}" fill="{_TEXT}">'
            f"{_esc(value)}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def _round(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 2)
