"""The JSON form of a `framework fit` report (schema prongsai-grouping-fit/1, docs/json-output.md)."""

from __future__ import annotations

from .grouping_fit import FitReport, Grouping


def report_to_dict(report: FitReport) -> dict[str, object]:
    """The JSON form (schema prongsai-grouping-fit/1, docs/json-output.md)."""

    def grouping(g: Grouping) -> dict[str, object]:
        return {
            "name": g.name,
            "kind": g.kind,
            "description": g.describe(),
            "sub_indicators": [{"code": c, "items": list(items)} for c, items in g.sub_indicators],
        }

    return {
        "schema": "prongsai-grouping-fit/1",
        "year": report.year,
        "observations": report.observations,
        "items": list(report.items),
        "checked_figures": list(report.checked),
        "sub_indicator_counts": {str(n): list(c) for n, c in report.sub_counts.items()},
        "judged": [
            {
                **grouping(v.grouping),
                "fits": v.fits,
                "mismatches": [
                    {
                        "observation": m.observation,
                        "code": m.code,
                        "reported": m.reported,
                        "computed": None if m.computed is None else round(m.computed, 4),
                        "reason": m.describe(),
                    }
                    for m in v.mismatches
                ],
            }
            for v in report.judged
        ],
        "contiguous": {
            "fits": report.contiguous_count,
            "shown": [grouping(g) for g in report.contiguous_fits],
            "rejected_at": report.pruned,
            "searched_nodes": report.nodes,
            "complete": report.complete,
        },
    }
