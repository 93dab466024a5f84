"""Where the time of `cwp aggregate --engine E` goes, in one process: CPU and wall seconds
of each phase on the generated national data of `benchmarks/engines_national.py`.

Phases: imports, reading the plan and the catalog, reading the file into the engine and
checking every row (``check``), the roll-up (over time and up the tree, in the engine when
it is exact, then the rules' rows), building the report's JSON data, rendering the JSON,
writing the file. CPU seconds count every thread (DuckDB reads and joins on several).
The garbage collector is paused as ``cwp aggregate`` pauses it.

Run from the repository root::

    .venv/bin/python -m benchmarks.engine_phases [--scale 1] [--engine duckdb]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from child_welfare_plan.engines.progress import Progress


class _Steps(Progress):
    """The engine's own named steps (reading, checking, rolling up), timed."""

    def __init__(self, table: list[tuple[str, float, float]]) -> None:
        super().__init__(None)
        self.table = table

    @contextmanager
    def step(self, label: str) -> Iterator[None]:
        with _phase(label, self.table):
            yield


@contextmanager
def _phase(name: str, table: list[tuple[str, float, float]]) -> Iterator[None]:
    """Time one phase: its name, CPU and wall seconds go into ``table``."""
    cpu, wall = time.process_time(), time.perf_counter()
    yield
    table.append((name, time.process_time() - cpu, time.perf_counter() - wall))


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the data at a scale, run one aggregation in process, print its phases."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scale", type=float, default=1.0, help="0.25, 0.5, 1 or 4")
    parser.add_argument("--engine", default="duckdb", help="python, duckdb or dask")
    args = parser.parse_args(argv)
    from benchmarks.engines_national import write_inputs

    with tempfile.TemporaryDirectory(prefix="cwp-phases-") as temp:
        directory = Path(temp)
        plan_path, values, _, count = write_inputs(directory, args.scale)
        table: list[tuple[str, float, float]] = []
        with _phase("imports", table):
            from child_welfare_plan.engines import collector_paused
            from child_welfare_plan.engines.values import aggregate_file
            from child_welfare_plan.formats.json import render_json
            from child_welfare_plan.io.atomic import write_atomic
            from child_welfare_plan.io.plans import load_plan
            from child_welfare_plan.plugins.host import get_host
            from child_welfare_plan.reports.aggregate import aggregate_report
        with collector_paused():
            with _phase("read the plan and the catalog", table):
                host = get_host()
                plan = load_plan(plan_path)
                plan.hierarchy  # noqa: B018  (the tree is built on first use)
                catalog = host.catalog()
            result = aggregate_file(
                values,
                plan,
                catalog,
                engine=args.engine,
                level=["district", "province"],
                progress=_Steps(table),
            )
            with _phase(f"build the report ({len(result):,} values out)", table):
                report = aggregate_report(result, plan, tables=False)
            with _phase("render JSON", table):
                text = render_json(report)
            with _phase("write the file", table):
                write_atomic(directory / "out.json", text)
    print(f"scale {args.scale:g}×: {count:,} values; --engine {args.engine}")
    print("| phase | CPU s | wall s |\n| --- | --- | --- |")
    for name, cpu, wall in table:
        print(f"| {name} | {cpu:.2f} | {wall:.2f} |")
    print(f"| total | {sum(r[1] for r in table):.2f} | {sum(r[2] for r in table):.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
