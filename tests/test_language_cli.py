"""Vietnamese first: the human formats speak Vietnamese by default and English with
``--lang en`` (or ``CWP_LANG``); JSON and CSV stay the same in both."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from child_welfare_plan.cli import main
from child_welfare_plan.i18n import LANG_VARIABLE

#: Codes of statuses that must never appear inside a sentence or a cell for people.
RAW_CODES = re.compile(r"\b(not_met|no_data|off_track|on_track|on_time|not_received)\b")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _no_language_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LANG_VARIABLE, raising=False)


@pytest.fixture
def values(tmp_path: Path) -> Path:
    """One commune's count of 1,800 children, enough to see a thousands separator."""
    path = tmp_path / "values.csv"
    path.write_text(
        "unit,period,indicator,disaggregation,value\n"
        "11074,2023,tre-em,,1800\n"
        "11083,2023,tre-em,,0\n",
        encoding="utf-8",
    )
    return path


def test_aggregate_writes_1800_as_each_language_does(
    capsys: pytest.CaptureFixture[str], values: Path
) -> None:
    argv = ("aggregate", "tu-ky-2023", "--data", str(values), "--level", "district")
    code, vi, _ = run(capsys, *argv, "--period", "2023")
    assert code in (0, 1)
    assert "1.800" in vi and "1,800" not in vi
    assert "Số liệu tổng hợp" in vi and "Huyện Tứ Kỳ" in vi
    code, en, _ = run(capsys, *argv, "--period", "2023", "--lang", "en")
    assert "1,800" in en and "1.800" not in en
    assert "Aggregates of tu-ky-2023" in en


