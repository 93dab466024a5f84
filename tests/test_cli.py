"""The ``cwp`` command: formats, atomic output, exit codes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from child_welfare_plan.cli import main
from child_welfare_plan.io.plans import dumps_plan_json
from child_welfare_plan.plugins import Host
from tests.conftest import small_plan


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_plans_lists_id_year_title_issuer(host: Host, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plans", "--format", "json")
    assert code == 0
    assert json.loads(out) == {
        "plans": [{"id": "thu-2023", "year": 2023, "title": "Kế hoạch thử", "issuer": "ubnd-huyen"}]
    }
    code, out, _ = run(capsys, "plans")
    assert "thu-2023" in out and "UBND huyện Tứ Kỳ" in out


def test_show_json_is_the_plan_exchange_form(
    host: Host, capsys: pytest.CaptureFixture[str]
) -> None:
    from child_welfare_plan.io.plans import plan_from_data

    code, out, _ = run(capsys, "show", "thu-2023", "--format", "json")
    assert code == 0
    assert plan_from_data(json.loads(out)) == small_plan()


def test_show_text_goes_section_by_section(host: Host, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "thu-2023", "--lang", "en")
    assert code == 0
    for heading in ("I. Purposes", "II. Objectives", "III.", "V.", "Events", "VI. Reporting"):
        assert heading in out
    # A task with no lead falls to the coordinator, shown by its name.
    assert "(Phòng Lao động – Thương binh và Xã hội)" in out


def test_validate_exits_0_with_warnings_only(
    host: Host, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "validate", "thu-2023", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["plan"] == "thu-2023"
    assert all(f["severity"] != "error" for f in data["findings"])


def test_validate_a_plan_file_with_errors_exits_1_and_names_file_and_path(
    host: Host, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = json.loads(dumps_plan_json(small_plan()))
    data["task_groups"][0]["tasks"][1]["lead"] = "y-te2"
    data["year"] = "two thousand"
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(path), "--format", "json")
    assert code == 1
    findings = json.loads(out)["findings"]
    assert [f["location"]["path"] for f in findings] == ["year"]
    assert findings[0]["location"]["file"] == str(path)
    data["year"] = 2023
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(path), "--format", "json")
    assert code == 1
    (finding,) = [f for f in json.loads(out)["findings"] if f["severity"] == "error"]
    assert finding["location"]["path"] == "task_groups[0].tasks[1].lead"
    assert finding["message"] == 'unknown agency "y-te2"'


def test_unknown_plan_is_one_line_on_stderr_and_exit_2(
    host: Host, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "show", "nope")
    assert code == 2
    assert out == ""
    assert err == "cwp: lỗi: không có kế hoạch 'nope' (đã cài đặt: thu-2023)\n"
    code, out, err = run(capsys, "show", "nope", "--lang", "en")
    assert (code, out) == (2, "")
    assert err == "cwp: error: unknown plan 'nope' (installed: thu-2023)\n"


def test_bad_usage_exits_2(host: Host, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["period"])
    assert exc.value.code == 2
    code, _, err = run(capsys, "plans", "--format", "pdf")
    assert code == 2 and "không có định dạng đầu ra 'pdf'" in err
    code, _, err = run(capsys, "plans", "--format", "pdf", "--lang", "en")
    assert code == 2 and "unknown output format 'pdf'" in err


def test_deadline_json(host: Host, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "deadline", "trước ngày 10/12/2023", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert {k: data[k] for k in ("rule", "date", "last_on_time_day", "rolled", "due_at")} == {
        "rule": "before",
        "date": "2023-12-10",
        "last_on_time_day": "2023-12-11",
        "rolled": True,
        "due_at": None,
    }
    assert [d["date"] for d in data["days_off"]] == ["2023-12-09", "2023-12-10"]
    code, out, _ = run(capsys, "deadline", "trước ngày 10/12/2023", "--no-roll", "--format", "json")
    assert json.loads(out)["last_on_time_day"] == "2023-12-09"
    assert (json.loads(out)["reason"], json.loads(out)["days_off"]) == (None, [])
    code, _, err = run(capsys, "deadline", "sớm nhất có thể")
    assert code == 2 and "sớm nhất có thể" in err


def test_deadline_with_a_time_of_day_gives_due_at(
    host: Host, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "Trước 16 giờ 00 ngày 14/6/2024": before 16:00 on Friday 14/6/2024, Vietnam time."""
    code, out, _ = run(capsys, "deadline", "trước 16 giờ 00 ngày 14/6/2024", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["last_on_time_day"], data["due_at"]) == ("2024-06-14", "2024-06-14T16:00:00+07:00")


