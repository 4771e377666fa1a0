"""Fixtures and settings for every test layer: the CLI runner, the web world (tests/support/web_fixtures.py), the
link checker's local server (tests/support/link_server.py), the mock survey file (tests/support/survey_forms.py),
Hypothesis profiles and the published-framework provider switch."""

from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

pytest_plugins = ["tests.support.web_fixtures", "tests.support.survey_forms", "tests.support.link_server"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


# Hypothesis profiles: "ci" (the default, so `make test` stays bounded in time) and "thorough" for a long local
# fuzzing run (HYPOTHESIS_PROFILE=thorough .venv/bin/python -m pytest tests/unit/test_fuzz_readers.py). Tests that set
# max_examples themselves keep their own count.
settings.register_profile(
    "ci", max_examples=60, deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=2000, deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
_DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


@pytest.fixture(scope="session", autouse=True)
def _published_frameworks_off_without_a_database() -> Any:
    """The web app's published-framework lookup (ita.library provider) reads the database: in the test thread it
    is off by default (module fixtures and tests without a database use the shipped frameworks, as the CLI does in
    a process without the web system); a live server's own threads keep it on."""
    from prongsai.web.frameworks.provider import PROVIDER

    with PROVIDER.suspended():
        yield


@pytest.fixture(autouse=True)
def _published_frameworks_on_with_a_database(request: pytest.FixtureRequest) -> Any:
    """On again for a test that has the database."""
    if request.node.get_closest_marker("django_db") or _DATABASE_FIXTURES & set(request.fixturenames):
        from prongsai.web.frameworks.provider import PROVIDER

        with PROVIDER.suspended(False):
            yield
    else:
        yield
