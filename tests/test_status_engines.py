"""``cwp status`` on the columnar engines: the Python rules' answer, byte for byte, for any
plan and submissions (late, missing, revisions, duplicates, datetimes in UTC and local time,
bad rows, units with validity dates, deadlines with a time of day, reports on incidents)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from child_welfare_plan.calendars.workdays import WorkingCalendar
from child_welfare_plan.cli import main
from child_welfare_plan.engines import available
from child_welfare_plan.engines import status as engine_status
from child_welfare_plan.model import Plan, Submission
from child_welfare_plan.model.deadlines import By
from child_welfare_plan.rules.timeliness import TimelinessResult, timeliness
from tests.strategies import as_of_days, examples, submission_lists, submissions, timeliness_plan
from tests.strategies.timeliness import INCIDENTS

pytestmark = pytest.mark.skipif(not available("duckdb"), reason="needs the engines extra")

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
DEMO = ROOT / "plugins" / "cwp-tu-ky" / "src" / "cwp_tu_ky" / "data" / "demo"


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    """The timeliness plan, with or without its units' validity dates, and with or without
    a deadline with a time of day on one periodic report."""
    plan = timeliness_plan()
    if draw(st.booleans()):
        plan = attrs.evolve(
            plan,
            units=[attrs.evolve(u, valid_from=None, valid_to=None) for u in plan.units],
        )
    if draw(st.booleans()):
        obligations = list(plan.obligations)
        obligations[1] = attrs.evolve(obligations[1], deadline=By(date(2023, 6, 14), time(16)))
        plan = attrs.evolve(plan, obligations=obligations)
    return plan


@st.composite
def oddities(draw: st.DrawFn) -> list[Submission]:
    """Submissions that match nothing (unknown reporter, obligation or period), a period id
    in lower case, a revision out of the key texts' range, a control character."""
    base = draw(submissions())
    return draw(
        st.lists(
            st.sampled_from(
                [
                    attrs.evolve(base, reporter="ubnd-99999"),
                    attrs.evolve(base, obligation="khong-co"),
                    attrs.evolve(base, obligation="bao-cao-nam", period="2022"),
                    attrs.evolve(base, obligation="bao-cao-nam", period=None),
                    attrs.evolve(base, obligation="bao-cao-6-thang", period="2023s1"),
                    attrs.evolve(base, revision=10**19),
                    attrs.evolve(base, document_number="01\x07BC"),
                ]
            ),
            max_size=3,
        )
    )


@st.composite
def submission_sets(draw: st.DrawFn) -> list[Submission]:
    """Submissions with re-submissions (other dates and revisions), exact duplicates, the
    same instant written in UTC, and oddities, in a drawn order."""
    subs = draw(submission_lists(max_size=30))
    if subs:
        for s in draw(st.lists(st.sampled_from(subs), max_size=8)):
            again = draw(submissions())
            subs.append(attrs.evolve(s, received=again.received, revision=again.revision))
        subs += draw(st.lists(st.sampled_from(subs), max_size=5))
        for s in draw(st.lists(st.sampled_from(subs), max_size=3)):
            if isinstance(s.received, datetime) and s.received.tzinfo is not None:
                subs.append(attrs.evolve(s, received=s.received.astimezone(UTC)))
    subs += draw(oddities())
    return draw(st.permutations(subs))


def _bytes(result: TimelinessResult) -> bytes:
    return json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")


def _same(plan: Plan, subs: list[Submission], as_of: date, incidents: Any, engine: str) -> None:
    calendar = WorkingCalendar()
    expected = timeliness(plan, subs, as_of=as_of, calendar=calendar, incidents=incidents)
    got = engine_status.timeliness(
        plan, subs, as_of=as_of, calendar=calendar, incidents=incidents, engine=engine
    )
    assert _bytes(got) == _bytes(expected)
    assert got == expected


@settings(max_examples=examples(60), suppress_health_check=[HealthCheck.too_slow])
@given(plans(), submission_sets(), as_of_days(), st.sampled_from([None, INCIDENTS]))
def test_duckdb_judges_as_the_rules_do(
    plan: Plan, subs: list[Submission], as_of: date, incidents: Any
) -> None:
    """The DuckDB engine's result equals the rules' (same JSON bytes, same objects)."""
    _same(plan, subs, as_of, incidents, "duckdb")


def test_the_columnar_path_judges_the_dated_periodic_reports() -> None:
    """Without validity dates, the periodic and document reports go the columnar way; the
    ad-hoc and incident reports, and a deadline with a time of day, go to the rules."""
    plan = timeliness_plan()
    plain = attrs.evolve(
        plan, units=[attrs.evolve(u, valid_from=None, valid_to=None) for u in plan.units]
    )
    owed = engine_status._columnar(plain, WorkingCalendar(), [])
    assert list(owed) == ["ke-hoach", "bao-cao-6-thang", "bao-cao-nam"]
    assert engine_status._columnar(plan, WorkingCalendar(), []) == {}
    timed = list(plain.obligations)
    timed[1] = attrs.evolve(timed[1], deadline=By(date(2023, 6, 14), time(16)))
    owed = engine_status._columnar(attrs.evolve(plain, obligations=timed), WorkingCalendar(), [])
    assert list(owed) == ["ke-hoach", "bao-cao-nam"]


