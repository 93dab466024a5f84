"""Human reports name things in words, codes only beside them (issue #13: "names before
codes"; no code such as ``before``, ``nd09`` or ``ke-hoach-trien-khai`` read as a word)."""

from __future__ import annotations

import pytest

from tests.test_cli import run


def _said(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    _, out, _ = run(capsys, *argv)
    return " ".join(out.split())


def test_a_deadline_rule_is_named_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    out = _said(capsys, "deadline", "trước ngày 15/6", "--year", "2023")
    assert "trước ngày 15/06/2023" in out and " before " not in out
    out = _said(capsys, "deadline", "trước ngày 15/6", "--year", "2023", "--lang", "en")
    assert "before a day 2023-06-15" in out


def test_a_period_convention_is_named_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    assert "kỳ theo năm dương lịch" in _said(capsys, "period", "2023S1")
    assert "calendar periods" in _said(capsys, "period", "2023S1", "--lang", "en")
    out = _said(capsys, "evaluate", "tu-ky-2023", "--demo")
    assert "(kỳ theo thời gian chốt số liệu tại Điều 12 Nghị định 09/2019/NĐ-CP)" in out
    assert "nd09" not in out.split("Tính kịp thời")[0]


def test_late_reports_and_rates_name_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    out = _said(capsys, "status", "tu-ky-2023", "--demo")
    late = out.split("Trễ hạn -------")[1].split("Tỷ lệ")[0]
    assert "Kế hoạch triển khai thực hiện tại đơn vị, địa phương" in late
    assert "ke-hoach-trien-khai" not in late
