"""A provisional year (2570, and any year made with `framework derive`) works for preparation and says so in Thai."""

from __future__ import annotations

from prongsai.ita.library import shipped_framework


def test_2570_is_shipped_as_provisional_from_2569() -> None:
    framework = shipped_framework(2570)
    assert framework.is_provisional and framework.derived_from == 2569
    assert "ยังไม่ประกาศคู่มือ" in (framework.provisional_reason or "")
    before = shipped_framework(2569)
    assert [i.title for i in framework.items_of_tool("OIT")] == [i.title for i in before.items_of_tool("OIT")]
    assert all(i.status != "confirmed" for i in framework.items.values())
