"""Render a Report as PDF: the HTML rendering laid out by WeasyPrint (Pango + HarfBuzz + libthai for Thai).

The installed TH Sarabun New files are named by @font-face and fontconfig is pointed at the private file before
WeasyPrint loads, so every glyph comes from TH Sarabun New and the fonts are embedded (subset) in the PDF.
"""

from __future__ import annotations

import logging

from .fonts import use_private_fontconfig
from .model import Report
from .render_html import render_html


def render_pdf(report: Report, *, thai_digits: bool = False) -> bytes:
    """The report as PDF bytes."""
    use_private_fontconfig()
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    html = render_html(report, thai_digits=thai_digits, embed_fonts=True)
    fonts = FontConfiguration()
    return HTML(string=html).write_pdf(font_config=fonts)
