"""Inputs of the forecast tests: a sample's official assessment (last year's figures) and made-up IIT survey scores
for every IIT question of a year; shared by the forecast's, the report section's and the CLI's tests."""

from __future__ import annotations

from prongsai.importing.results_reader import read_results
from prongsai.ita.library import shipped_framework
from prongsai.ita.scoring import Assessment, score
from tests.support.cli import SAMPLES


def official_assessment(year: int, file: str) -> Assessment:
    fw = shipped_framework(year)
    (results,) = read_results(SAMPLES / file, fw).by_agency.values()
    return score(fw, results)


def iit_scores(year: int) -> dict[str, float]:
    fw = shipped_framework(year)
    codes = [c for c, item in fw.items.items() if item.tool == "IIT"]
    return {code: 80.0 + (n % 4) * 5 for n, code in enumerate(codes)}  # 80, 85, 90, 95, ...
