"""Disclosure control: small counts withheld, and no withheld count can be worked out or
narrowed down, by a reader who computes, to an interval less than k wide."""

from __future__ import annotations

from collections import deque
from random import Random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.i18n import language
from child_welfare_plan.reports.base import Block
from child_welfare_plan.reports.disclosure import suppress_block
from child_welfare_plan.rules.disclosure import (
    Axis,
    Box,
    CountTable,
    LinkedTable,
    Position,
    SuppressedTable,
    Suppression,
    protect,
    suppress,
)
from tests.audit import Reader, count_table_narrow, narrow
from tests.strategies import examples

# Strategies ---------------------------------------------------------------------------

KEY = st.text("abcdefxyz", min_size=1, max_size=3)
COUNT = st.one_of(st.just(0), st.integers(1, 9), st.integers(10, 40))


@st.composite
def count_tables(draw: st.DrawFn, max_rows: int = 4, max_columns: int = 4) -> CountTable:
    """Small two-way tables (or lists) with random keys, counts and published margins."""
    rows = draw(st.lists(KEY, min_size=1, max_size=max_rows, unique=True))
    columns = draw(st.lists(KEY, min_size=1, max_size=max_columns, unique=True))
    counts = [[draw(COUNT) for _ in columns] for _ in rows]
    return CountTable(rows, columns, counts, draw(st.booleans()), draw(st.booleans()))


KS = st.integers(2, 10)


# An exact, independent check ------------------------------------------------------------


def _completion(table: CountTable, interior: dict[Position, int]) -> dict[Position, int]:
    """Every position's value (totals included, published or not) for interior counts."""
    values = dict(interior)
    for r in table.rows:
        values[(r, None)] = sum(interior[(r, c)] for c in table.columns)
    for c in table.columns:
        values[(None, c)] = sum(interior[(r, c)] for r in table.rows)
    values[(None, None)] = sum(interior.values())
    return values


def another_completion(result: SuppressedTable, position: Position) -> dict[Position, int] | None:
    """Non-negative integer counts that agree with everything published but differ at
    ``position``, found along a cycle of withheld (or unpublished) positions; None when
    there is none."""
    table = result.table
    hidden = set(result.suppressed) | {(r, None) for r in table.rows if not table.row_totals}
    hidden |= {(None, c) for c in table.columns if not table.column_totals}
    if not (table.row_totals and table.column_totals):
        hidden.add((None, None))
    # Breadth-first search from the row end to the column end without the edge itself.
    start, goal = ("row", position[0]), ("column", position[1])
    previous: dict[tuple[str, str | None], tuple[tuple[str, str | None], Position]] = {}
    queue = deque([start])
    seen = {start}
    while queue:
        side, key = queue.popleft()
        for edge in hidden:
            if edge == position or edge[0 if side == "row" else 1] != key:
                continue
            nxt = ("column", edge[1]) if side == "row" else ("row", edge[0])
            if nxt not in seen:
                seen.add(nxt)
                previous[nxt] = ((side, key), edge)
                queue.append(nxt)
    if goal not in seen:
        return None
    cycle = [position]
    node = goal
    while node != start:
        node, edge = previous[node]
        cycle.append(edge)
    # Alternate +1/-1 around the cycle; a total enters its line with the opposite sign.
    interior: dict[Position, int] = {
        (r, c): table.value((r, c)) for r in table.rows for c in table.columns
    }
    sign = 1
    for edge in cycle:
        if edge[0] is not None and edge[1] is not None:
            interior[edge] += sign
        sign = -sign
    values = _completion(table, interior)
    if min(interior.values()) < 0:
        return None
    return values


