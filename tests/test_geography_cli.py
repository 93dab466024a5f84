"""``cwp units``, and ``--units-as-of`` / ``--split-weights`` on ``aggregate`` and
``evaluate``, as a user runs them on the Tứ Kỳ pack."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from child_welfare_plan.cli import COMMANDS, main
from cwp_tu_ky import DEMO_DIR

DATA = str(DEMO_DIR.joinpath("data_values.csv"))
SIX = ["11074", "11086", "11113", "11131", "11140", "11146"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_both_commands_are_in_the_fixed_table() -> None:
    assert {"units", "new-pack"} <= set(COMMANDS)


def test_11086_before_the_reform_is_hung_dao_under_district_298(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Xã Hưng Đạo, Tứ Kỳ district (298), until 30/06/2025 (list of 10/04/2023)."""
    code, out, _ = run(capsys, "units", "11086", "--as-of", "2023-06-01", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert (data["name"], data["level"], data["parent"]) == ("Xã Hưng Đạo", "commune", "298")
    assert (data["valid_from"], data["valid_to"]) == (None, "2025-06-30")
    assert data["predecessors"] == []
    assert [(s["code"], s["name"], s["valid_from"], s["share"]) for s in data["successors"]] == [
        ("11086", "Xã Đại Sơn", "2025-07-01", None),
        ("11113", "Xã Tân Kỳ", "2025-07-01", None),
    ]


def test_11086_after_the_reform_is_dai_son_under_hai_phong(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Xã Đại Sơn of Hải Phòng (31) from 01/07/2025, formed from Đại Sơn, Bình Lãng, part of
    Hưng Đạo and part of Thanh Hải (Resolution 1669/NQ-UBTVQH15 (check))."""
    code, out, _ = run(capsys, "units", "11086", "--as-of", "2025-07-01", "-f", "json")
    data = json.loads(out)
    assert code == 0
    assert (data["name"], data["parent"], data["valid_from"]) == ("Xã Đại Sơn", "31", "2025-07-01")
    assert data["parent_name"] == "Thành phố Hải Phòng"
    before = {p["code"]: (p["valid_to"], p["share"]) for p in data["predecessors"]}
    assert before == {
        "10846": ("2025-06-30", None),
        "11083": ("2025-06-30", 1.0),
        "11086": ("2025-06-30", None),
        "11092": ("2025-06-30", 1.0),
    }


def test_the_text_shows_the_whole_history_of_the_code(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "units", "11086", "--as-of", "2025-07-01", "--lang", "en")
    assert code == 0
    assert "11086 Xã Hưng Đạo" in out and "11086 Xã Đại Sơn" in out
    assert out.index("Xã Hưng Đạo, commune") < out.index("Xã Đại Sơn, commune")
    assert "split: 11113 Xã Tân Kỳ, share unknown" in " ".join(out.split())  # wrapped at 100


def test_a_day_when_the_code_named_no_unit_is_exit_2_saying_when_it_did(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "units", "11089", "--as-of", "2025-01-01")
    assert code == 2
    assert "không có đơn vị hành chính nào mang mã '11089' vào ngày 01/01/2025" in err
    assert "Xã Ngọc Kỳ (từ … đến 30/11/2024)" in err
    code, _, err = run(capsys, "units", "11089", "--as-of", "2025-01-01", "--lang", "en")
    assert code == 2
    assert "no administrative unit had code '11089' on 2025-01-01" in err
    assert "Xã Ngọc Kỳ (… to 2024-11-30)" in err
    code, _, err = run(capsys, "units", "99999")
    assert code == 2 and "không có đơn vị hành chính nào mang mã '99999'" in err
    code, _, err = run(capsys, "units", "--lang", "en")
    assert code == 2 and "give a unit code" in err


def test_search_by_name_without_diacritics(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "units", "--search", "tu ky", "-f", "json")
    data = json.loads(out)
    assert code == 0
    assert [(u["code"], u["name"], u["valid_from"], u["valid_to"]) for u in data["units"]] == [
        ("11074", "Thị trấn Tứ Kỳ", None, "2025-06-30"),
        ("11074", "Xã Tứ Kỳ", "2025-07-01", None),
        ("298", "Huyện Tứ Kỳ", None, "2025-06-30"),
    ]
    code, out, _ = run(capsys, "units", "--search", "Hưng Đạo")
    assert code == 0 and "11086" in out


def test_aggregate_as_of_the_reform_refuses_the_splits_until_weights_are_given(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    args = ["aggregate", "tu-ky-2023", "--data", DATA, "--period", "2023", "--level", "commune"]
    code, out, _ = run(capsys, *args, "--units-as-of", "2025-07-01", "-f", "json")
    data = json.loads(out)
    assert code == 1
    assert data["units_as_of"] == "2025-07-01" and data["area"] == "31"
    assert sorted({v["unit"] for v in data["values"]}) == SIX
    refused = [f["message"] for f in data["findings"] if f["code"] == "split-unit-without-weights"]
    assert len(refused) == 2
    assert "Xã Hưng Đạo" in refused[0] and "Xã Tiên Động" in refused[1]
    assert not any(v["estimated"] for v in data["values"])

    weights = tmp_path / "weights.csv"
    weights.write_text(
        "old_code,new_code,share\n11086,11086,0.8\n11086,11113,0.2\n"
        "11143,11140,0.5\n11143,11146,0.5\n",
        encoding="utf-8",
    )
    extra = ["--units-as-of", "2025-07-01", "--split-weights", str(weights), "-f", "json"]
    code, out, _ = run(capsys, *args, *extra)
    data = json.loads(out)
    assert code == 0
    totals = {
        v["unit"]: v
        for v in data["values"]
        if v["indicator"] == "tre-em" and v["disaggregation"] == ""
    }
    assert totals["11113"]["estimated"] and not totals["11131"]["estimated"]
    code, out, _ = run(capsys, *args, *extra[:-2], "--lang", "en")
    assert code == 0 and "estimated" in out
    code, out, _ = run(capsys, *args, *extra[:-2])
    assert code == 0 and "ước tính" in out


@pytest.mark.usefixtures("in_english")
def test_weights_without_a_day_or_a_file_are_usage_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    weights = tmp_path / "w.csv"
    weights.write_text("old_code,new_code,share\n", encoding="utf-8")
    code, _, err = run(
        capsys, "aggregate", "tu-ky-2023", "--data", DATA, "--split-weights", str(weights)
    )
    assert code == 2 and "--split-weights needs --units-as-of" in err
    code, _, err = run(
        capsys,
        "evaluate",
        "tu-ky-2023",
        "--demo",
        "--units-as-of",
        "2025-07-01",
        "--split-weights",
        str(tmp_path / "none.csv"),
    )
    assert code == 2 and "no split_weights file" in err


def test_evaluate_as_of_the_reform(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "evaluate", "tu-ky-2023", "--demo", "--units-as-of", "2025-07-01", "-f", "json"
    )
    data = json.loads(out)
    assert code == 1  # the two divided units are refused
    assert data["units_as_of"] == "2025-07-01" and data["area"] == "31"
    assert {row["unit"] for row in data["indicators"]} == {*SIX, "31"}
    assert data["timeliness"]["plan"] == "tu-ky-2023"
    code, out, _ = run(
        capsys, "evaluate", "tu-ky-2023", "--demo", "--units-as-of", "2025-07-01", "--lang", "en"
    )
    assert "Figures carried onto the units in force on 2025-07-01 (area 31)" in out
