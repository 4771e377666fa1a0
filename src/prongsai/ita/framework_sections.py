"""The sections of a framework file (scales, indicators with their sub-indicators and items, tools, candidate
groupings, grading), each read and checked into the model's objects by FrameworkChecker."""

from __future__ import annotations

from typing import Any

from .code_ranges import parse_code_ranges
from .framework_checker import ITEM_CODE, QUESTION_CODE, SUB_CODE, TOPIC, FrameworkChecker
from .model import (
    CHANNELS,
    INFERRED,
    MAPPING_STATUSES,
    STATUSES,
    TOOLS,
    CandidateGrouping,
    CandidateSub,
    Grading,
    Indicator,
    Item,
    LevelRule,
    Part,
    Scale,
    SubIndicator,
    Tool,
)


def read_scales(check: FrameworkChecker, raw: Any) -> dict[str, Scale]:
    scales: dict[str, Scale] = {}
    for key, value in check.mapping(raw or {}, "scales").items():
        path = f"scales.{key}"
        body = check.mapping(value, path)
        answers = check.mapping(body.get("answers"), f"{path}.answers")
        parsed: dict[str, float] = {}
        for answer, score in answers.items():
            if isinstance(score, bool) or not isinstance(score, (int, float)) or not 0 <= score <= 100:
                check.fail(f"{path}.answers.{answer}", f"คะแนน '{score}' ไม่ถูกต้อง", "ตัวเลข 0-100")
            else:
                parsed[str(answer)] = float(score)
        scales[str(key)] = Scale(parsed, check.status(body, "status", path), body.get("source"))
    return scales


def read_indicators(
    check: FrameworkChecker, raw: Any, items: dict[str, Item], scales: dict[str, Scale]
) -> tuple[dict[int, Indicator], dict[str, SubIndicator]]:
    indicators: dict[int, Indicator] = {}
    subs: dict[str, SubIndicator] = {}
    for index, entry in enumerate(check.listing(raw, "indicators")):
        path = f"indicators[{index}]"
        body = check.mapping(entry, path)
        number = body.get("number")
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            check.fail(f"{path}.number", f"หมายเลขตัวชี้วัด '{number}' ไม่ถูกต้อง", "จำนวนเต็มตั้งแต่ 1")
            continue
        if number in indicators:
            check.fail(f"{path}.number", f"ตัวชี้วัดที่ {number} ซ้ำ")
            continue
        tool = body.get("tool")
        if tool not in TOOLS:
            check.fail(f"{path}.tool", f"เครื่องมือ '{tool}' ไม่รู้จัก", "IIT / EIT / OIT")
            continue
        name = check.text(body, "name", path) or ""
        mapping_status = check.status(body, "mapping_status", path, MAPPING_STATUSES)
        questions: list[str] = []
        sub_codes: list[str] = []
        if tool == "OIT":
            if body.get("questions"):
                check.fail(f"{path}.questions", "ตัวชี้วัดของ OIT ต้องแบ่งเป็นตัวชี้วัดย่อย (sub_indicators)")
            for s_index, s_entry in enumerate(check.listing(body.get("sub_indicators"), f"{path}.sub_indicators")):
                sub = _sub_indicator(check, s_entry, f"{path}.sub_indicators[{s_index}]", number, items, scales)
                if sub is not None:
                    if sub.code in subs:
                        check.fail(f"{path}.sub_indicators[{s_index}].code", f"ตัวชี้วัดย่อย {sub.code} ซ้ำ")
                    subs[sub.code] = sub
                    sub_codes.append(sub.code)
        else:
            if body.get("sub_indicators"):
                check.fail(f"{path}.sub_indicators", f"ตัวชี้วัดของ {tool} ต้องระบุข้อคำถาม (questions)")
            for q_index, q_entry in enumerate(check.listing(body.get("questions"), f"{path}.questions")):
                item = read_item(check, q_entry, f"{path}.questions[{q_index}]", tool, number, None, items, scales)
                if item is not None:
                    questions.append(item.code)
        if mapping_status != "unknown" and not questions and not sub_codes:
            check.fail(path, f"ตัวชี้วัดที่ {number} ไม่มีข้อคำถามหรือตัวชี้วัดย่อย", "mapping_status: unknown เมื่อไม่ทราบ")
        indicators[number] = Indicator(
            number=number,
            tool=tool,
            name=name,
            questions=tuple(questions),
            sub_indicators=tuple(sub_codes),
            status=check.status(body, "status", path),
            mapping_status=mapping_status,
            mapping_source=body.get("mapping_source"),
            source=body.get("source"),
        )
    if not indicators:
        check.fail("indicators", "ไม่มีตัวชี้วัด")
    return indicators, subs


