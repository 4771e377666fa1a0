"""The loader's problems, which name a path in the framework data, turned back into the workbook's sheet, Excel
row and column, so an administrator is pointed to the cell to correct."""

from __future__ import annotations

from ..ita.problems import Problem
from .columns import GRADING, INDICATORS, ITEMS, META, SHEETS, TOOLS, Sheet
from .workbook import Workbook

SHEET_OF: dict[str, Sheet] = {sheet.name: sheet for sheet in SHEETS}
KEY_OF: dict[str, str | None] = {  # a path's last part that is a list of rows, not a column
    "answers": "score",
    "sub_indicators": None,
    "questions": None,
    "items": None,
}


def locate(book: Workbook, problem: Problem) -> Problem:
    """The same problem, naming the sheet, row and column of the longest known data path it falls under."""
    path = problem.column or ""
    best = ""
    for prefix in book.locations:
        if (path == prefix or path.startswith(prefix + ".") or path.startswith(prefix + "[")) and len(prefix) > len(
            best
        ):
            best = prefix
    if not best:
        if path == "topic":
            return Problem(
                problem.message,
                file=book.label(ITEMS),
                column=book.column(ITEMS, "topic"),
                expected=problem.expected,
            )
        if path in ("tools", "indicators", "grading.levels", "grading"):
            sheet = {"tools": TOOLS, "indicators": INDICATORS}.get(path, GRADING)
            return Problem(problem.message, file=book.label(sheet), expected=problem.expected)
        return problem
    sheet_name, row = book.locations[best]
    sheet = SHEET_OF[sheet_name]
    rest = path[len(best) :].lstrip(".")
    key = rest.split(".")[0].split("[")[0] if rest else None
    if sheet is META:
        key = "value"
    elif key in KEY_OF:
        key = KEY_OF[key]
    elif best.startswith("tools.OIT.candidate_groupings") and key == "code":
        key = "sub_indicator"
    elif best.startswith("tools.OIT.candidate_groupings") and key == "name" and ".sub_indicators[" not in best:
        key = "grouping"
    if key is not None and not any(c.key == key for c in sheet.columns):
        key = None
    return Problem(
        problem.message, file=book.label(sheet), row=row, column=book.column(sheet, key), expected=problem.expected
    )
