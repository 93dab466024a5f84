"""`cwp status` on the whole country, side by side with a minimal pandas script.

Generates, into a temporary directory (never committed), with ``random.Random(2023)``:

* ``plan.json``: a national plan holding every unit of the GSO list of 10/04/2023 (63
  provinces, 705 districts, 10,598 communes), no area, the ``nd09`` period convention, and
  three periodic obligations owed by every commune's People's Committee: ``bao-cao-quy-1``
  (2023Q1, "trước ngày 15/3/2023"), ``bao-cao-6-thang`` (2023S1, "trước ngày 15/6/2023")
  and ``bao-cao-nam`` (2023, "trước ngày 05/12/2023");
* ``submissions.csv``: for every commune and obligation, a report on time (most), late
  (1 to 40 days), or missing; ``received`` as ``YYYY-MM-DD`` (most), an ISO datetime in
  Vietnam time, or one in UTC (``Z``, some of them after 17:00 UTC, i.e. the next day in
  Vietnam); some revisions (a second row, ``revision`` 2, days later) and some exact
  duplicate rows.

Then times, several runs each, alternating, as whole processes, as of 01/12/2023 (so the
annual report is still pending for many):

* ``cwp status plan.json --submissions submissions.csv --as-of 2023-12-01 --format json
  --output out.json`` (plan file read and checked, every row checked, deadlines resolved
  with the Civil Code roll, statuses, rates, findings);
* a minimal pandas script that reads the same CSV, converts ``received`` to the Vietnamese
  local date, keeps what was received by the as-of date, takes the first submission per
  (reporter, obligation, period), joins the expected reporters (every commune of the GSO
  list × the three obligations, with the last on-time days given to it, already rolled),
  classifies on time, late, overdue, pending with their day counts, and writes JSON
  records. It checks nothing and reads no plan.

It reports the median wall time and the peak resident memory of each (from
``resource.getrusage(RUSAGE_CHILDREN)`` in a one-child wrapper process), checks that both
classify every report the same way, and times the phases of ``cwp status`` in process.

Each engine of ``cwp status`` (``--engines``, python and duckdb by default) is timed, and
its output checked: the same statuses as the script's, the same bytes as the first
engine's.

Run from the repository root::

    .venv/bin/python -m benchmarks.status_national [--runs 5] [--engines python,duckdb,dask]
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from benchmarks.national import UNITS_CSV, national_agencies, national_units
from benchmarks.timing import alternate, print_table
from child_welfare_plan.calendars.deadlines import resolve
from child_welfare_plan.io.plans import dumps_plan_json
from child_welfare_plan.model import Level, Plan, Reporters, ReportingObligation
from child_welfare_plan.model.deadlines import parse_deadline

SEED = 2023
AS_OF = date(2023, 12, 1)
CWP = Path(sys.executable).parent / "cwp"
OBLIGATIONS = (
    ("bao-cao-quy-1", "Báo cáo quý I", "2023Q1", "trước ngày 15/3/2023"),
    ("bao-cao-6-thang", "Báo cáo 6 tháng", "2023S1", "trước ngày 15/6/2023"),
    ("bao-cao-nam", "Báo cáo năm", "2023", "trước ngày 05/12/2023"),
)

PANDAS_SCRIPT = """\
import sys

import numpy as np
import pandas as pd