def _sub_indicator(
    check: FrameworkChecker,
    entry: Any,
    path: str,
    number: int,
    items: dict[str, Item],
    scales: dict[str, Scale],
) -> SubIndicator | None:
    body = check.mapping(entry, path)
    code = str(body.get("code", ""))
    match = SUB_CODE.match(code)
    if not match or int(match.group(1)) != number:
        check.fail(f"{path}.code", f"รหัสตัวชี้วัดย่อย '{code}' ไม่ถูกต้อง", f"{number}.1, {number}.2, ...")
        return None
    mapping_status = check.status(body, "mapping_status", path, MAPPING_STATUSES)
    codes = []
    for index, raw in enumerate(check.listing(body.get("items"), f"{path}.items")):
        item = read_item(check, raw, f"{path}.items[{index}]", "OIT", number, code, items, scales)
        if item is not None:
            codes.append(item.code)
    if not codes and mapping_status != "unknown":
        check.fail(f"{path}.items", f"ตัวชี้วัดย่อย {code} ไม่มีข้อ", "mapping_status: unknown เมื่อไม่ทราบ")
    return SubIndicator(
        code=code,
        indicator=number,
        name=check.text(body, "name", path) or "",
        items=tuple(codes),
        status=check.status(body, "status", path),
        mapping_status=mapping_status,
        mapping_source=body.get("mapping_source"),
    )


def read_item(
    check: FrameworkChecker,
    entry: Any,
    path: str,
    tool: str,
    indicator: int | None,
    sub_indicator: str | None,
    items: dict[str, Item],
    scales: dict[str, Scale],
) -> Item | None:
    body = check.mapping(entry, path)
    code = str(body.get("code", ""))
    pattern = ITEM_CODE if tool == "OIT" else QUESTION_CODE
    if not pattern.match(code) or (tool != "OIT" and code[0] != tool[0]):
        expected = "O1, O2, ..." if tool == "OIT" else f"{tool[0]}1, {tool[0]}2, ..."
        check.fail(f"{path}.code", f"รหัส '{code}' ใช้กับ {tool} ไม่ได้", expected)
        return None
    if code in items:
        check.fail(f"{path}.code", f"รหัส {code} ซ้ำ")
        return None
    topic = str(body.get("topic", ""))
    if not TOPIC.match(topic):
        check.fail(f"{path}.topic", f"หัวข้อ (topic) '{topic}' ไม่ถูกต้อง", "ตัวอักษร a-z 0-9 _ คั่นด้วยจุด")
    status = check.status(body, "status", path)
    title = check.text(body, "title", path, required=status != "partial")
    scale = body.get("scale")
    parts = []
    for index, raw in enumerate(check.listing(body.get("parts"), f"{path}.parts")):
        part = check.mapping(raw, f"{path}.parts[{index}]")
        part_scale = part.get("scale")
        if part_scale is not None and part_scale not in scales:
            check.fail(f"{path}.parts[{index}].scale", f"ไม่มีมาตรวัด '{part_scale}'", ", ".join(scales) or "-")
        parts.append(Part(str(part.get("text", "")), part_scale))
    if scale is not None and scale not in scales:
        check.fail(f"{path}.scale", f"ไม่มีมาตรวัด '{scale}'", ", ".join(scales) or "-")
    item = Item(
        code=code,
        tool=tool,
        topic=topic,
        title=title,
        indicator=indicator,
        sub_indicator=sub_indicator,
        scale=scale,
        parts=tuple(parts),
        status=status,
        source=body.get("source"),
    )
    items[code] = item
    return item


