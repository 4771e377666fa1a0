"""The engine's answer for one agency's year: figures with their origin, reconciliation checks, the Assessment."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from .model import Framework

COMPUTED = "computed"
REPORTED = "reported"
MISSING = "missing"
# A reported figure agrees with the computed one when they differ by at most this much (the bound is inclusive).
DEFAULT_TOLERANCE = 0.01
# Slack for binary floating point, so that a difference meant to equal the tolerance (85.01 - 85.00) agrees.
FLOAT_SLACK = 1e-9


def within_tolerance(difference: float, tolerance: float) -> bool:
    """Whether a reported and a computed figure agree: |difference| <= tolerance, the bound included."""
    return abs(difference) <= tolerance + FLOAT_SLACK


class Figure(NamedTuple):
    """One score and where it came from: computed (from what), reported as given, or missing (why).

    A NamedTuple, so that the engine makes thousands of them a second without a Python-level constructor.
    """

    code: str
    value: float | None
    origin: str
    basis: str = ""
    note: str = ""

    @property
    def known(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class Reconciliation:
    """One reported figure checked against the computed one."""

    code: str
    reported: float | str
    computed: float | str
    difference: float | None
    ok: bool


@dataclass
class Assessment:
    """Everything the engine says about one agency's year; the CLI, reports and web pages all read this."""

    framework: Framework
    agency: str | None
    questions: dict[str, float]
    channel_questions: dict[str, dict[str, float]]
    oit_items: dict[str, float]
    sub_indicators: dict[str, Figure]
    indicators: dict[int, Figure]
    tools: dict[str, Figure]
    channel_tools: dict[str, Figure]
    total: Figure
    level: str | None
    level_reason: str
    reconciliation: list[Reconciliation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.framework.year

    @property
    def mismatches(self) -> list[Reconciliation]:
        return [r for r in self.reconciliation if not r.ok]
