"""DHIS2 dataValueSets, JSON and CSV, in and out.

A dataValueSet holds ``dataValues``, each with ``dataElement``, ``period``, ``orgUnit``,
``categoryOptionCombo``, ``attributeOptionCombo`` and ``value`` (a string). Identifiers are
codes by default (DHIS2's ``idScheme=CODE``): the unit's GSO code for ``orgUnit``, the
indicator's code for ``dataElement``, and for ``categoryOptionCombo`` the canonical
disaggregation (``age_group=11-15;sex=female``), or ``default`` for a total. A
:class:`Dhis2Ids` mapping (a TOML file a pack ships) replaces them by an instance's UIDs.

**Out** (:func:`export_rows`, :func:`data_value_set_json`, :func:`data_value_set_csv`):
the values of an aggregation, except the ratios and shares (DHIS2 computes its indicators
itself), the undefined ones, and a value whose period is made up of shorter periods also
exported for the same unit, indicator and breakdown (DHIS2 stores values for the periods
of a data set and adds them up over time itself). JSON writes ``"idScheme": "CODE"`` when
the identifiers are codes; CSV writes DHIS2's lower-case header
``dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value``.

**In** (:func:`read_dhis2_json`, :func:`read_dhis2_csv`): a dataValueSet becomes a table
with the data-value columns (``unit,period,indicator,disaggregation,value``), read by the
same loader as CSV. Set-level ``period``, ``orgUnit`` and ``attributeOptionCombo`` are
defaults for each value; a ``categoryOptionCombo`` may be missing, ``null``, ``default``,
the default combination's UID ``HllvX50cXC0``, a breakdown code, a UID of the mapping, or
(DHIS2 2.43) an object of category → option codes. A CSV file needs its header row (as
DHIS2 2.43 does); its columns are matched by name, the documentation's short names
(``catoptcombo``, ``attroptcombo``) included. A value marked ``deleted`` is left out with a
warning; a value under another attribute option combination is refused (this library has
no attribute dimension).

**Periods** translate both ways: ``2023``, ``2023S1``, ``2023Q1``, ``202301``, ``20230115``
are the same ids; a week is written as DHIS2 writes it, ``2023W1`` (read as ``2023W01``);
DHIS2 2.43's ``2023-01`` and ``2023-01-15`` are read as months and days. DHIS2's other
period types (bi-monthly ``202301B``, weeks starting on other days, April/July/October
financial years...) have no match here and are named. DHIS2 periods are calendar periods:
values of a plan under the ``nd09`` convention (Decree 09/2019 cut-offs) are exported with
their ids unchanged and an :class:`~child_welfare_plan.errors.ExportWarning` naming the
convention, and a dataValueSet is read under the plan's convention, as a CSV file is.

Zero values: DHIS2 stores a zero only for a data element whose ``zeroIsSignificant`` is
set ("Store zero data values"); the counts exported here include zeros, which an instance
must be configured to keep.

References:
    * DHIS2 documentation, Developer guide › Web API › Data › "Data values", "Sending data
      values", "Sending bulks", "Identifier schemes", "CSV data value format" (dhis2-docs
      ``src/developer/web-api/data.md``).
    * DHIS2 documentation, Web API › Overview › "Date and period format" (period ids).
    * DHIS2 core, ``DefaultCategoryService``: the default category option combination has
      UID ``HllvX50cXC0`` and code ``default``.
    * DHIS2 core, ``WeeklyPeriodType`` (weeks written without a leading zero, ``2004W1``).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import Any

import attrs

from child_welfare_plan.errors import CwpError, ParseError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.io.tables import Table
from child_welfare_plan.model.cells import Cell, cell_text
from child_welfare_plan.model.findings import Finding, Location, Severity
from child_welfare_plan.model.indicators import canonical_disaggregation, parse_disaggregation
from child_welfare_plan.model.periods import Period, PeriodType, parse_period
from child_welfare_plan.rules.aggregate.results import AggregateResult, AggregateRow

__all__ = [
    "CSV_HEADER",
    "DEFAULT_COMBO_CODE",
    "DEFAULT_COMBO_UID",
    "DHIS2_COLUMNS",
    "Dhis2Ids",
    "Dhis2Value",
    "data_value_set_csv",
    "data_value_set_json",
    "export_rows",
    "from_dhis2_period",
    "looks_like_dhis2_csv",
    "looks_like_dhis2_json",
    "read_dhis2_csv",
    "read_dhis2_json",
    "to_dhis2_period",
]

DEFAULT_COMBO_UID = "HllvX50cXC0"
"""The UID of DHIS2's default category option combination (DHIS2 core)."""
DEFAULT_COMBO_CODE = "default"
"""The code (and name) of DHIS2's default category option combination."""
DHIS2_COLUMNS = (
    "dataElement",
    "period",
    "orgUnit",
    "categoryOptionCombo",
    "attributeOptionCombo",
    "value",
)
"""The keys of a dataValue, in DHIS2's order."""
CSV_HEADER = tuple(c.lower() for c in DHIS2_COLUMNS)
"""The header of a dataValueSet CSV file as DHIS2 writes it (the first six columns)."""

