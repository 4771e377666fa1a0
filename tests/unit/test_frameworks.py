"""The shipped framework library and the loader's checks on an administrator's own file."""

from __future__ import annotations

import pytest

from prongsai.ita.library import shipped_framework, shipped_years
from prongsai.ita.loader import load_framework_file
from prongsai.ita.problems import InputError
from tests.support.framework_edits import own_framework_file


def test_every_known_year_is_shipped():
    assert shipped_years() == [2562, 2563, 2564, 2565, 2566, 2567, 2568, 2569, 2570]


@pytest.mark.parametrize("year", [2562, 2563, 2564, 2565, 2566, 2567, 2568, 2569, 2570])
def test_each_year_loads_with_ten_indicators_and_statuses(year):
    framework = shipped_framework(year)
    assert framework.year == year
    assert sorted(framework.indicators) == list(range(1, 11))
    assert framework.status in ("confirmed", "inferred", "partial", "provisional")
    assert framework.is_provisional == (year == 2570)
    assert len(framework.items_of_tool("IIT")) == 30
    assert len(framework.items_of_tool("EIT")) == 15


def test_oit_item_counts_per_sub_indicator():
    counts_2564 = {c: len(s.items) for c, s in shipped_framework(2564).sub_indicators.items()}
    assert counts_2564 == {"9.1": 9, "9.2": 8, "9.3": 7, "9.4": 4, "9.5": 5, "10.1": 8, "10.2": 2}
    counts_2566 = {c: len(s.items) for c, s in shipped_framework(2566).sub_indicators.items() if c.startswith("9")}
    assert counts_2566 == {"9.1": 10, "9.2": 8, "9.3": 4, "9.4": 4, "9.5": 4}


def test_e_service_is_followed_across_years_by_topic():
    codes = {}
    for year in (2565, 2566, 2568):
        framework = shipped_framework(year)
        codes[year] = [i.code for i in framework.items.values() if i.topic == "oit.e_service"]
    assert codes == {2565: ["O17"], 2566: ["O18"], 2568: ["O10"]}


def test_grading_kinds_change_in_2566():
    assert shipped_framework(2565).grading.kind == "bands"
    assert shipped_framework(2566).grading.kind == "rating"
    assert shipped_framework(2566).eit_channels == ("public", "survey")


def test_loader_reports_precise_problems(tmp_path):
    def break_it(data):
        data["tools"]["OIT"]["weight"] = 0.5
        first = data["indicators"][0]["questions"]
        first[1]["code"] = first[0]["code"]
        data["indicators"][8]["sub_indicators"][0]["items"][0]["topic"] = "Not A Topic"
        data["grading"]["levels"][-1]["min_total"] = 10

    with pytest.raises(InputError) as caught:
        load_framework_file(own_framework_file(tmp_path, 2570, break_it))
    rendered = [p.render() for p in caught.value.problems]
    assert any("indicators[0].questions[1].code" in r and "ซ้ำ" in r for r in rendered)
    assert any("น้ำหนัก" in r and "รวมกัน" in r for r in rendered)
    assert any("indicators[8].sub_indicators[0].items[0].topic" in r for r in rendered)
    assert any("grading.levels" in r for r in rendered)
    assert all("fy2570.yaml" in r for r in rendered)


def test_oit_item_counts_of_the_recent_years_follow_the_research_note():
    """research/ita_2567_2570.md: 2568 had O1-O28, 2569 O1-O26, 2567 is still unknown."""
    counts = {year: len(shipped_framework(year).items_of_tool("OIT")) for year in (2567, 2568, 2569, 2570)}
    assert counts == {2567: 0, 2568: 28, 2569: 26, 2570: 26}
    fy2569 = shipped_framework(2569)
    assert [fy2569.items[c].status for c in ("O2", "O6", "O7")] == ["inferred"] * 3
    assert all("SINGLE SOURCE" in (fy2569.items[c].source or "") for c in ("O1", "O2", "O3", "O4", "O6", "O7"))


def test_2568_records_candidate_groupings_but_scores_nothing_with_them():
    framework = shipped_framework(2568)
    h1, h2 = framework.candidate_groupings
    assert (h1.name, h2.name) == ("H1", "H2") and h1.status == h2.status == "inferred"
    assert {s.code: s.items for s in h2.sub_indicators}["9.6"] == ("O20",)
    assert framework.sub_indicators == {} and framework.indicators[9].mapping_status == "unknown"


def test_no_shipped_grading_cites_the_non_nacc_college_result():
    for year in shipped_years():
        grading = shipped_framework(year).grading
        assert "Kantharalak" not in " ".join([grading.source or ""] + [r.source or "" for r in grading.levels])
