"""`prongsai analyze` on the seed data: NACC focus lists with ties, year over year, what-if gains, next level."""

from __future__ import annotations

import json

import pytest

from tests.support.angthong_2566 import ANG_THONG_WEAK_QUESTIONS
from tests.support.cli import SAMPLES, run_cli


def analyze(*args: str) -> dict:
    result = run_cli("analyze", *args, "--json")
    assert result.exit_code == 0, result.output + result.stderr
    return json.loads(result.stdout)


def pairs(entries):
    return [(e["code"], e["score"]) for e in entries]


def test_phitsanulok_2565_per_tool_focus_with_ties():
    data = analyze(str(SAMPLES / "phitsanulok_pao_2565.csv"), "--year", "2565")
    iit, eit = data["per_tool"]["IIT"], data["per_tool"]["EIT"]
    assert pairs(iit["urgent"]) == [("I14", 79.65), ("I20", 81.85), ("I13", 84.05)]
    assert iit["urgent_fallback"] is False
    assert pairs(iit["to_improve"]) == [("I10", 99.45), ("I19", 99.45), ("I11", 98.63)]
    assert [e["tie"] for e in iit["to_improve"]] == [True, True, False]
    assert pairs(eit["urgent"]) == [("E1", 93.06), ("E14", 93.58), ("E11", 94.68), ("E12", 94.68), ("E15", 94.68)]
    assert eit["urgent_fallback"] is True
    assert pairs(eit["to_improve"][:2]) == [("E3", 98.94), ("E2", 96.81)]
    assert pairs(eit["to_improve"][2:]) == [("E5", 95.74), ("E6", 95.74), ("E7", 95.74), ("E9", 95.74)]
    assert {e["rank"] for e in eit["to_improve"][2:]} == {3}


def test_phitsanulok_2564_to_2565_year_over_year_matches_the_seed_table():
    data = analyze(
        str(SAMPLES / "phitsanulok_pao_2565.csv"),
        "--year",
        "2565",
        "--previous",
        str(SAMPLES / "phitsanulok_pao_2564.csv"),
        "--previous-year",
        "2564",
    )
    rows = {r["key"]: r for part in ("figures", "indicators", "sub_indicators") for r in data["yoy"][part]}
    seed = {  # seed 004 section 2: 2564 -> 2565
        "IND1": (94.27, 96.13),
        "IND2": (90.69, 95.31),
        "IND3": (90.96, 91.38),
        "IND4": (89.10, 91.75),
        "IND5": (91.75, 92.14),
        "IND6": (89.22, 96.91),
        "IND7": (87.43, 97.45),
        "IND8": (85.04, 95.52),
        "TOTAL": (81.39, 96.99),
    }
    # 0.01 inclusive (plus float noise): the published question scores are themselves rounded
    for key, (before, after) in seed.items():
        assert rows[key]["previous"] == pytest.approx(before, abs=0.01 + 1e-9), key
        assert rows[key]["current"] == pytest.approx(after, abs=0.01 + 1e-9), key
    assert rows["10.2"]["previous"] == 0 and rows["10.2"]["current"] == 100
    items = {r["current_code"]: r for r in data["yoy"]["items"]}
    assert items["O17"]["key"] == "oit.e_service"


def test_angthong_2566_gains_and_next_level():
    data = analyze(str(SAMPLES / "angthong_pao_2566.csv"), "--year", "2566")
    single = {tuple(w["codes"]): w for w in data["whatif"]}
    assert single[("O30",)]["gain"] == 1.00
    assert single[("O18",)]["gain"] == 0.50
    assert single[("O18", "O30")]["total"] == 93.81
    gains = [w["gain"] for w in data["whatif"] if len(w["codes"]) == 1]
    assert gains == sorted(gains, reverse=True)
    assert [f["code"] for f in data["failed_oit"]] == ["O18", "O30"]
    assert data["failed_oit"][0]["sub_indicator"] == "9.2"
    step = data["next_level"]
    assert step["current"] == "ผ่าน" and step["target"] == "ผ่านดี" and step["reachable"] is True
    assert step["changes"] == [{"code": "E10", "from": 74.55, "to": 85.0}]
    gaps = {g["code"]: g for g in data["channel_gaps"]}
    assert gaps["E10"]["below_bar"] == ["public", "survey"]
    assert gaps["E13"]["below_bar"] == []


def test_question_threshold_counts_any_channel_below():
    data = analyze(str(SAMPLES / "angthong_pao_2566.csv"), "--year", "2566", "--question-threshold", "90")
    weak = {e["code"] for e in data["to_develop"]["questions"]}
    assert weak == ANG_THONG_WEAK_QUESTIONS


def test_terminal_summary_is_thai_and_readable():
    result = run_cli("analyze", str(SAMPLES / "angthong_pao_2566.csv"), "--year", "2566")
    assert result.exit_code == 0
    assert "จุดอ่อนที่ต้องแก้ไขเร่งด่วน" in result.stdout and "O30" in result.stdout and "ผ่านดี" in result.stdout


def test_previous_without_year_is_an_input_error():
    result = run_cli(
        "analyze",
        str(SAMPLES / "phitsanulok_pao_2565.csv"),
        "--year",
        "2565",
        "--previous",
        str(SAMPLES / "phitsanulok_pao_2564.csv"),
    )
    assert result.exit_code == 2 and "--previous-year" in result.stderr
