"""Analysis of one assessment: strengths and points to develop, per-tool focus (NACC format), EIT channel gaps,
failed OIT items, and year over year matched by topic. Pure functions over Assessment objects."""

from __future__ import annotations

from dataclasses import dataclass, field

from .grading import pass_mark_of
from .numbers import round2
from .scoring import Assessment, Figure
from .whatif import Fix, NextLevel, next_level, single_fixes

DEFAULT_STRENGTH = 90.0
FOCUS_SIZE = 3


@dataclass(frozen=True)
class Scored:
    """A question, item or indicator with its score, rank (ties share a rank) and whether it is tied."""

    code: str
    score: float
    title: str | None = None
    rank: int = 0
    tie: bool = False


@dataclass(frozen=True)
class ToolFocus:
    """NACC's recommended reading of one tool: 'to improve' and 'urgent' questions (seed 004)."""

    tool: str
    to_improve: list[Scored]
    urgent: list[Scored]
    urgent_fallback: bool


@dataclass(frozen=True)
class ChannelGap:
    code: str
    title: str | None
    public: float
    survey: float
    gap: float
    below_bar: list[str]


@dataclass(frozen=True)
class Change:
    code: str
    previous_code: str | None
    current_code: str | None
    previous: float | None
    current: float | None
    change: float | None
    status: str  # "both", "appeared", "disappeared"


@dataclass
class Analysis:
    assessment: Assessment
    pass_mark: float
    strength: float
    question_threshold: float
    indicators_ranked: list[Scored]
    strong_indicators: list[Scored]
    weak_indicators: list[Scored]
    strong_questions: list[Scored]
    weak_questions: list[Scored]
    per_tool: dict[str, ToolFocus]
    channel_gaps: list[ChannelGap]
    failed_oit: list[Scored]
    fixes: list[Fix]
    next_step: NextLevel
    yoy: dict[str, list[Change]] | None = None
    notes: list[str] = field(default_factory=list)


def _order(framework_codes: list[str]) -> dict[str, int]:
    return {code: index for index, code in enumerate(framework_codes)}


def rank(entries: list[Scored], *, descending: bool, order: dict[str, int]) -> list[Scored]:
    """Competition ranking on the 2-decimal score (1, 1, 3); ties ordered by framework order of their codes."""

    def key(entry: Scored) -> tuple[float, int]:
        shown = round2(entry.score)
        return (-shown if descending else shown, order.get(entry.code, 0))

    ordered = sorted(entries, key=key)
    counts: dict[float, int] = {}
    for entry in ordered:
        counts[round2(entry.score)] = counts.get(round2(entry.score), 0) + 1
    ranked, position, last = [], 0, None
    for index, entry in enumerate(ordered, start=1):
        shown = round2(entry.score)
        if shown != last:
            position, last = index, shown
        ranked.append(Scored(entry.code, entry.score, entry.title, position, counts[shown] > 1))
    return ranked


def take_with_ties(ranked: list[Scored], size: int) -> list[Scored]:
    """The first `size` entries, plus every entry tied with the last one taken (ties are never split)."""
    if len(ranked) <= size:
        return list(ranked)
    cut = round2(ranked[size - 1].score)
    return ranked[:size] + [e for e in ranked[size:] if round2(e.score) == cut]


def tool_focus(assessment: Assessment, tool: str, pass_mark: float, size: int = FOCUS_SIZE) -> ToolFocus:
    fw = assessment.framework
    order = _order(list(fw.items))
    entries = [
        Scored(item.code, assessment.questions[item.code], item.title)
        for item in fw.items_of_tool(tool)
        if item.code in assessment.questions
    ]
    not_full = [e for e in entries if round2(e.score) < 100]
    to_improve = take_with_ties(rank(not_full, descending=True, order=order), size)
    below = [e for e in entries if round2(e.score) < pass_mark]
    fallback = not below
    urgent = take_with_ties(rank(below or entries, descending=False, order=order), size)
    return ToolFocus(tool, to_improve, urgent, fallback)


