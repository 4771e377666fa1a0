"""The JSON view of a framework (schema prongsai-framework-view/1, docs/json-output.md): flat tables, every item
with its indicator and sub-indicator, so a reader need not walk the nested file."""

from __future__ import annotations

from typing import Any

from .model import Framework
from .years import be_to_ce

VIEW_SCHEMA = "prongsai-framework-view/1"


def framework_to_json(framework: Framework) -> dict[str, Any]:
    fw = framework
    warnings = [fw.provisional_notice] if fw.provisional_notice else []
    unknown = [n for n, i in sorted(fw.indicators.items()) if i.mapping_status == "unknown"]
    if unknown:
        warnings.append(
            f"ยังไม่ทราบการจัดข้อเข้าตัวชี้วัดที่ {', '.join(map(str, unknown))} ของปี {fw.year} จึงต้องกรอกคะแนนของตัวชี้วัดเหล่านี้โดยตรง"
        )
    return {
        "schema": VIEW_SCHEMA,
        "year": fw.year,
        "year_ce": be_to_ce(fw.year),
        "title": fw.title,
        "status": fw.status,
        "provisional": fw.is_provisional,
        "provisional_reason": fw.provisional_reason,
        "derived_from": fw.derived_from,
        "origin": fw.origin,
        "notes": fw.notes,
        "sources": list(fw.sources),
        "warnings": warnings,
        "counts": {tool: len(fw.items_of_tool(tool)) for tool in ("IIT", "EIT", "OIT")},
        "tools": [
            {
                "code": code,
                "name": t.name,
                "weight": t.weight,
                "status": t.status,
                "source": t.source,
                "indicators": list(t.indicators),
                "channels": list(t.channels),
                "channels_status": t.channels_status if t.channels else None,
                "channels_source": t.channels_source,
            }
            for code, t in fw.tools.items()
        ],
        "indicators": [
            {
                "number": n,
                "code": i.code,
                "tool": i.tool,
                "name": i.name,
                "status": i.status,
                "source": i.source,
                "weight_in_total": fw.indicator_weight(n),
                "mapping_status": i.mapping_status,
                "mapping_source": i.mapping_source,
                "questions": list(i.questions),
                "sub_indicators": list(i.sub_indicators),
            }
            for n, i in sorted(fw.indicators.items())
        ],
        "sub_indicators": [
            {
                "code": s.code,
                "indicator": s.indicator,
                "name": s.name,
                "status": s.status,
                "mapping_status": s.mapping_status,
                "mapping_source": s.mapping_source,
                "items": list(s.items),
            }
            for s in fw.sub_indicators.values()
        ],
        "items": [
            {
                "code": i.code,
                "tool": i.tool,
                "title": i.title,
                "indicator": i.indicator,
                "sub_indicator": i.sub_indicator,
                "topic": i.topic,
                "status": i.status,
                "source": i.source,
                "scale": i.scale,
                "parts": [{"text": p.text, "scale": p.scale} for p in i.parts],
            }
            for i in fw.items.values()
        ],
        "candidate_groupings": [
            {
                "name": g.name,
                "title": g.title,
                "status": g.status,
                "source": g.source,
                "sub_indicators": [{"code": s.code, "name": s.name, "items": list(s.items)} for s in g.sub_indicators],
            }
            for g in fw.candidate_groupings
        ],
        "grading": {
            "kind": fw.grading.kind,
            "pass_mark": fw.grading.pass_mark,
            "status": fw.grading.status,
            "source": fw.grading.source,
            "levels": [
                {
                    "level": r.level,
                    "min_total": r.min_total,
                    "min_every_indicator": r.min_every_indicator,
                    "status": r.status,
                    "source": r.source,
                }
                for r in fw.grading.levels
            ],
        },
        "scales": {
            key: {"status": s.status, "source": s.source, "answers": dict(s.answers)} for key, s in fw.scales.items()
        },
    }
