"""Progress of long runs: a bar on stderr when stderr is a terminal, nothing otherwise.

The bar is tqdm's (the ``engines`` extra); without tqdm, or with ``--quiet``, or when
stderr is a file or a pipe, nothing is written.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import IO, Any

__all__ = ["Progress", "terminal_progress"]


class Progress:
    """Named steps of a command, shown as one bar when ``stream`` is a terminal.

    ``Progress(None)`` (or a stream that is not a terminal) shows nothing.
    """

    def __init__(self, stream: IO[str] | None, total: int = 0) -> None:
        self._bar: Any = None
        if stream is None or total <= 0 or not _is_terminal(stream):
            return
        try:
            from tqdm import tqdm  # optional extra `engines`: the progress bar
        except ImportError:  # pragma: no cover - the extra brings tqdm
            return
        self._bar = tqdm(total=total, file=stream, unit="step", leave=False, dynamic_ncols=True)

    @property
    def shown(self) -> bool:
        """True when a bar is on the terminal."""
        return self._bar is not None

    @contextlib.contextmanager
    def step(self, label: str) -> Iterator[None]:
        """One step: its label shown while it runs, the bar advanced when it ends."""
        bar = self._bar
        if bar is None:
            yield
            return
        bar.set_description_str(label)
        yield
        bar.update(1)

    def skip(self, steps: int = 1) -> None:
        """Count ``steps`` as done without running them (a path with fewer steps)."""
        if self._bar is not None:
            self._bar.update(steps)

    def close(self) -> None:
        """Remove the bar."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def terminal_progress(quiet: bool, total: int) -> Progress:
    """A progress bar on stderr unless ``quiet`` (shown only when stderr is a terminal)."""
    return Progress(None if quiet else sys.stderr, total)
