"""Hostile input files, built byte by byte for the tests: the smallest XLSX openpyxl opens, with any sheet XML
(a dimension of the whole sheet, a DTD, entities), zip bombs, a zip that lies about its sizes, deep JSON."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PROLOG = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
CONTENT_TYPES = (
    PROLOG + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
PACKAGE_RELS = (
    PROLOG + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    PROLOG + f'<workbook xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    PROLOG + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)


def cell(ref: str, value: object) -> str:
    """One <c> element: a number as a value, anything else as an inline string."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def sheet_xml(rows: dict[int, list[tuple[str, object]]], dimension: str = "A1", prolog: str = PROLOG) -> str:
    """A worksheet: `rows` maps a row number to its (column letters, value) cells."""
    body = "".join(
        f'<row r="{number}">' + "".join(cell(f"{col}{number}", v) for col, v in cells) + "</row>"
        for number, cells in sorted(rows.items())
    )
    return f'{prolog}<worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/><sheetData>{body}</sheetData></worksheet>'


def xlsx(
    sheet: str, *, name: str = "ผลคะแนน", extra: dict[str, bytes] | None = None, compression: int = zipfile.ZIP_DEFLATED
) -> bytes:
    """The smallest workbook openpyxl opens: content types, relationships, a workbook and one sheet."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK.replace("{name}", escape(name, {'"': "&quot;"})))
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        for member, data in (extra or {}).items():
            archive.writestr(member, data)
    return buffer.getvalue()


def huge_dimension_xlsx(header: tuple[str, ...] = ("code", "score")) -> bytes:
    """The file of the issue: a header, a dimension of the whole sheet (A1:XFD1048576), one cell at the bottom."""
    rows = {1: list(zip("ABC", header, strict=False)), 1_048_576: [("XFD", 1)]}
    return xlsx(sheet_xml(rows, dimension="A1:XFD1048576"))


def padded_dimension_xlsx() -> bytes:
    """A valid result file whose declared dimension is the whole sheet: read as the two rows it holds."""
    rows = {1: [("A", "code"), ("B", "score")], 2: [("A", "I1"), ("B", 93.5)]}
    return xlsx(sheet_xml(rows, dimension="A1:XFD1048576"))


def dtd_xlsx(entities: bool = True) -> bytes:
    """A sheet with a DTD: with entities that expand (billion laughs, kept small), or a DTD alone."""
    if entities:
        doctype = (
            '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        )
        header = "&c;"
    else:
        doctype = "<!DOCTYPE worksheet>"
        header = "code"
    sheet = (
        PROLOG + doctype + f'<worksheet xmlns="{MAIN}"><sheetData><row r="1">'
        f'<c r="A1" t="inlineStr"><is><t>{header}</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>score</t></is></c></row></sheetData></worksheet>'
    )
    return xlsx(sheet)


def external_entity_xlsx(target: str) -> bytes:
    """A sheet whose header cell is an external entity pointing at a local file."""
    sheet = (
        PROLOG + f'<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file://{target}">]>'
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c>'
        "</row></sheetData></worksheet>"
    )
    return xlsx(sheet)


def zip_bomb_xlsx(megabytes: int = 200) -> bytes:
    """A sheet that inflates from about 200 KB to `megabytes` MiB of blanks before its closing tags."""
    blank = b" " * (1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK.replace("{name}", "ผลคะแนน"))
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            member.write(f'{PROLOG}<worksheet xmlns="{MAIN}"><sheetData>'.encode())
            for _ in range(megabytes):
                member.write(blank)
            member.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def lying_zip_xlsx() -> bytes:
    """A sheet whose zip entries declare 100 bytes while the data inflates to 50 MiB."""
    data = bytearray(zip_bomb_xlsx(50))
    target = b"xl/worksheets/sheet1.xml"
    # The local header (signature PK\3\4) and the central directory entry (PK\1\2) both carry the size.
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(target)] == target:
                data[start + offset : start + offset + 4] = (100).to_bytes(4, "little")
            start += 4
    return bytes(data)


def deep_json(depth: int = 100_000) -> bytes:
    return b"[" * depth + b"]" * depth
