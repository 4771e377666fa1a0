"""`prongsai oit check` against a local HTTP server: ok, 404, redirect, slow, non-HTML, refused, and the cap.

The server is on 127.0.0.1, which the checker refuses by default (tests/unit/test_link_safety.py), so these runs say
`--allow-private` as a person checking on their own machine would."""

from __future__ import annotations

from prongsai.evidence.link_address import LinkPolicy
from prongsai.evidence.links import check_links
from tests.support.link_server import BusyCount


def test_no_more_than_the_allowed_requests_at_a_time(server):
    BusyCount.peak = 0
    results = check_links(
        [(f"O{i}", f"{server}/busy{i}") for i in range(12)],
        concurrency=3,
        timeout=5,
        policy=LinkPolicy(allow_private=True),
    )
    assert all(r.ok for r in results)
    assert [r.code for r in results] == [f"O{i}" for i in range(12)]  # input order kept
    assert 1 < BusyCount.peak <= 3, BusyCount.peak
