"""The words a person reads beside the codes of the JSON of ``cwp aggregate``, ``cwp show``
and ``cwp calendar`` (``<code>_name`` for bodies, units and catalog entries, ``<code>_label``
for kinds and levels), in the report's language; the codes stay, the stable interface."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from child_welfare_plan.catalogs import national_catalog
from child_welfare_plan.cli import main
from child_welfare_plan.i18n import language
from child_welfare_plan.io.plans import plan_from_data
from child_welfare_plan.plugins import get_host
from child_welfare_plan.reports.labels import IndicatorLabels
from tests.test_xlsx import command_report

DEMO = (
    Path(__file__).resolve().parents[1]
    / "plugins/cwp-tu-ky/src/cwp_tu_ky/data/demo/data_values.csv"
)


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code = main([*argv, "-f", "json"])
    out, _ = capsys.readouterr()
    assert code in (0, 1)
    return json.loads(out)


# aggregate -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_aggregate_values_name_their_unit_and_indicator(
    capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """Each value has its unit's name after ``unit`` and the indicator's name and unit
    after ``indicator``, the indicator's words in the report's language."""
    data = _json(capsys, "aggregate", "tu-ky-2023", "--demo", "--lang", lang)
    plan = get_host().plan("tu-ky-2023")
    units = {u.code: u.name for u in plan.units}
    catalog = national_catalog()
    assert data["values"]
    for row in data["values"]:
        keys = list(row)
        assert keys[keys.index("unit") + 1] == "name"
        assert keys[keys.index("indicator") + 1 : keys.index("indicator") + 3] == [
            "indicator_name",
            "indicator_unit",
        ]
        assert row["name"] == units[row["unit"]]
        found = catalog.indicator(row["indicator"])
        if lang == "vi":
            assert (row["indicator_name"], row["indicator_unit"]) == (found.name, found.unit)
        else:
            assert row["indicator_name"] == found.name_en
            assert row["indicator_unit"] == (found.unit_en or found.unit)


def test_public_aggregate_values_are_labelled_too(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, "aggregate", "tu-ky-2023", "--demo", "--audience", "public")
    assert all(
        {"name", "indicator_name", "indicator_unit", "withheld"} <= set(row)
        for row in data["values"]
    )


def test_labelled_aggregates_are_the_same_bytes_on_every_engine(
    capsys: pytest.CaptureFixture[str],
) -> None:
    outputs = []
    for engine in ("python", "duckdb"):
        code = main(
            ["aggregate", "tu-ky-2023", "--data", str(DEMO), "--engine", engine, "-f", "json"]
        )
        out, _ = capsys.readouterr()
        assert code in (0, 1)
        outputs.append(out)
    assert '"indicator_name"' in outputs[0]
    assert outputs[0] == outputs[1]


def test_each_indicator_is_looked_up_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A national roll-up has millions of values and a few dozen indicators: the JSON's
    words are looked up once per distinct indicator, not once per value."""
    calls: dict[str, int] = {}
    real = IndicatorLabels.name

    def counted(self: IndicatorLabels, code: str) -> str:
        calls[code] = calls.get(code, 0) + 1
        return real(self, code)

    monkeypatch.setattr(IndicatorLabels, "name", counted)
    with language("vi"):
        report = command_report("aggregate", "tu-ky-2023", "--demo", "-f", "json")
    distinct = {row["indicator"] for row in report.data["values"]}
    assert len(report.data["values"]) > 10 * len(distinct)
    assert calls == dict.fromkeys(distinct, 1)


# show ----------------------------------------------------------------------------------


