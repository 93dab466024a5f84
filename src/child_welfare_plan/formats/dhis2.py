"""DHIS2 dataValueSets, JSON and CSV, from the result of ``cwp aggregate``.

``cwp aggregate PLAN --data FILE --level commune --format dhis2-json -o dv.json`` writes
the values of the chosen level as a dataValueSet that a DHIS2 instance imports, and that
``cwp aggregate`` reads back (see :mod:`child_welfare_plan.io.dhis2` for the shape, the
identifiers and which values are written). Values of a plan under the ``nd09`` convention
are written with their period ids and an
:class:`~child_welfare_plan.errors.ExportWarning`: DHIS2 reads ``2023S1`` as January to
June, while under Decree 09/2019 it runs from 15/12/2022 to 14/6/2023.

References:
    * DHIS2 documentation, Web API › Data › "Sending data values", "CSV data value format".
    * Decree 09/2019/NĐ-CP, Art. 12 (data cut-offs of periodic reports).
"""

from __future__ import annotations

import warnings

from child_welfare_plan.errors import ExportWarning
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.dhis2 import (
    Dhis2Ids,
    Dhis2Value,
    data_value_set_csv,
    data_value_set_json,
    export_rows,
)
from child_welfare_plan.reports.base import Report
from child_welfare_plan.rules.aggregate.results import AggregateResult

__all__ = ["accepts_aggregate", "dhis2_values", "render_dhis2_csv", "render_dhis2_json"]

_CODE_LENGTH = 50
"""The longest code DHIS2 stores (IdentifiableObject.code)."""


def accepts_aggregate(report: Report) -> bool:
    """DHIS2 dataValueSets hold aggregated values: only ``cwp aggregate`` renders to them."""
    return report.kind == "aggregate" and isinstance(report.payload, AggregateResult)


def dhis2_values(report: Report, ids: Dhis2Ids | None = None) -> list[Dhis2Value]:
    """The dataValues of an aggregate report, with an :class:`ExportWarning` for what DHIS2
    reads otherwise than the plan means it."""
    result = report.payload
    assert isinstance(result, AggregateResult)
    values = export_rows(result, ids)
    if result.convention != "calendar" and values:
        warnings.warn(
            ExportWarning(
                Message(
                    "plan {plan} counts its periods under the {convention} convention (Decree "
                    "09/2019/NĐ-CP data cut-offs: 2023S1 runs 15/12/2022 to 14/06/2023), which "
                    "DHIS2 cannot express: the period ids are written unchanged and DHIS2 will "
                    "read them as calendar periods",
                    plan=result.plan,
                    convention=str(result.convention),
                )
            ),
            stacklevel=2,
        )
    long = sorted(
        {v.category_option_combo for v in values if len(v.category_option_combo) > _CODE_LENGTH}
    )
    if long and (ids is None or ids.id_scheme == "CODE"):
        warnings.warn(
            ExportWarning(
                Message(
                    "{count} category option combination code(s) are longer than the {limit} "
                    "characters DHIS2 stores (e.g. {example!r}); map them to identifiers in the "
                    "pack's DHIS2 mapping",
                    count=len(long),
                    limit=_CODE_LENGTH,
                    example=long[0],
                )
            ),
            stacklevel=2,
        )
    return values


def render_dhis2_json(report: Report, ids: Dhis2Ids | None = None) -> str:
    """The report's values as a dataValueSet in DHIS2's JSON."""
    return data_value_set_json(dhis2_values(report, ids), ids)


def render_dhis2_csv(report: Report, ids: Dhis2Ids | None = None) -> str:
    """The report's values as a dataValueSet in DHIS2's CSV."""
    return data_value_set_csv(dhis2_values(report, ids))
