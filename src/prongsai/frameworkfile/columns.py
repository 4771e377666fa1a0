"""The sheets and columns of a framework workbook: one place that the writer and the reader both follow."""

from __future__ import annotations

import re
from dataclasses import dataclass

CODE, TEXT, INT, FLOAT, STATUS, LINES = "code", "text", "int", "float", "status", "lines"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str
    help: str
    width: int = 16
    required: bool = False

    @property
    def header(self) -> str:
        return f"{self.label} ({self.key})"


@dataclass(frozen=True)
class Sheet:
    name: str
    label: str
    columns: tuple[Column, ...]
    required: bool = True


_STATUS_HELP = "confirmed ยืนยัน / inferred อนุมาน / partial บางส่วน"
_MAPPING_HELP = _STATUS_HELP + " / unknown ไม่ทราบ"

META = Sheet(
    "meta",
    "ข้อมูลกรอบการประเมิน",
    (
        Column("field", "รายการ", TEXT, "ชื่อรายการ (อย่าแก้คอลัมน์นี้)", 24, True),
        Column("value", "ค่า", TEXT, "ค่าของรายการ; sources มีได้หลายแถว", 100),
    ),
)
TOOLS = Sheet(
    "tools",
    "เครื่องมือ",
    (
        Column("code", "รหัส", CODE, "IIT / EIT / OIT", 8, True),
        Column("name", "ชื่อ", TEXT, "ชื่อแบบวัด", 40, True),
        Column("weight", "น้ำหนัก", FLOAT, "สัดส่วนในคะแนนรวม เช่น 0.3; สามเครื่องมือรวมกันต้องเท่ากับ 1", 10, True),
        Column("status", "สถานะ", STATUS, _STATUS_HELP, 12),
        Column("source", "ที่มา", TEXT, "แหล่งข้อมูล", 60),
        Column("channels", "ช่องทาง", TEXT, "EIT เท่านั้น: public, survey (ตั้งแต่ปี 2566)", 16),
        Column("channels_status", "สถานะการรวมช่องทาง", STATUS, _STATUS_HELP, 14),
        Column("channels_source", "ที่มาของการรวมช่องทาง", TEXT, "แหล่งข้อมูล", 60),
    ),
)
INDICATORS = Sheet(
    "indicators",
    "ตัวชี้วัด",
    (
        Column("number", "ตัวชี้วัดที่", INT, "เลขตัวชี้วัด 1, 2, ...", 10, True),
        Column("tool", "เครื่องมือ", CODE, "IIT / EIT / OIT", 10, True),
        Column("name", "ชื่อ", TEXT, "ชื่อตัวชี้วัด", 36, True),
        Column("status", "สถานะชื่อ", STATUS, _STATUS_HELP, 12),
        Column("source", "ที่มา", TEXT, "แหล่งข้อมูลของชื่อ", 50),
        Column("mapping_status", "สถานะการจัดข้อ", STATUS, _MAPPING_HELP, 14),
        Column("mapping_source", "ที่มาของการจัดข้อ", TEXT, "แหล่งข้อมูลของการจัดข้อเข้าตัวชี้วัด", 60),
    ),
)
SUB_INDICATORS = Sheet(
    "sub_indicators",
    "ตัวชี้วัดย่อย",
    (
        Column("code", "รหัส", CODE, "เช่น 9.1, 10.2 (ขึ้นต้นด้วยเลขตัวชี้วัด)", 10, True),
        Column("indicator", "ตัวชี้วัดที่", INT, "เลขตัวชี้วัดของ OIT (9 หรือ 10)", 10),
        Column("name", "ชื่อ", TEXT, "ชื่อตัวชี้วัดย่อย", 40, True),
        Column("status", "สถานะชื่อ", STATUS, _STATUS_HELP, 12),
        Column("mapping_status", "สถานะการจัดข้อ", STATUS, _MAPPING_HELP, 14),
        Column("mapping_source", "ที่มาของการจัดข้อ", TEXT, "แหล่งข้อมูล", 60),
    ),
)
ITEMS = Sheet(
    "items",
    "ข้อคำถามและข้อ OIT",
    (
        Column("code", "รหัส", CODE, "I1.. (IIT), E1.. (EIT), O1.. (OIT)", 8, True),
        Column("title", "ข้อความ", TEXT, "ชื่อข้อหรือข้อความคำถาม; เว้นว่างได้เมื่อสถานะเป็น partial", 60),
        Column("indicator", "ตัวชี้วัดที่", INT, "ข้อคำถาม IIT/EIT: เลขตัวชี้วัด; ข้อ OIT: ตามตัวชี้วัดย่อย", 10),
        Column("sub_indicator", "ตัวชี้วัดย่อย", CODE, "ข้อ OIT: รหัสตัวชี้วัดย่อย เช่น 9.1; เว้นว่างเมื่อยังไม่ทราบ", 12),
        Column("topic", "หัวข้อ", TEXT, "คีย์ภาษาอังกฤษตัวเล็ก a-z 0-9 _ คั่นด้วยจุด ใช้เทียบข้ามปี เช่น oit.e_service", 30, True),
        Column("status", "สถานะ", STATUS, _STATUS_HELP, 12),
        Column("source", "ที่มา", TEXT, "แหล่งข้อมูลของข้อความ", 60),
        Column("scale", "มาตรวัด", TEXT, "รหัสมาตรวัดในชีต scales (ถ้ามี)", 14),
        Column("parts", "ข้อย่อย", LINES, "ข้อย่อยของคำถามหลายส่วน หนึ่งบรรทัดต่อข้อย่อย", 40),
        Column("part_scales", "มาตรวัดของข้อย่อย", LINES, "หนึ่งบรรทัดต่อข้อย่อย ตามลำดับ; - เมื่อไม่มี", 16),
    ),
)
GRADING = Sheet(
    "grading",
    "เกณฑ์ระดับ",
    (
        Column("level", "ระดับ", TEXT, "ชื่อระดับ เรียงจากสูงไปต่ำ", 16, True),
        Column("min_total", "คะแนนรวมขั้นต่ำ", FLOAT, "คะแนนรวมต้องไม่น้อยกว่านี้; ระดับสุดท้ายต้องเป็น 0", 14, True),
        Column("min_every_indicator", "ทุกตัวชี้วัดขั้นต่ำ", FLOAT, "ทุกตัวชี้วัดต้องไม่น้อยกว่านี้ (เว้นว่างได้)", 14),
        Column("status", "สถานะ", STATUS, _STATUS_HELP, 12),
        Column("source", "ที่มา", TEXT, "แหล่งข้อมูลของเกณฑ์", 70),
    ),
)
SCALES = Sheet(
    "scales",
    "มาตรวัดคำตอบ",
    (
        Column("scale", "มาตรวัด", TEXT, "รหัสมาตรวัด เช่น likert4", 16, True),
        Column("answer", "คำตอบ", TEXT, "ข้อความคำตอบ", 30, True),
        Column("score", "คะแนน", FLOAT, "คะแนนของคำตอบ 0-100", 10, True),
        Column("status", "สถานะ", STATUS, _STATUS_HELP, 12),
        Column("source", "ที่มา", TEXT, "แหล่งข้อมูล", 50),
    ),
    required=False,
)
CANDIDATES = Sheet(
    "candidate_groupings",
    "การจัดกลุ่มที่เป็นไปได้",
    (
        Column("grouping", "ชื่อการจัดกลุ่ม", TEXT, "เช่น H1; หนึ่งแถวต่อตัวชี้วัดย่อย", 12, True),
        Column("title", "คำอธิบาย", TEXT, "คำอธิบายสั้น ๆ", 40),
        Column("status", "สถานะ", STATUS, _STATUS_HELP, 12),
        Column("source", "ที่มา", TEXT, "แหล่งข้อมูล", 60),
        Column("sub_indicator", "ตัวชี้วัดย่อย", CODE, "เช่น 9.1", 12, True),
        Column("name", "ชื่อตัวชี้วัดย่อย", TEXT, "ชื่อ", 36),
        Column("items", "ข้อ", TEXT, "ช่วงข้อ เช่น O1-O4, O7", 20, True),
    ),
    required=False,
)

