"""Findings, errors and reasons of the rules, engines and calendars are shown in the reader's
language: Vietnamese by default, English on request, numbers and dates written the reader's
way, while JSON keeps the English text."""

from __future__ import annotations

import json
from datetime import date

import attrs
import pytest

from child_welfare_plan.calendars.dates import parse_date
from child_welfare_plan.calendars.deadlines import resolve
from child_welfare_plan.cli import main
from child_welfare_plan.engines import choose
from child_welfare_plan.errors import CwpError
from child_welfare_plan.i18n import language
from child_welfare_plan.i18n.localized import Message, explain, localize
from child_welfare_plan.model import Target
from child_welfare_plan.model.deadlines import parse_deadline
from child_welfare_plan.rules.targets import Measurement, evaluate_target
from child_welfare_plan.rules.validate import validate_plan
from tests.conftest import small_plan


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_deadline_roll_is_explained_in_vietnamese_by_default(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """09/12/2023 is a Saturday and 10/12/2023 a Sunday: "trước ngày 10/12/2023" rolls to
    Monday 11/12/2023 (Civil Code 2015 Art. 148.5)."""
    monkeypatch.delenv("CWP_LANG", raising=False)
    code, out, _ = run(capsys, "deadline", "trước ngày 10/12/2023")
    assert code == 0
    assert (
        "Thứ Bảy 09/12/2023 và Chủ nhật 10/12/2023 là ngày nghỉ nên ngày cuối cùng đúng hạn "
        "chuyển từ 09/12/2023 sang ngày làm việc tiếp theo, 11/12/2023 "
        "(Bộ luật Dân sự 2015, khoản 5 Điều 148), sau ngày văn bản ghi (10/12/2023)"
    ) in " ".join(out.split())  # the text report wraps long lines
    assert "days off" not in out


def test_the_deadline_roll_is_explained_in_english_on_request(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "deadline", "trước ngày 10/12/2023", "--lang", "en")
    assert code == 0
    assert "Saturday 09/12/2023 and Sunday 10/12/2023 are days off" in " ".join(out.split())
    assert "là ngày nghỉ" not in out


def test_the_deadline_json_keeps_the_english_reason_and_adds_the_readers(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CWP_LANG", raising=False)
    code, out, _ = run(capsys, "deadline", "trước ngày 10/12/2023", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["reason"].startswith("Saturday 09/12/2023 and Sunday 10/12/2023 are days off")
    assert data["reason_label"].startswith("Thứ Bảy 09/12/2023 và Chủ nhật 10/12/2023")
    code, out, _ = run(capsys, "deadline", "trước ngày 10/12/2023", "--format", "json")
    unrolled = resolve(parse_deadline("trước ngày 10/12/2023"), roll=False).to_dict()
    assert unrolled["reason"] is None and unrolled["reason_label"] is None


def test_the_days_off_are_named_with_their_holidays_in_either_language() -> None:
    """Labour Code 2019 Art. 112 and the 2023 holiday calendar: 02/9/2023 National Day, 03/9
    a Sunday, 04/9 the day off in lieu; "chậm nhất ngày 02/9/2023" moves to 05/9/2023."""
    deadline = resolve(parse_deadline("chậm nhất ngày 02/9/2023"))
    assert deadline.reason is not None
    assert str(deadline.reason).startswith(
        "02/9/2023 (National Day), Sunday 03/9/2023 and 04/9/2023 (National Day (observed)) "
        "are days off"
    )
    with language("vi"):
        shown = localize(deadline.reason)
    assert shown.startswith(
        "02/09/2023 (Quốc khánh), Chủ nhật 03/09/2023 và 04/09/2023 (Quốc khánh (nghỉ bù)) "
        "là ngày nghỉ nên ngày cuối cùng đúng hạn chuyển từ 02/09/2023 sang ngày làm việc "
        "tiếp theo, 05/09/2023"
    )


def test_a_cli_error_from_the_calendars_is_vietnamese_by_default(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CWP_LANG", raising=False)
    code, _, err = run(capsys, "deadline", "trong 3 ngày làm việc")
    assert code == 2
    assert "cwp: lỗi:" in err and "tính từ một sự việc" in err and "--anchor" in err
    code, _, err = run(capsys, "deadline", "trong 3 ngày làm việc", "--lang", "en")
    assert code == 2
    assert "counts from an event" in err


def test_a_date_error_is_explained_in_the_readers_language() -> None:
    with pytest.raises(CwpError) as caught:
        parse_date("31/02/2023")
    assert str(caught.value).startswith("'31/02/2023' is not a real date")
    assert explain(caught.value, "vi").startswith("'31/02/2023' không phải là ngày có thật")


def test_an_engine_error_is_explained_in_the_readers_language() -> None:
    with pytest.raises(CwpError) as caught:
        choose("abacus")
    assert explain(caught.value, "en") == str(caught.value)
    assert explain(caught.value, "vi").startswith("không có bộ máy 'abacus'")


def test_a_plan_finding_is_vietnamese_and_its_json_keeps_the_english() -> None:
    plan = attrs.evolve(small_plan(), coordinator="khong-co")
    findings = [f for f in validate_plan(plan) if f.code == "unknown-agency"]
    assert findings
    finding = findings[0]
    assert finding.message == 'unknown agency "khong-co"'
    with language("vi"):
        assert finding.text() == 'không có cơ quan "khong-co"'
        assert finding.to_dict()["message"] == 'unknown agency "khong-co"'
        assert finding.to_dict()["message_label"] == 'không có cơ quan "khong-co"'
    with language("en"):
        assert finding.text() == 'unknown agency "khong-co"'


TARGET = Target(id="t", indicator="ty-le", value=1000, year=2023)


def test_a_targets_reason_writes_numbers_the_readers_way() -> None:
    result = evaluate_target(TARGET, Measurement(value=1234.5), as_of_year=2023)
    assert result.reason == "1234.5 ≥ 1000 (target for 2023)"
    with language("vi"):
        assert localize(result.reason) == "1.234,5 ≥ 1.000 (mục tiêu năm 2023)"
        data = result.to_dict()
    assert data["reason"] == "1234.5 ≥ 1000 (target for 2023)"
    assert data["reason_label"] == "1.234,5 ≥ 1.000 (mục tiêu năm 2023)"


def test_a_coverage_reason_writes_percentages_the_readers_way() -> None:
    measured = Measurement(
        value=5.0, coverage=2 / 3, complete=False, reported=2, expected=3, reason="late data"
    )
    result = evaluate_target(TARGET, measured, as_of_year=2023, min_coverage=0.8)
    assert str(result.reason) == (
        "Only 2 of 3 units reported (coverage 66.7 %); judging the target for 2023 needs "
        "80 %. Late data."
    )
    with language("vi"):
        shown = localize(result.reason)
    assert shown.startswith(
        "Chỉ 2/3 đơn vị đã báo cáo (độ bao phủ 66,7 %); đánh giá mục tiêu năm 2023 cần 80 %."
    )


def test_a_reason_from_the_aggregate_is_made_a_sentence_in_either_language() -> None:
    given = Message("the denominator {code} is zero", code="so-tre")
    result = evaluate_target(TARGET, Measurement(value=None, reason=given), as_of_year=2023)
    assert result.reason == "The denominator so-tre is zero."
    with language("vi"):
        assert localize(result.reason) == "Mẫu số so-tre bằng 0."


def test_an_in_force_finding_writes_its_dates_the_readers_way() -> None:
    plan = small_plan()
    gone = [
        attrs.evolve(u, valid_to=date(2023, 3, 31)) if u.code == plan.area else u
        for u in plan.units
    ]
    findings = validate_plan(attrs.evolve(plan, units=gone))
    mine = [f for f in findings if f.code == "unit-not-in-force"]
    assert mine
    assert "2023-03-31" in mine[0].message
    with language("vi"):
        assert "31/03/2023" in mine[0].text() and "không tồn tại" in mine[0].text()
