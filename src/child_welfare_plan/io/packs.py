"""A new pack for any unit of the register: an installable distribution with a plan file, a
synthetic demo data set and a test (``cwp new-pack``).

:func:`scaffold_pack` writes nothing: it gives the files as text. The plan names the unit
(as it stands on the chosen day), its parents, and the bodies of each level that the
plan needs on the days they exist (:mod:`child_welfare_plan.catalogs.agencies`): after
01/07/2025 a commune reports straight to the province, through the provincial Department
of Health; before, to its district. Its reporting obligations follow the pattern of the
Tứ Kỳ 2023 plan (a half-year and a yearly report), with placeholder deadlines the author
replaces with those of the province's own plan. :func:`write_pack` writes the files into
a new directory.

References:
    * Resolution 202/2025/QH15: two tiers of local government from 01/07/2025.
    * Decree 42/2025/NĐ-CP: the Ministry of Health manages children's affairs from
      01/03/2025.
    * Decree 09/2019/NĐ-CP Art. 12: data cut-offs of periodic reports (the periods of the
      plan are read under them).
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import tomllib
from datetime import date, timedelta
from pathlib import Path

import attrs

from child_welfare_plan.calendars.workdays import WorkingCalendar
from child_welfare_plan.catalogs.agencies import AgencyRole, agencies_for, unit_in_text
from child_welfare_plan.errors import InvalidValueError, NotFoundError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io import pack_templates as templates
from child_welfare_plan.io.plans import plan_from_data
from child_welfare_plan.model.agencies import Agency
from child_welfare_plan.model.deadlines import format_vn_date
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.model.successions import UnitRegister
from child_welfare_plan.model.units import AdministrativeUnit, Level, fold_name
from child_welfare_plan.rules.validate import obligation_last_day

__all__ = ["PackFiles", "pick_unit", "scaffold_pack", "write_pack"]


@attrs.frozen(kw_only=True)
class PackFiles:
    """A pack as text: its names, the unit and plan it holds, and its files by relative
    path."""

    distribution: str
    module: str
    plan_id: str
    unit: AdministrativeUnit
    plan: Plan
    files: dict[str, str]


def pick_unit(register: UnitRegister, code: str, year: int) -> AdministrativeUnit:
    """The unit with ``code`` for a plan of ``year``: the one in force on 1 January, else
    the first that had the code during the year.

    Raises:
        NotFoundError: no unit had the code in that year (the message says which did, when).
    """
    start, end = date(year, 1, 1), date(year, 12, 31)
    versions = register.versions(code)
    if not versions:
        raise NotFoundError(Message("no administrative unit with code {code!r}", code=code))
    inside = [u for u in versions if u.active_between(start, end)]
    if not inside:
        register.unit(code, start)  # raises, naming the units that had the code
    return inside[0]


def _slug(unit: AdministrativeUnit) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold_name(unit.name)).strip("-")


def _q(text: str) -> str:
    """A TOML basic string."""
    return json.dumps(text, ensure_ascii=False)


def _list(items: list[str]) -> str:
    return "[" + ", ".join(_q(i) for i in items) + "]"


class _Builder:
    """The choices of one pack: units, agencies, obligations."""

    def __init__(self, register: UnitRegister, unit: AdministrativeUnit, year: int) -> None:
        self.register = register
        self.unit = unit
        self.year = year
        self.start, self.end = date(year, 1, 1), date(year, 12, 31)
        self.on = max(self.start, unit.valid_from or self.start)
        tree = register.hierarchy
        self.parents = list(tree.ancestors(unit.code, self.on))
        below = tree.descendants(unit.code, on=self.on) if unit.level is not Level.COMMUNE else ()
        self.below = list(below)
        children = [u for u in self.below if u.parent == unit.code]
        self.reporting_level = children[0].level if children else None
        self.reporters = [u for u in self.below if u.level is self.reporting_level]
        self.agencies: dict[str, tuple[Agency, AgencyRole]] = {}
        for item in (unit, *self.parents):
            for role in agencies_for(item, *self._days(item)):
                self._add(role, item)
        for item in self.reporters:
            for role in agencies_for(item, *self._days(item), ("committee",)):
                self._add(role, item)

    def _days(self, unit: AdministrativeUnit) -> tuple[date, date]:
        """The days of the plan's year on which ``unit`` exists."""
        start = max(self.start, unit.valid_from or self.start)
        return start, min(self.end, unit.valid_to or self.end)

    def _add(self, role: AgencyRole, unit: AdministrativeUnit) -> None:
        agency = role.agency(unit)
        self.agencies.setdefault(agency.code, (agency, role))

    def role(self, unit: AdministrativeUnit, kind: str, day: date) -> str | None:
        """The code of ``unit``'s body of ``kind`` on ``day`` (else the latest in the year)."""
        found = [
            (a, r) for a, r in self.agencies.values() if a.unit == unit.code and r.role == kind
        ]
        on_day = [a for a, _ in found if a.active_on(day)]
        if on_day:
            return on_day[0].code
        return found[-1][0].code if found else None

    @property
    def issuer(self) -> str:
        code = self.role(self.unit, "committee", self.on)
        assert code is not None
        return code

    @property
    def coordinator(self) -> str:
        return self.role(self.unit, "children", self.end) or self.issuer