def test_show_names_the_bodies_and_labels_the_kinds(capsys: pytest.CaptureFixture[str]) -> None:
    vi = _json(capsys, "show", "tu-ky-2023")
    en = _json(capsys, "show", "tu-ky-2023", "--lang", "en")
    plan = get_host().plan("tu-ky-2023")
    assert vi["issuer_name"] == plan.agency(plan.issuer).name
    assert plan.coordinator is not None
    assert vi["coordinator_name"] == plan.agency(plan.coordinator).name
    assert vi["period_convention_label"] != en["period_convention_label"]
    first = vi["responsibilities"][0]
    assert first["agency_name"] == plan.agency(first["agency"]).name
    task = first["tasks"][0]
    assert task["support_names"] == [
        plan.agency(c).name
        if plan.has_agency(c)
        else next(g.name for g in plan.groups if g.code == c)
        for c in task["support"]
    ]
    obligation = vi["obligations"][0]
    assert obligation["recipient_name"] == plan.agency(obligation["recipient"]).name
    assert (
        obligation["kind_label"] == "văn bản" and en["obligations"][0]["kind_label"] == "a document"
    )
    assert (
        vi["based_on"][0]["kind_label"] == "Kế hoạch" and en["based_on"][0]["kind_label"] == "Plan"
    )
    committee = next(a for a in vi["agencies"] if a["kind"] == "peoples-committee")
    assert committee["kind_label"] == "Ủy ban nhân dân"
    commune = next(u for u in vi["units"] if u["kind"] == "xa")
    assert (commune["kind_label"], commune["level_label"]) == ("xã", "xã")
    budget = next(f for f in vi["funding_sources"] if f["kind"] == "state-budget")
    assert budget["kind_label"] == "ngân sách nhà nước"


def test_show_json_with_its_labels_reads_back_as_the_plan(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for lang in ("vi", "en"):
        data = _json(capsys, "show", "tu-ky-2023", "--lang", lang)
        assert plan_from_data(data) == get_host().plan("tu-ky-2023")


def test_show_text_names_bodies_where_it_showed_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "tu-ky-2023"]) in (0, 1)
    vi, _ = capsys.readouterr()
    assert "V.1. Phòng Lao động – Thương binh và Xã hội" in vi
    assert "V.1. ldtbxh" not in vi
    assert "Cơ quan chủ trì: Phòng Lao động – Thương binh và Xã hội" in vi
    assert main(["show", "tu-ky-2023", "--lang", "en"]) in (0, 1)
    en, _ = capsys.readouterr()
    assert "V.1. Division of Labour, Invalids and Social Affairs" in en
    assert "Coordinator: Division of Labour" in en


# calendar ------------------------------------------------------------------------------


def test_calendar_labels_kinds_and_names_agencies(capsys: pytest.CaptureFixture[str]) -> None:
    vi = _json(capsys, "calendar", "tu-ky-2023")
    en = _json(capsys, "calendar", "tu-ky-2023", "--lang", "en")
    plan = get_host().plan("tu-ky-2023")
    names = {a.code: a.name for a in plan.agencies}
    for item in vi["items"] + vi["undated"]:
        assert item["agency_names"] == [names[c] for c in item["agencies"]]
    kinds = {i["kind"]: i["kind_label"] for i in vi["items"]}
    assert kinds == {"event": "sự kiện", "deadline": "thời hạn"}
    assert {i["kind"]: i["kind_label"] for i in en["items"]} == {
        "event": "event",
        "deadline": "deadline",
    }
    before = next(i for i in vi["items"] if i["outside_span"])
    assert before["note"].startswith("before the plan's span")  # the library's words
    assert before["note_label"] == "trước thời gian thực hiện kế hoạch, bắt đầu từ ngày 07/03/2023"
    covered = next(i for i in vi["items"] if "(kỳ " in (i["detail"] or ""))
    assert "(kỳ " in covered["detail_label"]
    rolled = next(i for i in vi["items"] if i["kind"] == "deadline" and i["note"])
    assert "Bộ luật Dân sự" in rolled["note_label"]


def test_calendar_text_names_agencies_and_says_notes_in_its_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["calendar", "tu-ky-2023"]) in (0, 1)
    vi, _ = capsys.readouterr()
    assert "tỉnh Hải Dương;" in vi and "ubnd-tinh" not in vi and "ubnd-huyen" not in vi
    assert "(trong năm)" in vi and "span, which starts" not in vi
    assert main(["calendar", "tu-ky-2023", "--lang", "en"]) in (0, 1)
    en, _ = capsys.readouterr()
    assert "trong năm" not in en and "Lunar New Year" in en
