"""Every string a person reads goes through the message catalogs.

A finding's message, an error's text, a warning, a command-line help: each is written in
English as a translatable template (``Message("… {unit!r} …", unit=code)``, ``_("…")``,
``N_("…")``), never as an f-string, a concatenation or a ``.format()`` of a literal, which
the catalogs cannot see. This test reads the source (one case per part of the package) and
names every place that builds such a string by hand.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "child_welfare_plan"

#: Exceptions whose text reaches a person (``cwp: error: …``).
ERRORS = frozenset(
    {
        "CwpError",
        "InvalidValueError",
        "ParseError",
        "CalendarError",
        "NotFoundError",
        "MissingDependencyError",
        "PluginError",
        "OutputFileError",
        "PlanFileError",
        "UsageError",
        "ArgumentTypeError",
    }
)
#: Functions that marks a literal as translatable.
MARKERS = frozenset({"Message", "_", "N_", "ngettext", "pgettext"})
#: A stable code, not words: ``unknown-unit``, ``csv``, ``%``.
CODE = re.compile(r"^[a-z0-9_.%/-]*$")


def _parts() -> list[str]:
    return sorted(
        p.name
        for p in PACKAGE.iterdir()
        if (p.is_dir() and (p / "__init__.py").exists()) or (p.suffix == ".py")
    )


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _handmade(node: ast.expr) -> bool:
    """True when ``node`` builds words the catalogs cannot see."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return not CODE.match(node.value)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return _handmade(node.left) or _handmade(node.right)
    if isinstance(node, ast.Call) and _name(node.func) == "format":
        receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
        return receiver is not None and _handmade(receiver)
    if isinstance(node, ast.IfExp):
        return _handmade(node.body) or _handmade(node.orelse)
    return False


#: A finding's code, which starts the arguments of every helper that makes a finding.
FINDING_CODE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)+$")


def _coded(call: ast.Call) -> bool:
    """True when ``call`` starts with a finding's code (``_f("unknown-unit", …)``)."""
    first = call.args[0] if call.args else None
    return (
        isinstance(first, ast.Constant)
        and isinstance(first.value, str)
        and bool(FINDING_CODE.match(first.value))
    )


def _visible(call: ast.Call) -> Iterator[ast.expr]:
    """The arguments of ``call`` that a person reads."""
    name = _name(call.func)
    keywords = {k.arg: k.value for k in call.keywords if k.arg}
    if name in ERRORS and call.args:
        yield call.args[0]
    elif name in {"error", "warning"} and _name(getattr(call.func, "value", call.func)) in {
        "Finding"
    }:
        yield from call.args[1:2]
        if "message" in keywords:
            yield keywords["message"]
    elif name == "Finding":
        yield from call.args[2:3]
        if "message" in keywords:
            yield keywords["message"]
    elif name.endswith("finding") or name in {"warn", "_warn", "say"} or _coded(call):
        yield from call.args
    if "help" in keywords and name in {"add_argument", "add_parser", "add_argument_group"}:
        yield keywords["help"]
    if "description" in keywords and name in {"add_parser", "ArgumentParser"}:
        yield keywords["description"]


def _handmade_strings(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) not in MARKERS:
            for argument in _visible(node):
                if _handmade(argument):
                    where = path.relative_to(PACKAGE)
                    yield f"{where}:{argument.lineno}: {ast.unparse(argument)[:70]}"


@pytest.mark.parametrize("part", _parts())
def test_visible_strings_are_translatable_messages(part: str) -> None:
    """Mark each place listed with ``Message(...)`` (or ``_``/``N_``), then run ``python -m
    child_welfare_plan.i18n.messages`` and translate it in the ``.po``."""
    root = PACKAGE / part
    files = sorted(root.rglob("*.py")) if root.is_dir() else [root]
    found = [line for path in files for line in _handmade_strings(path)]
    assert found == []


def test_the_check_sees_handmade_strings(tmp_path: Path) -> None:
    """The check itself finds what it must (and lets marked messages through)."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "raise ParseError(f'bad {x}')\n"
        "Finding.error('bad-x', 'words here', row=1)\n"
        "p.add_argument('--x', help='the x')\n"
        "raise ParseError(Message('bad {x}', x=x))\n"
        "Finding.error('bad-x', Message('words'), row=1)\n"
        "p.add_argument('--x', help=_('the x'))\n",
        encoding="utf-8",
    )
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path
    try:
        found = list(_handmade_strings(sample))
    finally:
        PACKAGE = saved
    assert [line.split(":")[1] for line in found] == ["1", "2", "3"]
