"""The OIT preparation board as data and rules: which items a year has, the status workflow, overdue, roll-over.

Seed 001 shows the work: a provincial office gives each OIT item to a work group with a deadline, the items are
checked before they go on the website, and next year the same work starts again under new codes. Everything here
is plain Python so the web board, the CLI and the tests share one set of rules.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .library import available_years, framework_for
from .model import CONFIRMED, Framework
from .problems import InputError
from .rollover import map_codes

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
SUBMITTED = "submitted"
APPROVED = "approved"
NEEDS_CORRECTION = "needs_correction"

STATUS_NAMES = {
    NOT_STARTED: "ยังไม่เริ่ม",
    IN_PROGRESS: "กำลังดำเนินการ",
    SUBMITTED: "ส่งตรวจ",
    APPROVED: "อนุมัติแล้ว",
    NEEDS_CORRECTION: "ต้องแก้ไข",
}
STATUSES = tuple(STATUS_NAMES)

EDITOR = "editor"  # the agency's editors and administrators (and system administrators)
REVIEWER = "reviewer"  # the agency administrator, head of its ITA working group (and system administrators)

# Which move is allowed and who makes it. A reviewer may also make every editor's move.
TRANSITIONS: dict[tuple[str, str], str] = {
    (NOT_STARTED, IN_PROGRESS): EDITOR,
    (NOT_STARTED, SUBMITTED): EDITOR,
    (IN_PROGRESS, NOT_STARTED): EDITOR,
    (IN_PROGRESS, SUBMITTED): EDITOR,
    (SUBMITTED, IN_PROGRESS): EDITOR,  # taken back before review
    (NEEDS_CORRECTION, IN_PROGRESS): EDITOR,
    (NEEDS_CORRECTION, SUBMITTED): EDITOR,
    (SUBMITTED, APPROVED): REVIEWER,
    (SUBMITTED, NEEDS_CORRECTION): REVIEWER,
    (APPROVED, NEEDS_CORRECTION): REVIEWER,  # reopened when the published page turns out wrong
}
REVIEW_REFUSED = "เฉพาะผู้ดูแลหน่วยงานซึ่งเป็นผู้ตรวจเท่านั้นที่อนุมัติหรือส่งกลับให้แก้ไขได้"
MAX_URLS = 10
MAX_URL_LENGTH = 2000
UNGROUPED = ""  # sub-indicator key of items whose grouping the framework does not know


@dataclass(frozen=True)
class BoardItem:
    """One row of a year's board: an OIT item as the framework names it."""

    code: str
    title: str | None
    topic: str
    sub_indicator: str  # UNGROUPED when unknown
    sub_indicator_name: str
    indicator: int | None


@dataclass(frozen=True)
class BoardTemplate:
    """The rows a board of `year` starts with, and a notice when part of the year's OIT list is uncertain."""

    year: int
    items: tuple[BoardItem, ...]
    notices: tuple[str, ...]


