"""The framework data (docs/framework-schema.md) built from a workbook's sheets: metadata, scales, indicators,
sub-indicators, tools, OIT groupings and grading; the items sheet is in workbook_items.py."""

from __future__ import annotations

import re
from typing import Any

from ..importing.values import clean, parse_number
from ..ita.code_ranges import parse_code_ranges
from ..ita.loader import SCHEMA_ID
from ..ita.model import TOOLS as TOOL_CODES
from .columns import CANDIDATES, GRADING, INDICATORS, META, META_FIELDS, SCALES, STATUS_WORDS, SUB_INDICATORS, TOOLS
from .workbook import SUB_CODE, Workbook
from .workbook_items import items_into


def framework_data(book: Workbook) -> dict[str, Any]:
    """The nested framework data of every sheet, in the order the loader expects; problems go to `book`."""
    data: dict[str, Any] = {}
    _meta(book, data)
    scales = _scales(book)
    if scales:
        data["scales"] = scales
    indicators, by_number = _indicators(book)
    subs = _sub_indicators(book, by_number)
    unassigned = items_into(book, by_number, subs)
    data["tools"] = _tools(book)
    candidates = _candidates(book)
    if candidates and "OIT" in data["tools"]:
        data["tools"]["OIT"]["candidate_groupings"] = candidates
    data["indicators"] = indicators
    if unassigned:
        data["unassigned_items"] = unassigned
    data["grading"] = _grading(book, data.pop("_grading"))
    return data


def _meta(book: Workbook, data: dict[str, Any]) -> None:
    """The meta sheet's fields into `data`; the grading fields wait in data['_grading'] for the grading sheet."""
    known = {key for key, _ in META_FIELDS}
    grading: dict[str, Any] = {}
    sources: list[str] = []
    for row, record in book.rows(META):
        key = str(record["field"] or "").strip()
        value = record["value"]
        if key not in known:
            book.fail(META, row.number, "field", f"ไม่รู้จักรายการ '{key}'", ", ".join(sorted(known)))
            continue
        book.locations[key] = (META.name, row.number)
        if value is None:
            continue
        if key == "sources":
            sources.append(value)
        elif key in ("year", "derived_from"):
            number = parse_number(clean(value))
            if number is None or not float(number).is_integer():
                book.fail(META, row.number, "value", f"ปี '{value}' ไม่ใช่ตัวเลขปี", "ปี พ.ศ. เช่น 2570 หรือ ๒๕๗๐")
                continue
            data[key] = int(number)
        elif key == "grading_pass_mark":
            number = parse_number(clean(value))
            if number is None:
                book.fail(META, row.number, "value", f"เกณฑ์ผ่าน '{value}' ไม่ใช่ตัวเลข", "ตัวเลข เช่น 85")
                continue
            grading["pass_mark"] = number
            book.locations["grading.pass_mark"] = (META.name, row.number)
        elif key.startswith("grading_"):
            grading[key.removeprefix("grading_")] = (
                clean(value).lower() if key in ("grading_kind", "grading_status") else value
            )
            book.locations[f"grading.{key.removeprefix('grading_')}"] = (META.name, row.number)
        elif key == "status":
            data[key] = STATUS_WORDS.get(clean(value).lower(), clean(value).lower())
        elif key == "schema":
            data[key] = clean(value)
        else:
            data[key] = value
    data.setdefault("schema", SCHEMA_ID)
    if sources:
        data["sources"] = sources
    data["_grading"] = grading


def _scales(book: Workbook) -> dict[str, Any]:
    """Answer scales: each scale's answers and their scores."""
    scales: dict[str, Any] = {}
    for row, record in book.rows(SCALES):
        key = record["scale"]
        if key is None or record["answer"] is None or record["score"] is None:
            book.fail(SCALES, row.number, None, "แถวนี้ขาดมาตรวัด คำตอบ หรือคะแนน", "กรอกทั้งสามช่อง")
            continue
        entry = scales.setdefault(key, {"answers": {}})
        book.locations.setdefault(f"scales.{key}", (SCALES.name, row.number))
        for name in ("status", "source"):
            if record[name] is not None and name not in entry:
                entry[name] = record[name]
        entry["answers"][record["answer"]] = record["score"]
    return scales


def _indicators(book: Workbook) -> tuple[list[dict[str, Any]], dict[int, dict[str, Any]]]:
    """Indicators in number order, and the same entries by number for the sheets that fill them."""
    by_number: dict[int, dict[str, Any]] = {}
    rows: dict[int, int] = {}
    for row, record in book.rows(INDICATORS):
        number = record["number"]
        if number is None:
            book.fail(INDICATORS, row.number, "number", "ไม่มีเลขตัวชี้วัด", "จำนวนเต็ม เช่น 1")
            continue
        if number in by_number:
            book.fail(INDICATORS, row.number, "number", f"ตัวชี้วัดที่ {number} ซ้ำกับแถว {rows[number]}")
            continue
        rows[number] = row.number
        entry = {"number": number, "tool": record["tool"], "name": record["name"]}
        for key in ("status", "source", "mapping_status", "mapping_source"):
            if record[key] is not None:
                entry[key] = record[key]
        entry["sub_indicators" if record["tool"] == "OIT" else "questions"] = []
        by_number[number] = entry
    ordered = [by_number[n] for n in sorted(by_number)]
    for index, entry in enumerate(ordered):
        book.locations[f"indicators[{index}]"] = (INDICATORS.name, rows[entry["number"]])
        entry["_index"] = index
    return ordered, by_number


