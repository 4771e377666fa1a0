"""A framework's groupings in scoring order, prepared once per framework so scoring an agency is tight loops.

The plan holds no formula: the engine (scoring.py) is the only place figures are computed.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import NamedTuple

from .grading import LevelDecision, decide_level
from .model import INFERRED, SCORING_PLAN_ATTRIBUTE, UNKNOWN, Framework
from .numbers import round2

_LEVEL_CACHE_SIZE = 100_000

Lookup = Callable[[dict[str, float]], tuple[float, ...]]
Picker = Callable[[list[float | None]], tuple[float | None, ...]]


class SubEntry(NamedTuple):
    """One OIT sub-indicator: its items, whether it can be computed, its label when the grouping is inferred, and
    where its items lie in the plan's `sub_items`."""

    code: str
    items: tuple[str, ...]
    computable: bool
    inferred_label: str | None
    part: slice


class IndicatorEntry(NamedTuple):
    """One indicator: its questions (survey) or sub-indicator codes (OIT), whether its grouping is unknown, its
    label when inferred, where its questions lie in the plan's `questions`, and (OIT) where its sub-indicators lie
    in the plan's `sub_codes`."""

    number: int
    code: str
    oit: bool
    parts: tuple[str, ...]
    unknown: bool
    inferred_label: str | None
    part: slice
    sub_positions: tuple[int, ...]


class ToolEntry(NamedTuple):
    """One tool: its weight in the total, its indicators, and what picks their values from the indicators' values."""

    code: str
    weight: float
    numbers: tuple[int, ...]
    pick: Picker


class ChannelEntry(NamedTuple):
    """One EIT channel (2566 on) and the code of its figure (EIT_PUBLIC, EIT_SURVEY)."""

    channel: str
    code: str


class OitGroup(NamedTuple):
    """An OIT indicator when every grouping is known: what picks its sub-indicators' values, and how many."""

    pick: Picker
    size: int


def lookup(codes: tuple[str, ...]) -> Lookup:
    """The scores of `codes` from a dict in one C-level call (KeyError when one is missing)."""
    if len(codes) >= 2:
        return itemgetter(*codes)
    return lambda scores: tuple(scores[c] for c in codes)


def picker(positions: list[int]) -> Picker:
    """The values at `positions` of a list, as a tuple, in one C-level call."""
    if len(positions) >= 2:
        return itemgetter(*positions)
    return lambda values: tuple(values[i] for i in positions)


