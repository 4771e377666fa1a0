"""Conversion between the stored plan and the domain core: the same `ita.plan.Plan` feeds the XLSX file, the plan
document and the O43 report, and a plan read from a file or drafted from an analysis is stored from it.

Two things the plan file has no column for are written into its cells so that a file round-trips: a step's due
date ends its line as "(กำหนด 31 ธ.ค. 2567)", and the responsible column lists work groups and people by name
(matched back to the agency's work groups and users when the file is read; other lines stay text).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ...importing.values import clean, normalise_code
from ...ita.library import framework_for
from ...ita.model import Framework
from ...ita.plan import STATUSES, PlanRow
from ...ita.plan import Plan as DomainPlan
from ...ita.problems import InputError, Problem
from ...ita.thaidates import EXPECTED as DATE_EXPECTED
from ...ita.thaidates import format_date, parse_date
from ...reports.texts import indicator_label, item_title

_STEP_DUE = re.compile(r"^(?P<text>.*?)\s*\(\s*กำหนด(?:เสร็จ)?\s*(?P<date>[^()]*?)\s*\)\s*$", re.DOTALL)
_CODE_SPLIT = re.compile(r"[,;/\s]+|และ")


def framework_of(assessed_year: int) -> Framework:
    return framework_for(assessed_year)


def person_name(user: Any) -> str:
    """How a responsible person is written in the plan: full name, else the user name."""
    return (user.get_full_name() or "").strip() or user.username


def step_line(text: str, due: dt.date | None) -> str:
    """A step as the plan file and documents write it; the reader turns it back with `split_step`."""
    return f"{text} (กำหนด {format_date(due, style='short')})" if due else text


def split_step(line: str) -> tuple[str, dt.date | None, str | None]:
    """(text, due date, unreadable date text) of a step line."""
    match = _STEP_DUE.match(line.strip())
    if not match or not match.group("text").strip():
        return line.strip(), None, None
    day = parse_date(clean(match.group("date")))
    if day is None:
        return match.group("text").strip(), None, match.group("date")
    return match.group("text").strip(), day, None


def parse_codes(text: str, framework: Framework, *, oit_only: bool = False) -> tuple[tuple[str, ...], list[str]]:
    """Codes typed by a person (commas or spaces, Thai digits, "ข้อ" prefixes), and the parts that are not codes of
    the framework's year."""
    valid = (
        set(framework.oit_codes)
        if oit_only
        else (set(framework.items) | set(framework.sub_indicators) | {f"IND{n}" for n in framework.indicators})
    )
    codes: list[str] = []
    bad: list[str] = []
    for part in _CODE_SPLIT.split(clean(text)):
        part = part.removeprefix("ข้อ").strip()
        if not part:
            continue
        code = normalise_code(part)
        if code not in valid:
            bad.append(part)
        elif code not in codes:
            codes.append(code)
    return tuple(codes), bad


def code_title(framework: Framework, code: str) -> str:
    """The official title of a question, OIT item, sub-indicator or indicator of the framework's year."""
    if code in framework.items:
        return item_title(framework, code)
    if code in framework.sub_indicators:
        return f"ตัวชี้วัดย่อย {code} {framework.sub_indicators[code].name}"
    if code.startswith("IND") and code[3:].isdigit() and int(code[3:]) in framework.indicators:
        return indicator_label(framework, int(code[3:]))
    return "(ไม่มีรหัสนี้ในกรอบการประเมินปีนี้)"


@dataclass(frozen=True)
class Responsible:
    """Who is responsible for a measure: the agency's work groups and users, and anyone else as text."""

    units: tuple[Any, ...]
    people: tuple[Any, ...]
    others: tuple[str, ...]

    def lines(self) -> tuple[str, ...]:
        units = sorted(self.units, key=lambda o: (o.name, o.pk))
        people = sorted(self.people, key=lambda u: (person_name(u), u.pk))
        return (*(o.name for o in units), *(person_name(u) for u in people), *self.others)