def _sub_indicators(book: Workbook, by_number: dict[int, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """OIT sub-indicators placed under their indicator, by code."""
    subs: dict[str, dict[str, Any]] = {}
    rows: dict[str, int] = {}
    for row, record in book.rows(SUB_INDICATORS):
        code = record["code"]
        if code is None or not SUB_CODE.match(code):
            book.fail(SUB_INDICATORS, row.number, "code", f"รหัสตัวชี้วัดย่อย '{code or ''}' ไม่ถูกต้อง", "เช่น 9.1")
            continue
        number = int(code.split(".")[0])
        if record["indicator"] is not None and record["indicator"] != number:
            book.fail(
                SUB_INDICATORS,
                row.number,
                "indicator",
                f"ตัวชี้วัดย่อย {code} ต้องอยู่ในตัวชี้วัดที่ {number} แต่ระบุ {record['indicator']}",
                f"{number} หรือเว้นว่าง",
            )
            continue
        indicator = by_number.get(number)
        if indicator is None or indicator["tool"] != "OIT":
            book.fail(
                SUB_INDICATORS,
                row.number,
                "code",
                f"ไม่มีตัวชี้วัดที่ {number} ของ OIT ในชีต indicators",
                "ตัวชี้วัดย่อยของตัวชี้วัด OIT เช่น 9.1, 10.1",
            )
            continue
        if code in subs:
            book.fail(SUB_INDICATORS, row.number, "code", f"ตัวชี้วัดย่อย {code} ซ้ำกับแถว {rows[code]}")
            continue
        rows[code] = row.number
        entry = {"code": code, "name": record["name"]}
        for key in ("status", "mapping_status", "mapping_source"):
            if record[key] is not None:
                entry[key] = record[key]
        entry["items"] = []
        book.locations[f"indicators[{indicator['_index']}].sub_indicators[{len(indicator['sub_indicators'])}]"] = (
            SUB_INDICATORS.name,
            row.number,
        )
        entry["_path"] = f"indicators[{indicator['_index']}].sub_indicators[{len(indicator['sub_indicators'])}]"
        indicator["sub_indicators"].append(entry)
        subs[code] = entry
    return subs


def _tools(book: Workbook) -> dict[str, Any]:
    """The three tools with their weights (which must add up to 1) and EIT channels."""
    tools: dict[str, Any] = {}
    weights: list[tuple[int, float]] = []
    for row, record in book.rows(TOOLS):
        code = record["code"]
        if code not in TOOL_CODES:
            book.fail(TOOLS, row.number, "code", f"เครื่องมือ '{code or ''}' ไม่รู้จัก", " / ".join(TOOL_CODES))
            continue
        if code in tools:
            book.fail(TOOLS, row.number, "code", f"เครื่องมือ {code} ซ้ำ")
            continue
        book.locations[f"tools.{code}"] = (TOOLS.name, row.number)
        entry: dict[str, Any] = {"name": record["name"], "weight": record["weight"]}
        if isinstance(record["weight"], float):
            weights.append((row.number, record["weight"]))
        for key in ("status", "source", "channels_status", "channels_source"):
            if record[key] is not None:
                entry[key] = record[key]
        if record["channels"]:
            entry["channels"] = [c.strip().lower() for c in re.split(r"[,;\s]+", record["channels"]) if c.strip()]
        tools[code] = entry
    if len(weights) == 3 and abs(sum(w for _, w in weights) - 1) > 1e-9:
        shown = " + ".join(f"{w:g} (แถว {n})" for n, w in weights)
        book.fail(
            TOOLS,
            weights[0][0],
            "weight",
            f"น้ำหนักของเครื่องมือรวมกันได้ {sum(w for _, w in weights):g} ไม่เท่ากับ 1: {shown}",
            "IIT + EIT + OIT = 1 เช่น 0.3 + 0.3 + 0.4",
        )
    return tools


def _candidates(book: Workbook) -> list[dict[str, Any]]:
    """The OIT groupings that may apply (when the year's grouping is not yet known)."""
    groupings: dict[str, dict[str, Any]] = {}
    for row, record in book.rows(CANDIDATES):
        name = record["grouping"]
        if name is None:
            book.fail(CANDIDATES, row.number, "grouping", "ไม่มีชื่อการจัดกลุ่ม", "เช่น H1")
            continue
        entry = groupings.get(name)
        if entry is None:
            entry = groupings[name] = {"name": name, "sub_indicators": []}
            book.locations[f"tools.OIT.candidate_groupings[{len(groupings) - 1}]"] = (CANDIDATES.name, row.number)
        for key in ("title", "status", "source"):
            if record[key] is not None and key not in entry:
                entry[key] = record[key]
        try:
            items = parse_code_ranges(record["items"] or "")
        except ValueError as exc:
            book.fail(CANDIDATES, row.number, "items", str(exc), "เช่น O1-O4, O7")
            continue
        index = list(groupings).index(name)
        book.locations[f"tools.OIT.candidate_groupings[{index}].sub_indicators[{len(entry['sub_indicators'])}]"] = (
            CANDIDATES.name,
            row.number,
        )
        entry["sub_indicators"].append(
            {"code": record["sub_indicator"] or "", "name": record["name"] or "", "items": items}
        )
    return list(groupings.values())


def _grading(book: Workbook, grading: dict[str, Any]) -> dict[str, Any]:
    """The grading levels in order, added to the grading fields of the meta sheet."""
    levels: list[dict[str, Any]] = []
    for row, record in book.rows(GRADING):
        book.locations[f"grading.levels[{len(levels)}]"] = (GRADING.name, row.number)
        entry = {"level": record["level"], "min_total": record["min_total"]}
        for key in ("min_every_indicator", "status", "source"):
            if record[key] is not None:
                entry[key] = record[key]
        levels.append(entry)
    grading["levels"] = levels
    return grading
