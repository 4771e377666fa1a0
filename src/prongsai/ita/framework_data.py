"""A Framework back to the data of its file (schema prongsai-framework/1): loading that data gives an equal one.

The YAML and spreadsheet adapters and `framework derive` write frameworks through this one function, so what
they write is exactly what the loader reads.
"""

from __future__ import annotations

from typing import Any

from .code_ranges import format_code_ranges
from .loader import SCHEMA_ID
from .model import CONFIRMED, Framework, Indicator, Item, SubIndicator


def _put(data: dict[str, Any], key: str, value: Any, default: Any = None) -> None:
    if value != default:
        data[key] = value


def item_data(item: Item) -> dict[str, Any]:
    data: dict[str, Any] = {"code": item.code, "topic": item.topic}
    _put(data, "title", item.title)
    _put(data, "scale", item.scale)
    if item.parts:
        data["parts"] = [{"text": p.text, **({"scale": p.scale} if p.scale is not None else {})} for p in item.parts]
    _put(data, "status", item.status, CONFIRMED)
    _put(data, "source", item.source)
    return data


def _sub_data(framework: Framework, sub: SubIndicator) -> dict[str, Any]:
    data: dict[str, Any] = {"code": sub.code, "name": sub.name}
    _put(data, "status", sub.status, CONFIRMED)
    _put(data, "mapping_status", sub.mapping_status, CONFIRMED)
    _put(data, "mapping_source", sub.mapping_source)
    data["items"] = [item_data(framework.items[c]) for c in sub.items]
    return data


def _indicator_data(framework: Framework, indicator: Indicator) -> dict[str, Any]:
    data: dict[str, Any] = {"number": indicator.number, "tool": indicator.tool, "name": indicator.name}
    _put(data, "status", indicator.status, CONFIRMED)
    _put(data, "source", indicator.source)
    _put(data, "mapping_status", indicator.mapping_status, CONFIRMED)
    _put(data, "mapping_source", indicator.mapping_source)
    if indicator.tool == "OIT":
        data["sub_indicators"] = [_sub_data(framework, framework.sub_indicators[c]) for c in indicator.sub_indicators]
    else:
        data["questions"] = [item_data(framework.items[c]) for c in indicator.questions]
    return data


def framework_to_data(framework: Framework) -> dict[str, Any]:
    """The nested data of the framework file, keys in the order of the shipped files."""
    fw = framework
    data: dict[str, Any] = {"schema": SCHEMA_ID, "year": fw.year, "title": fw.title, "status": fw.status}
    _put(data, "provisional_reason", fw.provisional_reason)
    _put(data, "derived_from", fw.derived_from)
    if fw.sources:
        data["sources"] = list(fw.sources)
    _put(data, "notes", fw.notes)
    if fw.scales:
        data["scales"] = {
            key: {
                **({"status": s.status} if s.status != CONFIRMED else {}),
                **({"source": s.source} if s.source is not None else {}),
                "answers": dict(s.answers),
            }
            for key, s in fw.scales.items()
        }
    tools: dict[str, Any] = {}
    for code, tool in fw.tools.items():
        entry: dict[str, Any] = {"name": tool.name, "weight": tool.weight}
        _put(entry, "status", tool.status, CONFIRMED)
        _put(entry, "source", tool.source)
        if tool.channels:
            entry["channels"] = list(tool.channels)
        _put(entry, "channels_status", tool.channels_status, CONFIRMED)
        _put(entry, "channels_source", tool.channels_source)
        if code == "OIT" and fw.candidate_groupings:
            entry["candidate_groupings"] = [
                {
                    "name": g.name,
                    **({"title": g.title} if g.title is not None else {}),
                    "status": g.status,
                    **({"source": g.source} if g.source is not None else {}),
                    "sub_indicators": [
                        {"code": s.code, "name": s.name, "items": format_code_ranges(s.items)} for s in g.sub_indicators
                    ],
                }
                for g in fw.candidate_groupings
            ]
        tools[code] = entry
    data["tools"] = tools
    data["indicators"] = [_indicator_data(fw, ind) for _, ind in sorted(fw.indicators.items())]
    unassigned = [item_data(item) for item in fw.items.values() if item.is_oit and item.sub_indicator is None]
    if unassigned:
        data["unassigned_items"] = unassigned
    grading: dict[str, Any] = {"kind": fw.grading.kind}
    _put(grading, "status", fw.grading.status, CONFIRMED)
    _put(grading, "source", fw.grading.source)
    _put(grading, "pass_mark", fw.grading.pass_mark)
    levels = []
    for rule in fw.grading.levels:
        level: dict[str, Any] = {"level": rule.level, "min_total": rule.min_total}
        _put(level, "min_every_indicator", rule.min_every_indicator)
        _put(level, "status", rule.status, CONFIRMED)
        _put(level, "source", rule.source)
        levels.append(level)
    grading["levels"] = levels
    data["grading"] = grading
    return data
