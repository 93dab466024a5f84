"""The words a report shows for a code: statuses, levels, severities (from the message
catalogs), indicator names and units (from the indicator catalog), in the current language;
and the same words added to the JSON beside the codes a person reads (``status_label``,
``indicator_name``...: the codes stay, the stable interface).

The maps below hold English messages marked with ``N_``, never translations: the message
catalogs translate them (:mod:`child_welfare_plan.i18n`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from child_welfare_plan.catalogs import Catalog, national_catalog
from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.i18n import N_, _, current
from child_welfare_plan.model.agencies import Agency
from child_welfare_plan.model.findings import Severity
from child_welfare_plan.model.indicators import parse_disaggregation
from child_welfare_plan.model.plan import AgencyGroup, Plan
from child_welfare_plan.model.units import Level
from child_welfare_plan.reports.base import Coded, Percentage
from child_welfare_plan.rules.aggregate import AggregateLabels
from child_welfare_plan.rules.targets import TargetStatus
from child_welfare_plan.rules.timeliness import Status

__all__ = [
    "IndicatorLabels",
    "PlanNames",
    "agency_kind_label",
    "aggregate_labels",
    "audience_label",
    "convention_label",
    "deadline_rule_label",
    "funding_kind_label",
    "insert_after",
    "label_evaluation",
    "label_timeliness",
    "level_label",
    "obligation_kind_label",
    "period_type_label",
    "severity_label",
    "status_label",
    "target_status_label",
    "unit_kind_label",
]

_STATUS = {
    Status.ON_TIME: N_("on time"),
    Status.LATE: N_("late"),
    Status.OVERDUE: N_("overdue"),
    Status.PENDING: N_("not yet due"),
    Status.NOT_EXPECTED: N_("not expected"),
    Status.RECEIVED: N_("received"),
    Status.NOT_RECEIVED: N_("not received"),
}

_TARGET_STATUS = {
    TargetStatus.MET: N_("met"),
    TargetStatus.NOT_MET: N_("not met"),
    TargetStatus.ON_TRACK: N_("on track"),
    TargetStatus.OFF_TRACK: N_("off track"),
    TargetStatus.NO_DATA: N_("no data"),
    TargetStatus.INSUFFICIENT_COVERAGE: N_("insufficient coverage"),
    TargetStatus.WITHHELD: N_("withheld"),
}

_LEVEL = {
    Level.PROVINCE: N_("province"),
    Level.DISTRICT: N_("district"),
    Level.COMMUNE: N_("commune"),
}

_SEVERITY = {
    Severity.ERROR: N_("error"),
    Severity.WARNING: N_("warning"),
    Severity.INFO: N_("information"),
}

_AUDIENCE = {"internal": N_("internal"), "public": N_("public")}

_OBLIGATION_KIND = {
    "periodic": N_("periodic"),
    "document": N_("a document"),
    "event-triggered": N_("on each incident"),
    "ad-hoc": N_("on request"),
}

_AGENCY_KIND = {
    "peoples-committee": N_("People's Committee"),
    "specialised-office": N_("specialised office"),
    "police": N_("police"),
    "front": N_("Fatherland Front"),
    "mass-organisation": N_("mass organisation"),
    "media": N_("media"),
    "party": N_("Party body"),
    "council": N_("People's Council"),
    "other": N_("other body"),
}

_UNIT_KIND = {
    "tinh": N_("province"),
    "thanh-pho-trung-uong": N_("centrally-run city"),
    "huyen": N_("district"),
    "quan": N_("urban district"),
    "thi-xa": N_("town (district level)"),
    "thanh-pho": N_("provincial city"),
    "xa": N_("commune"),
    "phuong": N_("ward"),
    "thi-tran": N_("township"),
    "dac-khu": N_("special zone"),
}

_FUNDING_KIND = {
    "state-budget": N_("state budget"),
    "mobilised": N_("mobilised funds"),
    "other": N_("other sources"),
}

_CONVENTION = {
    "calendar": N_("calendar periods"),
    "nd09": N_("periods cut off as Decree 09/2019/NĐ-CP Art. 12 sets"),
}

_PERIOD_TYPE = {
    "daily": N_("daily"),
    "weekly": N_("weekly"),
    "monthly": N_("monthly"),
    "quarterly": N_("quarterly"),
    "sixmonthly": N_("six-monthly"),
    "yearly": N_("yearly"),
}


def status_label(status: Status | str) -> str:
    """The word for a timeliness status (đúng hạn, trễ hạn, quá hạn, chưa đến hạn...)."""
    code = Status(status)
    return Coded(_(_STATUS[code]), code.value)


def target_status_label(status: TargetStatus | str) -> str:
    """The words for a target's status (đạt, không đạt...)."""
    code = TargetStatus(status)
    return Coded(_(_TARGET_STATUS[code]), code.value)


