"""The national vocabularies are the law's, letter for letter, each with its citation."""

from __future__ import annotations

import pytest

from child_welfare_plan.catalogs import national_catalog

CATALOG = national_catalog()

ART_10 = {
    "art10-a": ("a", "Trẻ em mồ côi cả cha và mẹ"),
    "art10-b": ("b", "Trẻ em bị bỏ rơi"),
    "art10-c": ("c", "Trẻ em không nơi nương tựa"),
    "art10-d": ("d", "Trẻ em khuyết tật"),
    "art10-dd": ("đ", "Trẻ em nhiễm HIV/AIDS"),
    "art10-e": ("e", "Trẻ em vi phạm pháp luật"),
    "art10-g": ("g", "Trẻ em nghiện ma túy"),
    "art10-h": ("h", "phải bỏ học kiếm sống"),
    "art10-i": ("i", "do bị bạo lực"),
    "art10-k": ("k", "Trẻ em bị bóc lột"),
    "art10-l": ("l", "Trẻ em bị xâm hại tình dục"),
    "art10-m": ("m", "Trẻ em bị mua bán"),
    "art10-n": ("n", "hộ nghèo hoặc hộ cận nghèo"),
    "art10-o": ("o", "Trẻ em di cư"),
}


def test_the_14_statutory_groups_of_art_10_1() -> None:
    """Law on Children 102/2016/QH13, Art. 10.1: fourteen groups of children in special
    circumstances, lettered in the Vietnamese alphabet a, b, c, d, đ, e, g, h, i, k, l, m,
    n, o (no f, j or p)."""
    statutory = [c for c in CATALOG.categories if c.statutory]
    assert [c.code for c in statutory] == list(ART_10)
    for category in statutory:
        letter, words = ART_10[category.code]
        assert category.letter == letter
        assert words in category.name
        assert category.name_en
        assert category.reference == f"Luật Trẻ em 2016, Điều 10.1.{letter}"


@pytest.mark.parametrize(
    "code",
    [
        "covid-19",
        "thien-tai-dich-benh",
        "benh-hiem-ngheo",
        "chat-doc-hoa-hoc",
        "co-so-tro-giup-xa-hoi",
        "tai-nan-thuong-tich",
        "nguy-co-bi-xam-hai",
        "lao-dong-trai-quy-dinh",
    ],
)
def test_the_plans_own_target_groups_are_held_and_marked_non_statutory(code: str) -> None:
    """The Tứ Kỳ 2023 plan (II, III.4, III.6, V.1) targets groups Art. 10.1 does not list:
    children affected by Covid-19, by disasters or epidemics, with severe illness, exposed to
    toxic chemicals, in social-assistance facilities, injured, at risk of abuse, working
    against the law."""
    category = CATALOG.category(code)
    assert not category.statutory
    assert category.letter is None
    assert category.reference and "Tứ Kỳ" in category.reference


def test_the_forms_of_abuse_of_art_4_5() -> None:
    """Law on Children Art. 4.5: "Xâm hại trẻ em là hành vi gây tổn hại ... dưới các hình
    thức bạo lực, bóc lột, xâm hại tình dục, mua bán, bỏ rơi, bỏ mặc trẻ em và các hình
    thức gây tổn hại khác" (giadinh.bvhttdl.gov.vn, quoting clause 5 of Art. 4)."""
    names = [f.name for f in CATALOG.abuse_forms]
    assert names == [
        "Bạo lực",
        "Bóc lột",
        "Xâm hại tình dục",
        "Mua bán",
        "Bỏ rơi",
        "Bỏ mặc",
        "Các hình thức gây tổn hại khác",
    ]
    assert all(f.reference and "Điều 4.5" in f.reference for f in CATALOG.abuse_forms)


def test_the_three_levels_of_protection_of_art_47() -> None:
    """Law on Children Art. 47: prevention, support, intervention (Art. 48, 49, 50)."""
    levels = sorted(CATALOG.protection_levels, key=lambda p: p.rank)
    assert [(p.rank, p.name) for p in levels] == [
        (1, "Phòng ngừa"),
        (2, "Hỗ trợ"),
        (3, "Can thiệp"),
    ]
    assert [p.reference for p in levels] == [
        "Luật Trẻ em 2016, Điều 47.1, 48",
        "Luật Trẻ em 2016, Điều 47.2, 49",
        "Luật Trẻ em 2016, Điều 47.3, 50",
    ]


def test_every_entry_has_both_names_and_a_source() -> None:
    for entry in (*CATALOG.categories, *CATALOG.abuse_forms, *CATALOG.protection_levels):
        assert entry.name and entry.name_en and entry.reference
