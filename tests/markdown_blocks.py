"""The fenced code blocks of the Markdown pages (docs/*.md, README.md), for the tests that
run the documentation's examples."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PAGES", "ROOT", "SKETCH", "Block", "fenced_blocks", "python_blocks"]

ROOT = Path(__file__).resolve().parents[1]
PAGES = (*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md")
"""Every page whose examples must run."""

SKETCH = "<!-- sketch -->"
"""The line that, right above a fence, marks its block as a sketch that is not run."""

_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([\w+-]*)")
_PYTHON = ("python", "py", "pycon")


@dataclass(frozen=True)
class Block:
    """One fenced block of a Markdown page."""

    page: str
    line: int
    """The page's line number (1-based) of the block's first line of code."""
    language: str
    code: str
    sketch: bool
    reason: str
    """The paragraph above the sketch marker, which must say why ("" when not a sketch)."""

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"


def _paragraph_before(lines: list[str], index: int) -> str:
    """The paragraph that ends above line ``index`` (blank lines in between skipped)."""
    paragraph: list[str] = []
    for j in reversed(range(index)):
        if lines[j].strip():
            paragraph.insert(0, lines[j].strip())
        elif paragraph:
            break
    return " ".join(paragraph)


def fenced_blocks(text: str, page: str = "<page>") -> list[Block]:
    """Every fenced code block of ``text`` (CommonMark fences of backticks or tildes), with
    the language of its opening fence and whether a sketch marker stands above it."""
    lines = text.splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if opening is None:
            i += 1
            continue
        indent, fence, language = opening.groups()
        closing = re.compile(rf"\s*{re.escape(fence[0])}{{{len(fence)},}}\s*")
        end = i + 1
        while end < len(lines) and not closing.fullmatch(lines[end]):
            end += 1
        code = "".join(line.removeprefix(indent) + "\n" for line in lines[i + 1 : end])
        above = next((j for j in reversed(range(i)) if lines[j].strip()), None)
        sketch = above is not None and lines[above].strip() == SKETCH
        reason = _paragraph_before(lines, above) if sketch and above is not None else ""
        blocks.append(Block(page, i + 2, language.lower(), code, sketch, reason))
        i = end + 1
    return blocks


def python_blocks(path: Path) -> list[Block]:
    """The Python blocks of the page at ``path``, in order."""
    page = path.relative_to(ROOT).as_posix()
    blocks = fenced_blocks(path.read_text(encoding="utf-8"), page)
    return [b for b in blocks if b.language in _PYTHON]
