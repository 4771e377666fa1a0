"""Server time of the oversight dashboard and the agency page, one request at a time, with a cProfile listing.

Uses the database that `bench/web_latency.py --keep DIR` built (1,000 agencies x 4 years) and Django's test
client in this process, so the figures are the application's own cost per request (middleware, session,
queries, view, template), with no network and no server. Prints the median per page (wall and this process's
CPU, which other processes on the machine disturb less), the same with every cache emptied before each request
(the first request after a change of results), then the functions with
the most cumulative time for each page. No test asserts these figures.

Run: `.venv/bin/python bench/web_profile.py DIR [--requests 200] [--top 25]`.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path, help="the folder given to web_latency.py --keep")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="cumulative", help="pstats sort key (cumulative, tottime)")
    args = parser.parse_args()
    national, agency = json.loads((args.data_dir / "bench-ids.json").read_text())
    os.environ.update(
        {
            "PRONGSAI_DATA_DIR": str(args.data_dir.resolve()),
            "PRONGSAI_DEBUG": "0",
            "PRONGSAI_HTTPS": "0",
            "PRONGSAI_SECRET_KEY": "bench-only-secret-key-0123456789",
            "DJANGO_SETTINGS_MODULE": "prongsai.web.settings",
        }
    )
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    users = get_user_model().objects
    pages = {
        "dashboard": (users.get(username="bench_oversight"), f"/dashboards/{national}/"),
        "agency": (users.get(username="bench_editor"), f"/agencies/{agency}/"),
    }
    clients = {}
    for name, (user, path) in pages.items():
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        clients[name] = (client, path)
        assert client.get(path).status_code == 200, name  # warm the caches
    for name, (client, path) in clients.items():
        times, cpu = [], []
        for _ in range(args.requests):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(path)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        print(
            f"{name}: median {statistics.median(times) * 1000:.2f} ms (CPU {statistics.median(cpu) * 1000:.2f} ms), "
            f"min {min(times) * 1000:.2f} ms over {args.requests} requests"
        )
    from prongsai.web.core.cache import clear_all

    for name, (client, path) in clients.items():  # the first request after a change: nothing cached
        cold = []
        for _ in range(10):
            clear_all()
            started = time.perf_counter()
            client.get(path)
            cold.append(time.perf_counter() - started)
        print(f"{name}, nothing cached: median {statistics.median(cold) * 1000:.1f} ms over 10 requests")
    for name, (client, path) in clients.items():
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.requests):
            client.get(path)
        profile.disable()
        print(f"\n=== {name} ({args.requests} requests) ===")
        pstats.Stats(profile, stream=sys.stdout).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
