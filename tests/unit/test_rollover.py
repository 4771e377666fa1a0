"""Rolling a plan to the next year: codes follow their topic, progress is cleared, the old file is untouched."""

from __future__ import annotations

from prongsai.ita.library import shipped_framework
from prongsai.ita.rollover import map_codes


def test_codes_follow_their_topic_when_nacc_renumbers():
    mapped = map_codes(
        ["I7", "O12", "O30", "E10", "I13", "IND7", "X1"], shipped_framework(2565), shipped_framework(2566)
    )
    assert mapped.carried == {"I7": "I17", "O12": "O13", "O30": "O28", "E10": "E10", "IND7": "IND7"}
    assert set(mapped.dropped) == {"I13", "X1"}
    assert "2566" in mapped.dropped["I13"]


def test_sub_indicators_carry_only_when_they_mean_the_same():
    assert map_codes(["9.1", "10.2"], shipped_framework(2563), shipped_framework(2564)).carried == {
        "9.1": "9.1",
        "10.2": "10.2",
    }
    moved = map_codes(["9.1"], shipped_framework(2566), shipped_framework(2567))  # 2567 regrouped indicator 9
    assert moved.carried == {} and "ไม่ใช่เรื่องเดียวกับปี 2566" in moved.dropped["9.1"]