SHEETS = (META, TOOLS, INDICATORS, SUB_INDICATORS, ITEMS, GRADING, SCALES, CANDIDATES)
HELP_SHEET = "คำอธิบาย"

META_FIELDS = (
    ("schema", "รูปแบบไฟล์ (อย่าแก้)"),
    ("year", "ปีงบประมาณ พ.ศ."),
    ("title", "ชื่อการประเมิน"),
    ("status", "สถานะของกรอบ: confirmed / inferred / partial / provisional (ชั่วคราว)"),
    ("provisional_reason", "เหตุผลที่เป็นกรอบชั่วคราว (ต้องมีเมื่อสถานะ provisional)"),
    ("derived_from", "ยกมาจากกรอบของปี"),
    ("notes", "หมายเหตุ"),
    ("sources", "แหล่งข้อมูล (หนึ่งแถวต่อแหล่ง)"),
    ("grading_kind", "ชนิดการจัดระดับ: bands (AA-F) / rating (ผ่านดีเยี่ยม ...)"),
    ("grading_pass_mark", "เกณฑ์ผ่าน"),
    ("grading_status", "สถานะของเกณฑ์ระดับ"),
    ("grading_source", "ที่มาของเกณฑ์ระดับ"),
)

STATUS_WORDS = {
    "ยืนยัน": "confirmed",
    "ยืนยันแล้ว": "confirmed",
    "อนุมาน": "inferred",
    "บางส่วน": "partial",
    "ไม่ทราบ": "unknown",
    "ชั่วคราว": "provisional",
}
_HEADER_KEY = re.compile(r"\(([a-z_]+)\)\s*$")


def match_header(sheet: Sheet, text: object) -> Column | None:
    """The column a header cell names: 'รหัส (code)', 'code' or the Thai label alone."""
    value = str(text or "").strip()
    match = _HEADER_KEY.search(value)
    key = match.group(1) if match else value.lower()
    for column in sheet.columns:
        if column.key == key or column.label == value:
            return column
    return None
