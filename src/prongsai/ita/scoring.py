"""The scoring engine: from a ResultSet and a year's Framework to indicator, tool and total scores and the level.

Each figure is computed from more detailed data when that data is complete for it, otherwise the reported
figure is used; every reported value that can be checked against a computed one is reconciled. The figures are
defined in figures.py, the framework's layout for the engine in scoring_plan.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from itertools import compress, repeat
from operator import truediv
from typing import cast

from .computation import Computation, LevelFigures, make_figure
from .figures import (
    COMPUTED,
    DEFAULT_TOLERANCE,
    MISSING,
    REPORTED,
    Assessment,
    Figure,
    Reconciliation,
    within_tolerance,
)
from .model import Framework
from .results import ResultSet
from .scoring_plan import Lookup, ScoringPlan, plan_of

__all__ = [
    "COMPUTED",
    "DEFAULT_TOLERANCE",
    "MISSING",
    "REPORTED",
    "Assessment",
    "Computation",
    "Figure",
    "Reconciliation",
    "compute",
    "score",
]

_ABSENT = object()  # marks a code with no score, distinct from any value a result set may hold


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def _said(text: str) -> Callable[[], str]:
    """A missing figure's note that is known already, in the form fallback() takes (made only when needed)."""
    return lambda: text


def _missing_indicators(numbers: tuple[int, ...], values: tuple[float | None, ...]) -> str:
    return "ขาดคะแนน " + ", ".join(f"ตัวชี้วัดที่ {n}" for n, v in zip(numbers, values, strict=True) if v is None)


def _missing_note(codes: list[str]) -> str:
    shown = ", ".join(codes[:6]) + (f" และอีก {len(codes) - 6} ข้อ" if len(codes) > 6 else "")
    return f"ขาดคะแนนข้อ {shown}"


