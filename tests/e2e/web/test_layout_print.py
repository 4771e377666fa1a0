"""Pages as they look, in Debian's Chromium: the dashboard on a phone (390 px) keeps every column of the agency
table in view and each level name on one line; every page prints its content only (no menu, buttons or filters),
black on white, with table rows and charts not split across pages."""

from __future__ import annotations

import subprocess
from typing import Any

from prongsai.web.core.demo import DEMO_PASSWORD, load_demo
from prongsai.web.organisations.models import Organisation
from tests.support.browser import DESKTOP, login, new_page


def test_dashboard_on_a_phone_cuts_nothing(live_server: Any, transactional_db: Any, page: Any) -> None:
    load_demo()
    province = Organisation.objects.get(name="จังหวัดสาธิต")
    base = live_server.url
    login(page, base, "province", DEMO_PASSWORD)
    page.goto(f"{base}/dashboards/{province.pk}/")
    width = page.evaluate("document.documentElement.clientWidth")
    assert width == 390
    checked = page.evaluate("""() => {
        const rows = [...document.querySelectorAll('[data-testid=agencies] tbody tr')];
        return rows.map(row => {
            const cells = [...row.children].map(td => td.getBoundingClientRect());
            const level = row.querySelector('.level');
            const line = level ? parseFloat(getComputedStyle(level).lineHeight) : 0;
            return {right: Math.max(...cells.map(c => c.right)),
                    levelLines: level ? Math.round(level.getBoundingClientRect().height / line) : 0,
                    change: row.querySelector('.change').innerText};
        });
    }""")
    assert len(checked) > 20
    for row in checked:
        assert row["right"] <= width, row  # the change column is on screen, not scrolled off
        assert row["levelLines"] == 1, row  # "ผ่านดีเยี่ยม" on one line
    assert any(row["change"].startswith(("+", "-", "−")) for row in checked)


def test_every_page_prints_its_content_only(
    live_server: Any, transactional_db: Any, browser: Any, tmp_path: Any
) -> None:
    load_demo()
    province = Organisation.objects.get(name="จังหวัดสาธิต")
    agency = Organisation.objects.get(name="สำนักงานสาธารณสุขจังหวัดสาธิต")
    base = live_server.url
    page = new_page(browser, DESKTOP)
    login(page, base, "admin", DEMO_PASSWORD)
    for path, content in (
        (f"/dashboards/{province.pk}/", "ข้อที่อ่อนบ่อยที่สุด"),
        (f"/agencies/{agency.pk}/", "แนวโน้มคะแนนรวม"),
        ("/audit/", "บันทึกการเปลี่ยนแปลง"),
    ):
        page.goto(base + path)
        page.emulate_media(media="print")
        styles = page.evaluate("""() => ({
            top: getComputedStyle(document.querySelector('header.top')).display,
            foot: getComputedStyle(document.querySelector('footer.foot')).display,
            colour: getComputedStyle(document.querySelector('main')).color,
            background: getComputedStyle(document.body).backgroundColor,
            row: document.querySelector('main tr') ? getComputedStyle(document.querySelector('main tr')).breakInside
                 : 'avoid',
            buttons: [...document.querySelectorAll('main .button, main button')]
                     .filter(b => getComputedStyle(b).display !== 'none').length,
        })""")
        assert styles == {
            "top": "none",
            "foot": "none",
            "colour": "rgb(0, 0, 0)",
            "background": "rgb(255, 255, 255)",
            "row": "avoid",
            "buttons": 0,
        }, (path, styles)
        pdf = tmp_path / "page.pdf"
        page.pdf(path=str(pdf), format="A4")
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert content in text.replace("\n", "") or content in text, path
        assert "ออกจากระบบ" not in text and "Apache-2.0" not in text, path  # no menu, no footer
        page.emulate_media(media="screen")
    page.context.close()
