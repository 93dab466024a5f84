"""The same input gives the same bytes in every format: office packages and calendars
carry no moment of writing (an issue's fuzz suite checks repeat runs of the other
formats)."""

from __future__ import annotations

import io
import re
import time
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from child_welfare_plan.cli import main
from child_welfare_plan.io.ooxml import EARLIEST, day_moment, settle

pytest.importorskip("openpyxl")
pytest.importorskip("docx")


def _run(tmp_path: Path, name: str, *argv: str) -> bytes:
    out = tmp_path / name
    assert main([*argv, "-o", str(out)]) in (0, 1)
    return out.read_bytes()


def _dates(package: bytes) -> set[tuple[int, ...]]:
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        return {tuple(i.date_time) for i in z.infolist()}


def _core(package: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        return z.read("docProps/core.xml").decode()


@pytest.mark.parametrize("suffix", ["docx", "xlsx"])
def test_an_evaluation_is_dated_by_its_report_not_by_the_clock(tmp_path: Path, suffix: str) -> None:
    argv = ("evaluate", "tu-ky-2023", "--demo", "--as-of", "2023-12-20")
    first = _run(tmp_path, f"a.{suffix}", *argv)
    time.sleep(2.1)  # a zip entry's time has a resolution of two seconds
    second = _run(tmp_path, f"b.{suffix}", *argv)
    assert first == second
    assert _dates(first) == {(2023, 12, 20, 0, 0, 0)}
    stamps = re.findall(r"<dcterms:(\w+)[^>]*>([^<]*)<", _core(first))
    assert {name for name, _ in stamps} >= {"modified"}
    assert {value for _, value in stamps} == {"2023-12-20T00:00:00Z"}


def test_a_report_with_no_date_and_a_blank_form_are_dated_too(tmp_path: Path) -> None:
    plans = _run(tmp_path, "plans.xlsx", "plans")
    assert _dates(plans) == {EARLIEST.timetuple()[:6]}
    form = _run(
        tmp_path, "form.xlsx", "template", "tu-ky-2023", "--unit", "11074", "--period", "2023S1"
    )
    assert _dates(form) == {(2022, 12, 15, 0, 0, 0)}  # 2023S1 under nd09 starts 15/12/2022
    time.sleep(2.1)
    assert _run(tmp_path, "plans2.xlsx", "plans") == plans


def test_settling_keeps_every_entry_and_its_contents() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "docProps/core.xml",
            '<cp:coreProperties><dcterms:created xsi:type="dcterms:W3CDTF">'
            "2026-11-30T08:00:00Z</dcterms:created><dc:title>T</dc:title>"
            "</cp:coreProperties>",
        )
        z.writestr("word/document.xml", "<w:document>ngày 20/12/2023</w:document>")
    settled = settle(buffer.getvalue(), day_moment(datetime(2023, 12, 20).date()))
    with zipfile.ZipFile(io.BytesIO(settled)) as z:
        assert z.namelist() == ["docProps/core.xml", "word/document.xml"]
        assert z.read("word/document.xml") == "<w:document>ngày 20/12/2023</w:document>".encode()
        core = z.read("docProps/core.xml").decode()
    assert ">2023-12-20T00:00:00Z</dcterms:created>" in core and "<dc:title>T<" in core
    assert day_moment(None) == EARLIEST == day_moment(datetime(1975, 1, 1).date())


def test_a_calendar_is_dated_by_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """RFC 5545 §3.8.7.2: DTSTAMP is when the calendar was made; SOURCE_DATE_EPOCH (the
    reproducible-builds convention) fixes it."""
    pytest.importorskip("icalendar")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    first = _run(tmp_path, "a.ics", "calendar", "tu-ky-2023")
    time.sleep(1.1)
    assert _run(tmp_path, "b.ics", "calendar", "tu-ky-2023") == first
    assert b"DTSTAMP:20231114T221320Z" in first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert b"DTSTAMP:20231114T221320Z" not in _run(tmp_path, "c.ics", "calendar", "tu-ky-2023")
