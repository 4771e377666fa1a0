"""Render a Report as DOCX (python-docx): A4, Thai official margins, TH Sarabun New 16 pt with the complex-script
attributes Word and LibreOffice read for Thai, tables with repeating header rows, charts at print resolution.

An agency's own DOCX can serve as template: `{{name}}` placeholders are filled (see Report.placeholders) and the
body goes where a paragraph holds only `{{report}}` (at the end when there is none).
"""

from __future__ import annotations

import copy
import io
import re
from functools import cache
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt

from .charts import render_png
from .fonts import FAMILY
from .model import (
    BODY,
    BULLET,
    CENTER,
    NOTE,
    PLAIN,
    SCORE,
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

BODY_PT = 16.0
NOTE_PT = 14.0
TITLE_PT = 18.0
HEADING_PT = {1: 17.0, 2: 16.0, 3: 16.0}
INDENT = Cm(2.5)  # first-line indent of a Thai official paragraph
PORTRAIT = {"width": Cm(21.0), "height": Cm(29.7), "top": Cm(2.5), "bottom": Cm(2.0), "left": Cm(3.0),
            "right": Cm(2.0)}
LANDSCAPE = {"width": Cm(29.7), "height": Cm(21.0), "top": Cm(2.5), "bottom": Cm(2.0), "left": Cm(2.0),
             "right": Cm(2.0)}
HEADER_FILL = "DCE6F1"
NUMBER_KINDS = (SCORE, "change", "int")
PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
BODY_MARK = "report"


def set_run_font(run: Any, size: float = BODY_PT, bold: bool | None = None, name: str = FAMILY) -> None:
    """Font, size and weight for Latin and Thai alike: rFonts ascii/hAnsi/eastAsia/cs, sz + szCs, b + bCs."""
    element = run._element
    old = element.find(qn("w:rPr"))
    if old is not None:
        element.remove(old)
    element.insert(0, run_properties(size, bold, name))


@cache
def _rpr_template(size: float, bold: bool | None, name: str) -> Any:
    rpr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)
    rpr.append(fonts)
    if bold is not None:
        for tag in ("w:b", "w:bCs"):
            flag = OxmlElement(tag)
            if not bold:
                flag.set(qn("w:val"), "0")
            rpr.append(flag)
    for tag in ("w:sz", "w:szCs"):
        value = OxmlElement(tag)
        value.set(qn("w:val"), str(round(size * 2)))
        rpr.append(value)
    return rpr


def run_properties(size: float = BODY_PT, bold: bool | None = None, name: str = FAMILY) -> Any:
    """A fresh w:rPr in schema order (rFonts, b, bCs, sz, szCs), copied from a cached template for speed."""
    return copy.deepcopy(_rpr_template(size, bold, name))


@cache
def _cell_ppr(centred: bool) -> Any:
    """Paragraph properties of a table cell: no space after, single spacing, centred for figures."""
    ppr = OxmlElement("w:pPr")
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    ppr.append(spacing)
    if centred:
        jc = OxmlElement("w:jc")
        jc.set(qn("w:val"), "center")
        ppr.append(jc)
    return ppr


def add_text_run(paragraph_element: Any, text: str, size: float = BODY_PT, bold: bool | None = None) -> Any:
    """Append a run with its properties and text straight to a w:p element (python-docx's API is slower)."""
    run = OxmlElement("w:r")
    run.append(run_properties(size, bold))
    value = OxmlElement("w:t")
    value.set(qn("xml:space"), "preserve")
    value.text = text
    run.append(value)
    paragraph_element.append(run)
    return run