def test_deadline_says_why_it_rolled(host: Host, capsys: pytest.CaptureFixture[str]) -> None:
    """Civil Code 2015 Art. 148.5; 09/12/2023 is a Saturday, 10/12/2023 a Sunday."""
    code, out, _ = run(capsys, "deadline", "trước ngày 10/12/2023", "--lang", "en")
    assert code == 0
    assert "reason: Saturday 09/12/2023 and Sunday 10/12/2023 are days off" in out
    assert "day off: 2023-12-09 Thứ Bảy (weekend)" in out
    assert "day off: 2023-12-10 Chủ nhật (weekend)" in out


def test_deadline_takes_the_year_a_phrase_leaves_out(
    host: Host, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "deadline", "truoc ngay 15/6", "--year", "2024", "-f", "json")
    assert code == 0 and json.loads(out)["last_on_time_day"] == "2024-06-14"
    code, _, err = run(capsys, "deadline", "truoc ngay 15/6")
    assert code == 2 and "--year" in err


def test_deadline_that_sets_no_time_limit_is_refused_with_the_reason(
    host: Host, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "deadline", "kịp thời", "--lang", "en")
    assert code == 2 and "sets no time limit" in err
    code, _, err = run(capsys, "deadline", "kịp thời")
    assert code == 2 and "không nêu thời hạn" in err


