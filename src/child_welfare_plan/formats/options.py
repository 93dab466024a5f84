"""How a report is to be rendered, beyond the report itself: options a format may honour.

A format declares the options it takes (``OutputFormat(..., options=("table", "bom"))``);
the host then calls ``render(report, options)``. The command line refuses an option the
chosen format does not take (``--bom`` with ``--format text``), so no option is ignored in
silence.
"""

from __future__ import annotations

import attrs

__all__ = ["OPTION_FLAGS", "RenderOptions"]


@attrs.frozen(kw_only=True)
class RenderOptions:
    """Options of one rendering. ``table`` picks one table of a one-table-per-file format
    (CSV); ``bom`` starts a text file with a UTF-8 byte order mark (for Excel)."""

    table: str | None = None
    bom: bool = False

    def given(self) -> tuple[str, ...]:
        """The names of the options set to something other than their default."""
        return tuple(
            a.name for a in attrs.fields(RenderOptions) if getattr(self, a.name) != a.default
        )


#: The command-line flag of each option, for messages.
OPTION_FLAGS = {"table": "--table", "bom": "--bom"}
