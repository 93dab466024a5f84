"""Aggregation: small unit trees, a test catalog, data values."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import product

from hypothesis import strategies as st

from child_welfare_plan.catalogs import Catalog
from child_welfare_plan.model import (
    AdministrativeUnit,
    DataValue,
    Dimension,
    Indicator,
    Level,
    Plan,
    Term,
    canonical_disaggregation,
)

SEX = ("male", "female")
AGE = ("a", "b", "c")

TEST_CATALOG = Catalog(
    dimensions=[
        Dimension(
            code="sex",
            name="Giới tính",
            name_en="Sex",
            values=[Term(code=c, name=c, name_en=c) for c in SEX],
        ),
        Dimension(
            code="age",
            name="Tuổi",
            name_en="Age",
            values=[Term(code=c, name=c, name_en=c) for c in AGE],
        ),
    ],
    indicators=[
        Indicator(
            code="flow",
            name="Luồng",
            name_en="A flow",
            value_type="count",
            time_aggregation="sum",
            unit_aggregation="sum",
            disaggregations=["sex", "age"],
        ),
        Indicator(
            code="stock",
            name="Tồn",
            name_en="A stock",
            value_type="count",
            time_aggregation="last",
            unit_aggregation="sum",
            disaggregations=["sex"],
        ),
        Indicator(
            code="mean",
            name="Trung bình",
            name_en="A mean over units",
            value_type="amount",
            time_aggregation="sum",
            unit_aggregation="average",
        ),
        Indicator(
            code="peak",
            name="Cao nhất",
            name_en="A maximum",
            value_type="count",
            time_aggregation="max",
            unit_aggregation="max",
        ),
        Indicator(
            code="flag",
            name="Cờ",
            name_en="A yes/no",
            value_type="boolean",
            time_aggregation="last",
            unit_aggregation="sum",
        ),
        Indicator(
            code="rate",
            name="Tỷ lệ",
            name_en="flow per stock",
            value_type="ratio",
            numerator="flow",
            denominator="stock",
            factor=100,
            disaggregations=["sex"],
        ),
        Indicator(
            code="flag-share",
            name="Tỷ lệ cờ",
            name_en="share of flags",
            value_type="share",
            numerator="flag",
            factor=100,
        ),
    ],
)


@st.composite
def aggregate_plans(draw: st.DrawFn) -> Plan:
    """A province plan: 1-3 districts of 1-4 communes, and 0-2 communes right under the
    province (a tree that skips the district level there)."""
    units = [AdministrativeUnit(code="10", name="Tỉnh A", level=Level.PROVINCE)]
    for d in range(1, draw(st.integers(1, 3)) + 1):
        district = f"10{d}"
        units.append(
            AdministrativeUnit(code=district, name=f"Huyện {d}", level=Level.DISTRICT, parent="10")
        )
        for c in range(1, draw(st.integers(1, 4)) + 1):
            units.append(
                AdministrativeUnit(
                    code=f"{district}{c:02d}",
                    name=f"Xã {d}.{c}",
                    level=Level.COMMUNE,
                    parent=district,
                )
            )
    for c in range(1, draw(st.integers(0, 2)) + 1):
        units.append(
            AdministrativeUnit(
                code=f"109{c:02d}", name=f"Xã riêng {c}", level=Level.COMMUNE, parent="10"
            )
        )
    return Plan(id="thu", title="Kế hoạch thử", year=2023, issuer="ubnd", area="10", units=units)


def reporting_units(plan: Plan) -> list[str]:
    """The units at the bottom of the plan's tree, which report values."""
    return [u.code for u in plan.area_units() if not plan.hierarchy.children(u.code)]


def cell_values(
    units: Sequence[str], period: str, counts: st.SearchStrategy[int] | None = None
) -> st.SearchStrategy[list[DataValue]]:
    """For some units, the finest cells (sex × age) of ``flow`` for ``period``."""
    counts = counts if counts is not None else st.integers(0, 50)
    cells = list(product(SEX, AGE))

    @st.composite
    def build(draw: st.DrawFn) -> list[DataValue]:
        out = []
        for unit in units:
            if not draw(st.booleans()):
                continue
            for sex, age in cells:
                out.append(
                    DataValue(
                        unit=unit,
                        period=period,
                        indicator="flow",
                        disaggregation=canonical_disaggregation({"sex": sex, "age": age}),
                        value=draw(counts),
                    )
                )
        return out

    return build()


@st.composite
def values_for(
    draw: st.DrawFn, plan: Plan, periods: Sequence[str] = ("2023S1", "2023S2")
) -> list[DataValue]:
    """Totals of every reported test indicator, for some units and periods (some missing)."""
    out = []
    for unit in reporting_units(plan):
        for period in periods:
            for code in ("flow", "stock", "mean", "peak", "flag"):
                if draw(st.integers(0, 4)) == 0:
                    continue
                high = 1 if code == "flag" else 500
                out.append(
                    DataValue(
                        unit=unit,
                        period=period,
                        indicator=code,
                        value=draw(st.integers(0, high)),
                    )
                )
    return out
