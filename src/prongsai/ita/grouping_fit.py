"""Which groupings of a year's OIT items into sub-indicators reproduce published results (`framework fit`).

Given agencies' OIT item pass/fail and their reported OIT figures (sub-indicators 9.1 ..., indicators 9 and 10,
the OIT tool), a grouping fits when every reported figure is reproduced to the tolerance (0.01, inclusive). The
candidate groupings recorded in the framework (and its own grouping, if it has one) are judged one by one, with
the reason for each rejection; then every split of the items, in code order, into contiguous sub-indicators is
searched, depth first, cutting a branch as soon as a closed sub-indicator or a finished indicator misses a
reported figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import accumulate

from .figures import DEFAULT_TOLERANCE, FLOAT_SLACK, within_tolerance
from .model import UNKNOWN, Framework, SubIndicator
from .problems import InputError, Problem
from .results import ResultSet

DEFAULT_MAX_SUBS = 6
DEFAULT_NODE_LIMIT = 3_000_000


@dataclass(frozen=True)
class Observation:
    """One agency's OIT result: every item 0 or 100, and the OIT figures it reports."""

    label: str
    items: dict[str, float]
    reported: dict[str, float]


@dataclass(frozen=True)
class Grouping:
    """Sub-indicator code -> item codes, in order; `kind` is candidate, framework or contiguous."""

    name: str
    kind: str
    sub_indicators: tuple[tuple[str, tuple[str, ...]], ...]

    def describe(self) -> str:
        from .code_ranges import format_code_ranges

        return "; ".join(f"{code}: {format_code_ranges(items)}" for code, items in self.sub_indicators)


@dataclass(frozen=True)
class Mismatch:
    observation: str
    code: str
    reported: float
    computed: float | None

    def describe(self) -> str:
        if self.computed is None:
            return f"{self.observation}: แจ้ง {self.code} = {self.reported:.2f} แต่การจัดกลุ่มนี้ไม่มี {self.code}"
        return (
            f"{self.observation}: {self.code} แจ้ง {self.reported:.2f} คำนวณได้ {self.computed:.2f}"
            f" (ต่าง {self.reported - self.computed:+.2f})"
        )


@dataclass(frozen=True)
class Verdict:
    grouping: Grouping
    mismatches: tuple[Mismatch, ...]

    @property
    def fits(self) -> bool:
        return not self.mismatches


@dataclass
class FitReport:
    year: int
    observations: int
    items: tuple[str, ...]
    checked: tuple[str, ...]
    judged: list[Verdict]
    sub_counts: dict[int, tuple[int, ...]]
    contiguous_fits: list[Grouping] = field(default_factory=list)
    contiguous_count: int = 0
    pruned: dict[str, int] = field(default_factory=dict)
    nodes: int = 0
    complete: bool = True


def _number(code: str) -> int:
    match = re.match(r"^[A-Z]+([0-9]+)$", code)
    return int(match.group(1)) if match else 0


MAX_READ_SUBS = 20


def reading_framework(framework: Framework) -> Framework:
    """The framework with every sub-indicator code N.1-N.20 of its OIT indicators known, so a result file of a year
    without a grouping can still report 9.1, 9.2, ...; used only to read files for fitting, never to score."""
    subs = dict(framework.sub_indicators)
    for number, indicator in framework.indicators.items():
        if indicator.tool == "OIT":
            for index in range(1, MAX_READ_SUBS + 1):
                code = f"{number}.{index}"
                subs.setdefault(code, SubIndicator(code, number, "", (), mapping_status=UNKNOWN))
    return replace(framework, sub_indicators=subs)


def observations_from(framework: Framework, results: list[tuple[str, ResultSet]]) -> list[Observation]:
    """Observations from read result sets; InputError when one lacks items or reports no OIT figure."""
    oit = sorted(framework.oit_codes, key=_number)
    numbers = [n for n, i in sorted(framework.indicators.items()) if i.tool == "OIT"]
    figure_codes = {f"IND{n}" for n in numbers} | {"OIT"}
    problems = []
    found = []
    for label, result in results:
        missing = [c for c in oit if c not in result.scores]
        reported = {
            c: v for c, v in result.reported.items() if c in figure_codes or any(c.startswith(f"{n}.") for n in numbers)
        }
        if missing:
            shown = ", ".join(missing[:8]) + (" ..." if len(missing) > 8 else "")
            problems.append(
                Problem(
                    f"ไม่มีผลรายข้อ OIT ครบทุกข้อ (ขาด {shown})",
                    file=label,
                    expected=f"ผ่าน/ไม่ผ่านของข้อ {oit[0]}-{oit[-1]} ทุกข้อ",
                )
            )
            continue
        if not reported:
            problems.append(
                Problem(
                    "ไม่มีคะแนน OIT ที่ได้รับแจ้ง จึงใช้ตรวจการจัดกลุ่มไม่ได้",
                    file=label,
                    expected="อย่างน้อยหนึ่งในคะแนนตัวชี้วัดย่อย (9.1 ...), IND9, IND10 หรือ OIT",
                )
            )
            continue
        found.append(Observation(label, {c: result.scores[c] for c in oit}, reported))
    if not oit:
        problems.append(Problem(f"กรอบการประเมินปี {framework.year} ไม่มีรายการข้อ OIT จึงหาการจัดกลุ่มไม่ได้"))
    if problems:
        raise InputError(problems)
    return found


