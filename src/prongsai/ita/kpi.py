"""The five-level KPI on which a provincial office is graded for driving ITA (seed 001), as a checklist.

Each level is a set of criteria; the level reached is the highest level whose criteria, and those of every
level below it, are all met. The wording is ours; the structure follows the provincial KPI of seed 001.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Criterion:
    key: str
    level: int
    text: str


CRITERIA: tuple[Criterion, ...] = (
    Criterion("review", 1, "ทบทวนและวิเคราะห์ข้อเสนอแนะจากผลการประเมิน ITA ของปีก่อนผ่านคณะทำงานขับเคลื่อน ITA"),
    Criterion("plan", 2, "จัดทำแผนขับเคลื่อนการยกระดับผลการประเมิน ITA ของปีนี้ พร้อมแนวทางหรือมาตรการ"),
    Criterion("cascade", 3, "ถ่ายทอดและมอบหมายผู้รับผิดชอบตัวชี้วัดไปยังผู้อำนวยการกลุ่มงานทุกกลุ่มงานและผู้ปฏิบัติ"),
    Criterion("web_admin", 3, "มอบหมายผู้ดูแลเว็บไซต์สำหรับเปิดเผยข้อมูลตามแบบ OIT"),
    Criterion("publicise", 4, "ประชาสัมพันธ์แผนขับเคลื่อนให้ผู้เกี่ยวข้องทราบและดำเนินการตามแผน"),
    Criterion("monitor", 4, "กำกับติดตามการดำเนินการตามแผนผ่านคณะทำงานหรือคณะกรรมการที่รับผิดชอบ"),
    Criterion("itas_data", 4, "เตรียมข้อมูลผู้มีส่วนได้ส่วนเสียภายในและภายนอกสำหรับระบบ ITAS และประชาสัมพันธ์ให้ตอบแบบวัด"),
    Criterion("report", 5, "รายงานผลการดำเนินการตามแผนขับเคลื่อน (รอบ 6 เดือน)"),
)
LEVELS = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class KpiResult:
    level: int
    missing: tuple[Criterion, ...]  # the criteria that stand between this level and the next


def level_reached(met: Mapping[str, bool]) -> KpiResult:
    """The highest level with every criterion up to it met, and what is missing for the next level."""
    reached = 0
    for level in LEVELS:
        if all(met.get(c.key, False) for c in CRITERIA if c.level == level):
            reached = level
        else:
            break
    missing = tuple(c for c in CRITERIA if c.level == reached + 1 and not met.get(c.key, False))
    return KpiResult(reached, missing)


@dataclass(frozen=True)
class LevelState:
    level: int
    criteria: tuple[Criterion, ...]
    complete: bool  # every criterion of this level is met
    counts: bool  # complete, and so is every level below it (the level is reached)


def level_states(met: Mapping[str, bool]) -> tuple[LevelState, ...]:
    """Each level with whether its own criteria are met and whether it counts, so a page can say why a complete
    level is not reached yet (a lower level has a gap)."""
    reached = level_reached(met).level
    states = []
    for level in LEVELS:
        criteria = tuple(c for c in CRITERIA if c.level == level)
        complete = all(met.get(c.key, False) for c in criteria)
        states.append(LevelState(level, criteria, complete, level <= reached))
    return tuple(states)


def criterion(key: str) -> Criterion | None:
    """The criterion with this key, or None for a key the checklist does not have."""
    return next((c for c in CRITERIA if c.key == key), None)
