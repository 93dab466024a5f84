"""`cwp aggregate` on the whole country, side by side with a minimal pandas script.

Generates, into a temporary directory (never committed), with ``random.Random(2023)``:

* ``plan.json``: a national plan holding every unit of the GSO list of 10/04/2023 (63
  provinces, 705 districts, 10,598 communes), no area (a national roll-up), calendar
  periods;
* ``values.csv``: for every commune, both half-years ``2023S1`` and ``2023S2``, every
  catalog indicator that is reported (not the ratios and shares), the total and its complete
  breakdown along each of its dimensions (``--breakdowns all`` adds every cross-tabulation
  of dimensions too). Breakdowns add up to their totals.

Then times, several runs each, alternating, as whole processes:

* ``cwp aggregate plan.json --data values.csv --format json --output out.json --level
  district --level province`` (full validation, over time and up the tree, ratios, coverage);
* a minimal pandas script that reads the same CSV, joins communes to their district and
  province and sums by unit, period, indicator and breakdown (the half-years, and the year as
  their sum), writing JSON.

It reports the median wall time and the peak resident memory of each (from
``resource.getrusage(RUSAGE_CHILDREN)`` in a one-child wrapper process).

Run from the repository root::

    .venv/bin/python -m benchmarks.aggregate_national [--runs 5] [--breakdowns single|all]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import random
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from benchmarks.national import UNITS_CSV, national_agencies, national_units
from benchmarks.timing import alternate, print_table
from child_welfare_plan.catalogs import Catalog, national_catalog
from child_welfare_plan.io.plans import dumps_plan_json
from child_welfare_plan.model import (
    AdministrativeUnit,
    Indicator,
    Level,
    Plan,
    ValueType,
    canonical_disaggregation,
)

PERIODS = ("2023S1", "2023S2")
SEED = 2023
REPO = Path(__file__).resolve().parent.parent
CWP = Path(sys.executable).parent / "cwp"

PANDAS_SCRIPT = """\
import sys

import pandas as pd

values, units, out = sys.argv[1:4]
u = pd.read_csv(units, dtype=str, usecols=["province_code", "district_code", "commune_code"])
v = pd.read_csv(
    values,
    dtype={"unit": str, "period": str, "indicator": str, "disaggregation": str},
    keep_default_na=False,
    na_values={"value": [""]},
)
v = v.merge(u, left_on="unit", right_on="commune_code")
both = pd.concat([v, v.assign(period=v["period"].str[:4])])
keys = ["period", "indicator", "disaggregation"]
parts = []
for level, column in (("district", "district_code"), ("province", "province_code")):
    s = both.groupby([column, *keys], sort=False)["value"].sum().reset_index()
    parts.append(s.rename(columns={column: "unit"}).assign(level=level))
pd.concat(parts).to_json(out, orient="records", force_ascii=False)
"""


def write_plan(directory: Path, units: tuple[AdministrativeUnit, ...] | None = None) -> Path:
    """The national plan file: every unit (``units``, else the country's) and every
    commune's People's Committee."""
    units = national_units() if units is None else units
    plan = Plan(
        id="vn-2023",
        title="Tổng hợp số liệu trẻ em toàn quốc năm 2023 (benchmark)",
        year=2023,
        issuer="bo-ldtbxh",
        units=units,
        agencies=national_agencies(units),
    )
    path = directory / "plan.json"
    path.write_text(dumps_plan_json(plan), encoding="utf-8")
    return path


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` cut at random into ``parts`` whole numbers."""
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    return [b - a for a, b in itertools.pairwise([0, *cuts, total])]


def _total(indicator: Indicator, rng: random.Random) -> int:
    if indicator.value_type is ValueType.BOOLEAN:
        return 1 if rng.random() < 0.65 else 0
    if indicator.value_type is ValueType.AMOUNT:
        return 1000 * rng.randint(5_000, 40_000)
    if indicator.code == "tre-em":
        return rng.randint(500, 5_000)
    if indicator.code.startswith("tre-em-hcdb"):
        return rng.randint(10, 200)
    return rng.randint(0, 6)


def write_values(
    directory: Path, catalog: Catalog, communes: Sequence[str], breakdowns: str
) -> tuple[Path, int]:
    """The national data set; returns its path and number of values."""
    rng = random.Random(SEED)
    reported = [i for i in catalog.indicators if not i.is_computed]
    codes = {d.code: d.codes for d in catalog.dimensions}
    path = directory / "values.csv"
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("unit", "period", "indicator", "disaggregation", "value"))
        for period in PERIODS:
            for commune in communes:
                for indicator in reported:
                    rows = _rows(indicator, codes, _total(indicator, rng), rng, breakdowns)
                    writer.writerows((commune, period, indicator.code, key, n) for key, n in rows)
                    count += len(rows)
    return path, count


