"""User-facing input problems: each names the file, row, column and what was expected."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a user's input, located as precisely as the input allows."""

    message: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    expected: str | None = None

    def render(self) -> str:
        """Thai one-line form: `ไฟล์ x.csv แถว 5 คอลัมน์ score: ... (ต้องเป็น ...)`."""
        where = []
        if self.file:
            where.append(f"ไฟล์ {self.file}")
        if self.row is not None:
            where.append(f"แถว {self.row}")
        if self.column:
            where.append(f"คอลัมน์ {self.column}")
        text = (" ".join(where) + ": " if where else "") + self.message
        if self.expected:
            text += f" (ที่ถูกต้อง: {self.expected})"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "expected": self.expected,
        }


class InputError(Exception):
    """Raised with every problem found, so the user can fix them all in one pass."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.render() for p in problems))
        self.problems = problems
