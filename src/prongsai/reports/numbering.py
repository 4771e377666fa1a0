"""Section numbers of the analysis report: 1, 2, 3... and sub-numbers 4.1, 4.2, in the order headings are made."""

from __future__ import annotations


class Numbering:
    """Counts the report's headings, so each section builder numbers its own without knowing the others."""

    def __init__(self) -> None:
        self.major = 0
        self.minor = 0

    def next(self, title: str) -> str:
        self.major += 1
        self.minor = 0
        return f"{self.major}. {title}"

    def sub(self, title: str) -> str:
        self.minor += 1
        return f"{self.major}.{self.minor} {title}"
