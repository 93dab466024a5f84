"""The walk-through ``docs/tu-ky-2023.md`` quotes the plan file: every TOML excerpt in it
must be a piece of ``tu-ky-2023.toml``, whatever the whitespace.

An excerpt may leave things out: ``...`` stands for part of one line, and a comment line
holding ``...`` (``# ... nine more``) for any number of whole lines. Everything else in
an excerpt, comments included, must be in the file as written, in the same order.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cwp_tu_ky import PLAN_FILE

DOC = Path(__file__).resolve().parents[3] / "docs" / "tu-ky-2023.md"
"""The walk-through, in the repository that holds the pack."""


def toml_excerpts(markdown: str) -> list[str]:
    """The bodies of the ```` ```toml ```` blocks of a Markdown text (indented ones too, as
    in a list item), in order."""
    return re.findall(r"^ *```toml\n(.*?)^ *```", markdown, flags=re.M | re.S)


def excerpt_pattern(excerpt: str) -> re.Pattern[str]:
    """A pattern that matches the file text an excerpt quotes (see the module docstring)."""
    parts: list[str] = []
    for line in excerpt.strip().splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#") and "..." in stripped:
            parts.append(r"(?:[^\n]*\n)*?")
            continue
        pieces = [re.escape(piece) for piece in stripped.split("...")]
        parts.append(r"[^\n]*?".join(pieces))
    body = r"\s*".join(parts)
    return re.compile(re.sub(r"(?:\\ )+", r"\\s+", body))


def test_an_excerpt_that_drifted_from_the_file_does_not_match() -> None:
    text = 'id = "v-8-1"\nsection = "V.8"\naddressee = "Các phòng"\ntext = "Theo chức năng"\n'
    assert excerpt_pattern('id = "v-8-1"\nsection = "V.8"\ntext = "Theo ..."').search(text) is None
    assert excerpt_pattern('id = "v-8-1"\n# ... two more\ntext = "Theo ..."').search(text)
    assert excerpt_pattern('id = "v-8-1"   section = "V.8"').search(text)


@pytest.mark.skipif(not DOC.is_file(), reason="the pack is not in its repository")
def test_every_toml_excerpt_of_the_walk_through_is_in_the_plan_file() -> None:
    plan_text = PLAN_FILE.read_text(encoding="utf-8")
    excerpts = toml_excerpts(DOC.read_text(encoding="utf-8"))
    assert excerpts, "the walk-through has no TOML excerpt"
    for excerpt in excerpts:
        assert excerpt_pattern(excerpt).search(plan_text), f"not in the plan file:\n{excerpt}"
