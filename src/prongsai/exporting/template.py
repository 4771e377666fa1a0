"""A blank input template for a year: every code with its title, ready to fill in Excel or a text editor."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from ..ita.model import TOOLS, Framework
from ..ita.problems import InputError, Problem
from ..ita.results import LEVEL_CODE
from ..ita.thai_names import TOOL_TOTAL_NAMES, UNKNOWN_TEXT, channel_name

# Thai headers the importer reads (รหัส = code, ช่องทาง = channel, คะแนน = score; รายการ and ประเภท are ignored).
HEADER = ("รหัส", "ช่องทาง", "คะแนน", "รายการ", "ประเภท")


def template_rows(framework: Framework, *, questions_only: bool = False) -> list[tuple[str, str, str, str, str]]:
    """Rows (code, channel, score, title, kind) in the order an officer reads the framework."""
    rows: list[tuple[str, str, str, str, str]] = []
    fw = framework
    for tool in TOOLS:
        kind = "OIT (ผ่าน/ไม่ผ่าน)" if tool == "OIT" else f"ข้อคำถาม {tool}"
        for item in fw.items_of_tool(tool):
            title = item.title or UNKNOWN_TEXT
            if tool == "EIT" and fw.eit_channels:
                for channel in fw.eit_channels:
                    name = channel_name(channel)
                    rows.append((item.code, name, "", title, f"{kind} (ช่องทาง{name})"))
            else:
                rows.append((item.code, "", "", title, kind))
    if questions_only:
        return rows
    for _, indicator in sorted(fw.indicators.items()):
        rows.append((indicator.code, "", "", indicator.name, f"ตัวชี้วัด ({indicator.tool})"))
    for code, sub in fw.sub_indicators.items():
        rows.append((code, "", "", sub.name, f"ตัวชี้วัดย่อย {sub.indicator} (0-100 หรือ คะแนน/คะแนนเต็ม)"))
    for code in TOOLS:
        rows.append((code, "", "", fw.tools[code].name, "คะแนนเครื่องมือที่ได้รับแจ้ง"))
    if fw.eit_channels:
        for code in ("EIT_PUBLIC", "EIT_SURVEY"):
            rows.append((code, "", "", TOOL_TOTAL_NAMES[code], "คะแนนที่ได้รับแจ้ง"))
    rows.append(("TOTAL", "", "", TOOL_TOTAL_NAMES["TOTAL"], "คะแนนที่ได้รับแจ้ง"))
    levels = " / ".join(rule.level for rule in fw.grading.levels)
    rows.append((LEVEL_CODE, "", "", f"ระดับผลการประเมิน ({levels})", "ระดับที่ได้รับแจ้ง"))
    return rows


def template_csv(framework: Framework) -> str:
    """The template as CSV text (write it as UTF-8 with BOM, so Excel shows Thai)."""
    import csv
    import io

    handle = io.StringIO(newline="")
    writer = csv.writer(handle)
    writer.writerow(HEADER)
    writer.writerows(template_rows(framework))
    return handle.getvalue()


def template_xlsx(framework: Framework) -> bytes:
    """The template as an XLSX workbook's bytes (a sheet ผลคะแนน to fill, a sheet คำอธิบาย)."""
    import io

    buffer = io.BytesIO()
    _write_xlsx(framework, template_rows(framework), buffer)
    return buffer.getvalue()


def write_template(framework: Framework, out: Path) -> int:
    """Write the template as CSV (UTF-8 with BOM, so Excel shows Thai) or XLSX; return the number of rows."""
    rows = template_rows(framework)
    suffix = out.suffix.lower()
    if suffix == ".csv":
        out.write_text(template_csv(framework), encoding="utf-8-sig", newline="")
    elif suffix == ".xlsx":
        _write_xlsx(framework, rows, out)
    else:
        raise InputError([Problem(f"ไม่รองรับนามสกุล '{suffix}'", file=out.name, expected=".csv หรือ .xlsx")])
    return len(rows)


def _write_xlsx(framework: Framework, rows: list[tuple[str, str, str, str, str]], out: Path | BinaryIO) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook starts with one ordinary worksheet
    sheet.title = "ผลคะแนน"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDE", (12, 10, 10, 90, 34), strict=True):
        sheet.column_dimensions[column].width = width
    oit_rows = [i for i, row in enumerate(rows, start=2) if framework.items.get(row[0]) and row[0].startswith("O")]
    if oit_rows:
        check = DataValidation(type="list", formula1='"ผ่าน,ไม่ผ่าน"', allow_blank=True)
        check.add(f"C{oit_rows[0]}:C{oit_rows[-1]}")
        sheet.add_data_validation(check)
    about = book.create_sheet("คำอธิบาย")
    for line in (
        (f"แบบกรอกผลคะแนน ITA ปีงบประมาณ พ.ศ. {framework.year}",),
        ("กรอกคะแนนในคอลัมน์ คะแนน เฉพาะข้อที่มี แถวที่เว้นว่างจะไม่ถูกนำมาคิด",),
        ("ข้อ OIT กรอก ผ่าน/ไม่ผ่าน (หรือ 100/0) ตัวชี้วัดย่อยกรอกเป็นร้อยละ หรือ คะแนน/คะแนนเต็ม เช่น 700/900",),
        ("รหัส IND1-IND10, IIT, EIT, OIT, TOTAL และ LEVEL คือค่าที่ได้รับแจ้ง ใช้ตรวจทานกับค่าที่โปรแกรมคำนวณ",),
    ):
        about.append(line)
    book.save(out)