#: DHIS2's names of the columns a finding points at.
_COMBO_COLUMN = "categoryOptionCombo"
_ATTRIBUTE_COLUMN = "attributeOptionCombo"

#: The table a dataValueSet is read into, and the DHIS2 name of each of its columns.
_TABLE_COLUMNS = ("unit", "period", "indicator", "disaggregation", "value")
_TABLE_LABELS = ("orgUnit", "period", "dataElement", "categoryOptionCombo", "value")
_CSV_NAMES = {
    "dataelement": "dataElement",
    "de": "dataElement",
    "period": "period",
    "pe": "period",
    "orgunit": "orgUnit",
    "ou": "orgUnit",
    "categoryoptioncombo": "categoryOptionCombo",
    "catoptcombo": "categoryOptionCombo",
    "co": "categoryOptionCombo",
    "attributeoptioncombo": "attributeOptionCombo",
    "attroptcombo": "attributeOptionCombo",
    "value": "value",
    "deleted": "deleted",
}
_SNIFF_BYTES = 1 << 16

#: DHIS2 period types with no match here: the pattern of their ids and their name.
_OTHER_PERIODS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), name)
    for pattern, name in (
        (r"\d{4}(0[1-6])B", "BiMonthly"),
        (r"\d{4}BiW\d{1,2}", "BiWeekly"),
        (r"\d{4}(Wed|Thu|Fri|Sat|Sun)W\d{1,2}", "Weekly (not starting on Monday)"),
        (r"\d{4}(April|Nov)S\d", "SixMonthly (April or November)"),
        (r"\d{4}NovQ\d", "QuarterlyNov"),
        (r"\d{4}(Feb|April|July|Aug|Sep|Oct|Nov)", "Financial year"),
    )
)


# -- identifiers ------------------------------------------------------------------------


def _table(value: Any, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise CwpError(
            Message(
                "DHIS2 identifiers: [{where}] must map codes to identifier strings", where=where
            )
        )
    return {str(k): v for k, v in value.items()}


@attrs.frozen
class Dhis2Ids:
    """The identifiers of one DHIS2 instance for this library's codes.

    Each mapping goes from a code to the instance's identifier (a UID, or its own code):
    ``data_elements`` by indicator code, ``org_units`` by unit code,
    ``category_option_combos`` by canonical disaggregation (``""`` for the total).
    Anything not mapped is written as its code (``categoryOptionCombo`` ``default`` for a
    total), so an empty mapping is DHIS2's ``idScheme=CODE``.
    """

    data_elements: Mapping[str, str] = attrs.field(factory=dict)
    org_units: Mapping[str, str] = attrs.field(factory=dict)
    category_option_combos: Mapping[str, str] = attrs.field(factory=dict)
    attribute_option_combo: str = DEFAULT_COMBO_CODE
    id_scheme: str = "CODE"
    """What the identifiers are, as DHIS2 names it (``CODE``, ``UID``)."""

    @classmethod
    def load(cls, path: str | PathLike[str]) -> Dhis2Ids:
        """Read a mapping file (TOML)::

            id_scheme = "UID"
            attribute_option_combo = "HllvX50cXC0"
            [data_elements]
            tre-em = "fbfJHSPpUQD"
            [org_units]
            "11074" = "DiszpKrYNg8"
            [category_option_combos]
            "" = "HllvX50cXC0"
            "sex=female" = "Prlt0C1RF0s"

        Raises:
            CwpError: the file cannot be read or is not such a mapping.
        """
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise CwpError(
                Message(
                    "{file}: cannot read the DHIS2 identifiers: {reason}",
                    file=str(path),
                    reason=str(exc),
                )
            ) from None
        combos = _table(data.get("category_option_combos"), "category_option_combos")
        keys = {canonical_disaggregation(parse_disaggregation(k)): v for k, v in combos.items()}
        return cls(
            data_elements=_table(data.get("data_elements"), "data_elements"),
            org_units=_table(data.get("org_units"), "org_units"),
            category_option_combos=keys,
            attribute_option_combo=str(data.get("attribute_option_combo", DEFAULT_COMBO_CODE)),
            id_scheme=str(data.get("id_scheme", "UID")).upper(),
        )

    def combo(self, disaggregation: str) -> str:
        """The ``categoryOptionCombo`` of a canonical disaggregation."""
        found = self.category_option_combos.get(disaggregation)
        if found is not None:
            return found
        return disaggregation or DEFAULT_COMBO_CODE


def _reverse(mapping: Mapping[str, str]) -> dict[str, str]:
    return {v: k for k, v in mapping.items()}


# -- periods ----------------------------------------------------------------------------


def to_dhis2_period(period: str) -> str:
    """A period id as DHIS2 writes it: the same id, a week without its leading zero
    (``2023W05`` → ``2023W5``)."""
    parsed = parse_period(period)
    if parsed.type is PeriodType.WEEKLY:
        return f"{parsed.year:04d}W{parsed.index}"
    return parsed.id


def from_dhis2_period(text: str) -> str:
    """A DHIS2 period id as this library writes it (``2023W1`` → ``2023W01``,
    ``2023-01`` → ``202301``, ``2023-01-15`` → ``20230115``).

    Raises:
        ParseError: not a period id, or a DHIS2 period type with no match here (named).
    """
    value = text.strip()
    dashed = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value)
    if dashed is not None:
        value = "".join(g for g in dashed.groups() if g)
    unmatched = _unmatched_period(text)
    if unmatched is not None:
        raise ParseError(unmatched)
    return parse_period(value).id


