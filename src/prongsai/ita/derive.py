"""A provisional framework for a year without an official manual, carried over from an earlier year.

Everything is kept; what was confirmed for the source year becomes inferred for the new one (carried over is
inferred by docs/framework-schema.md), year-specific topic keys move to the new year, and the whole is marked
`status: provisional` with the reason, so every view can say so.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .framework_data import framework_to_data
from .loader import framework_from_data
from .model import CONFIRMED, INFERRED, PROVISIONAL, Framework

DEFAULT_REASON = "ยังไม่มีคู่มือการประเมินของปีนี้ จึงยกกรอบของปี {source} มาใช้เพื่อเตรียมการไปพลางก่อน"


def _inferred(status: str) -> str:
    return INFERRED if status == CONFIRMED else status


def _carry(fw: Framework, year: int) -> Framework:
    """Confirmed statuses become inferred and `fyNNNN` topic keys move to the new year."""

    def topic(key: str) -> str:
        return re.sub(rf"\.fy{fw.year}\.", f".fy{year}.", key)

    items = {c: replace(i, status=_inferred(i.status), topic=topic(i.topic)) for c, i in fw.items.items()}
    subs = {
        c: replace(s, status=_inferred(s.status), mapping_status=_inferred(s.mapping_status))
        for c, s in fw.sub_indicators.items()
    }
    indicators = {
        n: replace(i, status=_inferred(i.status), mapping_status=_inferred(i.mapping_status))
        for n, i in fw.indicators.items()
    }
    tools = {
        c: replace(
            t,
            status=_inferred(t.status),
            channels_status=_inferred(t.channels_status) if t.channels else t.channels_status,
        )
        for c, t in fw.tools.items()
    }
    scales = {k: replace(v, status=_inferred(v.status)) for k, v in fw.scales.items()}
    grading = replace(
        fw.grading,
        status=_inferred(fw.grading.status),
        levels=tuple(replace(r, status=_inferred(r.status)) for r in fw.grading.levels),
    )
    return replace(
        fw, items=items, sub_indicators=subs, indicators=indicators, tools=tools, scales=scales, grading=grading
    )


def derive_framework(source: Framework, year: int, *, reason: str | None = None) -> Framework:
    """The provisional framework of `year` carried over from `source`; a loadable, validated Framework."""
    data = framework_to_data(_carry(source, year))
    data["year"] = year
    data["title"] = source.title.replace(str(source.year), str(year))
    data["status"] = PROVISIONAL
    data["provisional_reason"] = reason or DEFAULT_REASON.format(source=source.year)
    data["derived_from"] = source.year
    note = f"carried over from fy{source.year} by `prongsai framework derive {year} --from {source.year}`"
    data["sources"] = [note, *[s for s in data.get("sources", []) if not s.startswith("carried over from fy")]]
    framework = framework_from_data(data, file=f"fy{year}.yaml", origin=f"derived from {source.year}")
    return replace(framework, origin=f"derived from {source.year}")
