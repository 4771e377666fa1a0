"""An agency's DOCX template: fill its `{{name}}` placeholders and put the report body where `{{report}}` stands."""

from __future__ import annotations

import re
from typing import Any

from docx.oxml.ns import qn

from .model import localise

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
BODY_MARK = "report"


def fill_placeholders(document: Any, values: dict[str, str], thai_digits: bool) -> set[str]:
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


def body_mark(document: Any) -> Any:
    """The body paragraph holding only `{{report}}`, or None."""
    for paragraph in document.element.body.iterchildren(qn("w:p")):
        if "".join(t.text or "" for t in paragraph.iter(qn("w:t"))).strip() == "{{" + BODY_MARK + "}}":
            return paragraph
    return None


def move_before(document: Any, existing: set[Any], mark: Any) -> None:
    """Move every body element added since `existing` was taken to just before `mark`, then drop the mark."""
    body = document.element.body
    for element in [e for e in body if e not in existing and e.tag != qn("w:sectPr")]:
        mark.addprevious(element)
    body.remove(mark)