class ScoringPlan:
    """A framework's sub-indicators, indicators and tools laid out for the engine."""

    def __init__(self, framework: Framework):
        fw = framework
        self.fw = fw
        self.item_codes = tuple(fw.items)
        self.channels = fw.eit_channels
        # Item codes of all sub-indicators laid end to end, so one lookup fetches an agency's scores and each
        # sub-indicator is a slice of them.
        self.subs: list[SubEntry] = []
        sub_items: list[str] = []
        for code, sub in fw.sub_indicators.items():
            label = f"ตัวชี้วัดย่อย {code}" if sub.mapping_status == INFERRED else None
            start = len(sub_items)
            sub_items.extend(sub.items)
            self.subs.append(
                SubEntry(code, sub.items, sub.mapping_status != UNKNOWN, label, slice(start, len(sub_items)))
            )
        self.sub_items = tuple(sub_items)
        self.sub_lookup = lookup(self.sub_items)
        self.sub_codes = tuple(fw.sub_indicators)
        self.sub_slices = [entry.part for entry in self.subs]
        self.sub_sizes = [len(entry.items) for entry in self.subs]
        self.subs_computable = all(entry.computable for entry in self.subs)
        self.sub_labels = [entry.inferred_label for entry in self.subs if entry.inferred_label is not None]
        self.sub_bases = ("items",) * len(self.subs)
        # Questions of all survey indicators laid end to end in the same way.
        self.indicators: list[IndicatorEntry] = []
        questions: list[str] = []
        self.question_slices: list[slice] = []
        for number, indicator in sorted(fw.indicators.items()):
            oit = indicator.tool == "OIT"
            unknown = indicator.mapping_status == UNKNOWN or (oit and not indicator.sub_indicators)
            label = f"ตัวชี้วัดที่ {number} ({'OIT' if oit else indicator.tool})"
            start = len(questions)
            if not oit and not unknown:
                questions.extend(indicator.questions)
                self.question_slices.append(slice(start, len(questions)))
            self.indicators.append(
                IndicatorEntry(
                    number=number,
                    code=indicator.code,
                    oit=oit,
                    parts=indicator.sub_indicators if oit else indicator.questions,
                    unknown=unknown,
                    inferred_label=label if indicator.mapping_status == INFERRED else None,
                    part=slice(start, len(questions)),
                    sub_positions=tuple(self.sub_codes.index(c) for c in indicator.sub_indicators) if oit else (),
                )
            )
        self.questions = tuple(questions)
        self.question_lookup = lookup(self.questions)
        self.question_sizes = [s.stop - s.start for s in self.question_slices]
        self.indicator_numbers = tuple(entry.number for entry in self.indicators)
        self.indicator_codes = tuple(entry.code for entry in self.indicators)
        self.indicator_bases = tuple("sub_indicators" if entry.oit else "questions" for entry in self.indicators)
        self.indicator_labels = [e.inferred_label for e in self.indicators if e.inferred_label is not None]
        # When every grouping is known: the OIT indicators' groups, and the pick that puts survey means then OIT
        # means back in number order.
        self.groupings_known = not any(entry.unknown for entry in self.indicators)
        self.oit_groups = [
            OitGroup(picker(list(entry.sub_positions)), len(entry.sub_positions))
            for entry in self.indicators
            if entry.oit
        ]
        laid_out = [i for i, entry in enumerate(self.indicators) if not entry.oit]
        laid_out += [i for i, entry in enumerate(self.indicators) if entry.oit]
        self.in_number_order = picker([laid_out.index(i) for i in range(len(self.indicators))])
        # Survey questions are never OIT codes in a valid framework; if one were, look them up without OIT items.
        self.filter_oit = bool(set(self.questions) & fw.oit_codes)
        eit = fw.tools["EIT"]
        self.eit_questions = [fw.indicators[n].questions for n in eit.indicators]
        self.channel_codes = [ChannelEntry(channel, f"EIT_{channel.upper()}") for channel in eit.channels]
        self.tools = [
            ToolEntry(
                code, tool.weight, tool.indicators, picker([self.indicator_numbers.index(n) for n in tool.indicators])
            )
            for code, tool in fw.tools.items()
        ]
        self.eit_channel_warning = None
        if eit.channels_status == INFERRED:
            self.eit_channel_warning = (
                "คำนวณ EIT จากค่าเฉลี่ยของช่องทางผู้รับบริการตอบเองและช่องทางผู้ประเมินจัดเก็บ ซึ่งเป็นวิธีที่อนุมานจากผลที่ประกาศ"
                + (f" ({eit.channels_source})" if eit.channels_source else "")
            )
        # Without an every-indicator condition, the level depends on the shown total alone: decide each once.
        self.level_by_total = all(rule.min_every_indicator is None for rule in fw.grading.levels)
        self.levels: dict[float, LevelDecision] = {}

    def decide_level(self, total: float, indicators: list[float | None]) -> LevelDecision:
        """decide_level() of the grading, remembered by shown total when nothing else can change the level."""
        if not self.level_by_total:
            return decide_level(self.fw.grading, total, dict(zip(self.indicator_numbers, indicators, strict=True)))
        shown = round2(total)
        decision = self.levels.get(shown)
        if decision is None:
            decision = decide_level(self.fw.grading, total, dict(zip(self.indicator_numbers, indicators, strict=True)))
            if len(self.levels) < _LEVEL_CACHE_SIZE:
                self.levels[shown] = decision
        return decision


def plan_of(framework: Framework) -> ScoringPlan:
    """The plan of a framework, made on first use and kept on the framework object (frameworks are immutable, so
    it never goes stale; a changed framework is a new object with no plan yet)."""
    kept = framework.__dict__.get(SCORING_PLAN_ATTRIBUTE)
    if isinstance(kept, ScoringPlan):
        return kept
    plan = ScoringPlan(framework)
    framework.__dict__[SCORING_PLAN_ATTRIBUTE] = plan
    return plan
