"""The national catalog completed: the 24 targets of Decision 23/QĐ-TTg word for word, the
indicators the Tứ Kỳ plan's objectives need, the setting of abuse, and the time limits of
the Decree 56/2017/NĐ-CP procedure."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from child_welfare_plan.catalogs import national_catalog
from child_welfare_plan.model import Direction, TimeAggregation, UnitAggregation, ValueType
from child_welfare_plan.model.deadlines import Promptly, WithinDays, WithinHours

CATALOG = national_catalog()
QD23 = [t for t in CATALOG.targets if t.source and "23/QĐ-TTg" in t.source]

#: The 24 targets of Decision 23/QĐ-TTg (07/01/2021), Art. 1, I.2, word for word. Source:
#: the decision's text as thuvienphapluat.vn publishes it (reproduced in a public
#: repository), targets 1, 2, 11-14 also quoted by a thuvienphapluat news item, others
#: summarised by luatvietnam, vietnamplus and lawnet. The copy writes ":" between the
#: clauses of 11, 17, 18 and 20; ";" here. Not checked against the gazette.
WORDING = {
    1: "đạt 65% vào năm 2025 và 75% vào năm 2030",
    2: "Tỷ lệ trẻ em đến 8 tuổi được tiếp cận các dịch vụ hỗ trợ chăm sóc phát triển toàn diện",
    3: "dưới 18.5 vào năm 2025 và dưới 15 vào năm 2030",
    4: "thể chiều cao theo tuổi xuống 17% vào năm 2025 và dưới 15% vào năm 2030",
    5: "98% trẻ em dưới 5 tuổi được tiêm chủng đầy đủ các loại vắc xin vào năm 2030",
    6: "Tỷ lệ lây truyền HIV từ mẹ sang con là 2% vào năm 2030.",
    7: "100% cơ sở giáo dục cho trẻ em có công trình vệ sinh",
    8: "xuống dưới 6,5% vào năm 2025 và 6% vào năm 2030; 90% trẻ em có hoàn cảnh đặc biệt",
    9: "xuống dưới 4,5% vào năm 2025 và xuống dưới 4% vào năm 2030",
    10: "từ 5 đến 17 tuổi xuống 4,9% vào năm 2025 và xuống 4,5% vào năm 2030",
    11: "xuống 550/100.000 trẻ em vào năm 2025 và 500/100.000 vào năm 2030; giảm tỷ suất",
    12: "Phấn đấu 100% trẻ em gặp thiên tai, thảm họa được cứu trợ, hỗ trợ kịp thời.",
    13: "duy trì mức giảm số cuộc tảo hôn từ 2 đến 3% hằng năm",
    14: "được đăng ký khai sinh đạt 98,5% vào năm 2025, phấn đấu 100% vào năm 2030",
    15: "được phát triển phù hợp về sức khỏe, học tập và tâm lý xã hội",
    16: "Tỷ lệ huy động trẻ em 5 tuổi đi học mẫu giáo đạt 99,1%",
    17: "bỏ học bậc tiểu học dưới 0,12% vào năm 2025",
    18: "hoàn thành cấp trung học cơ sở đạt 88% vào năm 2025",
    19: "Phấn đấu 95% trường học có dịch vụ hỗ trợ tâm lý trẻ em vào năm 2025",
    20: "phù hợp với học sinh, sinh viên khuyết tật đạt 55% vào năm 2025",
    21: "có điểm văn hóa, vui chơi dành cho trẻ em đạt 40% vào năm 2025 và 45% vào năm 2030",
    22: "30% trẻ em từ 07 tuổi trở lên được hỏi ý kiến về các vấn đề của trẻ em",
    23: "85% trẻ em được nâng cao nhận thức, năng lực về quyền tham gia của trẻ em",
    24: "Tỷ lệ trẻ em từ 11 tuổi trở lên được tham gia vào các mô hình",
}


def _number(source: str | None) -> int:
    match = re.search(r"chỉ tiêu (\d+)$", source or "")
    assert match, source
    return int(match[1])


def test_every_one_of_the_24_targets_is_held_with_its_number() -> None:
    """Decision 23/QĐ-TTg, Art. 1, I.2: four objectives, 24 targets numbered 1 to 24."""
    assert {_number(t.source) for t in QD23} == set(range(1, 25))


@pytest.mark.parametrize("number", sorted(WORDING))
def test_each_target_keeps_the_decisions_words(number: int) -> None:
    texts = {t.text for t in QD23 if _number(t.source) == number}
    assert len(texts) == 1, texts  # one chỉ tiêu, one wording, however many clauses
    (text,) = texts
    assert text is not None and WORDING[number] in text


@pytest.mark.parametrize(
    ("target", "comparator", "value", "year"),
    [
        ("qd23-03-2025-tu-vong-so-sinh", "<", 9.5, 2025),
        ("qd23-03-2030-tu-vong-duoi-1-tuoi", "<=", 10, 2030),
        ("qd23-04-2025-suy-dinh-duong-chieu-cao", "<=", 17, 2025),
        ("qd23-04-2030-suy-dinh-duong-chieu-cao", "<", 15, 2030),
        ("qd23-09-2025-tre-em-bi-xam-hai", "<", 4.5, 2025),
        ("qd23-10-2030-lao-dong-tre-em", "<=", 4.5, 2030),
        ("qd23-11-2025-tre-em-bi-tntt", "<=", 550, 2025),
        ("qd23-2030-tu-vong-tntt", "<=", 15, 2030),
        ("qd23-14-2025-dang-ky-khai-sinh", ">=", 98.5, 2025),
        ("qd23-21-2030-diem-vui-choi", ">=", 45, 2030),
        ("qd23-22-2025-tre-em-duoc-hoi-y-kien", ">=", 30, 2025),
        ("qd23-05-2030-tiem-chung-duoi-5-tuoi", ">=", 98, 2030),
    ],
)
def test_figures_comparators_and_years(
    target: str, comparator: str, value: float, year: int
) -> None:
    """Decision 23/QĐ-TTg: "dưới" is <, "xuống" (down to) ≤, "đạt" (reach) ≥; rates of
    injury per 100,000 children, of mortality per 1,000 live births."""
    found = CATALOG.target(target)
    assert (found.comparator.value, found.value, found.year) == (comparator, value, year)


def test_what_the_sources_do_not_confirm_is_marked() -> None:
    """Targets read beyond the words (a comparator for "là 2%", a year where none is
    given, a figure whose copy may be slipped) say so in ``check``."""
    checked = {_number(t.source) for t in QD23 if t.check}
    assert checked == {3, 6, 8, 12, 13, 15, 19, 21}
    others = [t for t in CATALOG.targets if t not in QD23]
    assert others and all(t.check for t in others)


def test_targets_the_catalog_cannot_measure_name_no_indicator() -> None:
    unmeasured = {_number(t.source) for t in QD23 if t.indicator is None}
    assert unmeasured == {2, 3, 4, 5, 6, 7, 12, 13, 15, 16, 17, 18, 19, 20, 23, 24}
    assert all(CATALOG.has("indicator", t.indicator) for t in CATALOG.targets if t.indicator)


def test_swimming_and_drowning_targets_come_from_the_injury_programmes() -> None:
    """Decision 23 sets none: the swimming targets (60% of children aged 6 to under 16 by
    2030) and the fall in drowning deaths are those of Decision 1248/QĐ-TTg and Decision
    3246/QĐ-BVHTTDL, as secondary sources report them."""
    swim = [t for t in CATALOG.targets if t.indicator == "ty-le-tre-em-biet-boi-an-toan"]
    assert {(t.year, t.value) for t in swim} == {(2025, 50.0), (2030, 60.0)}
    assert not any("23/QĐ-TTg" in (t.source or "") for t in swim)
    assert not any(re.search("đuối nước|bơi", t.text or "") for t in QD23)


# -- indicators --------------------------------------------------------------------------

NEEDED = {
    # objective of the plan or national target -> indicator, type, time and unit aggregation
    "child labour": ("tre-em-lao-dong-trai-quy-dinh", "count", "last", "sum"),
    "child labour 5-17": ("ty-le-lao-dong-tre-em-5-17", "ratio", "none", "none"),
    "birth registration": ("ty-le-tre-em-duoi-5-dang-ky-khai-sinh", "ratio", "none", "none"),
    "health-insurance cards": ("ty-le-tre-em-duoi-6-co-the-bhyt", "ratio", "none", "none"),
    "drowning deaths": ("tre-em-tu-vong-duoi-nuoc", "count", "sum", "sum"),
    "taught to swim": ("tre-em-duoc-day-boi", "count", "sum", "sum"),
    "can swim safely": ("ty-le-tre-em-biet-boi-an-toan", "ratio", "none", "none"),
    "play spaces": ("ty-le-xa-co-diem-vui-choi", "share", "none", "none"),
    "participation": ("ty-le-tre-em-tu-7-duoc-lay-y-kien", "ratio", "none", "none"),
    "stunting": ("ty-le-suy-dinh-duong-chieu-cao", "ratio", "none", "none"),
    "underweight": ("ty-le-suy-dinh-duong-can-nang", "ratio", "none", "none"),
    "abuse rate": ("ty-le-tre-em-bi-xam-hai", "ratio", "none", "none"),
    "injuries": ("ty-le-tre-em-bi-tntt", "ratio", "none", "none"),
}


@pytest.mark.parametrize("need", sorted(NEEDED))
def test_the_indicators_the_plans_objectives_need(need: str) -> None:
    code, value_type, over_time, over_units = NEEDED[need]
    ind = CATALOG.indicator(code)
    assert ind.value_type is ValueType(value_type)
    assert ind.time_aggregation is TimeAggregation(over_time)
    assert ind.unit_aggregation is UnitAggregation(over_units)
    assert ind.unit and ind.direction is not Direction.NONE and ind.references


def test_drowning_is_a_cause_and_an_indicator_of_its_own() -> None:
    """Decision 1248/QĐ-TTg singles out drowning; the plan names it (III.1, III.5, V.6)."""
    assert "duoi-nuoc" in CATALOG.dimension("cause").codes
    assert CATALOG.indicator("tre-em-tu-vong-duoi-nuoc").direction is Direction.LOWER


def test_tt13_is_named_only_where_a_published_name_matches() -> None:
    """Circular 13/2021, Appendix I: "Tỷ lệ xã phường, thị trấn có điểm vui chơi dành cho
    trẻ em", "Tỷ lệ trẻ em từ 7 tuổi trở lên được lấy ý kiến về các vấn đề của trẻ em"
    (thuvienphapluat.vn summary of the list); no other new indicator claims a match."""
    mapped = {i.code for i in CATALOG.indicators if i.tt13}
    new = {code for code, *_ in NEEDED.values()}
    assert mapped & new == {"ty-le-xa-co-diem-vui-choi", "ty-le-tre-em-tu-7-duoc-lay-y-kien"}


def test_the_setting_of_abuse_is_a_dimension_marked_where_unconfirmed() -> None:
    """Circular 13/2021/TT-BLĐTBXH, Appendix IV, 0101: main breakdowns sex, age group,
    "Môi trường xâm hại", ... (excerpt of the circular). Its values were not found."""
    setting = CATALOG.dimension("setting")
    assert setting.name == "Môi trường xâm hại"
    assert setting.reference is not None and "Phụ lục IV, 0101" in setting.reference
    assert "(check)" in setting.reference
    assert all(v.reference and "(check)" in v.reference for v in setting.values)
    assert "setting" in CATALOG.indicator("tre-em-bi-xam-hai").disaggregations


# -- Decree 56/2017/NĐ-CP -------------------------------------------------------------------

STEPS = CATALOG.procedure("nd56-ho-tro-can-thiep")


def test_the_procedure_steps_are_in_order_each_with_its_article() -> None:
    assert [s.order for s in STEPS] == list(range(1, len(STEPS) + 1))
    assert all(s.article.startswith("Nghị định 56/2017/NĐ-CP, Điều ") for s in STEPS)
    assert Counter(s.code for s in STEPS).most_common(1)[0][1] == 1


def test_emergency_measures_within_12_hours_of_the_information() -> None:
    """Decree 56/2017/NĐ-CP Art. 26.3: where the child is at risk of or suffers serious
    harm, "trong vòng 12 giờ từ khi nhận thông tin" the commune chair applies emergency
    intervention or separation. It is not a limit on the initial assessment (Art. 26.2)."""
    step = CATALOG.procedure_step("can-thiep-khan-cap")
    assert step.article.startswith("Nghị định 56/2017/NĐ-CP, Điều 26.3")
    assert step.time_limit == WithinHours(12, "từ khi nhận thông tin")
    assert step.condition is not None and "nghiêm trọng" in step.condition
    assert CATALOG.procedure_step("danh-gia-ban-dau").time_limit is None


def test_a_support_plan_within_5_working_days() -> None:
    """Decree 56/2017/NĐ-CP Art. 28.1: "trong thời hạn 05 ngày làm việc, trừ trường hợp
    khẩn cấp"; the quoted sentence does not say from when (marked)."""
    step = CATALOG.procedure_step("xay-dung-ke-hoach")
    assert step.time_limit == WithinDays(5, True)
    assert step.limit_text == "trong thời hạn 05 ngày làm việc, trừ trường hợp khẩn cấp"
    assert step.check and step.form == "Mẫu số 04"


def test_notice_and_transfer_are_immediate() -> None:
    """Decree 56/2017/NĐ-CP Art. 25.1 "thông báo ngay" and Art. 26.1 "chuyển ngay"."""
    for code, article in (("thong-bao", "25.1"), ("chuyen-thong-tin", "26.1")):
        step = CATALOG.procedure_step(code)
        assert step.time_limit == Promptly("ngay")
        assert step.article.endswith(article)


def test_steps_whose_words_were_not_found_are_marked() -> None:
    """Art. 28 (approval) and Art. 29 were not found; procedure pages disagree (07 working
    days in Thái Nguyên, 5 in Lai Châu)."""
    for code in ("phe-duyet-ke-hoach", "thuc-hien-ke-hoach"):
        step = CATALOG.procedure_step(code)
        assert step.time_limit is None and step.check
