"""Seed coverage: every bullet, deadline and cited document of the published plan has its
element in the plan file, and every text in the plan file is the published text.

The tables below are the contract: each row names a place in the published plan, the plan
element that holds it (by id), and a distinctive phrase of that place which must appear in
the element's text. A bullet dropped from the plan file, moved to another element, or
reworded fails here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from child_welfare_plan.i18n.localized import localize
from child_welfare_plan.model import Plan, Task
from child_welfare_plan.model.deadlines import format_deadline
from child_welfare_plan.model.document_text import find_document_refs

# (section, element id, distinctive phrase of the bullet)
BULLETS: list[tuple[str, str, str]] = [
    ("III.1", "iii-1-1", "Tổ chức triển khai thực hiện hiệu quả Luật Trẻ em"),
    ("III.1", "iii-1-2", "người đứng đầu cơ quan, đơn vị trong bảo đảm thực hiện quyền trẻ em"),
    ("III.1", "iii-1-3", "nhân rộng phong trào “Toàn dân chăm sóc, giáo dục, bảo vệ trẻ em”"),
    ("III.1", "iii-1-4", "ưu tiên bố trí quỹ đất, đầu tư xây dựng điểm vui chơi"),
    ("III.1", "iii-1-5", "giám sát, phản biện xã hội của Hội đồng nhân dân"),
    ("III.2", "iii-2-1", "tầm quan trọng của công tác bảo vệ, chăm sóc và giáo dục trẻ em"),
    ("III.2", "iii-2-2", "đặc biệt nhân các ngày chủ điểm về trẻ em như Tết Nguyên đán"),
    ("III.2", "iii-2-3", "kỹ năng cho cha, mẹ/người chăm sóc trẻ em"),
    ("III.2", "iii-2-4", "Tổng đài điện thoại Quốc gia bảo vệ trẻ em (số 111)"),
    ("III.2", "iii-2-5", "treo băng rôn, khẩu hiệu, thông điệp, pano, áp phích"),
    ("III.3", "iii-3-1", "Củng cố, kiện toàn tổ chức phối hợp liên ngành về trẻ em"),
    ("III.3", "iii-3-2", "Thành lập, kiện toàn nhóm thường trực bảo vệ trẻ em"),
    (
        "III.3",
        "iii-3-3",
        "báo cáo kịp thời những trường hợp trẻ em bị tử vong do tai nạn thương tích",
    ),
    ("III.3", "iii-3-4", "duy trì cập nhật lên phần mềm quản lý thông tin trẻ em"),
    ("III.4", "iii-4-1", "Diễn đàn trẻ em và Tết Trung thu theo chủ đề năm 2023"),
    ("III.4", "iii-4-2", "trẻ em sống tại các cơ sở trợ giúp xã hội"),
    ("III.4", "iii-4-3", "Huy động nguồn lực cho công tác bảo vệ, chăm sóc, trợ giúp trẻ em"),
    ("III.5", "iii-5-1", "thanh tra, kiểm tra liên ngành và chuyên đề"),
    ("III.5", "iii-5-2", "tự kiểm tra việc thực hiện chính sách pháp luật về trẻ em"),
    ("III.5", "iii-5-3", "bao che hành vi, vụ việc vi phạm quyền trẻ em"),
    ("III.5", "iii-5-4", "Xử lý đơn thư, khiếu nại tố cáo liên quan đến trẻ em"),
    ("III.6", "iii-6-1", "tranh thủ sự hỗ trợ của Qũy Bảo trợ trẻ em Việt Nam"),
    ("V.1", "v-1-1", "tổ chức triển khai nội dung của Kế hoạch thực hiện công tác trẻ em năm 2023"),
    ("V.1", "v-1-2", "trẻ em bị nhiễm chất độc hóa học"),
    ("V.1", "v-1-3", "Tiếp tục vận động xây dựng Quỹ Bảo trợ trẻ em các cấp"),
    ("V.1", "v-1-4", "Tổng hợp báo cáo kết quả thực hiện công tác trẻ em theo quy định"),
    ("V.2", "v-2-1", "vào kế hoạch phát triển kinh tế - xã hội của huyện"),
    ("V.2", "v-2-2", "Tham mưu bố trí ngân sách"),
    ("V.3", "v-3-1", "trợ giúp pháp lý cho trẻ em trên địa bàn huyện"),
    ("V.3", "v-3-2", "quyền được khai sinh"),
    ("V.4", "v-4-1", "phục hồi chức năng cho trẻ em khuyết tật"),
    ("V.5", "v-5-1", "hỗ trợ giáo dục phù hợp cho trẻ em đến 8 tuổi"),
    ("V.5", "v-5-2", "phòng, chống bạo lực học đường"),
    ("V.5", "v-5-3", "học sinh là trẻ em có hoàn cảnh đặc biệt"),
    ("V.6", "v-6-1", "phổ cập bơi phòng chống tai nạn thương tích, đuối nước"),
    ("V.6", "v-6-2", "đổi mới các hình thức thông tin, tuyên truyền"),
    ("V.6", "v-6-3", "sản phẩm, thương hiệu thông tin, truyền thông dành cho trẻ em"),
    ("V.7", "v-7-1", "can thiệp khẩn cấp nhằm ngăn chặn"),
    ("V.7", "v-7-2", "Phối hợp quản lý giáo dục trẻ em hư, bỏ học"),
    ("V.7", "v-7-3", "hỗ trợ hòa nhập cộng đồng cho lao động trẻ em"),
    ("V.8", "v-8-1", "bảo vệ chăm sóc sức khỏe trẻ em đươc giao"),
    ("V.9", "v-9-1", "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam huyện"),
    ("V.10", "v-10-1", "xây dựng kế hoạch bảo vệ, chăm sóc trẻ em năm 2023"),
    ("V.10", "v-10-2", "cán bộ Lao động - Thương binh và Xã hội và cán bộ được giao"),
    ("V.10", "v-10-3", "chính sách đối với trẻ em khuyết tật theo qui định"),
    ("V.10", "v-10-4", "báo cáo định kỳ 6 tháng, 01 năm"),
]

# Bullets whose sentence names a collective subject, not one agency: (section, task id, the
# words of the text). Every other task names nobody, or names its lead.
ADDRESSEES: list[tuple[str, str, str]] = [
    ("III.1", "iii-1-2", "các cấp, các ngành, người đứng đầu cơ quan, đơn vị"),
    (
        "III.1",
        "iii-1-5",
        "Hội đồng nhân dân, Ủy ban Mặt trận Tổ quốc các cấp và các tổ chức thành viên",
    ),
    ("III.3", "iii-3-4", "Các cơ quan, đơn vị, ngành, địa phương, tổ chức, cá nhân có thẩm quyền"),
    ("III.5", "iii-5-1", "Các cơ quan, đơn vị, ngành có liên quan đến công tác trẻ em"),
    ("III.5", "iii-5-2", "Ủy ban nhân dân các xã, thị trấn"),
    ("V.8", "v-8-1", "Các phòng, ban ngành có liên quan khác"),
]

# Sections I, II and IV: (section, index or id, phrase).
PURPOSES = [
    ("I.1", 0, "nâng cao hiệu quả quản lý nhà nước về công tác trẻ em"),
    ("I.1", 1, "Xây dựng môi trường sống an toàn, lành mạnh, thân thiện"),
]
REQUIREMENTS = [
    ("I.2", 0, "bám sát nhiệm vụ, giải pháp trọng tâm của Kế hoạch này"),
    ("I.2", 1, "các tầng lớp nhân dân"),
]
OBJECTIVES = [
    ("II", "ii-1", "Kế hoạch số 131/KH-UBND ngày 30/7/2021"),
    ("II", "ii-2", "giảm số lượng trẻ em có hoàn cảnh đặc biệt"),
    ("II", "ii-3", "giảm thiểu tình trạng trẻ em bị xâm hại"),
    ("II", "ii-4", "trẻ bị ảnh hưởng bởi dịch bệnh Covid - 19"),
    ("II", "ii-5", "trẻ em có nguy cơ bị xâm hại"),
    ("II", "ii-6", "phòng, chống tai nạn, thương tích trẻ em"),
    ("II", "ii-7", "trẻ em lao động trái quy định của pháp luật"),
    ("II", "ii-8", "phòng, chống suy dinh dưỡng"),
]
# Targets the text states: (section, task that states it, target id, indicator, phrase).
TARGETS = [
    (
        "V.3",
        "v-3-1",
        "v-3-bi-hai-duoc-bao-ve",
        "ty-le-tre-em-bi-hai-duoc-tro-giup-phap-ly",
        "100% trẻ em là người bị hại trong vụ án hình sự được bảo vệ",
    ),
    (
        "V.3",
        "v-3-1",
        "v-3-vi-pham-duoc-tu-van",
        "ty-le-tre-em-vi-pham-duoc-tu-van",
        "100% trẻ em là người vi phạm pháp luật hình sự được tư vấn",
    ),
]
FUNDING = [
    ("IV.1", "iv-1", "dự toán chi hằng năm"),
    ("IV.2", "iv-2", "các nguồn lực hợp pháp khác"),
]

# (deadline as the text writes it, obligation that holds it)
DEADLINES = [
    ("trước ngày 30/3/2023", "ke-hoach-trien-khai"),
    ("trước ngày 15/6/2023", "bao-cao-6-thang"),
    ("trước ngày 05/12/2023", "bao-cao-nam"),
    ("trước ngày 20/6/2023", "bao-cao-6-thang-tinh"),
    ("trước ngày 10/12/2023", "bao-cao-nam-tinh"),
]
# Reports the text asks for with no date: (obligation, phrase of its text).
UNDATED_REPORTS = [
    ("bao-cao-tu-kiem-tra", "UBND cấp xã báo cáo kết quả tự kiểm tra về UBND huyện"),
    ("bao-cao-dot-xuat", "báo cáo kịp thời những trường hợp trẻ em bị tử vong"),
]

# (the document as the text cites it, its citation, where the plan holds it). "based_on"
# and "legal_bases" are the plan's lists; other entries are ids of tasks, objectives or
# funding sources whose ``references`` hold it.
DOCUMENTS: list[tuple[str, str, tuple[str, ...]]] = [
    ("Kế hoạch số 606/KH-UBND", "606/KH-UBND", ("based_on",)),
    ("Kế hoạch số 131/KH-UBND", "131/KH-UBND", ("based_on", "ii-1")),
    ("Luật Trẻ em", "Luật Trẻ em", ("legal_bases", "iii-1-1", "iii-3-2", "v-3-1")),
    ("Nghị quyết số 121/2020/QH14", "121/2020/QH14", ("legal_bases", "iii-1-1", "iii-5-1")),
    ("Chỉ thị số 23/CT-TTg", "23/CT-TTg", ("legal_bases", "iii-1-1", "iii-5-1")),
    ("Quyết định số 23/QĐ-TTg", "23/QĐ-TTg", ("legal_bases", "iii-1-1")),
    ("Quyết định số 782/QĐ-TTg", "782/QĐ-TTg", ("legal_bases", "iii-1-1")),
    ("Quyết định số 1248/QĐ-TTg", "1248/QĐ-TTg", ("legal_bases", "iii-1-1")),
    ("Nghị định số 56/2017/NĐ-CP", "56/2017/NĐ-CP", ("legal_bases", "iii-3-4")),
    ("Thông tư số 13/2021/TT-BLDTBXH", "13/2021/TT-BLĐTBXH", ("legal_bases", "iii-3-4")),
    ("Nghị định số 123/2015/NĐ-CP", "123/2015/NĐ-CP", ("legal_bases", "v-3-2")),
    ("Nghị định số 130/2021/NĐ-CP", "130/2021/NĐ-CP", ("legal_bases", "v-3-2")),
    ("Nghị định số 80/2017/NĐ-CP", "80/2017/NĐ-CP", ("legal_bases", "v-5-2")),
    ("Luật Ngân sách nhà nước", "Luật Ngân sách nhà nước", ("iv-1",)),
    ("Luật Ngân sách của Nhà nước", "Luật Ngân sách nhà nước", ("v-2-2",)),
    ("Công ước Quốc tế về trẻ em", "Công ước Quốc tế về trẻ em", ("v-3-1",)),
    ("Bộ Luật hình sự", "Bộ luật Hình sự", ("v-3-1",)),
]
# Documents the text names that are not references of their own, with the reason.
NOT_CITED_ON_THEIR_OWN = {
    "luật hộ tịch": "part of the title of Nghị định số 123/2015/NĐ-CP",
    "luật ngân sách": "the text's 'Luật Ngân sách của Nhà nước' (V.2), held as above",
}


def squash(text: str) -> str:
    """Text without whitespace: compares texts whatever their line breaks."""
    return re.sub(r"\s+", "", text)


def _tasks(plan: Plan) -> dict[str, Task]:
    return {t.id: t for t in plan.all_tasks()}


def _holders(plan: Plan) -> dict[str, tuple[object, ...]]:
    """Every element that holds references, by id, with the references it holds."""
    out: dict[str, tuple[object, ...]] = {
        "based_on": plan.based_on,
        "legal_bases": plan.legal_bases,
    }
    out.update({t.id: t.references for t in plan.all_tasks()})
    out.update({o.id: o.references for o in plan.objectives})
    out.update({f.id: f.references for f in plan.funding_sources})
    return out


def _plan_texts(plan: Plan) -> Iterator[str]:
    """Every text of the plan file that is copied from the published plan."""
    yield plan.title
    yield from plan.purposes
    yield from plan.requirements
    yield from (o.text for o in plan.objectives)
    yield from (t.text for o in plan.objectives for t in o.targets if t.text)
    yield from (g.title for g in plan.task_groups)
    yield from (t.text for t in plan.all_tasks())
    yield from (f.text for f in plan.funding_sources)
    yield from (r.addressee for r in plan.responsibilities if r.addressee)
    yield from (t.addressee for t in plan.all_tasks() if t.addressee)
    yield from (o.text for o in plan.obligations if o.text)
    yield from plan.recipients
    if plan.signatory is not None:
        yield from (plan.signatory.capacity or "", plan.signatory.title, plan.signatory.name)


@pytest.mark.parametrize(("section", "task_id", "phrase"), BULLETS)
def test_bullet_is_held_by_its_task(
    plan: Plan, source_text: str, section: str, task_id: str, phrase: str
) -> None:
    assert phrase in source_text, f"{phrase!r} is not in the published text"
    task = _tasks(plan).get(task_id)
    assert task is not None, f"no task {task_id!r} for a bullet of {section}"
    assert phrase in task.text
    assert task.section == section


def test_every_task_of_the_plan_is_a_bullet_of_the_table(plan: Plan) -> None:
    assert [t.id for t in plan.all_tasks()] == [task_id for _, task_id, _ in BULLETS]


@pytest.mark.parametrize(("section", "task_id", "addressee"), ADDRESSEES)
def test_collective_subject_is_the_addressee_in_the_words_of_its_bullet(
    plan: Plan, source_text: str, section: str, task_id: str, addressee: str
) -> None:
    """The words are the bullet's own, or, for an item of V with no bullets, its heading's."""
    task = _tasks(plan)[task_id]
    headings = {t.id: r.addressee for r in plan.responsibilities for t in r.tasks}
    assert task.section == section
    assert task.addressee == addressee
    assert addressee in source_text
    assert addressee in task.text or addressee == headings.get(task_id)


def test_only_the_bullets_of_the_table_have_an_addressee(plan: Plan) -> None:
    with_addressee = [t.id for t in plan.all_tasks() if t.addressee is not None]
    assert with_addressee == [task_id for _, task_id, _ in ADDRESSEES]


@pytest.mark.parametrize(("section", "index", "phrase"), PURPOSES)
def test_purpose_is_held(
    plan: Plan, source_text: str, section: str, index: int, phrase: str
) -> None:
    assert phrase in source_text and phrase in plan.purposes[index]


@pytest.mark.parametrize(("section", "index", "phrase"), REQUIREMENTS)
def test_requirement_is_held(
    plan: Plan, source_text: str, section: str, index: int, phrase: str
) -> None:
    assert phrase in source_text and phrase in plan.requirements[index]


@pytest.mark.parametrize(("section", "objective_id", "phrase"), OBJECTIVES)
def test_objective_is_held(
    plan: Plan, source_text: str, section: str, objective_id: str, phrase: str
) -> None:
    objectives = {o.id: o.text for o in plan.objectives}
    assert phrase in source_text and phrase in objectives[objective_id]


@pytest.mark.parametrize(("section", "task_id", "target_id", "indicator", "phrase"), TARGETS)
def test_target_is_held_by_the_task_that_states_it(
    plan: Plan,
    source_text: str,
    section: str,
    task_id: str,
    target_id: str,
    indicator: str,
    phrase: str,
) -> None:
    (task,) = [t for t in plan.all_tasks() if t.id == task_id]
    targets = {t.id: t for t in task.targets}
    assert (
        phrase in source_text and phrase in task.text and phrase in (targets[target_id].text or "")
    )
    assert targets[target_id].indicator == indicator
    assert (targets[target_id].comparator, targets[target_id].value) == (">=", 100)
    assert targets[target_id].source == section


def test_objectives_of_ii_joined_give_section_ii_back(plan: Plan, source_text: str) -> None:
    section_ii = "; ".join(o.text for o in plan.objectives if o.id.startswith("ii-"))
    assert squash(section_ii) in squash(source_text)
    assert section_ii.startswith("Từng bước hoàn thành") and section_ii.endswith("của trẻ em.")


@pytest.mark.parametrize(("section", "funding_id", "phrase"), FUNDING)
def test_funding_source_is_held(
    plan: Plan, source_text: str, section: str, funding_id: str, phrase: str
) -> None:
    funding = {f.id: f.text for f in plan.funding_sources}
    assert phrase in source_text and phrase in funding[funding_id]


@pytest.mark.parametrize(("phrase", "obligation_id"), DEADLINES)
def test_deadline_is_held_by_its_obligation(
    plan: Plan, source_text: str, phrase: str, obligation_id: str
) -> None:
    assert phrase in source_text
    ob = plan.obligation(obligation_id)
    assert ob.deadline is not None
    assert format_deadline(ob.deadline) == phrase
    assert ob.text is not None and phrase in ob.text


def test_every_dated_deadline_of_the_text_is_in_the_table(source_text: str) -> None:
    written = re.findall(r"trước ngày \d{1,2}/\d{1,2}/\d{4}", source_text)
    assert sorted(written) == sorted(phrase for phrase, _ in DEADLINES)


@pytest.mark.parametrize(("obligation_id", "phrase"), UNDATED_REPORTS)
def test_undated_report_is_held_by_its_obligation(
    plan: Plan, source_text: str, obligation_id: str, phrase: str
) -> None:
    assert phrase in source_text
    text = plan.obligation(obligation_id).text
    assert text is not None and phrase in text


def test_every_obligation_has_the_plans_wording_and_a_reading(plan: Plan, source_text: str) -> None:
    """``text`` is the published wording; ``basis`` is the pack's reading, not a quote."""
    published = squash(source_text)
    for ob in plan.obligations:
        assert ob.text is not None and squash(ob.text) in published, ob.id
        assert ob.basis is not None and squash(ob.text) not in squash(ob.basis), ob.id


