"""Reports: what every command produces, in a shape any output format can render.

A :class:`Report` has a ``kind`` (the command: ``status``, ``evaluate``...), a title, the
stable JSON ``data`` of design §7, and ``sections`` of paragraphs, tables and charts for
people; optionally a :class:`~child_welfare_plan.reports.document.DocumentHeader` for the
formats that lay a report out as an administrative document (docx). Output formats (text,
markdown, csv, html, xlsx, docx, ics...) are plugins that render a Report; every word they
show comes from the Report.

A report is built in one language (``lang``, :mod:`child_welfare_plan.i18n`: the language
current when it is built): its words are already translated; the formats write its
numbers and dates as that language does. A section's ``key`` is its English name, the same
in every language, by which code finds it (:meth:`Report.section`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.i18n import current
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.validators import to_tuple
from child_welfare_plan.reports.document import DocumentHeader

__all__ = ["Block", "Chart", "Coded", "Percentage", "Report", "Section"]


class Coded(str):
    """A word shown for a code (``quá hạn`` for ``overdue``): the text every format shows,
    with the code kept for the formats that mark it (HTML's class ``overdue``)."""

    __slots__ = ("code",)
    code: str

    def __new__(cls, text: str, code: str) -> Coded:
        made = super().__new__(cls, text)
        made.code = code
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (Coded, (str(self), self.code))


class Percentage(float):
    """A figure of an indicator measured in % (``91.67`` for 91,67 %), as a table cell: the
    text formats write the number (the unit is said beside it), a spreadsheet keeps the
    fraction (0.9167) in a percentage cell."""

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, ...]:
        return (Percentage, (float(self),))


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
    #: How many leading columns name a row (a text format too narrow for the whole table
    #: repeats them in each part).
    keys: int = attrs.field(default=1, kw_only=True)
    #: Short headings for the narrow text formats (a paragraph of the section explains
    #: them): ``(1)``, ``(2)``... for columns named by long indicator names.
    short_columns: tuple[str, ...] = attrs.field(converter=to_tuple, default=(), kw_only=True)
    #: The table's title as a format that names each table shows it (an xlsx sheet:
    #: ``Quá hạn - <title>``), wholly in the report's language; None: :attr:`title`; ""
    #: none (the section's name alone).
    sheet: str | None = attrs.field(default=None, kw_only=True)


def _chart_values(values: Iterable[Any]) -> tuple[float | int | str | None, ...]:
    return tuple(values)


@attrs.frozen
class Chart:
    """A bar chart: one bar per label.

    A value is a number, None (nothing to show), or a text shown in place of the bar: the
    marker a table prints for a withheld count (``"x"``), so that a chart never
    shows a figure its table withholds. With ``percent``, values are fractions (0.923)
    shown as percentages on a scale from 0 to 100 %; ``unit`` names what the bars count.
    """

    title: str
    labels: tuple[str, ...] = attrs.field(converter=to_tuple)
    values: tuple[float | int | str | None, ...] = attrs.field(converter=_chart_values)
    unit: str | None = None
    percent: bool = False
    description: str | None = None
    """One sentence saying what the chart shows, for readers who cannot see it."""

    def __attrs_post_init__(self) -> None:
        if len(self.labels) != len(self.values):
            raise InvalidValueError(
                Message(
                    "Chart {title!r}: {labels} labels but {values} values",
                    title=self.title,
                    labels=len(self.labels),
                    values=len(self.values),
                )
            )

    @property
    def numbers(self) -> tuple[float | None, ...]:
        """The values that are numbers (None for the others)."""
        return tuple(
            float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None
            for v in self.values
        )


@attrs.frozen
class Section:
    """A heading with paragraphs, tables and charts under it; ``key`` names the section
    the same way in every language (defaults to the heading)."""

    heading: str
    paragraphs: tuple[str, ...] = attrs.field(converter=to_tuple, default=())
    tables: tuple[Block, ...] = attrs.field(converter=to_tuple, default=())
    charts: tuple[Chart, ...] = attrs.field(converter=to_tuple, default=())
    key: str = attrs.field(
        kw_only=True, default=attrs.Factory(lambda s: s.heading, takes_self=True)
    )
    sheet: str | None = attrs.field(default=None, kw_only=True)
    """The section's name where a format names each table after it (an xlsx sheet), wholly
    in the report's language, for a heading that holds the plan's words (its titles are
    Vietnamese); None: the heading."""


@attrs.frozen
class Report:
    """The result of a command: ``data`` for machines, ``sections`` for people.

    ``payload`` optionally carries the library object the report was made from (a
    :class:`~child_welfare_plan.rules.schedule.PlanCalendar`, ...) for formats that need more
    than tables, such as iCalendar. ``document`` is the header of an administrative
    document (issuer, number, place and date, recipients, signer) for the formats that lay
    the report out by Decree 30/2020/NĐ-CP. ``main_table`` names the table of ``data`` a
    one-table format (CSV) writes when none is asked for.
    """

    kind: str
    title: str
    data: dict[str, Any]
    sections: tuple[Section, ...] = attrs.field(converter=to_tuple, default=())
    payload: Any = attrs.field(default=None, eq=False, repr=False)
    document: DocumentHeader | None = attrs.field(default=None, kw_only=True)
    main_table: str | None = attrs.field(default=None, kw_only=True)
    lang: str = attrs.field(factory=current, kw_only=True)
    """The language of the report's words, and of its numbers and dates when rendered."""

    def section(self, name: str) -> Section:
        """The section with this key (its English name) or heading (KeyError if none)."""
        for section in self.sections:
            if name in (section.key, section.heading):
                return section
        raise KeyError(name)

    @property
    def tables(self) -> Sequence[Block]:
        """Every table of every section, in order."""
        return [t for s in self.sections for t in s.tables]

    @property
    def charts(self) -> Sequence[Chart]:
        """Every chart of every section, in order."""
        return [c for s in self.sections for c in s.charts]
