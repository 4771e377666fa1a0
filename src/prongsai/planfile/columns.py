"""The columns of a plan file: key, Thai header, and how a cell is read and written.

Headers follow seed 002's measures table, plus the deadline, evidence and progress columns the O43 report needs.
A reader matches a column by its Thai header or its English key, so files from other tools can be read too.
"""

from __future__ import annotations

from dataclasses import dataclass

TEXT, LINES, STEPS, CODES, NUMBER, DATE, STATUS = "text", "lines", "steps", "codes", "number", "date", "status"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str
    width: int
    required: bool = False
    help: str = ""


COLUMNS: tuple[Column, ...] = (
    Column("number", "ลำดับ", NUMBER, 7, help="ลำดับของมาตรการ แผนจะเรียงตามเลขนี้"),
    Column("theme", "หมวด/ตัวชี้วัด", TEXT, 22, help="ชื่อตัวชี้วัดหรือหมวดที่มาตรการนี้อยู่"),
    Column("measure", "มาตรการ", TEXT, 40, required=True, help="มาตรการยกระดับคะแนน (ต้องกรอก)"),
    Column("questions", "ข้อคำถามที่ตอบ", CODES, 14, help="รหัสข้อที่มาตรการนี้ตอบ คั่นด้วยจุลภาค เช่น E1, E2, O18"),
    Column("practice", "วิธีการนำผลวิเคราะห์ไปสู่การปฏิบัติ", TEXT, 50),
    Column("responsible", "ผู้รับผิดชอบ", LINES, 26, help="หนึ่งบรรทัดต่อหนึ่งหน่วยงานหรือบุคคล"),
    Column("period", "ระยะเวลาดำเนินการ", TEXT, 22),
    Column("deadline", "กำหนดแล้วเสร็จ", DATE, 13, help="วันที่ เช่น 30/09/2568 (ปี พ.ศ.)"),
    Column("steps", "ขั้นตอนหรือวิธีดำเนินการ", STEPS, 50, help="หนึ่งบรรทัดต่อหนึ่งขั้นตอน"),
    Column("monitoring", "แนวทางกำกับติดตาม", TEXT, 30),
    Column("evidence", "หลักฐาน OIT ที่เกี่ยวข้อง", CODES, 14, help="รหัสข้อ OIT ที่ใช้เป็นหลักฐาน"),
    Column(
        "status", "สถานะ", STATUS, 18, help="ยังไม่ดำเนินการ / อยู่ระหว่างดำเนินการ / ดำเนินการแล้วเสร็จ / ล่าช้ากว่ากำหนด / ยกเลิก"
    ),
    Column("progress", "ผลการดำเนินงาน", TEXT, 40, help="สิ่งที่ดำเนินการแล้ว ปัญหา และหลักฐาน"),
)

PLAN_SHEET = "แผนมาตรการ"
META_SHEET = "ข้อมูลแผน"
HELP_SHEET = "คำอธิบาย"
META_FIELDS = (
    ("agency", "หน่วยงาน"),
    ("year", "ปีงบประมาณของแผน (พ.ศ.)"),
    ("assessed_year", "ปีที่ประเมิน (พ.ศ.)"),
    ("source", "ที่มา"),
    ("schema", "รูปแบบแฟ้ม"),
)


def match_header(text: str) -> Column | None:
    """The column a header names, by Thai header or English key; spaces and case do not matter."""
    wanted = "".join(str(text).split()).lower()
    for column in COLUMNS:
        if wanted in ("".join(column.header.split()).lower(), column.key):
            return column
    return None
