"""Render a Report as DOCX (python-docx): A4, Thai official margins, TH Sarabun New 16 pt with the complex-script
attributes Word and LibreOffice read for Thai, tables with repeating header rows, charts at print resolution.

An agency's own DOCX can serve as template: `{{name}}` placeholders are filled (see Report.placeholders) and the
body goes where a paragraph holds only `{{report}}` (at the end when there is none).
"""

from __future__ import annotations

import copy
import io
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt

from ..ita.thaidates import format_date
from .charts import render_png
from .docx_template import body_mark, fill_placeholders, move_before
from .docx_xml import (
    BODY_PT,
    add_text_run,
    cell_ppr,
    first_page_only,
    keep_row_whole,
    page_number_header,
    repeat_header,
    set_run_font,
    shade,
    table_layout,
    thai_defaults,
)
from .model import (
    BODY,
    BULLET,
    CENTER,
    NOTE,
    NUMBER_KINDS,
    PLAIN,
    Chart,
    Heading,
    PageBreak,
    Paragraph,
    Report,
    Signature,
    Table,
    cell_text,
    localise,
)

NOTE_PT = 14.0
TITLE_PT = 18.0
HEADING_PT = {1: 17.0, 2: 16.0, 3: 16.0}
INDENT = Cm(2.5)  # first-line indent of a Thai official paragraph
PORTRAIT = {"width": Cm(21.0), "height": Cm(29.7), "top": Cm(2.5), "bottom": Cm(2.0), "left": Cm(3.0), "right": Cm(2.0)}
LANDSCAPE = {
    "width": Cm(29.7),
    "height": Cm(21.0),
    "top": Cm(2.5),
    "bottom": Cm(2.0),
    "left": Cm(2.0),
    "right": Cm(2.0),
}
HEADER_FILL = "DCE6F1"


