"""Edits an administrator makes to a shipped framework file, as data or as their own file: shared by the diff,
loader, CLI and web tests."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

FRAMEWORKS = Path(__file__).resolve().parents[2] / "src" / "prongsai" / "frameworks"
O1_TITLE = "โครงสร้างและอำนาจหน้าที่ของหน่วยงาน"


def shipped_data(year: int) -> dict[str, Any]:
    return yaml.safe_load((FRAMEWORKS / f"fy{year}.yaml").read_text(encoding="utf-8"))


def _sub(data: dict[str, Any], code: str) -> dict[str, Any]:
    for indicator in data["indicators"]:
        for sub in indicator.get("sub_indicators") or []:
            if str(sub["code"]) == code:
                return sub
    raise KeyError(code)


def move_item(data: dict[str, Any], code: str, to_sub: str) -> dict[str, Any]:
    """The item `code` taken out of its sub-indicator and put at the end of `to_sub`."""
    data = copy.deepcopy(data)
    for indicator in data["indicators"]:
        for sub in indicator.get("sub_indicators") or []:
            for item in list(sub["items"]):
                if item["code"] == code:
                    sub["items"].remove(item)
                    _sub(data, to_sub)["items"].append(item)
                    return data
    raise KeyError(code)


def set_item(data: dict[str, Any], item_code: str, **changes: Any) -> dict[str, Any]:
    """The item `item_code` with some of its fields changed (title, topic, code)."""
    data = copy.deepcopy(data)
    places = [data.get("unassigned_items") or []]
    for indicator in data["indicators"]:
        places += [indicator.get("questions") or []] + [s["items"] for s in indicator.get("sub_indicators") or []]
    for item in (item for items in places for item in items):
        if item["code"] == item_code:
            item.update(changes)
            return data
    raise KeyError(item_code)


def edited_2566() -> dict[str, Any]:
    """What the web test uploads: O1 retitled, O18 (failed at Ang Thong 2566) moved from 9.2 to 9.1."""
    return move_item(set_item(shipped_data(2566), "O1", title=O1_TITLE), "O18", "9.1")


def dump(data: dict[str, Any]) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def own_framework_file(tmp_path: Path, year: int, mutate: Callable[[dict[str, Any]], None] | None = None) -> Path:
    """An administrator's own framework file for `year`: the shipped 2566 file, edited by `mutate` if given."""
    data = yaml.safe_load((FRAMEWORKS / "fy2566.yaml").read_text(encoding="utf-8"))
    data["year"] = year
    if mutate:
        mutate(data)
    path = tmp_path / f"fy{year}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


NEW_2570_TITLE = "การเปิดเผยข้อมูลการใช้ปัญญาประดิษฐ์ในการให้บริการ"


def provisional_2570() -> dict[str, Any]:
    """The shipped provisional 2570 (the 2569 list carried over, with its reason)."""
    data = shipped_data(2570)
    assert data["status"] == "provisional"
    return data


def official_2570() -> dict[str, Any]:
    """The 2570 list as NACC might publish it: O3 and O4 swap numbers, O26's topic is gone and a new item
    takes its code."""
    data = provisional_2570()
    data["status"] = "partial"
    for key in ("provisional_reason", "derived_from"):
        data.pop(key, None)
    data["notes"] = "คู่มือการประเมินปี 2570 (ทดสอบ)"
    data = set_item(data, "O3", code="O99")
    data = set_item(data, "O4", code="O3")
    data = set_item(data, "O99", code="O4")
    return set_item(data, "O26", topic="oit.ai_disclosure", title=NEW_2570_TITLE)
