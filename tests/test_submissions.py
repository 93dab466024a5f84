"""Loading submissions and incidents: every bad row is a finding with file, row and column."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from child_welfare_plan.calendars.dates import local_moment
from child_welfare_plan.io.submissions import (
    FINDING_CODES,
    IncidentSet,
    SubmissionSet,
    load_incidents,
    load_submissions,
)
from child_welfare_plan.io.tables import Table
from child_welfare_plan.model import Finding, Submission
from child_welfare_plan.model.plan import Incident
from child_welfare_plan.plugins import DataSource, Host, hookimpl
from tests.strategies import INCIDENTS, submission_lists, timeliness_plan

PLAN = timeliness_plan()
HEADER = "reporter,obligation,period,received,document_number,revision\n"
VN = timezone(timedelta(hours=7))


@pytest.fixture
def builtin() -> Host:
    """A host with the built-in plugin only."""
    return Host(entry_points=False)


def write(tmp_path: Path, text: str, name: str = "submissions.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load(
    tmp_path: Path, body: str, host: Host, *, incidents: bool = True, header: str = HEADER
) -> SubmissionSet:
    path = write(tmp_path, header + body)
    return load_submissions(
        path, PLAN, incidents=INCIDENTS if incidents else None, source=host.data_source_for(path)
    )


def where(findings: Iterable[Finding]) -> list[tuple[str, int | None, str | None]]:
    return [(f.code, f.location.row, f.location.column) for f in findings]


# -- good files ---------------------------------------------------------------------------------


def test_a_good_csv_file_gives_submissions_and_no_findings(tmp_path: Path, builtin: Host) -> None:
    loaded = load(
        tmp_path,
        "ubnd-11074,bao-cao-6-thang,2023S1,2023-06-07,05/BC,\n"
        "y-te,bao-cao-6-thang,2023s1,14/06/2023,,2\n"
        "ubnd-11083,ke-hoach,,2023-03-20T16:30:00+07:00,,\n"
        "ubnd-11074,dot-xuat,dx-01,2023-08-06T08:07:00,,\n",
        builtin,
    )
    assert loaded.findings == ()
    assert loaded.rows == (2, 3, 4, 5)
    assert list(loaded) == [
        Submission(
            reporter="ubnd-11074",
            obligation="bao-cao-6-thang",
            period="2023S1",
            received=date(2023, 6, 7),
            document_number="05/BC",
        ),
        Submission(
            reporter="y-te",
            obligation="bao-cao-6-thang",
            period="2023S1",
            received=date(2023, 6, 14),
            revision=2,
        ),
        Submission(
            reporter="ubnd-11083",
            obligation="ke-hoach",
            received=datetime(2023, 3, 20, 16, 30, tzinfo=VN),
        ),
        Submission(
            reporter="ubnd-11074",
            obligation="dot-xuat",
            period="dx-01",
            received=datetime(2023, 8, 6, 8, 7),
        ),
    ]


def test_a_json_file_reads_like_the_csv_file(tmp_path: Path, builtin: Host) -> None:
    rows = [
        {"reporter": "y-te", "obligation": "bao-cao-nam", "period": 2023, "received": "2023-12-01"},
        {
            "reporter": "ubnd-11074",
            "obligation": "ke-hoach",
            "period": None,
            "received": "2023-03-20T09:30:00Z",
            "revision": 1,
        },
    ]
    path = write(tmp_path, json.dumps({"submissions": rows}), "submissions.json")
    loaded = load_submissions(path, PLAN, source=builtin.data_source_for(path))
    assert loaded.findings == ()
    assert [s.period for s in loaded] == ["2023", None]
    assert loaded.submissions[1].received == datetime(2023, 3, 20, 9, 30, tzinfo=UTC)
    assert loaded.submissions[1].revision == 1


def test_a_third_party_data_source_is_used_through_the_same_hook(
    tmp_path: Path, builtin: Host
) -> None:
    """A plugin may read submissions from elsewhere (a database) by registering a source."""

    def read(path: Path) -> Table:
        return Table(
            str(path),
            ("reporter", "obligation", "period", "received"),
            [("y-te", "ke-hoach", "", "2023-03-01")],
            [1],
        )

    class Database:
        @hookimpl
        def register_data_sources(self) -> Iterable[DataSource]:
            return [DataSource("db", (".sqlite",), read)]

    host = Host(entry_points=False, plugins=[("db", Database())])
    loaded = load_submissions(
        tmp_path / "reports.sqlite", PLAN, source=host.data_source_for(tmp_path / "reports.sqlite")
    )
    assert [(s.reporter, s.received) for s in loaded] == [("y-te", date(2023, 3, 1))]


def _cell(value: date | datetime, slashes: bool) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    return value.strftime("%d/%m/%Y") if slashes else value.isoformat()


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(submission_lists(), st.booleans())
def test_writing_submissions_and_loading_them_gives_them_back(
    tmp_path: Path, builtin: Host, subs: list[Submission], slashes: bool
) -> None:
    """Round trip: every submission written as a CSV row (dates as YYYY-MM-DD or
    DD/MM/YYYY, datetimes in ISO 8601) is read back equal, in order, repeats counted once."""
    lines = [
        ",".join(
            (
                s.reporter,
                s.obligation,
                s.period or "",
                _cell(s.received, slashes),
                s.document_number or "",
                "" if s.revision is None else str(s.revision),
            )
        )
        for s in subs
    ]
    loaded = load(tmp_path, "".join(f"{line}\n" for line in lines), builtin)
    known = {i.id: local_moment(i.known) for i in INCIDENTS}
    # A report on an incident received before the incident was known is refused.
    early = [s.period in known and _before(s.received, known[s.period]) for s in subs]
    kept = [s for s, refused in zip(subs, early, strict=True) if not refused]
    assert list(loaded) == list(dict.fromkeys(kept))
    assert {f.code for f in loaded.findings} <= {"duplicate-row", "received-before-period"}
    refused_rows = {f.location.row for f in loaded.findings if f.code == "received-before-period"}
    assert refused_rows == {row for row, refused in enumerate(early, 2) if refused}


def _before(received: date | datetime, known: datetime) -> bool:
    if isinstance(received, datetime):
        return local_moment(received) < known
    return received < known.date()


# -- findings of the file -----------------------------------------------------------------------


def test_an_empty_file_is_an_error(tmp_path: Path, builtin: Host) -> None:
    loaded = load_submissions(
        write(tmp_path, ""), PLAN, source=builtin.data_source_for(write(tmp_path, ""))
    )
    assert where(loaded.findings) == [("empty-file", None, None)]
    assert loaded.has_errors()


def test_a_header_without_rows_is_a_valid_empty_log(tmp_path: Path, builtin: Host) -> None:
    """Nothing received yet, the normal state on 1 March, used to be an error."""
    loaded = load(tmp_path, "", builtin)
    assert (len(loaded), loaded.findings) == (0, ())
    path = tmp_path / "submissions.json"
    path.write_text("[]", encoding="utf-8")
    loaded = load_submissions(path, PLAN, source=builtin.data_source_for(path))
    assert (len(loaded), loaded.findings) == (0, ())


def test_an_incidents_file_with_a_header_only_holds_no_incident(
    tmp_path: Path, builtin: Host
) -> None:
    path = tmp_path / "incidents.csv"
    path.write_text("id,kind,unit,known,occurred,description\n", encoding="utf-8")
    loaded = load_incidents(path, PLAN, source=builtin.data_source_for(path))
    assert (len(loaded), loaded.findings) == (0, ())


def test_a_file_that_is_not_utf8_is_an_error(tmp_path: Path, builtin: Host) -> None:
    path = tmp_path / "submissions.csv"
    path.write_bytes((HEADER + "ubnd-11074,ke-hoach,,2023-03-01,Phòng,\n").encode("latin-1"))
    loaded = load_submissions(path, PLAN, source=builtin.data_source_for(path))
    assert where(loaded.findings) == [("not-utf8", 2, None)]
    assert len(loaded) == 0


def test_each_missing_column_is_a_finding_at_the_header(tmp_path: Path, builtin: Host) -> None:
    loaded = load(tmp_path, "ubnd-11074,2023-03-01\n", builtin, header="reporter,received\n")
    assert where(loaded.findings) == [
        ("missing-column", 1, "obligation"),
        ("missing-column", 1, "period"),
    ]


# -- findings of rows ---------------------------------------------------------------------------


def test_every_bad_cell_of_every_row_is_reported_at_once(tmp_path: Path, builtin: Host) -> None:
    loaded = load(
        tmp_path,
        "ubnd-99999,khong-co,,31/02/2023,,\nubnd-11074,ke-hoach,,2023-03-01,,\n,,,,,x\n",
        builtin,
    )
    assert where(loaded.findings) == [
        ("unknown-reporter", 2, "reporter"),
        ("unknown-obligation", 2, "obligation"),
        ("bad-date", 2, "received"),
        ("missing-value", 4, "reporter"),
        ("missing-value", 4, "obligation"),
        ("missing-value", 4, "received"),
        ("bad-revision", 4, "revision"),
    ]
    assert loaded.rows == (3,)
    assert all(f.location.file == str(tmp_path / "submissions.csv") for f in loaded.findings)


@pytest.mark.parametrize(
    ("row", "code", "column"),
    [
        ("ubnd-11074,ke-hoach,,2023-13-01,,", "bad-date", "received"),
        ("ubnd-11074,ke-hoach,,hôm qua,,", "bad-date", "received"),
        ("ubnd-11074,ke-hoach,,2023-03-01T25:00,,", "bad-date", "received"),
        ("ubnd-huyen,ke-hoach,,2023-03-01,,", "reporter-not-expected", "reporter"),
        ("y-te,tu-kiem-tra,,2023-03-01,,", "reporter-not-expected", "reporter"),
        ("ubnd-11074,bao-cao-6-thang,,2023-06-01,,", "missing-period", "period"),
        ("ubnd-11074,bao-cao-6-thang,2023H1,2023-06-01,,", "bad-period", "period"),
        ("ubnd-11074,bao-cao-6-thang,2022S2,2023-06-01,,", "period-not-covered", "period"),
        ("ubnd-11074,ke-hoach,2023,2023-03-01,,", "period-not-covered", "period"),
        ("ubnd-11074,ke-hoach,,2023-03-01,,-1", "bad-revision", "revision"),
        ("ubnd-11074,ke-hoach,,2023-03-01,,1.5", "bad-revision", "revision"),
        ("ubnd-11074,dot-xuat,dx-99,2023-08-06,,", "unknown-incident", "period"),
        ("ubnd-11083,dot-xuat,dx-01,2023-08-06,,", "reporter-not-expected", "reporter"),
    ],
)
def test_a_bad_row_is_one_finding_at_its_cell(
    tmp_path: Path, builtin: Host, row: str, code: str, column: str
) -> None:
    loaded = load(tmp_path, row + "\n", builtin)
    assert where(loaded.findings) == [(code, 2, column)]
    assert FINDING_CODES[code] == "error"
    assert len(loaded) == 0


def test_an_incident_of_a_kind_that_does_not_trigger_the_obligation_is_an_error(
    tmp_path: Path, builtin: Host
) -> None:
    other = Incident(id="dx-07", kind="dich-benh", unit="11074", known=datetime(2023, 5, 1, 8, 0))
    path = write(tmp_path, HEADER + "ubnd-11074,dot-xuat,dx-07,2023-05-01,,\n")
    loaded = load_submissions(
        path, PLAN, incidents=[*INCIDENTS, other], source=builtin.data_source_for(path)
    )
    assert where(loaded.findings) == [("incident-not-triggering", 2, "period")]


def test_the_only_incident_a_report_can_be_about_is_inferred_with_a_warning(
    tmp_path: Path, builtin: Host
) -> None:
    loaded = load(tmp_path, "ubnd-11074,dot-xuat,,2023-08-06T08:00:00+07:00,,\n", builtin)
    assert where(loaded.findings) == [("incident-inferred", 2, "period")]
    assert "dx-01" in loaded.findings[0].message
    assert loaded.submissions[0].period == "dx-01"
    assert not loaded.has_errors()


def test_a_report_before_the_incident_was_known_is_not_about_it(
    tmp_path: Path, builtin: Host
) -> None:
    loaded = load(tmp_path, "ubnd-11074,dot-xuat,,2023-08-05T20:00:00+07:00,,\n", builtin)
    assert where(loaded.findings) == [("missing-incident", 2, "period")]


def test_a_report_that_may_be_about_several_incidents_is_an_error(
    tmp_path: Path, builtin: Host
) -> None:
    second = Incident(
        id="dx-08", kind="tu-vong-tntt", unit="11074", known=datetime(2023, 8, 6, 1, 0)
    )
    path = write(tmp_path, HEADER + "ubnd-11074,dot-xuat,,2023-08-06,,\n")
    loaded = load_submissions(
        path, PLAN, incidents=[*INCIDENTS, second], source=builtin.data_source_for(path)
    )
    assert where(loaded.findings) == [("missing-incident", 2, "period")]
    assert "dx-01, dx-08" in loaded.findings[0].message


def test_an_incident_named_by_another_report_is_not_inferred_again(
    tmp_path: Path, builtin: Host
) -> None:
    second = Incident(
        id="dx-08", kind="tu-vong-tntt", unit="11074", known=datetime(2023, 8, 6, 1, 0)
    )
    path = write(
        tmp_path,
        HEADER + "ubnd-11074,dot-xuat,,2023-08-06,,\nubnd-11074,dot-xuat,dx-01,2023-08-06,,\n",
    )
    loaded = load_submissions(
        path, PLAN, incidents=[*INCIDENTS, second], source=builtin.data_source_for(path)
    )
    assert [s.period for s in loaded] == ["dx-08", "dx-01"]


def test_without_incidents_the_incident_a_report_names_is_not_checked(
    tmp_path: Path, builtin: Host
) -> None:
    loaded = load(tmp_path, "ubnd-11074,dot-xuat,,2023-08-06,,\n", builtin, incidents=False)
    assert loaded.findings == ()
    assert loaded.submissions[0].period is None


def test_a_repeated_row_is_a_warning_and_counted_once(tmp_path: Path, builtin: Host) -> None:
    loaded = load(
        tmp_path,
        "y-te,ke-hoach,,2023-03-01,01/KH,\ny-te,ke-hoach,,01/03/2023,01/KH,\n",
        builtin,
    )
    assert where(loaded.findings) == [("duplicate-row", 3, None)]
    assert "row 2" in loaded.findings[0].message
    assert len(loaded) == 1 and not loaded.has_errors()


# -- incidents ----------------------------------------------------------------------------------

INCIDENT_HEADER = "id,kind,unit,known,occurred,description\n"


def incidents(tmp_path: Path, body: str, host: Host) -> IncidentSet:
    return load_incidents(
        write(tmp_path, INCIDENT_HEADER + body, "incidents.csv"),
        PLAN,
        source=host.data_source_for(write(tmp_path, INCIDENT_HEADER + body, "incidents.csv")),
    )


def test_a_good_incidents_file(tmp_path: Path, builtin: Host) -> None:
    loaded = incidents(
        tmp_path,
        "dx-01,xam-hai,11074,2023-08-05T21:45:00+07:00,2023-08-05T17:45:00+07:00,Tin báo\n"
        "dx-02,tu-vong-tntt,11083,2023-10-18T12:15:00,,\n",
        builtin,
    )
    assert loaded.findings == ()
    assert loaded.incidents[0] == Incident(
        id="dx-01",
        kind="xam-hai",
        unit="11074",
        known=datetime(2023, 8, 5, 21, 45, tzinfo=VN),
        occurred=datetime(2023, 8, 5, 17, 45, tzinfo=VN),
        description="Tin báo",
    )
    assert loaded.incidents[1].occurred is None and loaded.incidents[1].description is None


@pytest.mark.parametrize(
    ("row", "found"),
    [
        ("dx 01,xam-hai,11074,2023-08-05T21:45,,", [("bad-code", "id")]),
        ("dx-01,xâm hại,11074,2023-08-05T21:45,,", [("bad-code", "kind")]),
        ("dx-01,xam-hai,99999,2023-08-05T21:45,,", [("unknown-unit", "unit")]),
        ("dx-01,xam-hai,11074,,,", [("missing-value", "known")]),
        ("dx-01,xam-hai,11074,2023-02-30T10:00,,", [("bad-date", "known")]),
        ("dx-01,xam-hai,11074,2023-08-05T21:45,hôm qua,", [("bad-date", "occurred")]),
        (",,,2023-08-05T21:45,,", [("missing-value", c) for c in ("id", "kind", "unit")]),
    ],
)
def test_a_bad_incident_row_is_reported_at_its_cells(
    tmp_path: Path, builtin: Host, row: str, found: list[tuple[str, str]]
) -> None:
    loaded = incidents(tmp_path, row + "\n", builtin)
    assert [(f.code, f.location.column) for f in loaded.findings] == found
    assert all(f.location.row == 2 for f in loaded.findings)
    assert len(loaded) == 0


def test_incident_warnings_keep_the_incident(tmp_path: Path, builtin: Host) -> None:
    loaded = incidents(
        tmp_path,
        "dx-01,xam-hai,11074,2023-08-05,,\n"
        "dx-02,xam-hai,11074,2023-08-05T08:00,2023-08-05T09:00,\n"
        "dx-03,dich-benh,11074,2023-08-05T08:00,,\n",
        builtin,
    )
    assert where(loaded.findings) == [
        ("known-without-time", 2, "known"),
        ("occurred-after-known", 3, "occurred"),
        ("untriggered-incident", 4, "kind"),
    ]
    assert loaded.incidents[0].known == datetime(2023, 8, 5, 0, 0)
    assert len(loaded) == 3 and not loaded.has_errors()


def test_a_repeated_incident_id_is_an_error(tmp_path: Path, builtin: Host) -> None:
    loaded = incidents(
        tmp_path,
        "dx-01,xam-hai,11074,2023-08-05T21:45,,\ndx-01,xam-hai,11083,2023-09-05T21:45,,\n",
        builtin,
    )
    assert where(loaded.findings) == [("duplicate-incident", 3, "id")]
    assert len(loaded) == 1


def test_an_incidents_file_missing_a_column(tmp_path: Path, builtin: Host) -> None:
    path = write(tmp_path, "id,kind,known\ndx-01,xam-hai,2023-08-05T21:45\n", "incidents.csv")
    loaded = load_incidents(path, PLAN, source=builtin.data_source_for(path))
    assert where(loaded.findings) == [("missing-column", 1, "unit")]


def test_every_loader_code_is_tested_here() -> None:
    """A new finding code needs an example test in this module."""
    text = Path(__file__).read_text(encoding="utf-8")
    untested = [
        code for code in FINDING_CODES if f'"{code}"' not in text.replace("FINDING_CODES", "")
    ]
    assert untested == []
