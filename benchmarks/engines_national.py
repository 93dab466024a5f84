"""Every engine of `cwp aggregate` side by side with DuckDB, pandas and polars scripts, on
the same generated national data, at ¼, ½, 1× and 4× the country.

Generates, into a temporary directory (never committed), with ``random.Random(2023)``:

* ``plan.json``: a national plan (the GSO list of 10/04/2023: 63 provinces, 705 districts,
  10,598 communes; at 4× the country four times over under new codes; at ¼ and ½ every 4th
  or 2nd commune);
* ``values.csv``: for every commune, ``2023S1`` and ``2023S2``, every reported indicator:
  its total, its complete breakdown along each dimension, and for the three indicators
  broken down by sex and age group the sex × age-group table — with today's catalog 181
  values a commune and half-year, 3,836,476 values (176 MiB) at 1×.

Then times whole processes, alternating, several runs each, and prints the median wall
time and the peak resident memory (``getrusage(RUSAGE_CHILDREN)`` in a one-child wrapper):

* ``cwp aggregate plan.json --data values.csv --format json --level district --level
  province --engine E`` for each engine (full validation: every check, totals against
  breakdowns, over time, up the tree, coverage, ratios and shares);
* a DuckDB, a pandas and a polars script that read the CSV, join communes to their district
  and province, and sum by unit, period, indicator and breakdown (the half-years and the
  year as their sum), writing JSON. They check nothing and sum stocks too.

The scripts need DuckDB, pandas and polars (``pip install duckdb pandas polars``); the
engines need the ``engines`` and ``distributed`` extras. Run from the repository root::

    .venv/bin/python -m benchmarks.engines_national [--runs 3] [--scales 0.25,0.5,1,4]
        [--engines python,duckdb,dask] [--scripts duckdb,pandas,polars]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import platform
import random
import statistics
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from benchmarks.aggregate_national import PANDAS_SCRIPT, _split, _total, write_plan
from benchmarks.national import national_units
from benchmarks.timing import measure_cpu
from child_welfare_plan.catalogs import national_catalog
from child_welfare_plan.model import (
    AdministrativeUnit,
    Indicator,
    Level,
    canonical_disaggregation,
)

PERIODS = ("2023S1", "2023S2")
SEED = 2023
CWP = Path(sys.executable).parent / "cwp"
CROSS = ("tre-em", "tre-em-hcdb", "tre-em-bi-xam-hai")

_READ = """\
import sys
values, units, out = sys.argv[1:4]
"""
DUCKDB_SCRIPT = (
    _READ
    + """\
