"""The framework of one fiscal year as immutable data: tools, indicators, sub-indicators, items, grading."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

CONFIRMED = "confirmed"
INFERRED = "inferred"
PARTIAL = "partial"
UNKNOWN = "unknown"
PROVISIONAL = "provisional"
STATUSES = (CONFIRMED, INFERRED, PARTIAL)
FRAMEWORK_STATUSES = (CONFIRMED, INFERRED, PARTIAL, PROVISIONAL)
MAPPING_STATUSES = (CONFIRMED, INFERRED, PARTIAL, UNKNOWN)
TOOLS = ("IIT", "EIT", "OIT")
CHANNELS = ("public", "survey")
# The attribute under which scoring_plan.plan_of() keeps a framework's plan on the framework object.
SCORING_PLAN_ATTRIBUTE = "_scoring_plan"


@dataclass(frozen=True)
class Part:
    """One sub-item of a multi-part survey question, with its answer scale."""

    text: str
    scale: str | None = None


@dataclass(frozen=True)
class Item:
    """A survey question (I/E codes) or an OIT checklist item (O codes)."""

    code: str
    tool: str
    topic: str
    title: str | None
    indicator: int | None
    sub_indicator: str | None = None
    scale: str | None = None
    parts: tuple[Part, ...] = ()
    status: str = CONFIRMED
    source: str | None = None

    @property
    def is_oit(self) -> bool:
        return self.tool == "OIT"


@dataclass(frozen=True)
class SubIndicator:
    code: str
    indicator: int
    name: str
    items: tuple[str, ...]
    status: str = CONFIRMED
    mapping_status: str = CONFIRMED
    mapping_source: str | None = None


@dataclass(frozen=True)
class Indicator:
    number: int
    tool: str
    name: str
    questions: tuple[str, ...] = ()
    sub_indicators: tuple[str, ...] = ()
    status: str = CONFIRMED
    mapping_status: str = CONFIRMED
    mapping_source: str | None = None
    source: str | None = None

    @property
    def code(self) -> str:
        return f"IND{self.number}"


@dataclass(frozen=True)
class Tool:
    code: str
    name: str
    weight: float
    indicators: tuple[int, ...]
    channels: tuple[str, ...] = ()
    channels_status: str = CONFIRMED
    channels_source: str | None = None
    status: str = CONFIRMED
    source: str | None = None


@dataclass(frozen=True)
class Scale:
    answers: dict[str, float]
    status: str = CONFIRMED
    source: str | None = None


@dataclass(frozen=True)
class LevelRule:
    """A level and the conditions for it; the first rule (from the top) whose conditions hold decides."""

    level: str
    min_total: float
    min_every_indicator: float | None = None
    status: str = CONFIRMED
    source: str | None = None


@dataclass(frozen=True)
class Grading:
    kind: str
    levels: tuple[LevelRule, ...]
    pass_mark: float | None = None
    status: str = CONFIRMED
    source: str | None = None


@dataclass(frozen=True)
class CandidateSub:
    """One sub-indicator of a candidate grouping: its code, name and the OIT items it would hold."""

    code: str
    name: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class CandidateGrouping:
    """A possible assignment of a year's OIT items to sub-indicators, kept as evidence, never used to score.

    Years whose grouping is unknown (2568, 2569) record the groupings the sources suggest; `framework fit`
    tests them against published results.
    """

    name: str
    sub_indicators: tuple[CandidateSub, ...]
    title: str | None = None
    status: str = INFERRED
    source: str | None = None


@dataclass(frozen=True)
class Framework:
    year: int
    title: str
    status: str
    tools: dict[str, Tool]
    indicators: dict[int, Indicator]
    sub_indicators: dict[str, SubIndicator]
    items: dict[str, Item]
    grading: Grading
    scales: dict[str, Scale] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    notes: str | None = None
    origin: str = "shipped"
    provisional_reason: str | None = None
    derived_from: int | None = None
    candidate_groupings: tuple[CandidateGrouping, ...] = ()

    def __getstate__(self) -> dict[str, object]:
        """The fields and cached values, without the engine's scoring plan (rebuilt on first use after a copy)."""
        state = dict(self.__dict__)
        state.pop(SCORING_PLAN_ATTRIBUTE, None)
        return state

    @property
    def is_provisional(self) -> bool:
        """A year prepared before its official manual: carried from an earlier year, to be replaced."""
        return self.status == PROVISIONAL

    @property
    def provisional_notice(self) -> str | None:
        """The Thai sentence every view of a provisional year shows, or None for other years."""
        if not self.is_provisional:
            return None
        base = f"กรอบการประเมินปี {self.year} เป็นกรอบชั่วคราว"
        if self.derived_from:
            base += f" ยกมาจากปี {self.derived_from}"
        base += " ยังไม่ใช่คู่มือทางการของสำนักงาน ป.ป.ช. คะแนนและรายการข้ออาจเปลี่ยนเมื่อประกาศคู่มือ"
        if self.provisional_reason:
            base += f" (เหตุผล: {self.provisional_reason})"
        return base

    @cached_property
    def oit_codes(self) -> frozenset[str]:
        """Codes of OIT items, computed once: the engine splits every result set by it."""
        return frozenset(code for code, item in self.items.items() if item.is_oit)

    def items_of_tool(self, tool: str) -> list[Item]:
        return [item for item in self.items.values() if item.tool == tool]

    @property
    def eit_channels(self) -> tuple[str, ...]:
        return self.tools["EIT"].channels

    def indicator_weight(self, number: int) -> float:
        """Weight of one indicator in the total: its tool's weight shared equally by the tool's indicators."""
        tool = self.tools[self.indicators[number].tool]
        return tool.weight / len(tool.indicators)
