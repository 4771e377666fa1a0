"""What the web adds to the engine's analysis of a result: the analysis against its framework's pass mark, the weak
points kept for dashboards, and the assessment page's marks and advice on its what-if rows."""

from __future__ import annotations

from typing import Any

from ...ita.analysis import Analysis, analyse
from ...ita.scoring import Assessment
from ..frameworks.selectors import pass_mark_of


def analysis_of(assessment: Assessment, previous: Assessment | None) -> Analysis:
    """The analysis against the pass mark of the framework the assessment was scored with."""
    return analyse(assessment, pass_mark=pass_mark_of(assessment.framework), previous=previous)


def weak_points(analysis: Analysis) -> list[tuple[str, str, float, str]]:
    """(code, title, score, kind) of every weak question and every OIT item not passed."""
    points = [(q.code, q.title or "", q.score, "question") for q in analysis.weak_questions]
    points += [(o.code, o.title or "", 0.0, "oit") for o in analysis.failed_oit]
    return points


def channel_advice(analysis: dict[str, Any]) -> dict[str, str]:
    """For each EIT question whose score on one of its two channels is below the bar: what an officer can do about
    that channel, since no one raises a question's score directly (the what-if table says "to 85")."""
    from ...ita.thai_names import CHANNEL_NAMES
    from ...reports.texts import CHANNEL_MEANING

    doing = {
        "public": "ประชาสัมพันธ์ลิงก์หรือคิวอาร์โค้ดของแบบวัดให้ผู้รับบริการตอบอย่างทั่วถึง และปรับการให้บริการในเรื่องของข้อนี้",
        "survey": "ปรับการให้บริการและการสื่อสารในเรื่องของข้อนี้ให้ผู้รับบริการทุกกลุ่มรับรู้ เพราะหน่วยงานเลือกผู้ตอบของช่องทางนี้ไม่ได้",
    }
    advice = {}
    for gap in analysis.get("channel_gaps", []):
        below = [c for c in ("public", "survey") if c in gap["below_bar"]]
        if below:
            parts = [f"{CHANNEL_NAMES[c]} ({CHANNEL_MEANING[c]}) ได้ {gap[c]:.2f}: {doing[c]}" for c in below]
            advice[gap["code"]] = f"คะแนนข้อ {gap['code']} ต่ำในช่องทาง " + " · ".join(parts)
    return advice


def mark_whatif(analysis: dict[str, Any]) -> dict[str, Any]:
    """The analysis for the assessment page, with each what-if row marked when it changes the level and the first
    row of an EIT question given what to do about its low channel (see channel_advice)."""
    current = analysis["assessment"].get("level")
    advice = channel_advice(analysis)
    said: set[str] = set()
    for row in analysis.get("whatif", []):
        row["changes_level"] = row.get("level") is not None and row["level"] != current
        codes = [c["code"] for c in row["changes"] if c["code"] in advice and c["code"] not in said]
        row["advice"] = [advice[code] for code in codes]  # once per code: the first (largest) row says it
        said.update(codes)
    for change in analysis.get("next_level", {}).get("changes", []):
        change["advice"] = advice.get(change["code"], "")
    return analysis
