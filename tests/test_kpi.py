"""The driving KPI of seed 001: a level counts only when every level below it is met too."""

from __future__ import annotations

from prongsai.ita.kpi import CRITERIA, level_reached


def test_levels_build_on_each_other():
    assert level_reached({}).level == 0
    assert [c.key for c in level_reached({}).missing] == ["review"]
    upto3 = {"review": True, "plan": True, "cascade": True, "web_admin": True}
    result = level_reached(upto3)
    assert result.level == 3 and {c.key for c in result.missing} == {"publicise", "monitor", "itas_data"}
    assert level_reached({**upto3, "web_admin": False, "report": True}).level == 2  # a gap stops the count
    everything = {c.key: True for c in CRITERIA}
    assert level_reached(everything).level == 5 and level_reached(everything).missing == ()
