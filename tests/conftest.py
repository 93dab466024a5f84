"""Shared fixtures: a small plan, and a plugin host that holds only it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

import pytest
from hypothesis import settings

from child_welfare_plan.model import (
    AdministrativeUnit,
    Agency,
    Event,
    Level,
    Objective,
    Plan,
    Reporters,
    ReportingObligation,
    Responsibility,
    Target,
    Task,
    TaskGroup,
)
from child_welfare_plan.model.date_rules import LunarDay, Window
from child_welfare_plan.model.deadlines import Before
from child_welfare_plan.plugins import Host, hookimpl, reset_host
from tests.strategies import DEEP_EXAMPLES, PROFILE

# No property test has a time limit (a timing threshold is no test of correctness), and
# `CWP_HYPOTHESIS_PROFILE=deep pytest` runs every property with 1,000 examples: tests that
# ask for a number of examples ask through `tests.strategies.examples`, which obeys it.
settings.register_profile("ci", deadline=None)
settings.register_profile("deep", max_examples=DEEP_EXAMPLES, deadline=None)
settings.load_profile(PROFILE)


def small_plan() -> Plan:
    """A district plan with two communes and two offices, one periodic report."""
    units = [
        AdministrativeUnit(code="30", name="Tỉnh Hải Dương", level="province", kind="tinh"),
        AdministrativeUnit(
            code="298", name="Huyện Tứ Kỳ", level="district", kind="huyen", parent="30"
        ),
        AdministrativeUnit(
            code="11074", name="Thị trấn Tứ Kỳ", level="commune", kind="thi-tran", parent="298"
        ),
        AdministrativeUnit(
            code="11083", name="Xã Đại Sơn", level="commune", kind="xa", parent="298"
        ),
    ]
    agencies = [
        Agency(code="ubnd-huyen", name="UBND huyện Tứ Kỳ", unit="298", kind="peoples-committee"),
        Agency(
            code="ldtbxh",
            name="Phòng Lao động – Thương binh và Xã hội",
            unit="298",
            kind="specialised-office",
        ),
        Agency(code="y-te", name="Phòng Y tế", unit="298", kind="specialised-office"),
        Agency(
            code="ubnd-11074", name="UBND thị trấn Tứ Kỳ", unit="11074", kind="peoples-committee"
        ),
        Agency(code="ubnd-11083", name="UBND xã Đại Sơn", unit="11083", kind="peoples-committee"),
    ]
    return Plan(
        id="thu-2023",
        title="Kế hoạch thử",
        year=2023,
        issuer="ubnd-huyen",
        area="298",
        coordinator="ldtbxh",
        period_convention="nd09",
        purposes=["Bảo vệ trẻ em."],
        objectives=[
            Objective(
                id="ii",
                text="Giảm trẻ em bị xâm hại.",
                targets=[Target(id="t-1", value=100, year=2023, comparator=">=")],
            )
        ],
        task_groups=[
            TaskGroup(
                id="iii-1",
                section="III.1",
                title="Nhiệm vụ",
                tasks=[
                    Task(id="iii-1-1", text="Tuyên truyền.", lead="ldtbxh", support=["y-te"]),
                    Task(id="iii-1-2", text="Kiểm tra.", categories=["art10-a"]),
                ],
            )
        ],
        responsibilities=[
            Responsibility(
                id="v-1",
                section="V.1",
                agency="ldtbxh",
                tasks=[Task(id="v-1-1", text="Tổng hợp báo cáo.", lead="ldtbxh")],
            )
        ],
        events=[
            Event(
                id="thang-hanh-dong", title="Tháng hành động vì trẻ em", when=Window(6, 1, 6, 30)
            ),
            Event(id="trung-thu", title="Tết Trung thu", when=LunarDay(8, 15)),
        ],
        obligations=[
            ReportingObligation(
                id="bao-cao-6-thang",
                title="Báo cáo 6 tháng",
                kind="periodic",
                reporters=Reporters(level=Level.COMMUNE, agencies=["y-te"]),
                recipient="ubnd-huyen",
                via="ldtbxh",
                covers="2023S1",
                deadline=Before(date(2023, 6, 15)),
            )
        ],
        units=units,
        agencies=agencies,
    )


class _SmallPack:
    @hookimpl
    def register_plans(self) -> Iterable[Plan]:
        return [small_plan()]


@pytest.fixture
def host() -> Iterator[Host]:
    """The process-wide host replaced by one holding only the small plan."""
    test_host = Host(entry_points=False, plugins=[("small", _SmallPack())])
    reset_host(test_host)
    yield test_host
    reset_host(None)


@pytest.fixture
def install() -> Iterator[Callable[..., Host]]:
    """``install((name, plugin), ...)``: a host holding only those plugins (and the
    built-in one) becomes the process-wide host for the test."""

    def make(*plugins: tuple[str, object]) -> Host:
        host = Host(entry_points=False, disabled=[], plugins=plugins)
        reset_host(host)
        return host

    yield make
    reset_host(None)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """A real local Dask cluster: two worker processes, one thread each (the Dask engine's
    tests run on it; the engine uses the current client)."""
    distributed = pytest.importorskip("distributed")
    local = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    client = distributed.Client(local)
    try:
        yield client
    finally:
        client.close()
        local.close()


@pytest.fixture
def in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """``cwp`` speaks English (``CWP_LANG=en``): for tests of the English wording of its
    messages; Vietnamese is the default (tests/test_cli_language.py)."""
    monkeypatch.setenv("CWP_LANG", "en")
