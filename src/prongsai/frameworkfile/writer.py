"""Write a framework as a workbook an officer edits in Excel (one sheet per table) or as YAML."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

import yaml

from ..atomic import atomic_path
from ..exporting.xlsx_text import text_safe
from ..ita.code_ranges import format_code_ranges
from ..ita.framework_data import framework_to_data
from ..ita.model import Framework
from .columns import (
    CANDIDATES,
    GRADING,
    HELP_SHEET,
    INDICATORS,
    ITEMS,
    META,
    META_FIELDS,
    SCALES,
    SHEETS,
    SUB_INDICATORS,
    TOOLS,
    Sheet,
)


def framework_to_yaml(framework: Framework) -> str:
    """The framework file as YAML text; loading it gives an equal framework (origin aside)."""
    header = f"# ITA framework, fiscal year {framework.year} BE. Schema: docs/framework-schema.md\n"
    body = yaml.safe_dump(framework_to_data(framework), allow_unicode=True, sort_keys=False, width=100_000)
    return header + body


def _blank(value: Any) -> Any:
    return "" if value is None else value


def framework_rows(framework: Framework) -> dict[str, list[list[Any]]]:
    """The rows of every sheet (without headers), in the order the reader rebuilds the framework from."""
    fw = framework
    g = fw.grading
    meta_values: dict[str, Any] = {
        "schema": "prongsai-framework/1",
        "year": fw.year,
        "title": fw.title,
        "status": fw.status,
        "provisional_reason": fw.provisional_reason,
        "derived_from": fw.derived_from,
        "notes": fw.notes,
        "grading_kind": g.kind,
        "grading_pass_mark": g.pass_mark,
        "grading_status": g.status,
        "grading_source": g.source,
    }
    meta: list[list[Any]] = []
    for key, _ in META_FIELDS:
        if key == "sources":
            meta.extend(["sources", source] for source in fw.sources)
        elif meta_values[key] is not None:
            meta.append([key, meta_values[key]])
    tools = [
        [
            code,
            t.name,
            t.weight,
            t.status,
            _blank(t.source),
            ", ".join(t.channels),
            t.channels_status if t.channels else ("" if t.channels_status == "confirmed" else t.channels_status),
            _blank(t.channels_source),
        ]
        for code, t in fw.tools.items()
    ]
    indicators = [
        [n, i.tool, i.name, i.status, _blank(i.source), i.mapping_status, _blank(i.mapping_source)]
        for n, i in sorted(fw.indicators.items())
    ]
    subs = [
        [s.code, s.indicator, s.name, s.status, s.mapping_status, _blank(s.mapping_source)]
        for s in fw.sub_indicators.values()
    ]
    items = []
    for item in fw.items.values():
        items.append(
            [
                item.code,
                _blank(item.title),
                _blank(item.indicator),
                _blank(item.sub_indicator),
                item.topic,
                item.status,
                _blank(item.source),
                _blank(item.scale),
                "\n".join(p.text for p in item.parts),
                "\n".join(p.scale or "-" for p in item.parts) if any(p.scale for p in item.parts) else "",
            ]
        )
    grading = [[r.level, r.min_total, _blank(r.min_every_indicator), r.status, _blank(r.source)] for r in g.levels]
    scales = [
        [key, answer, score, s.status, _blank(s.source)]
        for key, s in fw.scales.items()
        for answer, score in s.answers.items()
    ]
    candidates = [
        [c.name, _blank(c.title), c.status, _blank(c.source), s.code, s.name, format_code_ranges(s.items)]
        for c in fw.candidate_groupings
        for s in c.sub_indicators
    ]
    return {
        META.name: meta,
        TOOLS.name: tools,
        INDICATORS.name: indicators,
        SUB_INDICATORS.name: subs,
        ITEMS.name: items,
        GRADING.name: grading,
        SCALES.name: scales,
        CANDIDATES.name: candidates,
    }


def _add_sheet(book: Any, sheet: Sheet, rows: list[list[Any]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    page = book.create_sheet(sheet.name)
    page.append([column.header for column in sheet.columns])
    for row in rows:
        page.append(text_safe(page, [str(v) if isinstance(v, str) else v for v in row]))
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for cell in page[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for index, column in enumerate(sheet.columns, start=1):
        page.column_dimensions[page.cell(1, index).column_letter].width = column.width
        if column.kind != "text" or column.width < 40:
            continue
        for line in page.iter_rows(min_row=2, min_col=index, max_col=index):
            for cell in line:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    # Codes such as 9.1 stay text, so Excel does not turn them into numbers.
    for index, column in enumerate(sheet.columns, start=1):
        if column.kind == "code":
            for line in page.iter_rows(min_row=2, min_col=index, max_col=index):
                for cell in line:
                    cell.number_format = "@"
    _status_lists(page, sheet)
    page.freeze_panes = "B2"


def _status_lists(page: Any, sheet: Sheet) -> None:
    """A drop-down of the allowed statuses on every status column (typing another value is still read and checked)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    for index, column in enumerate(sheet.columns, start=1):
        if column.kind != "status":
            continue
        allowed = "confirmed,inferred,partial" + (",unknown" if column.key == "mapping_status" else "")
        validation = DataValidation(type="list", formula1=f'"{allowed}"', allow_blank=True, showErrorMessage=False)
        letter = page.cell(1, index).column_letter
        validation.add(f"{letter}2:{letter}2000")
        page.add_data_validation(validation)


def _add_help(book: Any) -> None:
    from openpyxl.styles import Font

    guide = book.create_sheet(HELP_SHEET)
    guide.append(["ชีต", "คอลัมน์", "รหัสคอลัมน์", "คำอธิบาย"])
    for sheet in SHEETS:
        for column in sheet.columns:
            guide.append(
                [
                    f"{sheet.name} ({sheet.label})",
                    column.label,
                    column.key,
                    column.help + (" (ต้องมี)" if column.required else ""),
                ]
            )
    guide.append([])
    guide.append(
        [
            "หมายเหตุ",
            "",
            "",
            "แก้ชื่อข้อ เพิ่มข้อ ย้ายข้อไปตัวชี้วัดย่อยอื่น (แก้คอลัมน์ sub_indicator) หรือลบแถวได้"
            " แล้วนำเข้าด้วยคำสั่ง prongsai framework import หรือเมนูกรอบการประเมินของระบบเว็บ"
            " โปรแกรมตรวจทุกแถวและแจ้งชีต แถว และคอลัมน์ที่ผิด โดยไม่บันทึกสิ่งใดจนกว่าจะถูกต้องทั้งหมด"
            " ตัวเลขไทย (๐-๙) ใช้ได้",
        ]
    )
    for letter, width in zip("ABCD", (30, 24, 20, 90), strict=True):
        guide.column_dimensions[letter].width = width
    for cell in guide[1]:
        cell.font = Font(bold=True)


def write_framework_xlsx(framework: Framework, path_or_stream: str | Path | IO[bytes]) -> None:
    """The workbook of `framework`; a path is written atomically, a stream is written as it is."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])  # the empty default sheet
    rows = framework_rows(framework)
    for sheet in SHEETS:
        _add_sheet(book, sheet, rows[sheet.name])
    _add_help(book)
    if isinstance(path_or_stream, (str, Path)):
        with atomic_path(Path(path_or_stream)) as partial:
            book.save(partial)
    else:
        book.save(path_or_stream)
