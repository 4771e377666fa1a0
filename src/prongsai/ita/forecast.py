"""A forecast of this year's ITA result from what an agency knows months before NACC announces it: its own
survey scores for IIT and EIT (or, without a survey, last year's official indicators), and its OIT preparation
board (an approved item passes, anything else is at risk). Scored by the same engine as an official result, with
the same what-if gains, and labelled everywhere as a self-assessment."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .model import Framework
from .numbers import round2
from .results import ResultSet
from .scoring import Assessment, score
from .whatif import Fix, single_fixes

SURVEY = "survey"
LAST_YEAR = "last_year"
BOARD = "board"
BOARD_SHARE = "board_share"  # the share of approved items, where the year's sub-indicator grouping is unknown
NONE = "none"
SOURCE_NAMES = {
    SURVEY: "แบบสำรวจของหน่วยงานเอง",
    LAST_YEAR: "ผลทางการของปีก่อน",
    BOARD: "กระดานเตรียมข้อมูล OIT (ข้อที่อนุมัติแล้วถือว่าผ่าน)",
    BOARD_SHARE: "สัดส่วนข้อที่อนุมัติแล้วบนกระดาน OIT (ยังไม่ทราบการจัดกลุ่มตัวชี้วัดย่อยของปีนี้)",
    NONE: "ไม่มีข้อมูล",
}
LABEL = "ผลประเมินตนเอง (คาดการณ์) ไม่ใช่ผลทางการของ ป.ป.ช."


@dataclass(frozen=True)
class Forecast:
    """The forecast assessment, where each tool's figures came from, the OIT items at risk and what fixing each
    question or item would add."""

    assessment: Assessment
    sources: dict[str, str]
    at_risk: list[str]
    fixes: list[Fix]
    previous_total: float | None
    notes: list[str] = field(default_factory=list)

    @property
    def change(self) -> float | None:
        total = self.assessment.total.value
        if total is None or self.previous_total is None:
            return None
        return round2(total) - round2(self.previous_total)

    def source_name(self, tool: str) -> str:
        return SOURCE_NAMES[self.sources.get(tool, NONE)]


def forecast(
    framework: Framework,
    *,
    survey: Mapping[str, Mapping[str, float]] | None = None,
    oit_statuses: Mapping[str, bool] | None = None,
    previous: Assessment | None = None,
    pass_mark: float | None = None,
) -> Forecast:
    """Forecast the year of `framework`. `survey` maps "IIT"/"EIT" to question scores from the agency's own rounds;
    `oit_statuses` maps each OIT item code of the board to whether it is approved; `previous` is last year's
    official assessment, whose indicator figures stand in for a tool that has no survey or board."""
    survey = survey or {}
    results = ResultSet(agency=previous.agency if previous else None)
    sources: dict[str, str] = {}
    notes: list[str] = []
    for tool in ("IIT", "EIT"):
        scores = {
            code: value
            for code, value in (survey.get(tool) or {}).items()
            if code in framework.items and framework.items[code].tool == tool
        }
        if scores:
            results.scores.update(scores)
            sources[tool] = SURVEY
            missing = [
                c
                for n in framework.tools[tool].indicators
                for c in framework.indicators[n].questions
                if c not in scores
            ]
            if missing and previous is not None:
                _carry_indicators(framework, tool, previous, results, only_incomplete=scores)
                notes.append(
                    f"{tool}: ข้อที่แบบสำรวจไม่ได้ถาม ({', '.join(missing[:8])}"
                    f"{' ...' if len(missing) > 8 else ''}) ใช้คะแนนตัวชี้วัดของปีก่อนแทนทั้งตัวชี้วัด"
                )
        elif previous is not None and _carry_indicators(framework, tool, previous, results):
            sources[tool] = LAST_YEAR
        else:
            sources[tool] = NONE
    at_risk: list[str] = []
    if oit_statuses:
        oit_codes = [c for c, item in framework.items.items() if item.is_oit]
        at_risk = [c for c in oit_codes if not oit_statuses.get(c, False)]
        grouped = all(framework.indicators[n].sub_indicators for n in framework.tools["OIT"].indicators)
        if grouped:
            for code in oit_codes:
                results.scores[code] = 100.0 if oit_statuses.get(code, False) else 0.0
            sources["OIT"] = BOARD
        else:
            share = sum(1 for c in oit_codes if oit_statuses.get(c, False)) / len(oit_codes) * 100 if oit_codes else 0
            for number in framework.tools["OIT"].indicators:
                results.reported[f"IND{number}"] = share
            sources["OIT"] = BOARD_SHARE
            notes.append("ยังไม่ทราบว่าข้อ OIT ของปีนี้จัดอยู่ในตัวชี้วัดย่อยใด คะแนน OIT จึงประมาณจากสัดส่วนข้อที่อนุมัติแล้ว")
    elif previous is not None and _carry_indicators(framework, "OIT", previous, results):
        sources["OIT"] = LAST_YEAR
    else:
        sources["OIT"] = NONE
    assessment = score(framework, results)
    assessment.warnings.insert(0, LABEL)
    fixes = single_fixes(assessment, pass_mark)
    return Forecast(assessment, sources, at_risk, fixes, previous.total.value if previous else None, notes)


def _carry_indicators(
    framework: Framework,
    tool: str,
    previous: Assessment,
    results: ResultSet,
    only_incomplete: Mapping[str, float] | None = None,
) -> bool:
    """Put last year's indicator figures of `tool` into `results` as reported values (indicator numbers are
    stable across years); with `only_incomplete`, only for indicators the survey does not cover fully."""
    carried = False
    for number in framework.tools[tool].indicators:
        figure = previous.indicators.get(number)
        if figure is None or figure.value is None:
            continue
        if only_incomplete is not None and all(c in only_incomplete for c in framework.indicators[number].questions):
            continue
        results.reported[f"IND{number}"] = figure.value
        carried = True
    return carried
