"""The national catalog: dimensions, indicators and targets, with their legal sources."""

from __future__ import annotations

import re

import pytest

from child_welfare_plan.catalogs import national_catalog
from child_welfare_plan.errors import InvalidValueError
from child_welfare_plan.model import (
    Direction,
    Indicator,
    TimeAggregation,
    UnitAggregation,
    ValueType,
)
from child_welfare_plan.model.indicators import REPORTING_PERIOD_TYPES

CATALOG = national_catalog()

#: Names of Circular 13/2021/TT-BLĐTBXH that public summaries show (the list of Appendix I,
#: and one entry of Appendix IV, the contents of the child-abuse indicators, whose heading
#: reads "NỘI DUNG CHỈ TIÊU THỐNG KÊ VỀ TÌNH HÌNH XÂM HẠI TRẺ EM ...").
TT13_NAMES = {
    "Phụ lục I": {
        "Dân số trẻ em",
        "Tỷ số giới tính khi sinh",
        "Tỷ suất sinh thô",
        "Tỷ suất chết sơ sinh",
        "Tỷ suất chết của trẻ em dưới 5 tuổi",
        "Tỷ suất chết của trẻ em dưới 1 tuổi",
        "Số lượng, tỷ lệ trẻ em có hoàn cảnh đặc biệt",
        "Số lượng, tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp",
        "Số lượng, tỷ lệ huy động trẻ em từ 3 tháng đến 36 tháng tuổi đi nhà trẻ",
        "Số lượng, tỷ lệ huy động trẻ em từ 3 đến 5 tuổi đi học mẫu giáo",
        "Tỷ lệ thôn và tương đương có thiết chế văn hóa, thể thao dành cho trẻ em",
        "Tỷ lệ xã phường, thị trấn có điểm vui chơi dành cho trẻ em",
        "Tỷ lệ trẻ em từ 7 tuổi trở lên được lấy ý kiến về các vấn đề của trẻ em",
    },
    "Phụ lục I, 0605": {
        "Tỷ lệ trẻ em được tiếp cận kiến thức, kỹ năng tham gia môi trường mạng an toàn"
    },
    "Phụ lục IV, 0101": {"Số trẻ em bị xâm hại"},
}

REQUIRED = {
    "tre-em": ("count", "last", "sum", ("sex", "age_group")),
    "tre-em-hcdb": ("count", "last", "sum", ("category", "sex", "age_group")),
    "tre-em-hcdb-duoc-tro-giup": ("count", "last", "sum", ("category", "sex")),
    "tre-em-bi-xam-hai": ("count", "sum", "sum", ("form", "setting", "sex", "age_group")),
    "tre-em-tu-vong-tntt": ("count", "sum", "sum", ("cause", "sex")),
    "tre-em-bi-hai-vu-an-hinh-su": ("count", "sum", "sum", ("sex",)),
    "tre-em-bi-hai-duoc-tro-giup-phap-ly": ("count", "sum", "sum", ("sex",)),
    "tre-em-vi-pham-hinh-su": ("count", "sum", "sum", ("sex",)),
    "tre-em-vi-pham-duoc-tu-van": ("count", "sum", "sum", ("sex",)),
    "quy-bao-tro-huy-dong": ("amount", "sum", "sum", ()),
    "xa-phu-hop-tre-em": ("boolean", "last", "sum", ()),
}

RATIOS = {
    "ty-le-tre-em-hcdb-duoc-tro-giup": ("tre-em-hcdb-duoc-tro-giup", "tre-em-hcdb", 100),
    "ty-le-tu-vong-tntt": ("tre-em-tu-vong-tntt", "tre-em", 100000),
    "ty-le-tre-em-bi-hai-duoc-tro-giup-phap-ly": (
        "tre-em-bi-hai-duoc-tro-giup-phap-ly",
        "tre-em-bi-hai-vu-an-hinh-su",
        100,
    ),
    "ty-le-tre-em-vi-pham-duoc-tu-van": (
        "tre-em-vi-pham-duoc-tu-van",
        "tre-em-vi-pham-hinh-su",
        100,
    ),
    "ty-le-tre-em-hcdb": ("tre-em-hcdb", "tre-em", 100),
}


