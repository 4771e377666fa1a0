"""The recommendations library: causes, measures, evidence items and responsible units for every topic.

Keyed by topic so one entry serves an obligation in every year; questions whose text is unknown in a year fall
back to their indicator's entry. Schema: docs/recommendations-schema.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .model import Framework
from .problems import InputError, Problem

SCHEMA_ID = "prongsai-recommendations/1"


@dataclass(frozen=True)
class Advice:
    key: str
    causes: tuple[str, ...]
    measures: tuple[str, ...]
    steps: tuple[str, ...]
    evidence: tuple[str, ...]
    responsible: tuple[str, ...]
    monitoring: str | None
    fallback: bool = False


@dataclass(frozen=True)
class Library:
    version: str
    topics: dict[str, Advice]
    indicators: dict[int, Advice]

    def advice_for(self, framework: Framework, code: str) -> Advice | None:
        """The topic's entry, else (for an item whose text is unknown) its indicator's entry.

        An OIT item whose indicator is not known either (2568/2569 items recovered without title or grouping)
        gets indicator 9's general advice on publishing information.
        """
        item = framework.items[code]
        if item.topic in self.topics:
            return self.topics[item.topic]
        number = item.indicator if item.indicator is not None else (9 if item.is_oit else None)
        if number is not None and number in self.indicators:
            return Advice(**{**self.indicators[number].__dict__, "fallback": True})
        return None

    def evidence_codes(self, framework: Framework, advice: Advice) -> list[str]:
        """The year's codes of the OIT items that carry the evidence for this advice."""
        by_topic = {item.topic: item.code for item in framework.items.values()}
        return [by_topic[t] for t in advice.evidence if t in by_topic]


def _strings(value: Any, where: str, file: str, problems: list[Problem], required: bool) -> tuple[str, ...]:
    if value is None and not required:
        return ()
    valid = isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
    if not valid or (required and not value):
        problems.append(Problem("ต้องเป็นรายการข้อความที่ไม่ว่าง", file=file, column=where))
        return ()
    return tuple(value)


def _advice(key: str, body: Any, where: str, file: str, problems: list[Problem]) -> Advice:
    if not isinstance(body, dict):
        problems.append(Problem("ต้องเป็นชุดข้อมูลแบบ key: value", file=file, column=where))
        body = {}
    return Advice(
        key=key,
        causes=_strings(body.get("causes"), f"{where}.causes", file, problems, True),
        measures=_strings(body.get("measures"), f"{where}.measures", file, problems, True),
        steps=_strings(body.get("steps"), f"{where}.steps", file, problems, False),
        evidence=_strings(body.get("evidence") or None, f"{where}.evidence", file, problems, False),
        responsible=_strings(body.get("responsible"), f"{where}.responsible", file, problems, True),
        monitoring=body.get("monitoring"),
    )


def load_library(path: str | Path) -> Library:
    path = Path(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    problems: list[Problem] = []
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_ID:
        raise InputError([Problem("ไม่ใช่คลังข้อเสนอแนะ", file=path.name, column="schema", expected=SCHEMA_ID)])
    topics = {
        str(k): _advice(str(k), v, f"topics.{k}", path.name, problems) for k, v in (data.get("topics") or {}).items()
    }
    indicators = {}
    for key, body in (data.get("indicators") or {}).items():
        if not str(key).isdigit():
            problems.append(Problem(f"หมายเลขตัวชี้วัด '{key}' ไม่ถูกต้อง", file=path.name, column=f"indicators.{key}"))
            continue
        indicators[int(key)] = _advice(f"indicator.{key}", body, f"indicators.{key}", path.name, problems)
    if problems:
        raise InputError(problems)
    return Library(str(data.get("version", "")), topics, indicators)


@cache
def shipped_library() -> Library:
    return load_library(Path(str(resources.files("prongsai") / "recommendations" / "library.yaml")))