def _thai_defaults(document: Any) -> None:
    """docDefaults and the Normal style in TH Sarabun New 16 pt with Thai as the complex-script language."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    for tag in ("w:rFonts", "w:sz", "w:szCs", "w:lang"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    fonts = OxmlElement("w:rFonts")
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FAMILY)
    size, size_cs, lang = OxmlElement("w:sz"), OxmlElement("w:szCs"), OxmlElement("w:lang")
    size.set(qn("w:val"), str(round(BODY_PT * 2)))
    size_cs.set(qn("w:val"), str(round(BODY_PT * 2)))
    lang.set(qn("w:val"), "th-TH")
    lang.set(qn("w:eastAsia"), "en-US")
    lang.set(qn("w:bidi"), "th-TH")
    for element in (fonts, size, size_cs, lang):  # schema order: rFonts ... sz, szCs ... lang
        rpr.append(element)
    _order_rpr(rpr)
    normal = document.styles["Normal"]
    normal.font.name = FAMILY
    normal_rpr = normal.element.get_or_add_rPr()
    normal_rpr.rFonts.set(qn("w:eastAsia"), FAMILY)
    normal_rpr.rFonts.set(qn("w:cs"), FAMILY)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        normal_rpr.rFonts.attrib.pop(qn(attribute), None)
    normal.font.size = Pt(BODY_PT)
    if normal_rpr.find(qn("w:szCs")) is None:
        size_cs = OxmlElement("w:szCs")
        size_cs.set(qn("w:val"), str(round(BODY_PT * 2)))
        normal_rpr.find(qn("w:sz")).addnext(size_cs)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0


_RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
              "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w",
              "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign",
              "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"]


def _order_rpr(rpr: Any) -> None:
    """Put the children of a run-properties element in schema order (Word rejects other orders)."""
    rank = {qn(f"w:{name}"): i for i, name in enumerate(_RPR_ORDER)}
    children = sorted(rpr, key=lambda e: rank.get(e.tag, len(rank)))
    for child in children:
        rpr.remove(child)
        rpr.append(child)


def _page(section: Any, layout: dict[str, Any], landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = layout["width"], layout["height"]
    section.top_margin, section.bottom_margin = layout["top"], layout["bottom"]
    section.left_margin, section.right_margin = layout["left"], layout["right"]


def _page_number_header(section: Any, thai_digits: bool) -> None:
    """Page numbers at the top centre ("- 2 -"), none on the first page, Thai digits when asked."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_run_font(paragraph.add_run("- "))
    run = paragraph.add_run()
    set_run_font(run)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._element.append(char)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._element.append(instruction)
        else:
            value = OxmlElement("w:t")
            value.text = localise(text or "", thai_digits)
            run._element.append(value)
    set_run_font(paragraph.add_run(" -"))
    if thai_digits:
        numbering = section._sectPr.find(qn("w:pgNumType"))
        if numbering is None:
            numbering = OxmlElement("w:pgNumType")
            section._sectPr.append(numbering)
        numbering.set(qn("w:fmt"), "thaiNumbers")


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

    def paragraph(self, text: str, *, size: float = BODY_PT, bold: bool = False, align: Any = None,
                  first_indent: Any = None, left_indent: Any = None, space_before: float = 0,
                  space_after: float = 0, keep_next: bool = False) -> Any:
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
            self.paragraph(line, size=TITLE_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
                           space_after=12 if index == len(lines) - 1 else 0)

    def heading(self, block: Heading) -> None:
        paragraph = self.paragraph(block.text, size=HEADING_PT.get(block.level, BODY_PT), bold=True,
                                   space_before=12 if block.level == 1 else 6, space_after=3, keep_next=True,
                                   left_indent=Cm(1.25) if block.level == 3 else None)
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(block.level - 1))
        paragraph._p.get_or_add_pPr().append(level)

    def body(self, block: Paragraph) -> None:
        if block.style == BULLET:
            paragraph = self.paragraph(block.text, bold=block.bold, left_indent=INDENT + Cm(0.6),
                                       first_indent=Cm(-0.6))
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
            self.paragraph(f"ตารางที่ {self.tables} {block.caption}", size=size, bold=True, space_before=6,
                           keep_next=True)
        total = sum(c.width for c in block.columns)
        widths = [int(self.width * c.width / total) for c in block.columns]
        table = self.doc.add_table(rows=1 + len(block.rows), cols=len(block.columns))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _table_layout(table, widths)
        rows = table.rows
        _repeat_header(rows[0])
        for cell, column, width in zip(rows[0].cells, block.columns, widths, strict=True):
            cell.width = Emu(width)
            _shade(cell, HEADER_FILL)
            self._cell(cell, column.header, size, True, WD_ALIGN_PARAGRAPH.CENTER)
        for index, (row, values) in enumerate(zip(rows[1:], block.rows, strict=True)):
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
            paragraph.insert(0, copy.deepcopy(_cell_ppr(align is not None)))
            add_text_run(paragraph, line, size, bold)

    def chart(self, block: Chart) -> None:
        width_cm = min(block.width_cm, self.width / 360000)
        png = render_png(block.spec, width_cm=width_cm, height_cm=block.height_cm, thai_digits=self.thai)
        paragraph = self.paragraph("", align=WD_ALIGN_PARAGRAPH.CENTER, space_before=6, keep_next=True)
        paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(width_cm))
        self.figures += 1
        self.paragraph(f"แผนภาพที่ {self.figures} {block.caption}", size=NOTE_PT, bold=True,
                       align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)

    def signature(self, block: Signature) -> None:
        from ..ita.thaidates import format_date

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


