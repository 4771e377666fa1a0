"""Files as Thai offices have them: a CSV saved by Excel on Thai Windows (cp874/TIS-620) is read to the same figures
as its UTF-8 twin and the user is told which encoding was used; anything that is not UTF-8 and not well-formed Thai
in cp874 is refused with a Thai message, never guessed (the earlier decision refused cp874 because a wrong guess
could corrupt silently: these tests show the check that stops it)."""

from __future__ import annotations

from prongsai.importing.encoding import CP874
from prongsai.importing.results_reader import read_results
from prongsai.ita.library import framework_for
from tests.support.cli import SAMPLES, run_cli, score_json

AGENCY = "องค์การบริหารส่วนจังหวัดอ่างทอง"
CHANNELS = {"public": "ผู้รับบริการตอบเอง", "survey": "ผู้ประเมินจัดเก็บ"}


def _thai_excel_layout() -> str:
    """Seed 002 (Ang Thong PAO 2566, published total 92.31) as an officer keeps it in Excel: Thai headers, the
    agency's name on every row, Thai channel names, a note column, the level as a Thai word, Windows line ends."""
    lines = ["หน่วยงาน,รหัส,คะแนน,ช่องทาง,หมายเหตุ"]
    sample = (SAMPLES / "angthong_pao_2566.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    for number, line in enumerate(sample):
        code, score, channel = [*line.split(","), "", ""][:3]
        note = "ตรวจทานกับรายงาน ป.ป.ช. แล้ว" if number % 7 == 0 else ""
        lines.append(",".join([AGENCY, code, score, CHANNELS.get(channel, channel), note]))
    return "\r\n".join(lines) + "\r\n"


def test_a_thai_windows_csv_gives_the_same_figures_as_its_utf8_twin(tmp_path):
    text = _thai_excel_layout()
    utf8 = tmp_path / "อ่างทอง-utf8.csv"
    utf8.write_bytes(text.encode("utf-8"))
    thai = tmp_path / "อ่างทอง-excel.csv"
    thai.write_bytes(text.encode("cp874"))
    assert thai.read_bytes() != utf8.read_bytes() and b"\xe0\xb8" not in thai.read_bytes()
    fw = framework_for(2566)
    from_utf8, from_cp874 = read_results(utf8, fw), read_results(thai, fw)
    assert from_cp874.by_agency.keys() == from_utf8.by_agency.keys() == {AGENCY}
    ours, theirs = from_cp874.by_agency[AGENCY], from_utf8.by_agency[AGENCY]
    assert (ours.scores, ours.channel_scores, ours.reported, ours.reported_level) == (
        theirs.scores,
        theirs.channel_scores,
        theirs.reported,
        theirs.reported_level,
    )
    assert ours.channel_scores  # the Thai channel names were read as channels
    assert any(CP874 in w for w in from_cp874.warnings) and not any(CP874 in w for w in from_utf8.warnings)
    data_utf8, data_cp874 = score_json(utf8, 2566), score_json(thai, 2566)
    assert data_cp874["total"] == data_utf8["total"] == 92.31
    assert data_cp874["level"] == data_utf8["level"] == "ผ่าน"
    assert data_cp874["agency"] == AGENCY
    shown = run_cli("score", str(thai), "--year", "2566")
    assert shown.exit_code == 0 and "TIS-620" in shown.output


def test_a_broken_utf8_file_gets_a_thai_error_naming_file_byte_and_row(tmp_path):
    data = "code,score,agency\nI1,90,สำนักงานจังหวัดสาธิต\n".encode()
    cut = data.index("สำนักงาน".encode()) + 1
    path = tmp_path / "results.csv"
    path.write_bytes(data[:cut] + b"\xff" + data[cut + 1 :])
    result = run_cli("score", str(path), "--year", "2566")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "results.csv" in result.stderr and "แถว 2" in result.stderr
    assert f"ไบต์ที่ {cut + 1}" in result.stderr and "TIS-620" in result.stderr
