"""What a person sees: every result of the rules becomes a :class:`Report`.

One builder per result (``plans_report``, ``status_report``, ``evaluation_report``...), each
in its own module; this is the only layer that decides headings, columns and wording.
Output formats (:mod:`child_welfare_plan.formats`) turn a Report into bytes.
"""

from __future__ import annotations

from child_welfare_plan.reports.base import Block, Report, Section

__all__ = ["Block", "Report", "Section"]