@pytest.mark.usefixtures("in_english")
def test_lunar_both_ways(host: Host, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lunar", "2023-09-29", "--format", "json")
    assert json.loads(out) == {
        "solar": "2023-09-29",
        "lunar_day": 15,
        "lunar_month": 8,
        "lunar_year": 2023,
        "leap": False,
        "festival": {
            "code": "tet-trung-thu",
            "name_vi": "Tết Trung thu",
            "name_en": "Mid-Autumn Festival",
        },
        "year_name": {"vi": "Quý Mão", "en": "Water Cat"},
    }
    code, out, _ = run(capsys, "lunar", "01/01/1985", "--to-solar", "--format", "json")
    assert json.loads(out)["solar"] == "1985-01-21"
    code, out, _ = run(capsys, "lunar", "15/02/2023", "--to-solar", "--leap", "--format", "json")
    assert json.loads(out)["leap"] is True
    code, _, err = run(capsys, "lunar", "30/02/2023", "--to-solar", "--leap")
    assert code == 2 and err.startswith("cwp: error:")


def test_period_json(host: Host, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "period", "2023S1", "--format", "json")
    assert json.loads(out) == {
        "id": "2023S1",
        "type": "sixmonthly",
        "start": "2023-01-01",
        "end": "2023-06-30",
    }
    code, out, _ = run(capsys, "period", "2023S1", "--convention", "nd09", "--format", "json")
    assert json.loads(out)["start"] == "2022-12-15"
    code, _, err = run(capsys, "period", "2023H1")
    assert code == 2 and "2023S1" in err


def test_output_is_written_atomically_and_format_follows_the_suffix(
    host: Host, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "plans.json"
    target.write_text("old", encoding="utf-8")
    code, out, _ = run(capsys, "plans", "--output", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["plans"][0]["id"] == "thu-2023"
    assert [p.name for p in tmp_path.iterdir()] == ["plans.json"]


def test_a_failed_render_leaves_the_old_file(
    host: Host, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    def crash(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    code, _, err = run(capsys, "plans", "--output", str(target))
    assert code == 2 and "disk full" in err
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


@pytest.mark.usefixtures("in_english")
def test_plugin_failures_are_warned_on_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from child_welfare_plan.plugins import reset_host

    def broken() -> object:
        raise RuntimeError("boom")

    test_host = Host(entry_points=False)
    test_host._register("broken-pack", broken)
    reset_host(test_host)
    try:
        code, _, err = run(capsys, "plans")
    finally:
        reset_host(None)
    assert code == 0
    assert "cwp: warning: plugin 'broken-pack' failed while loading: RuntimeError: boom" in err


@pytest.mark.parametrize("bad", ["foo", "2023-02-30", "31/02/2023"])
@pytest.mark.usefixtures("in_english")
def test_a_bad_solar_date_is_one_line_and_exit_2(
    host: Host, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    code, out, err = run(capsys, "lunar", bad)
    assert code == 2
    assert out == ""
    assert err.startswith("cwp: error:") and err.count("\n") == 1
    assert bad in err


def test_deadline_in_hours_takes_an_anchor_with_a_time(
    host: Host, capsys: pytest.CaptureFixture[str]
) -> None:
    """Decree 56/2017 Art. 26: within 12 hours of the report; 10:00 on 1/6 → 22:00."""
    code, out, _ = run(
        capsys,
        "deadline",
        "trong thời hạn 12 giờ kể từ khi nhận được tin báo",
        "--anchor",
        "2023-06-01T10:00",
        "--format",
        "json",
    )
    assert code == 0
    assert json.loads(out)["last_on_time_day"] == "2023-06-01"
    assert json.loads(out)["due_at"] == "2023-06-01T22:00:00+07:00"
    code, _, err = run(capsys, "deadline", "trong thời hạn 12 giờ kể từ khi nhận được tin báo")
    assert code == 2 and "--anchor" in err


def test_a_relative_deadline_that_names_its_day_needs_no_anchor(
    host: Host, capsys: pytest.CaptureFixture[str]
) -> None:
    """Five working days from Friday 01/12/2023: 04, 05, 06, 07, 08/12."""
    code, out, _ = run(
        capsys,
        "deadline",
        "trong vòng 05 ngày làm việc kể từ ngày 01/12/2023",
        "--format",
        "json",
    )
    assert code == 0
    assert json.loads(out)["last_on_time_day"] == "2023-12-08"


def test_an_unreadable_plan_file_exits_2(
    host: Host, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("id = \n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(path), "--format", "json")
    assert code == 2
    assert json.loads(out)["findings"][0]["code"] == "unreadable-plan"


def test_calendar_refuses_an_unknown_agency_and_a_reversed_range(
    host: Host, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "calendar", "thu-2023", "--agency", "y-te2", "--lang", "en")
    assert code == 2 and "no agency 'y-te2'" in err and "y-te" in err
    code, _, err = run(capsys, "calendar", "thu-2023", "--agency", "y-te2")
    assert code == 2 and "không có cơ quan 'y-te2'" in err
    code, _, err = run(
        capsys, "calendar", "thu-2023", "--from", "2023-12-01", "--to", "2023-01-01", "--lang", "en"
    )
    assert code == 2 and "before the start" in err
    code, _, err = run(capsys, "calendar", "thu-2023", "--from", "2023-12-01", "--to", "2023-01-01")
    assert code == 2 and "ngày kết thúc 01/01/2023 trước ngày bắt đầu 01/12/2023" in err


def test_output_into_a_missing_folder_names_that_folder(
    host: Host, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "nowhere" / "plans.json"
    code, _, err = run(capsys, "plans", "--output", str(target))
    assert code == 2
    assert f"không ghi được {target}: không có thư mục" in err
    code, _, err = run(capsys, "plans", "--output", str(target), "--lang", "en")
    assert code == 2
    assert f"cannot write {target}: no such directory" in err
    assert ".tmp" not in err


def test_json_and_text_stay_available_with_the_builtin_plugin_blocked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Design §7: json is always available."""
    from child_welfare_plan.plugins import reset_host

    reset_host(Host(entry_points=False, disabled=["builtin"]))
    try:
        code, out, _ = run(capsys, "plans", "--format", "json")
        assert (code, json.loads(out)) == (0, {"plans": []})
        assert run(capsys, "plans")[0] == 0
    finally:
        reset_host(None)
