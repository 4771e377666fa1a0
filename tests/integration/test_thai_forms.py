"""Form validation in formal Thai: Django's messages that Django itself leaves in English (password rules, lengths,
integers) come from web/locale/th, and the password rules are shown beside the field before anyone types."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

from django.test import Client
from django.urls import reverse

from prongsai.web.accounts.models import Membership
from tests.support.text_scan import ALLOWED_WORDS, latin_words
from tests.support.web_world import World

LOCALE = Path(__file__).resolve().parents[2] / "src" / "prongsai" / "web" / "locale" / "th" / "LC_MESSAGES"


def _po_entries() -> list[tuple[str, str]]:
    """(msgid, first msgstr) of every translated entry of the .po file."""
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    entries = []
    for block in text.split("\n\n"):
        ids = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        strs = re.search(r'^msgstr(?:\[0\])? ((?:".*"\n?)+)', block, re.M)
        if ids and strs:
            msgid = "".join(re.findall(r'"(.*)"', ids.group(1)))
            if msgid:
                entries.append((msgid, "".join(re.findall(r'"(.*)"', strs.group(1)))))
    return entries


def test_the_compiled_catalogue_holds_every_entry_of_the_po_file_in_thai() -> None:
    entries = _po_entries()
    assert len(entries) >= 20
    with (LOCALE / "django.mo").open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    for msgid, msgstr in entries:
        assert msgstr and not latin_words(re.sub(r"%\(\w+\)[sdr]|%[sd]", "", msgstr), ALLOWED_WORDS), msgid
        assert catalogue.gettext(msgid) == msgstr or catalogue.ngettext(msgid, msgid, 2) == msgstr, (
            f"django.mo is older than django.po for {msgid!r}: run msgfmt -o django.mo django.po"
        )


def test_password_rules_are_shown_first_and_a_short_password_is_refused_in_thai(world: World) -> None:
    client = Client()
    client.force_login(world.users["agency_admin"])
    url = reverse("members", args=[world.own.pk])
    page = client.get(url).content.decode()
    rules = re.search(r'data-testid="password-rules">([^<]+)<', page)
    assert rules and "อย่างน้อย 10 ตัวอักษร" in rules.group(1) and "ตัวเลขทั้งหมด" in rules.group(1)
    before = Membership.objects.count()
    short = client.post(url, {"username": "newperson", "role": "agency_viewer", "password": "short1"})
    answer = short.content.decode()
    assert short.status_code == 400 and Membership.objects.count() == before
    assert "ต้องมีอย่างน้อย 10 ตัวอักษร (ที่กรอกมี 6 ตัวอักษร)" in answer
    assert "Ensure this value" not in answer
    numeric = client.post(url, {"username": "newperson", "role": "agency_viewer", "password": "12345678901"})
    assert "รหัสผ่านนี้เป็นตัวเลขทั้งหมด" in numeric.content.decode() and Membership.objects.count() == before
    common = client.post(url, {"username": "newperson", "role": "agency_viewer", "password": "password123"})
    assert "ใช้กันทั่วไป" in common.content.decode()
    missing = client.post(url, {"role": "agency_viewer"}).content.decode()
    assert "ต้องกรอกช่องนี้" in missing and "This field" not in missing