def _page(section: Any, layout: dict[str, Any], landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = layout["width"], layout["height"]
    section.top_margin, section.bottom_margin = layout["top"], layout["bottom"]
    section.left_margin, section.right_margin = layout["left"], layout["right"]


class _Writer:
    """Appends the blocks of a report to a python-docx Document."""

    def __init__(self, document: Any, thai_digits: bool, text_width: int, landscape_width: int):
        self.doc = document
        self.thai = thai_digits
        self.portrait_width = text_width
        self.landscape_width = landscape_width
        self.width = text_width
        self.tables = 0
        self.figures = 0

    def text(self, value: str) -> str:
        return localise(value, self.thai)

    def paragraph(
        self,
        text: str,
        *,
        size: float = BODY_PT,
        bold: bool = False,
        align: Any = None,
        first_indent: Any = None,
        left_indent: Any = None,
        space_before: float = 0,
        space_after: float = 0,
        keep_next: bool = False,
    ) -> Any:
        paragraph = self.doc.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(space_before), Pt(space_after), 1.0
        if align is not None:
            paragraph.alignment = align
        if first_indent is not None:
            fmt.first_line_indent = first_indent
        if left_indent is not None:
            fmt.left_indent = left_indent
        if keep_next:
            fmt.keep_with_next = True
        if text:
            set_run_font(paragraph.add_run(self.text(text)), size, bold)
        return paragraph

    def title(self, lines: tuple[str, ...]) -> None:
        for index, line in enumerate(lines):
            self.paragraph(
                line,
                size=TITLE_PT,
                bold=True,
                align=WD_ALIGN_PARAGRAPH.CENTER,
                space_after=12 if index == len(lines) - 1 else 0,
            )

    def heading(self, block: Heading) -> None:
        paragraph = self.paragraph(
            block.text,
            size=HEADING_PT.get(block.level, BODY_PT),
            bold=True,
            space_before=12 if block.level == 1 else 6,
            space_after=3,
            keep_next=True,
            left_indent=Cm(1.25) if block.level == 3 else None,
        )
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(block.level - 1))
        paragraph._p.get_or_add_pPr().append(level)

    def body(self, block: Paragraph) -> None:
        if block.style == BULLET:
            paragraph = self.paragraph(block.text, bold=block.bold, left_indent=INDENT + Cm(0.6), first_indent=Cm(-0.6))
        elif block.style == NOTE:
            paragraph = self.paragraph(block.text, size=NOTE_PT, bold=block.bold, first_indent=INDENT)
        elif block.style == CENTER:
            paragraph = self.paragraph(block.text, bold=block.bold, align=WD_ALIGN_PARAGRAPH.CENTER)
        elif block.style == PLAIN:
            paragraph = self.paragraph(block.text, bold=block.bold)
        else:
            paragraph = self.paragraph(block.text, bold=block.bold, first_indent=INDENT)
        if block.style in (BODY, NOTE):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.THAI_JUSTIFY

    def table(self, block: Table) -> None:
        size = block.font_size or BODY_PT
        if block.caption:
            self.tables += 1
            self.paragraph(
                f"ตารางที่ {self.tables} {block.caption}", size=size, bold=True, space_before=6, keep_next=True
            )
        total = sum(c.width for c in block.columns)
        widths = [int(self.width * c.width / total) for c in block.columns]
        table = self.doc.add_table(rows=1 + len(block.rows), cols=len(block.columns))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        table_layout(table, widths)
        rows = table.rows
        repeat_header(rows[0])
        for cell, column, width in zip(rows[0].cells, block.columns, widths, strict=True):
            cell.width = Emu(width)
            shade(cell, HEADER_FILL)
            self._cell(cell, column.header, size, True, WD_ALIGN_PARAGRAPH.CENTER)
        for index, (row, values) in enumerate(zip(rows[1:], block.rows, strict=True)):
            keep_row_whole(row)
            bold = index in block.bold_rows
            for cell, column, width, value in zip(row.cells, block.columns, widths, values, strict=True):
                cell.width = Emu(width)
                align = WD_ALIGN_PARAGRAPH.CENTER if column.kind in NUMBER_KINDS else None
                self._cell(cell, cell_text(value, column.kind), size, bold, align)
        self.paragraph("", size=8)

    def _cell(self, cell: Any, text: str, size: float, bold: bool, align: Any) -> None:
        tc = cell._tc
        first = tc.find(qn("w:p"))
        for number, line in enumerate(self.text(text).split("\n")):
            paragraph = first if number == 0 else OxmlElement("w:p")
            if number:
                tc.append(paragraph)
            old = paragraph.find(qn("w:pPr"))
            if old is not None:
                paragraph.remove(old)
            paragraph.insert(0, copy.deepcopy(cell_ppr(align is not None)))
            add_text_run(paragraph, line, size, bold)

    def chart(self, block: Chart) -> None:
        width_cm = min(block.width_cm, self.width / 360000)
        png = render_png(block.spec, width_cm=width_cm, height_cm=block.height_cm, thai_digits=self.thai)
        paragraph = self.paragraph("", align=WD_ALIGN_PARAGRAPH.CENTER, space_before=6, keep_next=True)
        paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(width_cm))
        self.figures += 1
        self.paragraph(
            f"แผนภาพที่ {self.figures} {block.caption}",
            size=NOTE_PT,
            bold=True,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            space_after=6,
        )

    def signature(self, block: Signature) -> None:
        indent = Cm(7.0)
        self.paragraph("", space_before=12)
        for line in (
            f"ลงชื่อ {'.' * 40}",
            f"({block.name or '.' * 40})",
            block.position or "ตำแหน่ง " + "." * 34,
            f"วันที่ {format_date(block.date, style='long')}",
        ):
            paragraph = self.paragraph(line, align=WD_ALIGN_PARAGRAPH.CENTER, left_indent=indent)
            paragraph.paragraph_format.keep_with_next = True
        if block.role:
            self.paragraph(block.role, align=WD_ALIGN_PARAGRAPH.CENTER, left_indent=indent)

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def section_break(self, ending_landscape: bool) -> None:
        """End the current section here (a paragraph carrying its sectPr); the next one starts on a new page."""
        final = self.doc.sections[-1]._sectPr
        properties = copy.deepcopy(final)
        numbering = properties.find(qn("w:pgNumType"))
        if numbering is not None:
            numbering.attrib.pop(qn("w:start"), None)  # page numbers run on across sections
        if ending_landscape:
            size = properties.find(qn("w:pgSz"))
            size.set(qn("w:orient"), "landscape")
            size.set(qn("w:w"), str(int(LANDSCAPE["width"] / 635)))
            size.set(qn("w:h"), str(int(LANDSCAPE["height"] / 635)))
            margins = properties.find(qn("w:pgMar"))
            for side in ("top", "bottom", "left", "right"):
                margins.set(qn(f"w:{side}"), str(int(LANDSCAPE[side] / 635)))
        paragraph = self.doc.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph._p.get_or_add_pPr().append(properties)

    def write(self, report: Report, *, with_signature: bool = True) -> None:
        self.title(report.title)
        for section in report.sections:
            if section.landscape:
                self.section_break(ending_landscape=False)
                self.width = self.landscape_width
            for block in section.blocks:
                if isinstance(block, Heading):
                    self.heading(block)
                elif isinstance(block, Paragraph):
                    self.body(block)
                elif isinstance(block, Table):
                    self.table(block)
                elif isinstance(block, Chart):
                    self.chart(block)
                elif isinstance(block, Signature):
                    if with_signature:
                        self.signature(block)
                elif isinstance(block, PageBreak):
                    self.page_break()
            if section.landscape:
                self.section_break(ending_landscape=True)
                self.width = self.portrait_width


def _text_width(section: Any) -> int:
    return int(section.page_width - section.left_margin - section.right_margin)


def render_docx(report: Report, *, thai_digits: bool = False, template: Path | None = None) -> bytes:
    """The report as DOCX bytes."""
    if template is None:
        document = Document()
        thai_defaults(document)
        section = document.sections[0]
        _page(section, PORTRAIT, landscape=False)
        page_number_header(section, thai_digits)
        writer = _Writer(
            document,
            thai_digits,
            _text_width(section),
            int(LANDSCAPE["width"] - LANDSCAPE["left"] - LANDSCAPE["right"]),
        )
        writer.write(report)
    else:
        document = Document(str(template))
        used = fill_placeholders(document, report.placeholders(), thai_digits)
        mark = body_mark(document)
        existing = set(document.element.body)  # holding the elements keeps their proxies: membership is identity
        section = document.sections[-1]
        writer = _Writer(
            document,
            thai_digits,
            _text_width(section),
            int(LANDSCAPE["width"] - LANDSCAPE["left"] - LANDSCAPE["right"]),
        )
        writer.write(report, with_signature="signatory_name" not in used)
        if mark is not None:
            move_before(document, existing, mark)
    first_page_only(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