def _unmatched_period(text: str) -> Message | None:
    """Why a DHIS2 period id of a type with no match here cannot be read; None for others."""
    for pattern, name in _OTHER_PERIODS:
        if pattern.fullmatch(text.strip()):
            return Message(
                "DHIS2 period {text!r} is a {name} period, which has no match here "
                "(periods: yearly, six-monthly, quarterly, monthly, ISO weeks, days)",
                text=text,
                name=name,
            )
    return None


# -- out --------------------------------------------------------------------------------


@attrs.frozen
class Dhis2Value:
    """One dataValue as written: identifiers already translated, the value as text."""

    data_element: str
    period: str
    org_unit: str
    category_option_combo: str
    attribute_option_combo: str
    value: str

    def as_list(self) -> list[str]:
        """The six fields in DHIS2's order (:data:`DHIS2_COLUMNS`)."""
        return [
            self.data_element,
            self.period,
            self.org_unit,
            self.category_option_combo,
            self.attribute_option_combo,
            self.value,
        ]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _kept(result: AggregateResult) -> list[AggregateRow]:
    """The rows a dataValueSet holds (see the module docs)."""
    rows = [r for r in result.rows if r.value is not None and r.indicator not in result.computed]
    periods: dict[str, Period] = {}
    for row in rows:
        if row.period not in periods:
            periods[row.period] = parse_period(row.period, result.convention)
    by_key: dict[tuple[str, str, str], list[Period]] = {}
    for row in rows:
        by_key.setdefault((row.unit, row.indicator, row.disaggregation), []).append(
            periods[row.period]
        )
    kept = []
    for row in rows:
        mine = periods[row.period]
        others = by_key[(row.unit, row.indicator, row.disaggregation)]
        if any(
            p != mine and mine.start <= p.start and p.end <= mine.end and p.days < mine.days
            for p in others
        ):
            continue
        kept.append(row)
    return kept


def export_rows(result: AggregateResult, ids: Dhis2Ids | None = None) -> list[Dhis2Value]:
    """The dataValues of an aggregation (see the module docs for which values)."""
    mapping = ids if ids is not None else Dhis2Ids()
    return [
        Dhis2Value(
            data_element=mapping.data_elements.get(row.indicator, row.indicator),
            period=to_dhis2_period(row.period),
            org_unit=mapping.org_units.get(row.unit, row.unit),
            category_option_combo=mapping.combo(row.disaggregation),
            attribute_option_combo=mapping.attribute_option_combo,
            value=_number(row.value),  # type: ignore[arg-type]  # kept rows have a value
        )
        for row in _kept(result)
    ]


