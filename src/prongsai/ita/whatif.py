"""What each fix is worth, and the smallest set of fixes that reaches the next level.

Every aggregation in ITA is a mean, so one item's effect on its indicator and on the total is linear: its
weight is the tool's weight shared down the tree (tool -> indicators -> sub-indicators -> items). That makes
gains exact even when the indicators themselves were reported and only some items are known.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .grading import decide_level, pass_mark_of
from .model import Framework, Item
from .numbers import round2
from .scoring import Assessment


@dataclass(frozen=True)
class Fix:
    """Raise one question or pass one OIT item: how much the total and its indicator would gain."""

    code: str
    before: float
    after: float
    gain: float
    indicator: int
    indicator_gain: float

    @property
    def label(self) -> str:
        return f"{self.code} {self.before:.2f}→{self.after:g}"


@dataclass(frozen=True)
class Scenario:
    fixes: tuple[Fix, ...]
    gain: float
    total: float
    level: str | None


@dataclass(frozen=True)
class NextLevel:
    current: str | None
    target: str | None
    reachable: bool
    scenario: Scenario | None
    reason: str


def item_weights(framework: Framework, item: Item) -> tuple[float, float] | None:
    """(weight in the total, weight in its indicator) of one item, or None when its grouping is unknown."""
    number = item.indicator
    if number is None:
        return None
    indicator = framework.indicators[number]
    tool = framework.tools[indicator.tool]
    if item.is_oit:
        sub = framework.sub_indicators.get(item.sub_indicator or "")
        if sub is None:
            return None
        in_indicator = 1 / len(indicator.sub_indicators) / len(sub.items)
    else:
        in_indicator = 1 / len(indicator.questions)
    return tool.weight / len(tool.indicators) * in_indicator, in_indicator


def _fix(framework: Framework, code: str, before: float, after: float) -> Fix | None:
    item = framework.items[code]
    weights = item_weights(framework, item)
    if weights is None or after <= before:
        return None
    total_w, indicator_w = weights
    return Fix(code, before, after, (after - before) * total_w, item.indicator or 0, (after - before) * indicator_w)


def single_fixes(assessment: Assessment, pass_mark: float | None = None) -> list[Fix]:
    """Every failed OIT item passed, every question below the pass mark raised to it and to 100; by gain.

    `pass_mark` None is the pass mark of the assessment's framework."""
    fw = assessment.framework
    pass_mark = pass_mark_of(fw, pass_mark)
    fixes = []
    for code, value in assessment.oit_items.items():
        if value == 0:
            fixes.append(_fix(fw, code, 0.0, 100.0))
    for code, value in assessment.questions.items():
        if round2(value) < pass_mark:
            fixes.append(_fix(fw, code, value, pass_mark))
            fixes.append(_fix(fw, code, value, 100.0))
    order = {code: i for i, code in enumerate(fw.items)}
    return sorted((f for f in fixes if f is not None), key=lambda f: (-f.gain, order[f.code], f.after))


def apply(assessment: Assessment, fixes: tuple[Fix, ...]) -> Scenario:
    """The total and level after a set of fixes (at most one per code), from the linear weights."""
    gain = sum(f.gain for f in fixes)
    total = (assessment.total.value or 0.0) + gain
    indicators = {n: f.value for n, f in assessment.indicators.items()}
    for fix in fixes:
        if indicators.get(fix.indicator) is not None:
            indicators[fix.indicator] = (indicators[fix.indicator] or 0.0) + fix.indicator_gain
    level = decide_level(assessment.framework.grading, total, indicators).level
    return Scenario(fixes, gain, total, level)


def next_level(assessment: Assessment, pass_mark: float | None = None) -> NextLevel:
    """The fewest fixes that lift the level one step: first every indicator the next level needs, then the total.

    `pass_mark` None is the pass mark of the assessment's framework."""
    fw = assessment.framework
    pass_mark = pass_mark_of(fw, pass_mark)
    current = assessment.level
    names = [rule.level for rule in fw.grading.levels]
    if assessment.total.value is None or current is None:
        return NextLevel(current, None, False, None, "ยังไม่มีคะแนนรวมหรือระดับ จึงหาทางไปสู่ระดับถัดไปไม่ได้")
    position = names.index(current)
    if position == 0:
        return NextLevel(current, None, False, None, f"อยู่ในระดับสูงสุดแล้ว ({current})")
    target = fw.grading.levels[position - 1]
    candidates = _candidates(assessment, pass_mark)
    chosen: dict[str, Fix] = {}
    indicators = {n: f.value for n, f in assessment.indicators.items()}
    if target.min_every_indicator is not None:
        for number, value in sorted(indicators.items()):
            if value is None:
                return NextLevel(current, target.level, False, None, f"ไม่มีคะแนนตัวชี้วัดที่ {number}")
            need = target.min_every_indicator - round2(value)
            if need <= 0:
                continue
            options = sorted((f for f in candidates if f.indicator == number), key=lambda f: -f.indicator_gain)
            got = 0.0
            for fix in options:
                if got >= need - 1e-9:
                    break
                if fix.code in chosen:
                    continue
                if got + fix.indicator_gain > need and not fw.items[fix.code].is_oit:
                    per_point = fix.indicator_gain / (fix.after - fix.before)
                    enough = math.ceil((fix.before + (need - got) / per_point) * 100) / 100
                    fix = _fix(fw, fix.code, fix.before, min(100.0, max(pass_mark, enough))) or fix
                chosen[fix.code] = fix
                got += fix.indicator_gain
            if got < need - 1e-9:
                return NextLevel(
                    current,
                    target.level,
                    False,
                    None,
                    f"ตัวชี้วัดที่ {number} ต้องเพิ่มอีก {need:.2f} คะแนน แต่ข้อที่ทราบคะแนนยกขึ้นได้ไม่พอ",
                )
    remaining = sorted((f for f in candidates if f.code not in chosen), key=lambda f: -f.gain)
    scenario = apply(assessment, tuple(chosen.values()))
    for fix in remaining:
        if round2(scenario.total) >= target.min_total:
            break
        chosen[fix.code] = fix
        scenario = apply(assessment, tuple(chosen.values()))
    if scenario.level is None or names.index(scenario.level) > position - 1:
        return NextLevel(
            current, target.level, False, scenario, f"แม้แก้ทุกข้อที่ทราบคะแนนแล้ว คะแนนรวมยังไม่ถึง {target.min_total:g}"
        )
    return NextLevel(
        current,
        target.level,
        True,
        scenario,
        f"แก้ {len(chosen)} ข้อ คะแนนรวมเป็น {round2(scenario.total):.2f} ระดับ {scenario.level}",
    )


def _candidates(assessment: Assessment, pass_mark: float) -> list[Fix]:
    """One fix per code, the largest useful: failed OIT items to pass, questions below 100 to 100."""
    fw = assessment.framework
    fixes = [_fix(fw, code, 0.0, 100.0) for code, value in assessment.oit_items.items() if value == 0]
    fixes += [_fix(fw, code, value, 100.0) for code, value in assessment.questions.items() if round2(value) < 100]
    return [f for f in fixes if f is not None]
