"""Carry work from one fiscal year to the next: codes follow their topic, because NACC renumbers items.

A measure that answered I7 in 2565 answers I17 in 2566 (same topic, new number). Codes whose topic is gone, or
unknown in the new year, are not guessed: they are listed so the officer decides.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .model import Framework
from .plan import Plan
from .thaidates import fiscal_year_bounds, format_date


@dataclass(frozen=True)
class CodeMap:
    """Where each old code goes in the new year, and which could not be carried, with the reason."""

    carried: dict[str, str]
    dropped: dict[str, str]


def map_codes(codes: list[str] | tuple[str, ...], old: Framework, new: Framework) -> CodeMap:
    """Items by topic; sub-indicators and indicators by code when the new year has the same one."""
    by_topic = {item.topic: item.code for item in new.items.values()}
    carried: dict[str, str] = {}
    dropped: dict[str, str] = {}
    for code in codes:
        if code in old.items:
            item = old.items[code]
            if item.topic in by_topic:
                carried[code] = by_topic[item.topic]
            elif not (same_tool := [i for i in new.items.values() if i.tool == item.tool]) or any(
                i.title is None for i in same_tool
            ):
                dropped[code] = f"ยังไม่ทราบว่าตรงกับข้อใดของ {item.tool} ปี {new.year} (กรอบปีนั้นยังไม่ครบ)"
            else:
                dropped[code] = f"ไม่มีประเด็นนี้ในกรอบการประเมินปี {new.year}"
        elif code in old.sub_indicators:
            same = code in new.sub_indicators and new.sub_indicators[code].name == old.sub_indicators[code].name
            if same:
                carried[code] = code
            else:
                dropped[code] = f"ตัวชี้วัดย่อย {code} ของปี {new.year} ไม่ใช่เรื่องเดียวกับปี {old.year}"
        elif code.startswith("IND") and code[3:].isdigit() and int(code[3:]) in old.indicators:
            number = int(code[3:])
            if number in new.indicators and new.indicators[number].name == old.indicators[number].name:
                carried[code] = code
            else:
                dropped[code] = f"ตัวชี้วัดที่ {number} ของปี {new.year} ไม่ใช่เรื่องเดียวกับปี {old.year}"
        else:
            dropped[code] = f"ไม่มีรหัสนี้ในกรอบการประเมินปี {old.year}"
    return CodeMap(carried, dropped)


def roll_plan(plan: Plan, old: Framework, new: Framework) -> tuple[Plan, dict[str, str]]:
    """Next year's plan from this one: codes carried by topic, progress cleared, period and deadline moved on.

    Returns the plan and the codes that could not be carried (code -> reason). A row left with no code keeps
    its measure, since the work may still be worth doing; the officer sees it in the dropped list.
    """
    year = new.year + 1
    start, end = fiscal_year_bounds(year)
    period = f"ปีงบประมาณ พ.ศ. {year} ({format_date(start, style='short')} – {format_date(end, style='short')})"
    dropped: dict[str, str] = {}
    rows = []
    for row in plan.rows:
        questions = map_codes(row.questions, old, new)
        evidence = map_codes(row.evidence, old, new)
        dropped |= questions.dropped
        codes = tuple(dict.fromkeys(questions.carried.values()))
        rows.append(
            replace(
                row,
                measure=_relabel(row.measure, row.questions, codes),
                questions=codes,
                evidence=tuple(dict.fromkeys(evidence.carried.values())),
                period=period,
                deadline=_next_year(row.deadline) if row.deadline else end,
                status="not_started",
                progress="",
            )
        )
    rolled = Plan(
        year=year,
        assessed_year=new.year,
        rows=tuple(rows),
        agency=plan.agency,
        source=f"ยกมาจากแผนปีงบประมาณ {plan.year}",
    )
    return rolled, dropped


def _relabel(measure: str, old: tuple[str, ...], new: tuple[str, ...]) -> str:
    """Rewrite the "(ข้อ …)" label a drafted measure ends with, so the text names the new year's codes."""
    label = f" (ข้อ {', '.join(old)})"
    if not old or not measure.endswith(label):
        return measure
    return measure[: -len(label)] + (f" (ข้อ {', '.join(new)})" if new else "")


def _next_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)
