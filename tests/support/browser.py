"""What every browser test shares: Debian's Chromium driven by Playwright (Playwright cannot download browsers
here), the phone and desktop sizes, a page with Thai locale, and logging in through the form."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls under a running loop unless
# told the calls are synchronous on purpose (they are: the test thread only reads and prepares data).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@contextmanager
def launched() -> Iterator[Any]:
    """Headless Debian Chromium for the length of the block."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is installed by `make setup` (deb-packages-web.txt)"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def new_page(browser: Any, viewport: dict[str, int] = PHONE) -> Any:
    """A page in a fresh context (its own cookies), Thai locale, downloads accepted, 20 s per step."""
    context = browser.new_context(accept_downloads=True, locale="th-TH", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def login(page: Any, base: str, username: str, password: str) -> None:
    """Log in through the login form and wait for the page it leads to."""
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()
