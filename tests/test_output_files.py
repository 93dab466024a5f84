"""Safe output files (``--output``): devices and FIFOs written through, links followed,
modes kept, read-only targets refused, errors that name the target, and no temporary file
left behind on an error, Ctrl-C or SIGTERM."""

from __future__ import annotations

import errno
import os
import re
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from child_welfare_plan.cli import main
from child_welfare_plan.errors import OutputFileError
from child_welfare_plan.io import atomic
from child_welfare_plan.io.atomic import TEMPORARY_MARK, write_atomic
from child_welfare_plan.plugins import Host

POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX file semantics")
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if TEMPORARY_MARK in p.name)


def test_a_new_file_gets_the_usual_mode_and_the_whole_content(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    previous = os.umask(0o027)
    try:
        write_atomic(target, "xin chào")
    finally:
        os.umask(previous)
    assert target.read_text(encoding="utf-8") == "xin chào"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


@POSIX
def test_an_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    """D3: the mode of a replaced file used to become 600."""
    target = tmp_path / "shared.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o664)
    write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


@POSIX
def test_a_read_only_file_is_refused_and_left_alone(
    tmp_path: Path, host: Host, capsys: pytest.CaptureFixture[str]
) -> None:
    """D3: a 444 file used to be overwritten (always, by root)."""
    target = tmp_path / "frozen.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o444)
    code, out, err = run(capsys, "plans", "--output", str(target))
    assert (code, out) == (2, "")
    assert err == f"cwp: lỗi: không ghi được {target}: tệp chỉ cho phép đọc\n"
    code, out, err = run(capsys, "plans", "--output", str(target), "--lang", "en")
    assert err == f"cwp: error: cannot write {target}: the file is read-only\n"
    assert target.read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == []


@POSIX
def test_a_symbolic_link_is_followed_and_its_target_replaced(tmp_path: Path) -> None:
    """D2: the link used to be replaced by a regular file."""
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")
    write_atomic(link, "new")
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert real.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


@POSIX
def test_a_dangling_link_creates_the_file_it_names(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to("made.txt")
    write_atomic(link, "new")
    assert link.is_symlink()
    assert (tmp_path / "made.txt").read_text(encoding="utf-8") == "new"


@POSIX
def test_a_fifo_is_written_through_not_replaced(tmp_path: Path) -> None:
    """D2: a FIFO target used to be replaced by a regular file."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    reader = threading.Thread(target=read)
    reader.start()
    write_atomic(fifo, "qua ống")
    reader.join(timeout=30)
    assert received == ["qua ống".encode()]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_the_null_device_is_written_through_not_replaced() -> None:
    """D1: `cwp plans -o /dev/null` as root used to replace the device with a file."""
    before = os.stat("/dev/null")
    assert stat.S_ISCHR(before.st_mode), "/dev/null is not a device on this machine"
    write_atomic("/dev/null", "nothing")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_full_device_says_no_space_and_exits_2(
    host: Host, capsys: pytest.CaptureFixture[str]
) -> None:
    """D1: /dev/full must fail with "no space left on device", exit 2."""
    code, _, err = run(capsys, "plans", "--output", "/dev/full")
    assert code == 2
    # the system's own reason stays as the system words it
    assert err == "cwp: lỗi: không ghi được /dev/full: no space left on device\n"
    code, _, err = run(capsys, "plans", "--output", "/dev/full", "--lang", "en")
    assert err == "cwp: error: cannot write /dev/full: no space left on device\n"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(
        OutputFileError, match=re.escape(f"cannot write {tmp_path}: it is a folder")
    ):
        write_atomic(tmp_path, "x")


def test_an_unwritable_folder_is_named_by_the_target_not_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """D38: the error for a read-only folder used to name the temporary file. (Root may
    write anywhere, so the refusal of the file system is simulated.)"""

    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / ".x.tmp"))

    monkeypatch.setattr(os, "open", refuse)
    target = tmp_path / "out.json"
    with pytest.raises(OutputFileError) as caught:
        write_atomic(target, "{}")
    message = str(caught.value)
    assert message.startswith(f"cannot write {target}: permission denied")
    assert ".tmp" not in message and TEMPORARY_MARK not in message


@pytest.mark.skipif(ROOT or os.name != "posix", reason="root may write into any folder")
def test_a_read_only_folder_is_refused_with_the_targets_name(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(OutputFileError, match=r"cannot write .*out\.json: permission denied"):
            write_atomic(folder / "out.json", "{}")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_the_named_temporary_file_is_removed_when_the_write_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where there are no unnamed files, the named temporary one is removed on error."""
    monkeypatch.setattr(atomic, "_anonymous", lambda folder: None)

    def full(fd: int, data: bytes, mode: int, info: object) -> None:
        os.write(fd, data[:3])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "_fill", full)
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    expected = re.escape(f"cannot write {target}: no space left on device")
    with pytest.raises(OutputFileError, match=expected):
        write_atomic(target, "new content")
    assert target.read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == []


def test_the_temporary_name_says_whose_it_is(tmp_path: Path) -> None:
    name = atomic.temporary_name(tmp_path / "eval.json").name
    assert name.startswith(".eval.json" + TEMPORARY_MARK)


# Signals during a write: a child process that interrupts itself half-way through.

_SELF_KILL = """
import os, signal, sys
from child_welfare_plan.io import atomic
if sys.argv[2] == "named":
    atomic._anonymous = lambda folder: None
original = atomic._fill
def half_then_signal(fd, data, mode, info):
    os.write(fd, data[: len(data) // 2])
    os.kill(os.getpid(), getattr(signal, sys.argv[1]))
    original(fd, data, mode, info)
atomic._fill = half_then_signal
from child_welfare_plan.cli import main
sys.exit(main(sys.argv[3:]))
"""


def _interrupted(tmp_path: Path, signal_name: str, kind: str) -> subprocess.CompletedProcess[str]:
    target = tmp_path / "plans.json"
    target.write_text("old", encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-c", _SELF_KILL, signal_name, kind, "plans", "-o", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
    )


@POSIX
@pytest.mark.parametrize("kind", ["unnamed", "named"])
@pytest.mark.parametrize(
    ("signal_name", "status", "line"),
    [("SIGINT", 130, "cwp: interrupted\n"), ("SIGTERM", 143, "cwp: terminated\n")],
)
@pytest.mark.usefixtures("in_english")
def test_ctrl_c_and_sigterm_leave_the_old_file_and_no_temporary_one(
    tmp_path: Path, signal_name: str, status: int, line: str, kind: str
) -> None:
    """Ctrl-C used to print a KeyboardInterrupt traceback; SIGTERM left a hidden .tmp."""
    done = _interrupted(tmp_path, signal_name, kind)
    assert done.returncode == status
    assert done.stderr == line
    assert (tmp_path / "plans.json").read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(
    not hasattr(os, "O_TMPFILE") or not Path("/proc/self/fd").is_dir(), reason="Linux only"
)
def test_even_sigkill_leaves_no_temporary_file_where_unnamed_files_exist(
    tmp_path: Path,
) -> None:
    """SIGKILL cannot be caught: the content is written to an unnamed file that gets a name
    only when it is whole."""
    done = _interrupted(tmp_path, "SIGKILL", "unnamed")
    assert done.returncode == -signal.SIGKILL
    assert (tmp_path / "plans.json").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans.json"]
