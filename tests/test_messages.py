"""The message catalogs: every message marked in the code has a translation in Vietnamese
and in English, and the compiled catalogs shipped are those of the sources."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.i18n import (
    LANG_VARIABLE,
    LANGUAGES,
    _,
    current,
    language,
    ngettext,
    pgettext,
    resolve,
    translations,
)
from child_welfare_plan.i18n.messages import compiled, extract, missing, po_path, read


@pytest.fixture(scope="module")
def template() -> object:
    return extract()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_marked_message_is_translated(lang: str, template: object) -> None:
    """A visible string without a translation fails here (run ``python -m
    child_welfare_plan.i18n.messages`` and fill in the ``.po``)."""
    from babel.messages.catalog import Catalog

    assert isinstance(template, Catalog)
    assert len(template) > 100  # the extractor found the reports' messages
    assert missing(read(lang), template) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_compiled_catalog_is_the_source_compiled(lang: str) -> None:
    mo = po_path(lang).with_suffix(".mo")
    assert mo.read_bytes() == compiled(read(lang))


def test_the_extractor_sees_every_kind_of_marker(template: object) -> None:
    from babel.messages.catalog import Catalog

    assert isinstance(template, Catalog)
    assert "on time" in template  # N_ in a map of labels
    assert "Summary" in template  # _ in a report
    assert template.get("received", "date") is not None  # pgettext


def test_messages_are_vietnamese_by_default_and_english_on_request() -> None:
    with language("vi"):
        assert _("overdue") == "quá hạn"
        assert _("on time") == "đúng hạn"
        assert pgettext("date", "received") == "Ngày nhận"
    with language("en"):
        assert _("overdue") == "overdue"
        assert ngettext("report", "reports", 2) == "reports"


def test_no_vietnamese_message_is_left_in_english() -> None:
    """A Vietnamese translation copied from the English would pass the completeness test:
    only words that read the same in both (codes, symbols) may stay."""
    same = [
        m.id
        for m in read("vi")
        if m.id and isinstance(m.id, str) and m.string == m.id and any(c.isalpha() for c in m.id)
    ]
    assert same == []


def test_the_language_comes_from_the_argument_then_cwp_lang_then_vietnamese(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(LANG_VARIABLE, raising=False)
    assert resolve(None) == "vi" and current() == "vi"
    monkeypatch.setenv(LANG_VARIABLE, "en_US.UTF-8")
    assert resolve(None) == "en" and current() == "en"
    assert resolve("vi-VN") == "vi"
    with language("vi"):
        assert current() == "vi"
    assert current() == "en"
    monkeypatch.setenv(LANG_VARIABLE, "fr")
    with pytest.raises(InvalidValueError, match=LANG_VARIABLE):
        resolve(None)
    with pytest.raises(InvalidValueError, match="unknown language"):
        resolve("de")


def test_loading_the_catalogs_needs_no_babel() -> None:
    """Translating is the standard library's gettext; Babel only formats numbers."""
    probe = (
        "import sys\n"
        "from child_welfare_plan.i18n import _, language\n"
        "with language('vi'):\n"
        "    assert _('overdue') == 'quá hạn'\n"
        "print('babel' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, LANG_VARIABLE: ""},
    )
    assert out.stdout.strip() == "False"
    assert translations("vi") is translations("vi")