def _deadline(day: int, month: int, year: int) -> str:
    """ "trước ngày D", with D moved on to the first day whose eve is a working day: the
    phrase's own last day then needs no Civil Code roll past the day it names."""
    calendar = WorkingCalendar()
    named = date(year, month, day)
    while not calendar.is_working_day(named - timedelta(days=1)):
        named += timedelta(days=1)
    return f"trước ngày {format_vn_date(named)}"


def _plan_text(b: _Builder) -> str:
    unit, year = b.unit, b.year
    lines = [
        f"# Kế hoạch thực hiện công tác trẻ em năm {year}: {unit.name} ({unit.code}).",
        "#",
        "# Written by `cwp new-pack` from the national register of units and the catalog of",
        "# agencies. Replace the placeholder texts, tasks and deadlines with those of the plan",
        "# as issued; `cwp validate` checks the result.",
        "",
        f"id = {_q(f'{_slug(unit)}-{unit.code}-{year}')}",
        f"title = {_q(f'Kế hoạch thực hiện công tác trẻ em năm {year}')}",
        f"year = {year}",
        f"issuer = {_q(b.issuer)}",
        f"area = {_q(unit.code)}",
        f"coordinator = {_q(b.coordinator)}",
        'period_convention = "nd09"',
        "period_basis = "
        + _q(
            "Placeholder: the periods of the reports are read under the data cut-offs of "
            f"Decree 09/2019/NĐ-CP Art. 12 ({year}S1 runs 15/12/{year - 1}-14/6/{year}, "
            f"{year} runs 15/12/{year - 1}-14/12/{year})."
        ),
        'legal_bases = ["Luật Trẻ em"]',
        "purposes = "
        + _list(
            [
                "Placeholder: the purposes of the plan, as issued (I. MỤC ĐÍCH, YÊU CẦU).",
            ]
        ),
        "notes = " + _list(_notes(b)),
        "",
    ]
    for item in (*reversed(b.parents), unit, *b.below):
        lines += ["[[units]]", f"code = {_q(item.code)}", f"name = {_q(item.name)}"]
        lines += [f"level = {_q(item.level.value)}"]
        if item.kind is not None:
            lines.append(f"kind = {_q(item.kind.value)}")
        if item.parent is not None:
            lines.append(f"parent = {_q(item.parent)}")
        if item.valid_from is not None:
            lines.append(f"valid_from = {item.valid_from.isoformat()}")
        if item.valid_to is not None:
            lines.append(f"valid_to = {item.valid_to.isoformat()}")
        lines.append("")
    for agency, _ in b.agencies.values():
        lines += [
            "[[agencies]]",
            f"code = {_q(agency.code)}",
            f"name = {_q(agency.name)}",
            f"name_en = {_q(agency.name_en or agency.name)}",
            f"unit = {_q(agency.unit)}",
            f"kind = {_q(agency.kind.value)}",
        ]
        if agency.valid_from is not None:
            lines.append(f"valid_from = {agency.valid_from.isoformat()}")
        if agency.valid_to is not None:
            lines.append(f"valid_to = {agency.valid_to.isoformat()}")
        lines.append("")
    lines += _tasks_and_events(year)
    lines += _obligations(b)
    return "\n".join(lines)


def _notes(b: _Builder) -> list[str]:
    unit = b.unit
    notes = [f"Unit {unit.code} {unit.name} as in force on {b.on.isoformat()}."]
    formed = b.register.predecessors(unit)
    if formed:
        names = ", ".join(f"{s.old} {b.register.old_unit(s).name} ({s.kind})" for s in formed)
        notes.append(f"Formed on {formed[0].effective.isoformat()} from {names}.")
    if unit.valid_to is not None:
        notes.append(f"The unit ceases after {unit.valid_to.isoformat()}.")
    for agency, role in b.agencies.values():
        if role.basis and role.role == "children":
            notes.append(f"{agency.name}: {role.basis}")
    return list(dict.fromkeys(notes))


