"""The web tests' fixtures (a pytest plugin listed in tests/conftest.py): the world of tests/support/web_world.py
in the database, and one headless Chromium per browser-test module."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.web_world import World, build_world


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium per browser-test module (tests/support/browser.py)."""
    from tests.support.browser import launched

    with launched() as instance:
        yield instance


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A phone-sized page in its own context, closed after the test."""
    from tests.support.browser import new_page

    page = new_page(browser)
    yield page
    page.context.close()
