"""The words a report shows for a code: statuses, levels, severities (from the message
catalogs), indicator names and units (from the indicator catalog), in the current language;
and the same words added to the JSON beside the codes a person reads (``status_label``,
``indicator_name``...: the codes stay, the stable interface).

The maps below hold English messages marked with ``N_``, never translations: the message
catalogs translate them (:mod:`child_welfare_plan.i18n`).
"""

from __future__ import annotations

from typing import Any

from child_welfare_plan.catalogs import Catalog, national_catalog
from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.i18n import N_, _, current
from child_welfare_plan.model.findings import Severity
from child_welfare_plan.model.indicators import parse_disaggregation
from child_welfare_plan.model.plan import Plan
from child_welfare_plan.model.units import Level
from child_welfare_plan.reports.base import Coded
from child_welfare_plan.rules.targets import TargetStatus
from child_welfare_plan.rules.timeliness import Status

__all__ = [
    "IndicatorLabels",
    "audience_label",
    "label_evaluation",
    "label_timeliness",
    "level_label",
    "obligation_kind_label",
    "period_type_label",
    "severity_label",
    "status_label",
    "target_status_label",
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


def audience_label(audience: str) -> str:
    """The word for an audience (nội bộ, công khai)."""
    return _(_AUDIENCE[audience]) if audience in _AUDIENCE else audience


class IndicatorLabels:
    """Indicator names and units from the catalog (the national one when none is given),
    in the current language; a code the catalog does not know is shown as itself."""

    def __init__(self, catalog: Catalog | None = None) -> None:
        self.catalog = catalog if catalog is not None else national_catalog()
        self.english = current() == "en"

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


def _insert(record: dict[str, Any], after: str, key: str, value: Any) -> dict[str, Any]:
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
        item = _insert(item, "obligation", "obligation_name", titles.get(item["obligation"]))
        items.append(_insert(item, "status", "status_label", str(status_label(item["status"]))))
    rates = [
        _insert(rate, "obligation", "obligation_name", titles.get(rate["obligation"]))
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
        row = _insert(row, "indicator", "indicator_name", labels.name(row["indicator"]))
        indicators.append(
            _insert(row, "indicator_name", "indicator_unit", labels.unit(row["indicator"]))
        )
    out["indicators"] = indicators
    targets = []
    for row in out.get("targets", []):
        code = row.get("indicator")
        row = _insert(row, "indicator", "indicator_name", labels.name(code) if code else None)
        targets.append(
            _insert(row, "status", "status_label", str(target_status_label(row["status"])))
        )
    out["targets"] = targets
    return out