def _tasks_and_events(year: int) -> list[str]:
    tasks: list[tuple[str, str, list[str]]] = [
        ("iii-1-1", f"Tổ chức Tháng hành động vì trẻ em năm {year}.", ["thang-hanh-dong"]),
        ("iii-1-2", "Tổ chức diễn đàn trẻ em.", ["dien-dan-tre-em"]),
        ("iii-1-3", "Tổ chức Tết Trung thu cho trẻ em.", ["tet-trung-thu"]),
    ]
    lines = [
        "# III. NHIỆM VỤ: placeholders; a task with no lead falls to the coordinator.",
        "[[task_groups]]",
        'id = "iii-1"',
        'section = "III.1"',
        'title = "Tổ chức các hoạt động vì trẻ em"',
        "",
    ]
    for task_id, text, linked in tasks:
        lines += [
            "[[task_groups.tasks]]",
            f"id = {_q(task_id)}",
            'section = "III.1"',
            f"text = {_q(text)}",
            f"events = {_list(linked)}",
            "",
        ]
    days: list[tuple[str, str, str, str]] = [
        (
            "thang-hanh-dong",
            "Tháng hành động vì trẻ em",
            "Month of Action for Children",
            "01/6-30/6",
        ),
        ("quoc-te-thieu-nhi", "Ngày Quốc tế thiếu nhi", "International Children's Day", "01/6"),
        ("dien-dan-tre-em", "Diễn đàn trẻ em", "Children's Forum", "trong năm"),
        ("tet-trung-thu", "Tết Trung thu", "Mid-Autumn Festival", "15/8 âm lịch"),
    ]
    for event_id, title, title_en, when in days:
        lines += [
            "[[events]]",
            f"id = {_q(event_id)}",
            f"title = {_q(title)}",
            f"title_en = {_q(title_en)}",
            f"when = {_q(when)}",
            "",
        ]
    return lines


def _obligations(b: _Builder) -> list[str]:
    """A half-year and a yearly report to the level above (and, for a district, their
    consolidation for the province); deadlines are placeholders."""
    year = b.year
    above = b.parents[0] if b.parents else None
    lines = ["# VI. CHẾ ĐỘ BÁO CÁO: the deadlines are placeholders (replace them)."]
    specs = [
        ("bao-cao-6-thang", "Báo cáo kết quả thực hiện 06 tháng", f"{year}S1", (20, 6)),
        ("bao-cao-nam", "Báo cáo năm", str(year), (20, 12)),
    ]
    for ob_id, title, covers, (day, month) in specs:
        due = date(year, month, day)
        if b.reporting_level is not None:
            reporters = f'{{ level = "{b.reporting_level.value}" }}'
            recipient, via = b.issuer, b.role(b.unit, "children", due)
        else:
            reporters = f"{{ agencies = [{_q(b.issuer)}] }}"
            if above is None:
                continue
            recipient = b.role(above, "committee", due) or b.issuer
            via = b.role(above, "children", due)
        lines += [
            "[[obligations]]",
            f"id = {_q(ob_id)}",
            f"title = {_q(title)}",
            'kind = "periodic"',
            f"reporters = {reporters}",
            f"recipient = {_q(recipient)}",
        ]
        if via is not None and via != recipient:
            lines.append(f"via = {_q(via)}")
        lines += [
            f"covers = {_q(covers)}",
            f"deadline = {_q(_deadline(day, month, year))}",
            'basis = "Placeholder deadline written by cwp new-pack; periods under Decree '
            '09/2019/NĐ-CP Art. 12."',
            "",
        ]
        if b.reporting_level is not None and above is not None:
            upper = date(year, month, day + 5)
            receiver = b.role(above, "committee", upper)
            if receiver is None:
                continue
            lines += [
                "[[obligations]]",
                f"id = {_q(ob_id + '-cap-tren')}",
                f"title = {_q(title + ' gửi cấp trên')}",
                'kind = "periodic"',
                f"reporters = {{ agencies = [{_q(b.coordinator)}] }}",
                f"recipient = {_q(receiver)}",
            ]
            via = b.role(above, "children", upper)
            if via is not None:
                lines.append(f"via = {_q(via)}")
            lines += [
                f"covers = {_q(covers)}",
                f"deadline = {_q(_deadline(day + 5, month, year))}",
                f"feeds = [{_q(ob_id)}]",
                'basis = "Placeholder deadline written by cwp new-pack: the consolidated '
                'report follows the reports it is built from."',
                "",
            ]
    return lines


