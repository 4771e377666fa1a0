"""Render a Report as one self-contained HTML page (charts inlined as PNG), which is also the source of the PDF.

The CSS describes the printed page (A4, Thai official margins, landscape pages for the plan, page numbers at the
top centre, header rows repeated) so WeasyPrint lays the PDF out from the very same HTML.
"""

from __future__ import annotations

import base64
from html import escape

from ..ita.thaidates import format_date
from .charts import render_png
from .fonts import FAMILY, font_files
from .model import (
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

FONT_STACK = f'"{FAMILY}", "TH SarabunPSK", "Sarabun", "Laksaman", sans-serif'
CSS = """
@page { size: A4; margin: 2.5cm 2cm 2cm 3cm;
  @top-center { content: "- " counter(page, COUNTER) " -"; font-family: FONTS; font-size: 16pt; } }
@page :first { @top-center { content: none; } }
@page tall { size: A4; margin: 2.5cm 2cm 2cm 3cm; }
@page wide { size: A4 landscape; margin: 2.5cm 2cm 2cm 2cm; }
html { font-family: FONTS; font-size: 16pt; line-height: 1.25; color: #000; }
body { margin: 0; }
.title, section.portrait { page: tall; }
section.landscape { page: wide; }
.title p { text-align: center; font-weight: bold; font-size: 18pt; margin: 0; }
.title { margin-bottom: 12pt; }
h1, h2, h3 { font-weight: bold; margin: 12pt 0 3pt 0; break-after: avoid; }
h1 { font-size: 17pt; } h2 { font-size: 16pt; margin-top: 6pt; } h3 { font-size: 16pt; margin: 6pt 0 3pt 1.25cm; }
p { margin: 0; }
p.body { text-indent: 2.5cm; }
p.note { text-indent: 2.5cm; font-size: 14pt; }
p.bullet { margin-left: 3.1cm; text-indent: -0.6cm; }
p.center { text-align: center; }
p.caption { font-weight: bold; margin-top: 6pt; break-after: avoid; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 0 0 8pt 0; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th { background: #DCE6F1; font-weight: bold; text-align: center; vertical-align: middle; }
th, td { border: 0.75pt solid #000; padding: 1pt 4pt; white-space: pre-line; vertical-align: top;
  overflow-wrap: break-word; }
td.num { text-align: center; }
tr.bold td { font-weight: bold; }
figure { margin: 6pt 0; text-align: center; break-inside: avoid; }
figure img { display: block; margin: 0 auto; }
figcaption { font-size: 14pt; font-weight: bold; }
.signature { margin: 24pt 0 0 7cm; text-align: center; break-inside: avoid; }
.signature p { margin: 0; }
.break { break-before: page; }
"""


def _font_faces() -> str:
    """@font-face rules naming the installed TH Sarabun New files, so the PDF never depends on fallbacks."""
    styles = {
        "Regular": ("normal", "normal"),
        "Bold": ("bold", "normal"),
        "Italic": ("normal", "italic"),
        "BoldItalic": ("bold", "italic"),
    }
    rules = []
    for style, path in font_files().items():
        weight, slant = styles[style]
        rules.append(
            f'@font-face {{ font-family: "{FAMILY}"; src: url("{path.as_uri()}");'
            f" font-weight: {weight}; font-style: {slant}; }}"
        )
    return "\n".join(rules)


class _HtmlWriter:
    def __init__(self, thai_digits: bool):
        self.thai = thai_digits
        self.parts: list[str] = []
        self.tables = 0
        self.figures = 0
        self.width_cm = 16.0

    def text(self, value: str) -> str:
        return escape(localise(value, self.thai))

    def heading(self, block: Heading) -> None:
        level = min(max(block.level, 1), 3)
        self.parts.append(f"<h{level}>{self.text(block.text)}</h{level}>")

    def paragraph(self, block: Paragraph) -> None:
        kind = {BULLET: "bullet", NOTE: "note", CENTER: "center", PLAIN: "plain"}.get(block.style, "body")
        text = self.text(block.text)
        if block.bold:
            text = f"<strong>{text}</strong>"
        self.parts.append(f'<p class="{kind}">{text}</p>')

    def table(self, block: Table) -> None:
        if block.caption:
            self.tables += 1
            self.parts.append(f'<p class="caption">{self.text(f"ตารางที่ {self.tables} {block.caption}")}</p>')
        total = sum(c.width for c in block.columns)
        style = f' style="font-size: {block.font_size:g}pt"' if block.font_size else ""
        out = [f'<table data-key="{escape(block.key)}"{style}><colgroup>']
        out += [f'<col style="width: {100 * c.width / total:.2f}%">' for c in block.columns]
        out.append("</colgroup><thead><tr>")
        out += [f"<th>{self.text(c.header)}</th>" for c in block.columns]
        out.append("</tr></thead><tbody>")
        for index, row in enumerate(block.rows):
            out.append('<tr class="bold">' if index in block.bold_rows else "<tr>")
            for column, value in zip(block.columns, row, strict=True):
                kind = ' class="num"' if column.kind in NUMBER_KINDS else ""
                out.append(f"<td{kind}>{self.text(cell_text(value, column.kind))}</td>")
            out.append("</tr>")
        out.append("</tbody></table>")
        self.parts.append("".join(out))

    def chart(self, block: Chart) -> None:
        width = min(block.width_cm, self.width_cm)
        png = render_png(block.spec, width_cm=width, height_cm=block.height_cm, thai_digits=self.thai)
        data = base64.b64encode(png).decode("ascii")
        self.figures += 1
        caption = self.text(f"แผนภาพที่ {self.figures} {block.caption}")
        self.parts.append(
            f'<figure data-key="{escape(block.key)}"><img src="data:image/png;base64,{data}" alt="{caption}"'
            f' style="width: {width:g}cm"><figcaption>{caption}</figcaption></figure>'
        )

    def signature(self, block: Signature) -> None:
        lines = [
            f"ลงชื่อ {'.' * 40}",
            f"({block.name or '.' * 40})",
            block.position or "ตำแหน่ง " + "." * 34,
            f"วันที่ {format_date(block.date, style='long')}",
        ]
        if block.role:
            lines.append(block.role)
        self.parts.append('<div class="signature">' + "".join(f"<p>{self.text(line)}</p>" for line in lines) + "</div>")

    def write(self, report: Report) -> None:
        self.parts.append(
            '<div class="title">' + "".join(f"<p>{self.text(line)}</p>" for line in report.title) + "</div>"
        )
        for section in report.sections:
            self.width_cm = 25.7 if section.landscape else 16.0
            css = "landscape" if section.landscape else "portrait"
            self.parts.append(f'<section class="{css}" id="{escape(section.key)}">')
            for block in section.blocks:
                if isinstance(block, Heading):
                    self.heading(block)
                elif isinstance(block, Paragraph):
                    self.paragraph(block)
                elif isinstance(block, Table):
                    self.table(block)
                elif isinstance(block, Chart):
                    self.chart(block)
                elif isinstance(block, Signature):
                    self.signature(block)
                elif isinstance(block, PageBreak):
                    self.parts.append('<div class="break"></div>')
            self.parts.append("</section>")


def render_html(report: Report, *, thai_digits: bool = False, embed_fonts: bool = False) -> str:
    """The report as an HTML document; `embed_fonts` adds @font-face rules for the installed font files (PDF)."""
    writer = _HtmlWriter(thai_digits)
    writer.write(report)
    css = CSS.replace("FONTS", FONT_STACK).replace("COUNTER", "thai" if thai_digits else "decimal")
    if embed_fonts:
        css = _font_faces() + "\n" + css
    title = escape(localise(" ".join(report.title), thai_digits))
    return (
        '<!DOCTYPE html>\n<html lang="th">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="generator" content="prongsai">\n<title>{title}</title>\n<style>{css}</style>\n</head>\n'
        f"<body>\n{''.join(writer.parts)}\n</body>\n</html>\n"
    )
