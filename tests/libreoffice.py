"""Convert office files with LibreOffice (``soffice --headless --convert-to``) and read PDFs
with poppler's ``pdftotext``; the tests that use them skip when the programs are absent
(Debian packages libreoffice-writer, libreoffice-calc, poppler-utils, fonts-liberation)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

__all__ = ["convert", "pdf_text", "require"]

_TIMEOUT = 300
"""Seconds before a conversion is given up as hung (a hang guard, not a measurement)."""


def require(*programs: str) -> None:
    """Skip the calling test unless every program is installed."""
    for program in programs:
        if shutil.which(program) is None:
            pytest.skip(f"{program} is not installed")


def convert(source: Path, to: str, out_dir: Path) -> Path:
    """``source`` converted by LibreOffice to the format ``to`` (``pdf``, ``csv``...), in
    ``out_dir``; its own user profile keeps it apart from any other LibreOffice running."""
    profile = out_dir / "lo-profile"
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            to,
            "--outdir",
            str(out_dir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=_TIMEOUT,
        check=False,
    )
    target = out_dir / f"{source.stem}.{to.split(':')[0]}"
    assert done.returncode == 0 and target.is_file(), done.stdout + done.stderr
    return target


def pdf_text(pdf: Path, first: int = 1, last: int | None = None) -> str:
    """The text of pages ``first`` to ``last`` of ``pdf``."""
    last = first if last is None else last
    done = subprocess.run(
        ["pdftotext", "-f", str(first), "-l", str(last), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=_TIMEOUT,
        check=True,
    )
    return done.stdout
