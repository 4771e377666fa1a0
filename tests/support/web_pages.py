"""Pages of the web system fetched through Django's test client as a signed-in user of the test world: shared by
the integration tests that read a page's HTML."""

from __future__ import annotations

from django.test import Client

from tests.support.web_world import World


def signed_in_html(world: World, role: str, url: str) -> str:
    """The HTML of `url` as the world's user of `role`, after checking that the page was shown (200)."""
    client = Client()
    client.force_login(world.users[role])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()