def assert_not_recoverable(result: SuppressedTable) -> None:
    """Every withheld count has a second completion consistent with what is published."""
    table = result.table
    original = _completion(
        table, {(r, c): table.value((r, c)) for r in table.rows for c in table.columns}
    )
    for position in result.suppressed:
        other = another_completion(result, position)
        assert other is not None, f"{position} can be worked out"
        assert other[position] != original[position]
        for p in table.positions():
            if result.published(p) is not None:
                assert other[p] == original[p], f"{p} changed while {position} moved"


# Examples -----------------------------------------------------------------------------


def test_small_counts_are_primary_and_zeros_are_published() -> None:
    table = CountTable.from_list({"a": 3, "b": 0, "c": 7, "d": 9})
    result = suppress(table)
    assert result.status(("a", "count")) is Suppression.PRIMARY
    assert result.published(("b", "count")) == 0


def test_a_list_with_one_small_count_hides_the_smallest_other_count() -> None:
    table = CountTable.from_list({"a": 3, "b": 12, "c": 7, "d": 9})
    result = suppress(table)
    assert result.primary == {("a", "count")}
    assert result.complementary == {("c", "count")}
    assert result.published((None, "count")) == 31


def test_a_small_total_is_withheld_like_a_small_count() -> None:
    table = CountTable.from_list({"a": 3, "b": 0, "c": 0})
    result = suppress(table)
    assert result.status((None, "count")) is Suppression.PRIMARY


def test_a_two_way_table_hides_a_rectangle() -> None:
    table = CountTable.from_rows(
        {
            "Xã A": {"nam": 3, "nữ": 10},
            "Xã B": {"nam": 8, "nữ": 12},
            "Xã C": {"nam": 20, "nữ": 9},
        }
    )
    result = suppress(table)
    assert result.primary == {("Xã A", "nam")}
    assert result.complementary == {("Xã A", "nữ"), ("Xã B", "nam"), ("Xã B", "nữ")}
    assert_not_recoverable(result)


def test_one_withheld_count_per_line_would_be_recoverable() -> None:
    """The checker itself can fail: a single withheld count is worked out from its total."""
    table = CountTable.from_list({"a": 3, "b": 12})
    only_primary = SuppressedTable(table, 5, [(("a", "count"), Suppression.PRIMARY)])
    assert another_completion(only_primary, ("a", "count")) is None


def test_two_withheld_counts_per_line_is_not_enough() -> None:
    """Two cycles of withheld counts joined by one more: every line has 0, 2 or 3 withheld
    counts, yet the joining count follows from the totals of rows r1, r2 and columns c1,
    c2. The checker finds it; :func:`suppress` never leaves such a pattern."""
    names = ["r1", "r2", "r3", "r4"]
    columns = ["c1", "c2", "c3", "c4"]
    table = CountTable(names, columns, [[10] * 4 for _ in names])
    square = [("r1", "c1"), ("r1", "c2"), ("r2", "c1"), ("r2", "c2")]
    other = [("r3", "c3"), ("r3", "c4"), ("r4", "c3"), ("r4", "c4")]
    pattern = [(p, Suppression.COMPLEMENTARY) for p in (*square, *other, ("r2", "c3"))]
    weak = SuppressedTable(table, 5, pattern)
    assert another_completion(weak, ("r2", "c3")) is None
    assert another_completion(weak, ("r1", "c1")) is not None


