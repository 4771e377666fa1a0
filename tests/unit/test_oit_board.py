"""The OIT board's rules without Django: the items of a year, the workflow, overdue, evidence URLs, roll-over."""

from __future__ import annotations

import datetime as dt

import pytest

from prongsai.ita.library import framework_for
from prongsai.ita.oit_board import (
    APPROVED,
    IN_PROGRESS,
    NEEDS_CORRECTION,
    NOT_STARTED,
    REVIEW_REFUSED,
    SUBMITTED,
    UNGROUPED,
    BoardUnavailable,
    board_template,
    board_template_for_year,
    is_overdue,
    next_statuses,
    parse_urls,
    roll_plan,
    shift_year,
    transition_refusal,
)


def test_2566_board_lists_43_items_in_sub_indicator_order() -> None:
    template = board_template_for_year(2566)
    assert len(template.items) == 43
    assert [i.code for i in template.items[:3]] == ["O1", "O2", "O3"]
    first = template.items[0]
    assert (first.title, first.sub_indicator, first.sub_indicator_name) == ("โครงสร้าง", "9.1", "ข้อมูลพื้นฐาน")
    e_service = next(i for i in template.items if i.code == "O18")
    assert e_service.sub_indicator == "9.2" and e_service.title == "E-Service"
    assert {i.sub_indicator for i in template.items} == {"9.1", "9.2", "9.3", "9.4", "9.5", "10.1", "10.2"}
    # 10.1/10.2 are inferred in the library: the board says so rather than presenting them as fact
    assert any("10.1" in n and "อนุมาน" in n for n in template.notices)


def test_a_year_without_an_oit_list_gets_a_thai_reason() -> None:
    with pytest.raises(BoardUnavailable) as refused:
        board_template_for_year(2567)
    assert "2567" in refused.value.message and "ยังไม่มีรายการข้อ OIT" in refused.value.message
    with pytest.raises(BoardUnavailable) as unknown:
        board_template_for_year(2599)
    assert "ยังไม่มีกรอบการประเมินของปีงบประมาณ 2599" in unknown.value.message


def test_ungrouped_year_keeps_its_items_under_an_unknown_heading_with_notices() -> None:
    template = board_template(framework_for(2568))
    assert len(template.items) == 28
    assert all(i.sub_indicator == UNGROUPED for i in template.items)
    assert [i.code for i in template.items][:3] == ["O1", "O2", "O3"]
    assert template.items[-1].title == "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    assert any("ยังไม่ทราบว่าข้อ OIT แต่ละข้ออยู่ในตัวชี้วัดย่อยใด" in n for n in template.notices)
    assert not any("ยังไม่ทราบชื่อทางการ" in n for n in template.notices)
    assert not any("กรอบชั่วคราว" in n for n in template.notices)


def test_board_of_a_provisional_year_says_so_first() -> None:
    template = board_template(framework_for(2570))
    assert len(template.items) == 26
    assert "กรอบการประเมินปี 2570 เป็นกรอบชั่วคราว ยกมาจากปี 2569" in template.notices[0]


