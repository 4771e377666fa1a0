"""The scoring engine: from a ResultSet and a year's Framework to indicator, tool and total scores and the level.

Each figure is computed from more detailed data when that data is complete for it, otherwise the reported
figure is used; every reported value that can be checked against a computed one is reconciled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .grading import decide_level
from .model import INFERRED, UNKNOWN, Framework
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


class _Engine:
    def __init__(self, framework: Framework, results: ResultSet, tolerance: float):
        self.fw = framework
        self.results = results
        self.tolerance = tolerance
        self.reconciliation: list[Reconciliation] = []
        self.warnings: list[str] = []
        self.inferred_mappings: list[str] = []

    def reconcile(self, code: str, computed: Figure) -> Figure:
        """Compare a computed figure with the reported one, if any; the computed figure wins."""
        reported = self.results.reported.get(code)
        if reported is not None and computed.origin == COMPUTED and computed.value is not None:
            self.compare(code, reported, computed.value)
        return computed

    def compare(self, code: str, reported: float, computed: float) -> None:
        """Record one reported-against-computed check; it agrees within the tolerance (inclusive)."""
        diff = reported - computed
        self.reconciliation.append(Reconciliation(code, reported, computed, diff, abs(diff) <= self.tolerance + 1e-9))

    def fallback(self, code: str, computed: Figure | None, missing_note: Callable[[], str]) -> Figure:
        """The computed figure (reconciled), else the reported one, else a missing figure saying why."""
        if computed is not None:
            return self.reconcile(code, computed)
        reported = self.results.reported.get(code)
        if reported is not None:
            return Figure(code, reported, REPORTED, "reported")
        return Figure(code, None, MISSING, note=missing_note())

    def note_mapping(self, label: str, status: str) -> None:
        """Remember that a computation used an inferred grouping; one warning lists them all at the end."""
        if status == INFERRED and label not in self.inferred_mappings:
            self.inferred_mappings.append(label)

    def mapping_warning(self) -> None:
        if self.inferred_mappings:
            year = self.fw.year
            self.warnings.insert(
                0,
                f"การจัดข้อเข้า{', '.join(self.inferred_mappings)} ของปี {year} เป็นการอนุมาน "
                f"ยังไม่ยืนยันจากคู่มือทางการ (ดูที่มาด้วยคำสั่ง prongsai framework show {year})",
            )

    # --- questions ---------------------------------------------------------------------------------
    def question_scores(self) -> dict[str, float]:
        oit = self.fw.oit_codes
        scores = {c: v for c, v in self.results.scores.items() if c not in oit}
        channels = self.fw.eit_channels
        given_per_channel = self.results.channel_scores.values()
        for code in [c for c in self.fw.items if any(c in per for per in given_per_channel)]:  # framework order
            values = [self.results.channel_scores.get(ch, {}).get(code) for ch in channels]
            if channels and all(v is not None for v in values):
                combined = _mean([v for v in values if v is not None])
                given = scores.get(code)
                if given is not None:
                    self.compare(code, given, combined)
                scores[code] = combined
        return scores

    # --- indicators --------------------------------------------------------------------------------
    def survey_indicator(self, number: int, scores: dict[str, float]) -> Figure:
        indicator = self.fw.indicators[number]
        code = indicator.code
        if indicator.mapping_status == UNKNOWN:
            return self.fallback(code, None, lambda: f"ไม่ทราบว่าข้อใดอยู่ในตัวชี้วัดที่ {number} ของปี {self.fw.year}")
        missing = [q for q in indicator.questions if q not in scores]
        computed = None
        if not missing:
            computed = Figure(code, _mean([scores[q] for q in indicator.questions]), COMPUTED, "questions")
            self.note_mapping(f"ตัวชี้วัดที่ {number} ({indicator.tool})", indicator.mapping_status)
        return self.fallback(code, computed, lambda: _missing_note(missing))

    def sub_indicator(self, code: str) -> Figure:
        sub = self.fw.sub_indicators[code]
        missing = [c for c in sub.items if c not in self.results.scores]
        computed = None
        if not missing and sub.mapping_status != UNKNOWN:
            computed = Figure(code, _mean([self.results.scores[c] for c in sub.items]), COMPUTED, "items")
            self.note_mapping(f"ตัวชี้วัดย่อย {code}", sub.mapping_status)
        return self.fallback(code, computed, lambda: _missing_note(missing))

    def oit_indicator(self, number: int, subs: dict[str, Figure]) -> Figure:
        indicator = self.fw.indicators[number]
        code = indicator.code
        if indicator.mapping_status == UNKNOWN or not indicator.sub_indicators:
            note = f"ไม่ทราบการจัดกลุ่มข้อ OIT เข้าตัวชี้วัดที่ {number} ของปี {self.fw.year}"
            return self.fallback(code, None, lambda: note + " จึงต้องกรอกคะแนนตัวชี้วัดนี้โดยตรง")
        parts = [subs[c] for c in indicator.sub_indicators]
        computed = None
        if all(p.known for p in parts):
            computed = Figure(code, _mean([p.value for p in parts if p.value is not None]), COMPUTED, "sub_indicators")
            self.note_mapping(f"ตัวชี้วัดที่ {number} (OIT)", indicator.mapping_status)
        return self.fallback(
            code, computed, lambda: "ขาดคะแนนตัวชี้วัดย่อย " + ", ".join(p.code for p in parts if not p.known)
        )

    # --- tools and total ---------------------------------------------------------------------------
    def tool(self, code: str, indicators: dict[int, Figure], channel_tools: dict[str, Figure]) -> Figure:
        tool = self.fw.tools[code]
        parts = [indicators[n] for n in tool.indicators]
        computed = None
        if all(p.known for p in parts):
            computed = Figure(code, _mean([p.value for p in parts if p.value is not None]), COMPUTED, "indicators")
        elif code == "EIT" and channel_tools and all(f.known for f in channel_tools.values()):
            values = [f.value for f in channel_tools.values() if f.value is not None]
            computed = Figure(code, _mean(values), COMPUTED, "channels")
            if tool.channels_status == INFERRED:
                self.warnings.append(
                    "คำนวณ EIT จากค่าเฉลี่ยของ EIT Public และ EIT Survey ซึ่งเป็นวิธีที่อนุมานจากผลที่ประกาศ"
                    + (f" ({tool.channels_source})" if tool.channels_source else "")
                )
        return self.fallback(
            code, computed, lambda: "ขาดคะแนน " + ", ".join(f"ตัวชี้วัดที่ {p.code[3:]}" for p in parts if not p.known)
        )

    def channel_tools(self) -> dict[str, Figure]:
        figures: dict[str, Figure] = {}
        eit = self.fw.tools["EIT"]
        for channel in eit.channels:
            code = f"EIT_{channel.upper()}"
            given = self.results.channel_scores.get(channel, {})
            per_indicator = []
            for number in eit.indicators:
                questions = self.fw.indicators[number].questions
                if questions and all(q in given for q in questions):
                    per_indicator.append(_mean([given[q] for q in questions]))
            computed = None
            if len(per_indicator) == len(eit.indicators):
                computed = Figure(code, _mean(per_indicator), COMPUTED, "questions")
            figures[channel] = self.fallback(code, computed, lambda ch=channel: f"ขาดคะแนน EIT ช่องทาง {ch}")
        return figures

    def run(self) -> Assessment:
        fw = self.fw
        scores = self.question_scores()
        subs = {code: self.sub_indicator(code) for code in fw.sub_indicators}
        indicators: dict[int, Figure] = {}
        for number, indicator in sorted(fw.indicators.items()):
            if indicator.tool == "OIT":
                indicators[number] = self.oit_indicator(number, subs)
            else:
                indicators[number] = self.survey_indicator(number, scores)
        channel_tools = self.channel_tools()
        tools = {code: self.tool(code, indicators, channel_tools) for code in fw.tools}
        total_computed = None
        if all(t.known for t in tools.values()):
            value = sum(fw.tools[c].weight * t.value for c, t in tools.items() if t.value is not None)
            total_computed = Figure("TOTAL", value, COMPUTED, "tools")
        total = self.fallback(
            "TOTAL", total_computed, lambda: "ขาดคะแนนเครื่องมือ " + ", ".join(c for c, t in tools.items() if not t.known)
        )
        level, reason = None, "ไม่มีคะแนนรวม จึงตัดสินระดับไม่ได้"
        if total.value is not None:
            decision = decide_level(fw.grading, total.value, {n: f.value for n, f in indicators.items()})
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
        oit_items = {c: v for c, v in self.results.scores.items() if c in fw.oit_codes}
        return Assessment(
            framework=fw,
            agency=self.results.agency,
            questions=scores,
            channel_questions={ch: dict(v) for ch, v in self.results.channel_scores.items()},
            oit_items=oit_items,
            sub_indicators=subs,
            indicators=indicators,
            tools=tools,
            channel_tools=channel_tools,
            total=total,
            level=level,
            level_reason=reason,
            reconciliation=self.reconciliation,
            warnings=self.warnings,
        )


def score(framework: Framework, results: ResultSet, *, tolerance: float = DEFAULT_TOLERANCE) -> Assessment:
    """Score one agency's results for one year. Pure: the same inputs always give the same Assessment."""
    return _Engine(framework, results, tolerance).run()
