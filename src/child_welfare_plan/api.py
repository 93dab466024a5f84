"""The façade over the installed plugins: installed plans, the merged catalog, files read
through the installed data sources, evaluations, and the reports people read of them
(:func:`report`, :func:`render`: in Vietnamese unless ``lang="en"`` or ``CWP_LANG=en``).

Everything here uses the process-wide plugin host
(:func:`~child_welfare_plan.plugins.host.get_host`); the rules below it take their plan,
catalog and working calendar as arguments.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from os import PathLike

from child_welfare_plan.calendars.workdays import WorkingCalendar
from child_welfare_plan.catalogs import Catalog
from child_welfare_plan.catalogs.units import national_register
from child_welfare_plan.engines import choose
from child_welfare_plan.engines.status import timeliness as _engine_timeliness
from child_welfare_plan.engines.values import aggregate_file as _aggregate_file
from child_welfare_plan.engines.values import load_data_values as _load_data_values
from child_welfare_plan.i18n import language
from child_welfare_plan.io.submissions import IncidentSet, SubmissionSet
from child_welfare_plan.io.submissions import load_incidents as _load_incidents
from child_welfare_plan.io.submissions import load_submissions as _load_submissions
from child_welfare_plan.io.weights import SplitWeights
from child_welfare_plan.io.weights import load_split_weights as _load_split_weights
from child_welfare_plan.model.findings import Finding
from child_welfare_plan.model.indicators import DataValue
from child_welfare_plan.model.periods import Period
from child_welfare_plan.model.plan import Incident, Plan, Submission, Target
from child_welfare_plan.model.successions import UnitRegister
from child_welfare_plan.model.units import Level
from child_welfare_plan.plugins.host import get_host
from child_welfare_plan.reports.base import Report
from child_welfare_plan.reports.evaluation import evaluation_report
from child_welfare_plan.reports.notebook import notebook_report
from child_welfare_plan.rules import aggregate as _aggregate
from child_welfare_plan.rules import evaluate as _evaluate
from child_welfare_plan.rules import remap as _remap
from child_welfare_plan.rules import schedule as _schedule
from child_welfare_plan.rules import validate as _validate
from child_welfare_plan.rules.aggregate import AggregateResult, DataValueSet
from child_welfare_plan.rules.evaluate import Evaluation
from child_welfare_plan.rules.remap import Remapped
from child_welfare_plan.rules.schedule import PlanCalendar
from child_welfare_plan.rules.timeliness import TimelinessResult

__all__ = [
    "aggregate",
    "aggregate_as_of",
    "catalog",
    "evaluate",
    "evaluate_demo",
    "evaluate_files",
    "get_plan",
    "installed_plans",
    "load_data_values",
    "load_incidents",
    "load_split_weights",
    "load_submissions",
    "plan_calendar",
    "render",
    "report",
    "timeliness",
    "unit_register",
    "validate_plan",
]


def installed_plans() -> dict[str, Plan]:
    """Every plan that an installed pack registers, by id."""
    return dict(get_host().plans())


def get_plan(plan_id: str) -> Plan:
    """The installed plan with this id (:class:`~child_welfare_plan.errors.NotFoundError`
    if none)."""
    return get_host().plan(plan_id)


def catalog() -> Catalog:
    """The national catalog merged with what installed plugins register."""
    return get_host().catalog()


def load_data_values(
    path: str | PathLike[str],
    plan: Plan | str,
    *,
    source: str | None = None,
    engine: str = "auto",
) -> DataValueSet:
    """Read a data-value file for ``plan`` through the installed data sources (``source``
    names one; default the one for the file's suffix), checked against the merged catalog
    by ``engine`` (``auto``, ``python``, ``duckdb``, ``dask``: the same set whatever the
    engine; see :mod:`child_welfare_plan.engines`)."""
    host = get_host()
    plan = host.plan(plan) if isinstance(plan, str) else plan
    return _load_data_values(
        path, plan, host.catalog(), engine=engine, source=host.data_source_for(path, source)
    )


def load_submissions(
    path: str | PathLike[str],
    plan: Plan | str,
    *,
    incidents: Sequence[Incident] | None = None,
    source: str | None = None,
) -> SubmissionSet:
    """Read a submissions file for ``plan`` through the installed data sources."""
    host = get_host()
    plan = host.plan(plan) if isinstance(plan, str) else plan
    return _load_submissions(
        path, plan, incidents=incidents, source=host.data_source_for(path, source)
    )


def load_incidents(
    path: str | PathLike[str], plan: Plan | str, *, source: str | None = None
) -> IncidentSet:
    """Read an incidents file for ``plan`` through the installed data sources."""
    host = get_host()
    plan = host.plan(plan) if isinstance(plan, str) else plan
    return _load_incidents(path, plan, source=host.data_source_for(path, source))


def _calendar(plan: Plan, calendar: WorkingCalendar | None) -> WorkingCalendar:
    return calendar if calendar is not None else get_host().working_calendar(plan.area, plan.year)


def unit_register() -> UnitRegister:
    """The national register of administrative units since 10/04/2023 (package data)."""
    return national_register()


def aggregate(
    plan: Plan,
    values: DataValueSet | Iterable[DataValue] | str | PathLike[str],
    catalog: Catalog | None = None,
    *,
    level: Level | str | Sequence[Level | str] | None = None,
    periods: Sequence[Period | str] | None = None,
    engine: str = "auto",
) -> AggregateResult:
    """:func:`child_welfare_plan.rules.aggregate.aggregate` with the installed catalog by
    default (or the one ``values`` were checked against). ``values`` may be a file's path,
    read and checked by ``engine`` (see :func:`load_data_values`)."""
    if isinstance(values, str | PathLike):
        host = get_host()
        return _aggregate_file(
            values,
            plan,
            catalog if catalog is not None else host.catalog(),
            engine=engine,
            source=host.data_source_for(values),
            level=level,
            periods=periods,
        )
    if catalog is None and not isinstance(values, DataValueSet):
        catalog = get_host().catalog()
    return _aggregate.aggregate(plan, values, catalog, level=level, periods=periods)


def aggregate_as_of(
    plan: Plan,
    values: DataValueSet | Iterable[DataValue],
    units_as_of: date,
    catalog: Catalog | None = None,
    *,
    split_weights: Mapping[tuple[str, str], float] | None = None,
    level: Level | str | Sequence[Level | str] | None = None,
    periods: Sequence[Period | str] | None = None,
) -> Remapped:
    """:func:`child_welfare_plan.rules.remap.aggregate_as_of` with the national unit
    register: the figures carried onto the units in force on ``units_as_of``, then rolled
    up (the result's ``plan`` frames those units)."""
    if catalog is None and not isinstance(values, DataValueSet):
        catalog = get_host().catalog()
    return _remap.aggregate_as_of(
        plan,
        values,
        catalog,
        register=national_register(),
        as_of=units_as_of,
        weights=split_weights,
        level=level,
        periods=periods,
    )


def timeliness(
    plan: Plan,
    submissions: Iterable[Submission],
    *,
    as_of: date,
    calendar: WorkingCalendar | None = None,
    incidents: Sequence[Incident] | None = None,
    engine: str = "auto",
) -> TimelinessResult:
    """:func:`child_welfare_plan.rules.timeliness.timeliness` with the working days of the
    plan's area (the national calendar and the installed plugins' local adjustments), judged
    by ``engine`` (``auto``, ``python``, ``duckdb``, ``dask``: the same result whatever the
    engine; ``auto`` is ``python`` here, as there is no file to size; see
    :mod:`child_welfare_plan.engines.status`)."""
    return _engine_timeliness(
        plan,
        submissions,
        as_of=as_of,
        calendar=_calendar(plan, calendar),
        incidents=incidents,
        engine=choose(engine),
    )


def plan_calendar(
    plan: Plan,
    *,
    agency: str | None = None,
    start: date | None = None,
    end: date | None = None,
    calendar: WorkingCalendar | None = None,
) -> PlanCalendar:
    """:func:`child_welfare_plan.rules.schedule.plan_calendar` with the working days of the
    plan's area."""
    return _schedule.plan_calendar(
        plan, agency=agency, start=start, end=end, calendar=_calendar(plan, calendar)
    )


def validate_plan(
    plan: Plan,
    *,
    catalog: Catalog | None = None,
    calendar: WorkingCalendar | None = None,
    source: str | None = None,
    register: UnitRegister | None = None,
) -> list[Finding]:
    """:func:`child_welfare_plan.rules.validate.validate_plan` against the installed catalog,
    the working days of the plan's area and the national register of units (by default)."""
    return _validate.validate_plan(
        plan,
        catalog=catalog if catalog is not None else get_host().catalog(),
        calendar=_calendar(plan, calendar),
        source=source,
        register=register if register is not None else national_register(),
    )


def evaluate(
    plan: Plan,
    *,
    as_of: date,
    submissions: Iterable[Submission] | None = None,
    incidents: Sequence[Incident] | None = None,
    values: DataValueSet | Iterable[DataValue] | None = None,
    catalog: Catalog | None = None,
    calendar: WorkingCalendar | None = None,
    period: str | None = None,
    audience: str = "internal",
    k: int = 5,
    extra_targets: Iterable[Target] | None = None,
    findings: Sequence[Finding] = (),
    units_as_of: date | None = None,
    split_weights: Mapping[tuple[str, str], float] | None = None,
) -> Evaluation:
    """:func:`child_welfare_plan.rules.evaluate.evaluate` with the installed catalog (or the
    one ``values`` were checked against), the working days of the plan's area and, with
    ``units_as_of``, the national unit register."""
    if catalog is None and not isinstance(values, DataValueSet):
        catalog = get_host().catalog()
    return _evaluate.evaluate(
        plan,
        as_of=as_of,
        submissions=submissions,
        incidents=incidents,
        values=values,
        catalog=catalog,
        calendar=_calendar(plan, calendar),
        period=period,
        audience=audience,
        k=k,
        extra_targets=extra_targets,
        findings=findings,
        units_as_of=units_as_of,
        register=national_register() if units_as_of is not None else None,
        split_weights=split_weights,
    )


def evaluate_files(
    plan: Plan | str,
    *,
    as_of: date,
    data: str | PathLike[str] | None = None,
    submissions: str | PathLike[str] | None = None,
    incidents: str | PathLike[str] | None = None,
    period: str | None = None,
    audience: str = "internal",
    k: int = 5,
    engine: str = "auto",
    plan_source: str | None = None,
    units_as_of: date | None = None,
    split_weights: str | PathLike[str] | None = None,
) -> Evaluation:
    """Read the files (through the installed data sources; the data values by ``engine``,
    see :func:`load_data_values`) and evaluate ``plan``; with ``units_as_of``, the figures
    are carried onto the units in force that day, divided units apportioned by the
    ``split_weights`` file.

    Every problem in the plan (:func:`validate_plan`; ``plan_source`` names its file for
    the locations, by default the installed pack's file) and in the files becomes a finding
    of the evaluation; nothing is dropped.
    """
    host = get_host()
    plan = host.plan(plan) if isinstance(plan, str) else plan
    if plan_source is None and host.plans().get(plan.id) is plan:
        plan_source = host.plan_source(plan.id)
    findings: list[Finding] = validate_plan(plan, source=plan_source)
    found_incidents = None
    if incidents is not None:
        loaded_incidents = load_incidents(incidents, plan)
        findings += loaded_incidents.findings
        found_incidents = loaded_incidents.incidents
    found_submissions = None
    if submissions is not None:
        loaded = load_submissions(submissions, plan, incidents=found_incidents)
        findings += loaded.findings
        found_submissions = loaded.submissions
    values = load_data_values(data, plan, engine=engine) if data is not None else None
    shares = None
    if split_weights is not None:
        weights = load_split_weights(split_weights)
        findings += weights.findings
        shares = weights.shares
    return _evaluate.evaluate(
        plan,
        as_of=as_of,
        submissions=found_submissions,
        incidents=found_incidents,
        values=values,
        catalog=host.catalog(),
        calendar=host.working_calendar(plan.area, plan.year),
        period=period,
        audience=audience,
        k=k,
        findings=findings,
        units_as_of=units_as_of,
        register=national_register() if units_as_of is not None else None,
        split_weights=shares,
    )


def load_split_weights(path: str | PathLike[str], *, source: str | None = None) -> SplitWeights:
    """Read a split-weight file (``old_code,new_code,share``) through the installed data
    sources."""
    return _load_split_weights(path, source=get_host().data_source_for(path, source))


def evaluate_demo(
    plan_id: str, *, audience: str = "internal", k: int = 5, engine: str = "auto"
) -> Evaluation:
    """Evaluate a plan on the synthetic demo data set its pack registers."""
    demo = get_host().demo_data(plan_id)
    with demo.files() as (submissions, data, incidents):
        return evaluate_files(
            plan_id,
            as_of=demo.as_of,
            data=data,
            submissions=submissions,
            incidents=incidents,
            audience=audience,
            k=k,
            engine=engine,
        )


def report(result: object, *, lang: str | None = None) -> Report:
    """The report a person reads of ``result`` (an :class:`Evaluation`, a
    :class:`TimelinessResult`, an :class:`AggregateResult`, a :class:`PlanCalendar`), in
    ``lang`` (``"vi"`` or ``"en"``; None: ``CWP_LANG``, then Vietnamese).

    Raises:
        TypeError: ``result`` is not a result of the library.
        InvalidValueError: ``lang`` is not a language of the reports.
    """
    with language(lang):
        if isinstance(result, Evaluation):
            return evaluation_report(result, catalog())
        return notebook_report(result)


def render(result: object, format: str = "text", *, lang: str | None = None) -> str | bytes:
    """``result`` as the installed output format ``format`` writes it (``text``,
    ``markdown``, ``html``, ``xlsx``, ``docx``...), in ``lang`` (as :func:`report`)."""
    host = get_host()
    return host.render(host.output_format(format), report(result, lang=lang))
