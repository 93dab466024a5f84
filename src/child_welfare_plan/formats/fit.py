"""Text tables that fit a width (100 characters): wrap the text of the widest columns,
and when the table is still too wide, split its columns into several tables that each
repeat the leading key columns (the row's name and code).

A column's text wraps at spaces, never narrower than its longest word up to
:data:`LONGEST_UNBROKEN` characters (a longer word is broken); numbers never wrap.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from tabulate import tabulate

__all__ = ["LONGEST_UNBROKEN", "WIDTH", "fit_table", "wrap_paragraph"]

#: The widest line a text output writes.
WIDTH = 100

#: The longest word kept whole when a column wraps (the longest indicator code is 41).
LONGEST_UNBROKEN = 42

#: A column of text is not wrapped narrower than this (unless it is narrower already).
NARROWEST_TEXT = 14

#: Key columns (a row's name and code) are not wrapped narrower than this.
NARROWEST_KEY = 30

#: Between two columns of tabulate's ``simple`` format.
_GAP = 2

#: tabulate makes a column at least this much wider than its heading.
_HEADER_PADDING = 2


def wrap_paragraph(text: str, width: int = WIDTH) -> list[str]:
    """A paragraph as lines of at most ``width`` characters (its own line breaks kept)."""
    lines: list[str] = []
    for line in text.splitlines() or [""]:
        lines += textwrap.wrap(
            line,
            width=width,
            break_long_words=True,
            break_on_hyphens=False,
            subsequent_indent="  " if line.startswith(("- ", "(")) else "",
        ) or [""]
    return lines


def _width(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


def _narrowest(text: str) -> int:
    """How narrow a cell may wrap: its longest word (capped), a number not at all."""
    words = text.split()
    if len(words) <= 1:
        return (
            min(_width(text), LONGEST_UNBROKEN) if words and not _is_number(text) else _width(text)
        )
    return min(max(len(w) for w in words), LONGEST_UNBROKEN)


def _is_number(text: str) -> bool:
    stripped = text.strip().rstrip("%").replace(".", "").replace(",", "").replace("-", "")
    return stripped.isdigit()


def _total(widths: Sequence[int]) -> int:
    return sum(widths) + _GAP * (len(widths) - 1)


def _caps(natural: list[int], narrowest: list[int], width: int) -> list[int]:
    caps = list(natural)
    while _total(caps) > width:
        candidates = [i for i in range(len(caps)) if caps[i] > narrowest[i]]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: caps[i])
        caps[widest] -= 1
    return caps


def _render(headers: list[str], rows: list[list[str]], caps: list[int], natural: list[int]) -> str:
    limits: list[int | None] = [c if c < n else None for c, n in zip(caps, natural, strict=True)]
    heads = [c - _HEADER_PADDING for c in caps]
    return tabulate(
        rows,
        headers=headers,
        tablefmt="simple",
        disable_numparse=True,
        maxcolwidths=limits,
        maxheadercolwidths=heads,
    )


def fit_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], *, keys: int = 1, width: int = WIDTH
) -> list[str]:
    """The table as one or more texts of lines at most ``width`` wide; a split repeats the
    first ``keys`` columns in each part."""
    headers = list(headers)
    body = [list(r) for r in rows]
    n = len(headers)
    cells = [max((_width(r[i]) for r in body), default=0) for i in range(n)]
    natural = [max(_width(headers[i]) + _HEADER_PADDING, cells[i]) for i in range(n)]
    narrowest = [
        max(
            [
                max((len(w) for w in headers[i].split()), default=0) + _HEADER_PADDING,
                min(cells[i], NARROWEST_KEY if i < keys else NARROWEST_TEXT),
                *(_narrowest(r[i]) for r in body),
            ]
        )
        for i in range(n)
    ]
    caps = _caps(natural, narrowest, width)
    if _total(caps) <= width or n <= keys + 1:
        return [_render(headers, body, caps, natural)]
    keys = min(keys, n - 1)
    parts: list[list[int]] = []
    current = list(range(keys))
    for i in range(keys, n):
        trial = [*current, i]
        if len(current) > keys and _total([narrowest[j] for j in trial]) > width:
            parts.append(current)
            current = [*range(keys), i]
        else:
            current = trial
    parts.append(current)
    out = []
    for part in parts:
        sub_headers = [headers[j] for j in part]
        sub_rows = [[r[j] for j in part] for r in body]
        sub_natural = [natural[j] for j in part]
        sub_caps = _caps(sub_natural, [narrowest[j] for j in part], width)
        out.append(_render(sub_headers, sub_rows, sub_caps, sub_natural))
    return out
