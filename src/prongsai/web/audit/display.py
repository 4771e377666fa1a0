"""The audit log in Thai: every kind of event by name, and each event's before/after as labelled Thai lines (field
names, statuses, roles, BE dates) instead of the stored JSON, which keeps its own keys for machines."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ...ita import oit_board, plan
from ...ita.kpi import CRITERIA
from ...ita.thaidates import format_date
from ..accounts.models import ROLE_NAMES
from ..assessments.models import Source
from ..organisations.models import KIND_CHOICES

ACTION_NAMES = {
    "organisation.create": "เพิ่มหน่วยงาน",
    "member.create": "เพิ่มผู้ใช้",
    "member.change": "เปลี่ยนบทบาทหรือสถานะผู้ใช้",
    "assessment.create": "บันทึกผลการประเมิน",
    "assessment.replace": "แทนที่ผลการประเมิน",
    "assessment.delete": "ลบผลการประเมิน",
    "token.create": "ออกโทเคน API",
    "token.revoke": "ยกเลิกโทเคน API",
    "password.temporary": "ตั้งรหัสผ่านชั่วคราว",
    "password.change": "เปลี่ยนรหัสผ่านของตนเอง",
    "survey.open": "เปิดรอบแบบสำรวจ",
    "framework.upload": "อัปโหลดกรอบการประเมิน",
    "framework.publish": "เผยแพร่กรอบการประเมิน",
    "assessment.rescore": "คำนวณผลใหม่ด้วยกรอบฉบับใหม่",
    "plan.carry": "ยกแผนไปกรอบฉบับทางการ",
    "oit.board.carry": "ยกกระดาน OIT ไปกรอบฉบับทางการ",
    "survey.close": "ปิดรอบแบบสำรวจ",
    "kpi.criterion": "บันทึกเกณฑ์ตัวชี้วัดการขับเคลื่อน",
    "oit.board.create": "สร้างกระดานงาน OIT",
    "oit.board.roll": "ยกกระดานงาน OIT ไปปีถัดไป",
    "oit.board.webmaster": "มอบหมายผู้ดูแลเว็บไซต์",
    "oit.item.assign": "มอบหมายข้อ OIT",
    "oit.item.update": "แก้ไขข้อ OIT",
    "oit.item.status": "เปลี่ยนสถานะข้อ OIT",
    "oit.item.comment": "แสดงความเห็นในข้อ OIT",
    "oit.links.check": "ตรวจลิงก์หลักฐาน OIT",
    "plan.create": "สร้างแผนยกระดับ",
    "plan.import": "นำเข้าแผนยกระดับจากไฟล์",
    "plan.roll": "ยกแผนยกระดับไปปีถัดไป",
    "measure.create": "เพิ่มมาตรการ",
    "measure.update": "แก้ไขมาตรการ",
    "measure.delete": "ลบมาตรการ",
    "measure.move": "เลื่อนลำดับมาตรการ",
    "step.create": "เพิ่มขั้นตอน",
    "step.update": "แก้ไขขั้นตอน",
    "step.delete": "ลบขั้นตอน",
    "step.move": "เลื่อนลำดับขั้นตอน",
    "progress.save": "รายงานความก้าวหน้า",
    "evidence.create": "เพิ่มหลักฐาน",
    "evidence.revise": "เพิ่มฉบับใหม่ของหลักฐาน",
}

FIELD_NAMES = {
    "year": "ปีงบประมาณ",
    "assessed_year": "ปีที่ประเมิน",
    "total": "คะแนนรวม",
    "level": "ระดับ",
    "source": "ที่มา",
    "source_name": "ไฟล์หรือที่มา",
    "rows": "ข้อมูลคะแนน",
    "name": "ชื่อ",
    "kind": "ประเภท",
    "parent": "อยู่ภายใต้",
    "username": "ชื่อผู้ใช้",
    "role": "บทบาท",
    "organisation": "หน่วยงาน",
    "is_active": "ใช้งานได้",
    "active": "ใช้งานได้",
    "full_name": "ชื่อ-นามสกุล",
    "email": "อีเมล",
    "measure": "มาตรการ",
    "quarter": "ไตรมาส",
    "title": "ชื่อหลักฐาน",
    "url": "ลิงก์",
    "status": "สถานะ",
    "done": "สิ่งที่ดำเนินการแล้ว",
    "problems": "ปัญหาและอุปสรรค",
    "steps": "ขั้นตอน",
    "text": "ข้อความ",
    "due": "กำหนดเสร็จ",
    "number": "ลำดับ",
    "questions": "ข้อคำถาม",
    "units": "กลุ่มงานที่รับผิดชอบ",
    "people": "ผู้รับผิดชอบ",
    "other_responsible": "ผู้รับผิดชอบอื่น",
    "deadline": "กำหนดแล้วเสร็จ",
    "evidence_codes": "ข้อ OIT ที่เป็นหลักฐาน",
    "measures": "มาตรการ",
    "code": "รหัส",
    "comment": "ความเห็น",
    "workgroup": "กลุ่มงาน",
    "assignee": "ผู้รับผิดชอบ",
    "urls": "ลิงก์หลักฐาน",
    "webmaster": "ผู้ดูแลเว็บไซต์",
    "items": "ข้อ",
    "criterion": "เกณฑ์",
    "met": "ดำเนินการแล้ว",
    "note": "บันทึก",
    "links": "ลิงก์",
    "from_plan": "จากแผนหมายเลข",
    "from_board": "จากกระดานหมายเลข",
    "before": "ก่อนหน้า",
    "file": "ไฟล์",
    "filename": "ชื่อไฟล์",
    "size": "ขนาด (ไบต์)",
    "sha256": "ลายนิ้วมือไฟล์ (SHA-256)",
    "revision": "ฉบับที่",
    "checked": "ตรวจแล้ว",
    "broken": "ลิงก์เสีย",
    "ok": "ใช้ได้",
    "not_checked": "ยังไม่ได้ตรวจ",
    "label": "ชื่อ",
    "token": "โทเคน",
    "responsible": "ผู้รับผิดชอบ",
    "period": "ระยะเวลา",
    "target": "เป้าหมาย",
    "codes": "รหัส",
    "carried": "ยกมา",
    "not_carried": "ยกมาไม่ได้",
    "hints": "ลิงก์ปีก่อน",
    "reason": "เหตุผล",
}
_OIT_STATUS = dict(oit_board.STATUS_NAMES)
_PLAN_STATUS = dict(plan.STATUSES)
_WORDS = {**dict(Source.choices), **dict(KIND_CHOICES), **ROLE_NAMES, **{c.key: c.text for c in CRITERIA}}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def action_name(action: str) -> str:
    """The Thai name of an event kind; an unknown kind (from a newer version) keeps its key."""
    return ACTION_NAMES.get(action, action)


def describe(data: dict[str, Any] | None, action: str = "") -> list[tuple[str, str]]:
    """(Thai label, value as read) for each field of a before/after record."""
    if not data:
        return []
    return [(FIELD_NAMES.get(key, key), _value(key, value, action)) for key, value in data.items()]


def _value(key: str, value: Any, action: str) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    if isinstance(value, str):
        return _word(key, value, action)
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        if not value:
            return "—"
        if key == "rows":
            return f"{len(value)} แถว"
        if all(isinstance(v, dict) for v in value):
            codes = [str(v.get("code")) for v in value if v.get("code")]
            return ", ".join(codes) if codes else f"{len(value)} รายการ"
        return ", ".join(_value(key, v, action) for v in value)
    if isinstance(value, dict):
        inner = "; ".join(
            f"{_label(k, key)}: "
            + ", ".join(f"{FIELD_NAMES.get(kk, kk)} {_value(kk, vv, action)}" for kk, vv in v.items())
            if isinstance(v, dict)
            else f"{_label(k, key)}: {_value(k, v, action)}"
            for k, v in value.items()
        )
        return inner or "—"
    return str(value)


def _label(key: str, parent: str) -> str:
    if parent == "steps" and key.isdigit():
        return f"ขั้นตอนที่ {key}"
    return FIELD_NAMES.get(key, key)


def _word(key: str, text: str, action: str) -> str:
    if key == "status":
        names = _OIT_STATUS if action.startswith("oit.") else _PLAN_STATUS
        return names.get(text, text)
    if text in _WORDS and key in ("source", "kind", "role", "criterion"):
        return _WORDS[text]
    if _ISO_DATE.match(text):
        try:
            return format_date(dt.date.fromisoformat(text), style="short")
        except ValueError:
            return text
    if _ISO_MOMENT.match(text):
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            return text
        return f"{format_date(moment.date(), style='short')} {moment:%H:%M} น."
    return text
