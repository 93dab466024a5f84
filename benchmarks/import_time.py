"""Import time of the package, side by side with its floor ``import attrs, cattrs, pluggy``.

Each statement runs in a fresh interpreter, alternating A B A B … so that drift in the
machine's speed hits both alike; the script prints the median wall time of each and the
ratio of medians. ``python -X importtime`` explains where the time goes.

Usage: ``python benchmarks/import_time.py [--runs 30]``
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

CASES = {
    "python (nothing)": "pass",
    "floor: import attrs, cattrs, pluggy": "import attrs, cattrs, pluggy",
    "import child_welfare_plan": "import child_welfare_plan",
    "import child_welfare_plan.model": "import child_welfare_plan.model",
    "first plan-file read (model + cattrs)": (
        "import child_welfare_plan.io.plans, child_welfare_plan.model.convert as c; c.converter()"
    ),
}


def _time(statement: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    samples: dict[str, list[float]] = {name: [] for name in CASES}
    for statement in CASES.values():
        _time(statement)  # warm-up: file-system caches
    for _ in range(args.runs):
        for name, statement in CASES.items():
            samples[name].append(_time(statement))
    baseline = statistics.median(samples["python (nothing)"])
    floor = statistics.median(samples["floor: import attrs, cattrs, pluggy"]) - baseline
    print(f"{args.runs} runs each, interleaved; interpreter start-up {baseline * 1000:.1f} ms")
    print(f"{'case':42} {'median ms':>10} {'import ms':>10} {'vs floor':>9}")
    for name, values in samples.items():
        median = statistics.median(values)
        net = median - baseline
        ratio = f"{net / floor:.2f}x" if floor > 0 and name != "python (nothing)" else ""
        print(f"{name:42} {median * 1000:10.1f} {net * 1000:10.1f} {ratio:>9}")


if __name__ == "__main__":
    main()