def _rows(
    indicator: Indicator,
    codes: dict[str, tuple[str, ...]],
    total: int,
    rng: random.Random,
    breakdowns: str,
) -> list[tuple[str, int]]:
    dims = indicator.disaggregations
    if breakdowns == "single" or len(dims) < 2:
        out = [("", total)]
        for dim in dims:
            for value, n in zip(codes[dim], _split(total, len(codes[dim]), rng), strict=True):
                out.append((f"{dim}={value}", n))
        return out
    # Every cross-tabulation: the margins of one table of cells.
    combos = list(itertools.product(*(codes[d] for d in dims)))
    cells = dict(zip(combos, _split(total, len(combos), rng), strict=True))
    out = []
    for size in range(len(dims) + 1):
        for group in itertools.combinations(range(len(dims)), size):
            sums: dict[tuple[str, ...], int] = {}
            for combo, n in cells.items():
                key = tuple(combo[i] for i in group)
                sums[key] = sums.get(key, 0) + n
            for key, n in sums.items():
                parts = {dims[i]: key[j] for j, i in enumerate(group)}
                out.append((canonical_disaggregation(parts), n))
    return out


def phases(plan_path: Path, values: Path) -> list[tuple[str, float]]:
    """Seconds spent in each step of ``cwp aggregate``, in this process (one run)."""
    import time

    from child_welfare_plan.formats.json import render_json
    from child_welfare_plan.io.datavalues import load_data_values
    from child_welfare_plan.io.plans import load_plan
    from child_welfare_plan.plugins.host import Host
    from child_welfare_plan.reports.aggregate import aggregate_report
    from child_welfare_plan.rules.aggregate import aggregate

    steps: list[tuple[str, float]] = []
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        steps.append((name, now - clock))
        clock = now

    host = Host()
    plan = load_plan(plan_path)
    plan.hierarchy  # noqa: B018  (the tree is built on first use)
    catalog = host.catalog()
    lap(f"read the plan ({len(plan.units):,} units)")
    data = load_data_values(values, plan, catalog, source=host.data_source_for(values))
    lap(f"read and check {len(data):,} values")
    result = aggregate(plan, data, catalog, level=["district", "province"])
    lap(f"aggregate ({len(result):,} values out)")
    report = aggregate_report(result, plan, tables=False)
    lap("build the report (JSON data)")
    render_json(report)
    lap("render JSON")
    return steps


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the data, time both sides, print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=3, help="runs of each side (default 3)")
    parser.add_argument("--breakdowns", choices=("single", "all"), default="single")
    parser.add_argument("--keep", type=Path, help="generate into this directory and keep it")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cwp-aggregate-") as temp:
        directory = args.keep or Path(temp)
        directory.mkdir(parents=True, exist_ok=True)
        plan_path = write_plan(directory)
        communes = [u.code for u in national_units() if u.level is Level.COMMUNE]
        values, count = write_values(directory, national_catalog(), communes, args.breakdowns)
        script = directory / "pandas_aggregate.py"
        script.write_text(PANDAS_SCRIPT, encoding="utf-8")
        size = values.stat().st_size / 2**20
        print(f"{len(communes)} communes, {count:,} values, {size:.0f} MiB of CSV", flush=True)
        arguments = [
            "aggregate",
            str(plan_path),
            "--data",
            str(values),
            "--format",
            "json",
            "--output",
            str(directory / "cwp.json"),
            "--level",
            "district",
            "--level",
            "province",
        ]
        commands = {
            "cwp aggregate": [str(CWP), *arguments],
            "pandas script": [
                sys.executable,
                str(script),
                str(values),
                str(UNITS_CSV),
                str(directory / "pandas.json"),
            ],
        }
        results = alternate(commands, args.runs)
        print_table(results)
        print("\nSteps of cwp aggregate, in process:")
        for name, seconds in phases(plan_path, values):
            print(f"  {name}: {seconds:.2f} s")
        base = statistics.median(r[0] for r in results["pandas script"])
        print()
        for name, runs in results.items():
            if name != "pandas script":
                ratio = statistics.median(r[0] for r in runs) / base
                print(f"{name} / pandas script: {ratio:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
