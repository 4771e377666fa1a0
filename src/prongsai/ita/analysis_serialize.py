"""The JSON form of an analysis (schema prongsai-analysis/1, documented in docs/json-output.md)."""

from __future__ import annotations

from typing import Any

from .analysis import Analysis, Change, Scored
from .numbers import round2
from .serialize import assessment_to_dict
from .whatif import Fix, apply

SCHEMA_ID = "prongsai-analysis/1"


def _scored(entries: list[Scored]) -> list[dict[str, Any]]:
    return [{"code": e.code, "score": round2(e.score), "title": e.title, "rank": e.rank, "tie": e.tie} for e in entries]


def _opt(value: float | None) -> float | None:
    return None if value is None else round2(value)


def _change(change: Change) -> dict[str, Any]:
    return {
        "key": change.code,
        "previous_code": change.previous_code,
        "current_code": change.current_code,
        "previous": _opt(change.previous),
        "current": _opt(change.current),
        "change": _opt(change.change),
        "status": change.status,
    }


def _fix(fix: Fix) -> dict[str, Any]:
    return {"code": fix.code, "from": round2(fix.before), "to": round2(fix.after)}


def analysis_to_dict(analysis: Analysis) -> dict[str, Any]:
    assessment = analysis.assessment
    fw = assessment.framework
    fixes = analysis.fixes
    whatif = []
    if assessment.total.value is not None:
        for fix in fixes:
            scenario = apply(assessment, (fix,))
            whatif.append(
                {
                    "codes": [fix.code],
                    "changes": [_fix(fix)],
                    "gain": round2(fix.gain),
                    "total": round2(scenario.total),
                    "level": scenario.level,
                }
            )
        by_code = {f.code: f for f in fixes}
        failed = tuple(by_code[e.code] for e in analysis.failed_oit if e.code in by_code)
        if len(failed) > 1:
            scenario = apply(assessment, failed)
            whatif.append(
                {
                    "codes": [f.code for f in failed],
                    "changes": [_fix(f) for f in failed],
                    "gain": round2(scenario.gain),
                    "total": round2(scenario.total),
                    "level": scenario.level,
                }
            )
    step = analysis.next_step
    return {
        "schema": SCHEMA_ID,
        "assessment": assessment_to_dict(assessment),
        "thresholds": {
            "pass_mark": analysis.pass_mark,
            "strength": analysis.strength,
            "question": analysis.question_threshold,
        },
        "indicators_ranked": _scored(analysis.indicators_ranked),
        "strengths": {
            "indicators": _scored(analysis.strong_indicators),
            "questions": _scored(analysis.strong_questions),
        },
        "to_develop": {"indicators": _scored(analysis.weak_indicators), "questions": _scored(analysis.weak_questions)},
        "per_tool": {
            tool: {
                "to_improve": _scored(f.to_improve),
                "urgent": _scored(f.urgent),
                "urgent_fallback": f.urgent_fallback,
            }
            for tool, f in analysis.per_tool.items()
        },
        "channel_gaps": [
            {
                "code": g.code,
                "title": g.title,
                "public": round2(g.public),
                "survey": round2(g.survey),
                "gap": round2(g.gap),
                "below_bar": g.below_bar,
            }
            for g in analysis.channel_gaps
        ],
        "failed_oit": [
            {
                "code": e.code,
                "title": e.title,
                "sub_indicator": fw.items[e.code].sub_indicator,
                "sub_indicator_name": fw.sub_indicators[s].name if (s := fw.items[e.code].sub_indicator) else None,
            }
            for e in analysis.failed_oit
        ],
        "whatif": whatif,
        "next_level": {
            "current": step.current,
            "target": step.target,
            "reachable": step.reachable,
            "changes": [_fix(f) for f in step.scenario.fixes] if step.scenario else [],
            "total": round2(step.scenario.total) if step.scenario else None,
            "reason": step.reason,
        },
        "yoy": None if analysis.yoy is None else {k: [_change(c) for c in v] for k, v in analysis.yoy.items()},
    }
