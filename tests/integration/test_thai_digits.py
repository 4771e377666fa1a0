"""Thai digits on request in the web: a stored per-person preference for figures and dates on the pages, and a
per-download choice (ticked by default from the preference) that reaches the report renderer."""

from __future__ import annotations

import io
import re

from django.test import Client
from django.urls import reverse
from docx import Document

from prongsai.web.core.models import DisplayPreference
from tests.support.web_world import World


def _login(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    return "\n".join(
        [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]
    )


def test_the_preference_is_stored_and_shown_on_pages_for_that_person_only(world: World) -> None:
    viewer, editor = _login(world, "agency_viewer"), _login(world, "agency_editor")
    page_url = reverse("assessment", args=[world.own_record.pk])
    assert "92.31" in viewer.get(page_url).content.decode()
    saved = viewer.post(reverse("preferences"), {"thai_digits": "on"}, follow=True).content.decode()
    assert "ใช้ตัวเลขไทย" in saved
    assert DisplayPreference.objects.get(user=world.users["agency_viewer"]).thai_digits
    page = viewer.get(page_url).content.decode()
    assert "๙๒.๓๑" in page and 'data-testid="thai-digits" checked' in page
    assert re.search(r"บันทึกเมื่อ [๐-๙]{1,2} \S+ ๒๕[๐-๙]{2} [๐-๙]{2}:[๐-๙]{2}", page)
    other = editor.get(page_url).content.decode()
    assert "92.31" in other and "๙๒.๓๑" not in other and 'data-testid="thai-digits" checked' not in other
    viewer.post(reverse("preferences"), {})
    assert "92.31" in viewer.get(page_url).content.decode()


def test_each_download_follows_the_box_and_a_plain_link_follows_the_preference(world: World) -> None:
    client = _login(world, "agency_viewer")
    url = reverse("download", args=[world.own_record.pk, "docx"])
    thai = _docx_text(client.get(url, {"digits": ["arabic", "thai"]}).content)
    arabic = _docx_text(client.get(url, {"digits": "arabic"}).content)
    assert "๙๒.๓๑" in thai and "92.31" not in thai
    assert "92.31" in arabic and "๙๒.๓๑" not in arabic
    assert "92.31" in _docx_text(client.get(url).content)
    client.post(reverse("preferences"), {"thai_digits": "on"})
    assert "๙๒.๓๑" in _docx_text(client.get(url).content)
    assert "92.31" in _docx_text(client.get(url, {"digits": "arabic"}).content)
