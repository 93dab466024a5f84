"""Atomic file output: a reader sees the old file or the whole new one, never half of it."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from os import PathLike
from pathlib import Path

__all__ = ["write_atomic"]


def write_atomic(path: str | PathLike[str], content: str | bytes) -> Path:
    """Write ``content`` to ``path`` through a temporary file in the same folder, flushed
    and renamed over the target (``os.replace``). On any error the target is untouched and
    the temporary file removed."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise FileNotFoundError(
            errno.ENOENT, f"cannot write {target}: no such directory", str(folder)
        )
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target
