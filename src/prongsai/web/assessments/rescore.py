"""Old and new figures of a result scored again with a newer framework version: per indicator, tool, total and
level, so an officer sees what would change before anything is saved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Change:
    label: str
    old: Any
    new: Any

    @property
    def changed(self) -> bool:
        if isinstance(self.old, (int, float)) and isinstance(self.new, (int, float)):
            return round(float(self.old), 2) != round(float(self.new), 2)
        return self.old != self.new

    @property
    def old_text(self) -> str:
        return _text(self.old)

    @property
    def new_text(self) -> str:
        return _text(self.new)


def _text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{float(value):.2f}"
    return str(value)


@dataclass(frozen=True)
class Comparison:
    lines: tuple[Change, ...]
    new_result: dict[str, Any]

    @property
    def changed(self) -> list[Change]:
        return [line for line in self.lines if line.changed]


@dataclass(frozen=True)
class Rescore:
    record: Any
    version: Any  # FrameworkVersion or None (shipped)
    sha256: str
    comparison: Comparison

    @property
    def same_version(self) -> bool:
        return self.sha256 == self.record.framework_sha256 and (
            getattr(self.version, "pk", None) == self.record.framework_version_id
        )


def _number_order(key: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in key.split("."))


def compare_results(old: dict[str, Any], new: dict[str, Any], names: dict[str, str] | None = None) -> Comparison:
    """Every figure of the two results (prongsai-assessment/1 dicts) in the order of the result page:
    indicators, sub-indicators, tools, total, level. `names` are the indicators' names by number."""
    names = names or {}
    lines: list[Change] = []
    for block, label in (("indicators", "ตัวชี้วัดที่ {}"), ("sub_indicators", "ตัวชี้วัดย่อย {}")):
        before, after = old.get(block) or {}, new.get(block) or {}
        for key in sorted(set(before) | set(after), key=_number_order):
            text = label.format(key) + (f" {names[key]}" if block == "indicators" and names.get(key) else "")
            lines.append(Change(text, before.get(key), after.get(key)))
    for tool in ("IIT", "EIT", "OIT"):
        lines.append(Change(f"เครื่องมือ {tool}", (old.get("tools") or {}).get(tool), (new.get("tools") or {}).get(tool)))
    lines.append(Change("คะแนนรวม", old.get("total"), new.get("total")))
    lines.append(Change("ระดับผลการประเมิน", old.get("level"), new.get("level")))
    return Comparison(tuple(lines), new)
