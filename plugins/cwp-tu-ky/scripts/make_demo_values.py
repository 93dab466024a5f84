"""Write the synthetic data values of the Tứ Kỳ demo, reproducibly (``random.Random(2023)``).

Everything this script writes is invented (SYNTHETIC): the figures describe no real child.
It reads the pack's plan for the reporting units (the 23 commune-level units of the area)
and the national catalog for the indicators, and writes
``src/cwp_tu_ky/data/demo/data_values.csv`` (or ``--out FILE``) in the exchange format
``unit,period,indicator,disaggregation,value``:

* every commune, both half-years ``2023S1`` and ``2023S2`` (read under the plan's period
  convention), every indicator of the catalog that is reported (ratios and shares are
  computed, never sent), except those listed in ``NOT_IN_DEMO`` (the indicators added for
  the plan's other objectives: child labour, birth registration, health-insurance cards,
  injuries and drowning, swimming, play spaces, participation, malnutrition), for which the
  demo has no figures;
* for each, the total and its complete breakdown along each of its dimensions (and, for
  the number of children, the sex × age-group table). Every breakdown is the margin of one
  table of invented cells, so totals equal the sum of their parts. Abused children are
  broken down by form, sex and age group, not by the setting of abuse, whose values the
  catalog marks as unconfirmed.

Magnitudes are those of a district of about 40,000 children: about 3.5 % of children in
special circumstances, about 90 % of them assisted, a few cases of abuse and injury deaths
in a half-year (about 17 deaths per 100,000 children in a year), tens of millions of đồng
raised for the Child Protection Fund, and about two thirds of the communes recognised as
fit for children.

Run from the repository root::

    PYTHONPATH=src .venv/bin/python plugins/cwp-tu-ky/scripts/make_demo_values.py
"""

from __future__ import annotations

import argparse
import csv
import itertools
import math
import random
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from child_welfare_plan.catalogs import Catalog, national_catalog
from child_welfare_plan.io.plans import load_plan
from child_welfare_plan.model import Indicator, Plan, canonical_disaggregation

PACK = Path(__file__).resolve().parent.parent
PLAN_FILE = PACK / "src" / "cwp_tu_ky" / "data" / "tu-ky-2023.toml"
OUT_FILE = PACK / "src" / "cwp_tu_ky" / "data" / "demo" / "data_values.csv"
PERIODS = ("2023S1", "2023S2")
DISTRICT_CHILDREN = 40_000
SEED = 2023

NOT_IN_DEMO = frozenset(
    {
        "tre-em-lao-dong-trai-quy-dinh",
        "lao-dong-tre-em-5-17",
        "dan-so-5-17",
        "tre-em-duoi-5-tuoi",
        "tre-em-duoi-5-duoc-dang-ky-khai-sinh",
        "tre-em-duoi-6-tuoi",
        "tre-em-duoi-6-co-the-bhyt",
        "tre-em-bi-tntt",
        "tre-em-tu-vong-duoi-nuoc",
        "tre-em-duoc-day-boi",
        "tre-em-6-15-tuoi",
        "tre-em-6-15-biet-boi-an-toan",
        "xa-co-diem-vui-choi",
        "tre-em-tu-7-tuoi",
        "tre-em-tu-7-duoc-lay-y-kien",
        "tre-em-duoi-5-duoc-can-do",
        "tre-em-duoi-5-suy-dinh-duong-can-nang",
        "tre-em-duoi-5-suy-dinh-duong-chieu-cao",
    }
)
"""Reported indicators of the catalog the demo sends no figures for."""

DIMENSIONS = {"tre-em-bi-xam-hai": ("form", "sex", "age_group")}
"""Indicators broken down along fewer dimensions than the catalog allows."""

Cells = dict[tuple[str, ...], int]
"""Invented counts by a tuple of dimension values, in the indicator's dimension order."""

