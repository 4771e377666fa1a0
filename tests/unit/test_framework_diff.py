"""The diff shown before a framework version is published: item changes by topic, and the changes that move
figures."""

from __future__ import annotations

import copy

from prongsai.frameworkfile import read_framework_bytes
from prongsai.ita.framework_diff import ADDED, MOVED, RECODED, REMOVED, RETITLED, diff_frameworks
from prongsai.ita.library import shipped_framework
from tests.support.framework_edits import O1_TITLE, dump, edited_2566, move_item, set_item, shipped_data


def _fw(data):
    return read_framework_bytes(dump(data), filename="fy2566.yaml")


def test_the_same_framework_has_no_changes():
    diff = diff_frameworks(shipped_framework(2566), _fw(shipped_data(2566)))
    assert diff.is_empty and diff.counts == {ADDED: 0, REMOVED: 0, RETITLED: 0, MOVED: 0, RECODED: 0}


def test_retitled_and_moved_items_are_found_by_topic():
    diff = diff_frameworks(shipped_framework(2566), _fw(edited_2566()))
    (retitled,) = diff.of_kind(RETITLED)
    assert (retitled.topic, retitled.old_code, retitled.new_title) == ("oit.structure", "O1", O1_TITLE)
    assert retitled.old_title == "โครงสร้าง"
    (moved,) = diff.of_kind(MOVED)
    assert (moved.new_code, moved.topic) == ("O18", "oit.e_service")
    assert moved.old_place.startswith("9.2 ") and moved.new_place == "9.1 ข้อมูลพื้นฐาน"
    assert not diff.of_kind(ADDED) and not diff.of_kind(REMOVED) and not diff.of_kind(RECODED)
    assert diff.other == ()


def test_a_renumbered_item_is_one_topic_with_a_new_code_not_an_addition_and_a_removal():
    data = shipped_data(2566)
    # NACC swaps two items' numbers: O31 and O32 keep their topics but change codes.
    data = set_item(data, "O31", code="O99")
    data = set_item(data, "O32", code="O31")
    data = set_item(data, "O99", code="O32")
    diff = diff_frameworks(shipped_framework(2566), _fw(data))
    recoded = {(c.old_code, c.new_code) for c in diff.of_kind(RECODED)}
    assert recoded == {("O31", "O32"), ("O32", "O31")}
    assert not diff.of_kind(ADDED) and not diff.of_kind(REMOVED) and not diff.of_kind(RETITLED)


def test_added_and_removed_items_and_changed_weights():
    data = copy.deepcopy(shipped_data(2566))
    data = set_item(data, "O40", topic="oit.new_topic_2566", title="หัวข้อใหม่ทดสอบ")
    data["tools"]["IIT"]["weight"] = 0.2
    data["tools"]["OIT"]["weight"] = 0.5
    diff = diff_frameworks(shipped_framework(2566), _fw(data))
    (added,) = diff.of_kind(ADDED)
    (removed,) = diff.of_kind(REMOVED)
    assert (added.new_code, added.new_title, added.old_code) == ("O40", "หัวข้อใหม่ทดสอบ", "")
    assert (removed.old_code, removed.new_code) == ("O40", "")
    assert removed.topic == shipped_framework(2566).items["O40"].topic
    assert "น้ำหนักของ IIT เปลี่ยนจาก 0.3 เป็น 0.2" in diff.other
    assert "น้ำหนักของ OIT เปลี่ยนจาก 0.4 เป็น 0.5" in diff.other


def test_an_item_moved_into_another_indicator_is_listed_once_as_moved():
    diff = diff_frameworks(shipped_framework(2566), _fw(move_item(shipped_data(2566), "O31", "9.5")))
    assert [(c.kind, c.new_code) for c in diff.items] == [(MOVED, "O31")]
    assert diff.of_kind(MOVED)[0].old_place.startswith("10.1 ")
