"""What changes between two versions of a year's framework, item by topic (NACC renumbers items, so a code alone
says little): items added, removed, retitled, moved to another sub-indicator, and codes changed; and the other
changes that move figures (tool weights, grading, indicator and sub-indicator names, the framework's status).

Shown to a system administrator before a new version is published, so the change is read before it applies.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Framework, Item

ADDED = "added"
REMOVED = "removed"
RETITLED = "retitled"
MOVED = "moved"
RECODED = "recoded"
KIND_NAMES = {
    ADDED: "ข้อที่เพิ่ม",
    REMOVED: "ข้อที่ตัดออก",
    RETITLED: "ข้อที่เปลี่ยนชื่อ",
    MOVED: "ข้อที่ย้ายตัวชี้วัดย่อย",
    RECODED: "ข้อที่เปลี่ยนรหัส",
}
UNGROUPED = "ยังไม่ทราบตัวชี้วัดย่อย"


@dataclass(frozen=True)
class ItemChange:
    """One topic's change of one kind; `old_*` are empty for an added item, `new_*` for a removed one."""

    kind: str
    topic: str
    tool: str
    old_code: str = ""
    new_code: str = ""
    old_title: str = ""
    new_title: str = ""
    old_place: str = ""
    new_place: str = ""


@dataclass(frozen=True)
class FrameworkDiff:
    """Every change from `old` to `new`; one topic may be in several kinds (renumbered and retitled, say)."""

    year: int
    items: tuple[ItemChange, ...]
    other: tuple[str, ...]

    def of_kind(self, kind: str) -> list[ItemChange]:
        return [change for change in self.items if change.kind == kind]

    @property
    def sections(self) -> list[tuple[str, str, list[ItemChange]]]:
        """(kind, Thai heading, changes) for every kind, in the order a reader checks them."""
        return [(kind, name, self.of_kind(kind)) for kind, name in KIND_NAMES.items()]

    @property
    def is_empty(self) -> bool:
        return not self.items and not self.other

    @property
    def counts(self) -> dict[str, int]:
        return {kind: len(self.of_kind(kind)) for kind in KIND_NAMES}


def _place(fw: Framework, item: Item) -> str:
    """Where an item sits: its sub-indicator (code and name), else its indicator, else unknown."""
    if item.sub_indicator and item.sub_indicator in fw.sub_indicators:
        return f"{item.sub_indicator} {fw.sub_indicators[item.sub_indicator].name}"
    if item.tool == "OIT" or item.indicator is None:
        return UNGROUPED
    indicator = fw.indicators.get(item.indicator)
    return f"ตัวชี้วัดที่ {item.indicator} {indicator.name}" if indicator else UNGROUPED


def _place_key(item: Item) -> tuple[str | None, int | None]:
    return (item.sub_indicator, None if item.sub_indicator else item.indicator)


def _code_order(code: str) -> tuple[str, int]:
    digits = "".join(ch for ch in code if ch.isdigit())
    return (code[:1], int(digits) if digits else 0)


def diff_frameworks(old: Framework, new: Framework) -> FrameworkDiff:
    """The changes from `old` (the version in use) to `new` (the version about to be published)."""
    old_by_topic = {item.topic: item for item in old.items.values()}
    new_by_topic = {item.topic: item for item in new.items.values()}
    changes: list[ItemChange] = []
    for topic, item in new_by_topic.items():
        if topic not in old_by_topic:
            changes.append(
                ItemChange(
                    ADDED, topic, item.tool, new_code=item.code, new_title=item.title or "", new_place=_place(new, item)
                )
            )
    for topic, item in old_by_topic.items():
        if topic not in new_by_topic:
            changes.append(
                ItemChange(
                    REMOVED,
                    topic,
                    item.tool,
                    old_code=item.code,
                    old_title=item.title or "",
                    old_place=_place(old, item),
                )
            )
            continue
        after = new_by_topic[topic]
        both = dict(
            topic=topic,
            tool=after.tool,
            old_code=item.code,
            new_code=after.code,
            old_title=item.title or "",
            new_title=after.title or "",
            old_place=_place(old, item),
            new_place=_place(new, after),
        )
        if (item.title or "") != (after.title or ""):
            changes.append(ItemChange(RETITLED, **both))
        if _place_key(item) != _place_key(after):  # a renamed sub-indicator is listed apart, not as a move
            changes.append(ItemChange(MOVED, **both))
        if item.code != after.code:
            changes.append(ItemChange(RECODED, **both))
    changes.sort(key=lambda c: (list(KIND_NAMES).index(c.kind), _code_order(c.new_code or c.old_code)))
    return FrameworkDiff(new.year, tuple(changes), tuple(_other_changes(old, new)))


def _other_changes(old: Framework, new: Framework) -> list[str]:
    lines: list[str] = []
    if old.status != new.status:
        lines.append(f"สถานะของกรอบเปลี่ยนจาก {old.status} เป็น {new.status}")
    if old.title != new.title:
        lines.append(f'ชื่อกรอบเปลี่ยนจาก "{old.title}" เป็น "{new.title}"')
    for code in sorted(set(old.tools) | set(new.tools)):
        before, after = old.tools.get(code), new.tools.get(code)
        if before is None or after is None:
            lines.append(f"เครื่องมือ {code} {'ถูกเพิ่ม' if before is None else 'ถูกตัดออก'}")
        elif abs(before.weight - after.weight) > 1e-9:
            lines.append(f"น้ำหนักของ {code} เปลี่ยนจาก {before.weight:g} เป็น {after.weight:g}")
    for number in sorted(set(old.indicators) | set(new.indicators)):
        before_ind, after_ind = old.indicators.get(number), new.indicators.get(number)
        if before_ind is None or after_ind is None:
            lines.append(f"ตัวชี้วัดที่ {number} {'ถูกเพิ่ม' if before_ind is None else 'ถูกตัดออก'}")
        elif before_ind.name != after_ind.name:
            lines.append(f'ตัวชี้วัดที่ {number} เปลี่ยนชื่อจาก "{before_ind.name}" เป็น "{after_ind.name}"')
    for code in sorted(set(old.sub_indicators) | set(new.sub_indicators), key=_sub_order):
        before_sub, after_sub = old.sub_indicators.get(code), new.sub_indicators.get(code)
        if before_sub is None or after_sub is None:
            lines.append(f"ตัวชี้วัดย่อย {code} {'ถูกเพิ่ม' if before_sub is None else 'ถูกตัดออก'}")
        elif before_sub.name != after_sub.name:
            lines.append(f'ตัวชี้วัดย่อย {code} เปลี่ยนชื่อจาก "{before_sub.name}" เป็น "{after_sub.name}"')
    if _grading(old) != _grading(new):
        lines.append(f"เกณฑ์ระดับผลเปลี่ยนจาก {_grading(old)} เป็น {_grading(new)}")
    return lines


def _sub_order(code: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in code.split("."))


def _grading(fw: Framework) -> str:
    rules = ", ".join(f"{rule.level} ≥ {rule.min_total:g}" for rule in fw.grading.levels)
    mark = f" (ผ่านที่ {fw.grading.pass_mark:g})" if fw.grading.pass_mark is not None else ""
    return rules + mark
