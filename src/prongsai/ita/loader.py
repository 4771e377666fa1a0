"""Read a framework file (YAML or JSON, schema prongsai-framework/1) into a Framework, or say exactly what is wrong.

Reading the framework file is the one piece of I/O the domain core does; everything else is pure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .framework_checker import FrameworkChecker
from .framework_sections import read_candidates, read_grading, read_indicators, read_item, read_scales, read_tools
from .model import (
    FRAMEWORK_STATUSES,
    PROVISIONAL,
    Framework,
    Item,
)
from .problems import InputError, Problem
from .survey import DEFAULT_SCALES
from .syntax_reasons import parse_json, yaml_problem, yaml_value_problem
from .text_bounds import check_json_text, check_yaml_text

SCHEMA_ID = "prongsai-framework/1"
MAX_TEXT_BYTES = 2 * 1024 * 1024  # a year's file is 20 to 150 KB
# libyaml's safe loader when PyYAML was built with it (about 15 times faster), else the pure-Python one.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(text: str, name: str) -> Any:
    """Parse with the fast loader; a file it refuses is parsed again by yaml.safe_load to place and word the
    problem; InputError in Thai."""
    try:
        try:
            return yaml.load(text, Loader=_SAFE_LOADER)
        except yaml.YAMLError:
            return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError([yaml_problem(exc, name)]) from None
    except ValueError:  # a date or number the constructor cannot build
        raise InputError([yaml_value_problem(name)]) from None


def load_framework_file(path: str | Path) -> Framework:
    """Load and validate a framework file; raise InputError listing every problem found."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise InputError([Problem("ไม่พบไฟล์กรอบการประเมิน", file=str(path))])
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise too_big_text(name)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(f"ไฟล์ไม่ใช่ข้อความ UTF-8 (ไบต์ที่ {exc.start})", file=name)]) from None
    return parse_framework_text(text, name=name, origin=str(path), as_json=path.suffix.lower() == ".json")


def parse_framework_text(text: str, *, name: str, origin: str, as_json: bool = False) -> Framework:
    """Parse YAML (or JSON) text of a framework file and validate it; InputError naming the line on bad syntax.

    The text is bounded first (size, nesting, no YAML aliases) so that no file can crash or stall the parser."""
    if len(text) > MAX_TEXT_BYTES:
        raise too_big_text(name)
    if as_json:
        check_json_text(text, name)
    else:
        check_yaml_text(text, name)
    data = parse_json(text, name) if as_json else _load_yaml(text, name)
    return framework_from_data(data, file=name, origin=origin)


def too_big_text(name: str) -> InputError:
    """The error for a framework text file over MAX_TEXT_BYTES."""
    return InputError(
        [
            Problem(
                f"ไฟล์ข้อความใหญ่เกิน {MAX_TEXT_BYTES // (1024 * 1024)} MB",
                file=name,
                expected="กรอบการประเมินหนึ่งปี (ราว 20 ถึง 150 KB)",
            )
        ]
    )


def framework_from_data(data: Any, *, file: str, origin: str = "shipped") -> Framework:
    """Build a Framework from already-parsed data, checking every rule of docs/framework-schema.md."""
    check = FrameworkChecker(file)
    top = check.mapping(data, "")
    if top.get("schema") != SCHEMA_ID:
        check.fail("schema", f"ค่า schema '{top.get('schema')}' ไม่ถูกต้อง", SCHEMA_ID)
    year = top.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 2400 <= year <= 2700:
        check.fail("year", f"ปีงบประมาณ '{year}' ไม่ถูกต้อง", "ปี พ.ศ. เป็นตัวเลข เช่น 2566")
        year = 0
    scales = read_scales(check, top.get("scales"))
    known_scales = {**DEFAULT_SCALES, **scales}  # an item may name a default scale without declaring it
    items: dict[str, Item] = {}
    indicators, sub_indicators = read_indicators(check, top.get("indicators"), items, known_scales)
    for index, raw in enumerate(check.listing(top.get("unassigned_items"), "unassigned_items")):
        read_item(check, raw, f"unassigned_items[{index}]", "OIT", None, None, items, known_scales)
    tools = read_tools(check, top.get("tools"), indicators)
    candidates = read_candidates(check, top.get("tools"), indicators, items)
    grading = read_grading(check, top.get("grading"))
    status = check.status(top, "status", "", FRAMEWORK_STATUSES)
    reason = check.text(top, "provisional_reason", "", required=status == PROVISIONAL)
    derived_from = top.get("derived_from")
    if derived_from is not None and (
        not isinstance(derived_from, int) or isinstance(derived_from, bool) or not 2400 <= derived_from <= 2700
    ):
        check.fail("derived_from", f"ปีต้นทาง '{derived_from}' ไม่ถูกต้อง", "ปี พ.ศ. เป็นตัวเลข เช่น 2569")
        derived_from = None
    topics: dict[str, str] = {}
    for item in items.values():
        if item.topic in topics:
            check.fail("topic", f"หัวข้อ (topic) '{item.topic}' ซ้ำกันใน {topics[item.topic]} และ {item.code}")
        topics[item.topic] = item.code
    if check.problems:
        raise InputError(check.problems)
    return Framework(
        year=year,
        title=str(top.get("title") or f"ITA {year}"),
        status=status,
        tools=tools,
        indicators=indicators,
        sub_indicators=sub_indicators,
        items=items,
        grading=grading,
        scales=scales,
        sources=tuple(str(s) for s in check.listing(top.get("sources"), "sources")),
        notes=top.get("notes"),
        origin=origin,
        provisional_reason=reason,
        derived_from=derived_from,
        candidate_groupings=candidates,
    )