def test_small_counts_in_two_blocks_joined_by_one_get_a_complement() -> None:
    """The pattern above made of small counts: a rule that only looks for lines with one
    withheld count would publish it as it is; (r2, c3) needs a cycle of its own."""
    small = {(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (1, 2)}
    counts = [[3 if (i, j) in small else 30 for j in range(4)] for i in range(4)]
    table = CountTable(["r1", "r2", "r3", "r4"], ["c1", "c2", "c3", "c4"], counts)
    result = suppress(table)
    assert len(result.primary) == 9
    assert result.complementary
    assert_not_recoverable(result)


def test_table_without_totals_needs_no_complement() -> None:
    table = CountTable(["a", "b"], ["x", "y"], [[3, 10], [10, 10]], False, False)
    result = suppress(table)
    assert result.suppressed == {("a", "x")}
    assert_not_recoverable(result)


def test_k_is_configurable() -> None:
    table = CountTable.from_list({"a": 7, "b": 12, "c": 30})
    assert suppress(table).suppressed == frozenset()
    assert suppress(table, k=10).primary == {("a", "count")}


def test_bad_k_and_bad_counts_are_refused() -> None:
    table = CountTable.from_list({"a": 7})
    with pytest.raises(InvalidValueError, match="k=0"):
        suppress(table, k=0)
    with pytest.raises(InvalidValueError, match="non-negative"):
        CountTable.from_list({"a": -1})
    with pytest.raises(InvalidValueError, match="non-negative"):
        CountTable.from_list({"a": 2.5})  # type: ignore[dict-item]
    with pytest.raises(InvalidValueError, match="twice"):
        CountTable(["a", "a"], ["x"], [[1], [2]])
    with pytest.raises(InvalidValueError, match="no count"):
        CountTable.from_cells({("a", "x"): 1, ("b", "y"): 2})


def test_to_dict_hides_withheld_values() -> None:
    result = suppress(CountTable.from_list({"a": 3, "b": 12, "c": 7}))
    cells = {(c["row"], c["column"]): c for c in result.to_dict()["cells"]}
    assert cells[("a", "count")] == {
        "row": "a",
        "column": "count",
        "value": None,
        "suppressed": "primary",
    }
    assert cells[(None, "count")]["value"] == 22


# Report tables ------------------------------------------------------------------------

COMMUNES = Block(
    ["xã", "nam", "nữ", "tổng"],
    [
        ["Xã A", 3, 10, 13],
        ["Xã B", 8, 12, 20],
        ["Xã C", 20, 9, 29],
        ["Tổng", 31, 31, 62],
    ],
    title="Trẻ em có hoàn cảnh đặc biệt",
)


def test_block_cells_become_one_marker_with_a_note() -> None:
    """A small count and its complements look alike: a marker of its own ("<5") would
    tell the reader which count is small."""
    with language("en"):
        public = suppress_block(COMMUNES, total_row="Tổng", total_column="tổng")
    assert public.block.rows[0] == ("Xã A", "x", "x", 13)
    assert public.block.rows[1] == ("Xã B", "x", "x", 20)
    assert public.block.rows[3] == ("Tổng", 31, 31, 62)
    assert public.block.title == COMMUNES.title
    assert public.note is not None
    assert "“x” marks a figure withheld" in public.note
    assert "<5" not in public.note
    section = public.section("Số liệu")
    assert section.paragraphs[-1] == public.note
    assert section.tables == (public.block,)


def test_block_without_small_counts_is_unchanged_and_has_no_note() -> None:
    block = Block(["xã", "số trẻ"], [["Xã A", 12], ["Xã B", 30]])
    public = suppress_block(block)
    assert public.block == block
    assert public.note is None


def test_block_totals_that_do_not_add_up_are_refused() -> None:
    bad = Block(["xã", "nam", "nữ", "tổng"], [["Xã A", 3, 10, 14]])
    with pytest.raises(InvalidValueError, match="not the sum"):
        suppress_block(bad, total_column="tổng")


def test_block_with_a_text_in_a_count_column_is_refused() -> None:
    bad = Block(["xã", "số trẻ"], [["Xã A", "năm"]])
    with pytest.raises(InvalidValueError, match="non-negative integer"):
        suppress_block(bad)


# Laws ---------------------------------------------------------------------------------


@settings(max_examples=examples(150))
@given(count_tables(), KS)
def test_no_published_count_is_small(table: CountTable, k: int) -> None:
    result = suppress(table, k)
    for position in table.positions():
        value = result.published(position)
        assert value is None or value == 0 or value >= k
        if 0 < table.value(position) < k:
            assert result.status(position) is Suppression.PRIMARY


@settings(max_examples=examples(150))
@given(count_tables(), KS)
def test_no_withheld_count_can_be_worked_out(table: CountTable, k: int) -> None:
    assert_not_recoverable(suppress(table, k))


@settings(max_examples=examples(100))
@given(count_tables(), KS)
def test_no_line_with_a_published_total_has_exactly_one_withheld_count(
    table: CountTable, k: int
) -> None:
    result = suppress(table, k)
    lines: list[list[Position]] = []
    for r in (*table.rows, None):
        lines.append([(r, c) for c in (*table.columns, None)])
    for c in (*table.columns, None):
        lines.append([(r, c) for r in (*table.rows, None)])
    for line in lines:
        if all(table.is_published(p) for p in line):
            assert sum(p in result.suppressed for p in line) != 1


@settings(max_examples=examples(100))
@given(count_tables(), KS)
def test_zeros_are_never_withheld(table: CountTable, k: int) -> None:
    result = suppress(table, k)
    assert all(table.value(p) > 0 for p in result.suppressed)


@settings(max_examples=examples(100))
@given(count_tables(), KS, st.randoms(use_true_random=False))
def test_suppression_does_not_depend_on_the_order_of_rows_or_columns(
    table: CountTable, k: int, random: Random
) -> None:
    rows = list(range(len(table.rows)))
    columns = list(range(len(table.columns)))
    random.shuffle(rows)
    random.shuffle(columns)
    shuffled = CountTable(
        [table.rows[i] for i in rows],
        [table.columns[j] for j in columns],
        [[table.counts[i][j] for j in columns] for i in rows],
        table.row_totals,
        table.column_totals,
    )
    assert suppress(shuffled, k).marks == suppress(table, k).marks


@given(count_tables(), KS)
def test_suppression_is_deterministic(table: CountTable, k: int) -> None:
    assert suppress(table, k) == suppress(table, k)


@given(count_tables(), KS)
def test_a_table_without_small_counts_is_published_whole(table: CountTable, k: int) -> None:
    big = CountTable(
        table.rows,
        table.columns,
        [[0 if v == 0 else v + k for v in line] for line in table.counts],
        table.row_totals,
        table.column_totals,
    )
    assert suppress(big, k).suppressed == frozenset()


@settings(max_examples=examples(150))
@given(count_tables(max_rows=5, max_columns=5), KS)
def test_no_withheld_count_can_be_narrowed_below_k(table: CountTable, k: int) -> None:
    """The law, checked by linear programming: every withheld count keeps an interval at
    least k wide, whatever a reader computes from the published counts and totals and from
    the marker (a withheld count is at least 1)."""
    assert count_table_narrow(suppress(table, k), k) == {}


@settings(max_examples=examples(100))
@given(count_tables(), KS, st.integers(0, 12))
def test_any_protection_level_is_met(table: CountTable, k: int, level: int) -> None:
    assert count_table_narrow(suppress(table, k, level), level) == {}


@settings(max_examples=examples(100))
@given(count_tables(), KS)
def test_published_counts_are_the_table_s_own(table: CountTable, k: int) -> None:
    result = suppress(table, k)
    for position in table.positions():
        if position not in result.suppressed:
            assert result.published(position) == table.value(position)


# The deaths of D7: seven communes with 1 or 2 deaths beside sixteen published zeros.
D7 = {
    **{f"x{n:02}": 0 for n in range(16)},
    "11086": 1,
    "11089": 2,
    "11095": 1,
    "11134": 1,
    "11137": 1,
    "11143": 1,
    "11149": 1,
}


def test_d7_withheld_deaths_beside_zeros_are_not_narrowed_by_their_total() -> None:
    """Issue #10, D7: seven withheld counts summing to a published 8 beside published
    zeros are each 1 or 2 — far narrower than the threshold promises. The auditor finds
    that pattern; :func:`suppress` withholds the total too."""
    table = CountTable.from_list(D7)
    only_small = SuppressedTable(
        table, 5, [((c, "count"), Suppression.PRIMARY) for c, v in D7.items() if v]
    )
    narrowed = count_table_narrow(only_small, 5)
    low, high = narrowed[("11089", "count")]
    assert (low, high) == pytest.approx((1, 2))
    result = suppress(table)
    assert result.status((None, "count")) is Suppression.COMPLEMENTARY
    assert count_table_narrow(result, 5) == {}


def test_a_width_of_k_keeps_a_reader_from_telling_a_count_is_small() -> None:
    """A list of 1, 5 and 30 with its total: withholding the 5 beside the 1 would leave the
    1 between 1 and 5, an interval 4 wide that tells the reader it is at most 5; the 30 is
    withheld instead, leaving 1 to 30."""
    table = CountTable.from_list({"a": 1, "b": 5, "c": 30})
    result = suppress(table)
    assert result.complementary == {("c", "count")}
    assert count_table_narrow(result, 5) == {}


# Linked tables of more than two axes -----------------------------------------------------


@st.composite
def linked_tables(draw: st.DrawFn) -> LinkedTable:
    """Counts of random records over two or three axes; boxes are the leaves and the
    totals of each axis (a random part of them published, some hidden)."""
    n_axes = draw(st.integers(2, 3))
    axes = [Axis(f"a{i}", [f"l{j}" for j in range(draw(st.integers(1, 3)))]) for i in range(n_axes)]
    records = draw(
        st.lists(st.tuples(*(st.integers(0, len(a.leaves) - 1) for a in axes)), max_size=40)
    )
    codes = [[*(1 << j for j in range(len(a.leaves))), a.full] for a in axes]
    keys: list[tuple[int, ...]] = [()]
    for options in codes:
        keys = [(*k, m) for k in keys for m in options]
    chosen = draw(st.lists(st.sampled_from(keys), min_size=1, unique=True))
    boxes = {}
    for key in chosen:
        value = sum(all((m >> r[i]) & 1 for i, m in enumerate(key)) for r in records)
        boxes[key] = Box(value, hidden=draw(st.booleans()) and draw(st.booleans()))
    return LinkedTable(axes, boxes)


def _linked_reader(table: LinkedTable, withheld: set[tuple[int, ...]]) -> Reader:
    """What a reader of a linked table knows: every published box, a withheld box is at
    least 1, a hidden one at least 0, and every box is the sum of its leaves on any axis
    where all of them are boxes too."""
    reader = Reader()
    for key in table.boxes:
        reader.variable(key)
    for key in table.boxes:
        for i, axis in enumerate(table.axes):
            if key[i] != axis.full or len(axis.leaves) < 2:
                continue
            parts = [(*key[:i], 1 << j, *key[i + 1 :]) for j in range(len(axis.leaves))]
            if all(p in table.boxes for p in parts):
                reader.sum_of(key, parts)
    for key, box in table.boxes.items():
        if key in withheld:
            reader.at_least(key, 1)
        elif not box.hidden:
            reader.fix(key, box.value)
    return reader


@settings(max_examples=examples(150))
@given(linked_tables(), KS)
def test_linked_tables_keep_every_protected_count_wide(table: LinkedTable, k: int) -> None:
    """The law on tables of several axes: no small count is published; every withheld
    count, and every small hidden one, keeps an interval at least k wide."""
    result = protect(table, k)
    assert result.complete
    withheld = set(result.withheld)
    for key, box in table.boxes.items():
        if 0 < box.value < k and not box.hidden:
            assert result.withheld[key] is Suppression.PRIMARY
        if key in withheld:
            assert box.value > 0 and not box.hidden
    watch = withheld | {key for key, b in table.boxes.items() if b.hidden and 0 < b.value < k}
    reader = _linked_reader(table, withheld)
    assert narrow(reader, sorted(watch), k) == {}
