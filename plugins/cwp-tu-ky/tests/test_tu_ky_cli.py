"""``cwp plans``, ``cwp show`` and ``cwp validate`` on the installed pack."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from child_welfare_plan.cli import main
from child_welfare_plan.io.plans import plan_from_data
from child_welfare_plan.model import Plan
from child_welfare_plan.plugins import Host, reset_host
from cwp_tu_ky import PLAN_FILE


@pytest.fixture
def installed() -> Iterator[Host]:
    """A fresh plugin host that finds plugins through their entry points, as `cwp` does."""
    host = Host(disabled=())
    reset_host(host)
    yield host
    reset_host(None)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_plans_lists_the_pack_plan(installed: Host, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "plans", "--format", "json")
    assert code == 0
    assert {
        "id": "tu-ky-2023",
        "year": 2023,
        "title": "Kế hoạch thực hiện công tác trẻ em năm 2023",
        "issuer": "ubnd-huyen",
    } in json.loads(out)["plans"]
    assert "tu_ky" not in err  # the pack loaded without a failure


def test_show_json_is_the_plan_with_citations(
    installed: Host, plan: Plan, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "show", "tu-ky-2023", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert plan_from_data(data) == plan
    assert [r["citation"] for r in data["based_on"]] == ["606/KH-UBND", "131/KH-UBND"]
    assert data["legal_bases"][7]["citation"] == "13/2021/TT-BLĐTBXH"
    assert "document" not in data


def test_show_text_walks_the_sections(installed: Host, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "tu-ky-2023")
    assert code == 0
    for heading in ("I. Mục đích", "II. Chỉ tiêu", "IV. Kinh phí", "Sự kiện", "VI. Chế độ báo cáo"):
        assert heading in out
    assert "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH Dương Hà Hải" in out
    assert "Văn bản: không có số, ngày" in out
    code, out, _ = run(capsys, "show", "tu-ky-2023", "--lang", "en")
    for heading in ("I. Purposes", "II. Objectives", "IV. Funding", "Events", "VI. Reporting"):
        assert heading in out
    assert "Document: no number or date given" in out
    assert "V.9. District Committee of the Vietnam Fatherland Front (requested)" in out
    assert "Các phòng, ban ngành có liên quan khác" in out


def test_validate_exits_0_with_exactly_the_four_expected_warnings(
    installed: Host, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "validate", "tu-ky-2023", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["plan"] == "tu-ky-2023"
    assert [(f["severity"], f["code"], f["location"]["path"]) for f in data["findings"]] == [
        ("warning", "event-before-plan-span", "events[0].when"),
        ("warning", "due-before-period-ends", "obligations[2].deadline"),
        ("warning", "rolled-past-named-day", "obligations[4].deadline"),
        ("warning", "due-before-period-ends", "obligations[4].deadline"),
    ]
    code, out, _ = run(capsys, "validate", "tu-ky-2023")
    assert code == 0 and "0 lỗi, 4 cảnh báo." in out


def test_validate_the_plan_file_names_the_file(
    installed: Host, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(PLAN_FILE)
    code, out, _ = run(capsys, "validate", path, "--format", "json")
    assert code == 0
    assert {f["location"]["file"] for f in json.loads(out)["findings"]} == {path}


def test_calendar_lists_the_events_and_deadlines_of_2023(
    installed: Host, capsys: pytest.CaptureFixture[str]
) -> None:
    """Tết 2023 = 22/01, Trung thu = 29/09 (15/8 lunar, UTC+7); "trước ngày 10/12/2023" is
    due by Monday 11/12 (the 9th and 10th are a weekend: Civil Code 2015 Art. 148.5)."""
    code, out, _ = run(capsys, "calendar", "tu-ky-2023", "--format", "json")
    assert code == 0
    items = {(i["kind"], i["id"]): i for i in json.loads(out)["items"]}
    assert items[("event", "tet-nguyen-dan")]["start"] == "2023-01-22"
    assert items[("event", "tet-trung-thu")]["start"] == "2023-09-29"
    assert items[("event", "thang-hanh-dong")]["end"] == "2023-06-30"
    assert items[("deadline", "bao-cao-6-thang")]["start"] == "2023-06-14"
    assert items[("deadline", "bao-cao-nam-tinh")]["start"] == "2023-12-11"
    starts = [i["start"] for i in json.loads(out)["items"]]
    assert starts == sorted(starts)
    code, out, _ = run(
        capsys, "calendar", "tu-ky-2023", "--agency", "ubnd-11074", "--format", "json"
    )
    ids = {i["id"] for i in json.loads(out)["items"]}
    assert "bao-cao-6-thang" in ids and "bao-cao-6-thang-tinh" not in ids


def test_evaluate_demo_is_a_report_an_officer_can_send(
    installed: Host, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "evaluate", "tu-ky-2023", "--demo")
    assert code == 0, err
    for heading in (
        "Tóm tắt",
        "Tính kịp thời: quá hạn",
        "Tính kịp thời: trễ hạn",
        "Tính kịp thời: tỷ lệ",
        "Các chỉ tiêu chính, kỳ 2023",
        "Tổng hợp toàn địa bàn: Huyện Tứ Kỳ (298)",
        "Mục tiêu",
        "Phát hiện",
    ):
        assert f"\n{heading}\n" in out
    assert "tính đến ngày 20/12/2023" in out
    code, out, _ = run(capsys, "evaluate", "tu-ky-2023", "--demo", "--format", "json")
    data = json.loads(out)
    assert data["timeliness"]["rates"][1]["obligation"] == "bao-cao-6-thang"
    assert {r["unit"] for r in data["indicators"]} >= {"298", "11074"}
    assert {t["target"] for t in data["targets"]} >= {"v-3-bi-hai-duoc-bao-ve"}
