"""The breakdowns a check of totals involves (shared by the rules and the columnar roll-up)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from child_welfare_plan.model import canonical_disaggregation
from child_welfare_plan.model.indicators import parse_disaggregation
from child_welfare_plan.rules.aggregate.breakdowns import breakdown_candidates, cell_keys
from tests.strategies import examples

_DIMENSIONS = {"sex": ("nam", "nu"), "age_group": ("0-5", "6-10", "11-15"), "area": ("a", "b")}


@st.composite
def _keys(draw: st.DrawFn) -> list[str]:
    """Breakdown keys over a few dimensions (the total ``""`` among them or not)."""
    chosen = draw(
        st.lists(
            st.dictionaries(
                st.sampled_from(sorted(_DIMENSIONS)),
                st.sampled_from(("nam", "nu", "0-5", "a")),
                max_size=3,
            ),
            min_size=1,
            max_size=6,
        )
    )
    return [canonical_disaggregation(parts) for parts in chosen]


def _coarser(key: str) -> set[str]:
    """``key`` and every key that drops some of its dimensions."""
    parts = parse_disaggregation(key)
    found = {key}
    for dim in parts:
        rest = canonical_disaggregation({k: v for k, v in parts.items() if k != dim})
        found |= _coarser(rest)
    return found


@settings(max_examples=examples(100))
@given(_keys())
def test_candidates_are_the_keys_and_every_coarser_one_finest_first(keys: list[str]) -> None:
    """Every key given and every coarser key comes once, with its parts, finest first and
    then by key: the order in which missing totals are derived from their cells."""
    found = breakdown_candidates(keys, parse_disaggregation)
    names = [key for key, _ in found]
    assert len(names) == len(set(names))
    assert set(names) == set().union(*(_coarser(k) for k in keys))
    assert all(parts == parse_disaggregation(key) for key, parts in found)
    assert names == sorted(names, key=lambda k: (-len(parse_disaggregation(k)), k))


def test_a_total_and_its_cells() -> None:
    """The total of the sex × age table's row ``sex=nam`` is made of one cell per age group,
    in the dimension's order; the total ``""`` comes last, after every breakdown."""
    assert cell_keys({"sex": "nam"}, "age_group", _DIMENSIONS["age_group"]) == [
        canonical_disaggregation({"sex": "nam", "age_group": age})
        for age in _DIMENSIONS["age_group"]
    ]
    found = breakdown_candidates(
        [canonical_disaggregation({"sex": "nam", "age_group": "0-5"})], parse_disaggregation
    )
    assert [key for key, _ in found][-1] == ""
    assert len(found) == 4