def level_label(level: Level | str) -> str:
    """The word for a level of administrative unit (tỉnh, huyện, xã)."""
    return _(_LEVEL[Level(level)])


def severity_label(severity: Severity | str) -> str:
    """The word for a finding's severity (lỗi, cảnh báo, thông tin)."""
    code = Severity(severity)
    return Coded(_(_SEVERITY[code]), code.value)


def obligation_kind_label(kind: str) -> str:
    """The words for a kind of report (định kỳ, theo vụ việc...)."""
    return Coded(_(_OBLIGATION_KIND[kind]), kind) if kind in _OBLIGATION_KIND else kind


def period_type_label(kind: str) -> str:
    """The word for a type of period (tháng, quý, 6 tháng, năm...)."""
    return Coded(_(_PERIOD_TYPE[kind]), kind) if kind in _PERIOD_TYPE else kind


def agency_kind_label(kind: str) -> str:
    """The words for a kind of agency (Ủy ban nhân dân, phòng chuyên môn...)."""
    return _(_AGENCY_KIND[kind]) if kind in _AGENCY_KIND else kind


def unit_kind_label(kind: str) -> str:
    """The word for a kind of administrative unit (tỉnh, huyện, xã, thị trấn...)."""
    return _(_UNIT_KIND[kind]) if kind in _UNIT_KIND else kind


def funding_kind_label(kind: str) -> str:
    """The words for a kind of funding source (ngân sách nhà nước...)."""
    return _(_FUNDING_KIND[kind]) if kind in _FUNDING_KIND else kind


def convention_label(convention: str) -> str:
    """The words for a period convention (calendar periods, Decree 09/2019 cut-offs)."""
    return _(_CONVENTION[convention]) if convention in _CONVENTION else convention


_DEADLINE_RULE = {
    "before": N_("before a day"),
    "by": N_("by a day"),
    "within_days": N_("within days"),
    "within_hours": N_("within hours"),
    "promptly": N_("promptly, no time limit"),
}


def deadline_rule_label(kind: str) -> str:
    """The words for a kind of deadline rule (``before`` → *trước ngày*)."""
    return _(_DEADLINE_RULE[kind]) if kind in _DEADLINE_RULE else kind


def audience_label(audience: str) -> str:
    """The word for an audience (nội bộ, công khai)."""
    return _(_AUDIENCE[audience]) if audience in _AUDIENCE else audience


class PlanNames:
    """The names of a plan's agencies, agency groups and units in the current language
    (``name_en`` in English where the plan gives one, else the Vietnamese name); a code
    the plan does not know is shown as itself. (The JSON's ``*_name`` fields hold the
    names as the plan records them, in every language, as the status JSON's
    ``reporter_name`` does.)"""

    def __init__(self, plan: Plan, *, english: bool | None = None) -> None:
        """Names in English when ``english`` (the current language is English when
        None); ``english=False`` gives the names as the plan records them (the JSON's)."""
        english = current() == "en" if english is None else english
        bodies: list[Agency | AgencyGroup] = [*plan.agencies, *plan.groups]
        self._in_english = {a.code for a in bodies if a.name_en}
        self.units = {u.code: (u.name_en or u.name) if english else u.name for u in plan.units}
        self.bodies = {a.code: (a.name_en or a.name) if english else a.name for a in bodies}

    def body(self, code: str) -> str:
        """The name of the agency or agency group ``code`` (the code when unknown)."""
        return self.bodies.get(code, code)

    def translated(self, code: str) -> bool:
        """True when the agency or group ``code`` has a name in English."""
        return code in self._in_english

    def bodies_of(self, codes: Iterable[str]) -> list[str]:
        """The names of the agencies or groups ``codes``, in order."""
        return [self.bodies.get(code, code) for code in codes]

    def unit(self, code: str) -> str:
        """The name of the unit ``code`` (the code when unknown)."""
        return self.units.get(code, code)


