"""The engines keep the plugin rule: a plugin's reader named ``csv`` overrides the built-in
one for every engine, so a columnar engine leaves such files to it (docs/hooks.md)."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from pathlib import Path

import pytest

import cwp_tu_ky.plugin as tu_ky
from child_welfare_plan.cli import main
from child_welfare_plan.io.sources import BUILTIN_SOURCES, DataSource
from child_welfare_plan.io.tables import Table, read_csv_table
from child_welfare_plan.plugins import Host, hookimpl
from tests.test_golden import DEMO

pytest.importorskip("duckdb")


class CountingCsv:
    """A plugin whose ``csv`` reader counts the files it reads."""

    def __init__(self) -> None:
        self.read: list[Path] = []

    @hookimpl
    def register_data_sources(self) -> list[DataSource]:
        def read(path: Path) -> Table:
            self.read.append(path)
            return read_csv_table(path)

        return [DataSource("csv", (".csv",), read, "counts what it reads")]


@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_a_plugins_csv_reader_is_used_by_every_engine(
    install: Callable[..., Host], engine: str
) -> None:
    plugin = CountingCsv()
    host = install(("cwp-tu-ky", tu_ky), ("counting", plugin))
    assert host.data_source_for(DEMO / "data_values.csv") is not BUILTIN_SOURCES[0]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        data = str(DEMO / "data_values.csv")
        code = main(["aggregate", "tu-ky-2023", "--data", data, "--engine", engine, "-f", "json"])
    assert code == 0
    assert plugin.read == [DEMO / "data_values.csv"]
    assert '"tre-em"' in out.getvalue()