AGE_SHARES = {"0-2": 3 / 16, "3-5": 3 / 16, "6-10": 5 / 16, "11-15": 5 / 16}
MALE_SHARE = 0.53
CATEGORY_SHARES = {
    "art10-a": 0.08,
    "art10-b": 0.01,
    "art10-c": 0.03,
    "art10-d": 0.40,
    "art10-dd": 0.01,
    "art10-e": 0.02,
    "art10-g": 0.005,
    "art10-h": 0.02,
    "art10-i": 0.02,
    "art10-k": 0.01,
    "art10-l": 0.02,
    "art10-m": 0.002,
    "art10-n": 0.35,
    "art10-o": 0.003,
}
FORM_SHARES = {
    "bao-luc": 0.40,
    "boc-lot": 0.07,
    "xam-hai-tinh-duc": 0.35,
    "mua-ban": 0.03,
    "bo-roi": 0.05,
    "bo-mac": 0.10,
}
CAUSE_SHARES = {
    "duoi-nuoc": 0.50,
    "tai-nan-giao-thong": 0.25,
    "nga": 0.08,
    "bong": 0.04,
    "ngo-doc": 0.03,
    "khac": 0.10,
}


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth's method; the means here are small)."""
    limit = math.exp(-mean)
    k, p = 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def binomial(rng: random.Random, n: int, p: float) -> int:
    """The number of successes in ``n`` trials of probability ``p``."""
    return sum(1 for _ in range(n) if rng.random() < p)


def pick(rng: random.Random, shares: Mapping[str, float]) -> str:
    """One key, drawn with the given weights."""
    return rng.choices(list(shares), weights=list(shares.values()))[0]


def split(rng: random.Random, total: int, shares: Mapping[str, float]) -> dict[str, int]:
    """``total`` divided among the keys in about the given proportions (whole numbers)."""
    weights = {k: w * rng.uniform(0.85, 1.15) for k, w in shares.items()}
    scale = total / sum(weights.values())
    out = {k: int(w * scale) for k, w in weights.items()}
    rest = total - sum(out.values())
    for key in sorted(weights, key=lambda k: weights[k] * scale - out[k], reverse=True)[:rest]:
        out[key] += 1
    return out


class Commune:
    """The invented state of one commune, carried from the first half-year to the second."""

    def __init__(self, code: str, children: int, rng: random.Random) -> None:
        self.code = code
        self.rng = rng
        self.population: Cells = {}
        for age, n in split(rng, children, AGE_SHARES).items():
            male = binomial(rng, n, MALE_SHARE)
            self.population[("male", age)] = male
            self.population[("female", age)] = n - male
        self.special: Cells = {}
        for (sex, age), n in self.population.items():
            for _ in range(binomial(rng, n, 0.035)):
                key = (pick(rng, CATEGORY_SHARES), sex, age)
                self.special[key] = self.special.get(key, 0) + 1
        self.child_friendly = rng.random() < 0.65

    def next_half(self) -> None:
        """Births, ageing and moves change the stocks a little between half-years."""
        rng = self.rng
        for key, n in list(self.population.items()):
            self.population[key] = max(0, n + round(n * rng.uniform(-0.02, 0.02)))
        for key, n in list(self.special.items()):
            self.special[key] = max(0, n + rng.choice((-1, 0, 0, 0, 1)))
        if not self.child_friendly and rng.random() < 0.15:
            self.child_friendly = True

    # Each method gives the cells of one indicator, in its dimension order.

    def tre_em(self) -> Cells:
        return dict(self.population)

    def tre_em_hcdb(self) -> Cells:
        return dict(self.special)

    def tre_em_hcdb_duoc_tro_giup(self) -> Cells:
        cells: Cells = {}
        for (category, sex, _), n in self.special.items():
            key = (category, sex)
            cells[key] = cells.get(key, 0) + binomial(self.rng, n, 0.9)
        return cells

    def tre_em_bi_xam_hai(self) -> Cells:
        cells: Cells = {}
        for _ in range(poisson(self.rng, 0.6)):
            form = pick(self.rng, FORM_SHARES)
            female = 0.85 if form == "xam-hai-tinh-duc" else 0.5
            sex = "female" if self.rng.random() < female else "male"
            age = pick(self.rng, {"0-2": 0.05, "3-5": 0.1, "6-10": 0.35, "11-15": 0.5})
            cells[(form, sex, age)] = cells.get((form, sex, age), 0) + 1
        return cells

    def tre_em_tu_vong_tntt(self) -> Cells:
        cells: Cells = {}
        children = sum(self.population.values())
        for _ in range(poisson(self.rng, children * 17e-5 / 2)):
            key = (pick(self.rng, CAUSE_SHARES), "male" if self.rng.random() < 0.6 else "female")
            cells[key] = cells.get(key, 0) + 1
        return cells

    def victims(self) -> tuple[Cells, Cells]:
        """Child victims in criminal cases, and those of them given legal aid."""
        cases: Cells = {}
        helped: Cells = {}
        for _ in range(poisson(self.rng, 0.3)):
            sex = ("female",) if self.rng.random() < 0.7 else ("male",)
            cases[sex] = cases.get(sex, 0) + 1
            helped[sex] = helped.get(sex, 0) + (1 if self.rng.random() < 0.9 else 0)
        return cases, helped

    def offenders(self) -> tuple[Cells, Cells]:
        """Children in conflict with criminal law, and those of them counselled."""
        cases: Cells = {}
        helped: Cells = {}
        for _ in range(poisson(self.rng, 0.2)):
            sex = ("male",) if self.rng.random() < 0.85 else ("female",)
            cases[sex] = cases.get(sex, 0) + 1
            helped[sex] = helped.get(sex, 0) + (1 if self.rng.random() < 0.9 else 0)
        return cases, helped

    def fund(self) -> Cells:
        return {(): 1000 * round(self.rng.uniform(5_000, 40_000))}

    def friendly(self) -> Cells:
        return {(): 1 if self.child_friendly else 0}