def read_tools(check: FrameworkChecker, raw: Any, indicators: dict[int, Indicator]) -> dict[str, Tool]:
    body = check.mapping(raw, "tools")
    tools: dict[str, Tool] = {}
    for code in TOOLS:
        if code not in body:
            check.fail(f"tools.{code}", f"ขาดเครื่องมือ {code}")
            continue
        path = f"tools.{code}"
        entry = check.mapping(body[code], path)
        weight = check.number(entry, "weight", path)
        if weight is not None and not 0 < weight <= 1:
            check.fail(f"{path}.weight", f"น้ำหนัก {weight} ไม่ถูกต้อง", "มากกว่า 0 และไม่เกิน 1")
        channels = tuple(check.listing(entry.get("channels"), f"{path}.channels"))
        if channels and (code != "EIT" or set(channels) != set(CHANNELS)):
            check.fail(f"{path}.channels", "ช่องทางใช้ได้กับ EIT เท่านั้น", "[public, survey]")
        numbers = tuple(sorted(n for n, ind in indicators.items() if ind.tool == code))
        if not numbers:
            check.fail(path, f"เครื่องมือ {code} ไม่มีตัวชี้วัด")
        tools[code] = Tool(
            code=code,
            name=check.text(entry, "name", path) or code,
            weight=weight or 0.0,
            indicators=numbers,
            channels=channels,
            channels_status=check.status(entry, "channels_status", path),
            channels_source=entry.get("channels_source"),
            status=check.status(entry, "status", path),
            source=entry.get("source"),
        )
    unknown = set(body) - set(TOOLS)
    for code in sorted(unknown):
        check.fail(f"tools.{code}", f"เครื่องมือ '{code}' ไม่รู้จัก", "IIT / EIT / OIT")
    if len(tools) == len(TOOLS) and abs(sum(t.weight for t in tools.values()) - 1) > 1e-9:
        check.fail("tools", "น้ำหนักของเครื่องมือรวมกันไม่เท่ากับ 1", "IIT + EIT + OIT = 1")
    return tools


