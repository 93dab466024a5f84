"""What the fuzz suite checks, shared by the replayed corpus and the Hypothesis tests.

* :func:`run_cli` runs ``cwp`` in-process through :func:`child_welfare_plan.cli.main` with
  a fresh host (built-in plugin only) and returns the exit status, the bytes written to
  standard output and the text written to standard error; :func:`check_run` asserts the
  exit status is 0, 1 or 2 and that no traceback or internal error reached stderr.
* :func:`expected_rows` is an oracle for "every input row is accounted for": the rows of a
  file as the standard library sees them (``csv`` or ``json``), numbered as the loaders
  number them, independently of the loaders' own fast paths. :func:`check_accounted`
  asserts each is a value, has a finding, or that the file as a whole was refused.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from child_welfare_plan.cli import main
from child_welfare_plan.io.tables import UNREADABLE_CODES
from child_welfare_plan.model import Finding, Severity
from child_welfare_plan.model.findings import MORE_FINDINGS
from child_welfare_plan.plugins import Host, reset_host

__all__ = ["Run", "check_accounted", "check_run", "expected_rows", "run_cli"]

Run = tuple[int, bytes, str]
"""Exit status, standard output (bytes), standard error (text)."""

#: Findings that refuse a file as a whole: no row of it is read.
WHOLE_FILE = frozenset({*UNREADABLE_CODES, "bad-json", "no-values", MORE_FINDINGS})


def run_cli(argv: Sequence[str]) -> Run:
    """``cwp argv`` in this process, with a fresh host holding the built-in plugin only."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    err = io.StringIO()
    reset_host(Host(entry_points=False))
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(list(argv))
            except SystemExit as exit_:  # argparse's usage errors
                status = exit_.code if isinstance(exit_.code, int) else 2
    finally:
        reset_host(None)
    out.flush()
    buffer = out.buffer
    assert isinstance(buffer, io.BytesIO)
    return status, buffer.getvalue(), err.getvalue()


def check_run(run: Run, argv: Sequence[str]) -> None:
    """Exit 0, 1 or 2, and nothing on stderr that a user should never see."""
    status, _, err = run
    shown = " ".join(a if len(a) < 80 else a[:77] + "..." for a in argv)
    assert status in (0, 1, 2), f"cwp {shown}: exit {status}\n{err}"
    assert "Traceback" not in err, f"cwp {shown}:\n{err}"
    assert "internal error" not in err, f"cwp {shown}:\n{err}"


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _text(raw: bytes) -> str | None:
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text


def _csv_rows(text: str) -> set[int]:
    text = text.replace("\r\n", "\n")
    header = text.replace("\r", "\n").split("\n", 1)[0]
    delimiter = ","
    if "," not in header:
        delimiter = next((d for d in ";\t" if d in header), ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: set[int] = set()
    position = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error:
            record = ["malformed"]
        position += 1
        if position > 1 and any(cell.strip() for cell in record):
            rows.add(position)
    return rows


def _json_rows(text: str) -> set[int]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return set()
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list)]
        data = lists[0] if len(lists) == 1 else []
    return set(range(1, len(data) + 1)) if isinstance(data, list) else set()


def expected_rows(path: Path) -> set[int] | None:
    """The rows of ``path`` that hold something, or None when it is no text at all."""
    text = _text(path.read_bytes())
    if text is None:
        return None
    return _json_rows(text) if path.suffix == ".json" else _csv_rows(text)


def check_accounted(path: Path, kept: Iterable[int], findings: Iterable[Finding]) -> None:
    """Every row of ``path`` is kept (``kept``: the rows of the values or submissions read)
    or has a finding, unless the file as a whole was refused by an error finding."""
    findings = list(findings)
    rows = expected_rows(path)
    refused = any(
        f.code in WHOLE_FILE and f.severity is Severity.ERROR and f.location.file == str(path)
        for f in findings
    )
    if rows is None:
        assert refused, f"{path.name}: no text, yet no finding refuses the file: {findings}"
        return
    if refused:
        return
    accounted = set(kept) | {f.location.row for f in findings if f.location.row is not None}
    missing = sorted(rows - accounted)
    assert not missing, f"{path.name}: rows {missing[:10]} are neither read nor reported"
