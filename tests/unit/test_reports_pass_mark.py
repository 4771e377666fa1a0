"""One source for the pass mark (issue 15): the analysis report says the mark the Analysis carries (the year's
framework grading, or what the officer asked for) in every sentence, caption, chart line and summary cell, and
never a mark of its own. Built here with 80 instead of the usual 85, so a hard-coded 85 shows up."""

from __future__ import annotations

import re

from prongsai.importing.results_reader import read_results
from prongsai.ita.analysis import analyse
from prongsai.ita.library import shipped_framework
from prongsai.ita.plan_draft import draft_plan
from prongsai.ita.scoring import score
from prongsai.reports.analysis_report import build_analysis_report
from prongsai.reports.model import Chart, Heading, Paragraph, Report, Table
from tests.support.cli import SAMPLES

# Sentences that quote the year's grading rules (a level needs every indicator at 85 or more), not the pass mark.
GRADING_TEXT = ("การตัดสินระดับ", "ระดับถัดไป", "การขึ้นสู่ระดับ")
EIGHTY_FIVE = re.compile(r"(?<![\d.])85(?:\.00)? คะแนน")


def _report(pass_mark: float) -> Report:
    fw = shipped_framework(2566)
    (results,) = read_results(SAMPLES / "angthong_pao_2566.csv", fw).by_agency.values()
    analysis = analyse(score(fw, results), pass_mark=pass_mark)
    return build_analysis_report(analysis, draft_plan(analysis))


def _texts(built: Report) -> list[str]:
    """Every heading, paragraph, caption and chart label the report writes itself (not the grading or plan table)."""
    texts: list[str] = []
    for section in built.sections:
        for block in section.blocks:
            if isinstance(block, Heading | Paragraph) and not block.text.startswith(GRADING_TEXT):
                texts.append(block.text)
            elif isinstance(block, Table) and block.key not in ("grading", "plan"):
                texts.append(block.caption)
            elif isinstance(block, Chart):
                texts += [block.caption, block.spec.reference_label]
    return texts


def test_every_mention_of_the_pass_mark_follows_the_analysis() -> None:
    built = _report(80.0)
    texts = _texts(built)
    assert not [t for t in texts if EIGHTY_FIVE.search(t)]
    charts = [b for s in built.sections for b in s.blocks if isinstance(b, Chart) and b.spec.reference is not None]
    assert len(charts) == 2  # the indicators and the EIT channels
    assert all(c.spec.reference == 80.0 and c.spec.reference_label == "เกณฑ์ 80 คะแนน" for c in charts)
    joined = "\n".join(texts)
    for sentence in (
        "ตัวชี้วัดที่ได้ต่ำกว่า 80 คะแนน เป็นจุดที่ต้องพัฒนา",
        "คือข้อคำถามที่ได้ต่ำกว่า 80 คะแนน",
        "ที่ช่องทางใดช่องทางหนึ่งได้ต่ำกว่า 80 คะแนน",
        "ข้อคำถามที่ได้คะแนนต่ำกว่าเกณฑ์ 80 คะแนน",
    ):
        assert sentence in joined, sentence
    assert built.summary["เกณฑ์ผ่าน"] == 80.0 and built.summary["เกณฑ์ข้อคำถาม"] == 80.0


def test_the_usual_mark_reads_85_in_the_same_places() -> None:
    texts = _texts(_report(85.0))
    assert sum(1 for t in texts if EIGHTY_FIVE.search(t)) >= 6