def read_candidates(
    check: FrameworkChecker, raw_tools: Any, indicators: dict[int, Indicator], items: dict[str, Item]
) -> tuple[CandidateGrouping, ...]:
    """Candidate groupings of the OIT items (tools.OIT.candidate_groupings): every OIT item exactly once each."""
    oit = raw_tools.get("OIT") if isinstance(raw_tools, dict) else None
    if not isinstance(oit, dict) or oit.get("candidate_groupings") is None:
        return ()
    oit_items = [code for code, item in items.items() if item.is_oit]
    oit_numbers = sorted(n for n, ind in indicators.items() if ind.tool == "OIT")
    found: list[CandidateGrouping] = []
    names: set[str] = set()
    for index, entry in enumerate(check.listing(oit["candidate_groupings"], "tools.OIT.candidate_groupings")):
        path = f"tools.OIT.candidate_groupings[{index}]"
        body = check.mapping(entry, path)
        name = check.text(body, "name", path) or ""
        if name in names:
            check.fail(f"{path}.name", f"ชื่อการจัดกลุ่ม '{name}' ซ้ำ")
        names.add(name)
        subs: list[CandidateSub] = []
        placed: dict[str, str] = {}
        sub_codes: set[str] = set()
        for s_index, s_entry in enumerate(check.listing(body.get("sub_indicators"), f"{path}.sub_indicators")):
            s_path = f"{path}.sub_indicators[{s_index}]"
            s_body = check.mapping(s_entry, s_path)
            code = str(s_body.get("code", ""))
            match = SUB_CODE.match(code)
            if not match or int(match.group(1)) not in oit_numbers:
                check.fail(
                    f"{s_path}.code",
                    f"รหัสตัวชี้วัดย่อย '{code}' ไม่ถูกต้อง",
                    " หรือ ".join(f"{n}.1, {n}.2, ..." for n in oit_numbers),
                )
                continue
            if code in sub_codes:
                check.fail(f"{s_path}.code", f"ตัวชี้วัดย่อย {code} ซ้ำในการจัดกลุ่ม {name}")
                continue
            sub_codes.add(code)
            raw_items = s_body.get("items")
            try:
                codes = (
                    parse_code_ranges(raw_items)
                    if isinstance(raw_items, str)
                    else [str(c) for c in check.listing(raw_items, f"{s_path}.items")]
                )
            except ValueError as exc:
                check.fail(f"{s_path}.items", str(exc), "เช่น O1-O4, O7")
                continue
            if not codes:
                check.fail(f"{s_path}.items", f"ตัวชี้วัดย่อย {code} ไม่มีข้อ", "เช่น O1-O4")
            for item_code in codes:
                if item_code not in items or not items[item_code].is_oit:
                    check.fail(f"{s_path}.items", f"ไม่มีข้อ OIT {item_code} ในกรอบปีนี้", ", ".join(oit_items[:3]) + " ...")
                elif item_code in placed:
                    check.fail(
                        f"{s_path}.items",
                        f"ข้อ {item_code} อยู่ทั้งใน {placed[item_code]} และ {code}",
                        "แต่ละข้ออยู่ในตัวชี้วัดย่อยเดียว",
                    )
                else:
                    placed[item_code] = code
            subs.append(CandidateSub(code, check.text(s_body, "name", s_path) or "", tuple(codes)))
        missing = [c for c in oit_items if c not in placed]
        if subs and missing:
            check.fail(
                f"{path}.sub_indicators",
                f"การจัดกลุ่ม {name} ไม่มีข้อ {', '.join(missing[:8])}",
                "ทุกข้อ OIT ของปีอยู่ในตัวชี้วัดย่อยหนึ่ง",
            )
        for number in oit_numbers:
            if subs and not any(s.code.startswith(f"{number}.") for s in subs):
                check.fail(f"{path}.sub_indicators", f"การจัดกลุ่ม {name} ไม่มีตัวชี้วัดย่อยของตัวชี้วัดที่ {number}")
        found.append(
            CandidateGrouping(
                name=name,
                sub_indicators=tuple(subs),
                title=check.text(body, "title", path, required=False),
                status=check.status(body, "status", path, STATUSES) if "status" in body else INFERRED,
                source=check.text(body, "source", path, required=False),
            )
        )
    return tuple(found)


def read_grading(check: FrameworkChecker, raw: Any) -> Grading:
    body = check.mapping(raw, "grading")
    kind = body.get("kind")
    if kind not in ("bands", "rating"):
        check.fail("grading.kind", f"ชนิดการจัดระดับ '{kind}' ไม่รู้จัก", "bands / rating")
    levels = []
    for index, entry in enumerate(check.listing(body.get("levels"), "grading.levels")):
        path = f"grading.levels[{index}]"
        rule = check.mapping(entry, path)
        level = check.text(rule, "level", path) or "?"
        min_total = check.number(rule, "min_total", path)
        every = check.number(rule, "min_every_indicator", path, required=False)
        for key, value in (("min_total", min_total), ("min_every_indicator", every)):
            if value is not None and not 0 <= value <= 100:
                check.fail(f"{path}.{key}", f"เกณฑ์ {value} อยู่นอกช่วง", "0-100")
        levels.append(LevelRule(level, min_total or 0.0, every, check.status(rule, "status", path), rule.get("source")))
    if not levels:
        check.fail("grading.levels", "ไม่มีระดับผลการประเมิน")
    elif levels[-1].min_total != 0 or levels[-1].min_every_indicator is not None:
        check.fail("grading.levels", "ระดับสุดท้ายต้องรับทุกคะแนน", "min_total: 0 โดยไม่มีเงื่อนไขอื่น")
    pass_mark = check.number(body, "pass_mark", "grading", required=False)
    return Grading(
        kind=str(kind),
        levels=tuple(levels),
        pass_mark=pass_mark,
        status=check.status(body, "status", "grading"),
        source=body.get("source"),
    )
