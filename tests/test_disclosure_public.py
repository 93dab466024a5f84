"""Public outputs hold against a reader who computes (issue #10, D4–D7 and the audit).

Every public output of the demo — ``cwp evaluate`` for every period of the data,
``cwp aggregate`` for all of them and for each — is rendered in every format (json,
text, markdown, csv, html), read back from its bytes, and handed to the auditor
(:mod:`tests.audit`): a linear program computes, for every withheld count, every small
count a reader could work out as a difference, and every small count of the publication an
output does not print, the smallest interval a reader can narrow it down to. The test
fails on any interval less than k wide, any small count printed, any printed figure that
differs from the data, and any target that withholds its value but prints its verdict.
The outputs of several runs are also audited together: a year and its halves must not
give away, by subtraction, what one of them withholds.
"""

from __future__ import annotations

import base64
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from child_welfare_plan.catalogs import national_catalog
from child_welfare_plan.cli import build_parser, command_module, main
from child_welfare_plan.formats.csv import data_tables
from child_welfare_plan.formats.options import RenderOptions
from child_welfare_plan.i18n import language
from child_welfare_plan.io.datavalues import load_data_values
from child_welfare_plan.model import AdministrativeUnit, DataValue, Level, Plan
from child_welfare_plan.plugins.host import get_host
from child_welfare_plan.rules.aggregate import DataValueSet, aggregate
from child_welfare_plan.rules.disclosure.figures import public_figures
from child_welfare_plan.rules.disclosure.published import publish_aggregate
from child_welfare_plan.rules.evaluate import evaluate
from tests.audit import Publication
from tests.published import WITHHELD, read_output
from tests.strategies import examples, hierarchies
from tests.test_evaluate import _wide_plan

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "plugins" / "cwp-tu-ky" / "src" / "cwp_tu_ky" / "data" / "demo"
FORMATS = ("json", "text", "markdown", "csv", "html", "xlsx", "docx")
PERIODS = ("2023S1", "2023S2", "2023")
AREA = "298"
DEATHS = "tre-em-tu-vong-tntt"


@pytest.fixture(scope="module")
def demo() -> tuple[Plan, DataValueSet]:
    host = get_host()
    plan = host.plan("tu-ky-2023")
    return plan, load_data_values(DEMO / "data_values.csv", plan, host.catalog())


def _publication(demo: tuple[Plan, DataValueSet], k: int = 5) -> Publication:
    plan, values = demo
    return Publication(plan, values, get_host().catalog(), k)


_RENDERED: dict[tuple[str, ...], dict[str, str]] = {}


def rendered(*argv: str) -> dict[str, str]:
    """One command's output in every format: the report is made once, as ``cwp`` makes
    it (in English), and rendered by each installed format."""
    if argv not in _RENDERED:
        args = build_parser(argv[0]).parse_args(list(argv))
        host = get_host()
        with language("en"):  # the reader of tests.published reads English
            report, _ = command_module(argv[0]).run(args, host)
        _RENDERED[argv] = {}
        for f in FORMATS:
            if f == "csv":
                continue
            content = host.render(host.output_format(f), report)
            # A workbook is bytes: kept in base64, which tests.published reads back.
            text = base64.b64encode(content).decode() if isinstance(content, bytes) else content
            _RENDERED[argv][f] = text
        # CSV is one table per file: every table a user can ask for with --table.
        csv_format = host.output_format("csv")
        _RENDERED[argv]["csv"] = json.dumps(
            {
                name: host.render(csv_format, report, RenderOptions(table=name))
                for name in data_tables(report)
            }
        )
    return _RENDERED[argv]


def evaluation(period: str, k: int = 5) -> dict[str, str]:
    return rendered(
        "evaluate",
        "tu-ky-2023",
        "--demo",
        "--audience",
        "public",
        "--period",
        period,
        "-k",
        str(k),
    )


def aggregation(*periods: str) -> dict[str, str]:
    chosen = [a for p in periods for a in ("--period", p)]
    return rendered(
        "aggregate",
        "tu-ky-2023",
        "--data",
        str(DEMO / "data_values.csv"),
        "--level",
        "commune",
        "--level",
        "district",
        "--audience",
        "public",
        *chosen,
    )


def assert_protected(publication: Publication) -> None:
    narrowed = publication.narrow()
    assert publication.problems == []
    assert narrowed == {}, "narrowed down (low, high, true value): " + "; ".join(
        f"{name}: {found}" for name, found in list(narrowed.items())[:10]
    )


# Reproductions --------------------------------------------------------------------------


