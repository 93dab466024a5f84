"""The layering contract: a lower layer never imports a higher one.

Layers, lowest first (design §10): errors and presentation → model → calendars → catalog →
rules → io → engines (who reads and checks national batches) → reports → formats → plugins →
api → cli (with the package root, the lazy façade). Every import counts, wherever it
stands: at module level, inside a function, or under ``TYPE_CHECKING``. Imports inside
functions are kept for heavy or optional libraries only (:data:`LAZY_ALLOWED`); the import
graph of the package has no cycle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = "child_welfare_plan"
SOURCE = Path(__file__).resolve().parents[1] / "src" / PACKAGE

LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "presentation", "i18n"),
    ("model",),
    ("calendars",),
    ("catalogs",),
    ("rules",),
    ("io",),
    ("engines",),
    ("reports",),
    ("formats",),
    ("plugins",),
    ("api",),
    ("cli", "__main__", ""),
)
"""The layers, lowest first; ``""`` is the package root (its ``__init__``)."""

LAZY_ALLOWED = frozenset(
    {
        "pandas",  # optional extra `pandas`
        "matplotlib",  # optional extra `plot`
        "icalendar",  # optional extra `ics`
        "orjson",  # optional extra `fast`
        "holidays",  # heavy: every country's calendar, loaded when working days are asked
        "duckdb",  # optional engine
        "dask",  # optional engine
        "distributed",  # optional engine
        "pyarrow",  # optional engine
        "narwhals",  # optional extra `engines`: the portable lazy layer of the engines
        "numpy",  # comes with every engine
        "tqdm",  # optional extra `engines`: the progress bar
        "docx",  # optional extra `office`
        "openpyxl",  # optional extra `office`
        "xlsxwriter",  # optional extra `office`
        "python_calamine",  # optional extra `office`
        "scipy",  # optional
        f"{PACKAGE}.i18n.formatting",  # Babel: loaded when a message is shown, not to print help
        f"{PACKAGE}.formats.notebook",  # the package root installs the notebook presenter
        f"{PACKAGE}.cli.run",  # `cwp --help` does not load the host and formats
    }
)
"""Modules that may be imported inside a function (each a heavy or optional library, or one
of two documented start-up choices)."""


def layer_of(module: str) -> int:
    """The layer index of a module of the package."""
    rest = module.removeprefix(PACKAGE).removeprefix(".")
    top = rest.split(".", 1)[0]
    for index, names in enumerate(LAYERS):
        if top in names:
            return index
    raise KeyError(f"{module} is in no layer: add its top-level name to LAYERS")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(tree: ast.Module, module: str, is_package: bool) -> Iterator[tuple[str, int, bool]]:
    """``(imported module, line, inside a function)`` for every import in ``tree``."""
    functions = {
        id(sub)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for sub in ast.walk(node)
        if sub is not node
    }
    base = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(tree):
        inside = id(node) in functions
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno, inside
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = base[: len(base) - node.level + 1]
                target = ".".join([*anchor, node.module] if node.module else anchor)
            else:
                target = node.module or ""
            yield target, node.lineno, inside
            for alias in node.names:  # `from package import module`
                yield f"{target}.{alias.name}", node.lineno, inside


def violations(source: str, module: str, is_package: bool = False) -> list[str]:
    """Every upward import and every import inside a function that is not allowed."""
    found: dict[tuple[int, str], str] = {}
    own = layer_of(module)
    for target, line, inside in imports(ast.parse(source), module, is_package):
        top = target.split(".", 1)[0]
        if inside and not any(
            target == allowed or target.startswith(allowed + ".") or top == allowed
            for allowed in LAZY_ALLOWED
        ):
            found.setdefault((line, "lazy"), f"{module}:{line}: imports {target} inside a function")
        if target != PACKAGE and not target.startswith(PACKAGE + "."):
            continue
        try:
            theirs = layer_of(target)
        except KeyError:
            continue  # `from child_welfare_plan.x import name` also yields x.name
        if theirs > own:
            found.setdefault(
                (line, "up"),
                f"{module}:{line}: imports {target} from a higher layer "
                f"({LAYERS[theirs][0] or 'package root'} above {LAYERS[own][0] or 'root'})",
            )
    return list(found.values())


def _modules() -> list[Path]:
    return sorted(SOURCE.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: module_name(p))
def test_no_module_imports_a_higher_layer(path: Path) -> None:
    module = module_name(path)
    assert violations(path.read_text(encoding="utf-8"), module, path.name == "__init__.py") == []


def test_the_checker_catches_an_upward_import() -> None:
    """The contract can fail: a rule that reaches up to the reports is caught, wherever
    the import stands."""
    top = f"from {PACKAGE}.reports.base import Report\n"
    inside = f"def f() -> None:\n    from {PACKAGE}.plugins.host import get_host\n"
    typed = (
        f"from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from {PACKAGE}.cli import main\n"
    )
    module = f"{PACKAGE}.rules.timeliness.judge"
    assert len(violations(top, module)) == 1
    assert len(violations(inside, module)) == 2  # upward, and inside a function
    assert len(violations(typed, module)) == 1
    assert violations(f"from {PACKAGE}.model.plan import Plan\n", module) == []
    # However deep the module imported, from however shallow a module.
    deep = f"from {PACKAGE}.reports.a.b.c.d.e import f\n"
    assert len(violations(deep, f"{PACKAGE}.rules")) == 1


def test_every_package_is_in_a_layer() -> None:
    for path in _modules():
        layer_of(module_name(path))


def test_the_import_graph_has_no_cycle() -> None:
    """No two modules import each other, directly or around a loop (imports under
    ``TYPE_CHECKING`` excepted: they never run)."""
    graph: dict[str, set[str]] = {}
    names = {module_name(p) for p in _modules()}
    for path in _modules():
        module = module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        guarded = {
            id(sub)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for sub in ast.walk(node)
        }
        kept = ast.Module(body=[n for n in tree.body if id(n) not in guarded], type_ignores=[])
        edges = {
            target
            for target, _, _ in imports(kept, module, path.name == "__init__.py")
            if target in names and target != module
        }
        # A module depends on its package's __init__ only through Python itself, not a cycle.
        graph[module] = {t for t in edges if not module.startswith(t + ".")}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt) :], nxt]
                raise AssertionError("import cycle: " + " → ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