def data_value_set_json(values: Sequence[Dhis2Value], ids: Dhis2Ids | None = None) -> str:
    """A dataValueSet as DHIS2's JSON (``{"idScheme", "dataValues": [...]}``)."""
    mapping = ids if ids is not None else Dhis2Ids()
    body: dict[str, Any] = {}
    if mapping.id_scheme != "UID":
        body["idScheme"] = mapping.id_scheme
    body["dataValues"] = [dict(zip(DHIS2_COLUMNS, v.as_list(), strict=True)) for v in values]
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def data_value_set_csv(values: Sequence[Dhis2Value]) -> str:
    """A dataValueSet as DHIS2's CSV, with its lower-case header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(v.as_list() for v in values)
    return out.getvalue()


# -- in ---------------------------------------------------------------------------------


def _head(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            raw = handle.read(_SNIFF_BYTES)
    except OSError:
        return ""
    return raw.decode("utf-8-sig", errors="ignore").lstrip()


def looks_like_dhis2_json(path: Path) -> bool:
    """True when the file is a JSON object with ``dataValues`` near its start: a
    dataValueSet, not the plain array (or ``{"values": [...]}``) of the ``json`` source."""
    head = _head(path)
    return head.startswith("{") and re.search(r'"dataValues"\s*:', head) is not None


def looks_like_dhis2_csv(path: Path) -> bool:
    """True when the file's header row names DHIS2's columns (``dataelement``,
    ``orgunit``...) rather than this library's."""
    first = _head(path).split("\n", 1)[0]
    names = {c.strip().strip('"').strip().lower() for c in first.split(",")}
    return "dataelement" in names and "orgunit" in names and "unit" not in names


class _Reader:
    """Turns dataValues into rows of the data-value table, with findings."""

    def __init__(self, source: str, ids: Dhis2Ids | None) -> None:
        mapping = ids if ids is not None else Dhis2Ids()
        self.source = source
        self.elements = _reverse(mapping.data_elements)
        self.units = _reverse(mapping.org_units)
        self.combos = _reverse(mapping.category_option_combos)
        self.attribute = mapping.attribute_option_combo
        self.findings: list[Finding] = []
        self.rows: list[list[Cell]] = []
        self.numbers: list[int] = []

    def problem(
        self, code: str, message: str, row: int | None, field: str | None = None, *, error: bool
    ) -> None:
        severity = Severity.ERROR if error else Severity.WARNING
        where = Location(file=self.source, row=row, column=field)
        self.findings.append(Finding(severity, code, message, where))

    def combo(self, cell: Any, row: int) -> str | None:
        if cell is None or (isinstance(cell, str) and cell.strip() in ("", DEFAULT_COMBO_CODE)):
            return ""
        if isinstance(cell, dict):
            try:
                return canonical_disaggregation({str(k): str(v) for k, v in cell.items()})
            except (TypeError, ValueError):
                pass
        text = cell_text(cell) if not isinstance(cell, dict | list) else json.dumps(cell)
        if text in self.combos:
            return self.combos[text]
        if text == DEFAULT_COMBO_UID:
            return ""
        if "=" in text:
            return text
        self.problem(
            "unknown-category-option-combo",
            Message(
                "categoryOptionCombo {text!r} is neither a breakdown code (key=value;...) nor "
                "an identifier of the DHIS2 mapping",
                text=text,
            ),
            row,
            _COMBO_COLUMN,
            error=True,
        )
        return None

    def add(self, item: Mapping[str, Any], defaults: Mapping[str, Any], row: int) -> None:
        def get(key: str) -> Any:
            value = item.get(key)
            return defaults.get(key) if value is None else value

        if str(item.get("deleted", "")).strip().lower() in ("true", "1"):
            self.problem(
                "deleted-value",
                Message("the value is marked deleted; it is left out"),
                row,
                "deleted",
                error=False,
            )
            return
        attribute = get("attributeOptionCombo")
        attribute_text = "" if attribute is None else cell_text(attribute)
        if attribute_text not in ("", DEFAULT_COMBO_CODE, DEFAULT_COMBO_UID, self.attribute):
            self.problem(
                "attribute-option-combo",
                Message(
                    "attributeOptionCombo {text!r} is not the default one: values under "
                    "other attribute option combinations cannot be told apart here",
                    text=attribute_text,
                ),
                row,
                _ATTRIBUTE_COLUMN,
                error=True,
            )
            return
        period_cell = get("period")
        period_text = "" if period_cell is None else cell_text(period_cell)
        period: str = period_text
        if period_text:
            unmatched = _unmatched_period(period_text)
            if unmatched is not None:
                self.problem("bad-period", unmatched, row, "period", error=True)
                return
            with contextlib.suppress(ParseError):  # not a period id: the loader says so
                period = from_dhis2_period(period_text)
        combo = self.combo(item.get("categoryOptionCombo"), row)
        if combo is None:
            return
        element = cell_text(get("dataElement"))
        unit = cell_text(get("orgUnit"))
        value = item.get("value")
        self.rows.append(
            [
                self.units.get(unit, unit),
                period,
                self.elements.get(element, element),
                combo,
                "" if value is None else value,
            ]
        )
        self.numbers.append(row)

    def table(self, extra: Iterable[Finding] = ()) -> Table:
        findings = (*extra, *self.findings)
        if not self.rows and not any(f.severity is Severity.ERROR for f in findings):
            empty = _error(
                "empty-file", Message("the dataValueSet has no values"), Location(self.source)
            )
            findings = (*findings, empty)
        return Table(
            self.source,
            _TABLE_COLUMNS,
            self.rows,
            self.numbers,
            tuple(findings),
            labels=_TABLE_LABELS,
        )


