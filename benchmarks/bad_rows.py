"""Memory and output size on a large file of bad rows (issue #10, D27-D28).

Generates, into a temporary directory (never committed), with ``random.Random(10)``:

* ``bad.csv``: about 23 MB of data-value rows for the Tứ Kỳ 2023 plan, each wrong in one
  of several ways (an unknown unit, an unreadable number, "1.000", an unknown indicator, a
  bad period, a row of the wrong width, a junk breakdown), plus one 50 MB cell;
* ``bad.json``: the same rows as a JSON array (without the 50 MB cell).

Then runs ``cwp aggregate tu-ky-2023 --data FILE --format json --output out.json`` on each
and reports the wall time, the peak resident memory (``resource.getrusage`` in a one-child
wrapper, see :mod:`benchmarks.timing`), the exit status and the size of the JSON written.
Before the findings were capped per code, the CSV took 1.9 GB of memory and wrote 150 to
237 MB of JSON, and the 50 MB cell was copied into its finding.

Run from the repository root::

    .venv/bin/python -m benchmarks.bad_rows [--megabytes 23]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from benchmarks.timing import measure

COMMUNES = ("11074", "11077", "11080", "11083", "11086", "11089", "11092", "11095")


def bad_rows(rng: random.Random) -> list[str]:
    """One bad row (as CSV cells) of a kind drawn at random."""
    unit = rng.choice(COMMUNES)
    kind = rng.randrange(7)
    n = rng.randrange(10**6)
    if kind == 0:
        return [f"9{n:05d}", "2023S1", "tre-em", "", str(n)]
    if kind == 1:
        return [unit, "2023S1", "tre-em", "", f"x{n}"]
    if kind == 2:
        return [unit, "2023S1", "tre-em", "", f"{n % 999 + 1}.{n % 1000:03d}"]
    if kind == 3:
        return [unit, "2023S1", f"chi-so-{n}", "", "5"]
    if kind == 4:
        return [unit, f"2023X{n}", "tre-em", "", "5"]
    if kind == 5:
        return [unit, "2023S1", "tre-em", "5"]
    return [unit, "2023S1", "tre-em", f"nhom={n}", "5"]


def generate(folder: Path, megabytes: float, seed: int = 10) -> tuple[Path, Path]:
    rng = random.Random(seed)
    rows: list[list[str]] = []
    size = 0
    while size < megabytes * 1_000_000:
        row = bad_rows(rng)
        rows.append(row)
        size += sum(map(len, row)) + len(row)
    header = ["unit", "period", "indicator", "disaggregation", "value"]
    csv_path = folder / "bad.csv"
    with csv_path.open("w", encoding="utf-8") as out:
        out.write(",".join(header) + "\n")
        for row in rows:
            out.write(",".join(row) + "\n")
        out.write(f'11074,2023S2,tre-em,,"{"x" * 50_000_000}"\n')
    json_path = folder / "bad.json"
    objects = [dict(zip(header, row, strict=False)) for row in rows]
    json_path.write_text(json.dumps(objects), encoding="utf-8")
    return csv_path, json_path


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the files, run ``cwp aggregate`` on each, print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--megabytes", type=float, default=23.0, help="size of the bad rows")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        files = generate(folder, args.megabytes)
        cwp = [sys.executable, "-m", "child_welfare_plan"]
        print("| file | size | wall time | peak memory | exit | JSON written |")
        print("| --- | --- | --- | --- | --- | --- |")
        for path in files:
            out = folder / "out.json"
            command = [*cwp, "aggregate", "tu-ky-2023", "--data", str(path), "-f", "json"]
            seconds, memory, status = measure([*command, "--output", str(out)])
            written = out.stat().st_size / 1e6 if out.exists() else 0.0
            print(
                f"| {path.name} | {path.stat().st_size / 1e6:.0f} MB | {seconds:.1f} s | "
                f"{memory:.0f} MiB | {status} | {written:.1f} MB |",
                flush=True,
            )
            out.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
