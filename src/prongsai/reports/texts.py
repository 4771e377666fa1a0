"""Shared wording of the reports: labels of indicators, tools, questions and the quarter calendar, in formal Thai.

Kept in one place so the analysis report, the progress report and every renderer say the same thing the same way.
"""

from __future__ import annotations

import datetime as dt

from ..ita.model import Framework
from ..ita.thai_names import channel_name
from ..ita.thaidates import fiscal_year_bounds, format_date
from .model import PLAIN, Paragraph

ITA_NAME = "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ"
ITA_NAME_EN = "(Integrity and Transparency Assessment: ITA)"
NACC = "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.)"
CHANNEL_MEANING = {
    "public": "ผู้รับบริการหรือผู้มาติดต่อราชการตอบด้วยตนเอง",
    "survey": "สำนักงาน ป.ป.ช. เก็บข้อมูลจากกลุ่มตัวอย่าง",
}


def channel_label(channel: str) -> str:
    """An EIT channel in a sentence about EIT: 'ช่องทางผู้รับบริการตอบเอง' (the web's Thai name, ita/thai_names.py)."""
    return f"ช่องทาง{channel_name(channel)}"


def eit_channel_label(channel: str) -> str:
    """An EIT channel standing on its own (a table row, a summary cell): 'EIT ช่องทางผู้รับบริการตอบเอง'."""
    return f"EIT {channel_label(channel)}"


MEASURES_ITEM = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
MEASURES_DONE_ITEM = "การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"


def indicator_label(framework: Framework, number: int) -> str:
    return f"ตัวชี้วัดที่ {number} {framework.indicators[number].name}"


def tool_label(framework: Framework, code: str) -> str:
    return f"{framework.tools[code].name} ({code})"


def item_title(framework: Framework, code: str) -> str:
    """The official wording of a question or OIT item; for items whose wording is not known, where it belongs."""
    item = framework.items[code]
    if item.title:
        return item.title
    if item.indicator is not None:
        kind = "ข้อ OIT" if item.is_oit else "ข้อคำถาม"
        return f"({kind}ในตัวชี้วัดที่ {item.indicator} {framework.indicators[item.indicator].name})"
    return "(ไม่ทราบข้อความของข้อนี้ในกรอบการประเมินปีนี้)"


def sub_indicator_label(framework: Framework, code: str | None) -> str:
    if not code or code not in framework.sub_indicators:
        return "—"
    return f"{code} {framework.sub_indicators[code].name}"


def item_code_by_title(framework: Framework, title: str) -> str | None:
    """The year's code of the OIT item with exactly this title (codes move between years, titles less so)."""
    for item in framework.items.values():
        if item.is_oit and item.title and item.title.strip() == title:
            return item.code
    return None


def quarters(plan_year: int) -> list[tuple[int, dt.date, dt.date]]:
    """The four quarters of a fiscal year (BE): (number, first day, last day)."""
    start, _ = fiscal_year_bounds(plan_year)
    bounds = []
    for number in range(4):
        month = (start.month - 1 + 3 * number) % 12 + 1
        year = start.year + (start.month - 1 + 3 * number) // 12
        first = dt.date(year, month, 1)
        after = dt.date(year + (month + 2) // 12, (month + 2) % 12 + 1, 1)
        bounds.append((number + 1, first, after - dt.timedelta(days=1)))
    return bounds


def date_range(first: dt.date, last: dt.date) -> str:
    return f"{format_date(first, style='short')} – {format_date(last, style='short')}"


def provisional_blocks(framework: Framework | None) -> list[Paragraph]:
    """A plain notice for the top of a document built on a provisional framework; nothing for other years."""
    notice = framework.provisional_notice if framework is not None else None
    return [Paragraph(f"ข้อควรทราบ: {notice}", PLAIN, bold=True)] if notice else []