def _error(code: str, message: str, where: Location) -> Finding:
    return Finding(Severity.ERROR, code, message, where)


def _text(path: Path, source: str) -> tuple[str | None, Finding | None]:
    try:
        return path.read_bytes().decode("utf-8-sig"), None
    except OSError as exc:
        message = Message("cannot read the file: {reason}", reason=str(exc))
        return None, Finding(Severity.ERROR, "unreadable-file", message, Location(source))
    except UnicodeDecodeError as exc:
        message = Message("the file is not UTF-8 text (bad byte at {byte})", byte=exc.start)
        return None, Finding(Severity.ERROR, "not-utf8", message, Location(source))


def read_dhis2_json(path: str | PathLike[str], ids: Dhis2Ids | None = None) -> Table:
    """A dataValueSet JSON file as a table of data values (rows numbered by the values'
    position in ``dataValues``, from 1)."""
    file = Path(path)
    source = str(path)
    reader = _Reader(source, ids)
    text, problem = _text(file, source)
    if text is None:
        return reader.table([problem] if problem else [])
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        reason = Message("not valid JSON: {reason}", reason=str(exc))
        return reader.table([_error("bad-json", reason, Location(source, exc.lineno))])
    values = data.get("dataValues") if isinstance(data, dict) else None
    if not isinstance(values, list):
        bad = _error(
            "bad-json",
            Message('expected a dataValueSet: an object with a "dataValues" array'),
            Location(source),
        )
        return reader.table([bad])
    defaults = {k: data.get(k) for k in ("period", "orgUnit", "attributeOptionCombo")}
    for number, item in enumerate(values, start=1):
        if not isinstance(item, dict):
            reader.problem(
                "bad-row",
                Message("value {number} is not an object", number=number),
                number,
                error=True,
            )
            continue
        reader.add(item, defaults, number)
    return reader.table()


def read_dhis2_csv(path: str | PathLike[str], ids: Dhis2Ids | None = None) -> Table:
    """A dataValueSet CSV file (with its header row) as a table of data values."""
    file = Path(path)
    source = str(path)
    reader = _Reader(source, ids)
    text, problem = _text(file, source)
    if text is None:
        return reader.table([problem] if problem else [])
    lines = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(lines, [])
        names = [_CSV_NAMES.get(h.strip().lower().replace(" ", "")) for h in header]
        missing = [c for c in ("dataElement", "period", "orgUnit", "value") if c not in names]
        if missing:
            bad = _error(
                "missing-column",
                Message(
                    "the header lacks {missing} (a DHIS2 CSV file starts with the header {header})",
                    missing=", ".join(missing),
                    header=",".join(CSV_HEADER),
                ),
                Location(source, 1),
            )
            return reader.table([bad])
        for record in lines:
            if not record or all(not c.strip() for c in record):
                continue
            item = {n: c for n, c in zip(names, record, strict=False) if n is not None}
            reader.add(item, {}, lines.line_num)
    except csv.Error as exc:
        reason = Message("malformed CSV: {reason}", reason=str(exc))
        return reader.table([_error("bad-csv", reason, Location(source, lines.line_num))])
    return reader.table()
