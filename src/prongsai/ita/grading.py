"""Levels from a year's grading rules, with the reason that decided them (e.g. "ตัวชี้วัดที่ 7 = 83.96 < 85")."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Framework, Grading, LevelRule
from .numbers import round2

# The pass mark of a year whose grading states none (2562-2565, graded in bands A-F): the ITA target of 85 points,
# the lowest total of level A in those bands. A framework's own `grading.pass_mark` always comes first.
FALLBACK_PASS_MARK = 85.0


def pass_mark_of(framework: Framework, given: float | None = None) -> float:
    """The pass mark to use: `given` when a user chose one, else the year's framework's (grading.pass_mark)."""
    if given is not None:
        return given
    stated = framework.grading.pass_mark
    return FALLBACK_PASS_MARK if stated is None else stated


@dataclass(frozen=True)
class LevelDecision:
    level: str | None
    reason: str
    inferred_rules: tuple[str, ...] = ()


def _limit(value: float) -> str:
    return f"{value:g}"


def _failures(rule: LevelRule, total: float, indicators: dict[int, float | None]) -> tuple[list[str], list[int]]:
    """What keeps `rule` from holding: failed conditions, and indicators needed but not known."""
    failed: list[str] = []
    if total < rule.min_total:
        failed.append(f"คะแนนรวม {total:.2f} < {_limit(rule.min_total)}")
    missing: list[int] = []
    if rule.min_every_indicator is not None:
        for number, value in sorted(indicators.items()):
            if value is None:
                missing.append(number)
            elif round2(value) < rule.min_every_indicator:
                failed.append(f"ตัวชี้วัดที่ {number} = {round2(value):.2f} < {_limit(rule.min_every_indicator)}")
    return failed, missing


def _met(rule: LevelRule, total: float) -> str:
    text = f"คะแนนรวม {total:.2f} ≥ {_limit(rule.min_total)}" if rule.min_total > 0 else f"คะแนนรวม {total:.2f}"
    if rule.min_every_indicator is not None:
        text += f" และทุกตัวชี้วัด ≥ {_limit(rule.min_every_indicator)}"
    return text


def decide_level(grading: Grading, total: float, indicators: dict[int, float | None]) -> LevelDecision:
    """Walk the levels from the top; the first whose conditions all hold is the level.

    The total and each indicator are compared as shown (2 decimals), as the published levels are.
    """
    shown = round2(total)
    above: tuple[LevelRule, list[str]] | None = None
    considered: list[LevelRule] = []
    for rule in grading.levels:
        considered.append(rule)
        failed, missing = _failures(rule, shown, indicators)
        if failed:
            above = (rule, failed)
            continue
        if missing:
            numbers = ", ".join(str(n) for n in missing)
            return LevelDecision(
                None,
                f"ยังตัดสินระดับไม่ได้: ระดับ {rule.level} ต้องดูคะแนนทุกตัวชี้วัด แต่ไม่มีคะแนนตัวชี้วัดที่ {numbers}",
            )
        reason = f"{rule.level}: {_met(rule, shown)}"
        if above is not None:
            reason += f"; ไม่ถึงระดับ {above[0].level} เพราะ " + ", ".join(above[1])
        inferred = tuple(r.level for r in considered if r.status == "inferred")
        return LevelDecision(rule.level, reason, inferred)
    return LevelDecision(None, "ไม่มีระดับใดรับคะแนนนี้ได้")
