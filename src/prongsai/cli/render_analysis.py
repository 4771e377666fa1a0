"""A readable Thai terminal summary of an analysis."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from ..ita.numbers import fmt2
from ..ita.thai_names import channel_names


def _list(entries: list[dict[str, Any]]) -> str:
    return ", ".join(f"{e['code']} {e['score']:.2f}" + (" (เท่ากัน)" if e.get("tie") else "") for e in entries) or "-"


def show_analysis(console: Console, data: dict[str, Any]) -> None:
    scores = data["assessment"]
    title = f"การวิเคราะห์ผลการประเมิน ITA ปี {scores['year']}" + (f" — {scores['agency']}" if scores["agency"] else "")
    console.print(f"[bold]{title}[/]", highlight=False)
    notice = scores["framework"].get("provisional_notice")
    if notice:
        console.print(f"[bold yellow]โปรดทราบ:[/] {notice}", highlight=False)
    console.print(
        f"คะแนนรวม {fmt2(scores['total'])} ระดับ {scores['level'] or '-'} — เหตุผล: {scores['level_reason']}",
        highlight=False,
    )
    t = data["thresholds"]
    ranked = Table(
        title=f"ตัวชี้วัดเรียงตามคะแนน (จุดแข็ง ≥ {t['strength']:g}, ควรพัฒนา < {t['pass_mark']:g})", title_justify="left"
    )
    for header in ("อันดับ", "ตัวชี้วัด", "คะแนน", ""):
        ranked.add_column(header)
    strong = {e["code"] for e in data["strengths"]["indicators"]}
    weak = {e["code"] for e in data["to_develop"]["indicators"]}
    for e in data["indicators_ranked"]:
        mark = "[green]จุดแข็ง[/]" if e["code"] in strong else ("[red]ควรพัฒนา[/]" if e["code"] in weak else "")
        ranked.add_row(str(e["rank"]), f"{e['code'][3:]} {e['title']}", f"{e['score']:.2f}", mark)
    console.print(ranked)
    for tool, focus in data["per_tool"].items():
        console.print(
            f"[bold]{tool}[/] ประเด็นที่ควรพัฒนาให้ดีขึ้น (สูงสุด 3 อันดับที่ยังไม่เต็ม): {_list(focus['to_improve'])}", highlight=False
        )
        label = "ต่ำสุด 3 อันดับ (ไม่มีข้อใดต่ำกว่าเกณฑ์)" if focus["urgent_fallback"] else "ต่ำกว่าเกณฑ์ ต่ำสุด 3 อันดับ"
        console.print(f"[bold]{tool}[/] จุดอ่อนที่ต้องแก้ไขเร่งด่วน ({label}): {_list(focus['urgent'])}", highlight=False)
    if data["channel_gaps"]:
        gaps = Table(title="EIT ช่องทางผู้รับบริการตอบเอง เทียบช่องทางผู้ประเมินจัดเก็บ รายข้อ", title_justify="left")
        for header in ("ข้อ", "ผู้รับบริการตอบเอง", "ผู้ประเมินจัดเก็บ", "ต่าง", "ต่ำกว่าเกณฑ์"):
            gaps.add_column(header)
        for g in data["channel_gaps"]:
            below = channel_names(g["below_bar"])
            gaps.add_row(g["code"], f"{g['public']:.2f}", f"{g['survey']:.2f}", f"{g['gap']:+.2f}", below)
        console.print(gaps)
    if data["failed_oit"]:
        console.print(
            "[bold]ข้อ OIT ที่ไม่ผ่าน:[/] "
            + ", ".join(f"{e['code']} {e['title']} (ตัวชี้วัดย่อย {e['sub_indicator']})" for e in data["failed_oit"]),
            highlight=False,
        )
    if data["whatif"]:
        gains = Table(title="แต่ละการแก้ไขเพิ่มคะแนนรวมได้เท่าใด", title_justify="left")
        for header in ("แก้ไข", "เพิ่ม", "คะแนนรวมใหม่", "ระดับ"):
            gains.add_column(header)
        for w in data["whatif"][:15]:
            change = ", ".join(f"{c['code']} {c['from']:.2f}→{c['to']:g}" for c in w["changes"])
            gains.add_row(change, f"+{w['gain']:.2f}", f"{w['total']:.2f}", w["level"] or "")
        console.print(gains)
    step = data["next_level"]
    if step["target"]:
        changes = ", ".join(f"{c['code']} {c['from']:.2f}→{c['to']:g}" for c in step["changes"])
        console.print(
            f"[bold]สู่ระดับ {step['target']}:[/] {step['reason']}" + (f" ({changes})" if changes else ""), highlight=False
        )
    if data["yoy"]:
        yoy = Table(title="เปรียบเทียบกับปีก่อน", title_justify="left")
        for header in ("รายการ", "ปีก่อน", "ปีนี้", "เปลี่ยนแปลง"):
            yoy.add_column(header)
        for row in data["yoy"]["figures"] + data["yoy"]["indicators"] + data["yoy"]["sub_indicators"]:
            change = "" if row["change"] is None else f"{row['change']:+.2f}"
            yoy.add_row(row["key"], fmt2(row["previous"]), fmt2(row["current"]), change)
        console.print(yoy)