@pytest.mark.parametrize("code", sorted(REQUIRED))
def test_the_reported_indicators_other_tools_rely_on(code: str) -> None:
    value_type, over_time, over_units, dims = REQUIRED[code]
    ind = CATALOG.indicator(code)
    assert ind.value_type == value_type
    assert ind.time_aggregation == over_time
    assert ind.unit_aggregation == over_units
    assert ind.disaggregations == dims
    assert ind.references, f"{code} cites no source"


@pytest.mark.parametrize("code", sorted(RATIOS))
def test_the_ratios_are_numerator_over_denominator_times_factor(code: str) -> None:
    numerator, denominator, factor = RATIOS[code]
    ind = CATALOG.indicator(code)
    assert ind.value_type is ValueType.RATIO
    assert (ind.numerator, ind.denominator, ind.factor) == (numerator, denominator, factor)


def test_the_share_of_child_friendly_communes_is_computed_from_the_yes_no_indicator() -> None:
    """Decision 06/QĐ-TTg (03/01/2019): a commune is recognised as fit for children or not;
    Decision 23/QĐ-TTg sets targets on the share of such communes."""
    share = CATALOG.indicator("ty-le-xa-phu-hop-tre-em")
    assert share.value_type is ValueType.SHARE
    assert (share.numerator, share.denominator, share.factor) == ("xa-phu-hop-tre-em", None, 100)
    assert any("06/QĐ-TTg" in r for r in CATALOG.indicator("xa-phu-hop-tre-em").references)


def test_every_reference_between_indicators_and_dimensions_resolves() -> None:
    for ind in CATALOG.indicators:
        for dim in ind.disaggregations:
            assert CATALOG.has("dimension", dim), (ind.code, dim)
        if ind.value_type is ValueType.RATIO:
            assert ind.numerator is not None and ind.denominator is not None
            top, bottom = CATALOG.indicator(ind.numerator), CATALOG.indicator(ind.denominator)
            assert not top.is_computed and not bottom.is_computed
            # A ratio is broken down only where both its parts are.
            assert set(ind.disaggregations) <= set(top.disaggregations) & set(
                bottom.disaggregations
            )
        if ind.value_type is ValueType.SHARE:
            assert ind.numerator is not None
            assert CATALOG.indicator(ind.numerator).value_type is ValueType.BOOLEAN


def test_computed_indicators_do_not_aggregate_themselves() -> None:
    for ind in CATALOG.indicators:
        if ind.is_computed:
            assert ind.time_aggregation is TimeAggregation.NONE
            assert ind.unit_aggregation is UnitAggregation.NONE


def test_each_indicator_says_which_way_is_better_where_it_matters() -> None:
    """Only a population count that serves as a denominator has no better way."""
    denominators = {i.denominator for i in CATALOG.indicators if i.denominator is not None}
    numerators = {i.numerator for i in CATALOG.indicators if i.numerator is not None}
    for ind in CATALOG.indicators:
        if ind.direction is Direction.NONE:
            assert ind.code in denominators and ind.code not in numerators, ind.code
    assert CATALOG.indicator("tre-em-bi-xam-hai").direction is Direction.LOWER
    assert CATALOG.indicator("ty-le-tre-em-hcdb-duoc-tro-giup").direction is Direction.HIGHER


def test_no_indicator_is_cumulative() -> None:
    """Every flow value covers its own period only (IATI's cumulative flag is false)."""
    assert not any(ind.cumulative for ind in CATALOG.indicators)


def test_sex_has_two_values() -> None:
    assert CATALOG.dimension("sex").codes == ("male", "female")


def test_age_groups_tile_the_ages_of_childhood_without_gap_or_overlap() -> None:
    """Law on Children 2016 Art. 1: a child is under 16; bands follow the school stages of
    the Education Law 2019 Art. 26 and 28.1 (crèche to 3, kindergarten 3-5, primary from 6,
    lower secondary from 11)."""
    bands = []
    for code in CATALOG.dimension("age_group").codes:
        match = re.fullmatch(r"(\d+)-(\d+)", code)
        assert match, code
        bands.append((int(match[1]), int(match[2])))
    ages = [age for low, high in bands for age in range(low, high + 1)]
    assert sorted(ages) == list(range(16))  # every age 0..15 exactly once
    assert bands == [(0, 2), (3, 5), (6, 10), (11, 15)]


def test_categories_are_the_14_groups_of_art_10() -> None:
    """Law on Children 2016 Art. 10.1: 14 groups, lettered a to o without f, j and p."""
    codes = CATALOG.dimension("category").codes
    statutory = [c for c in CATALOG.categories if c.statutory]
    assert codes == tuple(c.code for c in statutory)
    assert len(codes) == 14
    names = {c.code: c.name for c in statutory}
    for term in CATALOG.dimension("category").values:
        assert term.name == names[term.code]