def _judge(grouping: Grouping, observations: list[Observation], numbers: list[int], tolerance: float) -> Verdict:
    mismatches: list[Mismatch] = []
    for obs in observations:
        subs = {code: sum(obs.items[c] for c in items) / len(items) for code, items in grouping.sub_indicators if items}
        indicators: dict[str, float | None] = {}
        for n in numbers:
            values = [v for code, v in subs.items() if code.split(".")[0] == str(n)]
            indicators[f"IND{n}"] = sum(values) / len(values) if values else None
        known = [v for v in indicators.values() if v is not None]
        computed: dict[str, float | None] = {
            **subs,
            **indicators,
            "OIT": sum(known) / len(known) if len(known) == len(numbers) else None,
        }
        for code, reported in sorted(obs.reported.items()):
            value = computed.get(code)
            if value is None or not within_tolerance(reported - value, tolerance):
                mismatches.append(Mismatch(obs.label, code, reported, value))
    return Verdict(grouping, tuple(mismatches))


def _sub_counts(
    observations: list[Observation], numbers: list[int], given: dict[int, tuple[int, ...]], max_subs: int
) -> dict[int, tuple[int, ...]]:
    """How many sub-indicators each OIT indicator may have: given, else at least the highest reported code."""
    counts: dict[int, tuple[int, ...]] = {}
    for n in numbers:
        if n in given:
            counts[n] = given[n]
            continue
        highest = max(
            (int(code.split(".")[1]) for obs in observations for code in obs.reported if code.startswith(f"{n}.")),
            default=0,
        )
        counts[n] = (highest,) if highest else tuple(range(1, max_subs + 1))
    return counts


