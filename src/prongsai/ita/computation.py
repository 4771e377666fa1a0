"""The engine's figures for one agency, before they are dressed as an Assessment: what a batch reads directly."""

from __future__ import annotations

from functools import partial
from itertools import repeat
from typing import Any

from .figures import COMPUTED, Assessment, Figure, Reconciliation
from .model import Framework
from .results import ResultSet

# A Figure from a 5-tuple, without the Python-level __new__ of NamedTuple: the engine makes millions of them.
make_figure = partial(tuple.__new__, Figure)


class LevelFigures:
    """The figures of one level (sub-indicators or indicators) in plan order: their values, and every Figure in
    full unless all were simply computed; then the Figures are made from the values, only when asked for."""

    __slots__ = ("bases", "codes", "full", "keys", "values")

    def __init__(
        self,
        keys: tuple[Any, ...],
        codes: tuple[str, ...],
        bases: tuple[str, ...],
        values: list[float | None],
        full: dict[Any, Figure] | None,
    ):
        self.keys = keys
        self.codes = codes
        self.bases = bases
        self.values = values
        self.full = full

    def figures(self) -> dict[Any, Figure]:
        if self.full is None:  # every figure computed from its parts, nothing reported: what fallback() makes
            self.full = dict(
                zip(
                    self.keys,
                    map(Figure, self.codes, self.values, repeat(COMPUTED), self.bases, repeat("")),
                    strict=True,
                )
            )
        return self.full


class Computation:
    """The engine's figures for one agency; score() turns it into an Assessment, a batch reads it as it is."""

    __slots__ = (
        "agency",
        "channel_tools",
        "combined",
        "framework",
        "indicator_level",
        "level",
        "level_reason",
        "reconciliation",
        "results",
        "sub_level",
        "tools",
        "total",
        "warnings",
    )

    def __init__(
        self,
        framework: Framework,
        results: ResultSet,
        combined: dict[str, float],
        subs: LevelFigures,
        indicators: LevelFigures,
        channel_tools: dict[str, Figure],
        tools: dict[str, Figure],
        total: Figure,
        level: str | None,
        level_reason: str,
        reconciliation: list[Reconciliation],
        warnings: list[str],
    ):
        self.framework = framework
        self.results = results
        self.agency = results.agency
        self.combined = combined
        self.sub_level = subs
        self.indicator_level = indicators
        self.channel_tools = channel_tools
        self.tools = tools
        self.total = total
        self.level = level
        self.level_reason = level_reason
        self.reconciliation = reconciliation
        self.warnings = warnings

    @property
    def subs(self) -> dict[str, Figure]:
        return self.sub_level.figures()

    @property
    def indicators(self) -> dict[int, Figure]:
        return self.indicator_level.figures()

    @property
    def indicator_codes(self) -> tuple[str, ...]:
        """IND1, IND2, ... in number order, as indicator_values."""
        return self.indicator_level.codes

    @property
    def indicator_values(self) -> list[float | None]:
        """Each indicator's value (None when unknown), in number order."""
        return self.indicator_level.values

    @property
    def mismatches(self) -> list[Reconciliation]:
        return [r for r in self.reconciliation if not r.ok]

    def assessment(self) -> Assessment:
        """The full Assessment: every figure, questions and OIT items as given."""
        fw = self.framework
        results = self.results
        oit = fw.oit_codes
        questions = {c: v for c, v in results.scores.items() if c not in oit}
        questions.update(self.combined)
        return Assessment(
            framework=fw,
            agency=self.agency,
            questions=questions,
            channel_questions={ch: dict(v) for ch, v in results.channel_scores.items()},
            oit_items={c: v for c, v in results.scores.items() if c in oit},
            sub_indicators=dict(self.subs),
            indicators=dict(self.indicators),
            tools=dict(self.tools),
            channel_tools=dict(self.channel_tools),
            total=self.total,
            level=self.level,
            level_reason=self.level_reason,
            reconciliation=self.reconciliation,
            warnings=self.warnings,
        )
