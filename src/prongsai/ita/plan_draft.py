"""Draft a measures plan from an analysis: one row per recommendation, answering the weak items it covers.

Weak items are the questions below the question threshold (any channel counts), the failed OIT items, and the
indicators below the pass mark for which no question scores were given. Items that share one entry of the
recommendations library (for example two budget questions whose text is only known through their indicator)
share one row, so the plan reads like the seeds: a measure, the codes it answers, and how it is carried out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .analysis import Analysis
from .model import Framework
from .numbers import fmt2, round2
from .plan import Plan, PlanRow
from .recommendations import Advice, Library, shipped_library
from .thai_names import channel_name
from .thaidates import fiscal_year_bounds, format_date

DEFAULT_MONITORING = "รายงานความก้าวหน้าต่อผู้บริหารและคณะทำงาน ITA ทุกไตรมาส"
DEFAULT_RESPONSIBLE = ("คณะทำงาน ITA ของหน่วยงาน",)


@dataclass
class _Group:
    advice: Advice
    indicator: int | None
    codes: list[str]
    facts: list[str]


def draft_plan(analysis: Analysis, *, library: Library | None = None) -> Plan:
    """The drafted plan for the fiscal year after the assessed one; rows grouped by indicator, in framework order."""
    library = library or shipped_library()
    assessment = analysis.assessment
    fw = assessment.framework
    groups: dict[str, _Group] = {}
    order = code_order(fw)

    def add(code: str, advice_key_code: str, fact: str) -> None:
        advice = library.advice_for(fw, advice_key_code)
        if advice is None:
            return
        key = advice.key + (":fallback" if advice.fallback else "")
        group = groups.setdefault(key, _Group(advice, fw.items[code].indicator, [], []))
        group.codes.append(code)
        group.facts.append(fact)

    gains = _best_gains(analysis)
    for entry in analysis.weak_questions:
        add(entry.code, entry.code, _question_fact(analysis, entry.code, gains.get(entry.code)))
    for entry in analysis.failed_oit:
        add(entry.code, entry.code, _oit_fact(analysis, entry.code, gains.get(entry.code)))
    given = set(assessment.questions) | set(assessment.oit_items)
    given |= {c for per in assessment.channel_questions.values() for c in per}
    for entry in analysis.weak_indicators:
        number = int(entry.code.removeprefix("IND"))
        if number not in library.indicators or given.intersection(_items_of(fw, number)):
            continue  # item-level rows already answer this indicator
        indicator = fw.indicators[number]
        subs = [
            (code, assessment.sub_indicators[code].value)
            for code in indicator.sub_indicators
            if code in assessment.sub_indicators
        ]
        weak_subs = [(code, value) for code, value in subs if value is not None and round2(value) < 100]
        group = groups.setdefault(f"indicator:{number}", _Group(library.indicators[number], number, [], []))
        fact = f"ตัวชี้วัดที่ {number} {indicator.name} ได้ {fmt2(entry.score)} คะแนน ต่ำกว่าเกณฑ์ {fmt2(analysis.pass_mark)}"
        if weak_subs:
            group.codes.extend(code for code, _ in weak_subs)
            fact += " โดยตัวชี้วัดย่อย " + ", ".join(f"{code} ได้ {fmt2(value)}" for code, value in weak_subs)
        else:
            group.codes.append(entry.code)
        group.facts.append(fact + " (ไม่มีคะแนนรายข้อ จึงกำหนดมาตรการระดับตัวชี้วัด)")
    if not groups:
        _maintain(analysis, library, groups)

    plan_year = fw.year + 1
    start, end = fiscal_year_bounds(plan_year)
    period = f"ปีงบประมาณ พ.ศ. {plan_year} ({format_date(start, style='short')} – {format_date(end, style='short')})"

    def sort_key(group: _Group) -> tuple[int, int]:
        first = min(order.get(c, len(order)) for c in group.codes)
        return (group.indicator if group.indicator is not None else 99, first)

    rows = []
    for number, group in enumerate(sorted(groups.values(), key=sort_key), start=1):
        rows.append(_row(number, group, fw, library, period, end))
    return Plan(
        year=plan_year,
        assessed_year=fw.year,
        rows=tuple(rows),
        agency=assessment.agency,
        source=f"ร่างจากผลการประเมินปี {fw.year} ด้วยคลังข้อเสนอแนะฉบับ {library.version}"
        + (f" โดยกรอบการประเมินปี {fw.year} เป็นกรอบชั่วคราว" if fw.is_provisional else ""),
    )


def _row(number: int, group: _Group, fw: Framework, library: Library, period: str, end: dt.date) -> PlanRow:
    advice = group.advice
    order = code_order(fw)
    codes = tuple(sorted(group.codes, key=order.__getitem__))
    label = ", ".join(codes)
    indicator = fw.indicators.get(group.indicator) if group.indicator is not None else None
    practice = " ".join(group.facts)
    if len(advice.measures) > 1:
        practice += " แนวทางเพิ่มเติม: " + "; ".join(advice.measures[1:])
    return PlanRow(
        number=number,
        measure=f"{advice.measures[0]} (ข้อ {label})" if advice.measures else f"ยกระดับคะแนนข้อ {label}",
        questions=codes,
        theme=indicator.name if indicator is not None else "การเปิดเผยข้อมูล",
        practice=practice,
        responsible=advice.responsible or DEFAULT_RESPONSIBLE,
        period=period,
        deadline=end,
        steps=advice.steps,
        monitoring=advice.monitoring or DEFAULT_MONITORING,
        evidence=tuple(library.evidence_codes(fw, advice)),
        status="not_started",
    )


MAINTAINED_INDICATORS = 2


def _maintain(analysis: Analysis, library: Library, groups: dict[str, _Group]) -> None:
    """With nothing below the bar, rows to keep and raise the lowest indicators (seed 004 did this at 96.99 AA),
    so that every agency has a plan to adopt and report on (O42/O43)."""
    fw = analysis.assessment.framework
    below_full = sorted((e for e in analysis.indicators_ranked if round2(e.score) < 100), key=lambda e: e.score)
    if not below_full:
        return
    cut = below_full[min(MAINTAINED_INDICATORS, len(below_full)) - 1].score
    for entry in (e for e in below_full if e.score <= cut):
        number = int(entry.code.removeprefix("IND"))
        if number not in library.indicators:
            continue
        group = groups.setdefault(f"indicator:{number}", _Group(library.indicators[number], number, [], []))
        group.codes.append(entry.code)
        group.facts.append(
            f"ไม่พบข้อหรือตัวชี้วัดที่ต่ำกว่าเกณฑ์ ตัวชี้วัดที่ {number} {fw.indicators[number].name} "
            f"ได้ {fmt2(entry.score)} คะแนน อยู่ในกลุ่มที่ต่ำที่สุดของหน่วยงาน มาตรการนี้จึงมุ่งรักษามาตรฐานและยกระดับให้สูงขึ้น"
        )


def code_order(fw: Framework) -> dict[str, int]:
    """Position of every code a plan row may answer: items, then sub-indicators, then indicators."""
    codes = [*fw.items, *fw.sub_indicators, *(f"IND{n}" for n in sorted(fw.indicators))]
    return {code: i for i, code in enumerate(codes)}


def _items_of(fw: Framework, number: int) -> set[str]:
    """Codes of the questions or OIT items that make up an indicator."""
    return {code for code, item in fw.items.items() if item.indicator == number}


def _best_gains(analysis: Analysis) -> dict[str, tuple[float, float]]:
    """For each code, the largest single fix: (score after, gain in the total)."""
    best: dict[str, tuple[float, float]] = {}
    for fix in analysis.fixes:
        if fix.code not in best or fix.gain > best[fix.code][1]:
            best[fix.code] = (fix.after, fix.gain)
    return best


def _question_fact(analysis: Analysis, code: str, gain: tuple[float, float] | None) -> str:
    """The finding behind a row in one clause: the score, each channel, which is below, and what a fix adds."""
    assessment = analysis.assessment
    bar = fmt2(analysis.question_threshold)
    channels = [(name, per[code]) for name, per in sorted(assessment.channel_questions.items()) if code in per]
    text = f"ข้อ {code}"
    if code in assessment.questions:
        text += f" ได้ {fmt2(assessment.questions[code])} คะแนน"
    if channels:
        text += " (" + ", ".join(f"ช่องทาง{channel_name(name)} {fmt2(value)}" for name, value in channels) + ")"
        below = [
            f"ช่องทาง{channel_name(name)}" for name, value in channels if round2(value) < analysis.question_threshold
        ]
        if below:
            text += f" โดย{' และ '.join(below)} ต่ำกว่าเกณฑ์ {bar} คะแนน"
        else:
            text += f" ต่ำกว่าเกณฑ์ {bar} คะแนน"
    else:
        text += f" ต่ำกว่าเกณฑ์ {bar} คะแนน"
    if gain is not None:
        text += f" หากยกขึ้นเป็น {fmt2(gain[0])} คะแนน คะแนนรวมจะเพิ่มขึ้น {fmt2(gain[1])}"
    return text


def _oit_fact(analysis: Analysis, code: str, gain: tuple[float, float] | None) -> str:
    text = f"ข้อ {code} ไม่ผ่านในปี {analysis.assessment.framework.year}"
    if gain is not None:
        text += f" หากผ่าน คะแนนรวมจะเพิ่มขึ้น {fmt2(gain[1])}"
    return text
