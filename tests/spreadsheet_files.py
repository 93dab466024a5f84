"""Writing test spreadsheets: openpyxl for .xlsx, LibreOffice (when installed) for .xls and
.ods copies of them."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (.ci/system-packages installs it)"
)


def typed(cell: str) -> Any:
    """A CSV cell as a person types it into a spreadsheet: digits become a number."""
    text = cell.strip()
    if text and text.lstrip("-").isdigit() and not (len(text) > 1 and text[0] == "0"):
        return int(text)
    return cell


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    sheet: str = "Sheet1",
    first_row: int = 1,
    first_column: int = 1,
    others: Sequence[str] = (),
) -> Path:
    """A workbook whose sheet ``sheet`` (after the empty sheets ``others``) holds ``rows``
    from the cell at ``first_row``, ``first_column`` (both counted from 1)."""
    book = openpyxl.Workbook()
    active = book.active
    assert active is not None
    book.remove(active)
    for name in others:
        book.create_sheet(name)
    ws = book.create_sheet(sheet)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            ws.cell(row=first_row + r, column=first_column + c, value=value)
    book.save(path)
    return path


def convert(path: Path, suffix: str, tmp_path: Path) -> Path:
    """A copy of ``path`` saved by LibreOffice as ``suffix`` (``xls``, ``ods``)."""
    assert SOFFICE is not None
    out = tmp_path / f"converted-{suffix}"
    out.mkdir(exist_ok=True)
    profile = tmp_path / "lo-profile"
    env = {**os.environ, "HOME": str(tmp_path)}
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            suffix,
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env=env,
    )
    converted = out / f"{path.stem}.{suffix}"
    assert converted.is_file(), f"LibreOffice wrote no {converted}"
    return converted
