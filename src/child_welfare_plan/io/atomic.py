"""Safe file output: a reader sees the old file or the whole new one, never half of it.

What :func:`write_atomic` promises (``docs/reliability.md``):

* A **regular file** is replaced atomically: the content goes to a temporary file in the
  same folder, flushed to disk, then renamed over the target. The new file keeps the old
  one's permission bits (and owner, where allowed); a new file gets the usual ``0666``
  less the umask.
* A **symbolic link** is followed: the file it points to is replaced, the link stays.
* Anything else that exists — a device (``/dev/null``, ``/dev/full``), a FIFO, a socket —
  is **written through**, never replaced.
* A **read-only** target (no write permission bit, or one the user may not write) is
  refused: :class:`~child_welfare_plan.errors.OutputFileError`.
* Every error names the target (never the temporary file) and leaves the target as it was.
* The temporary file is removed on any error, Ctrl-C or SIGTERM (the command line turns
  SIGTERM into an exception). On Linux it is an anonymous file (``O_TMPFILE``) that gets a
  name only once it is complete, so even SIGKILL or a power cut leaves nothing behind but,
  at worst, a whole file. Its name, ``.<target>.cwp-tmp-<random>``, says whose it is.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from os import PathLike
from pathlib import Path

from child_welfare_plan.errors import OutputFileError
from child_welfare_plan.i18n.localized import Message

__all__ = ["TEMPORARY_MARK", "temporary_name", "write_atomic"]

TEMPORARY_MARK = ".cwp-tmp-"
"""What the name of every temporary file :func:`write_atomic` makes contains."""


def temporary_name(target: Path) -> Path:
    """A fresh temporary name beside ``target``: ``.<name>.cwp-tmp-<random>``."""
    return target.with_name(f".{target.name}{TEMPORARY_MARK}{secrets.token_hex(4)}")


def _reason(exc: OSError) -> str:
    text = exc.strerror or str(exc) or type(exc).__name__
    return text[:1].lower() + text[1:]


def _cannot(target: Path, exc: OSError) -> Message:
    """Why ``target`` cannot be written (the system's reason, as the system words it)."""
    return Message("cannot write {target}: {reason}", target=str(target), reason=_reason(exc))


def _umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _read_only(path: Path, info: os.stat_result) -> bool:
    """No write permission bit at all, or none for this user."""
    return not info.st_mode & 0o222 or not os.access(path, os.W_OK)


def write_atomic(path: str | PathLike[str], content: str | bytes) -> Path:
    """Write ``content`` (text as UTF-8) to ``path`` as the module docs describe.

    Returns:
        The path written (the link's own path when ``path`` is a symbolic link).

    Raises:
        OutputFileError: the target is a folder or read-only, its folder is missing or not
            writable, or the write failed (a full disk); the message names the target.
    """
    target = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    real = Path(os.path.realpath(target))  # a link is followed to the file it names
    try:
        info: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputFileError(_cannot(target, exc)) from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise OutputFileError(
                Message("cannot write {target}: it is a folder", target=str(target))
            )
        if not stat.S_ISREG(info.st_mode):
            _write_through(target, data)
            return target
        if _read_only(real, info):
            raise OutputFileError(
                Message("cannot write {target}: the file is read-only", target=str(target))
            )
    folder = real.parent
    if not folder.is_dir():
        raise OutputFileError(
            Message(
                "cannot write {target}: no such directory {folder!r}",
                target=str(target),
                folder=str(folder),
            )
        )
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    try:
        _replace(real, data, mode, info)
    except OutputFileError:
        raise
    except OSError as exc:
        if exc.errno == errno.EACCES:
            raise OutputFileError(
                Message(
                    "cannot write {target}: {reason} (cannot create a file in {folder!r})",
                    target=str(target),
                    reason=_reason(exc),
                    folder=str(folder),
                )
            ) from None
        raise OutputFileError(_cannot(target, exc)) from None
    return target


def _write_through(target: Path, data: bytes) -> None:
    """Write into a device, FIFO or socket as it is (it cannot be replaced)."""
    try:
        with open(target, "wb") as handle:
            handle.write(data)
            handle.flush()
    except OSError as exc:
        raise OutputFileError(_cannot(target, exc)) from None


def _anonymous(folder: Path) -> int | None:
    """An unnamed file in ``folder`` (Linux ``O_TMPFILE``), or None where there is none."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY | _CLOEXEC, 0o600)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
            return None  # the file system has no unnamed files: use a named one
        raise


def _fill(fd: int, data: bytes, mode: int, info: os.stat_result | None) -> None:
    """Write ``data`` into ``fd``, give it the target's mode (and owner), flush it to disk."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fchmod(fd, mode)
    if info is not None and hasattr(os, "fchown"):
        with contextlib.suppress(OSError):  # only root may give a file away
            os.fchown(fd, info.st_uid, info.st_gid)
    os.fsync(fd)


def _name(fd: int, name: Path) -> None:
    """Give the unnamed file ``fd`` the name ``name`` (``linkat`` through ``/proc``; a
    directory descriptor makes Python call ``linkat`` rather than ``link``, which would
    link the ``/proc`` entry itself)."""
    proc = os.open("/proc/self/fd", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.link(str(fd), name, src_dir_fd=proc, follow_symlinks=True)
    finally:
        os.close(proc)


def _replace(real: Path, data: bytes, mode: int, info: os.stat_result | None) -> None:
    """Replace ``real`` by a complete new file, through an unnamed file where the system
    has them, else through a named temporary file; nothing is left behind on failure."""
    temporary = temporary_name(real)
    fd = _anonymous(real.parent)
    if fd is not None:
        named = False
        try:
            _fill(fd, data, mode, info)
            try:
                # The whole file gets its name only now: nothing is left behind before this.
                _name(fd, temporary)
                named = True
            except OSError as exc:
                if exc.errno not in _CANNOT_NAME:
                    raise
        finally:
            os.close(fd)
        if named:
            _rename(temporary, real)
            return
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _CLOEXEC, 0o600)
    try:
        try:
            _fill(fd, data, mode, info)
        finally:
            os.close(fd)
    except BaseException:
        _remove(temporary)
        raise
    _rename(temporary, real)


#: Errors of ``linkat`` that mean "no naming of unnamed files here": fall back to a name.
_CANNOT_NAME = frozenset({errno.EXDEV, errno.ENOENT, errno.EPERM, errno.EOPNOTSUPP, errno.EINVAL})

_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def _rename(temporary: Path, real: Path) -> None:
    try:
        os.replace(temporary, real)
    except BaseException:
        _remove(temporary)
        raise


def _remove(temporary: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(temporary)
