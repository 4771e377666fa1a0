"""The tables behind the work-status, multi-year and weak-question exports: exactly the rows the pages show,
as lists of cells (first row the Thai header), written by `exporting/table_files.py`."""

from __future__ import annotations

from typing import Any

from ...ita.numbers import round2
from .history import History
from .work import WorkBoard


def _opt(value: float | None) -> float | None:
    return None if value is None else round2(value)


def work_table(board: WorkBoard) -> list[list[Any]]:
    header = [
        "หน่วยงาน",
        "กลุ่ม",
        "ปีงบประมาณ",
        "แผนมาตรการ (O42)",
        "จำนวนมาตรการ",
        "มาตรการที่แล้วเสร็จ",
        "มาตรการที่เลยกำหนด",
        f"รายงานผลไตรมาสที่ {board.quarter} แล้ว (มาตรการ)",
        "ข้อ OIT ทั้งหมด",
        "ข้อ OIT ที่อนุมัติแล้ว",
        "ข้อ OIT ที่ส่งตรวจ",
        "ข้อ OIT ที่เลยกำหนด",
        "ระดับตัวชี้วัดการขับเคลื่อน",
    ]
    table: list[list[Any]] = [header]
    for r in board.rows:
        has_board = r.board_id is not None
        table.append(
            [
                r.name,
                r.group,
                board.year,
                r.plan_state_name,
                r.measures,
                r.measures_done,
                r.measures_overdue,
                r.reported,
                r.items if has_board else None,
                r.approved if has_board else None,
                r.submitted if has_board else None,
                r.items_overdue if has_board else None,
                r.kpi_level,
            ]
        )
    return table


def history_table(history: History) -> list[list[Any]]:
    header: list[Any] = ["หน่วยงาน"]
    for year in history.years:
        header += [f"คะแนนรวม {year}", f"ระดับ {year}"]
    header.append("เปลี่ยนแปลงล่าสุด")
    table: list[list[Any]] = [header]
    for row in history.rows:
        line: list[Any] = [row.name]
        for cell in row.cells:
            line += [None, None] if cell is None else [_opt(cell.total), cell.level or None]
        line.append(_opt(row.change))
        table.append(line)
    return table


def weak_table(weak: list[dict[str, Any]], pass_mark: float) -> list[list[Any]]:
    """The weak points export: a question is weak below the year's `pass_mark` on either channel."""
    header = ["ข้อ", "ชื่อข้อ", "ประเภท", "จำนวนหน่วยงาน", "ร้อยละของหน่วยงานที่มีผล", "เกณฑ์"]
    table: list[list[Any]] = [header]
    for w in weak:
        oit = w["kind"] == "oit"
        table.append(
            [
                w["code"],
                w["title"] or "(ยังไม่ทราบข้อความ)",
                "ข้อ OIT" if oit else "ข้อคำถาม",
                w["count"],
                _opt(w["share"]),
                "ไม่ผ่าน" if oit else f"ต่ำกว่า {pass_mark:g} คะแนน (ช่องทางใดช่องทางหนึ่ง)",
            ]
        )
    return table
