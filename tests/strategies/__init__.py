"""Hypothesis strategies and test plans, shared by every test module: the model, document
references, aggregation data, timeliness submissions, units over time."""

from tests.strategies.aggregation import (
    AGE,
    SEX,
    TEST_CATALOG,
    aggregate_plans,
    cell_values,
    reporting_units,
    values_for,
)
from tests.strategies.base import (
    DEEP_EXAMPLES,
    PROFILE,
    examples,
)
from tests.strategies.documents import (
    ISSUERS,
    NAMES,
    SUMMARIES,
    VI_ALPHABET,
    document_refs,
    document_symbols,
    vietnamese_phrases,
    vietnamese_words,
)
from tests.strategies.geography import (
    REFORM_DAYS,
    UnitHistory,
    unit_histories,
)
from tests.strategies.plans import (
    INCIDENT_KINDS,
    catalog_indicators,
    codes,
    date_rules,
    deadline_rules,
    hierarchies,
    plans,
    texts,
)
from tests.strategies.timeliness import (
    AS_OF_DAYS,
    INCIDENTS,
    KEYS,
    VN,
    as_of_days,
    submission_lists,
    submissions,
    timeliness_plan,
)

__all__ = [
    "AGE",
    "AS_OF_DAYS",
    "DEEP_EXAMPLES",
    "INCIDENTS",
    "INCIDENT_KINDS",
    "ISSUERS",
    "KEYS",
    "NAMES",
    "PROFILE",
    "REFORM_DAYS",
    "SEX",
    "SUMMARIES",
    "TEST_CATALOG",
    "VI_ALPHABET",
    "VN",
    "UnitHistory",
    "aggregate_plans",
    "as_of_days",
    "catalog_indicators",
    "cell_values",
    "codes",
    "date_rules",
    "deadline_rules",
    "document_refs",
    "document_symbols",
    "examples",
    "hierarchies",
    "plans",
    "reporting_units",
    "submission_lists",
    "submissions",
    "texts",
    "timeliness_plan",
    "unit_histories",
    "values_for",
    "vietnamese_phrases",
    "vietnamese_words",
]
