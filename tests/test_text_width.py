"""Readable text tables: every command's text output on the demo is at most 100 columns
wide (tables wrap their text, or split with the row's name and code repeated)."""

from __future__ import annotations

from pathlib import Path

import pytest

from child_welfare_plan.cli import main
from child_welfare_plan.formats.fit import WIDTH, fit_table
from child_welfare_plan.i18n import LANG_VARIABLE

DEMO = Path(__file__).resolve().parents[1] / "plugins/cwp-tu-ky/src/cwp_tu_ky/data/demo"

#: Every command, run on the Tứ Kỳ plan and its demo data (or on nothing national-sized).
COMMANDS: dict[str, tuple[str, ...]] = {
    "plans": ("plans",),
    "show": ("show", "tu-ky-2023"),
    "validate": ("validate", "tu-ky-2023"),
    "calendar": ("calendar", "tu-ky-2023"),
    "status": ("status", "tu-ky-2023", "--demo", "--as-of", "2023-12-20"),
    "aggregate": ("aggregate", "tu-ky-2023", "--demo"),
    "aggregate-district": ("aggregate", "tu-ky-2023", "--demo", "--level", "district"),
    "evaluate": ("evaluate", "tu-ky-2023", "--demo"),
    "evaluate-public": ("evaluate", "tu-ky-2023", "--demo", "--audience", "public"),
    "remind": (
        "remind",
        "tu-ky-2023",
        "--submissions",
        str(DEMO / "submissions.csv"),
        "--as-of",
        "2023-12-20",
    ),
    "template": ("template", "tu-ky-2023", "--unit", "11074", "--period", "2023S1"),
    "units": ("units", "11074"),
    "units-search": ("units", "--search", "Tứ Kỳ"),
    "new-pack": ("new-pack", "--unit", "298", "--year", "2024"),
    "deadline": ("deadline", "chậm nhất ngày 15 tháng 6", "--year", "2023"),
    "lunar": ("lunar", "2023-01-22"),
    "period": ("period", "2023S1", "--convention", "nd09"),
}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_no_text_line_is_wider_than_100(
    name: str,
    lang: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(LANG_VARIABLE, raising=False)
    argv = list(COMMANDS[name])
    if name in ("remind", "template"):
        argv += ["-o", str(tmp_path / ("letters" if name == "remind" else "form.xlsx"))]
    if name == "new-pack":
        argv.insert(1, str(tmp_path / "pack"))
    code = main([*argv, "--lang", lang])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    assert out.strip()
    wide = [line for line in out.splitlines() if len(line) > WIDTH]
    assert wide == []


def test_a_table_too_wide_splits_and_repeats_its_key_columns() -> None:
    headers = ["name", "code", *(f"({n})" for n in range(1, 13))]
    rows = [["Xã Đại Sơn", "11083", *("1.234.567" for _ in range(12))]]
    parts = fit_table(headers, rows, keys=2)
    assert len(parts) == 2
    for part in parts:
        lines = part.splitlines()
        assert max(len(line) for line in lines) <= WIDTH
        assert lines[0].startswith("name") and "Xã Đại Sơn  11083" in lines[2]
    assert "(12)" in parts[1] and "(12)" not in parts[0]


def test_long_text_wraps_within_its_column() -> None:
    message = "a finding whose message is long enough to need several lines " * 3
    text = fit_table(["code", "message"], [["bad-cell", message]])[0]
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= WIDTH
    assert len(lines) > 3  # heading, rule, and the message over several lines
    assert " ".join(
        w for line in lines[2:] for w in line.split()[1 if line.startswith("bad") else 0 :]
    ) == " ".join(message.split())
