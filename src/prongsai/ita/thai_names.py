"""Thai names the product shows for its internal words: EIT channels and the codes of reported figures.

Codes of questions and items (I1, E5, O18) are the NACC's own and stay as they are; the channel keys `public` and
`survey` and the codes TOTAL, IND7, EIT_PUBLIC are ours (or a file's), so people see them in Thai.
"""

from __future__ import annotations

from .model import Framework

CHANNEL_NAMES = {"public": "ผู้รับบริการตอบเอง", "survey": "ผู้ประเมินจัดเก็บ"}
# How sure a framework's content is (docs/framework-schema.md): shown as "กรอบการประเมินปี 2568 สถานะ ...".
STATUS_NAMES = {
    "confirmed": "ยืนยันจากคู่มือทางการแล้ว",
    "partial": "ยังไม่ครบ (บางข้อยังไม่ทราบข้อความหรือการจัดกลุ่ม)",
    "inferred": "อนุมาน ยังไม่ยืนยันจากคู่มือทางการ",
    "unknown": "ยังไม่ทราบ",
}
UNKNOWN_TEXT = "(ยังไม่ทราบข้อความ)"
TOOL_TOTAL_NAMES = {
    "TOTAL": "คะแนนรวม",
    "LEVEL": "ระดับผลการประเมิน",
    "EIT_PUBLIC": "EIT ช่องทางผู้รับบริการตอบเอง",
    "EIT_SURVEY": "EIT ช่องทางผู้ประเมินจัดเก็บ",
}


def channel_name(channel: str) -> str:
    """'public' -> 'ผู้รับบริการตอบเอง'; an unknown key is returned as it is."""
    return CHANNEL_NAMES.get(channel, channel)


def channel_names(channels: str | list[str] | tuple[str, ...]) -> str:
    """'public, survey' or ['public', 'survey'] -> 'ผู้รับบริการตอบเอง, ผู้ประเมินจัดเก็บ'."""
    if isinstance(channels, str):
        channels = [c.strip() for c in channels.split(",") if c.strip()]
    return ", ".join(channel_name(c) for c in channels)


def status_name(status: str | None) -> str:
    """'partial' -> 'ยังไม่ครบ (...)'; an unknown status is returned as it is."""
    return STATUS_NAMES.get(status or "unknown", status or "")


def code_name(code: str, framework: Framework | None = None) -> str:
    """What a person reads for a figure's code: 'TOTAL' -> 'คะแนนรวม', 'IND7' -> 'ตัวชี้วัดที่ 7 ประสิทธิภาพการสื่อสาร'
    (with the framework's indicator name when known), 'IIT' stays (the NACC's own name of the tool)."""
    if code in TOOL_TOTAL_NAMES:
        return TOOL_TOTAL_NAMES[code]
    if code.startswith("IND") and code[3:].isdigit():
        number = int(code[3:])
        indicator = framework.indicators.get(number) if framework else None
        return f"ตัวชี้วัดที่ {number} {indicator.name}" if indicator and indicator.name else f"ตัวชี้วัดที่ {number}"
    return code
