"""``cwp remind``: one công văn đôn đốc per overdue reporter, naming each overdue report,
its last on-time day and the days overdue; an index of what was written."""

from __future__ import annotations

import builtins
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from child_welfare_plan.cli import main
from child_welfare_plan.reports.reminders import reminders
from child_welfare_plan.rules.timeliness import timeliness
from tests.conftest import small_plan
from tests.test_golden import DEMO

docx = pytest.importorskip("docx")

ARGS = ["remind", "tu-ky-2023", "--submissions", str(DEMO / "submissions.csv")]


def _vi(iso: str) -> str:
    """An ISO date as a Vietnamese document writes it (dd/mm/yyyy)."""
    return date.fromisoformat(iso).strftime("%d/%m/%Y")


def _letter_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [c.text for c in table._cells]
    return "\n".join(parts)


def test_one_letter_per_overdue_reporter_with_an_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "letters"
    code = main([*ARGS, "--as-of", "2023-12-20", "-o", str(out), "-f", "json"])
    index = json.loads(capsys.readouterr().out)
    assert code == 0
    status_code = main(
        ["status", *ARGS[1:], "--as-of", "2023-12-20", "-f", "json", "-o", str(tmp_path / "s")]
    )
    assert status_code == 0
    items = json.loads((tmp_path / "s").read_text())["items"]
    overdue = [i for i in items if i["status"] == "overdue"]
    assert {i["reporter"] for i in overdue} == {x["reporter"] for x in index["letters"]}
    files = sorted(p.name for p in out.iterdir())
    assert files == sorted(x["file"] for x in index["letters"])  # nothing else, no temp file
    for letter in index["letters"]:
        assert re.fullmatch(r"[a-z0-9-]+\.docx", letter["file"])
        text = _letter_text(out / letter["file"])
        assert f"Kính gửi: {letter['name']}" in text
        assert "V/v đôn đốc gửi báo cáo" in text and "Số: …/UBND-LĐTBXH" in text
        assert "Tứ Kỳ, ngày 20 tháng 12 năm 2023" in text
        mine = [i for i in overdue if i["reporter"] == letter["reporter"]]
        assert len(letter["reports"]) == len(mine)
        for item in mine:  # a Vietnamese letter writes its dates dd/mm/yyyy
            assert _vi(item["last_on_time_day"]) in text
            assert f"\n{item['days_overdue']}\n" in f"\n{text}\n"


def test_the_police_letter_names_both_of_its_overdue_reports(tmp_path: Path) -> None:
    out = tmp_path / "letters"
    assert main([*ARGS, "--as-of", "2023-12-20", "-o", str(out)]) == 0
    text = _letter_text(out / "don-doc-cong-an-cong-an-huyen.docx")
    assert "Kế hoạch triển khai thực hiện tại đơn vị, địa phương" in text
    assert "Báo cáo kết quả thực hiện 06 tháng" in text
    assert "29/03/2023" in text and "266" in text and "14/06/2023" in text and "189" in text


def test_nobody_overdue_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "letters"
    assert main([*ARGS, "--as-of", "2023-01-02", "-o", str(out)]) == 0
    assert "Không có đơn vị nào quá hạn" in capsys.readouterr().out
    assert not out.exists()


def test_letters_are_grouped_by_reporter_and_named_uniquely() -> None:
    plan = small_plan()
    result = timeliness(plan, [], as_of=date(2023, 12, 20))
    letters = reminders(result, plan)
    assert [r.reporter for r in letters] == ["ubnd-11074", "ubnd-11083", "y-te"]
    assert len({r.file for r in letters}) == 3
    assert all(r.letter.document is not None for r in letters)
    (y_te,) = [r for r in letters if r.reporter == "y-te"]
    assert y_te.letter.document is not None and y_te.letter.document.addressees == ("Phòng Y tế",)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "cwp remind needs -o DIR"),
        (["-o", "FILE"], "is a file; expected a directory"),
    ],
)
@pytest.mark.usefixtures("in_english")
def test_bad_output_exits_2(
    extra: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "FILE").write_text("x")
    extra = [str(tmp_path / e) if e == "FILE" else e for e in extra]
    code = main([*ARGS, "--as-of", "2023-12-20", *extra])
    err = capsys.readouterr().err
    assert code == 2 and message in err and len(err.splitlines()) == 1


def test_without_the_office_extra_nothing_is_written(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real_import = builtins.__import__

    def no_docx(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] == "docx":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_docx)
    out = tmp_path / "letters"
    code = main([*ARGS, "--as-of", "2023-12-20", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    assert err.splitlines()[0] == (
        "cwp: lỗi: định dạng docx cần gói tùy chọn `office`: "
        "pip install 'child-welfare-plan[office]'"
    )


def test_a_bad_option_writes_no_letter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "letters"
    code = main([*ARGS, "--as-of", "2023-12-20", "-o", str(out), "-f", "csv", "--table", "nope"])
    assert code == 2
    assert "không có bảng 'nope'" in capsys.readouterr().err
    assert not out.exists()


def test_letters_of_an_earlier_run_are_kept_and_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "letters"
    assert main([*ARGS, "--as-of", "2023-12-20", "-o", str(out), "-f", "json"]) == 0
    december = {x["file"] for x in json.loads(capsys.readouterr().out)["letters"]}
    (out / "ghi-chu.docx").write_bytes(b"a file of the office's own")
    assert main([*ARGS, "--as-of", "2023-07-01", "-o", str(out), "-f", "json"]) == 0
    index = json.loads(capsys.readouterr().out)
    july = {x["file"] for x in index["letters"]}
    assert july and december - july  # fewer reporters were overdue in July
    (warning,) = [f for f in index["findings"] if f["code"] == "earlier-letters"]
    assert warning["severity"] == "warning"
    assert all(name in warning["message"] for name in sorted(december - july)[:5])
    assert "ghi-chu.docx" not in warning["message"]
    # Nothing is deleted: the office's file and December's letters are all still there.
    assert {p.name for p in out.iterdir()} == december | july | {"ghi-chu.docx"}
