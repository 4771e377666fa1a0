"""Files as Thai offices have them: a CSV saved by Excel on Thai Windows (cp874/TIS-620) is read to the same figures
as its UTF-8 twin and the user is told which encoding was used; anything that is not UTF-8 and not well-formed Thai
in cp874 is refused with a Thai message, never guessed (the earlier decision refused cp874 because a wrong guess
could corrupt silently: these tests show the check that stops it)."""

from __future__ import annotations

import pytest

from prongsai.importing.encoding import CP874, UTF8, decode_csv_bytes, first_malformed_thai
from prongsai.ita.library import framework_for, shipped_years
from prongsai.ita.problems import InputError

AGENCY = "องค์การบริหารส่วนจังหวัดอ่างทอง"


def test_every_thai_text_the_product_knows_passes_the_check_in_cp874():
    """Real Thai (every title and name of every framework) is never refused for being cp874."""
    texts = [AGENCY, "ผ่านดีเยี่ยม", "ไม่ผ่าน", "น้ำ", "กั้น", "ที่", "ฯลฯ", "ๆ", "๑๒๓.๔๕"]
    for year in shipped_years():
        fw = framework_for(year)
        texts += [item.title for item in fw.items.values() if item.title]
        texts += [ind.name for ind in fw.indicators.values()]
    checked = 0
    for text in texts:
        try:
            data = text.encode("cp874")
        except UnicodeEncodeError:
            continue  # a character cp874 has no byte for (none in Thai itself)
        assert decode_csv_bytes(data, "x.csv") == (text, CP874) or text.isascii(), text
        checked += 1
    assert checked > 200


def test_utf8_with_one_broken_byte_is_refused_whatever_the_byte():
    """Every way of breaking one byte of a UTF-8 Thai file is refused, none is read as cp874."""
    text = "รหัส,คะแนน,หน่วยงาน\nI1,90,สำนักงานจังหวัดสาธิต\n"
    data = text.encode("utf-8")
    tried = 0
    for position in range(len(data)):
        if data[position] < 0x80:
            continue
        for value in range(0x80, 0x100):
            broken = data[:position] + bytes([value]) + data[position + 1 :]
            try:
                broken.decode("utf-8")
                continue  # still UTF-8: another Thai letter, not an encoding question
            except UnicodeDecodeError:
                pass
            with pytest.raises(InputError):
                decode_csv_bytes(broken, "results.csv")
            tried += 1
    assert tried > 1000


@pytest.mark.parametrize(
    "encoding, text",
    [
        ("latin-1", "code,score,note\nI1,90,café crème\n"),  # é is a tone mark in cp874: on a Latin letter
        ("cp1252", "code,score,note\nI1,90,Müller\n"),
        ("utf-16-le", "code,score\nI1,90\n"),  # no byte-order mark: binary to us
    ],
)
def test_other_encodings_are_refused_not_guessed(encoding, text):
    with pytest.raises(InputError) as caught:
        decode_csv_bytes(text.encode(encoding), "results.csv")
    assert "results.csv" in str(caught.value)


def test_the_thai_check_names_the_first_bad_character():
    assert first_malformed_thai("สวัสดี") is None
    assert first_malformed_thai("เธ") is None  # well-formed, if odd
    assert first_malformed_thai("เุ") == 1  # a leading vowel must carry a consonant
    assert first_malformed_thai("a\u0e49") == 1  # a tone mark on a Latin letter
    assert first_malformed_thai("ก\u00e9") == 1  # not Thai at all
    assert first_malformed_thai("ไ") == 0


def test_plain_utf8_and_bom_and_utf16_are_read_as_before():
    assert decode_csv_bytes("\ufeffรหัส".encode("utf-8"), "a.csv") == ("รหัส", UTF8)
    assert decode_csv_bytes("รหัส".encode("utf-16"), "a.csv")[0] == "รหัส"
