"""Read the list of evidence links to check: a CSV or XLSX with an OIT code column and a URL column."""

from __future__ import annotations

import re
from pathlib import Path

from ..importing.tables import read_table
from ..importing.values import clean, normalise_code
from ..ita.model import Framework
from ..ita.problems import InputError, Problem

CODE_HEADERS = {"code", "รหัส", "ข้อ", "oit"}
URL_HEADERS = {"url", "link", "ลิงก์", "ลิงค์", "url หลักฐาน", "หลักฐาน", "evidence", "evidence_url"}
_SPLIT = re.compile(r"[\s,]+")


def read_link_list(path: str | Path, framework: Framework | None = None) -> list[tuple[str, str]]:
    """(code, url) pairs in file order; a cell may hold several URLs. Codes are checked when a year is given."""
    table = read_table(path)
    names = ["".join(str(h).split()).lower() for h in table.header]
    spaced = [" ".join(str(h).split()).lower() for h in table.header]
    code_col = next((i for i, n in enumerate(names) if n in CODE_HEADERS), None)
    url_col = next((i for i, n in enumerate(spaced) if n in URL_HEADERS or names[i] in URL_HEADERS), None)
    if url_col is None:
        raise InputError(
            [
                Problem(
                    "ไม่พบคอลัมน์ลิงก์",
                    file=table.file,
                    row=table.header_row,
                    expected="หัวตารางมีคอลัมน์ code และ url (หรือ ข้อ และ ลิงก์)",
                )
            ]
        )
    pairs: list[tuple[str, str]] = []
    problems: list[Problem] = []
    for number, cells in table.rows:
        raw_url = str(cells[url_col]) if url_col < len(cells) and cells[url_col] is not None else ""
        code = normalise_code(clean(cells[code_col])) if code_col is not None and code_col < len(cells) else ""
        if not raw_url.strip():
            continue
        if code and framework is not None and code not in framework.oit_codes:
            problems.append(
                Problem(
                    f"ไม่มีข้อ OIT '{code}' ในกรอบการประเมินปี {framework.year}",
                    file=table.file,
                    row=number,
                    column=table.column_label(code_col or 0),
                    expected=f"รหัสข้อ OIT ของปี {framework.year} เช่น O1",
                )
            )
            continue
        for url in _SPLIT.split(raw_url.strip()):
            if url:
                pairs.append((code, url))
    if problems:
        raise InputError(problems)
    if not pairs:
        raise InputError([Problem("ไม่มีลิงก์ให้ตรวจ", file=table.file, expected="อย่างน้อยหนึ่งแถวที่มี URL")])
    return pairs
