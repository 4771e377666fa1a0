"""Render a Report as PDF: the HTML rendering laid out by WeasyPrint (Pango + HarfBuzz + libthai for Thai).

The installed TH Sarabun New files are named by @font-face and fontconfig is pointed at the private file before
WeasyPrint loads, so every glyph comes from TH Sarabun New and the fonts are embedded (subset) in the PDF.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

from .fonts import use_private_fontconfig
from .model import Report
from .render_html import render_html

# The only elements a report's HTML uses. WeasyPrint's full HTML5 user-agent sheet costs about a fifth of the
# layout time in the cascade; the page's own CSS sets everything else (margins, fonts, table borders).
LEAN_UA = """
head, style, title, meta, script { display: none }
html, body, div, p, section, figure, figcaption, h1, h2, h3 { display: block }
table { display: table } colgroup { display: table-column-group } col { display: table-column }
thead { display: table-header-group } tbody { display: table-row-group } tr { display: table-row }
td, th { display: table-cell } strong { font-weight: bold }
"""


@cache
def _html_class() -> Any:
    """WeasyPrint's HTML with the lean user-agent sheet (a pinned version's hook; other versions use their own)."""
    from weasyprint import CSS, HTML

    sheet = CSS(string=LEAN_UA)

    class LeanHTML(HTML):
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [sheet]

    return LeanHTML


def render_pdf(report: Report, *, thai_digits: bool = False) -> bytes:
    """The report as PDF bytes."""
    use_private_fontconfig()
    from weasyprint.text.fonts import FontConfiguration

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    html = render_html(report, thai_digits=thai_digits, embed_fonts=True)
    return _html_class()(string=html).write_pdf(font_config=FontConfiguration())
