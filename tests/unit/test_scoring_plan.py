"""The engine's plan of a framework is kept on the framework object: made once, never shared with a changed copy
of the framework, and left out when a framework is pickled (a cache) or copied."""

from __future__ import annotations

import copy
import pickle
from dataclasses import replace

from prongsai.ita.library import shipped_framework
from prongsai.ita.model import SCORING_PLAN_ATTRIBUTE
from prongsai.ita.results import ResultSet
from prongsai.ita.scoring import score
from prongsai.ita.scoring_plan import plan_of


def test_the_plan_is_made_once_per_framework_object():
    fw = replace(shipped_framework(2566))  # a fresh object, so no other test's plan is on it
    assert SCORING_PLAN_ATTRIBUTE not in fw.__dict__
    score(fw, ResultSet())
    plan = fw.__dict__[SCORING_PLAN_ATTRIBUTE]
    assert plan_of(fw) is plan and plan.fw is fw


def test_a_changed_framework_gets_its_own_plan():
    fw = shipped_framework(2566)
    heavier = replace(fw, tools={**fw.tools, "OIT": replace(fw.tools["OIT"], weight=0.5)})
    assert plan_of(heavier) is not plan_of(fw)
    assert [t.weight for t in plan_of(heavier).tools if t.code == "OIT"] == [0.5]


def test_pickling_or_copying_leaves_the_plan_behind():
    fw = shipped_framework(2566)
    plan_of(fw)
    for other in (pickle.loads(pickle.dumps(fw)), copy.deepcopy(fw), copy.copy(fw)):
        assert other == fw and SCORING_PLAN_ATTRIBUTE not in other.__dict__
        assert plan_of(other) is not plan_of(fw)
