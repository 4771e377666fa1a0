"""A mock IIT survey as Google Forms exports it, the scores computed by hand from the documented mapping
(docs/survey.md), and the `forms_csv` fixture that writes it: shared by the survey reader's and the CLI's tests.
The fixture is registered through `pytest_plugins` in tests/conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest

LOW, LITTLE, MUCH, MOST = 0.0, 33.33, 66.67, 100.0

# As Google Forms exports a form whose questions start with their code: a time stamp, a grid question (I1, two
# parts, written "text [part]"), a linear scale 1-4 (I2), a yes/no grid (I4, มี is bad), a negatively worded
# question (I9, reversed), a yes/no question where มี is good (I26, two parts numbered), and an e-mail column.
GOOGLE_FORMS = """ประทับเวลา,I1 บุคลากรปฏิบัติงาน [เป็นไปตามขั้นตอนที่กำหนด],I1 บุคลากรปฏิบัติงาน [เป็นไปตามระยะเวลาที่กำหนด],\
I2 ปฏิบัติงานอย่างเท่าเทียมกัน,I4 [เงิน],I4 [ทรัพย์สิน],I4 [ประโยชน์อื่น ๆ ที่อาจคำนวณเป็นเงินได้ เช่น การลดราคา การรับความบันเทิง เป็นต้น],\
I9 ใช้จ่ายงบประมาณเพื่อประโยชน์ส่วนตัว,I26 (1),I26 (2),อีเมล
1/12/2026 9:00:00,มากที่สุด,มาก,4,ไม่มี,ไม่มี,มี,น้อย,มี,ไม่มี,a@example.org
1/12/2026 9:05:00,มาก,,๓,ไม่มี,ไม่มี,ไม่มี,มากที่สุด,ใช่,มี,
2/12/2026 10:00:00, น้อยที่สุด ,น้อย,2,ไม่มี,,,ไม่มีเลย,ไม่มี,ไม่มี,
,,,,,,,,,,
"""


def mean(*values: float) -> float:
    return sum(values) / len(values)


EXPECTED = {
    "I1": mean(mean(MOST, MUCH), MUCH, mean(LOW, LITTLE)),
    "I2": mean(MOST, MUCH, LITTLE),
    "I4": mean(mean(100, 100, 0), mean(100, 100, 100), 100),  # มี = 0 (a bribe was asked for)
    "I9": mean(100 - LITTLE, 100 - MOST, 100 - LOW),  # reversed: น้อย 66.67, มากที่สุด 0, ไม่มีเลย 100
    "I26": mean(mean(100, 0), mean(100, 100), mean(0, 0)),  # มี = 100 (the agency reviewed its measures)
}


@pytest.fixture
def forms_csv(tmp_path: Path) -> Path:
    path = tmp_path / "แบบสำรวจ IIT.csv"
    path.write_text(GOOGLE_FORMS, encoding="utf-8-sig")
    return path