def match_responsible(lines: Iterable[str], units: Iterable[Any], people: Iterable[Any]) -> Responsible:
    """Each line becomes the work group or the user it names (full name or user name), else stays text."""
    by_unit = {" ".join(o.name.split()): o for o in units}
    by_person: dict[str, Any] = {}
    ambiguous: set[str] = set()
    for user in people:
        for name in {person_name(user), user.username}:
            key = " ".join(name.split())
            if key in by_person and by_person[key].pk != user.pk:
                ambiguous.add(key)
            by_person[key] = user
    found_units: list[Any] = []
    found_people: list[Any] = []
    others: list[str] = []
    for line in lines:
        key = " ".join(str(line).split())
        if not key:
            continue
        if key in by_unit:
            if by_unit[key] not in found_units:
                found_units.append(by_unit[key])
        elif key in by_person and key not in ambiguous:
            if by_person[key] not in found_people:
                found_people.append(by_person[key])
        elif key not in others:
            others.append(key)
    return Responsible(tuple(found_units), tuple(found_people), tuple(others))


def measure_row(measure: Any, *, status: str = "", progress: str = "") -> PlanRow:
    """A stored measure (with its steps, units and people prefetched) as a row of the domain plan."""
    responsible = Responsible(
        tuple(measure.units.all()), tuple(measure.people.all()), tuple(measure.other_responsible or ())
    )
    return PlanRow(
        number=measure.number,
        measure=measure.text,
        questions=tuple(measure.questions or ()),
        theme=measure.theme,
        practice=measure.practice,
        responsible=responsible.lines(),
        period=measure.period,
        deadline=measure.deadline,
        steps=tuple(step_line(s.text, s.due) for s in measure.steps.all()),
        monitoring=measure.monitoring,
        evidence=tuple(measure.evidence_codes or ()),
        status=status,
        progress=progress,
    )


def domain_plan(plan: Any, rows: Iterable[PlanRow]) -> DomainPlan:
    return DomainPlan(
        year=plan.year,
        assessed_year=plan.assessed_year,
        rows=tuple(rows),
        agency=plan.organisation.name,
        source=plan.source,
    )


def inspect_workbook(data: bytes, name: str) -> tuple[dict[str, str], list[Problem]]:
    """The metadata sheet of an XLSX plan (label -> text) and the steps whose "(กำหนด …)" date cannot be read,
    named by row and column like the plan reader's problems. Read within the plan file's limits."""
    from ...importing.bounded import open_workbook, sheet_rows
    from ...importing.limits import PLAN, Budget
    from ...importing.tables import excel_letters
    from ...planfile.columns import META_FIELDS, META_SHEET, PLAN_SHEET, match_header

    try:
        book = open_workbook(data, name, PLAN)
    except InputError:
        return {}, []  # the plan reader says why the file cannot be opened
    try:
        meta: dict[str, str] = {}
        if META_SHEET in book.sheetnames:
            keys = {label: key for key, label in META_FIELDS}
            meta_label = f"{name} (ชีต {META_SHEET})"
            for _, values in sheet_rows(book[META_SHEET], meta_label, Budget(PLAN, meta_label)):
                if len(values) >= 2 and values[0] in keys and values[1] != "":
                    meta[keys[values[0]]] = clean(values[1])
        sheet = book[PLAN_SHEET] if PLAN_SHEET in book.sheetnames else book.worksheets[0]
        label = f"{name} (ชีต {sheet.title})"
        problems: list[Problem] = []
        column: int | None = None
        header_seen = False
        for number, cells in sheet_rows(sheet, label, Budget(PLAN, label)):
            if not header_seen:
                if any(str(c).strip() for c in cells):
                    header_seen = True
                    for index, text in enumerate(cells):
                        found = match_header(str(text)) if str(text).strip() else None
                        if found is not None and found.key == "steps":
                            column = index
                    if column is None:
                        break
                continue
            if column is None or column >= len(cells):
                continue
            for line in str(cells[column]).replace("\r\n", "\n").split("\n"):
                _, _, bad = split_step(line)
                if bad is not None:
                    problems.append(
                        Problem(
                            f"อ่านวันที่กำหนดเสร็จ '{bad}' ของขั้นตอนไม่ได้",
                            file=label,
                            row=number,
                            column=f"{excel_letters(column)} (ขั้นตอนหรือวิธีดำเนินการ)",
                            expected=f"ขั้นตอนตามด้วย (กำหนด วันที่) เช่น (กำหนด 31 ธ.ค. 2567); {DATE_EXPECTED}",
                        )
                    )
    finally:
        book.close()
    return meta, problems


def status_label(key: str) -> str:
    return STATUSES.get(key, "")