def test_cwp_lang_chooses_the_language_and_the_flag_wins(
    capsys: pytest.CaptureFixture[str], values: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ("aggregate", "tu-ky-2023", "--data", str(values), "--period", "2023")
    monkeypatch.setenv(LANG_VARIABLE, "en")
    _code, out, _ = run(capsys, *argv)
    assert "Aggregates of" in out
    _code, out, _ = run(capsys, *argv, "--lang", "vi")
    assert "Số liệu tổng hợp" in out
    monkeypatch.setenv(LANG_VARIABLE, "klingon")
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    # The language it names is unknown: cwp says so in Vietnamese, the default.
    assert err.startswith("cwp: lỗi: không rõ ngôn ngữ 'klingon'") and LANG_VARIABLE in err


def test_evaluate_reads_in_vietnamese_with_vietnamese_numbers_and_dates(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _code, out, _ = run(capsys, "evaluate", "tu-ky-2023", "--demo")
    assert out.startswith("Đánh giá tu-ky-2023 tính đến ngày 20/12/2023\n")
    for words in (
        "Tóm tắt",
        "Tính kịp thời: quá hạn",
        "Hạn cuối",
        "Mã đơn vị",
        "Mục tiêu: 1 đạt, 17 chưa có số liệu, 1 không đạt, 4 chậm tiến độ, 6 đúng tiến độ",
        "Tổng hợp toàn địa bàn: Huyện Tứ Kỳ (298)",
        "trên 100.000 trẻ em",
        "940.244.000",
        "20,01",
        "29/03/2023",
        "100,0%",
    ):
        assert words in out, words
    before_findings = out.split("\nPhát hiện\n")[0]  # a finding's message is English
    for english in ("Summary", "Timeliness", "reporter", "last on-time day", "Targets:"):
        assert english not in before_findings
    assert RAW_CODES.search(out) is None
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", out.split("Phát hiện\n")[0])  # no ISO date


def test_evaluate_reads_in_english_with_lang_en(capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _ = run(capsys, "evaluate", "tu-ky-2023", "--demo", "--lang", "en")
    assert out.startswith("Evaluation of tu-ky-2023 as of 2023-12-20\n")
    for words in (
        "Summary",
        "Timeliness: overdue",
        "last on-time day",
        "Targets: 1 met, 17 no data, 1 not met, 4 off track, 6 on track (of 29).",
        "Area totals: Huyện Tứ Kỳ (298)",
        "per 100,000 children",
        "940,244,000",
        "20.01",
        "100.0%",
    ):
        assert words in out, words
    assert RAW_CODES.search(out) is None


#: The fields the JSON gains for people: words of the report's language beside the codes.
LABELS = {
    "status_label",
    "obligation_name",
    "indicator_name",
    "indicator_unit",
    "message_label",
    "reason_label",
}


def _without_labels(value: object) -> object:
    if isinstance(value, dict):
        return {k: _without_labels(v) for k, v in value.items() if k not in LABELS}
    if isinstance(value, list):
        return [_without_labels(v) for v in value]
    return value


def test_json_keeps_its_keys_and_codes_and_gains_labels(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _code, vi, _ = run(capsys, "evaluate", "tu-ky-2023", "--demo", "-f", "json")
    _code, en, _ = run(capsys, "evaluate", "tu-ky-2023", "--demo", "-f", "json", "--lang", "en")
    vi_data, en_data = json.loads(vi), json.loads(en)
    assert _without_labels(vi_data) == _without_labels(en_data)  # codes, numbers, ISO dates
    assert vi_data["as_of"] == "2023-12-20"
    (target,) = [t for t in vi_data["targets"] if t["target"] == "v-3-bi-hai-duoc-bao-ve"]
    assert (target["status"], target["status_label"]) == ("not_met", "không đạt")
    (target,) = [t for t in en_data["targets"] if t["target"] == "v-3-bi-hai-duoc-bao-ve"]
    assert target["status_label"] == "not met"
    item = vi_data["timeliness"]["items"][0]
    assert list(item)[list(item).index("status") + 1] == "status_label"
    assert item["obligation_name"] == "Kế hoạch triển khai thực hiện tại đơn vị, địa phương"
    (row,) = [
        r
        for r in vi_data["indicators"]
        if r["indicator"] == "ty-le-tu-vong-tntt" and r["unit"] == "298"
    ]
    assert row["indicator_unit"] == "/100.000 trẻ em" and round(row["value"], 2) == 20.01


def test_csv_is_data_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    """CSV keeps ``.`` decimals, ISO dates and codes; only the label columns differ."""
    rows = {}
    for lang in ("vi", "en"):
        _code, out, _ = run(capsys, "evaluate", "tu-ky-2023", "--demo", "-f", "csv", "--lang", lang)
        rows[lang] = list(csv.DictReader(io.StringIO(out)))
    assert _without_labels(rows["vi"]) == _without_labels(rows["en"])
    (area,) = [
        r for r in rows["vi"] if r["unit"] == "298" and r["indicator"] == "ty-le-tu-vong-tntt"
    ]
    assert area["value"].startswith("20.01") and area["indicator_unit"] == "/100.000 trẻ em"


def test_status_speaks_the_status_words(capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _ = run(capsys, "status", "tu-ky-2023", "--demo", "--as-of", "2023-12-20")
    assert "Tình hình báo cáo của tu-ky-2023 tính đến ngày 20/12/2023" in out
    assert "\nQuá hạn\n" in out and "\nTrễ hạn\n" in out and "\nTỷ lệ\n" in out
    assert RAW_CODES.search(out) is None
    _code, out, _ = run(capsys, "status", "tu-ky-2023", "--demo", "--lang", "en")
    assert "Reporting status of tu-ky-2023" in out and "on-time rate" in out


def test_html_declares_its_language(capsys: pytest.CaptureFixture[str]) -> None:
    _code, vi, _ = run(capsys, "evaluate", "tu-ky-2023", "--demo", "-f", "html")
    _code, en, _ = run(capsys, "evaluate", "tu-ky-2023", "--demo", "-f", "html", "--lang", "en")
    assert '<html lang="vi">' in vi and '<html lang="en">' in en
    assert re.search(r'<td class="[^"]*\bnot_met\b[^"]*">không đạt</td>', vi)  # ...shown as a word


def test_the_api_reports_in_the_language_asked() -> None:
    import child_welfare_plan as cwp

    evaluation = cwp.evaluate_demo("tu-ky-2023")
    assert cwp.report(evaluation).title == "Đánh giá tu-ky-2023 tính đến ngày 20/12/2023"
    assert cwp.report(evaluation, lang="en").title == "Evaluation of tu-ky-2023 as of 2023-12-20"
    with cwp.language("en"):
        assert cwp.report(evaluation).lang == "en"  # None keeps the language of the block
    text = cwp.render(evaluation, "markdown", lang="vi")
    assert isinstance(text, str) and text.startswith("# Đánh giá tu-ky-2023")
    assert "940.244.000" in text
