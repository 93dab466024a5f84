"""Messages made in the rules and shown in the reader's language."""

from __future__ import annotations

import pickle
import string
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from child_welfare_plan.i18n import LANGUAGES, language
from child_welfare_plan.i18n.formatting import day, number, percent
from child_welfare_plan.i18n.localized import Message, explain, localize
from child_welfare_plan.i18n.messages import read
from child_welfare_plan.model.findings import Finding, FindingList, Location, Severity
from tests.strategies import examples

MORE = (
    "{n:,} more {code!r} finding(s) are not listed (the first {limit:,} are); fix those "
    "and read the file again to see the rest"
)


@given(
    n=st.integers(min_value=-(10**12), max_value=10**12),
    when=st.dates(),
    share=st.floats(min_value=0, max_value=10, allow_nan=False),
)
@settings(max_examples=examples(200))
def test_a_message_is_its_english_text_and_shows_numbers_and_dates_as_the_reader_writes(
    n: int, when: date, share: float
) -> None:
    template = "{n:,} rows on {when}, {share:.1%} of them, {share:.2f}"
    message = Message(template, n=n, when=when, share=share)
    assert message == template.format(n=n, when=when, share=share)
    assert message.localized("en") == str(message)
    assert message.localized("vi") == (
        f"{number(n, lang='vi')} rows on {day(when, lang='vi')}, "
        f"{percent(share, decimals=1, lang='vi')} of them, "
        f"{number(share, decimals=2, lang='vi')}"
    )


def test_a_translated_message_is_shown_in_vietnamese() -> None:
    message = Message(MORE, n=12345, code="unknown-unit", limit=1000)
    assert message == (
        "12,345 more 'unknown-unit' finding(s) are not listed (the first 1,000 are); fix "
        "those and read the file again to see the rest"
    )
    vietnamese = message.localized("vi")
    assert "12.345" in vietnamese and "1.000" in vietnamese and "unknown-unit" in vietnamese
    assert vietnamese != message
    with language("vi"):
        assert localize(message) == vietnamese
    with language("en"):
        assert localize(message) == message


def test_a_findings_json_keeps_english_and_adds_the_readers_words() -> None:
    kept = FindingList(limit=1)
    for row in (2, 3, 4):
        kept.append(Finding.error("bad-row", Message("bad row"), file="a.csv", row=row))
    (summary,) = kept.summaries()
    with language("vi"):
        data = summary.to_dict()
        assert data["message"] == summary.message
        assert data["message_label"] == summary.message.localized("vi")  # type: ignore[attr-defined]
        assert data["message_label"] != data["message"]
    with language("en"):
        assert summary.to_dict()["message_label"] == summary.message


def test_a_location_is_named_in_the_readers_words() -> None:
    where = Location(file="f.xlsx", sheet="Biểu 01", row=12, column="F", field="value")
    assert str(where) == "f.xlsx, sheet Biểu 01, row 12, column F (value)"
    with language("en"):
        assert where.label() == str(where)
    with language("vi"):
        assert where.label() == "f.xlsx, trang Biểu 01, dòng 12, cột F (value)"


def test_a_message_survives_pickling_and_a_long_one_is_cut() -> None:
    message = Message("unit {unit!r} is unknown", unit="00004")
    again = pickle.loads(pickle.dumps(message))
    assert isinstance(again, Message) and again == message and again.args == {"unit": "00004"}
    long = Finding(Severity.ERROR, "x-y", Message("{text}", text="x" * 5000))
    assert len(long.message) <= 1000 and len(long.text()) <= 1000


def test_a_translation_that_does_not_fit_its_arguments_falls_back_to_english(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Broken:
        def gettext(self, text: str) -> str:
            return "{missing} sai"

    monkeypatch.setattr("child_welfare_plan.i18n.translations", lambda lang: Broken())
    message = Message("{n} rows", n=3)
    assert message.localized("vi") == "3 rows"


def test_an_error_raised_with_a_message_is_explained_in_the_readers_words() -> None:
    error = ValueError(Message(MORE, n=2, code="x-y", limit=1))
    assert explain(error, "en") == str(error)
    assert explain(error, "vi") != str(error)
    assert explain(ValueError("plain"), "vi") == "plain"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_translation_uses_the_fields_of_its_message(lang: str) -> None:
    """A translation naming a field its message does not give would fall back to English;
    one dropping a field would lose a fact."""
    wrong: list[Any] = []
    for entry in read(lang):
        if not entry.id or not isinstance(entry.id, str) or not entry.string:
            continue
        if "{" not in entry.id:
            continue
        try:
            if _fields(entry.id) != _fields(str(entry.string)):
                wrong.append(entry.id)
        except ValueError:
            wrong.append(entry.id)
    assert wrong == []