def _demo_values(plan: Plan, year: int, seed: str) -> str:
    """Invented figures for every reporting unit, both half-years (SYNTHETIC)."""
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["unit", "period", "indicator", "disaggregation", "value"])
    area = plan.area
    assert area is not None
    for leaf in plan.hierarchy.leaves(area):
        children = rng.randint(1500, 6000)
        for period in (f"{year}S1", f"{year}S2"):
            children += rng.randint(-30, 30)
            males = round(children * 0.52)
            rows: list[tuple[str, str, object]] = [
                ("tre-em", "", children),
                ("tre-em", "sex=male", males),
                ("tre-em", "sex=female", children - males),
            ]
            special = round(children * rng.uniform(0.025, 0.045))
            boys = special // 2
            helped = round(special * rng.uniform(0.85, 0.98))
            helped_boys = min(boys, round(helped * boys / special)) if special else 0
            rows += [
                ("tre-em-hcdb", "", special),
                ("tre-em-hcdb", "sex=male", boys),
                ("tre-em-hcdb", "sex=female", special - boys),
                ("tre-em-hcdb-duoc-tro-giup", "", helped),
                ("tre-em-hcdb-duoc-tro-giup", "sex=male", helped_boys),
                ("tre-em-hcdb-duoc-tro-giup", "sex=female", helped - helped_boys),
                ("tre-em-bi-xam-hai", "", rng.choice((0, 0, 1, 2))),
                ("tre-em-tu-vong-tntt", "", rng.choice((0, 0, 0, 1))),
                ("quy-bao-tro-huy-dong", "", rng.randint(5, 40) * 1_000_000),
                ("xa-phu-hop-tre-em", "", 1 if rng.random() < 0.7 else 0),
            ]
            writer.writerows((leaf.code, period, ind, key, value) for ind, key, value in rows)
    return out.getvalue()


def _demo_submissions(plan: Plan, seed: str) -> str:
    """Every expected report, received on time a few days before its last day
    (SYNTHETIC)."""
    rng = random.Random(seed)
    calendar = WorkingCalendar()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["reporter", "obligation", "period", "received", "document_number"])
    number = 0
    for ob in plan.obligations:
        last = obligation_last_day(plan, ob, calendar)
        if last is None:
            continue
        for reporter in plan.expected_reporters(ob):
            number += 1
            received = last - timedelta(days=rng.randint(0, 6))
            writer.writerow(
                [
                    reporter,
                    ob.id,
                    ob.covers or "",
                    received.isoformat(),
                    f"SYNTHETIC-{number:03d}/BC",
                ]
            )
    return out.getvalue()


def scaffold_pack(register: UnitRegister, code: str, year: int) -> PackFiles:
    """The files of a pack for the unit with ``code`` in ``year`` (see :func:`pick_unit`).

    Raises:
        NotFoundError: no unit had the code in that year.
    """
    unit = pick_unit(register, code, year)
    builder = _Builder(register, unit, year)
    plan_text = _plan_text(builder)
    plan = plan_from_data(tomllib.loads(plan_text), source="plan.toml")
    slug = f"{_slug(unit)}-{unit.code}"
    module = "cwp_" + slug.replace("-", "_")
    distribution = f"cwp-{slug}"
    seed = f"{unit.code}-{year}"
    data = f"src/{module}/data"
    words = {
        "module": module,
        "distribution": distribution,
        "entry": slug.replace("-", "_"),
        "plan_id": plan.id,
        "unit_code": unit.code,
        "unit_name": unit.name,
        "unit_text": unit_in_text(unit),
        "year": str(year),
        "as_of": f"date({year}, 12, 31)",
        "recipient": plan.obligation("bao-cao-nam").recipient if plan.obligations else "",
    }
    files = {
        "pyproject.toml": templates.PYPROJECT,
        "README.md": templates.README,
        f"src/{module}/__init__.py": templates.INIT,
        f"src/{module}/plugin.py": templates.PLUGIN,
        f"src/{module}/py.typed": "",
        "tests/test_pack.py": templates.TEST if plan.obligations else templates.TEST_NO_REPORTS,
    }
    files = {path: _fill(text, words) for path, text in files.items()}
    files[f"{data}/plan.toml"] = plan_text
    files[f"{data}/demo/data_values.csv"] = _demo_values(plan, year, seed)
    files[f"{data}/demo/submissions.csv"] = _demo_submissions(plan, seed)
    files[f"{data}/demo/README.md"] = _fill(templates.DEMO_README, words)
    return PackFiles(
        distribution=distribution,
        module=module,
        plan_id=plan.id,
        unit=unit,
        plan=plan,
        files=files,
    )


def _fill(text: str, words: dict[str, str]) -> str:
    for key, value in words.items():
        text = text.replace("{{" + key + "}}", value)
    return text


def write_pack(pack: PackFiles, directory: str | Path) -> list[Path]:
    """Write the pack's files under ``directory``, which must be new or empty.

    Raises:
        InvalidValueError: the directory holds files already.
    """
    root = Path(directory)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise InvalidValueError(
            Message("{folder!r} exists and is not an empty directory", folder=str(root))
        )
    written = []
    for relative, text in pack.files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