@pytest.mark.parametrize(
    ("current", "target", "editor", "reviewer", "links", "comment", "refused"),
    [
        (NOT_STARTED, IN_PROGRESS, True, False, 0, "", None),
        (IN_PROGRESS, SUBMITTED, True, False, 1, "", None),
        (IN_PROGRESS, SUBMITTED, True, False, 0, "", "ลิงก์หลักฐานอย่างน้อยหนึ่งรายการ"),
        (SUBMITTED, APPROVED, True, False, 1, "", REVIEW_REFUSED),
        (SUBMITTED, APPROVED, True, True, 1, "", None),
        (SUBMITTED, NEEDS_CORRECTION, True, True, 1, "  ", "ต้องมีความเห็นของผู้ตรวจ"),
        (SUBMITTED, NEEDS_CORRECTION, True, True, 1, "ลิงก์ผิดหน้า", None),
        (NOT_STARTED, APPROVED, True, True, 1, "", 'เปลี่ยนสถานะจาก "ยังไม่เริ่ม" เป็น "อนุมัติแล้ว" ไม่ได้'),
        (APPROVED, IN_PROGRESS, True, True, 1, "", "ไม่ได้"),
        (APPROVED, NEEDS_CORRECTION, True, True, 1, "หน้าเว็บถูกลบ", None),
        (IN_PROGRESS, SUBMITTED, False, False, 1, "", "บทบาทของท่าน"),
        (IN_PROGRESS, IN_PROGRESS, True, False, 1, "", "อยู่แล้ว"),
        (IN_PROGRESS, "done", True, True, 1, "", "ไม่รู้จักสถานะ"),
    ],
)
def test_transitions(current, target, editor, reviewer, links, comment, refused) -> None:
    answer = transition_refusal(
        current, target, may_edit=editor, may_review=reviewer, evidence_count=links, comment=comment
    )
    if refused is None:
        assert answer is None
    else:
        assert answer is not None and refused in answer


def test_next_statuses_by_role() -> None:
    assert next_statuses(SUBMITTED, may_edit=True, may_review=False) == [IN_PROGRESS]
    assert next_statuses(SUBMITTED, may_edit=True, may_review=True) == [IN_PROGRESS, APPROVED, NEEDS_CORRECTION]
    assert next_statuses(APPROVED, may_edit=True, may_review=False) == []
    assert next_statuses(NOT_STARTED, may_edit=False, may_review=False) == []


def test_overdue_is_past_due_and_not_approved() -> None:
    today = dt.date(2026, 4, 12)
    assert is_overdue(IN_PROGRESS, dt.date(2026, 4, 11), today)
    assert is_overdue(SUBMITTED, dt.date(2026, 4, 11), today)
    assert not is_overdue(APPROVED, dt.date(2026, 4, 11), today)
    assert not is_overdue(IN_PROGRESS, today, today)
    assert not is_overdue(IN_PROGRESS, None, today)


def test_evidence_urls_are_http_or_https_with_a_host() -> None:
    urls, problems = parse_urls(
        "https://www.angthongpao.go.th/ita/o1\n\n http://x.go.th/a  https://x.go.th/b\n"
        "https://www.angthongpao.go.th/ita/o1"
    )
    assert urls == ["https://www.angthongpao.go.th/ita/o1", "http://x.go.th/a", "https://x.go.th/b"]
    assert problems == []
    _, problems = parse_urls("ftp://x.go.th/file\nwww.x.go.th/page\nhttps:///nohost")
    assert len(problems) == 3
    assert problems[0].startswith("บรรทัดที่ 1") and "http:// หรือ https://" in problems[0]
    assert problems[2].startswith("บรรทัดที่ 3") and "ไม่มีชื่อเว็บไซต์" in problems[2]
    _, problems = parse_urls("\n".join(f"https://x.go.th/{n}" for n in range(11)))
    assert problems and "ไม่เกิน 10" in problems[0]


def test_shift_year_keeps_the_day() -> None:
    assert shift_year(dt.date(2023, 4, 11)) == dt.date(2024, 4, 11)
    assert shift_year(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)


def test_roll_2565_to_2566_follows_topics_across_renumbering() -> None:
    old, new_fw = framework_for(2565), framework_for(2566)
    plan = roll_plan(sorted(i.code for i in old.items_of_tool("OIT")), old, board_template(new_fw), new_fw)
    assert plan.carried["O17"] == "O18"  # E-Service moved from O17 to O18
    assert all(new in {i.code for i in new_fw.items_of_tool("OIT")} for new in plan.carried.values())
    assert len(set(plan.carried.values())) == len(plan.carried)  # one old item per new item
    assert set(plan.carried) | set(plan.dropped) == {i.code for i in old.items_of_tool("OIT")}
    assert all(reason for reason in plan.dropped.values())
    assert set(plan.new_only) == {i.code for i in new_fw.items_of_tool("OIT")} - set(plan.carried.values())
