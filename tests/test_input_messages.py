"""What reading input and writing output says — findings of a file, errors, plugin
warnings — is shown in the reader's language: Vietnamese by default, English with
``--lang en``, numbers and dates written the reader's way."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from child_welfare_plan.cli import main
from child_welfare_plan.errors import NotFoundError
from child_welfare_plan.i18n import LANG_VARIABLE, language
from child_welfare_plan.i18n.localized import Message, explain
from child_welfare_plan.io.tables import read_csv_table
from child_welfare_plan.plugins import Host
from child_welfare_plan.plugins.contracts import PluginFailure, PluginWarning


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _no_language_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LANG_VARIABLE, raising=False)


def test_a_file_that_is_not_utf8_is_named_in_each_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The bad byte's position is a number: 1.532 in Vietnamese, 1532 in English."""
    head = b"unit,period,indicator,disaggregation,value\n" + b"11074,2023,tre-em,,1\n" * 70
    path = tmp_path / "values.csv"
    path.write_bytes(head + b"11074,2023,tre-em,,\xff\n")
    assert len(head) == 1513
    argv = ("aggregate", "tu-ky-2023", "--data", str(path), "--level", "district")
    code, _, vi = run(capsys, *argv, "--period", "2023")
    assert code == 2
    assert "tệp không phải văn bản UTF-8 (byte lỗi 0xff ở vị trí 1.532)" in vi
    assert "dòng 72" in vi
    code, _, en = run(capsys, *argv, "--period", "2023", "--lang", "en")
    assert code == 2
    assert "the file is not UTF-8 text (bad byte 0xff at byte 1532)" in en
    assert "row 72" in en


def test_an_output_file_that_cannot_be_written_is_said_in_each_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "missing" / "e.txt"
    code, _, vi = run(capsys, "evaluate", "tu-ky-2023", "--demo", "-o", str(target))
    assert code == 2
    assert f"cwp: lỗi: không ghi được {target}: không có thư mục" in vi
    code, _, en = run(capsys, "evaluate", "tu-ky-2023", "--demo", "-o", str(target), "--lang", "en")
    assert code == 2
    assert f"cwp: error: cannot write {target}: no such directory" in en


def test_a_finding_of_the_reader_keeps_english_in_json_and_adds_the_reader_s_words(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """JSON's ``message`` stays English (a stable interface); ``message_label`` is the
    reader's language."""
    path = tmp_path / "values.csv"
    path.write_text(
        "unit;period;indicator;disaggregation;value\n11074;2023;tre-em;;1800\n", encoding="utf-8"
    )
    argv = ("aggregate", "tu-ky-2023", "--data", str(path), "--level", "district")
    for lang, label in (
        ("vi", "các cột được phân cách bằng dấu chấm phẩy, không phải dấu phẩy"),
        ("en", "the columns are separated by semicolons, not commas"),
    ):
        _, out, _ = run(capsys, *argv, "--period", "2023", "--format", "json", "--lang", lang)
        [finding] = [f for f in json.loads(out)["findings"] if f["code"] == "separator-detected"]
        assert finding["message"].startswith("the columns are separated by semicolons")
        assert finding["message_label"].startswith(label)


def test_findings_of_a_table_are_messages_with_their_arguments(tmp_path: Path) -> None:
    path = tmp_path / "values.csv"
    path.write_text("unit,unit\n1,2\n", encoding="utf-8")
    [finding] = read_csv_table(path).findings
    assert isinstance(finding.message, Message)
    assert finding.message == "column 'unit' appears twice"
    with language("vi"):
        assert finding.text() == "cột 'unit' xuất hiện hai lần"
    with language("en"):
        assert finding.text() == "column 'unit' appears twice"


def test_an_unknown_plan_is_named_in_the_reader_s_language() -> None:
    host = Host(entry_points=False)
    with pytest.raises(NotFoundError) as caught:
        host.plan("khong-co")
    assert str(caught.value) == "unknown plan 'khong-co' (installed: none installed)"
    assert explain(caught.value, "vi") == "không có kế hoạch 'khong-co' (chưa cài đặt kế hoạch nào)"


def test_plugin_warnings_and_failures_speak_the_reader_s_language() -> None:
    """A day two plugins set differently is written as the reader writes dates."""
    warning = PluginWarning(
        "cwp-b",
        Message(
            "{day} is made a day off here but a working day by plugin {other!r}, whose "
            "setting is kept",
            day=date(2023, 9, 2),
            other="cwp-a",
        ),
    )
    assert str(warning) == (
        "plugin 'cwp-b': 2023-09-02 is made a day off here but a working day by plugin "
        "'cwp-a', whose setting is kept"
    )
    with language("vi"):
        assert warning.text() == (
            "phần mở rộng 'cwp-b': ngày 02/09/2023 được đặt là ngày nghỉ ở đây nhưng là ngày "
            "làm việc theo phần mở rộng 'cwp-a'; giữ cách đặt của phần mở rộng đó"
        )
    failure = PluginFailure("cwp-b", "register_plans", ValueError("boom"))
    assert str(failure) == "plugin 'cwp-b' failed in hook register_plans: ValueError: boom"
    with language("vi"):
        assert failure.text() == (
            "phần mở rộng 'cwp-b' lỗi trong hook register_plans: ValueError: boom"
        )