def test_an_instant_written_in_utc_is_the_same_submission() -> None:
    """Two writings of one instant are one submission (as Python compares them): counted
    once, the first written kept."""
    plan = timeliness_plan()
    plain = attrs.evolve(
        plan, units=[attrs.evolve(u, valid_from=None, valid_to=None) for u in plan.units]
    )
    moment = datetime.fromisoformat("2023-12-01T08:00:00+07:00")
    local = Submission(reporter="y-te", obligation="bao-cao-nam", period="2023", received=moment)
    utc = attrs.evolve(local, received=moment.astimezone(UTC))
    result = engine_status.timeliness(
        plain, [local, utc], as_of=date(2023, 12, 20), engine="duckdb"
    )
    item = next(i for i in result.items if i.reporter == "y-te" and i.obligation == "bao-cao-nam")
    assert item.submissions == 1
    assert item.first is local


@settings(
    max_examples=examples(3),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=plans(), subs=submission_sets(), as_of=as_of_days())
def test_dask_on_a_cluster_judges_as_the_rules_do(
    plan: Plan, subs: list[Submission], as_of: date, cluster: Any
) -> None:
    """The Dask engine on a real local cluster: the rules' result."""
    _same(plan, subs, as_of, INCIDENTS, "dask")


HEADER = "reporter,obligation,period,received,document_number,revision"


@st.composite
def csv_files(draw: st.DrawFn) -> str:
    """A submissions CSV for the demo plan: good rows, late and early ones, revisions,
    duplicates, datetimes in UTC and local time, and bad rows."""
    reporters = ["ubnd-11074", "ubnd-11083", "ubnd-11086", "cong-an", "ubnd-99999"]
    keys = [
        ("ke-hoach-trien-khai", ""),
        ("bao-cao-6-thang", "2023S1"),
        ("bao-cao-6-thang", "2023s1"),
        ("bao-cao-nam", "2023"),
        ("bao-cao-nam", "2022"),
        ("khong-co", "2023"),
    ]
    received = st.sampled_from(
        [
            "2023-03-01",
            "2023-06-14",
            "2023-06-20",
            "2023-06-14T23:30:00+07:00",
            "2023-06-14T18:00:00Z",
            "2023-06-14T16:30:00",
            "2023-12-01",
            "2023-12-25",
            "không rõ",
        ]
    )
    lines = [HEADER]
    for _ in range(draw(st.integers(0, 25))):
        ob, period = draw(st.sampled_from(keys))
        revision = draw(st.sampled_from(["", "1", "2", "x"]))
        lines.append(
            f"{draw(st.sampled_from(reporters))},{ob},{period},{draw(received)},"
            f"{draw(st.sampled_from(['', '01/BC']))},{revision}"
        )
    if len(lines) > 1:
        lines += draw(st.lists(st.sampled_from(lines[1:]), max_size=3))
    return "\n".join(lines) + "\n"


@settings(
    max_examples=examples(8),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=csv_files(), as_of=st.sampled_from(["2023-06-30", "2023-12-20", "2024-01-31"]))
def test_cwp_status_writes_the_same_bytes_on_duckdb(
    text: str, as_of: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """``cwp status`` on a CSV with bad rows: the same JSON bytes and exit code on DuckDB."""
    folder = tmp_path_factory.mktemp("status")
    path = folder / "submissions.csv"
    path.write_text(text, encoding="utf-8")
    outputs = []
    for engine in ("python", "duckdb"):
        out = folder / f"{engine}.json"
        code = main(
            [
                "status",
                "tu-ky-2023",
                "--submissions",
                str(path),
                "--incidents",
                str(DEMO / "incidents.csv"),
                "--as-of",
                as_of,
                "--engine",
                engine,
                "-o",
                str(out),
            ]
        )
        outputs.append((code, out.read_bytes()))
    assert outputs[0] == outputs[1]


def test_dask_gives_the_golden_status(
    tmp_path: Path, cluster: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``cwp status --engine dask`` on a real cluster writes the golden file's bytes."""
    from tests.test_golden import CASES, _portable

    monkeypatch.delenv("CWP_LANG", raising=False)
    out = tmp_path / "status.json"
    assert main([*CASES["status.json"], "--engine", "dask", "-o", str(out)]) in (0, 1)
    assert _portable(out.read_bytes()) == (GOLDEN / "status.json").read_bytes()
