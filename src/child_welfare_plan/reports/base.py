"""Reports: what every command produces, in a shape any output format can render.

A :class:`Report` has a ``kind`` (the command: ``status``, ``evaluate``...), a title, the
stable JSON ``data`` of design §7, and ``sections`` of paragraphs and tables for people.
Output formats (text, markdown, csv, html, ics...) are plugins that render a Report.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from child_welfare_plan.model.validators import to_tuple

__all__ = ["Block", "Report", "Section"]


def _rows(rows: Iterable[Iterable[Any]]) -> tuple[tuple[Any, ...], ...]:
    return tuple(tuple(row) for row in rows)


@attrs.frozen
class Block:
    """A table: column headings and rows of cells (str, numbers, None, dates)."""

    columns: tuple[str, ...] = attrs.field(converter=to_tuple)
    rows: tuple[tuple[Any, ...], ...] = attrs.field(converter=_rows)
    title: str | None = None
    #: Columns whose values are fractions (0.923) to show as percentages (92.3 %).
    percent_columns: tuple[str, ...] = attrs.field(converter=to_tuple, default=())


@attrs.frozen
class Section:
    """A heading with paragraphs and tables under it."""

    heading: str
    paragraphs: tuple[str, ...] = attrs.field(converter=to_tuple, default=())
    tables: tuple[Block, ...] = attrs.field(converter=to_tuple, default=())


@attrs.frozen
class Report:
    """The result of a command: ``data`` for machines, ``sections`` for people.

    ``payload`` optionally carries the library object the report was made from (a
    :class:`~child_welfare_plan.rules.schedule.PlanCalendar`, ...) for formats that need more
    than tables, such as iCalendar.
    """

    kind: str
    title: str
    data: dict[str, Any]
    sections: tuple[Section, ...] = attrs.field(converter=to_tuple, default=())
    payload: Any = attrs.field(default=None, eq=False, repr=False)

    def section(self, heading: str) -> Section:
        """The section with this heading (KeyError if none)."""
        for section in self.sections:
            if section.heading == heading:
                return section
        raise KeyError(heading)

    @property
    def tables(self) -> Sequence[Block]:
        """Every table of every section, in order."""
        return [t for s in self.sections for t in s.tables]
