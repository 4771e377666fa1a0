"""The pass mark comes from the year's framework (grading.pass_mark): what-if, analysis and the CLI follow a
framework whose pass mark is changed, and a pass mark given explicitly still wins."""

from __future__ import annotations

from dataclasses import replace

from prongsai.importing.results_reader import read_results
from prongsai.ita.analysis import analyse
from prongsai.ita.grading import FALLBACK_PASS_MARK, pass_mark_of
from prongsai.ita.library import shipped_framework, shipped_years
from prongsai.ita.model import Framework
from prongsai.ita.scoring import Assessment, score
from prongsai.ita.whatif import next_level, single_fixes
from tests.support.cli import SAMPLES

ANGTHONG = SAMPLES / "angthong_pao_2566.csv"


def _with_pass_mark(framework: Framework, mark: float) -> Framework:
    return replace(framework, grading=replace(framework.grading, pass_mark=mark))


def _angthong(framework: Framework) -> Assessment:
    (results,) = read_results(ANGTHONG, framework).by_agency.values()
    return score(framework, results)


def test_every_shipped_year_passes_at_85():
    for year in shipped_years():
        assert pass_mark_of(shipped_framework(year)) == 85.0, year
    assert shipped_framework(2565).grading.pass_mark is None and FALLBACK_PASS_MARK == 85.0  # bands: the fallback


def test_what_if_follows_the_framework_pass_mark():
    fw = shipped_framework(2566)
    at_85, at_80 = _angthong(fw), _angthong(_with_pass_mark(fw, 80.0))
    raised_85 = {f.code for f in single_fixes(at_85) if f.after == 85.0}
    raised_80 = {f.code for f in single_fixes(at_80) if f.after == 80.0}
    assert not any(f.after == 85.0 for f in single_fixes(at_80))
    assert raised_80 == {"E10", "I18"} < raised_85  # the questions below 80, of those below 85
    assert [(f.code, f.after) for f in next_level(at_85).scenario.fixes] == [("E10", 85.0)]
    assert [(f.code, f.after) for f in next_level(at_80).scenario.fixes] == [("E10", 80.0)]
    assert single_fixes(at_80, 85.0) == single_fixes(at_85)  # a pass mark given explicitly wins


def test_analysis_follows_the_framework_pass_mark():
    fw = shipped_framework(2566)
    at_85, at_80 = analyse(_angthong(fw)), analyse(_angthong(_with_pass_mark(fw, 80.0)))
    assert (at_85.pass_mark, at_80.pass_mark) == (85.0, 80.0)
    assert (at_85.question_threshold, at_80.question_threshold) == (85.0, 80.0)
    assert [e.code for e in at_85.weak_indicators] == ["IND7"]  # 83.96
    assert at_80.weak_indicators == []
    assert "E8" in {q.code for q in at_85.weak_questions} - {q.code for q in at_80.weak_questions}  # 84.62
    assert analyse(_angthong(_with_pass_mark(fw, 80.0)), pass_mark=85.0).weak_indicators == at_85.weak_indicators
