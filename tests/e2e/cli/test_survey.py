"""Mock IIT/EIT surveys scored from raw answers (issue 14, point 2): every expected score below is computed by hand
in the test from the documented mapping (docs/survey.md): 4-level answers 0 / 33.33 / 66.67 / 100, reversed for
negatively worded questions, มี/ไม่มี 0/100 in the question's direction, a multi-part question as the mean of its
answered parts per respondent, a question as the mean over the respondents who answered it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

LOW, LITTLE, MUCH, MOST = 0.0, 33.33, 66.67, 100.0
PROGRAM = [str(Path(sys.executable).parent / "prongsai")]  # the installed script, as an officer runs it

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


def _mean(*values: float) -> float:
    return sum(values) / len(values)


EXPECTED = {
    "I1": _mean(_mean(MOST, MUCH), MUCH, _mean(LOW, LITTLE)),
    "I2": _mean(MOST, MUCH, LITTLE),
    "I4": _mean(_mean(100, 100, 0), _mean(100, 100, 100), 100),  # มี = 0 (a bribe was asked for)
    "I9": _mean(100 - LITTLE, 100 - MOST, 100 - LOW),  # reversed: น้อย 66.67, มากที่สุด 0, ไม่มีเลย 100
    "I26": _mean(_mean(100, 0), _mean(100, 100), _mean(0, 0)),  # มี = 100 (the agency reviewed its measures)
}


@pytest.fixture
def forms_csv(tmp_path: Path) -> Path:
    path = tmp_path / "แบบสำรวจ IIT.csv"
    path.write_text(GOOGLE_FORMS, encoding="utf-8-sig")
    return path


def test_cli_writes_scores_and_exits_2_on_a_bad_answer(forms_csv: Path, tmp_path: Path) -> None:
    out = tmp_path / "scores.csv"
    done = subprocess.run(
        [*PROGRAM, "survey", "score", str(forms_csv), "--year", "2564", "--tool", "IIT", "-o", str(out), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["schema"] == "prongsai-survey/1" and data["respondents"] == 3
    assert {q["code"]: q["score"] for q in data["questions"]}["I26"] == round(EXPECTED["I26"], 2)
    assert out.read_text(encoding="utf-8-sig").splitlines()[0] == "code,score"
    bad = tmp_path / "bad.csv"
    bad.write_text("I2\nเยอะ\n", encoding="utf-8")
    failed = subprocess.run(
        [*PROGRAM, "survey", "score", str(bad), "--year", "2564", "--tool", "IIT", "-o", str(tmp_path / "none.csv")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert failed.returncode == 2 and "แถว 2" in failed.stderr and "Traceback" not in failed.stderr
    assert not (tmp_path / "none.csv").exists()