class BoardUnavailable(Exception):
    """No board can be built for the year: the reason is a Thai sentence for the page."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _code_number(code: str) -> int:
    digits = re.sub(r"\D", "", code)
    return int(digits) if digits else 0


def board_template(fw: Framework) -> BoardTemplate:
    """Every OIT item of the framework in sub-indicator order; BoardUnavailable when the year lists none."""
    oit = sorted(fw.items_of_tool("OIT"), key=lambda i: _code_number(i.code))
    if not oit:
        raise BoardUnavailable(
            f"กรอบการประเมินปี {fw.year} ในโปรแกรมยังไม่มีรายการข้อ OIT (ยังไม่พบรายการที่ประกาศใช้) "
            f"จึงยังสร้างกระดานเตรียมข้อมูลของปีนี้ไม่ได้ เมื่อเพิ่มรายการข้อของปีนี้ในคลังกรอบการประเมินแล้วจึงสร้างได้"
        )
    items = []
    for item in oit:
        sub = fw.sub_indicators.get(item.sub_indicator or "")
        items.append(
            BoardItem(
                item.code,
                item.title,
                item.topic,
                sub.code if sub else UNGROUPED,
                sub.name if sub else "",
                item.indicator,
            )
        )
    order = {code: n for n, code in enumerate(fw.sub_indicators)}
    items.sort(key=lambda i: (i.sub_indicator == UNGROUPED, order.get(i.sub_indicator, 0), _code_number(i.code)))
    notices = [fw.provisional_notice] if fw.provisional_notice else []
    if any(i.sub_indicator == UNGROUPED for i in items):
        notices.append(
            f"กรอบการประเมินปี {fw.year} ยังไม่ทราบว่าข้อ OIT แต่ละข้ออยู่ในตัวชี้วัดย่อยใด "
            'กระดานนี้จึงเรียงตามเลขข้อภายใต้หัวข้อ "ยังไม่ทราบตัวชี้วัดย่อย"'
        )
    untitled = [i.code for i in items if not i.title]
    if untitled:
        notices.append(f"ยังไม่ทราบชื่อทางการของข้อ {', '.join(untitled)} ในปี {fw.year} โปรดตรวจชื่อข้อจากคู่มือการประเมินของปีนั้น")
    uncertain = [s.code for s in fw.sub_indicators.values() if s.mapping_status != CONFIRMED and s.items]
    if uncertain:
        notices.append(
            f"การจัดข้อเข้าตัวชี้วัดย่อย {', '.join(uncertain)} ของปี {fw.year} เป็นการอนุมานจากแหล่งข้อมูล ยังไม่ได้รับการยืนยัน"
        )
    return BoardTemplate(fw.year, tuple(items), tuple(notices))


def board_template_for_year(year: int) -> BoardTemplate:
    """The template of a year with a framework (shipped or published); BoardUnavailable with a Thai reason else."""
    if year not in available_years():
        have = ", ".join(str(y) for y in available_years())
        raise BoardUnavailable(f"ยังไม่มีกรอบการประเมินของปีงบประมาณ {year} ในโปรแกรม (ปีที่มี: {have})")
    try:
        fw = framework_for(year)
    except InputError as exc:  # a shipped file that does not load is a bug, but the page still says why
        raise BoardUnavailable(exc.problems[0].render()) from exc
    return board_template(fw)


def transition_refusal(
    current: str, target: str, *, may_edit: bool, may_review: bool, evidence_count: int, comment: str
) -> str | None:
    """Why moving an item from `current` to `target` is refused, in Thai; None when it is allowed."""
    if target not in STATUS_NAMES:
        return "ไม่รู้จักสถานะที่ขอเปลี่ยน"
    if current == target:
        return f'ข้อนี้อยู่ในสถานะ "{STATUS_NAMES[current]}" อยู่แล้ว'
    who = TRANSITIONS.get((current, target))
    if who is None:
        allowed = [STATUS_NAMES[t] for (f, t) in TRANSITIONS if f == current]
        return (
            f'เปลี่ยนสถานะจาก "{STATUS_NAMES[current]}" เป็น "{STATUS_NAMES[target]}" ไม่ได้ '
            f"(จากสถานะนี้เปลี่ยนได้เป็น: {', '.join(allowed)})"
        )
    if who == REVIEWER and not may_review:
        return REVIEW_REFUSED
    if who == EDITOR and not (may_edit or may_review):
        return "บทบาทของท่านเปลี่ยนสถานะของข้อนี้ไม่ได้"
    if target == SUBMITTED and evidence_count == 0:
        return "ต้องมีลิงก์หลักฐานอย่างน้อยหนึ่งรายการก่อนส่งตรวจ"
    if target == NEEDS_CORRECTION and not comment.strip():
        return "การส่งกลับให้แก้ไขต้องมีความเห็นของผู้ตรวจ ระบุว่าต้องแก้ไขอะไร"
    return None


def next_statuses(current: str, *, may_edit: bool, may_review: bool) -> list[str]:
    """The statuses this person may move an item to from `current`, in workflow order."""
    moves = []
    for (source, target), who in TRANSITIONS.items():
        if source != current:
            continue
        if (who == REVIEWER and may_review) or (who == EDITOR and (may_edit or may_review)):
            moves.append(target)
    return sorted(moves, key=STATUSES.index)


def is_overdue(status: str, due: dt.date | None, today: dt.date) -> bool:
    """Past its due date and not yet approved (a submitted item still counts: publishing waits on approval)."""
    return due is not None and due < today and status != APPROVED


def days_late(due: dt.date | None, today: dt.date) -> int:
    return (today - due).days if due is not None and due < today else 0


def parse_urls(text: str) -> tuple[list[str], list[str]]:
    """Evidence URLs from a text box (one a line, or separated by spaces): (urls, Thai problems)."""
    urls: list[str] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        for raw in line.split():
            problem = url_problem(raw)
            if problem:
                problems.append(f"บรรทัดที่ {number}: {problem}")
            elif raw not in urls:
                urls.append(raw)
    if len(urls) > MAX_URLS:
        problems.append(f"ใส่ลิงก์ได้ไม่เกิน {MAX_URLS} รายการต่อข้อ (ใส่มา {len(urls)} รายการ)")
    return urls, problems


def url_problem(url: str) -> str | None:
    """Why `url` is not a usable evidence link (Thai), or None."""
    shown = url if len(url) <= 80 else url[:77] + "..."
    if len(url) > MAX_URL_LENGTH:
        return f"ลิงก์ยาวเกิน {MAX_URL_LENGTH} ตัวอักษร"
    try:
        parts = urlsplit(url)
    except ValueError:
        return f'"{shown}" ไม่ใช่ลิงก์ที่อ่านได้'
    if parts.scheme.lower() not in ("http", "https"):
        return f'"{shown}" ต้องขึ้นต้นด้วย http:// หรือ https://'
    if not parts.hostname:
        return f'"{shown}" ไม่มีชื่อเว็บไซต์ (เช่น https://www.example.go.th/ita)'
    return None


def shift_year(day: dt.date) -> dt.date:
    """The same day a year later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


@dataclass(frozen=True)
class RollPlan:
    """How one year's board becomes next year's: old code -> new code, and old codes left behind with reasons."""

    new_year: int
    carried: dict[str, str]
    dropped: dict[str, str]
    new_only: tuple[str, ...]  # codes of the new year no old item became


def roll_plan(old_codes: list[str], old: Framework, new: BoardTemplate, new_fw: Framework) -> RollPlan:
    """Carry items by topic (NACC renumbers items most years); codes with no counterpart are listed, not guessed."""
    mapping = map_codes(old_codes, old, new_fw)
    board_codes = {i.code for i in new.items}
    carried = {old_code: code for old_code, code in mapping.carried.items() if code in board_codes}
    dropped = dict(mapping.dropped)
    seen: dict[str, str] = {}
    for old_code, code in list(carried.items()):
        if code in seen:  # two old items of one topic: the first keeps the place, the second is listed
            dropped[old_code] = f"ข้อ {seen[code]} ยกไปเป็นข้อ {code} ของปี {new.year} แล้ว"
            del carried[old_code]
        else:
            seen[code] = old_code
    reached = set(carried.values())
    new_only = tuple(i.code for i in new.items if i.code not in reached)
    return RollPlan(new.year, carried, dropped, new_only)
