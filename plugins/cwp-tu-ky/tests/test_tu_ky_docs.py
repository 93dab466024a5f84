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

from child_welfare_plan.model import Plan
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


def _readings_rows() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("\n## The pack's readings\n", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("| `")]


@pytest.mark.skipif(not DOC.is_file(), reason="the pack is not in its repository")
def test_every_reading_of_the_pack_is_marked_on_the_walk_through(plan: Plan) -> None:
    """Each field an obligation lists in ``pack_readings``, and each ``reading``, has its
    row in "The pack's readings"; and each row there is one the file declares."""
    rows = _readings_rows()
    declared: set[tuple[str, str]] = set()
    for ob in plan.obligations:
        fields = [*ob.pack_readings, *(["reading"] if ob.reading is not None else [])]
        for field in fields:
            declared.add((ob.id, field))
            assert any(row.startswith(f"| `{ob.id}` |") and f"`{field}`" in row for row in rows), (
                ob.id,
                field,
            )
    obligation_ids = {ob.id for ob in plan.obligations}
    for row in rows:
        subject = row.split("|")[1].strip().strip("`")
        if subject in obligation_ids:
            fields = re.findall(r"`([a-z_]+)`", row.split("|")[2])
            assert all((subject, field) in declared for field in fields), row


@pytest.mark.skipif(not DOC.is_file(), reason="the pack is not in its repository")
def test_the_plan_wide_readings_are_listed_too() -> None:
    text = "\n".join(_readings_rows()) + "\n".join(
        line
        for line in DOC.read_text(encoding="utf-8").splitlines()
        if line.startswith("| the plan |")
    )
    for field in ("`coordinator`", "`period_convention`", "span"):
        assert field in text
