"""Write the synthetic demo data set of the Tứ Kỳ pack, reproducibly (``random.Random(2023)``).

Everything this script writes is invented (SYNTHETIC): no real child, incident, report or
document number. It reads the pack's plan so that reporters, obligations and deadlines are
the plan's own, and writes into ``src/cwp_tu_ky/data/demo/`` (or ``--out DIR``):

* ``submissions.csv`` (``reporter,obligation,period,received,document_number``): for 2023,
  each of the 29 expected reporters' implementation plan, six-month and annual reports
  (most on time, some late, a few missing), one revision (a later, second submission of
  the same report under a new number) and one exact duplicate row; the district office's
  two reports to the province (sent by the district People's Committee, drafted by the
  office); some communes' self-inspection reports; and the event-triggered reports on the
  incidents, received as ISO datetimes (Vietnam time): the commune's, and the six offices'
  (most within the pack's reading of "kịp thời", two late, two missing).
* ``incidents.csv`` (``id,kind,unit,known,occurred,description``): a few invented incidents
  that trigger ``bao-cao-dot-xuat``.

The data values file (``data_values.csv``) is not written here yet.

Run from the repository root::

    .venv/bin/python plugins/cwp-tu-ky/scripts/make_demo.py
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from child_welfare_plan.calendars.deadlines import resolve
from child_welfare_plan.calendars.workdays import WorkingCalendar
from child_welfare_plan.io.plans import load_plan
from child_welfare_plan.model import Plan, ReportingObligation
from child_welfare_plan.rules.validate import obligation_last_day
from cwp_tu_ky import PLAN_FILE
from cwp_tu_ky.plugin import DEMO_AS_OF

SEED = 2023
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src" / "cwp_tu_ky" / "data" / "demo"
SUBMISSION_COLUMNS = ("reporter", "obligation", "period", "received", "document_number")
INCIDENT_COLUMNS = ("id", "kind", "unit", "known", "occurred", "description")
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

#: For the reports every commune and office owes: how many reporters are missing and how
#: many late (chosen at random); the others are on time.
OUTCOMES = {
    "ke-hoach-trien-khai": (1, 3),
    "bao-cao-6-thang": (2, 4),
    "bao-cao-nam": (3, 2),
}
#: Invented incidents: kind, description, and whether the commune reports it in time.
INCIDENTS = (
    ("tu-vong-tntt", "Trẻ em tử vong do đuối nước (sự việc giả định)", True),
    ("xam-hai", "Trẻ em bị xâm hại, tin báo qua Tổng đài 111 (sự việc giả định)", True),
    ("tu-vong-tntt", "Trẻ em tử vong do tai nạn giao thông (sự việc giả định)", False),
    ("xam-hai", "Trẻ em bị bạo lực trong gia đình (sự việc giả định)", True),
)
SELF_INSPECTION_REPORTS = 8
#: The offices' reports on incidents: how many are missing and how many late (chosen at
#: random among every office and incident); the others come within the time limit.
OFFICE_INCIDENT_OUTCOMES = (2, 2)

Row = dict[str, str]


class _Numbers:
    """Invented document numbers, marked SYNTHETIC, unique within the data set."""

    def __init__(self) -> None:
        self.count = 0

    def next(self, kind: str) -> str:
        self.count += 1
        return f"SYNTHETIC-{self.count:03d}/{kind}"


def _working_day_on_or_before(day: date, calendar: WorkingCalendar) -> date:
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


def _working_day_on_or_after(day: date, calendar: WorkingCalendar) -> date:
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


def _row(reporter: str, ob: ReportingObligation, received: str, number: str) -> Row:
    return {
        "reporter": reporter,
        "obligation": ob.id,
        "period": ob.covers or "",
        "received": received,
        "document_number": number,
    }


def make_submissions(
    plan: Plan, rng: random.Random, numbers: _Numbers, calendar: WorkingCalendar
) -> list[Row]:
    """Submissions of the dated obligations: the 29 reporters' three reports with their
    on-time, late and missing mix, one revision and one duplicate, and the district
    office's reports to the province (on time)."""
    rows: list[Row] = []
    for obligation_id, (missing, late) in OUTCOMES.items():
        ob = plan.obligation(obligation_id)
        last = obligation_last_day(plan, ob, calendar)
        assert last is not None
        reporters = list(plan.expected_reporters(ob))
        rng.shuffle(reporters)
        kind = "KH" if ob.covers is None else "BC"
        for index, reporter in enumerate(reporters):
            if index < missing:
                continue
            if index < missing + late:
                day = _working_day_on_or_after(last + timedelta(days=rng.randint(1, 15)), calendar)
            else:
                day = _working_day_on_or_before(last - timedelta(days=rng.randint(0, 12)), calendar)
            rows.append(_row(reporter, ob, day.isoformat(), numbers.next(kind)))
    for obligation_id in ("bao-cao-6-thang-tinh", "bao-cao-nam-tinh"):
        ob = plan.obligation(obligation_id)
        last = obligation_last_day(plan, ob, calendar)
        assert last is not None
        day = _working_day_on_or_before(last - timedelta(days=rng.randint(0, 2)), calendar)
        for reporter in plan.expected_reporters(ob):
            rows.append(_row(reporter, ob, day.isoformat(), numbers.next("BC")))

    six_month = [r for r in rows if r["obligation"] == "bao-cao-6-thang"]
    revised = rng.choice(six_month)
    later = date.fromisoformat(revised["received"]) + timedelta(days=rng.randint(5, 10))
    rows.append({**revised, "received": later.isoformat(), "document_number": numbers.next("BC")})
    rows.append(dict(rng.choice(rows)))
    return rows


