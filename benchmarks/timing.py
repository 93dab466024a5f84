"""Timing a whole process: wall time and peak resident memory, with public tools only."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from collections.abc import Mapping, Sequence

__all__ = ["CPU_WRAPPER", "WRAPPER", "Run", "alternate", "measure", "measure_cpu", "print_table"]

Run = tuple[float, float, int]
"""Wall seconds, peak resident MiB, exit status."""

#: A one-child wrapper: runs the command, prints wall seconds, peak RSS (KiB) and status.
WRAPPER = """\
import resource, subprocess, sys, time
start = time.perf_counter()
status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
elapsed = time.perf_counter() - start
print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, status)
"""


#: The same, also printing the CPU seconds (user + system) the command used: on a shared
#: machine the CPU time varies less than the wall time.
CPU_WRAPPER = """\
import resource, subprocess, sys, time
start = time.perf_counter()
status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
elapsed = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(elapsed, usage.ru_maxrss, status, usage.ru_utime + usage.ru_stime)
"""


def measure_cpu(command: Sequence[str]) -> tuple[float, float, int, float]:
    """Wall seconds, peak resident MiB, exit status and CPU seconds of one run."""
    out = subprocess.run(
        [sys.executable, "-c", CPU_WRAPPER, *command],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    ).stdout.split()
    return float(out[0]), int(out[1]) / 1024, int(out[2]), float(out[3])


def measure(command: Sequence[str]) -> tuple[float, float, int]:
    """Wall seconds, peak resident MiB and exit status of one run of ``command``."""
    out = subprocess.run(
        [sys.executable, "-c", WRAPPER, *command],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    ).stdout.split()
    return float(out[0]), int(out[1]) / 1024, int(out[2])


def alternate(commands: Mapping[str, Sequence[str]], runs: int) -> dict[str, list[Run]]:
    """Run each command ``runs`` times, alternating A B A B …, printing each run."""
    results: dict[str, list[Run]] = {name: [] for name in commands}
    for run in range(runs):
        for name, command in commands.items():
            results[name].append(measure(command))
            seconds, memory, status = results[name][-1]
            print(
                f"run {run + 1}: {name}: {seconds:.2f} s, {memory:.0f} MiB, exit {status}",
                flush=True,
            )
    return results


def print_table(results: dict[str, list[Run]]) -> None:
    """A Markdown table: median wall time, every run, peak memory, exit status."""
    print()
    print("| | median wall time | runs | peak memory | exit |")
    print("| --- | --- | --- | --- | --- |")
    for name, runs in results.items():
        times = [r[0] for r in runs]
        print(
            f"| {name} | {statistics.median(times):.2f} s | "
            f"{', '.join(f'{t:.2f}' for t in times)} | {max(r[1] for r in runs):.0f} MiB | "
            f"{runs[-1][2]} |"
        )
