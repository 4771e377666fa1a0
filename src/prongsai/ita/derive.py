"""A provisional framework for a year without an official manual, carried over from an earlier year.

Everything is kept; what was confirmed for the source year becomes inferred for the new one (carried over is
inferred by docs/framework-schema.md), year-specific topic keys move to the new year, and the whole is marked
`status: provisional` with the reason, so every view can say so.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .framework_data import framework_to_data
from .loader import framework_from_data
from .model import CONFIRMED, INFERRED, PROVISIONAL, Framework

DEFAULT_REASON = "ยังไม่มีคู่มือการประเมินของปีนี้ จึงยกกรอบของปี {source} มาใช้เพื่อเตรียมการไปพลางก่อน"


def _carry(value: Any, source_year: int, year: int) -> Any:
    """Confirmed statuses become inferred and `fyNNNN` topic keys move to the new year, everywhere in the data."""
    if isinstance(value, dict):
        out = {}
        for key, inner in value.items():
            if key in ("status", "mapping_status", "channels_status") and inner == CONFIRMED:
                out[key] = INFERRED
            elif key == "topic" and isinstance(inner, str):
                out[key] = re.sub(rf"\.fy{source_year}\.", f".fy{year}.", inner)
            else:
                out[key] = _carry(inner, source_year, year)
        return out
    if isinstance(value, list):
        return [_carry(v, source_year, year) for v in value]
    return value


def derive_framework(source: Framework, year: int, *, reason: str | None = None) -> Framework:
    """The provisional framework of `year` carried over from `source`; a loadable, validated Framework."""
    data = _carry(framework_to_data(source), source.year, year)
    data["year"] = year
    data["title"] = source.title.replace(str(source.year), str(year))
    data["status"] = PROVISIONAL
    data["provisional_reason"] = reason or DEFAULT_REASON.format(source=source.year)
    data["derived_from"] = source.year
    note = f"carried over from fy{source.year} by `prongsai framework derive {year} --from {source.year}`"
    data["sources"] = [note, *[s for s in data.get("sources", []) if not s.startswith("carried over from fy")]]
    framework = framework_from_data(data, file=f"fy{year}.yaml", origin=f"derived from {source.year}")
    return replace(framework, origin=f"derived from {source.year}")
