"""The driving KPI of seed 001: a level counts only when every level below it is met too."""

from __future__ import annotations

from prongsai.ita.kpi import CRITERIA, criterion, level_reached, level_states


def test_levels_build_on_each_other():
    assert level_reached({}).level == 0
    assert [c.key for c in level_reached({}).missing] == ["review"]
    upto3 = {"review": True, "plan": True, "cascade": True, "web_admin": True}
    result = level_reached(upto3)
    assert result.level == 3 and {c.key for c in result.missing} == {"publicise", "monitor", "itas_data"}
    assert level_reached({**upto3, "web_admin": False, "report": True}).level == 2  # a gap stops the count
    everything = {c.key: True for c in CRITERIA}
    assert level_reached(everything).level == 5 and level_reached(everything).missing == ()


def test_level_states_say_which_complete_level_does_not_count():
    met = {"review": True, "cascade": True, "web_admin": True}  # level 3 complete, level 2 missing
    states = {s.level: s for s in level_states(met)}
    assert states[1].complete and states[1].counts
    assert not states[2].complete and not states[2].counts
    assert states[3].complete and not states[3].counts
    assert [c.key for c in states[4].criteria] == ["publicise", "monitor", "itas_data"]
    assert criterion("plan").level == 2 and criterion("nope") is None