def _table_layout(table: Any, widths: list[int]) -> None:
    """Fixed layout, explicit grid and borders: the same columns in Word and LibreOffice, with or without styles."""
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tbl_pr.append(width)
    width.set(qn("w:w"), str(int(sum(widths) / 635)))
    width.set(qn("w:type"), "dxa")
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "single")
        border.set(qn("w:sz"), "4")
        border.set(qn("w:space"), "0")
        border.set(qn("w:color"), "000000")
        borders.append(border)
    tbl_pr.append(borders)
    _order_children(tbl_pr, _TBLPR_ORDER)
    for column, value in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(int(value / 635)))


_TBLPR_ORDER = ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
                "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook"]


def _order_children(element: Any, order: list[str]) -> None:
    rank = {qn(f"w:{name}"): i for i, name in enumerate(order)}
    for child in sorted(element, key=lambda e: rank.get(e.tag, len(rank))):
        element.remove(child)
        element.append(child)


def _repeat_header(row: Any) -> None:
    """Mark a row as the header that repeats at the top of every page the table spans (w:tblHeader)."""
    tr_pr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        element = OxmlElement(tag)
        tr_pr.append(element)


def _shade(cell: Any, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc_pr.append(shading)


def _fill_placeholders(document: Any, values: dict[str, str], thai_digits: bool) -> set[str]:
    """Replace `{{name}}` in every paragraph (body, tables, headers, footers); the names the template used."""
    used: set[str] = set()

    def paragraphs() -> Any:
        yield from _all_paragraphs(document.element.body, document)
        for section in document.sections:
            for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
                if part is not None and not part.is_linked_to_previous:
                    yield from part.paragraphs
                    for table in part.tables:
                        for row in table.rows:
                            for cell in row.cells:
                                yield from cell.paragraphs

    for paragraph in paragraphs():
        text = paragraph.text
        if "{{" not in text:
            continue
        names = set(PLACEHOLDER.findall(text))
        used |= names
        if names == {BODY_MARK} and text.strip().startswith("{{"):
            continue
        replaced = PLACEHOLDER.sub(
            lambda m: localise(values[m.group(1)], thai_digits) if m.group(1) in values else m.group(0), text
        )
        runs = paragraph.runs
        if runs:
            runs[0].text = replaced
            for run in runs[1:]:
                run.text = ""
    return used


def _all_paragraphs(body: Any, document: Any) -> Any:
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            yield DocxParagraph(child, document)
        elif child.tag == qn("w:tbl"):
            for row in DocxTable(child, document).rows:
                for cell in row.cells:
                    yield from cell.paragraphs


def _text_width(section: Any) -> int:
    return int(section.page_width - section.left_margin - section.right_margin)


def render_docx(report: Report, *, thai_digits: bool = False, template: Path | None = None) -> bytes:
    """The report as DOCX bytes."""
    if template is None:
        document = Document()
        _thai_defaults(document)
        section = document.sections[0]
        _page(section, PORTRAIT, landscape=False)
        _page_number_header(section, thai_digits)
        writer = _Writer(document, thai_digits, _text_width(section),
                         int(LANDSCAPE["width"] - LANDSCAPE["left"] - LANDSCAPE["right"]))
        writer.write(report)
    else:
        document = Document(str(template))
        used = _fill_placeholders(document, report.placeholders(), thai_digits)
        body = document.element.body
        mark = next((p for p in body.iterchildren(qn("w:p"))
                     if "".join(t.text or "" for t in p.iter(qn("w:t"))).strip() == "{{" + BODY_MARK + "}}"), None)
        existing = set(body)  # holding the elements keeps their proxies, so membership is identity
        section = document.sections[-1]
        writer = _Writer(document, thai_digits, _text_width(section),
                         int(LANDSCAPE["width"] - LANDSCAPE["left"] - LANDSCAPE["right"]))
        writer.write(report, with_signature="signatory_name" not in used)
        if mark is not None:
            for element in [e for e in body if e not in existing and e.tag != qn("w:sectPr")]:
                mark.addprevious(element)
            body.remove(mark)
    _first_page_only(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _first_page_only(document: Any) -> None:
    """Keep "different first page" (no page number, or a letterhead) on the document's first section only."""
    properties = list(document.element.body.iter(qn("w:sectPr")))
    wanted = properties[-1].find(qn("w:titlePg")) is not None  # the document's own setting
    for element in properties:
        for flag in element.findall(qn("w:titlePg")):
            element.remove(flag)
    if wanted:
        first = properties[0]
        flag = OxmlElement("w:titlePg")
        after = [first.find(qn(f"w:{tag}")) for tag in ("textDirection", "bidi", "rtlGutter", "docGrid",
                                                        "printerSettings", "sectPrChange")]
        following = next((e for e in after if e is not None), None)
        if following is not None:
            following.addprevious(flag)
        else:
            first.append(flag)
