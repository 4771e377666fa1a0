"""Concurrent wrong passwords against a real database file: run as a script by test_login_throttle.py.

Sets up the project's settings on a fresh SQLite file (the path is the first argument), migrates it, then starts
THREADS threads that post a wrong password for the same user from the same address at the same moment. Every
password check waits (up to a few seconds) for the others to arrive, so that an unguarded check-then-count lets
every thread through; the script prints how many passwords were checked and the status of every answer (JSON)."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading

THREADS = 12
USERNAME = "race_user"


def main(database: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.web.settings_test")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.backends import ModelBackend
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", interactive=False, verbosity=0)
    get_user_model().objects.create_user(username=USERNAME, password="the-right-password-1")
    connection.close()

    arrived = threading.Barrier(THREADS, timeout=4)
    checked: list[str] = []
    lock = threading.Lock()
    original = ModelBackend.authenticate

    def counting_authenticate(self, request, username=None, password=None, **kwargs):  # type: ignore[no-untyped-def]
        with lock:
            checked.append(username or "")
        with contextlib.suppress(threading.BrokenBarrierError):
            arrived.wait()  # hold every password check until all threads are here (or the wait times out)
        return original(self, request, username=username, password=password, **kwargs)

    ModelBackend.authenticate = counting_authenticate  # type: ignore[method-assign]
    statuses: list[int] = []
    start = threading.Barrier(THREADS)

    def attempt() -> None:
        client = Client(REMOTE_ADDR="203.0.113.77")
        start.wait()
        response = client.post("/accounts/login/", {"username": USERNAME, "password": "a-wrong-password"})
        with lock:
            statuses.append(response.status_code)
        connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps({"checked": len(checked), "statuses": sorted(statuses)}))


if __name__ == "__main__":
    main(sys.argv[1])
