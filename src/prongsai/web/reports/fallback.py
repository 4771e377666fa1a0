"""Interim report files used until the shared renderer (`prongsai.reports`) is merged: a one-page DOCX summary
written with the standard library, and an XLSX workbook of the figures written with openpyxl. Both read only the
stored `prongsai-assessment/1` result, so they show exactly the figures of the pages and the API."""

from __future__ import annotations

import io
import zipfile
from typing import Any
from xml.sax.saxutils import escape

from ...ita.library import framework_for
from ...ita.numbers import fmt2

_FONT = "TH Sarabun New"
_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
 Target="word/document.xml"/>
</Relationships>"""
_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _run(text: str, *, bold: bool = False, size: int = 32) -> str:
    # Thai is a complex script: the font and size must be set for it (w:cs, w:szCs) or Word ignores them.
    props = (f'<w:rFonts w:ascii="{_FONT}" w:hAnsi="{_FONT}" w:cs="{_FONT}"/>'
             + ("<w:b/><w:bCs/>" if bold else "")
             + f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/><w:lang w:bidi="th-TH"/>')
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _para(text: str, **style: Any) -> str:
    return f"<w:p>{_run(text, **style)}</w:p>"


def _table(rows: list[list[str]]) -> str:
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    body = "".join(
        "<w:tr>" + "".join(f"<w:tc><w:p>{_run(cell, bold=index == 0)}</w:p></w:tc>" for cell in row) + "</w:tr>"
        for index, row in enumerate(rows)
    )
    props = f'<w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>{borders}</w:tblBorders></w:tblPr>'
    return f"<w:tbl>{props}{body}</w:tbl>"


def _indicator_rows(result: dict[str, Any]) -> list[list[str]]:
    fw = framework_for(result["year"])
    rows = [["ตัวชี้วัด", "ชื่อ", "คะแนน"]]
    for number, indicator in sorted(fw.indicators.items()):
        rows.append([str(number), indicator.name, fmt2(result["indicators"].get(str(number)))])
    return rows


def summary_docx(result: dict[str, Any]) -> bytes:
    """A one-page summary: agency, year, total, level and its reason, tools, the ten indicators."""
    parts = [
        _para("สรุปผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)", bold=True, size=36),
        _para(f"{result.get('agency') or ''} ปีงบประมาณ พ.ศ. {result['year']}", bold=True),
        _para(f"คะแนนรวม {fmt2(result.get('total'))} ระดับ {result.get('level') or 'ยังตัดสินไม่ได้'}"),
        _para(f"เหตุผลของระดับ: {result.get('level_reason') or '-'}"),
        _para("คะแนนรายเครื่องมือ: " + ", ".join(f"{k} {fmt2(v)}" for k, v in result.get("tools", {}).items())),
        _table(_indicator_rows(result)),
        _para("ฉบับสรุปชั่วคราว: รายงานฉบับเต็มจะสร้างด้วยชุดรายงานของโปร่งใสเมื่อพร้อมใช้งาน", size=24),
    ]
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_NS}><w:body>'
                + "".join(parts) + "</w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def summary_xlsx(result: dict[str, Any]) -> bytes:
    """Sheets: summary, indicators, questions and OIT items, reconciliation."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "สรุป"
    sheet.append(["หน่วยงาน", result.get("agency")])
    sheet.append(["ปีงบประมาณ", result["year"]])
    sheet.append(["คะแนนรวม", result.get("total")])
    sheet.append(["ระดับ", result.get("level")])
    sheet.append(["เหตุผลของระดับ", result.get("level_reason")])
    for tool, value in result.get("tools", {}).items():
        sheet.append([tool, value])
    indicators = book.create_sheet("ตัวชี้วัด")
    for row in _indicator_rows(result):
        indicators.append(row)
    items = book.create_sheet("รายข้อ")
    items.append(["รหัส", "คะแนน"])
    for code, value in {**result.get("questions", {}), **result.get("oit_items", {})}.items():
        items.append([code, value])
    checks = book.create_sheet("ตรวจทาน")
    checks.append(["รหัส", "ค่าที่แจ้ง", "ค่าที่คำนวณ", "ผลต่าง", "ตรงกัน"])
    for entry in result.get("reconciliation", []):
        checks.append([entry["code"], entry["reported"], entry["computed"], entry["difference"],
                       "ตรง" if entry["ok"] else "ไม่ตรง"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
