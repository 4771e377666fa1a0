"""What the Ang Thong PAO 2566 sample (angthong_pao_2566.csv) has to develop at a question threshold of 90: the
analysis, the CLI plan draft and the web plan draft all start from these codes."""

from __future__ import annotations

# Questions (IIT/EIT) with a score, on any channel, below 90.
ANG_THONG_WEAK_QUESTIONS = frozenset(
    {
        "I17",
        "I18",
        "I19",
        "I24",
        "I27",
        "E1",
        "E2",
        "E3",
        "E5",
        "E6",
        "E7",
        "E8",
        "E9",
        "E10",
        "E11",
        "E12",
        "E15",
    }
)
# OIT items the agency did not pass.
ANG_THONG_FAILED_OIT = frozenset({"O18", "O30"})
# Every code a draft plan answers: the weak questions and the failed OIT items.
ANG_THONG_WEAK = ANG_THONG_WEAK_QUESTIONS | ANG_THONG_FAILED_OIT