submissions, units, lasts, as_of, out = sys.argv[1:6]
as_of = pd.Timestamp(as_of)
s = pd.read_csv(submissions, dtype=str, keep_default_na=False)
timed = s["received"].str.contains("T")
day = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
day[~timed] = pd.to_datetime(s.loc[~timed, "received"], format="%Y-%m-%d")
moments = pd.to_datetime(s.loc[timed, "received"], format="ISO8601", utc=True)
day[timed] = moments.dt.tz_convert("Asia/Ho_Chi_Minh").dt.tz_localize(None).dt.normalize()
s["day"] = day
s = s[s["day"] <= as_of]
first = s.groupby(["reporter", "obligation", "period"], as_index=False)["day"].min()
u = pd.read_csv(units, dtype=str, usecols=["commune_code"]).dropna()
reporters = pd.DataFrame({"reporter": "ubnd-" + u["commune_code"]})
owed = pd.read_csv(lasts, dtype=str, keep_default_na=False, parse_dates=["last_on_time_day"])
expected = reporters.merge(owed, how="cross")
e = expected.merge(first, on=["reporter", "obligation", "period"], how="left")
got = e["day"].notna()
late = (e["day"] - e["last_on_time_day"]).dt.days
left = (e["last_on_time_day"] - as_of).dt.days
e["status"] = np.select(
    [got & (late <= 0), got, left < 0], ["on_time", "late", "overdue"], "pending"
)
e["days_late"] = late.where(e["status"] == "late")
e["days_overdue"] = (-left).where(e["status"] == "overdue")
e["days_left"] = left.where(e["status"] == "pending")
e = e.rename(columns={"day": "received"})
e.to_json(out, orient="records", date_format="iso", force_ascii=False)
"""


def national_plan() -> Plan:
    """Every unit, every commune's People's Committee, and the three periodic reports."""
    units = national_units()
    return Plan(
        id="vn-2023",
        title="Theo dõi báo cáo công tác trẻ em toàn quốc năm 2023 (benchmark)",
        year=2023,
        issuer="bo-ldtbxh",
        period_convention="nd09",
        units=units,
        agencies=national_agencies(units),
        obligations=[
            ReportingObligation(
                id=code,
                title=title,
                kind="periodic",
                reporters=Reporters(level=Level.COMMUNE),
                recipient="bo-ldtbxh",
                covers=period,
                deadline=parse_deadline(phrase),
            )
            for code, title, period, phrase in OBLIGATIONS
        ],
    )


def last_days() -> dict[str, date]:
    """The last on-time day of each obligation (Civil Code roll, national calendar)."""
    return {
        code: resolve(parse_deadline(phrase)).last_on_time_day for code, _, _, phrase in OBLIGATIONS
    }


def _received(day: date, rng: random.Random) -> str:
    form = rng.random()
    if form < 0.80:
        return day.isoformat()
    moment = datetime(day.year, day.month, day.day, rng.randint(7, 16), rng.choice((0, 30)))
    if form < 0.95:
        return moment.isoformat() + "+07:00"
    # The same local instant written in UTC (Z): 07:00-16:30 local is 00:00-09:30 UTC.
    return (moment - timedelta(hours=7)).replace(tzinfo=UTC).isoformat().replace("+00:00", "Z")


def write_submissions(directory: Path, communes: Sequence[str]) -> tuple[Path, int]:
    """The national submissions file; returns its path and number of rows."""
    rng = random.Random(SEED)
    lasts = last_days()
    path = directory / "submissions.csv"
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(
            ("reporter", "obligation", "period", "received", "document_number", "revision")
        )
        for code, _, period, _ in OBLIGATIONS:
            last = lasts[code]
            for number, commune in enumerate(communes, start=1):
                draw = rng.random()
                if draw < 0.06:
                    continue
                if draw < 0.16:
                    day = last + timedelta(days=rng.randint(1, 40))
                else:
                    day = last - timedelta(days=rng.randint(0, 20))
                reporter = f"ubnd-{commune}"
                document = f"{number}/BC-UBND"
                line = [reporter, code, period, _received(day, rng), document, ""]
                writer.writerow(line)
                rows += 1
                if rng.random() < 0.02:
                    again = day + timedelta(days=rng.randint(3, 10))
                    writer.writerow(
                        [reporter, code, period, again.isoformat(), document + "-b", "2"]
                    )
                    rows += 1
                if rng.random() < 0.01:
                    writer.writerow(line)
                    rows += 1
    return path, rows


def _statuses(path: Path) -> Counter[tuple[str, str, int | None]]:
    """(obligation, status, days) of every item of either output, to compare them."""
    data = json.loads(path.read_text(encoding="utf-8"))
    items = data["items"] if isinstance(data, dict) else data
    out: Counter[tuple[str, str, int | None]] = Counter()
    for i in items:
        days = next(
            (i[k] for k in ("days_late", "days_overdue", "days_left") if i.get(k) is not None),
            None,
        )
        out[(i["obligation"], i["status"], None if days is None else int(days))] += 1
    return out


def _phases(plan_path: Path, submissions: Path) -> list[tuple[str, float]]:
    """Seconds spent in each phase of ``cwp status``, in this process (one run)."""
    from child_welfare_plan.formats.json import render_json
    from child_welfare_plan.io.plans import load_plan
    from child_welfare_plan.io.submissions import read_submissions
    from child_welfare_plan.plugins import Host
    from child_welfare_plan.reports.status import status_report
    from child_welfare_plan.rules.timeliness import timeliness

    host = Host()
    marks = [("start", time.perf_counter())]
    plan = load_plan(plan_path)
    marks.append(("read the plan file", time.perf_counter()))
    table = host.read_table(submissions)
    marks.append(("read the CSV into a table", time.perf_counter()))
    loaded = read_submissions(table, plan)
    marks.append(("check every row", time.perf_counter()))
    calendar = host.working_calendar(None, 2023)
    calendar.is_working_day(AS_OF)
    marks.append(("load Vietnam's holidays", time.perf_counter()))
    gc.freeze()  # as `cwp status` does
    result = timeliness(plan, loaded.submissions, as_of=AS_OF, calendar=calendar)
    marks.append(("judge (statuses, rates)", time.perf_counter()))
    report = status_report(result, plan, loaded.findings)
    marks.append(("build the report", time.perf_counter()))
    render_json(report)
    marks.append(("write JSON", time.perf_counter()))
    return [(name, t - marks[i][1]) for i, (name, t) in enumerate(marks[1:])]


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the data, time both sides, print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="runs of each side (default 5)")
    parser.add_argument("--keep", type=Path, help="generate into this directory and keep it")
    parser.add_argument(
        "--engines",
        default="python,duckdb",
        help="engines of cwp status to time, comma-separated (default python,duckdb; dask "
        "starts a local cluster in every run)",
    )
    parser.add_argument("--phases-of", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phases_of is not None:  # one fresh process: print the phases as JSON
        print(json.dumps(_phases(args.phases_of / "plan.json", args.phases_of / "submissions.csv")))
        return 0
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    with tempfile.TemporaryDirectory(prefix="cwp-status-") as temp:
        directory = args.keep or Path(temp)
        directory.mkdir(parents=True, exist_ok=True)
        plan_path = directory / "plan.json"
        plan_path.write_text(dumps_plan_json(national_plan()), encoding="utf-8")
        communes = [u.code for u in national_units() if u.level is Level.COMMUNE]
        submissions, rows = write_submissions(directory, communes)
        lasts = directory / "last_days.csv"
        with lasts.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(("obligation", "period", "last_on_time_day"))
            for code, _, period, _ in OBLIGATIONS:
                writer.writerow((code, period, last_days()[code].isoformat()))
        script = directory / "pandas_status.py"
        script.write_text(PANDAS_SCRIPT, encoding="utf-8")
        size = submissions.stat().st_size / 2**20
        print(
            f"{len(communes):,} communes × {len(OBLIGATIONS)} obligations; {rows:,} submission "
            f"rows, {size:.1f} MiB of CSV; as of {AS_OF.isoformat()}",
            flush=True,
        )
        outputs = {f"cwp status --engine {e}": directory / f"cwp-{e}.json" for e in engines}
        commands = {
            name: [
                str(CWP), "status", str(plan_path), "--submissions", str(submissions),
                "--as-of", AS_OF.isoformat(), "--format", "json", "--output", str(out),
                "--engine", name.rsplit(" ", 1)[1],
            ]
            for name, out in outputs.items()
        }  # fmt: skip
        outputs["pandas script"] = directory / "pd.json"
        commands["pandas script"] = [
            sys.executable, str(script), str(submissions), str(UNITS_CSV), str(lasts),
            AS_OF.isoformat(), str(outputs["pandas script"]),
        ]  # fmt: skip
        for name, command in commands.items():
            print(f"{name}: {' '.join(command)}", flush=True)
        results = alternate(commands, args.runs)
        print_table(results)
        pandas = statistics.median(r[0] for r in results["pandas script"])
        expected = _statuses(outputs["pandas script"])
        reference = outputs[f"cwp status --engine {engines[0]}"].read_bytes()
        print()
        for name in outputs:
            if name == "pandas script":
                continue
            ratio = statistics.median(r[0] for r in results[name]) / pandas
            same = _statuses(outputs[name]) == expected
            identical = outputs[name].read_bytes() == reference
            print(
                f"{name} / pandas: {ratio:.2f}×; same statuses and day counts: {same}; "
                f"same bytes as --engine {engines[0]}: {identical}"
            )
        print(f"\nPhases of cwp status --engine {engines[0]}, in process (one run):")
        phases = json.loads(
            subprocess.run(
                [sys.executable, "-m", "benchmarks.status_national", "--phases-of", str(directory)],
                check=True,
                capture_output=True,
                text=True,
                cwd=Path(__file__).resolve().parent.parent,
            ).stdout
        )
        for name, seconds in phases:
            print(f"  {name:<28} {seconds:6.2f} s")
        first = results[f"cwp status --engine {engines[0]}"]
        rest = statistics.median(r[0] for r in first) - sum(s for _, s in phases)
        print(f"  {'start-up and imports (rest)':<28} {rest:6.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
