"""End-to-end in headless Chromium: the agency administrator opens a survey round, three respondents answer it on
phones without an account, the administrator closes it and sees the scores and the forecast on the agency page;
a fourth answer sent after closing is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prongsai.web.assessments.services import save_assessment
from prongsai.web.core.demo import sample_rows
from prongsai.web.surveys.models import SurveyResponse, SurveyRound
from tests.support.browser import PHONE, login, new_page
from tests.support.web_world import PASSWORD, World, build_world


def _answer_all(page: Any, pick: str = "last") -> None:
    """Tick one answer in every question of the form, as a respondent clicking through would."""
    page.evaluate(
        """pick => {
        const groups = {};
        document.querySelectorAll('fieldset[data-question] input[type=radio]').forEach(r => {
            (groups[r.name] = groups[r.name] || []).push(r); });
        Object.values(groups).forEach(list => { const r = pick === 'last' ? list[list.length - 1] : list[0];
            r.click(); });
    }""",
        pick,
    )


def test_round_opened_answered_on_phones_closed_and_forecast(
    live_server: Any, transactional_db: Any, page: Any, browser: Any, tmp_path: Path
) -> None:
    world: World = build_world()
    save_assessment(
        actor=None,
        organisation=world.own,
        year=2564,
        rows=sample_rows(2564, "phitsanulok_pao_2564.csv"),
        source="demo",
        source_name="phitsanulok_pao_2564.csv",
    )
    base = live_server.url
    page.set_default_timeout(30_000)
    login(page, base, "t_agency_admin", PASSWORD)
    page.goto(f"{base}/agencies/{world.own.pk}/")
    page.click("[data-testid=surveys-link]")
    page.select_option("#id_year", "2565")
    page.select_option("#id_tool", "IIT")
    page.fill("#id_target", "3")
    page.click("button:has-text('เปิดรอบแบบสำรวจ')")
    page.wait_for_url(f"{base}/surveys/*/")
    survey = SurveyRound.objects.get(organisation=world.own, year=2565, tool="IIT")
    link = page.get_attribute("[data-testid=public-link]", "href")
    assert link is not None and survey.public_id in link

    late = None
    for number in range(4):
        respondent = new_page(browser, PHONE)
        respondent.goto(link)
        if number == 3:
            late = respondent  # opened before closing, sent after
            break
        progress = respondent.locator("#survey-progress-text")
        _answer_all(respondent, "last" if number < 2 else "first")
        assert "ตอบแล้ว" in progress.inner_text()
        respondent.click("[data-testid=survey-submit]")
        respondent.wait_for_selector("[data-testid=survey-thanks]")
        respondent.context.close()
    assert SurveyResponse.objects.filter(round=survey).count() == 3

    page.reload()
    assert page.inner_text("[data-testid=survey-count]") == "3"
    page.click("[data-testid=close-round]")
    page.wait_for_selector("text=ปิดรอบแล้ว")
    scores = page.inner_text("[data-testid=survey-scores]")
    survey.refresh_from_db()
    assert survey.status == "closed" and survey.respondents == 3
    # I2 is a plain 4-level question: two respondents chose มากที่สุด (100), one น้อยที่สุดหรือไม่มีเลย (0).
    assert survey.scores["I2"] == 66.67 and "66.67" in scores

    assert late is not None
    _answer_all(late)
    late.click("[data-testid=survey-submit]")
    late.wait_for_selector("[data-testid=survey-closed]")
    late.context.close()
    assert SurveyResponse.objects.filter(round=survey).count() == 3

    page.goto(f"{base}/agencies/{world.own.pk}/")
    forecast = page.inner_text("[data-testid=forecast]")
    assert "ผลประเมินตนเอง" in forecast and "2565" in forecast
    total = page.inner_text("[data-testid=forecast-total]")
    assert total not in ("", "—")