class _Search:
    """Depth-first search over contiguous splits, pruned by every reported figure as soon as it is decided."""

    def __init__(
        self,
        items: tuple[str, ...],
        observations: list[Observation],
        numbers: list[int],
        counts: dict[int, tuple[int, ...]],
        tolerance: float,
        limit: int,
        node_limit: int,
    ):
        self.items = items
        self.obs = observations
        self.numbers = numbers
        self.counts = counts
        self.tol = tolerance + FLOAT_SLACK  # the bound of within_tolerance, kept as one number for the search
        self.limit = limit
        self.node_limit = node_limit
        # prefix[o][i]: passed items among the first i, for observation o
        self.prefix = [list(accumulate((obs.items[c] / 100 for c in items), initial=0.0)) for obs in observations]
        self.found: list[tuple[tuple[str, tuple[str, ...]], ...]] = []
        self.count = 0
        self.nodes = 0
        self.pruned: dict[str, int] = {}
        self.stopped = False

    def mean(self, o: int, start: int, end: int) -> float:
        return (self.prefix[o][end] - self.prefix[o][start]) / (end - start) * 100

    def prune(self, code: str) -> bool:
        self.pruned[code] = self.pruned.get(code, 0) + 1
        return False

    def run(self) -> None:
        self.indicator(0, 0, [], [])

    def indicator(
        self, position: int, start: int, blocks: list[tuple[str, int, int]], indicator_means: list[list[float]]
    ) -> None:
        """Place the sub-indicators of the OIT indicator at `position`, from item `start` on."""
        if position == len(self.numbers):
            if start == len(self.items):
                self.leaf(blocks, indicator_means)
            return
        number = self.numbers[position]
        for count in self.counts[number]:
            self.block(position, number, count, 1, start, blocks, [0.0] * len(self.obs), indicator_means)
            if self.stopped:
                return

    def block(
        self,
        position: int,
        number: int,
        count: int,
        index: int,
        start: int,
        blocks: list[tuple[str, int, int]],
        sums: list[float],
        indicator_means: list[list[float]],
    ) -> None:
        """Choose where sub-indicator `number.index` ends; the last one of the last indicator takes the rest."""
        code = f"{number}.{index}"
        left_after_indicator = sum(min(self.counts[n]) for n in self.numbers[position + 1 :])
        remaining_blocks = count - index
        last_end = len(self.items) - left_after_indicator - remaining_blocks
        first_end = start + 1
        if position == len(self.numbers) - 1 and index == count:
            first_end = len(self.items)
        for end in range(first_end, last_end + 1):
            self.nodes += 1
            if self.nodes > self.node_limit:
                self.stopped = True
                return
            means = [self.mean(o, start, end) for o in range(len(self.obs))]
            if not self.sub_fits(code, means):
                continue
            new_sums = [s + m for s, m in zip(sums, means, strict=True)]
            if not self.indicator_possible(number, index, count, new_sums, end):
                continue
            placed = [*blocks, (code, start, end)]
            if index == count:
                finals = [s / count for s in new_sums]
                if not self.figure_fits(f"IND{number}", finals):
                    continue
                self.indicator(position + 1, end, placed, [*indicator_means, finals])
            else:
                self.block(position, number, count, index + 1, end, placed, new_sums, indicator_means)
            if self.stopped:
                return

    def sub_fits(self, code: str, means: list[float]) -> bool:
        for obs, value in zip(self.obs, means, strict=True):
            reported = obs.reported.get(code)
            if reported is not None and abs(reported - value) > self.tol:
                return self.prune(code)
        return True

    def figure_fits(self, code: str, values: list[float]) -> bool:
        for obs, value in zip(self.obs, values, strict=True):
            reported = obs.reported.get(code)
            if reported is not None and abs(reported - value) > self.tol:
                return self.prune(code)
        return True

    def indicator_possible(self, number: int, index: int, count: int, sums: list[float], end: int) -> bool:
        """Whether the indicator's reported score is still reachable with the sub-indicators still to come."""
        rest = count - index
        if rest == 0:
            return True
        code = f"IND{number}"
        for o, obs in enumerate(self.obs):
            reported = obs.reported.get(code)
            if reported is None:
                continue
            low, high = sums[o], sums[o] + 100 * rest
            if self.prefix[o][-1] - self.prefix[o][end] == len(self.items) - end:  # every item left passed
                low = high
            if not low - self.tol * count <= reported * count <= high + self.tol * count:
                return self.prune(code)
        return True

    def leaf(self, blocks: list[tuple[str, int, int]], indicator_means: list[list[float]]) -> None:
        for o, obs in enumerate(self.obs):
            reported = obs.reported.get("OIT")
            if reported is not None:
                value = sum(m[o] for m in indicator_means) / len(indicator_means)
                if abs(reported - value) > self.tol:
                    self.prune("OIT")
                    return
            extra = [c for c in obs.reported if "." in c and c not in {b[0] for b in blocks}]
            if extra:
                self.prune(extra[0])
                return
        self.count += 1
        if len(self.found) < self.limit:
            self.found.append(tuple((code, self.items[s:e]) for code, s, e in blocks))


def fit_groupings(
    framework: Framework,
    observations: list[Observation],
    *,
    sub_counts: dict[int, tuple[int, ...]] | None = None,
    max_subs: int = DEFAULT_MAX_SUBS,
    tolerance: float = DEFAULT_TOLERANCE,
    limit: int = 50,
    node_limit: int = DEFAULT_NODE_LIMIT,
) -> FitReport:
    """Judge the recorded groupings and search the contiguous ones against every observation."""
    fw = framework
    items = tuple(sorted(fw.oit_codes, key=_number))
    numbers = [n for n, i in sorted(fw.indicators.items()) if i.tool == "OIT"]
    judged: list[Verdict] = []
    if fw.sub_indicators and all(fw.sub_indicators[c].items for c in fw.sub_indicators):
        own = Grouping(
            f"การจัดกลุ่มของกรอบปี {fw.year}",
            "framework",
            tuple((code, sub.items) for code, sub in fw.sub_indicators.items()),
        )
        judged.append(_judge(own, observations, numbers, tolerance))
    for candidate in fw.candidate_groupings:
        grouping = Grouping(candidate.name, "candidate", tuple((s.code, s.items) for s in candidate.sub_indicators))
        judged.append(_judge(grouping, observations, numbers, tolerance))
    counts = _sub_counts(observations, numbers, sub_counts or {}, max_subs)
    search = _Search(items, observations, numbers, counts, tolerance, limit, node_limit)
    search.run()
    checked = tuple(sorted({code for obs in observations for code in obs.reported}))
    return FitReport(
        year=fw.year,
        observations=len(observations),
        items=items,
        checked=checked,
        judged=judged,
        sub_counts=counts,
        contiguous_fits=[Grouping(f"แบ่งช่วงที่ {i}", "contiguous", subs) for i, subs in enumerate(search.found, 1)],
        contiguous_count=search.count,
        pruned=dict(sorted(search.pruned.items(), key=lambda kv: -kv[1])),
        nodes=search.nodes,
        complete=not search.stopped,
    )
