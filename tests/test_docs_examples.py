"""Every Python example in ``docs/*.md`` and ``README.md`` runs as written.

Each ```` ```python ```` block is executed; the blocks of one page share a namespace and run
in order, so a later block may use what an earlier one defined. A block written as a
doctest (its first line starts with ``>>>``) is run as one, so its printed answers are
checked too; the others state their claims as ``assert`` lines.

A block that cannot run on its own is marked by the line ``<!-- sketch -->`` right above its
fence, and the paragraph above the marker must say why (and use the word "sketch").
Sketches must stay rare: at most :data:`MAX_SKETCHES` over all pages.

The blocks run in a temporary working directory holding the Tứ Kỳ pack's demo files
(``data_values.csv``, ``submissions.csv``, ``incidents.csv``, as the pages say), with the
process-wide plugin host built afresh from the installed entry points (the Tứ Kỳ pack
among them).
"""

from __future__ import annotations

import doctest
import importlib
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from child_welfare_plan.plugins import reset_host
from tests.markdown_blocks import PAGES, ROOT, SKETCH, Block, fenced_blocks, python_blocks

DEMO = ROOT / "plugins" / "cwp-tu-ky" / "src" / "cwp_tu_ky" / "data" / "demo"
DEMO_FILES = ("data_values.csv", "submissions.csv", "incidents.csv")

MAX_SKETCHES = 2
"""How many blocks all pages together may mark as sketches."""

ALL_BLOCKS = [block for page in PAGES for block in python_blocks(page)]
PAGES_WITH_CODE = [page for page in PAGES if python_blocks(page)]


class _Collecting(doctest.DocTestRunner):
    """A doctest runner that keeps its failures as lines naming the page and line."""

    def __init__(self, block: Block) -> None:
        super().__init__(optionflags=doctest.ELLIPSIS)
        self.block = block
        self.problems: list[str] = []

    def _where(self, example: doctest.Example) -> str:
        return f"{self.block.page}:{self.block.line + example.lineno}: {example.source.strip()}"

    def report_failure(
        self, out: object, test: doctest.DocTest, example: doctest.Example, got: str
    ) -> None:
        self.problems.append(
            f"{self._where(example)}\n  expected: {example.want.strip()}\n  got: {got.strip()}"
        )

    def report_unexpected_exception(
        self,
        out: object,
        test: doctest.DocTest,
        example: doctest.Example,
        exc_info: tuple[type[BaseException], BaseException, object],
    ) -> None:
        self.problems.append(f"{self._where(example)}\n  raised {exc_info[1]!r}")


def run_block(block: Block, namespace: dict[str, object]) -> None:
    """Run ``block`` in ``namespace``; a failure names the page and line."""
    if block.code.lstrip().startswith(">>>"):
        test = doctest.DocTestParser().get_doctest(
            block.code, namespace, block.where, block.page, block.line - 1
        )
        runner = _Collecting(block)
        runner.run(test, out=lambda _: None, clear_globs=False)
        namespace.update(test.globs)
        if runner.problems:
            raise AssertionError("\n".join(runner.problems))
        return
    # Leading blank lines make a traceback point at the page's own line numbers.
    source = "\n" * (block.line - 1) + block.code
    exec(compile(source, block.page, "exec"), namespace)


@pytest.fixture
def docs_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temporary working directory with the demo files, and a fresh plugin host."""
    for name in DEMO_FILES:
        shutil.copy(DEMO / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CWP_LANG", raising=False)
    monkeypatch.delenv("CWP_DISABLE_PLUGINS", raising=False)
    reset_host(None)
    yield tmp_path
    reset_host(None)


@pytest.mark.parametrize(
    "page", PAGES_WITH_CODE, ids=[p.relative_to(ROOT).as_posix() for p in PAGES_WITH_CODE]
)
@pytest.mark.usefixtures("docs_dir")
def test_every_python_example_of_the_page_runs(page: Path) -> None:
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem.replace('-', '_')}"}
    for block in python_blocks(page):
        if not block.sketch:
            run_block(block, namespace)


def test_the_examples_are_found() -> None:
    assert len(ALL_BLOCKS) >= 15
    assert {"README.md", "docs/hooks.md", "docs/time.md", "docs/lunar.md"} <= {
        b.page for b in ALL_BLOCKS
    }


def test_sketches_are_rare_and_each_says_why() -> None:
    sketches = [b for b in ALL_BLOCKS if b.sketch]
    assert len(sketches) <= MAX_SKETCHES, [b.where for b in sketches]
    for block in sketches:
        assert "sketch" in block.reason.lower(), (
            f"{block.where}: the paragraph above {SKETCH} must say why the block is a sketch"
        )


def test_a_sketch_marker_stands_only_right_above_a_fence() -> None:
    for page in PAGES:
        lines = page.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if SKETCH in line:
                after = next((x for x in lines[i + 1 :] if x.strip()), "")
                assert line.strip() == SKETCH and after.lstrip().startswith("```"), (
                    f"{page.name}:{i + 1}: {SKETCH} must stand alone right above a fence"
                )


def test_the_parser_reads_fences_languages_and_sketch_markers() -> None:
    page = "\n".join(
        [
            "Text.",
            "",
            "```python",
            "x = 1",
            "```",
            "",
            "```sh",
            "cwp plans",
            "```",
            "",
            "This one is a sketch: it needs a server.",
            "",
            SKETCH,
            "```python",
            "connect()",
            "```",
            "",
            "  ````python",
            "  y = x + 1",
            "  ```",
            "  ````",
        ]
    )
    blocks = fenced_blocks(page)
    assert [(b.language, b.line, b.sketch) for b in blocks] == [
        ("python", 4, False),
        ("sh", 8, False),
        ("python", 15, True),
        ("python", 19, False),
    ]
    assert blocks[2].reason == "This one is a sketch: it needs a server."
    assert blocks[3].code == "y = x + 1\n```\n"


def test_a_failing_example_names_its_page_and_line() -> None:
    block = Block("docs/x.md", 7, "python", "a = 1\nraise ValueError(a)\n", False, "")
    with pytest.raises(ValueError, match="1") as info:
        run_block(block, {})
    entry = info.traceback[-1]
    assert (str(entry.path), entry.lineno + 1) == ("docs/x.md", 8)


def test_a_doctest_example_checks_its_answers() -> None:
    namespace: dict[str, object] = {}
    run_block(Block("docs/x.md", 3, "python", ">>> a = 2\n>>> a + 1\n3\n", False, ""), namespace)
    assert namespace["a"] == 2
    wrong = Block("docs/x.md", 3, "python", ">>> b = 1\n>>> b + 1\n3\n", False, "")
    with pytest.raises(AssertionError, match=r"docs/x.md:4: b \+ 1\n  expected: 3\n  got: 2"):
        run_block(wrong, {})


_DOTTED = re.compile(r"\bchild_welfare_plan(?:\.[A-Za-z_]\w*)+")
_SHORT = re.compile(
    r"`((?:model|calendars|catalog|rules|io|reports|formats|plugins|cli)(?:\.\w+)+)"
)


def _resolves(dotted: str) -> bool:
    """Whether ``dotted`` names a module of the package or an attribute of one."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for name in parts[cut:]:
            if not hasattr(target, name):
                return False
            target = getattr(target, name)
        return True
    return False


def test_every_module_path_the_pages_name_exists() -> None:
    stale = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        named = set(_DOTTED.findall(text))
        named |= {f"child_welfare_plan.{m}" for m in _SHORT.findall(text)}
        stale += [f"{page.name}: {n}" for n in sorted(named) if not _resolves(n)]
    assert stale == []
