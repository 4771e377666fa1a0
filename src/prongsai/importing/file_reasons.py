"""Thai wording for what the csv module and the zip, XML and openpyxl layers refuse, so that a broken file is
explained in Thai and never by the library's English (docs/decisions.md, "ข้อความเมื่ออ่านไฟล์ไม่ได้")."""

from __future__ import annotations

import csv
import re
import zipfile
import zlib
from xml.etree.ElementTree import ParseError

_FIELD_LIMIT = re.compile(r"field larger than field limit \((\d+)\)")


def csv_reason(exc: csv.Error) -> str:
    """What is wrong with the CSV line the reader stopped at."""
    text = str(exc)
    limit = _FIELD_LIMIT.search(text)
    if limit:
        return f'มีช่องข้อมูลที่ยาวเกิน {int(limit.group(1)):,} ตัวอักษร มักเกิดจากเครื่องหมายคำพูด (") ที่เปิดไว้แล้วไม่ได้ปิด'
    if "new-line character" in text:
        return "พบการขึ้นบรรทัดกลางช่องข้อมูลที่ไม่ได้อยู่ในเครื่องหมายคำพูด"
    if "NUL" in text:
        return "มีไบต์ศูนย์ (NUL) อยู่ในไฟล์ ซึ่งไฟล์ข้อความไม่มี"
    if "end of data" in text:
        return 'ไฟล์จบขณะที่เครื่องหมายคำพูด (") ยังเปิดอยู่'
    return "รูปแบบ CSV ไม่ถูกต้อง"


def package_reason(exc: BaseException, kind: str = ".xlsx") -> str:
    """Why an Office file (an .xlsx or .docx zip package) could not be opened; `kind` is its extension."""
    if isinstance(exc, zipfile.BadZipFile) and "not a zip file" in str(exc):
        old = ".xls" if kind == ".xlsx" else ".doc"
        return f"ไฟล์นี้ไม่ใช่ไฟล์ {kind} อาจเป็นไฟล์ {old} รุ่นเก่า ไฟล์ที่ตั้งรหัสผ่านไว้ หรือไฟล์ชนิดอื่นที่เปลี่ยนนามสกุล"
    if isinstance(exc, (zipfile.BadZipFile, zlib.error, EOFError)):
        return "ข้อมูลที่บีบอัดไว้ไม่ครบหรือไม่ตรงกับค่าตรวจสอบ ไฟล์อาจถูกตัดกลางคันหรือถูกแก้ไข"
    if isinstance(exc, KeyError):
        return f"ไฟล์ขาดส่วนประกอบที่ไฟล์ {kind} ต้องมี"
    if isinstance(exc, ParseError):
        return "ข้อมูล XML ภายในไฟล์เสียหาย"
    if isinstance(exc, NotImplementedError):
        return "ไฟล์ถูกบีบอัดด้วยวิธีที่ไม่รองรับ"
    if isinstance(exc, RuntimeError) and "encrypt" in str(exc).lower():
        return "ไฟล์ถูกเข้ารหัสหรือตั้งรหัสผ่านไว้ ให้บันทึกใหม่โดยไม่ตั้งรหัสผ่าน"
    return f"ไฟล์เสียหาย หรือบันทึกในรูปแบบที่อ่านไม่ได้ ให้เปิดแล้วบันทึกใหม่เป็น {kind}"
