"""Calls to the read-only API as its clients make them, with a bearer token: shared by the API's integration and
end-to-end tests."""

from __future__ import annotations

import json

from django.test import Client

from tests.support.web_world import World


def api_get(world: World, role: str | None, url: str, token: str | None = None) -> tuple[int, object]:
    """GET `url` with the bearer token of `role` (or `token`), or with none: the status and the decoded JSON."""
    headers = {}
    if role is not None or token is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token or world.tokens[role]}"
    response = Client().get(url, **headers)
    return response.status_code, json.loads(response.content.decode())
