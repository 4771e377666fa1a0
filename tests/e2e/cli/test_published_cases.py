"""The four published results of ITA.md §6, reproduced through the CLI from the bundled CSV files."""

from __future__ import annotations

import pytest

from tests.support.cli import SAMPLES, score_json

PHITSANULOK_2565_INDICATORS = [96.13, 95.31, 91.38, 91.75, 92.14, 96.91, 97.45, 95.52, 100, 100]


def test_phitsanulok_2565_from_questions_reproduces_every_indicator_and_aa():
    data = score_json(SAMPLES / "phitsanulok_pao_2565.csv", 2565)
    for number, published in enumerate(PHITSANULOK_2565_INDICATORS, start=1):
        detail = data["detail"][f"IND{number}"]
        assert detail["origin"] == "computed", number
        assert detail["value"] == pytest.approx(published, abs=0.01), number
    assert data["total"] == 96.99
    assert data["level"] == "AA"
    assert data["detail"]["TOTAL"]["origin"] == "computed"
    assert all(r["ok"] for r in data["reconciliation"]), data["reconciliation"]
    assert {"IND1", "TOTAL", "LEVEL"} <= {r["code"] for r in data["reconciliation"]}


def test_angthong_2566_oit_items_give_indicator_9_and_level_pass_not_good():
    data = score_json(SAMPLES / "angthong_pao_2566.csv", 2566)
    assert data["detail"]["IND9"]["origin"] == "computed"
    assert data["indicators"]["9"] == 92.50
    assert data["sub_indicators"]["9.2"] == 87.50
    assert data["sub_indicators"]["9.5"] == 75.00
    assert data["tools"]["IIT"] == 93.46
    assert data["tools"]["EIT"] == 85.89
    assert data["tools"]["OIT"] == 96.25
    assert data["total"] == 92.31
    assert data["level"] == "ผ่าน"
    assert "ตัวชี้วัดที่ 7 = 83.96 < 85" in data["level_reason"]
    level_check = next(r for r in data["reconciliation"] if r["code"] == "LEVEL")
    assert level_check["ok"] is True
    assert data["eit_channels"] == {"public": 92.57, "survey": 79.21}
    assert data["channel_questions"]["public"]["E10"] == 78.77
    assert data["questions"]["E10"] == pytest.approx((78.77 + 70.33) / 2, abs=0.005)


def test_ayutthaya_2564_from_indicators_gives_9725_aa():
    data = score_json(SAMPLES / "ayutthaya_province_2564.csv", "2021")
    assert data["year"] == 2564
    assert data["total"] == 97.25
    assert data["level"] == "AA"
    assert all(r["ok"] for r in data["reconciliation"]), data["reconciliation"]


def test_phitsanulok_2564_from_oit_sub_indicators_gives_8139():
    data = score_json(SAMPLES / "phitsanulok_pao_2564.csv", 2564)
    assert data["sub_indicators"]["9.1"] == 77.78
    assert data["sub_indicators"]["10.2"] == 0.0
    assert data["indicators"]["10"] == 50.0
    assert data["total"] == 81.39
    assert data["level"] == "B"


def test_reported_typo_is_pointed_out(tmp_path):
    """Seed 004 prints indicator 2 as 95.13 in one table; recomputing from questions gives 95.31."""
    text = (SAMPLES / "phitsanulok_pao_2565.csv").read_text(encoding="utf-8").replace("IND2,95.31", "IND2,95.13")
    path = tmp_path / "typo.csv"
    path.write_text(text, encoding="utf-8")
    data = score_json(path, 2565)
    bad = [r for r in data["reconciliation"] if not r["ok"]]
    assert [r["code"] for r in bad] == ["IND2"]
    assert bad[0]["reported"] == 95.13
    assert bad[0]["computed"] == 95.31
    assert bad[0]["difference"] == pytest.approx(-0.18, abs=0.001)


def test_sao_2567_92_43_is_graded_good_when_every_indicator_reaches_85(tmp_path):
    """SAO 2567 = 92.43 ผ่านดี (MGR, research/ita_2567_2570.md §4.2). No breakdown was published, so this only shows
    the inferred rule admits the case: indicator scores all >= 85 giving the published total get ผ่านดี."""
    indicators = [95.0, 93.0, 94.0, 92.0, 93.0, 90.0, 91.0, 88.0, 94.0, 93.55]
    rows = [f"IND{n},{v}" for n, v in enumerate(indicators, start=1)] + ["TOTAL,92.43", "LEVEL,ผ่านดี"]
    path = tmp_path / "sao_2567.csv"
    path.write_text("code,score\n" + "\n".join(rows) + "\n", encoding="utf-8")
    data = score_json(path, 2567)
    assert data["total"] == 92.43 and data["level"] == "ผ่านดี"
    assert all(r["ok"] for r in data["reconciliation"]), data["reconciliation"]
