"""Keeping the message catalogs: extract the marked messages, update the ``.po`` sources,
compile the ``.mo`` files (Babel). Run after changing a message::

    python -m child_welfare_plan.i18n.messages

A new Vietnamese message then has an empty translation to fill in ``locale/vi/.../cwp.po``
(run again to compile); the English catalog translates each message to itself. The tests
(tests/test_messages.py) fail while a message lacks a translation or a ``.mo`` is stale.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from child_welfare_plan.i18n import DOMAIN, LANGUAGES, LOCALE_DIR

__all__ = ["compiled", "extract", "missing", "po_path", "read", "update"]

PACKAGE_DIR = LOCALE_DIR.parent.parent
"""The source of the package, whose marked messages are extracted."""


def po_path(lang: str) -> Path:
    """The ``.po`` source of ``lang``."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract(root: Path = PACKAGE_DIR) -> Catalog:
    """Every message marked in the package (``_``, ``N_``, ``ngettext``, ``pgettext``, and
    the templates of :class:`~child_welfare_plan.i18n.localized.Message`), as a template."""
    template = Catalog(project="child-welfare-plan", fuzzy=False)
    for filename, lineno, message, _comments, context in extract_from_dir(
        root,
        # The package's own messages (an unknown language) are extracted; the markers'
        # definitions and examples in i18n/ are not messages.
        method_map=[("i18n/__init__.py", "python"), ("i18n/**.py", "ignore"), ("**.py", "python")],
        keywords={**DEFAULT_KEYWORDS, "Message": None},
    ):
        template.add(message, None, [(filename, lineno)], context=context)
    return template


def read(lang: str) -> Catalog:
    """The catalog of ``lang`` as its ``.po`` source says."""
    with open(po_path(lang), "rb") as file:
        return read_po(file, locale=lang, domain=DOMAIN)


def compiled(catalog: Catalog) -> bytes:
    """``catalog`` as a ``.mo`` file."""
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def missing(catalog: Catalog, template: Catalog) -> list[str]:
    """The messages of ``template`` that ``catalog`` does not translate (or translates with
    an empty string, or only as a fuzzy guess)."""
    out = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, message.context)
        strings = () if found is None else found.string
        forms = strings if isinstance(strings, tuple | list) else (strings,)
        if found is None or found.fuzzy or not forms or not all(forms):
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out


def update(lang: str, template: Catalog) -> Catalog:
    """The ``.po`` of ``lang`` updated to ``template`` (English: each message itself)."""
    path = po_path(lang)
    if path.exists():
        catalog = read(lang)
    else:
        catalog = Catalog(locale=lang, domain=DOMAIN, project="child-welfare-plan")
    catalog.update(template, no_fuzzy_matching=True)
    if lang == "en":
        for message in catalog:
            if message.id and not message.string:
                message.string = message.id
    return catalog


def main() -> int:
    """Extract, update and compile every language; list what is left to translate."""
    template = extract()
    left = 0
    for lang in LANGUAGES:
        catalog = update(lang, template)
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as file:
            write_po(
                file,
                catalog,
                width=100,
                omit_header=False,
                ignore_obsolete=True,
                include_lineno=False,
                sort_output=True,
            )
        path.with_suffix(".mo").write_bytes(compiled(read(lang)))
        for message in missing(catalog, template):
            print(f"{lang}: untranslated: {message}", file=sys.stderr)
            left += 1
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
