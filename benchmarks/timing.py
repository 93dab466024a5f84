"""Timing a whole process: wall time and peak resident memory, with public tools only."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence

__all__ = ["WRAPPER", "measure"]

#: A one-child wrapper: runs the command, prints wall seconds, peak RSS (KiB) and status.
WRAPPER = """\
import resource, subprocess, sys, time
start = time.perf_counter()
status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
elapsed = time.perf_counter() - start
print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, status)
"""


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
