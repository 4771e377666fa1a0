"""The stable JSON form of an Assessment (schema prongsai-assessment/1, documented in docs/json-output.md)."""

from __future__ import annotations

from typing import Any

from .numbers import round2
from .scoring import Assessment, Figure
from .years import be_to_ce

SCHEMA_ID = "prongsai-assessment/1"


def _shown(value: float | None) -> float | None:
    return None if value is None else round2(value)


def _figures(figures: dict[str, Figure]) -> dict[str, float | None]:
    return {key: _shown(f.value) for key, f in figures.items()}


def assessment_to_dict(assessment: Assessment) -> dict[str, Any]:
    """Figures shown to 2 decimals; `detail` keeps each figure's full precision, origin and why it is missing."""
    fw = assessment.framework
    indicators = {str(n): f for n, f in assessment.indicators.items()}
    everything: list[Figure] = [
        assessment.total,
        *assessment.tools.values(),
        *assessment.channel_tools.values(),
        *assessment.indicators.values(),
        *assessment.sub_indicators.values(),
    ]
    return {
        "schema": SCHEMA_ID,
        "year": fw.year,
        "year_ce": be_to_ce(fw.year),
        "agency": assessment.agency,
        "framework": {
            "year": fw.year,
            "status": fw.status,
            "origin": fw.origin,
            "provisional": fw.is_provisional,
            "provisional_notice": fw.provisional_notice,
        },
        "total": _shown(assessment.total.value),
        "level": assessment.level,
        "level_reason": assessment.level_reason,
        "tools": _figures(assessment.tools),
        "eit_channels": _figures(assessment.channel_tools),
        "indicators": _figures(indicators),
        "sub_indicators": _figures(assessment.sub_indicators),
        "questions": {c: round2(v) for c, v in assessment.questions.items()},
        "channel_questions": {
            ch: {c: round2(v) for c, v in per.items()} for ch, per in assessment.channel_questions.items()
        },
        "oit_items": {c: round2(v) for c, v in assessment.oit_items.items()},
        "detail": {
            f.code: {"value": f.value, "origin": f.origin, "basis": f.basis, "note": f.note or None} for f in everything
        },
        "reconciliation": [
            {
                "code": r.code,
                "reported": r.reported,
                "computed": round2(r.computed) if isinstance(r.computed, float) else r.computed,
                "difference": None if r.difference is None else round(r.difference, 4),
                "ok": r.ok,
            }
            for r in assessment.reconciliation
        ],
        "warnings": list(assessment.warnings),
    }