def test_d4_no_rate_gives_away_a_withheld_count(tmp_path: Path) -> None:
    """Issue #10, D4: the area's deaths were withheld but the Targets section printed the
    rate (× children / 100,000 = the count). A rate, a ratio and a target's value are
    withheld wherever a count they are computed from is."""
    out = tmp_path / "public.json"
    assert (
        main(
            [
                "evaluate",
                "tu-ky-2023",
                "--demo",
                "--audience",
                "public",
                "--period",
                "2023S1",
                "-f",
                "json",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    rows = {(r["unit"], r["indicator"]): r for r in data["indicators"]}
    assert rows[(AREA, DEATHS)]["withheld"] == "suppressed"
    for unit, code in rows:
        if code == DEATHS and rows[(unit, code)]["withheld"]:
            assert rows[(unit, "ty-le-tu-vong-tntt")]["value"] is None
            assert rows[(unit, "ty-le-tu-vong-tntt")]["withheld"] == "derived"
    for target in data["targets"]:
        if target["indicator"] == "ty-le-tu-vong-tntt":
            assert target["actual"] is None
            assert (target["status"], target["withheld"]) == ("withheld", "derived")
            assert "20.01" not in target["reason"] and "4.99" not in target["reason"]


def test_d5_a_year_and_its_half_do_not_give_away_the_other_half(
    demo: tuple[Plan, DataValueSet],
) -> None:
    """Issue #10, D5: the public evaluation of 2023 and that of 2023S2 together gave the
    area's deaths of 2023S1 by subtraction. Every run is a slice of one protected
    publication, so the two runs together leave it as wide as k."""
    publication = _publication(demo)
    for period in ("2023", "2023S2"):
        publication.read(read_output("json", evaluation(period)["json"], area=AREA), period)
    low, high = publication.reader.interval((AREA, "2023S1", DEATHS, ""))
    assert high - low >= 5
    assert_protected(publication)


def test_d6_a_share_of_two_small_groups_is_not_printed() -> None:
    """Issue #10, D6: the target "100 % of child victims given legal aid" printed 91.67,
    that is 11 of 12: one child victim got no legal aid. The victims not helped are a count
    of children worked out as a difference; with it below k the share is withheld, and so
    is the verdict."""
    data = json.loads(evaluation("2023")["json"])
    (target,) = [t for t in data["targets"] if t["target"] == "v-3-bi-hai-duoc-bao-ve"]
    assert target["actual"] is None
    assert target["status"] == "withheld"
    assert "91.67" not in evaluation("2023")["text"]


def test_d7_withheld_commune_deaths_keep_an_interval_as_wide_as_k(
    demo: tuple[Plan, DataValueSet],
) -> None:
    """Issue #10, D7: seven withheld commune deaths summed to a published 8 beside
    published zeros, so each was 1 or 2."""
    publication = _publication(demo)
    publication.read(read_output("text", evaluation("2023")["text"], area=AREA), "text")
    communes = [u.code for u in demo[0].area_units(Level.COMMUNE)]
    withheld = [c for c in communes if (c, "2023", DEATHS, "") in publication.marked]
    assert len(withheld) == 7
    for commune in withheld:
        low, high = publication.reader.interval((commune, "2023", DEATHS, ""))
        assert high - low >= 5


def test_aggregate_and_status_offer_a_public_audience(tmp_path: Path) -> None:
    """Issue #10: ``cwp aggregate`` had no ``--audience public``; ``cwp status`` prints the
    reports on single incidents (each a child's death or abuse, where and when)."""
    out = tmp_path / "agg.json"
    assert (
        main(
            [
                "aggregate",
                "tu-ky-2023",
                "--data",
                str(DEMO / "data_values.csv"),
                "--audience",
                "public",
                "-k",
                "5",
                "-f",
                "json",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["audience"], data["k"]) == ("public", 5)
    assert all("withheld" in v for v in data["values"])
    assert any(v["withheld"] == "suppressed" for v in data["values"])
    status = tmp_path / "status.json"
    assert (
        main(
            [
                "status",
                "tu-ky-2023",
                "--submissions",
                str(DEMO / "submissions.csv"),
                "--incidents",
                str(DEMO / "incidents.csv"),
                "--as-of",
                "2023-12-20",
                "--audience",
                "public",
                "-f",
                "json",
                "-o",
                str(status),
            ]
        )
        == 0
    )
    judged = json.loads(status.read_text(encoding="utf-8"))
    assert judged["audience"] == "public"
    assert not [i for i in judged["items"] if i["obligation"] == "bao-cao-dot-xuat"]
    assert not [r for r in judged["rates"] if r["obligation"] == "bao-cao-dot-xuat"]
    assert "dx-2023" not in status.read_text(encoding="utf-8")
    evaluated = evaluation("2023")
    for fmt in FORMATS:
        assert "dx-2023" not in evaluated[fmt]
        assert "bao-cao-dot-xuat" not in evaluated[fmt]


def test_threshold_below_two_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exit_info:
        build_parser("aggregate").parse_args(
            ["aggregate", "p", "--data", "d.csv", "--audience", "public", "-k", "1"]
        )
    assert exit_info.value.code == 2


# The audit of every public output --------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("period", PERIODS)
def test_every_public_evaluation_holds(
    demo: tuple[Plan, DataValueSet], fmt: str, period: str
) -> None:
    publication = _publication(demo)
    printed = read_output(fmt, evaluation(period)[fmt], area=AREA)
    assert len(printed.figures) == 24 * 10
    publication.read(printed, f"{fmt} {period}")
    assert_protected(publication)


AGGREGATIONS = [(fmt, ()) for fmt in FORMATS] + [("json", (p,)) for p in PERIODS]
"""Every format for every period at once (the default), and each period alone."""


@pytest.mark.parametrize(("fmt", "periods"), AGGREGATIONS)
def test_every_public_aggregation_holds(
    demo: tuple[Plan, DataValueSet], fmt: str, periods: tuple[str, ...]
) -> None:
    publication = _publication(demo)
    printed = read_output(fmt, aggregation(*periods)[fmt], area=AREA)
    assert printed.figures
    publication.read(printed, f"{fmt} {periods}")
    assert_protected(publication)


def test_every_public_output_together_holds(demo: tuple[Plan, DataValueSet]) -> None:
    """Every run at once: the evaluations of each period and the aggregations, as if one
    reader had them all."""
    publication = _publication(demo)
    for period in PERIODS:
        publication.read(read_output("json", evaluation(period)["json"], area=AREA), period)
        publication.read(read_output("csv", aggregation(period)["csv"], area=AREA), period)
    publication.read(read_output("html", aggregation()["html"], area=AREA), "all")
    assert_protected(publication)


def test_a_larger_threshold_holds_too(demo: tuple[Plan, DataValueSet]) -> None:
    publication = _publication(demo, k=8)
    publication.read(read_output("json", evaluation("2023", k=8)["json"], area=AREA), "k8")
    assert_protected(publication)


def test_the_auditor_finds_what_the_old_rule_let_through(
    demo: tuple[Plan, DataValueSet],
) -> None:
    """The check can fail: the deaths of 2023 printed as the old rule printed them (each
    commune's small count withheld, the area's 8 and its rate published)."""
    publication = _publication(demo)
    data = json.loads(evaluation("2023")["json"])
    for row in data["indicators"]:
        if row["unit"] == AREA and row["indicator"] in (DEATHS, "ty-le-tu-vong-tntt"):
            row["withheld"] = None
            row["value"] = publication.truth[(AREA, "2023", row["indicator"], "")]
    publication.read(read_output("json", json.dumps(data), area=AREA), "old rule")
    assert any(DEATHS in repr(name) for name in publication.narrow())


# The law on random plans -------------------------------------------------------------------


def _random_values(plan: Plan, data: st.DataObject, k: int) -> list[DataValue]:
    draw = data.draw
    small = st.one_of(st.just(0), st.integers(1, k + 2), st.integers(0, 4 * k))
    out: list[DataValue] = []
    for c in plan.area_units(Level.COMMUNE):
        for period in ("2023S1", "2023S2"):
            helped_whole = draw(small)
            out += [
                DataValue(
                    unit=c.code,
                    period=period,
                    indicator="tre-em",
                    value=draw(st.integers(50, 3000)),
                ),
                DataValue(unit=c.code, period=period, indicator=DEATHS, value=draw(small)),
                DataValue(unit=c.code, period=period, indicator="tre-em-hcdb", value=helped_whole),
                DataValue(
                    unit=c.code,
                    period=period,
                    indicator="tre-em-hcdb-duoc-tro-giup",
                    value=draw(st.integers(0, helped_whole)),
                ),
            ]
    return out


def _units() -> st.SearchStrategy[tuple[AdministrativeUnit, ...]]:
    return hierarchies(max_districts=1, max_communes=6)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_units(), st.data(), st.integers(2, 7))
def test_public_evaluations_of_random_plans_hold(
    units: tuple[AdministrativeUnit, ...], data: st.DataObject, k: int
) -> None:
    """The law on random plans and data: every public evaluation of every period, read
    together, leaves no protected count narrower than k, prints no small count, and prints
    every other figure as it is."""
    plan = _wide_plan(units)
    catalog = national_catalog()
    values = DataValueSet(plan, catalog)
    values.extend(
        (n, v.unit, v.period, v.indicator, v.disaggregation, v.value)
        for n, v in enumerate(_random_values(plan, data, k), start=1)
    )
    values.finish()
    publication = Publication(plan, values, catalog, k)
    for period in PERIODS:
        result = evaluate(
            plan,
            as_of=date(2023, 12, 20),
            values=values,
            period=period,
            audience="public",
            k=k,
            extra_targets=[],
        )
        printed = read_output("json", json.dumps(result.to_dict()), area=plan.area or "")
        for key, shown in printed.figures.items():
            if shown not in (WITHHELD, None) and key[2] in publication.counts:
                assert shown == publication.truth[key]
        publication.read(printed, period)
    assert_protected(publication)


def test_a_public_aggregate_in_python_shows_the_same_protection(
    demo: tuple[Plan, DataValueSet],
) -> None:
    """From Python: the same figures, the same markers, in a notebook and as a DataFrame."""
    plan, values = demo
    catalog = get_host().catalog()
    published = publish_aggregate(
        aggregate(plan, values, catalog, periods=["2023"]), public_figures(plan, values, catalog)
    )
    frame = published.to_pandas()
    withheld = frame[frame["withheld"].notna()]
    assert not withheld.empty
    assert withheld["value"].isna().all()
    assert '<td class="n">x</td>' in published._repr_html_()
