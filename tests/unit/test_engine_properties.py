"""Property tests of the engine: bounds, monotonicity and weights, over every shipped year that can be scored."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.ita.library import shipped_framework, shipped_years
from prongsai.ita.model import Framework
from prongsai.ita.results import ResultSet
from prongsai.ita.scoring import score

SCORABLE = [2564, 2565, 2566]


def _full_results(framework: Framework, draw_score, draw_pass) -> ResultSet:
    results = ResultSet()
    for item in framework.items.values():
        if item.is_oit:
            results.scores[item.code] = draw_pass()
        elif item.tool == "EIT" and framework.eit_channels:
            for channel in framework.eit_channels:
                results.channel_scores.setdefault(channel, {})[item.code] = draw_score()
        else:
            results.scores[item.code] = draw_score()
    return results


scores = st.floats(min_value=0, max_value=100, allow_nan=False)


@st.composite
def year_and_results(draw):
    framework = shipped_framework(draw(st.sampled_from(SCORABLE)))
    results = _full_results(framework, lambda: draw(scores), lambda: draw(st.sampled_from([0.0, 100.0])))
    return framework, results


def _rank(framework: Framework, level: str | None) -> int:
    names = [rule.level for rule in framework.grading.levels]
    return len(names) - names.index(level)


@settings(max_examples=150, deadline=None)
@given(year_and_results())
def test_total_stays_within_0_and_100(case):
    framework, results = case
    assessment = score(framework, results)
    assert assessment.total.origin == "computed"
    assert 0 <= assessment.total.value <= 100
    assert assessment.level is not None


@settings(max_examples=150, deadline=None)
@given(year_and_results(), st.data())
def test_raising_any_score_never_lowers_total_or_level(case, data):
    framework, results = case
    before = score(framework, results)
    places = [("scores", c) for c in results.scores] + [
        (channel, c) for channel, per in results.channel_scores.items() for c in per
    ]
    where, code = data.draw(st.sampled_from(places))
    target = results.scores if where == "scores" else results.channel_scores[where]
    if framework.items[code].is_oit:
        target[code] = 100.0
    else:
        target[code] = data.draw(st.floats(min_value=target[code], max_value=100, allow_nan=False))
    after = score(framework, results)
    assert after.total.value >= before.total.value - 1e-9
    assert _rank(framework, after.level) >= _rank(framework, before.level)


@pytest.mark.parametrize("year", shipped_years())
def test_indicator_weights_sum_to_one(year):
    framework = shipped_framework(year)
    assert sum(framework.indicator_weight(n) for n in framework.indicators) == pytest.approx(1.0, abs=1e-12)
    assert sum(tool.weight for tool in framework.tools.values()) == pytest.approx(1.0, abs=1e-12)


def test_the_equivalent_indicator_weights_of_itamd():
    framework = shipped_framework(2565)
    weights = [round(framework.indicator_weight(n), 6) for n in range(1, 11)]
    assert weights == [0.06] * 5 + [0.1] * 3 + [0.2] * 2