def test_period_basis_cites_decree_09_2019(plan: Plan) -> None:
    """Source: Decree 09/2019/NĐ-CP Art. 12 (data cut-offs of periodic reports), the reading
    behind ``period_convention = "nd09"``; the plan itself states no cut-off."""
    assert str(plan.period_convention) == "nd09"
    assert plan.period_basis is not None
    assert "Điều 12 Nghị định 09/2019/NĐ-CP" in plan.period_basis
    english = localize(plan.period_basis, "en")
    assert "09/2019/NĐ-CP" in english and "Art. 12" in english


@pytest.mark.parametrize(("written", "citation", "holders"), DOCUMENTS)
def test_cited_document_is_held_where_it_is_cited(
    plan: Plan, source_text: str, written: str, citation: str, holders: tuple[str, ...]
) -> None:
    assert written in source_text
    by_holder = _holders(plan)
    for holder in holders:
        citations = [getattr(ref, "citation", None) for ref in by_holder[holder]]
        assert citation in citations, f"{citation} is not among the references of {holder}"


def test_every_document_the_text_names_is_in_the_table(source_text: str) -> None:
    known = {citation.casefold() for _, citation, _ in DOCUMENTS}
    found = {ref.citation.casefold() for ref in find_document_refs(source_text)}
    assert found - known == set(NOT_CITED_ON_THEIR_OWN)


def test_legal_bases_are_exactly_the_documents_cited_as_such(plan: Plan) -> None:
    expected = [citation for _, citation, holders in DOCUMENTS if "legal_bases" in holders]
    assert [r.citation for r in plan.legal_bases] == expected


def test_every_text_is_the_published_text(plan: Plan, source_text: str) -> None:
    """Texts are copied, not retyped: only line breaks may differ."""
    published = squash(source_text)
    for text in _plan_texts(plan):
        assert squash(text) in published, f"not in the published text: {text[:60]!r}"
        assert text == text.strip() and "  " not in text


def test_typing_slips_of_the_published_text_are_kept(plan: Plan) -> None:
    tasks = _tasks(plan)
    assert "đươc giao" in tasks["v-8-1"].text
    assert "Qũy Bảo trợ" in tasks["iii-6-1"].text
    assert "15/11/2015của" in tasks["v-3-2"].text
    assert "TT-BLDTBXH" in tasks["iii-3-4"].text  # the reference itself is 13/2021/TT-BLĐTBXH