def make_self_inspection(
    plan: Plan, rng: random.Random, numbers: _Numbers, calendar: WorkingCalendar
) -> list[Row]:
    """Some communes' self-inspection reports (III.5: no fixed date), in October-November."""
    ob = plan.obligation("bao-cao-tu-kiem-tra")
    reporters = rng.sample(list(plan.expected_reporters(ob)), SELF_INSPECTION_REPORTS)
    rows = []
    for reporter in reporters:
        day = date(2023, 10, 1) + timedelta(days=rng.randint(0, 60))
        day = _working_day_on_or_after(day, calendar)
        rows.append(_row(reporter, ob, day.isoformat(), numbers.next("BC")))
    return rows


def make_incidents(plan: Plan, rng: random.Random) -> list[Row]:
    """A few invented incidents in random communes of the area, on random days of 2023."""
    communes = [u.code for u in plan.area_units("commune")]
    rows = []
    for index, (kind, description, _) in enumerate(INCIDENTS, start=1):
        day = date(2023, 1, 1) + timedelta(days=rng.randint(20, 330))
        occurred = datetime.combine(day, time(rng.randint(6, 20), rng.choice((0, 15, 30, 45))))
        known = occurred + timedelta(hours=rng.randint(1, 6))
        rows.append(
            {
                "id": f"dx-2023-{index:02d}",
                "kind": kind,
                "unit": rng.choice(communes),
                "known": known.replace(tzinfo=VIETNAM).isoformat(),
                "occurred": occurred.replace(tzinfo=VIETNAM).isoformat(),
                "description": f"SYNTHETIC: {description}",
            }
        )
    return rows


def make_incident_reports(
    plan: Plan, incidents: Iterable[Row], rng: random.Random, numbers: _Numbers
) -> list[Row]:
    """The commune's report on each incident: before the end of the plan's time limit
    (counted from when the incident became known), or one to 24 hours after it."""
    ob = plan.obligation("bao-cao-dot-xuat")
    rule = ob.effective_deadline
    assert rule is not None
    rows = []
    for incident, (_, _, in_time) in zip(incidents, INCIDENTS, strict=True):
        known = datetime.fromisoformat(incident["known"])
        due_at = resolve(rule, anchor=known).due_at
        assert due_at is not None
        margin = timedelta(minutes=rng.randint(30, 8 * 60))
        received = due_at - margin if in_time else due_at + timedelta(hours=rng.randint(1, 24))
        committee = plan.committee_of(incident["unit"])
        assert committee is not None
        row = _row(committee.code, ob, received.isoformat(), numbers.next("BC"))
        row["period"] = incident["id"]  # a report on an incident names it in `period`
        rows.append(row)
    return rows


def make_office_incident_reports(
    plan: Plan, incidents: Sequence[Row], rng: random.Random, numbers: _Numbers
) -> list[Row]:
    """The offices' reports on each incident (III.3 addresses the sectors too): most within
    the time limit, a few late (one to 24 hours after it), a few missing."""
    ob = plan.obligation("bao-cao-dot-xuat")
    rule = ob.effective_deadline
    assert rule is not None
    pairs = [(incident, office) for incident in incidents for office in ob.reporters.agencies]
    missing, late = OFFICE_INCIDENT_OUTCOMES
    chosen = rng.sample(range(len(pairs)), missing + late)
    rows = []
    for index, (incident, office) in enumerate(pairs):
        if index in chosen[:missing]:
            continue
        due_at = resolve(rule, anchor=datetime.fromisoformat(incident["known"])).due_at
        assert due_at is not None
        if index in chosen[missing:]:
            received = due_at + timedelta(hours=rng.randint(1, 24))
        else:
            received = due_at - timedelta(minutes=rng.randint(30, 8 * 60))
        row = _row(office, ob, received.isoformat(), numbers.next("BC"))
        row["period"] = incident["id"]
        rows.append(row)
    return rows


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Row]) -> None:
    """UTF-8 CSV with a plain header line and ``\\n`` line ends."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _order(row: Row) -> tuple[str, str, str, str]:
    return (row["received"][:10], row["obligation"], row["reporter"], row["received"])


def make_demo(out: Path, plan: Plan | None = None) -> list[Path]:
    """Write the demo files into ``out``; returns their paths. Same output on every run."""
    plan = plan if plan is not None else load_plan(PLAN_FILE)
    rng = random.Random(SEED)
    numbers = _Numbers()
    calendar = WorkingCalendar()
    incidents = make_incidents(plan, rng)
    submissions = [
        *make_submissions(plan, rng, numbers, calendar),
        *make_self_inspection(plan, rng, numbers, calendar),
        *make_incident_reports(plan, incidents, rng, numbers),
        *make_office_incident_reports(plan, incidents, rng, numbers),
    ]
    assert all(r["received"][:10] <= DEMO_AS_OF.isoformat() for r in submissions)
    out.mkdir(parents=True, exist_ok=True)
    written = [out / "submissions.csv", out / "incidents.csv"]
    write_csv(written[0], SUBMISSION_COLUMNS, sorted(submissions, key=_order))
    write_csv(written[1], INCIDENT_COLUMNS, incidents)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``make_demo.py [--out DIR]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="directory to write")
    args = parser.parse_args(argv)
    for path in make_demo(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
