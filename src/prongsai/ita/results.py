"""What an agency holds for one fiscal year: question and item scores, per-channel EIT scores, reported figures."""

from __future__ import annotations

from dataclasses import dataclass, field

# Codes of reported figures other than indicators (IND1..) and OIT sub-indicators (9.1, ...).
REPORTED_TOOL_CODES = ("IIT", "EIT", "OIT", "EIT_PUBLIC", "EIT_SURVEY", "TOTAL")
LEVEL_CODE = "LEVEL"


@dataclass
class ResultSet:
    """Scores as given, before any computation; every reported value is kept for reconciliation.

    `scores` holds question scores (I/E codes, channel-less) and OIT items (0 or 100).
    `channel_scores[channel][code]` holds EIT question scores per channel (public/survey).
    `reported` holds indicator (IND1..), sub-indicator (9.1..) and tool/total figures as reported.
    """

    agency: str | None = None
    scores: dict[str, float] = field(default_factory=dict)
    channel_scores: dict[str, dict[str, float]] = field(default_factory=dict)
    reported: dict[str, float] = field(default_factory=dict)
    reported_level: str | None = None

    def is_empty(self) -> bool:
        return not (self.scores or self.channel_scores or self.reported or self.reported_level)
