"""Results as pandas DataFrames, built from their JSON forms (pandas is an optional extra,
imported here when a table is asked for)."""

from __future__ import annotations

from typing import Any

from child_welfare_plan.errors import MissingDependencyError
from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.rules.aggregate import AGGREGATE_COLUMNS, AggregateResult
from child_welfare_plan.rules.disclosure.published import PublicAggregate
from child_welfare_plan.rules.evaluate import Evaluation
from child_welfare_plan.rules.schedule import PlanCalendar
from child_welfare_plan.rules.timeliness import TimelinessResult

__all__ = ["frames"]


def _pandas() -> Any:
    try:
        import pandas  # an optional extra: imported only when a table is asked for
    except ImportError:
        raise MissingDependencyError(
            Message("to_pandas() needs pandas: pip install 'child-welfare-plan[pandas]'")
        ) from None
    return pandas


def frames(result: object, table: str | None = None) -> Any:
    """``result`` as a DataFrame; ``table`` names one of its tables where it has several
    (``"rates"`` of a timeliness result).

    Returns:
        A :class:`pandas.DataFrame`; for an evaluation, a dict of them by table name.

    Raises:
        TypeError: ``result`` is not a result of the rules.
        ImportError: pandas is not installed.
    """
    pd = _pandas()
    if isinstance(result, TimelinessResult):
        if table == "rates":
            return pd.DataFrame([r.to_dict() for r in result.rates])
        return pd.DataFrame([i.to_dict() for i in result.items])
    if isinstance(result, AggregateResult):
        return pd.DataFrame.from_records(list(result.rows), columns=list(AGGREGATE_COLUMNS))
    if isinstance(result, PublicAggregate):
        frame = pd.DataFrame.from_records(list(result.rows), columns=list(AGGREGATE_COLUMNS))
        frame["withheld"] = list(result.withheld)
        return frame
    if isinstance(result, PlanCalendar):
        frame = pd.DataFrame([item.to_dict() for item in result.items])
        for column in ("start", "end"):
            if column in frame:
                frame[column] = pd.to_datetime(frame[column])
        return frame
    if isinstance(result, Evaluation):
        out: dict[str, Any] = {}
        if result.timeliness is not None:
            data = result.timeliness.to_dict()
            out["timeliness"] = pd.DataFrame(data["items"])
            out["rates"] = pd.DataFrame(data["rates"])
        out["indicators"] = pd.DataFrame([r.to_dict() for r in result.indicators])
        out["targets"] = pd.DataFrame([t.to_dict() for t in result.targets])
        out["findings"] = pd.DataFrame(
            [{**f.to_dict(), "location": str(f.location)} for f in result.findings]
        )
        return out
    raise TypeError(f"no table view of {type(result).__name__}")
