"""WordprocessingML details Thai needs, below python-docx's API: run properties with the complex-script font,
size and weight (w:cs, w:szCs, w:bCs), Thai docDefaults, fixed table grids with borders and repeating header rows,
page numbers, and "different first page" kept on the first section only."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from .fonts import FAMILY
from .model import localise

BODY_PT = 16.0


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
def cell_ppr(centred: bool) -> Any:
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


def thai_defaults(document: Any) -> None:
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


_RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]


def _order_rpr(rpr: Any) -> None:
    """Put the children of a run-properties element in schema order (Word rejects other orders)."""
    rank = {qn(f"w:{name}"): i for i, name in enumerate(_RPR_ORDER)}
    children = sorted(rpr, key=lambda e: rank.get(e.tag, len(rank)))
    for child in children:
        rpr.remove(child)
        rpr.append(child)


def page_number_header(section: Any, thai_digits: bool) -> None:
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


def table_layout(table: Any, widths: list[int]) -> None:
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


_TBLPR_ORDER = [
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
]


def _order_children(element: Any, order: list[str]) -> None:
    rank = {qn(f"w:{name}"): i for i, name in enumerate(order)}
    for child in sorted(element, key=lambda e: rank.get(e.tag, len(rank))):
        element.remove(child)
        element.append(child)


def repeat_header(row: Any) -> None:
    """Mark a row as the header that repeats at the top of every page the table spans (w:tblHeader)."""
    tr_pr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        element = OxmlElement(tag)
        tr_pr.append(element)


def keep_row_whole(row: Any) -> None:
    """A row that is never split across pages (w:cantSplit): a measure's row is read as one piece."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.insert(0, OxmlElement("w:cantSplit"))


def shade(cell: Any, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc_pr.append(shading)


def first_page_only(document: Any) -> None:
    """Keep "different first page" (no page number, or a letterhead) on the document's first section only."""
    properties = list(document.element.body.iter(qn("w:sectPr")))
    wanted = properties[-1].find(qn("w:titlePg")) is not None  # the document's own setting
    for element in properties:
        for flag in element.findall(qn("w:titlePg")):
            element.remove(flag)
    if wanted:
        first = properties[0]
        flag = OxmlElement("w:titlePg")
        after = [
            first.find(qn(f"w:{tag}"))
            for tag in ("textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange")
        ]
        following = next((e for e in after if e is not None), None)
        if following is not None:
            following.addprevious(flag)
        else:
            first.append(flag)
