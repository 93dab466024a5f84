"""The analysts' notebooks run from top to bottom, so they never rot."""

from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks() -> None:
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path: Path, tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    errors = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert errors == []
    html = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if "text/html" in output.get("data", {})
    ]
    assert html, "the evaluation and the DataFrames render as HTML"
    page = "".join("".join(output["data"]["text/html"]) for output in html)
    # The evaluation shows itself in Vietnamese: headings, status words, numbers, dates.
    for words in ("Tóm tắt", "Tính kịp thời: quá hạn", "đúng tiến độ", "20/12/2023", "100,0%"):
        assert words in page, words
    images = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {})
    ]
    plots = sum(
        "plt.subplots" in cell.source for cell in notebook.cells if cell.cell_type == "code"
    )
    # Every figure is shown inline: a notebook that draws to a file-less backend ("Agg")
    # runs without error but shows no plot.
    assert plots and len(images) == plots
