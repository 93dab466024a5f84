"""The model's and the catalog's errors speak the reader's language: Vietnamese by default,
English with ``--lang en``; numbers and dates written the reader's way."""

from __future__ import annotations

import json
import pickle
from datetime import date
from pathlib import Path

import pytest

from child_welfare_plan.catalogs import national_catalog
from child_welfare_plan.cli import main
from child_welfare_plan.errors import (
    InvalidValueError,
    NotFoundError,
    ParseError,
    PlanFileError,
    reason,
)
from child_welfare_plan.i18n import LANG_VARIABLE, language
from child_welfare_plan.i18n.localized import Message, explain
from child_welfare_plan.io.plans import dumps_plan_json, plan_from_data
from child_welfare_plan.model import AdministrativeUnit, Hierarchy, Level
from child_welfare_plan.model.cells import echo
from child_welfare_plan.model.deadlines import parse_deadline
from child_welfare_plan.model.findings import Composed, Finding, joined
from child_welfare_plan.model.periods import parse_period
from tests.conftest import small_plan
from tests.test_planfile import findings_of


@pytest.fixture(autouse=True)
def _no_language_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LANG_VARIABLE, raising=False)


def test_a_bad_period_id_is_explained_in_vietnamese_then_in_english_on_request(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["period", "2023Q5"]) == 2
    vi = capsys.readouterr().err
    assert "không đọc được mã kỳ '2023Q5'" in vi
    assert "số thứ tự 5 của kỳ quý nằm ngoài phạm vi: cần từ 1 đến 4" in vi
    assert "2023Q2 (quý)" in vi and "expected" not in vi
    assert main(["period", "2023Q5", "--lang", "en"]) == 2
    en = capsys.readouterr().err
    assert "cannot read period id '2023Q5'" in en
    assert "quarterly period index 5 is out of range: expected 1..4" in en


def test_a_deadline_phrase_names_its_limit_as_the_reader_writes_numbers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The largest time limit, 999,999 days, with the reader's thousands separator."""
    phrase = "trong vòng 1000000 ngày kể từ ngày 01/6/2023"
    assert main(["deadline", phrase]) == 2
    assert "999.999" in capsys.readouterr().err
    assert main(["deadline", phrase, "--lang", "en"]) == 2
    assert "at most 999999" in capsys.readouterr().err


def test_a_plan_files_field_error_is_a_vietnamese_finding_at_its_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The validator's "Owner.field: problem" becomes the finding's path and its words."""
    data = json.loads(dumps_plan_json(small_plan()))
    data["agencies"][1]["code"] = "có dấu"
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    vi = capsys.readouterr()
    assert "agencies[1].code" in vi.out + vi.err
    assert "'có dấu' không phải là mã" in vi.out + vi.err
    assert main(["validate", str(path), "--lang", "en"]) == 1
    en = capsys.readouterr()
    assert "'có dấu' is not a code" in en.out + en.err


def test_a_finding_keeps_english_and_labels_it_in_vietnamese() -> None:
    data = json.loads(dumps_plan_json(small_plan()))
    data["year"] = 2023.5
    with pytest.raises(PlanFileError) as caught:
        plan_from_data(data, source="p.json")
    (finding,) = findings_of(caught.value)
    assert finding.message == "expected a whole number, got 2023.5"
    with language("vi"):
        shown = finding.to_dict()
        summary = explain(caught.value)
    assert shown["message"] == "expected a whole number, got 2023.5"
    assert shown["message_label"] == "cần một số nguyên, nhưng nhận được 2023.5"
    assert str(caught.value) == "p.json: year: expected a whole number, got 2023.5"
    assert summary == "p.json: year: cần một số nguyên, nhưng nhận được 2023.5"


def test_a_unit_looked_up_on_a_day_names_the_day_as_the_reader_writes_dates() -> None:
    units = Hierarchy(
        (
            AdministrativeUnit(
                code="11074",
                name="Xã An Thanh",
                level=Level.COMMUNE,
                parent="30",
                valid_to=date(2025, 6, 30),
            ),
            AdministrativeUnit(code="30", name="Tỉnh Hải Dương", level=Level.PROVINCE),
        )
    )
    with pytest.raises(NotFoundError) as caught:
        units.get("11074", date(2025, 7, 1))
    assert str(caught.value).startswith("no administrative unit had code '11074' on 2025-07-01")
    assert "… to 2025-06-30" in str(caught.value)
    vi = explain(caught.value, "vi")
    assert "01/07/2025" in vi and "30/06/2025" in vi and "2025-" not in vi


def test_an_unknown_catalog_code_names_its_kind_in_the_readers_words() -> None:
    with pytest.raises(NotFoundError) as caught:
        national_catalog().indicator("khong-co")
    assert str(caught.value).startswith("unknown indicator 'khong-co' (known: ")
    assert explain(caught.value, "vi").startswith("Chỉ tiêu 'khong-co' không có trong danh mục")


def test_a_long_echo_counts_its_characters_the_readers_way() -> None:
    text = "x" * 5000
    with pytest.raises(ParseError) as caught:
        parse_deadline(text)
    assert "(5,000 characters)" in str(caught.value)
    assert "(5.000 ký tự)" in explain(caught.value, "vi")
    assert echo(text).localized("vi").endswith("(5.000 ký tự)")  # type: ignore[attr-defined]


def test_reason_passes_a_message_on_and_plain_text_as_it_is() -> None:
    with pytest.raises(ParseError) as caught:
        parse_period("2023Q5")
    assert isinstance(reason(caught.value), Message)
    assert reason(ValueError("plain")) == "plain"
    assert reason(InvalidValueError("a", "b")) == "('a', 'b')"


def test_composed_messages_translate_their_parts_and_survive_pickling() -> None:
    part = Message("a list")
    made = Composed("{path}: {problem}", path="tasks[3]", problem=part)
    assert made == "tasks[3]: a list"
    assert made.localized("vi") == "tasks[3]: một danh sách"
    again = pickle.loads(pickle.dumps(made))
    assert type(again) is Composed and again.localized("vi") == made.localized("vi")
    listed = joined([Message("a list"), "x"], "; ")
    assert listed == "a list; x" and listed.localized("vi") == "một danh sách; x"  # type: ignore[attr-defined]
    assert joined(["a", "b"]) == "a, b"


def test_a_finding_made_from_a_model_error_is_shown_in_the_current_language() -> None:
    with pytest.raises(ParseError) as caught:
        parse_period("2023W60")
    finding = Finding.error("bad-period", reason(caught.value), file="x.csv", row=2)
    with language("vi"):
        assert finding.text().startswith("không đọc được mã kỳ '2023W60'")
    with language("en"):
        assert finding.text().startswith("cannot read period id '2023W60'")
