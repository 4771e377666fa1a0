"""The scoring engine: from a ResultSet and a year's Framework to indicator, tool and total scores and the level.

Each figure is computed from more detailed data when that data is complete for it, otherwise the reported
figure is used; every reported value that can be checked against a computed one is reconciled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from itertools import compress, repeat
from operator import itemgetter, truediv
from typing import Any, NamedTuple

from .grading import LevelDecision, decide_level
from .model import INFERRED, UNKNOWN, Framework
from .numbers import round2
from .results import ResultSet

COMPUTED = "computed"
REPORTED = "reported"
MISSING = "missing"
DEFAULT_TOLERANCE = 0.01


@dataclass(frozen=True)
class Figure:
    """One score and where it came from: computed (from what), reported as given, or missing (why)."""

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


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def _missing_note(codes: list[str]) -> str:
    shown = ", ".join(codes[:6]) + (f" และอีก {len(codes) - 6} ข้อ" if len(codes) > 6 else "")
    return f"ขาดคะแนนข้อ {shown}"


class Fig(NamedTuple):
    """A figure as the engine computes it: the fields of Figure in a light tuple (`Figure(*fig)` dresses it)."""

    code: str
    value: float | None
    origin: str
    basis: str = ""
    note: str = ""

    @property
    def known(self) -> bool:
        return self.value is not None


_fig = partial(tuple.__new__, Fig)  # Fig from a 5-tuple without the Python-level __new__ of NamedTuple
_ABSENT = object()  # marks a code with no score, distinct from any value a result set may hold
_LEVEL_CACHE_SIZE = 100_000


class _Plan:
    """A framework's groupings in scoring order, prepared once per framework so scoring an agency is tight loops.

    It holds no formula: the engine below is the only place figures are computed, for score() and for batches.
    """

    def __init__(self, framework: Framework):
        fw = framework
        self.fw = fw
        self.item_codes = tuple(fw.items)
        self.channels = fw.eit_channels
        # (code, item codes, computable, label when the grouping is inferred)
        # Item and question codes of all groupings laid end to end, so one lookup fetches an agency's scores and
        # each grouping is a slice of them.
        # subs: (code, item codes, computable, label when the grouping is inferred, slice of sub_items)
        self.subs = []
        sub_items: list[str] = []
        for code, sub in fw.sub_indicators.items():
            label = f"ตัวชี้วัดย่อย {code}" if sub.mapping_status == INFERRED else None
            start = len(sub_items)
            sub_items.extend(sub.items)
            self.subs.append((code, sub.items, sub.mapping_status != UNKNOWN, label, slice(start, len(sub_items))))
        self.sub_items = tuple(sub_items)
        self.sub_lookup = _lookup(self.sub_items)
        self.sub_codes = tuple(fw.sub_indicators)
        self.sub_slices = [entry[4] for entry in self.subs]
        self.sub_sizes = [len(entry[1]) for entry in self.subs]
        self.subs_computable = all(entry[2] for entry in self.subs)
        self.sub_labels = [entry[3] for entry in self.subs if entry[3] is not None]
        self.sub_bases = ("items",) * len(self.subs)
        # indicators: (number, code, is OIT, questions or sub-indicator codes, grouping unknown, label when inferred,
        # slice of questions for a survey indicator, positions in sub_codes of an OIT one's sub-indicators)
        self.indicators = []
        questions: list[str] = []
        self.question_slices = []
        for number, indicator in sorted(fw.indicators.items()):
            oit = indicator.tool == "OIT"
            unknown = indicator.mapping_status == UNKNOWN or (oit and not indicator.sub_indicators)
            label = f"ตัวชี้วัดที่ {number} ({'OIT' if oit else indicator.tool})"
            start = len(questions)
            if not oit and not unknown:
                questions.extend(indicator.questions)
                self.question_slices.append(slice(start, len(questions)))
            self.indicators.append(
                (
                    number,
                    indicator.code,
                    oit,
                    indicator.sub_indicators if oit else indicator.questions,
                    unknown,
                    label if indicator.mapping_status == INFERRED else None,
                    slice(start, len(questions)),
                    tuple(self.sub_codes.index(c) for c in indicator.sub_indicators) if oit else (),
                )
            )
        self.questions = tuple(questions)
        self.question_lookup = _lookup(self.questions)
        self.question_sizes = [s.stop - s.start for s in self.question_slices]
        self.indicator_numbers = tuple(entry[0] for entry in self.indicators)
        self.indicator_codes = tuple(entry[1] for entry in self.indicators)
        self.indicator_bases = tuple("sub_indicators" if entry[2] else "questions" for entry in self.indicators)
        self.indicator_labels = [entry[5] for entry in self.indicators if entry[5] is not None]
        # When every grouping is known: OIT indicators as (pick of their sub-indicators' values, how many), and the
        # pick that puts survey means then OIT means back in number order.
        self.groupings_known = not any(entry[4] for entry in self.indicators)
        self.oit_groups = [(_picker(list(entry[7])), len(entry[7])) for entry in self.indicators if entry[2]]
        laid_out = [i for i, entry in enumerate(self.indicators) if not entry[2]]
        laid_out += [i for i, entry in enumerate(self.indicators) if entry[2]]
        self.in_number_order = _picker([laid_out.index(i) for i in range(len(self.indicators))])
        # Survey questions are never OIT codes in a valid framework; if one were, look them up without OIT items.
        self.filter_oit = bool(set(self.questions) & fw.oit_codes)
        eit = fw.tools["EIT"]
        self.eit_questions = [fw.indicators[n].questions for n in eit.indicators]
        self.channel_codes = [(channel, f"EIT_{channel.upper()}") for channel in eit.channels]
        # tools: (code, weight, indicator numbers, what picks their values from the indicators' values)
        self.tools = [
            (code, tool.weight, tool.indicators, _picker([self.indicator_numbers.index(n) for n in tool.indicators]))
            for code, tool in fw.tools.items()
        ]
        self.eit_channel_warning = None
        if eit.channels_status == INFERRED:
            self.eit_channel_warning = "คำนวณ EIT จากค่าเฉลี่ยของ EIT Public และ EIT Survey ซึ่งเป็นวิธีที่อนุมานจากผลที่ประกาศ" + (
                f" ({eit.channels_source})" if eit.channels_source else ""
            )
        # Without an every-indicator condition, the level depends on the shown total alone: decide each once.
        self.level_by_total = all(rule.min_every_indicator is None for rule in fw.grading.levels)
        self.levels: dict[float, LevelDecision] = {}

    def decide_level(self, total: float, indicators: list[float | None]) -> LevelDecision:
        """decide_level() of the grading, remembered by shown total when nothing else can change the level."""
        if not self.level_by_total:
            return decide_level(self.fw.grading, total, dict(zip(self.indicator_numbers, indicators, strict=True)))
        shown = round2(total)
        decision = self.levels.get(shown)
        if decision is None:
            decision = decide_level(self.fw.grading, total, dict(zip(self.indicator_numbers, indicators, strict=True)))
            if len(self.levels) < _LEVEL_CACHE_SIZE:
                self.levels[shown] = decision
        return decision


def _lookup(codes: tuple[str, ...]) -> Callable[[dict[str, float]], tuple[float, ...]]:
    """The scores of `codes` from a dict in one C-level call (KeyError when one is missing)."""
    if len(codes) >= 2:
        return itemgetter(*codes)
    return lambda scores: tuple(scores[c] for c in codes)


def _picker(positions: list[int]) -> Callable[[list[float | None]], tuple[float | None, ...]]:
    """The values at `positions` of a list, as a tuple, in one C-level call."""
    if len(positions) >= 2:
        return itemgetter(*positions)
    return lambda values: tuple(values[i] for i in positions)


_PLANS: dict[int, tuple[Framework, _Plan]] = {}


def _plan(framework: Framework) -> _Plan:
    """The plan of a framework, kept for the last few frameworks (each held, so its id cannot be reused)."""
    found = _PLANS.get(id(framework))
    if found is not None:
        return found[1]
    if len(_PLANS) >= 8:
        del _PLANS[next(iter(_PLANS))]
    plan = _Plan(framework)
    _PLANS[id(framework)] = (framework, plan)
    return plan


class _Level:
    """The figures of one level (sub-indicators or indicators) in plan order: their values, and every Fig in full
    unless all were simply computed; then the Figs are made from the values, only when asked for."""

    __slots__ = ("bases", "codes", "full", "keys", "values")

    def __init__(
        self,
        keys: tuple[Any, ...],
        codes: tuple[str, ...],
        bases: tuple[str, ...],
        values: list[float | None],
        full: dict[Any, Fig] | None,
    ):
        self.keys = keys
        self.codes = codes
        self.bases = bases
        self.values = values
        self.full = full

    def figures(self) -> dict[Any, Fig]:
        if self.full is None:  # every figure computed from its parts, nothing reported: what fallback() makes
            self.full = dict(
                zip(self.keys, map(Fig, self.codes, self.values, repeat(COMPUTED), self.bases, repeat("")), strict=True)
            )
        return self.full


class Computation:
    """The engine's figures for one agency, before they are dressed as an Assessment.

    score() turns it into an Assessment; a batch reads the figures it prints straight from here.
    """

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
        subs: _Level,
        indicators: _Level,
        channel_tools: dict[str, Fig],
        tools: dict[str, Fig],
        total: Fig,
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
    def subs(self) -> dict[str, Fig]:
        return self.sub_level.figures()

    @property
    def indicators(self) -> dict[int, Fig]:
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
        """The full Assessment: every figure as a Figure, questions and OIT items as given."""
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
            sub_indicators={c: Figure(*f) for c, f in self.subs.items()},
            indicators={n: Figure(*f) for n, f in self.indicators.items()},
            tools={c: Figure(*f) for c, f in self.tools.items()},
            channel_tools={ch: Figure(*f) for ch, f in self.channel_tools.items()},
            total=Figure(*self.total),
            level=self.level,
            level_reason=self.level_reason,
            reconciliation=self.reconciliation,
            warnings=self.warnings,
        )


class _Engine:
    """One agency's run through the plan: loops over the plan's groupings, one fallback rule for every figure."""

    def __init__(self, plan: _Plan, results: ResultSet, tolerance: float):
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
        self.reconciliation.append(Reconciliation(code, reported, computed, diff, abs(diff) <= self.tolerance + 1e-9))

    def fallback(self, code: str, computed: float | None, basis: str, missing_note: Callable[[], str]) -> Fig:
        """The computed figure (reconciled with the reported one, if any), else the reported one, else missing."""
        reported = self.reported.get(code) if self.reported else None
        if computed is not None:
            if reported is not None:
                self.compare(code, reported, computed)
            return _fig((code, computed, COMPUTED, basis, ""))
        if reported is not None:
            return _fig((code, reported, REPORTED, "reported", ""))
        return _fig((code, None, MISSING, "", missing_note()))

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
    def scores_of(
        lookup: Callable[[dict[str, float]], tuple[float, ...]], codes: tuple[str, ...], scores: dict[str, float]
    ) -> tuple[tuple[object, ...], bool]:
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
            return [sum(values[part]) / size for part, size in zip(slices, sizes, strict=True)]  # type: ignore[arg-type]
        parts = list(map(values.__getitem__, slices))
        known = [_ABSENT not in part for part in parts]
        means = map(truediv, map(sum, compress(parts, known)), compress(sizes, known))
        return [next(means) if ok else None for ok in known]

    def computed(self, means: list[float | None], labels: list[str]) -> bool:
        """Whether every figure of a level is simply computed (none missing, nothing reported to reconcile it
        with): then the level keeps its values and makes the Figs fallback() would make only when asked."""
        if self.reported or None in means:
            return False
        for label in labels:
            self.note_mapping(label)
        return True

    def sub_indicators(self) -> _Level:
        """Each OIT sub-indicator as the mean of its items (0 or 100), when every item is known."""
        plan = self.plan
        values, complete = self.scores_of(plan.sub_lookup, plan.sub_items, self.results.scores)
        means = self.group_means(values, complete, plan.sub_slices, plan.sub_sizes)
        if plan.subs_computable and self.computed(means, plan.sub_labels):
            return _Level(plan.sub_codes, plan.sub_codes, plan.sub_bases, means, None)
        subs: dict[str, Fig] = {}
        for (code, items, computable, label, part), mean in zip(plan.subs, means, strict=True):
            if computable and mean is not None:
                if label is not None:
                    self.note_mapping(label)
                subs[code] = self.fallback(code, mean, "items", str)
            else:
                missing = [c for c, v in zip(items, values[part], strict=True) if v is _ABSENT]
                subs[code] = self.fallback(code, None, "", lambda missing=missing: _missing_note(missing))
        return _Level(plan.sub_codes, plan.sub_codes, plan.sub_bases, [f.value for f in subs.values()], subs)

    def indicators(self, scores: dict[str, float], subs: _Level) -> _Level:
        """Survey indicators as the mean of their questions, OIT ones as the mean of their sub-indicators."""
        plan = self.plan
        answers, complete = self.scores_of(plan.question_lookup, plan.questions, scores)
        survey_means = self.group_means(answers, complete, plan.question_slices, plan.question_sizes)
        sub_values = subs.values
        means: list[float | None]
        if plan.groupings_known and None not in sub_values:  # the usual case, without a loop over indicators
            oit_means = [sum(pick(sub_values)) / size for pick, size in plan.oit_groups]  # type: ignore[arg-type]
            means = list(plan.in_number_order(survey_means + oit_means))
        else:
            survey = iter(survey_means)
            means = []
            for _, _, oit, _, unknown, _, _, positions in plan.indicators:
                if unknown:
                    means.append(None)
                elif oit:
                    values = [sub_values[i] for i in positions]
                    means.append(None if None in values else _mean(values))  # type: ignore[arg-type]
                else:
                    means.append(next(survey))
        if self.computed(means, plan.indicator_labels):
            return _Level(plan.indicator_numbers, plan.indicator_codes, plan.indicator_bases, means, None)
        indicators: dict[int, Fig] = {}
        year = self.fw.year
        for (number, code, oit, codes, unknown, label, part, positions), mean, basis in zip(
            plan.indicators, means, plan.indicator_bases, strict=True
        ):
            if mean is not None:
                if label is not None:
                    self.note_mapping(label)
                indicators[number] = self.fallback(code, mean, basis, str)
                continue
            if unknown and oit:
                note = f"ไม่ทราบการจัดกลุ่มข้อ OIT เข้าตัวชี้วัดที่ {number} ของปี {year} จึงต้องกรอกคะแนนตัวชี้วัดนี้โดยตรง"
                missing_note: Callable[[], str] = lambda note=note: note  # noqa: E731
            elif unknown:
                note = f"ไม่ทราบว่าข้อใดอยู่ในตัวชี้วัดที่ {number} ของปี {year}"
                missing_note = lambda note=note: note  # noqa: E731
            elif oit:
                lacking = [plan.sub_codes[i] for i in positions if sub_values[i] is None]
                missing_note = lambda lacking=lacking: "ขาดคะแนนตัวชี้วัดย่อย " + ", ".join(lacking)  # noqa: E731
            else:
                missing = [q for q, v in zip(codes, answers[part], strict=True) if v is _ABSENT]
                missing_note = lambda missing=missing: _missing_note(missing)  # noqa: E731
            indicators[number] = self.fallback(code, None, "", missing_note)
        return _Level(
            plan.indicator_numbers,
            plan.indicator_codes,
            plan.indicator_bases,
            [f.value for f in indicators.values()],
            indicators,
        )

    # --- tools and total ---------------------------------------------------------------------------
    def channel_tools(self) -> dict[str, Fig]:
        """EIT Public and EIT Survey (from 2566): the mean over EIT indicators of each channel's questions."""
        figures: dict[str, Fig] = {}
        questions_of = self.plan.eit_questions
        for channel, code in self.plan.channel_codes:
            given = self.results.channel_scores.get(channel, {})
            per_indicator = []
            for questions in questions_of:
                if questions and all(q in given for q in questions):
                    per_indicator.append(_mean([given[q] for q in questions]))
            computed = _mean(per_indicator) if len(per_indicator) == len(questions_of) else None
            figures[channel] = self.fallback(
                code, computed, "questions", lambda ch=channel: f"ขาดคะแนน EIT ช่องทาง {ch}"
            )
        return figures

    def tools(self, indicators: _Level, channel_tools: dict[str, Fig]) -> dict[str, Fig]:
        """Each tool as the mean of its indicators; EIT from its two channels when only those are known."""
        tools: dict[str, Fig] = {}
        known = indicators.values
        for code, _, numbers, pick in self.plan.tools:
            values = pick(known)
            if None not in values:
                tools[code] = self.fallback(code, sum(values) / len(values), "indicators", str)  # type: ignore[arg-type]
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
                lambda numbers=numbers, values=values: (
                    "ขาดคะแนน " + ", ".join(f"ตัวชี้วัดที่ {n}" for n, v in zip(numbers, values, strict=True) if v is None)
                ),
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
            weighted = [weight * value for (_, weight, _, _), value in zip(plan.tools, values, strict=True)]
            total = self.fallback("TOTAL", sum(weighted), "tools", str)  # type: ignore[operator]
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
    return _Engine(_plan(framework), results, tolerance).run()


def score(framework: Framework, results: ResultSet, *, tolerance: float = DEFAULT_TOLERANCE) -> Assessment:
    """Score one agency's results for one year. Pure: the same inputs always give the same Assessment."""
    return compute(framework, results, tolerance=tolerance).assessment()