class IndicatorLabels:
    """Indicator names and units from the catalog (the national one when none is given),
    in the current language; a code the catalog does not know is shown as itself."""

    def __init__(self, catalog: Catalog | None = None) -> None:
        self.catalog = catalog if catalog is not None else national_catalog()
        self.english = current() == "en"
        self._percent: dict[str, bool] = {}

    def name(self, code: str) -> str:
        """The indicator's name (its code when unknown)."""
        if not self.catalog.has("indicator", code):
            return code
        found = self.catalog.indicator(code)
        return found.name_en if self.english else found.name

    def unit(self, code: str) -> str:
        """The indicator's unit ("trẻ em", "/100.000 trẻ em"; "" when none or unknown)."""
        if not self.catalog.has("indicator", code):
            return ""
        found = self.catalog.indicator(code)
        return (found.unit_en or found.unit) if self.english else found.unit

    def percent(self, code: str) -> bool:
        """True when the indicator is measured in % (its values are percentage points)."""
        found = self._percent.get(code)
        if found is None:
            found = self.catalog.has("indicator", code) and self.catalog.indicator(code).unit == "%"
            self._percent[code] = found
        return found

    def cell(self, code: str | None, value: Any) -> Any:
        """``value`` of the indicator as a table cell: a :class:`Percentage` when the
        indicator is measured in % and the value is a number, else as it is."""
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if number and code is not None and self.percent(code):
            return Percentage(value)
        return value

    def named(self, code: str) -> str:
        """Name, then unit in parentheses, then code: ``Số trẻ em (trẻ em) — tre-em``."""
        unit = self.unit(code)
        name = self.name(code)
        bare = unit.lstrip("/").strip()
        shown = f"{name} ({unit})" if unit and bare not in name else name
        return shown if name == code else f"{shown} — {code}"

    def breakdown(self, text: str) -> str:
        """A breakdown (``age_group=0-2;sex=male``) as the catalog names its values
        (``Nam; Từ 0 đến dưới 3 tuổi (nhà trẻ)``); ``total`` for the total; a code the
        catalog does not know is shown as it is."""
        if not text:
            return _("total")
        try:
            parts = parse_disaggregation(text)
        except InvalidValueError:
            return text
        shown = []
        for key, value in parts.items():
            term = None
            if self.catalog.has("dimension", key):
                term = next(
                    (t for t in self.catalog.dimension(key).values if t.code == value), None
                )
            if term is None:
                shown.append(f"{key}={value}")
            else:
                shown.append(term.name_en if self.english else term.name)
        return "; ".join(shown)


class _IndicatorWords(dict[str, tuple[str, str]]):
    """An indicator's name and unit by code, each looked up in the catalog once."""

    def __init__(self, labels: IndicatorLabels) -> None:
        super().__init__()
        self.labels = labels

    def __missing__(self, code: str) -> tuple[str, str]:
        words = (self.labels.name(code), self.labels.unit(code))
        self[code] = words
        return words


def aggregate_labels(plan: Plan, labels: IndicatorLabels) -> AggregateLabels:
    """The words the JSON of ``cwp aggregate`` writes beside its codes: each unit's name as
    the plan records it (as the evaluation's ``name``), each indicator's name and unit in
    the current language, looked up once per distinct code (a national roll-up has
    millions of values but a few thousand units and a few dozen indicators)."""
    names: dict[str, str | None] = {u.code: u.name for u in plan.hierarchy.units}
    return AggregateLabels(_Names(names), _IndicatorWords(labels))


class _Names(dict[str, str | None]):
    """Names by code; None for a code with none."""

    def __missing__(self, code: str) -> None:
        return None


def insert_after(record: dict[str, Any], after: str, key: str, value: Any) -> dict[str, Any]:
    """``record`` with ``key`` right after ``after`` (a JSON object reads in that order)."""
    out: dict[str, Any] = {}
    for name, item in record.items():
        out[name] = item
        if name == after:
            out[key] = value
    if key not in out:
        out[key] = value
    return out


def label_timeliness(data: dict[str, Any], plan: Plan) -> dict[str, Any]:
    """The JSON of a timeliness result with the words a person reads beside its codes:
    ``obligation_name`` (the report's title in the plan) and ``status_label``."""
    titles = {ob.id: ob.title for ob in plan.obligations}
    items = []
    for item in data.get("items", []):
        item = insert_after(item, "obligation", "obligation_name", titles.get(item["obligation"]))
        items.append(
            insert_after(item, "status", "status_label", str(status_label(item["status"])))
        )
    rates = [
        insert_after(rate, "obligation", "obligation_name", titles.get(rate["obligation"]))
        for rate in data.get("rates", [])
    ]
    return {**data, "items": items, "rates": rates}


def label_evaluation(data: dict[str, Any], labels: IndicatorLabels, plan: Plan) -> dict[str, Any]:
    """The JSON of an evaluation with the words a person reads beside its codes: the
    indicators' ``indicator_name`` and ``indicator_unit``, the targets' ``indicator_name``
    and ``status_label``, and the timeliness as :func:`label_timeliness` labels it."""
    out = dict(data)
    if out.get("timeliness") is not None:
        out["timeliness"] = label_timeliness(out["timeliness"], plan)
    indicators = []
    for row in out.get("indicators", []):
        row = insert_after(row, "indicator", "indicator_name", labels.name(row["indicator"]))
        indicators.append(
            insert_after(row, "indicator_name", "indicator_unit", labels.unit(row["indicator"]))
        )
    out["indicators"] = indicators
    targets = []
    for row in out.get("targets", []):
        code = row.get("indicator")
        row = insert_after(row, "indicator", "indicator_name", labels.name(code) if code else None)
        targets.append(
            insert_after(row, "status", "status_label", str(target_status_label(row["status"])))
        )
    out["targets"] = targets
    return out