import duckdb
con = duckdb.connect()
con.execute(f\"\"\"
CREATE TABLE v AS SELECT v.*, u.district_code, u.province_code
FROM read_csv('{values}', all_varchar = true) v
JOIN read_csv('{units}', all_varchar = true) u ON v.unit = u.commune_code
\"\"\")
con.execute(f\"\"\"
COPY (
  WITH both_ AS (
    SELECT period, indicator, coalesce(disaggregation, '') AS disaggregation,
      CAST(value AS DOUBLE) AS value, district_code, province_code FROM v
    UNION ALL
    SELECT left(period, 4), indicator, coalesce(disaggregation, ''), CAST(value AS DOUBLE),
      district_code, province_code FROM v
  )
  SELECT district_code AS unit, 'district' AS level, period, indicator, disaggregation,
    sum(value) AS value FROM both_ GROUP BY ALL
  UNION ALL
  SELECT province_code, 'province', period, indicator, disaggregation, sum(value)
  FROM both_ GROUP BY ALL
) TO '{out}' (FORMAT json, ARRAY true)
\"\"\")
"""
)
POLARS_SCRIPT = (
    _READ
    + """\
import polars as pl
u = pl.read_csv(units, infer_schema=False).select("province_code", "district_code", "commune_code")
v = pl.read_csv(values, infer_schema=False).with_columns(
    pl.col("value").cast(pl.Float64), pl.col("disaggregation").fill_null("")
)
v = v.join(u, left_on="unit", right_on="commune_code")
both = pl.concat([v, v.with_columns(pl.col("period").str.slice(0, 4))])
keys = ["period", "indicator", "disaggregation"]
parts = []
for level, column in (("district", "district_code"), ("province", "province_code")):
    s = both.group_by([column, *keys]).agg(pl.col("value").sum()).rename({column: "unit"})
    parts.append(s.with_columns(pl.lit(level).alias("level")))
pl.concat(parts, how="diagonal").write_json(out)
"""
)
SCRIPTS = {"duckdb": DUCKDB_SCRIPT, "pandas": PANDAS_SCRIPT, "polars": POLARS_SCRIPT}


def country(scale: float) -> tuple[AdministrativeUnit, ...]:
    """The national units at ``scale``: a share of the communes, or the country repeated."""
    units = national_units()
    if scale <= 1:
        step = round(1 / scale)
        communes = [u for u in units if u.level is Level.COMMUNE][::step]
        kept = {u.parent for u in communes}
        districts = [u for u in units if u.level is Level.DISTRICT and u.code in kept]
        provinces = {u.parent for u in districts}
        return (
            *(u for u in units if u.level is Level.PROVINCE and u.code in provinces),
            *districts,
            *communes,
        )
    copies: list[AdministrativeUnit] = list(units)
    for n in range(1, int(scale)):
        # Codes stay official in form (2 to 5 digits) and distinct: a copy's districts take
        # a leading digit, its provinces ``9`` and that digit, its communes are numbered
        # from 40000 on (the GSO list stops at 32248).
        renamed: dict[str, str] = {}
        for i, u in enumerate(units):
            if u.level is Level.COMMUNE:
                renamed[u.code] = str(29000 + 11000 * n + i)
            elif u.level is Level.DISTRICT:
                renamed[u.code] = f"{n}{u.code}"
            else:
                renamed[u.code] = f"9{n}{u.code}"
        for u in units:
            copies.append(
                AdministrativeUnit(
                    code=renamed[u.code],
                    name=u.name,
                    level=u.level,
                    kind=u.kind,
                    parent=None if u.parent is None else renamed[u.parent],
                )
            )
    return tuple(copies)


def write_inputs(directory: Path, scale: float) -> tuple[Path, Path, Path, int]:
    """The plan, the values and the units table (for the scripts); the number of values."""
    units = country(scale)
    plan_path = write_plan(directory, units)
    by_code = {u.code: u for u in units}
    table = directory / "units.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("province_code", "district_code", "commune_code"))
        for u in units:
            if u.level is Level.COMMUNE and u.parent is not None:
                district = by_code[u.parent]
                writer.writerow((district.parent, district.code, u.code))
    communes = [u.code for u in units if u.level is Level.COMMUNE]
    values, count = write_values(directory, communes)
    return plan_path, values, table, count


def write_values(directory: Path, communes: Sequence[str]) -> tuple[Path, int]:
    """Totals, single breakdowns, and sex × age group for three indicators."""
    rng = random.Random(SEED)
    catalog = national_catalog()
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
                    total = _total(indicator, rng)
                    rows = _rows(indicator, total, codes, rng)
                    writer.writerows((commune, period, indicator.code, k, n) for k, n in rows)
                    count += len(rows)
    return path, count


def _rows(
    indicator: Indicator, total: int, codes: dict[str, tuple[str, ...]], rng: random.Random
) -> list[tuple[str, int]]:
    """The total, one complete breakdown per dimension, and for :data:`CROSS` the sex ×
    age-group table whose margins are the sex and age-group breakdowns."""
    rows: list[tuple[str, int]] = [("", total)]
    cells: dict[tuple[str, str], int] = {}
    if indicator.code in CROSS:
        pairs = list(itertools.product(codes["sex"], codes["age_group"]))
        cells = dict(zip(pairs, _split(total, len(pairs), rng), strict=True))
    for dim in indicator.disaggregations:
        if cells and dim in ("sex", "age_group"):
            at = 0 if dim == "sex" else 1
            for value in codes[dim]:
                rows.append((f"{dim}={value}", sum(n for k, n in cells.items() if k[at] == value)))
            continue
        split = _split(total, len(codes[dim]), rng)
        rows += [(f"{dim}={v}", n) for v, n in zip(codes[dim], split, strict=True)]
    for (sex, age), n in cells.items():
        rows.append((canonical_disaggregation({"sex": sex, "age_group": age}), n))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """Generate each scale, time every engine and script, print tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=3, help="runs of each command (default 3)")
    parser.add_argument("--scales", default="1", help="comma-separated: 0.25,0.5,1,4")
    parser.add_argument("--engines", default="python,duckdb,dask")
    parser.add_argument("--scripts", default="duckdb,pandas,polars")
    args = parser.parse_args(argv)
    print(
        f"{date.today().isoformat()}; Python {platform.python_version()}; "
        f"{platform.machine()}; {_cores()} cores",
        flush=True,
    )
    for scale in (float(s) for s in args.scales.split(",")):
        with tempfile.TemporaryDirectory(prefix="cwp-engines-") as temp:
            directory = Path(temp)
            plan, values, units, count = write_inputs(directory, scale)
            size = values.stat().st_size / 2**20
            print(f"\n## scale {scale:g}×: {count:,} values, {size:.0f} MiB of CSV", flush=True)
            commands: dict[str, list[str]] = {}
            for engine in filter(None, args.engines.split(",")):
                commands[f"cwp aggregate --engine {engine}"] = [
                    str(CWP),
                    "aggregate",
                    str(plan),
                    "--data",
                    str(values),
                    "--format",
                    "json",
                    "--output",
                    str(directory / f"cwp-{engine}.json"),
                    "--level",
                    "district",
                    "--level",
                    "province",
                    "--engine",
                    engine,
                ]
            for name in filter(None, args.scripts.split(",")):
                script = directory / f"{name}_aggregate.py"
                script.write_text(SCRIPTS[name], encoding="utf-8")
                commands[f"{name} script"] = [
                    sys.executable,
                    str(script),
                    str(values),
                    str(units),
                    str(directory / f"{name}.json"),
                ]
            for name, command in commands.items():
                print(f"{name}: {' '.join(command)}", flush=True)
            results: dict[str, list[CpuRun]] = {name: [] for name in commands}
            for run in range(args.runs):
                for name, command in commands.items():
                    results[name].append(measure_cpu(command))
                    seconds, memory, status, cpu = results[name][-1]
                    print(
                        f"run {run + 1}: {name}: {seconds:.2f} s, {cpu:.2f} s CPU, "
                        f"{memory:.0f} MiB, exit {status}",
                        flush=True,
                    )
            _table(results, count)
    return 0


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0))


CpuRun = tuple[float, float, int, float]
"""Wall seconds, peak resident MiB, exit status, CPU seconds."""


def _table(results: dict[str, list[CpuRun]], count: int) -> None:
    script = results.get("duckdb script", [(1.0, 0.0, 0, 1.0)])
    base = statistics.median(r[0] for r in script)
    base_cpu = statistics.median(r[3] for r in script)
    print(
        "\n| command | median wall | runs (s) | wall / DuckDB script | median CPU | "
        "CPU / DuckDB script | peak memory | µs CPU a value |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, runs in results.items():
        times = [r[0] for r in runs]
        median = statistics.median(times)
        cpu = statistics.median(r[3] for r in runs)
        print(
            f"| {name} | {median:.2f} s | {', '.join(f'{t:.2f}' for t in times)} | "
            f"{median / base:.2f}× | {cpu:.2f} s | {cpu / base_cpu:.2f}× | "
            f"{max(r[1] for r in runs):.0f} MiB | {cpu / count * 1e6:.2f} |"
        )


if __name__ == "__main__":
    raise SystemExit(main())
