"""The items sheet of a framework workbook: each question or OIT item placed under its indicator or
sub-indicator (or left unassigned), with a problem for every code, topic or placement that does not fit."""

from __future__ import annotations

from typing import Any

from .columns import ITEMS
from .workbook import Workbook


def items_into(
    book: Workbook, by_number: dict[int, dict[str, Any]], subs: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """Place every item row under its indicator or sub-indicator; return the OIT items not yet placed."""
    unassigned: list[dict[str, Any]] = []
    first: dict[str, int] = {}
    topics: dict[str, tuple[str, int]] = {}
    for row, record in book.rows(ITEMS):
        code = record["code"]
        if code is None:
            book.fail(ITEMS, row.number, "code", "แถวนี้ไม่มีรหัสข้อ", "รหัส เช่น I1, E5, O18 หรือลบทั้งแถว")
            continue
        if code in first:
            book.fail(ITEMS, row.number, "code", f"รหัส {code} ซ้ำกับแถว {first[code]}", "แต่ละรหัสมีได้แถวเดียว")
            continue
        first[code] = row.number
        topic = record["topic"]
        if topic and topic in topics:
            book.fail(
                ITEMS,
                row.number,
                "topic",
                f"หัวข้อ (topic) '{topic}' ซ้ำกับข้อ {topics[topic][0]} แถว {topics[topic][1]}",
                "หัวข้อไม่ซ้ำกันภายในปี",
            )
            continue
        if topic:
            topics[topic] = (code, row.number)
        entry: dict[str, Any] = {"code": code, "topic": topic or ""}
        for key in ("title", "scale", "status", "source"):
            if record[key] is not None:
                entry[key] = record[key]
        if record["parts"]:
            scales = record["part_scales"] or []
            if len(scales) > len(record["parts"]):
                book.fail(ITEMS, row.number, "part_scales", "มาตรวัดของข้อย่อยมีมากกว่าข้อย่อย", "หนึ่งบรรทัดต่อข้อย่อย")
            entry["parts"] = [
                {"text": text, **({"scale": scales[i]} if i < len(scales) and scales[i] != "-" else {})}
                for i, text in enumerate(record["parts"])
            ]
        indicator, sub = record["indicator"], record["sub_indicator"]
        if code.startswith("O"):
            if sub is None:
                if indicator is not None:
                    book.fail(
                        ITEMS,
                        row.number,
                        "sub_indicator",
                        f"ข้อ OIT {code} ระบุตัวชี้วัดแต่ไม่ระบุตัวชี้วัดย่อย",
                        "รหัสตัวชี้วัดย่อย เช่น 9.1 หรือเว้นว่างทั้งสองช่องเมื่อยังไม่ทราบ",
                    )
                    continue
                book.locations[f"unassigned_items[{len(unassigned)}]"] = (ITEMS.name, row.number)
                unassigned.append(entry)
                continue
            target = subs.get(sub)
            if target is None:
                known = ", ".join(subs) or "ยังไม่มีตัวชี้วัดย่อยในชีต sub_indicators"
                book.fail(ITEMS, row.number, "sub_indicator", f"ไม่มีตัวชี้วัดย่อย {sub} ในชีต sub_indicators", known)
                continue
            if indicator is not None and str(indicator) != sub.split(".")[0]:
                book.fail(
                    ITEMS,
                    row.number,
                    "indicator",
                    f"ตัวชี้วัดย่อย {sub} อยู่ในตัวชี้วัดที่ {sub.split('.')[0]} แต่ระบุ {indicator}",
                    f"{sub.split('.')[0]} หรือเว้นว่าง",
                )
                continue
            book.locations[f"{target['_path']}.items[{len(target['items'])}]"] = (ITEMS.name, row.number)
            target["items"].append(entry)
            continue
        if sub is not None:
            book.fail(ITEMS, row.number, "sub_indicator", f"ข้อคำถาม {code} ไม่มีตัวชี้วัดย่อย (มีเฉพาะข้อ OIT)", "เว้นว่าง")
            continue
        target_indicator = by_number.get(indicator) if indicator is not None else None
        if target_indicator is None:
            book.fail(
                ITEMS,
                row.number,
                "indicator",
                f"ไม่มีตัวชี้วัดที่ {indicator} ในชีต indicators" if indicator is not None else f"ข้อคำถาม {code} ไม่ได้ระบุตัวชี้วัด",
                "เลขตัวชี้วัดของ IIT หรือ EIT เช่น 1",
            )
            continue
        if target_indicator["tool"] == "OIT":
            book.fail(
                ITEMS,
                row.number,
                "indicator",
                f"ตัวชี้วัดที่ {indicator} เป็นของ OIT ใส่ข้อคำถาม {code} ไม่ได้",
                "เลขตัวชี้วัดของ IIT หรือ EIT",
            )
            continue
        questions = target_indicator["questions"]
        book.locations[f"indicators[{target_indicator['_index']}].questions[{len(questions)}]"] = (
            ITEMS.name,
            row.number,
        )
        questions.append(entry)
    for entry in [*by_number.values(), *subs.values()]:
        entry.pop("_index", None)
        entry.pop("_path", None)
    return unassigned
