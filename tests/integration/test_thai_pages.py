"""Thai throughout: every page of the demo, as each demo role sees it, is Thai apart from codes, names of formats and
the people's own user names and addresses; and no page carries a character from outside Thai, Latin and common
punctuation (an Arabic letter once hid in a label). Pages are fetched with Django's test client, links followed
from the landing page within the site, a few pages per route so the crawl stays quick."""

from __future__ import annotations

from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import Resolver404, resolve

from prongsai.ita.library import framework_for, shipped_years
from prongsai.web.core.demo import DEMO_USERS, load_demo, sample_path
from tests.support.text_scan import ALLOWED_WORDS, LATIN_WORD, foreign_characters, latin_words

PAGES_PER_ROUTE = 3
MAX_PAGES_PER_ROLE = 120
# Logging out ends the crawl; files to download are not pages (their Thai is checked by the report tests).
SKIPPED_ROUTES = {
    "logout",
    "download",
    "dashboard_export",
    "result_template",
    "plan_export",
    "plan_document",
    "progress_report",
    "progress_report_year",
    "openapi",
    "evidence_download",
}
# Not read as prose: scripts and styles, and what is typed or pressed literally (commands, API calls, keys).
SKIPPED_TAGS = {"script", "style", "code", "kbd", "pre"}


class _Text(HTMLParser):
    """The text a person reads on a page (and in titles, placeholders, labels and alt texts), plus the links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_TAGS:
            self._skip += 1
        values = dict(attrs)
        for name in ("title", "placeholder", "aria-label", "alt"):
            if values.get(name):
                self.parts.append(values[name] or "")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def official_words() -> set[str]:
    """Latin words in the official titles of the frameworks (E-Service, No Gift Policy, Social Network): facts."""
    words: set[str] = set()
    for year in shipped_years():
        fw = framework_for(year)
        texts = [i.title or "" for i in fw.items.values()] + [i.name for i in fw.indicators.values()]
        texts += [s.name for s in fw.sub_indicators.values()]
        for text in texts:
            words.update(LATIN_WORD.findall(text))
    return words


def sample_file_words() -> set[str]:
    """The demo's uploaded file names (phitsanulok_pao_2565): the officer's own data, shown as given."""
    return {path.stem for path in sample_path("x").parent.glob("*.csv")}


def _crawl(client: Client, allowed: set[str]) -> tuple[int, dict[str, list[str]], dict[str, list[str]]]:
    queue: deque[str] = deque(["/"])
    seen: set[str] = {"/"}
    per_route: Counter[str] = Counter()
    words: dict[str, list[str]] = {}
    chars: dict[str, list[str]] = {}
    pages = 0
    while queue and pages < MAX_PAGES_PER_ROLE:
        url = queue.popleft()
        response = client.get(url, follow=True)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        parser = _Text()
        parser.feed(response.content.decode("utf-8"))
        text = " ".join(parser.parts)
        if bad := latin_words(text, allowed):
            words[url] = sorted(set(bad))
        if odd := foreign_characters(text):
            chars[url] = odd
        for href in parser.links:
            href = urldefrag(href)[0]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not href.startswith("/") or href.startswith("/static/"):
                continue
            if href in seen:
                continue
            try:
                name = resolve(parts.path).url_name or parts.path
            except Resolver404:
                continue
            if name in SKIPPED_ROUTES or per_route[name] >= PAGES_PER_ROUTE:
                continue
            per_route[name] += 1
            seen.add(href)
            queue.append(href)
    return pages, words, chars


@pytest.mark.django_db
def test_every_demo_page_is_thai_for_every_role() -> None:
    load_demo(agencies=3)
    users = get_user_model().objects.filter(username__in=[u.username for u in DEMO_USERS])
    allowed = ALLOWED_WORDS | {u.username for u in users} | official_words() | sample_file_words()
    words: dict[str, str] = {}  # word -> first place seen (role and page), so the report stays short
    chars: dict[str, str] = {}
    for user in users:
        client = Client()
        client.force_login(user)
        pages, found_words, found_chars = _crawl(client, allowed)
        assert pages >= 3, f"{user.username}: only {pages} pages reached"
        for url, found in found_words.items():
            for word in found:
                words.setdefault(word, f"{user.username} {url}")
        for url, found in found_chars.items():
            for char in found:
                chars.setdefault(char, f"{user.username} {url}")
    report = [f"คำภาษาอังกฤษ {w!r} ({where})" for w, where in sorted(words.items())]
    report += [f"อักขระนอกภาษาไทย {c} ({where})" for c, where in sorted(chars.items())]
    assert not report, "\n".join(report)


def test_the_scan_finds_english_words_and_foreign_letters() -> None:
    assert latin_words("สถานะ partial รหัส I21 ผ่าน AA", ALLOWED_WORDS) == ["partial"]
    assert latin_words("ติดต่อ admin@demo.prongsai.example ที่ /agencies/1/", ALLOWED_WORDS) == []
    assert foreign_characters("ปีงบประมา\u0645") == ["U+0645 ARABIC LETTER MEEM"]
    assert foreign_characters("คะแนน ≥ 85 — ผ่าน ✓ “ข้อ” …") == []


@pytest.mark.django_db
def test_a_year_with_unknown_wording_and_a_comparison_reads_in_thai() -> None:
    from prongsai.web.assessments.models import AssessmentRecord

    load_demo(agencies=1)
    record = AssessmentRecord.objects.filter(year=2568, organisation__parent__name="จังหวัดสาธิต").first()
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    parser = _Text()
    parser.feed(client.get(f"/assessments/{record.pk}/").content.decode())
    text = " ".join(" ".join(parser.parts).split())
    assert "(ยังไม่ทราบข้อความ)" in text and "None" not in text
    comparison = text[text.index("เทียบกับปีก่อน") :]
    assert comparison.split()[5] == "คะแนนรวม" and "ตัวชี้วัดที่ 7 ประสิทธิภาพการสื่อสาร" in comparison
    assert "TOTAL" not in comparison and "IND7" not in comparison and "partial" not in text
    assert "สถานะยังไม่ครบ" in text