class _Engine:
    """One agency's run through the plan: loops over the plan's groupings, one fallback rule for every figure."""

    def __init__(self, plan: ScoringPlan, results: ResultSet, tolerance: float):
        self.plan = plan
        self.fw = plan.fw
        self.results = results
        self.reported = results.reported
        self.tolerance = tolerance
        self.reconciliation: list[Reconciliation] = []
        self.warnings: list[str] = []
        self.inferred_mappings: list[str] = []

    def compare(self, code: str, reported: float, computed: float) -> None:
        """Record one reported-against-computed check; it agrees within the tolerance (inclusive)."""
        diff = reported - computed
        self.reconciliation.append(
            Reconciliation(code, reported, computed, diff, within_tolerance(diff, self.tolerance))
        )

    def fallback(self, code: str, computed: float | None, basis: str, missing_note: Callable[[], str]) -> Figure:
        """The computed figure (reconciled with the reported one, if any), else the reported one, else missing."""
        reported = self.reported.get(code) if self.reported else None
        if computed is not None:
            if reported is not None:
                self.compare(code, reported, computed)
            return make_figure((code, computed, COMPUTED, basis, ""))
        if reported is not None:
            return make_figure((code, reported, REPORTED, "reported", ""))
        return make_figure((code, None, MISSING, "", missing_note()))

    def note_mapping(self, label: str) -> None:
        """Remember that a computation used an inferred grouping; one warning lists them all at the end."""
        if label not in self.inferred_mappings:
            self.inferred_mappings.append(label)

    def mapping_warning(self) -> None:
        if self.inferred_mappings:
            year = self.fw.year
            self.warnings.insert(
                0,
                f"การจัดข้อเข้า{', '.join(self.inferred_mappings)} ของปี {year} เป็นการอนุมาน "
                f"ยังไม่ยืนยันจากคู่มือทางการ (ที่มาของการจัดข้อระบุไว้ในกรอบการประเมินปี {year} ที่มากับโปรแกรม)",
            )

    # --- questions ---------------------------------------------------------------------------------
    def combined_questions(self) -> dict[str, float]:
        """EIT questions given per channel, combined as the mean of the channels, in framework order."""
        combined: dict[str, float] = {}
        per_channel = self.results.channel_scores
        if not per_channel:
            return combined
        channels = self.plan.channels
        given = set().union(*per_channel.values())
        oit = self.fw.oit_codes
        for code in [c for c in self.plan.item_codes if c in given]:  # framework order
            values = [per_channel.get(ch, {}).get(code) for ch in channels]
            if channels and all(v is not None for v in values):
                value = _mean([v for v in values if v is not None])
                mine = None if code in oit else self.results.scores.get(code)
                if mine is not None:
                    self.compare(code, mine, value)
                combined[code] = value
        return combined

    # --- sub-indicators and indicators -------------------------------------------------------------
    @staticmethod
    def scores_of(lookup: Lookup, codes: tuple[str, ...], scores: dict[str, float]) -> tuple[tuple[object, ...], bool]:
        """The scores of `codes` in order (_ABSENT where there is none), and whether all of them are there."""
        try:
            return lookup(scores), True
        except KeyError:
            return tuple(map(scores.get, codes, repeat(_ABSENT))), False

    @staticmethod
    def group_means(
        values: tuple[object, ...], complete: bool, slices: list[slice], sizes: list[int]
    ) -> list[float | None]:
        """The mean of each group (a slice of `values`), None for a group with a missing score."""
        if complete:
            scores = cast("tuple[float, ...]", values)  # complete: every one is a score
            return [sum(scores[part]) / size for part, size in zip(slices, sizes, strict=True)]
        parts = list(map(values.__getitem__, slices))
        known = [_ABSENT not in part for part in parts]
        complete_parts = cast("Iterable[tuple[float, ...]]", compress(parts, known))
        means = map(truediv, map(sum, complete_parts), compress(sizes, known))
        return [next(means) if ok else None for ok in known]

    def computed(self, means: list[float | None], labels: list[str]) -> bool:
        """Whether every figure of a level is simply computed (none missing, nothing reported to reconcile it
        with): then the level keeps its values and makes the Figs fallback() would make only when asked."""
        if self.reported or None in means:
            return False
        for label in labels:
            self.note_mapping(label)
        return True

    def sub_indicators(self) -> LevelFigures:
        """Each OIT sub-indicator as the mean of its items (0 or 100), when every item is known."""
        plan = self.plan
        values, complete = self.scores_of(plan.sub_lookup, plan.sub_items, self.results.scores)
        means = self.group_means(values, complete, plan.sub_slices, plan.sub_sizes)
        if plan.subs_computable and self.computed(means, plan.sub_labels):
            return LevelFigures(plan.sub_codes, plan.sub_codes, plan.sub_bases, means, None)
        subs: dict[str, Figure] = {}
        for sub, mean in zip(plan.subs, means, strict=True):
            if sub.computable and mean is not None:
                if sub.inferred_label is not None:
                    self.note_mapping(sub.inferred_label)
                subs[sub.code] = self.fallback(sub.code, mean, "items", str)
            else:
                missing = [c for c, v in zip(sub.items, values[sub.part], strict=True) if v is _ABSENT]
                subs[sub.code] = self.fallback(sub.code, None, "", partial(_missing_note, missing))
        return LevelFigures(plan.sub_codes, plan.sub_codes, plan.sub_bases, [f.value for f in subs.values()], subs)

    def indicators(self, scores: dict[str, float], subs: LevelFigures) -> LevelFigures:
        """Survey indicators as the mean of their questions, OIT ones as the mean of their sub-indicators."""
        plan = self.plan
        answers, complete = self.scores_of(plan.question_lookup, plan.questions, scores)
        survey_means = self.group_means(answers, complete, plan.question_slices, plan.question_sizes)
        sub_values = subs.values
        means: list[float | None]
        if plan.groupings_known and None not in sub_values:  # the usual case, without a loop over indicators
            oit_means: list[float | None] = [
                sum(cast("tuple[float, ...]", group.pick(sub_values))) / group.size for group in plan.oit_groups
            ]
            means = list(plan.in_number_order(survey_means + oit_means))
        else:
            survey = iter(survey_means)
            means = []
            for entry in plan.indicators:
                if entry.unknown:
                    means.append(None)
                elif entry.oit:
                    values = [sub_values[i] for i in entry.sub_positions]
                    means.append(None if None in values else _mean(cast("list[float]", values)))
                else:
                    means.append(next(survey))
        if self.computed(means, plan.indicator_labels):
            return LevelFigures(plan.indicator_numbers, plan.indicator_codes, plan.indicator_bases, means, None)
        indicators: dict[int, Figure] = {}
        year = self.fw.year
        for entry, mean, basis in zip(plan.indicators, means, plan.indicator_bases, strict=True):
            number = entry.number
            if mean is not None:
                if entry.inferred_label is not None:
                    self.note_mapping(entry.inferred_label)
                indicators[number] = self.fallback(entry.code, mean, basis, str)
                continue
            if entry.unknown and entry.oit:
                note = f"ไม่ทราบการจัดกลุ่มข้อ OIT เข้าตัวชี้วัดที่ {number} ของปี {year} จึงต้องกรอกคะแนนตัวชี้วัดนี้โดยตรง"
                missing_note = _said(note)
            elif entry.unknown:
                note = f"ไม่ทราบว่าข้อใดอยู่ในตัวชี้วัดที่ {number} ของปี {year}"
                missing_note = _said(note)
            elif entry.oit:
                lacking = [plan.sub_codes[i] for i in entry.sub_positions if sub_values[i] is None]
                missing_note = _said("ขาดคะแนนตัวชี้วัดย่อย " + ", ".join(lacking))
            else:
                missing = [q for q, v in zip(entry.parts, answers[entry.part], strict=True) if v is _ABSENT]
                missing_note = partial(_missing_note, missing)
            indicators[number] = self.fallback(entry.code, None, "", missing_note)
        return LevelFigures(
            plan.indicator_numbers,
            plan.indicator_codes,
            plan.indicator_bases,
            [f.value for f in indicators.values()],
            indicators,
        )

    # --- tools and total ---------------------------------------------------------------------------
    def channel_tools(self) -> dict[str, Figure]:
        """EIT Public and EIT Survey (from 2566): the mean over EIT indicators of each channel's questions."""
        figures: dict[str, Figure] = {}
        questions_of = self.plan.eit_questions
        for entry in self.plan.channel_codes:
            channel, code = entry.channel, entry.code
            given = self.results.channel_scores.get(channel, {})
            per_indicator = []
            for questions in questions_of:
                if questions and all(q in given for q in questions):
                    per_indicator.append(_mean([given[q] for q in questions]))
            computed = _mean(per_indicator) if len(per_indicator) == len(questions_of) else None
            figures[channel] = self.fallback(
                code, computed, "questions", partial("ขาดคะแนน EIT ช่องทาง {}".format, channel)
            )
        return figures

    def tools(self, indicators: LevelFigures, channel_tools: dict[str, Figure]) -> dict[str, Figure]:
        """Each tool as the mean of its indicators; EIT from its two channels when only those are known."""
        tools: dict[str, Figure] = {}
        known = indicators.values
        for tool in self.plan.tools:
            code, numbers = tool.code, tool.numbers
            values = tool.pick(known)
            if None not in values:
                mean = sum(cast("tuple[float, ...]", values)) / len(values)
                tools[code] = self.fallback(code, mean, "indicators", str)
                continue
            computed, basis = None, ""
            if code == "EIT" and channel_tools and all(f.known for f in channel_tools.values()):
                computed, basis = _mean([f.value for f in channel_tools.values() if f.value is not None]), "channels"
                if self.plan.eit_channel_warning:
                    self.warnings.append(self.plan.eit_channel_warning)
            tools[code] = self.fallback(
                code,
                computed,
                basis,
                partial(_missing_indicators, numbers, values),
            )
        return tools

    def run(self) -> Computation:
        plan = self.plan
        fw = self.fw
        combined = self.combined_questions()
        scores = self.results.scores
        if plan.filter_oit:
            scores = {c: v for c, v in scores.items() if c not in fw.oit_codes}
        if combined:
            scores = {**scores, **combined}
        subs = self.sub_indicators()
        indicators = self.indicators(scores, subs)
        channel_tools = self.channel_tools()
        tools = self.tools(indicators, channel_tools)
        values = [t.value for t in tools.values()]
        if None not in values:
            known = cast("list[float]", values)
            weighted = [tool.weight * value for tool, value in zip(plan.tools, known, strict=True)]
            total = self.fallback("TOTAL", sum(weighted), "tools", str)
        else:
            total = self.fallback(
                "TOTAL",
                None,
                "tools",
                lambda: "ขาดคะแนนเครื่องมือ " + ", ".join(c for c, t in tools.items() if not t.known),
            )
        level, reason = None, "ไม่มีคะแนนรวม จึงตัดสินระดับไม่ได้"
        if total.value is not None:
            decision = plan.decide_level(total.value, indicators.values)
            level, reason = decision.level, decision.reason
            if decision.inferred_rules:
                names = ", ".join(decision.inferred_rules)
                self.warnings.append(f"เกณฑ์ของระดับ {names} ในปี {fw.year} เป็นการอนุมาน ยังไม่ยืนยันจากประกาศทางการ")
        reported_level = self.results.reported_level
        if reported_level is not None and level is not None:
            self.reconciliation.append(
                Reconciliation("LEVEL", reported_level, level, None, reported_level.strip() == level)
            )
        self.mapping_warning()
        if fw.is_provisional:
            self.warnings.insert(0, fw.provisional_notice or "")
        return Computation(
            fw,
            self.results,
            combined,
            subs,
            indicators,
            channel_tools,
            tools,
            total,
            level,
            reason,
            self.reconciliation,
            self.warnings,
        )


def compute(framework: Framework, results: ResultSet, *, tolerance: float = DEFAULT_TOLERANCE) -> Computation:
    """Score one agency's results, keeping the figures light: what a batch of thousands of agencies needs."""
    return _Engine(plan_of(framework), results, tolerance).run()


def score(framework: Framework, results: ResultSet, *, tolerance: float = DEFAULT_TOLERANCE) -> Assessment:
    """Score one agency's results for one year. Pure: the same inputs always give the same Assessment."""
    return compute(framework, results, tolerance=tolerance).assessment()
