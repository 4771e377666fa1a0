"""Which text encoding a CSV or JSON file is in: UTF-8 (with or without BOM), UTF-16 with BOM, or the Thai Windows
code page cp874 (TIS-620 plus a few punctuation marks) that Excel on Thai Windows writes for "CSV (comma delimited)".

cp874 is taken only when UTF-8 fails and the decoded text is well-formed Thai: every byte is defined in cp874,
every non-ASCII character is a Thai character or a cp874 punctuation mark, every vowel or tone mark written above
or below sits on a Thai consonant, and every leading vowel (เ แ โ ใ ไ) is followed by a consonant. A UTF-8 file
with one broken byte, a Latin-1 or Windows-1252 file, or any other bytes fail these checks (UTF-8 Thai read as
cp874 gives "เธ" followed by an undefined byte or a mark with no consonant), so a wrong guess is refused rather than
read as garbled codes and names. See docs/input-format.md and docs/decisions.md.
"""

from __future__ import annotations

from ..ita.problems import InputError, Problem

UTF8 = "UTF-8"
UTF16 = "UTF-16"
CP874 = "TIS-620 (cp874)"
_SAVE_AS = "บันทึกไฟล์ใหม่เป็น CSV UTF-8 (ใน Excel: บันทึกเป็น > CSV UTF-8) หรือ CSV ภาษาไทยของ Windows (TIS-620)"

_CONSONANTS = {chr(c) for c in range(0x0E01, 0x0E2F)}  # ก..ฮ
# Written above or below the consonant (or after it, for the tone marks on a vowel above): never at a word start.
_MARKS = {chr(c) for c in (0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F))}
_LEADING = {chr(c) for c in range(0x0E40, 0x0E45)}  # เ แ โ ใ ไ
_THAI = {chr(c) for c in range(0x0E01, 0x0E5C)}
_PUNCTUATION = set("\u20ac\u2026\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u00a0")  # what cp874 adds at 0x80-0xA0
_FOLLOWS_MARK = _CONSONANTS | _MARKS  # a tone mark may sit on a vowel mark: ที่, กั้น


def decode_csv_bytes(data: bytes, filename: str) -> tuple[str, str]:
    """The text of a file and the encoding it was read as (UTF8, UTF16 or CP874); InputError naming the file and the
    first bad byte when it is neither UTF-8 nor well-formed Thai in cp874, or is binary."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), UTF16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:4096]:
        raise InputError(
            [Problem("ไฟล์นี้เป็นไฟล์ไบนารี ไม่ใช่ข้อความ", file=filename, expected="CSV แบบ UTF-8, XLSX หรือ JSON")]
        )
    try:
        return data.decode("utf-8-sig"), UTF8
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp874")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            [
                Problem(
                    f"อ่านเป็นข้อความไม่ได้: ไบต์ที่ {utf8_error.start + 1} ไม่ใช่ UTF-8 และไบต์ที่ {exc.start + 1} "
                    f"(0x{data[exc.start]:02X}) ไม่มีในรหัสภาษาไทย TIS-620",
                    file=filename,
                    row=line,
                    expected=_SAVE_AS,
                )
            ]
        ) from None
    bad = first_malformed_thai(text)
    if bad is not None:
        line = text[:bad].count("\n") + 1
        raise InputError(
            [
                Problem(
                    f"อ่านเป็นข้อความไม่ได้: ไบต์ที่ {utf8_error.start + 1} ไม่ใช่ UTF-8 และเมื่ออ่านเป็นรหัสภาษาไทย TIS-620 "
                    f"ได้อักษรที่ไม่ใช่ภาษาไทยที่ถูกต้อง (ตัวอักษรที่ {bad + 1}) จึงไม่เดารหัสอักขระ",
                    file=filename,
                    row=line,
                    expected=_SAVE_AS,
                )
            ]
        )
    return text, CP874


def first_malformed_thai(text: str) -> int | None:
    """Index of the first character that cannot be in well-formed Thai text read from cp874, or None."""
    previous = ""
    for index, char in enumerate(text):
        if char >= "\x80":
            if char not in _THAI and char not in _PUNCTUATION:
                return index
            if char in _MARKS and previous not in _FOLLOWS_MARK:
                return index
        if previous in _LEADING and char not in _CONSONANTS:
            return index
        previous = char
    if previous in _LEADING:
        return len(text) - 1
    return None


def encoding_notice(encoding: str, filename: str) -> str | None:
    """The sentence that tells the user a file was read as Thai Windows text (None for UTF-8 and UTF-16)."""
    if encoding != CP874:
        return None
    return f"อ่านไฟล์ {filename} เป็นรหัสภาษาไทยของ Windows {CP874} ซึ่งไม่ใช่ UTF-8 โปรดตรวจชื่อและข้อความภาษาไทยในตัวอย่างก่อนบันทึก"