def analyse(
    assessment: Assessment,
    *,
    pass_mark: float | None = None,
    strength: float = DEFAULT_STRENGTH,
    question_threshold: float | None = None,
    previous: Assessment | None = None,
) -> Analysis:
    """Everything an officer writes in the analysis report, computed from one assessment (and last year's).

    `pass_mark` None is the pass mark of the assessment's framework (its grading)."""
    fw = assessment.framework
    pass_mark = pass_mark_of(fw, pass_mark)
    threshold = pass_mark if question_threshold is None else question_threshold
    ind_order = {f"IND{n}": n for n in fw.indicators}
    indicators = [
        Scored(f"IND{n}", f.value, fw.indicators[n].name)
        for n, f in assessment.indicators.items()
        if f.value is not None
    ]
    ranked = rank(indicators, descending=True, order=ind_order)
    order = _order(list(fw.items))
    questions = [Scored(c, v, fw.items[c].title) for c, v in assessment.questions.items()]
    weak_questions = _weak_questions(assessment, threshold)
    per_tool = {tool: tool_focus(assessment, tool, pass_mark) for tool in ("IIT", "EIT")}
    failed = [Scored(code, 0.0, fw.items[code].title) for code in fw.items if assessment.oit_items.get(code) == 0]
    return Analysis(
        assessment=assessment,
        pass_mark=pass_mark,
        strength=strength,
        question_threshold=threshold,
        indicators_ranked=ranked,
        strong_indicators=[e for e in ranked if round2(e.score) >= strength],
        weak_indicators=[e for e in ranked if round2(e.score) < pass_mark],
        strong_questions=rank([q for q in questions if round2(q.score) >= strength], descending=True, order=order),
        weak_questions=weak_questions,
        per_tool=per_tool,
        channel_gaps=channel_gaps(assessment, pass_mark),
        failed_oit=failed,
        fixes=single_fixes(assessment, pass_mark),
        next_step=next_level(assessment, pass_mark),
        yoy=year_over_year(previous, assessment) if previous is not None else None,
    )


def _weak_questions(assessment: Assessment, threshold: float) -> list[Scored]:
    """Questions below the threshold; a question given per channel counts as weak when any channel is below."""
    fw = assessment.framework
    weak: dict[str, Scored] = {}
    for code, value in assessment.questions.items():
        lowest = min([value, *(per[code] for per in assessment.channel_questions.values() if code in per)])
        if round2(lowest) < threshold:
            weak[code] = Scored(code, lowest, fw.items[code].title)
    for per in assessment.channel_questions.values():
        for code, value in per.items():
            if code not in weak and round2(value) < threshold:
                weak[code] = Scored(code, value, fw.items[code].title)
    return rank(list(weak.values()), descending=False, order=_order(list(fw.items)))


def channel_gaps(assessment: Assessment, bar: float) -> list[ChannelGap]:
    public = assessment.channel_questions.get("public", {})
    survey = assessment.channel_questions.get("survey", {})
    fw = assessment.framework
    gaps = []
    for code in fw.items:
        if code in public and code in survey:
            pairs = (("public", public[code]), ("survey", survey[code]))
            below = [name for name, value in pairs if round2(value) < bar]
            gaps.append(
                ChannelGap(code, fw.items[code].title, public[code], survey[code], public[code] - survey[code], below)
            )
    return gaps


def year_over_year(previous: Assessment, current: Assessment) -> dict[str, list[Change]]:
    """Total, tools, indicators and OIT sub-indicators by code; questions and items matched by topic."""

    def pair(code: str, before: float | None, after: float | None) -> Change:
        diff = None if before is None or after is None else after - before
        return Change(code, code, code, before, after, diff, "both")

    figures = [pair("TOTAL", previous.total.value, current.total.value)]
    figures += [pair(c, previous.tools[c].value, current.tools[c].value) for c in ("IIT", "EIT", "OIT")]
    indicators = [
        pair(f"IND{n}", previous.indicators[n].value if n in previous.indicators else None, f.value)
        for n, f in sorted(current.indicators.items())
    ]
    codes = set(previous.sub_indicators) | set(current.sub_indicators)
    subs = sorted(codes, key=lambda c: tuple(map(int, c.split("."))))
    sub_changes = [pair(c, _value(previous.sub_indicators.get(c)), _value(current.sub_indicators.get(c))) for c in subs]
    before = _by_topic(previous)
    after = _by_topic(current)
    topics = list(after) + [t for t in before if t not in after]
    items = []
    for topic in topics:
        b, a = before.get(topic), after.get(topic)
        status = "both" if b and a else ("appeared" if a else "disappeared")
        b_score = b[1] if b else None
        a_score = a[1] if a else None
        if b_score is None and a_score is None and status == "both":
            continue
        diff = None if b_score is None or a_score is None else a_score - b_score
        items.append(Change(topic, b[0] if b else None, a[0] if a else None, b_score, a_score, diff, status))
    return {"figures": figures, "indicators": indicators, "sub_indicators": sub_changes, "items": items}


def _value(figure: Figure | None) -> float | None:
    return None if figure is None else figure.value


def _by_topic(assessment: Assessment) -> dict[str, tuple[str, float | None]]:
    """Topic -> (code, score) for every item of the year's framework; score None when not given."""
    scores = {**assessment.questions, **assessment.oit_items}
    return {item.topic: (item.code, scores.get(item.code)) for item in assessment.framework.items.values()}