def margins(
    indicator: Indicator, catalog: Catalog, cells: Cells, crosses: Sequence[tuple[str, ...]] = ()
) -> Iterator[tuple[str, int]]:
    """The total and the complete breakdown along each dimension (and each listed cross
    of dimensions): every margin of the same cells, so they add up."""
    dims = DIMENSIONS.get(indicator.code, indicator.disaggregations)
    yield "", sum(cells.values())
    groups: list[tuple[str, ...]] = [(d,) for d in dims] + [tuple(c) for c in crosses]
    for group in groups:
        positions = [dims.index(d) for d in group]
        codes = [catalog.dimension(d).codes for d in group]
        for combo in itertools.product(*codes):
            total = sum(n for key, n in cells.items() if [key[p] for p in positions] == list(combo))
            yield canonical_disaggregation(dict(zip(group, combo, strict=True))), total


def rows_for(
    plan: Plan, catalog: Catalog, rng: random.Random
) -> list[tuple[str, str, str, str, str]]:
    """Every row of the demo file, in a stable order."""
    communes = [u for u in plan.area_units() if not plan.hierarchy.children(u.code)]
    weights = [rng.uniform(0.6, 1.4) * (1.6 if u.kind == "thi-tran" else 1.0) for u in communes]
    scale = DISTRICT_CHILDREN / sum(weights)
    state = [Commune(u.code, round(w * scale), rng) for u, w in zip(communes, weights, strict=True)]
    reported = [i for i in catalog.indicators if not i.is_computed]
    rows: list[tuple[str, str, str, str, str]] = []
    for number, period in enumerate(PERIODS):
        for commune in state:
            if number:
                commune.next_half()
            victims, aided = commune.victims()
            offenders, counselled = commune.offenders()
            made: dict[str, Cells] = {
                "tre-em-bi-hai-vu-an-hinh-su": victims,
                "tre-em-bi-hai-duoc-tro-giup-phap-ly": aided,
                "tre-em-vi-pham-hinh-su": offenders,
                "tre-em-vi-pham-duoc-tu-van": counselled,
            }
            makers: dict[str, Callable[[], Cells]] = {
                "tre-em": commune.tre_em,
                "tre-em-hcdb": commune.tre_em_hcdb,
                "tre-em-hcdb-duoc-tro-giup": commune.tre_em_hcdb_duoc_tro_giup,
                "tre-em-bi-xam-hai": commune.tre_em_bi_xam_hai,
                "tre-em-tu-vong-tntt": commune.tre_em_tu_vong_tntt,
                "quy-bao-tro-huy-dong": commune.fund,
                "xa-phu-hop-tre-em": commune.friendly,
            }
            for indicator in reported:
                if indicator.code in NOT_IN_DEMO:
                    continue
                if indicator.code in made:
                    cells = made[indicator.code]
                elif indicator.code in makers:
                    cells = makers[indicator.code]()
                else:
                    raise SystemExit(
                        f"make_demo_values: no generator for indicator {indicator.code!r}; "
                        "add one to this script"
                    )
                crosses = [("sex", "age_group")] if indicator.code == "tre-em" else []
                for key, value in margins(indicator, catalog, cells, crosses):
                    rows.append((commune.code, period, indicator.code, key, str(value)))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """Write the file; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--plan", type=Path, default=PLAN_FILE, help="the pack's plan file")
    parser.add_argument("--out", type=Path, default=OUT_FILE, help="the CSV file to write")
    args = parser.parse_args(argv)
    plan = load_plan(args.plan)
    rows = rows_for(plan, national_catalog(), random.Random(SEED))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("unit", "period", "indicator", "disaggregation", "value"))
        writer.writerows(rows)
    print(f"wrote {len(rows)} values to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
