"""Problems found in a file or a form, as the rows of the error table every upload page shows."""

from __future__ import annotations

from typing import Any

from ...ita.problems import Problem


def problem_rows(problems: list[Problem], labels: dict[int, str] | None = None) -> list[dict[str, Any]]:
    """One row a problem: file, sheet, row, column, message and what was expected; `where` names the row by
    `labels` (an entry form's line names) when given, else it is empty."""
    return [
        {
            "file": p.file,
            "sheet": getattr(p, "sheet", None),
            "row": p.row,
            "column": p.column,
            "message": p.message,
            "expected": p.expected,
            "where": labels.get(p.row, "") if labels and p.row is not None else "",
        }
        for p in problems
    ]