def test_abuse_forms_are_the_six_of_art_4_5_and_other_forms_of_harm() -> None:
    """Law on Children 2016 Art. 4.5: violence, exploitation, sexual abuse, trafficking,
    abandonment, neglect "và các hình thức gây tổn hại khác" (and other forms of harm)."""
    codes = CATALOG.dimension("form").codes
    assert codes == tuple(f.code for f in CATALOG.abuse_forms)
    assert len(codes) == 7 and codes[-1] == "khac"


def test_causes_of_injury_death_include_drowning_and_other() -> None:
    """Decision 1248/QĐ-TTg singles out drowning and road traffic; the WHO/UNICEF World report
    on child injury prevention (2008) names drowning, road traffic, falls, burns, poisoning."""
    codes = CATALOG.dimension("cause").codes
    assert {"duoi-nuoc", "tai-nan-giao-thong", "nga", "bong", "ngo-doc", "khac"} == set(codes)


def test_tt13_mappings_name_published_indicators_and_invent_no_code() -> None:
    """Circular 13/2021/TT-BLĐTBXH: only names its published summaries show."""
    mapped = 0
    for ind in CATALOG.indicators:
        if ind.tt13 is None:
            continue
        where, _, name = ind.tt13.partition(": ")
        assert where in TT13_NAMES, ind.tt13
        assert name in TT13_NAMES[where], ind.tt13
        mapped += 1
    assert CATALOG.indicator("tre-em-bi-xam-hai").tt13 == "Phụ lục IV, 0101: Số trẻ em bị xâm hại"
    assert mapped >= 7


def test_national_targets_of_decision_23_for_2025() -> None:
    """Decision 23/QĐ-TTg (07/01/2021): by 2025, 90 % of children in special circumstances
    assisted, 65 % of communes fit for children, injury deaths at most 16 per 100,000."""
    found = {
        (t.indicator, t.year): (t.comparator.value, t.value)
        for t in CATALOG.targets
        if t.source and "23/QĐ-TTg" in t.source
    }
    expected = {
        ("ty-le-tre-em-hcdb-duoc-tro-giup", 2025): (">=", 90.0),
        ("ty-le-xa-phu-hop-tre-em", 2025): (">=", 65.0),
        ("ty-le-tu-vong-tntt", 2025): ("<=", 16.0),
        ("ty-le-tre-em-hcdb", 2025): ("<", 6.5),
    }
    assert {key: found.get(key) for key in expected} == expected


def test_every_target_measures_a_catalog_indicator_in_its_direction() -> None:
    """A target the catalog cannot measure names no indicator (and is not evaluated)."""
    for target in CATALOG.targets:
        if target.indicator is None:
            continue
        ind = CATALOG.indicator(target.indicator)
        assert target.scope is None
        better = target.comparator.higher_is_better
        assert better is (ind.direction is Direction.HIGHER), target.id


def test_values_are_reported_for_the_periods_of_the_reporting_regime() -> None:
    """Decree 09/2019/NĐ-CP Art. 12: monthly, quarterly, six-monthly and yearly reports."""
    assert [t.value for t in REPORTING_PERIOD_TYPES] == [
        "monthly",
        "quarterly",
        "sixmonthly",
        "yearly",
    ]
    assert all(i.allowed_period_types == REPORTING_PERIOD_TYPES for i in CATALOG.indicators)


def test_a_share_needs_its_boolean_and_no_denominator() -> None:
    with pytest.raises(InvalidValueError, match="a share needs a numerator"):
        Indicator(code="s", name="s", name_en="s", value_type="share")
    with pytest.raises(InvalidValueError, match="a share needs a numerator"):
        Indicator(
            code="s", name="s", name_en="s", value_type="share", numerator="a", denominator="b"
        )
    assert Indicator(code="s", name="s", name_en="s", value_type="share", numerator="a").is_computed


def test_period_types_are_checked() -> None:
    ind = Indicator(code="x", name="x", name_en="x", value_type="count", period_types=["yearly"])
    assert [t.value for t in ind.allowed_period_types] == ["yearly"]
    with pytest.raises(InvalidValueError, match="not a period type"):
        Indicator(code="x", name="x", name_en="x", value_type="count", period_types=["decade"])
