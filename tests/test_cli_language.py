"""The command line speaks the reader's language: its help, argparse's own words, its usage
errors and its ``cwp: error:`` lines are Vietnamese by default and English with ``--lang en``
(or ``CWP_LANG=en``), numbers and dates written the way each language writes them."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from child_welfare_plan.cli import main
from child_welfare_plan.cli.args import StoppingProblems
from child_welfare_plan.cli.language import spoken
from child_welfare_plan.i18n import LANG_VARIABLE, language
from child_welfare_plan.model.findings import Finding, Location, Severity


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:  # --help, and argparse's usage errors
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _no_language_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LANG_VARIABLE, raising=False)


def test_help_is_vietnamese_by_default_and_english_on_request(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, vi, _ = run(capsys, "--help")
    assert code == 0
    assert vi.startswith("cách dùng: cwp ")
    for words in ("tham số vị trí:", "tùy chọn:", "hiển thị trợ giúp này rồi thoát"):
        assert words in vi
    assert "đánh giá tổng hợp: tính kịp thời, số liệu, chỉ tiêu" in vi
    assert "usage:" not in vi and "options:" not in vi
    monkeypatch.setenv(LANG_VARIABLE, "en")
    code, en, _ = run(capsys, "--help")
    assert code == 0
    assert en.startswith("usage: cwp ")
    assert "options:" in en and "the consolidated evaluation: timeliness, figures, targets" in en


def test_a_commands_help_follows_its_lang_option(capsys: pytest.CaptureFixture[str]) -> None:
    _code, vi, _ = run(capsys, "evaluate", "--help")
    assert "mã kế hoạch hoặc tệp kế hoạch .toml/.json" in vi
    assert "dùng dữ liệu mẫu giả lập của gói" in vi
    _code, en, _ = run(capsys, "evaluate", "--help", "--lang", "en")
    assert "plan id or a .toml/.json plan file" in en
    assert "use the pack's synthetic demo data" in en
    _code, also_en, _ = run(capsys, "evaluate", "--lang=en", "--help")
    assert also_en == en


def test_argparse_errors_are_in_the_readers_language(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "status")
    assert code == 2 and out == ""
    assert err.startswith("cách dùng: cwp status")
    assert "cwp status: lỗi: thiếu các tham số bắt buộc sau: plan" in err
    code, _out, err = run(capsys, "status", "--lang", "en")
    assert code == 2
    assert "cwp status: error: the following arguments are required: plan" in err
    code, _out, err = run(capsys, "evalute")
    assert code == 2
    assert "cwp: lỗi: tham số COMMAND: lựa chọn không hợp lệ: 'evalute'" in err


def test_a_bad_value_is_refused_with_the_readers_numbers_and_dates(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _out, err = run(capsys, "status", "tu-ky-2023", "--demo", "--due-within", "99999")
    assert code == 2
    assert "'99999' không phải số ngày từ 0 đến 3.660" in err
    code, _out, err = run(
        capsys, "status", "tu-ky-2023", "--demo", "--due-within", "99999", "--lang", "en"
    )
    assert "'99999' is not a number of days from 0 to 3,660" in err
    code, _out, err = run(capsys, "evaluate", "tu-ky-2023", "--as-of", "1899-12-31")
    assert code == 2
    assert "nằm ngoài khoảng ngày được hỗ trợ (01/01/1900 đến 31/12/2100)" in err
    _code, _out, err = run(
        capsys, "evaluate", "tu-ky-2023", "--as-of", "1899-12-31", "--lang", "en"
    )
    assert "is outside the supported dates (1900-01-01 to 2100-12-31)" in err


def test_a_usage_error_of_cwp_is_one_line_in_the_readers_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = str(tmp_path / "no-such-plan.toml")
    code, out, err = run(capsys, "validate", missing)
    assert (code, out) == (2, "")
    assert err == f"cwp: lỗi: không có tệp kế hoạch {missing!r}\n"
    code, out, err = run(capsys, "validate", missing, "--lang", "en")
    assert (code, out) == (2, "")
    assert err == f"cwp: error: no plan file {missing!r}\n"


def test_an_unknown_language_in_the_environment_is_refused_in_vietnamese(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(LANG_VARIABLE, "klingon")
    code, out, err = run(capsys, "plans")
    assert (code, out) == (2, "")
    assert err == (
        "cwp: lỗi: không rõ ngôn ngữ 'klingon' (từ CWP_LANG): hãy chọn một trong vi, en\n"
    )
    code, _out, err = run(capsys, "plans", "--lang", "en")
    assert code == 0 and err == ""


def test_the_rest_of_many_stopping_problems_is_counted_in_the_readers_numbers() -> None:
    findings = [
        Finding(Severity.ERROR, "bad-row", "bad row", Location(file="x.csv", row=n))
        for n in range(2, 2 + StoppingProblems.MAX_LINES + 1234)
    ]
    problems = StoppingProblems(findings, 2)
    with language("vi"):
        lines = problems.lines()
        assert lines[0] == "x.csv, dòng 2: bad row"
        assert lines[-1] == "… và 1.234 vấn đề khác"
    with language("en"):
        assert problems.lines()[-1] == "… and 1,234 more"
    assert len(lines) == StoppingProblems.MAX_LINES + 1


@pytest.mark.parametrize(
    ("argv", "environment", "expected"),
    [
        ([], None, "vi"),
        ([], "en", "en"),
        (["status", "--lang", "en"], None, "en"),
        (["status", "--lang=en"], "vi", "en"),
        (["status", "--lan", "en"], None, "en"),
        (["status", "--lang", "vi"], "en", "vi"),
        (["status", "--lang", "en", "--lang", "vi"], None, "vi"),  # argparse keeps the last
        (["status", "--lang", "fr"], "en", "en"),  # the parser refuses fr, in English
        (["status", "--lang"], None, "vi"),
        ([], "klingon", "vi"),  # the command refuses it, in Vietnamese
        (["deadline", "--", "--lang", "en"], None, "vi"),  # after --, words are arguments
    ],
)
def test_the_language_is_known_before_the_parser_is_built(
    argv: list[str], environment: str | None, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if environment is not None:
        monkeypatch.setenv(LANG_VARIABLE, environment)
    assert spoken(argv) == expected


def test_other_parsers_keep_argparse_words(capsys: pytest.CaptureFixture[str]) -> None:
    """cwp's words reach argparse only while cwp parses: another parser of the same
    process, even inside a Vietnamese report's language, speaks as before."""
    run(capsys, "--help")
    other = argparse.ArgumentParser(prog="other")
    with language("vi"):
        assert other.format_usage().startswith("usage: other")
        assert "options:" in other.format_help()
