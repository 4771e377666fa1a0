"""Latency of the oversight dashboard and the agency page under concurrent clients, served by a real server.

Builds a database of 1,000 agencies (10 provinces of 100) x 4 fiscal years of generated question-level results
through the application's own services, starts `prongsai serve` (waitress) on loopback, logs in 20 clients (an
oversight user at the national node and an agency editor) and has each, in its own process, request both pages
in turn. Prints the median and 95th percentile per page. Only 127.0.0.1 is contacted; the run is bounded in
requests and stops the server it started. Figures go in docs/benchmarks.md; no test asserts them.

Run: `make bench-web` (or `.venv/bin/python bench/web_latency.py --clients 20 --requests 40`).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-password-2569"


def build_database(data_dir: Path, provinces: int, per_province: int, years: tuple[int, ...]) -> tuple[int, int]:
    """Create the database in `data_dir`; returns (national node id, one agency id)."""
    os.environ["PRONGSAI_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "prongsai.web.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from prongsai.ita.library import framework_for
    from prongsai.web.accounts.services import create_member
    from prongsai.web.assessments.services import save_assessment
    from prongsai.web.core.demo import generated_rows
    from prongsai.web.organisations.services import create_organisation

    call_command("migrate", interactive=False, verbosity=0)
    national = create_organisation(actor=None, name="ภาพรวมทดสอบความเร็ว", kind="national", parent=None)
    first_agency = None
    started = time.perf_counter()
    for p in range(provinces):
        province = create_organisation(actor=None, name=f"จังหวัดทดสอบที่ {p + 1}", kind="province", parent=national)
        for a in range(per_province):
            agency = create_organisation(actor=None, name=f"หน่วยงานทดสอบที่ {p + 1}-{a + 1}", kind="agency",
                                         parent=province)
            first_agency = first_agency or agency
            rng = random.Random(f"bench-{p}-{a}")
            quality = rng.uniform(78.0, 97.0)
            for offset, year in enumerate(years):
                rows = generated_rows(framework_for(year), random.Random(f"bench-{p}-{a}-{year}"),
                                      quality + offset * 0.7)
                save_assessment(actor=None, organisation=agency, year=year, rows=rows, source="demo")
        print(f"  จังหวัด {p + 1}/{provinces} ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    create_member(actor=None, organisation=national, username="bench_oversight", password=PASSWORD,
                  role="oversight", validate=False)
    create_member(actor=None, organisation=first_agency, username="bench_editor", password=PASSWORD,
                  role="agency_editor", validate=False)
    return national.pk, first_agency.pk


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(base: str, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(base + "accounts/login/", timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the server did not start")


def login(base: str, username: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "accounts/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"username": username, "password": PASSWORD,
                                   "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(base + "accounts/login/", data=data, headers={"Referer": base})
    opener.open(request, timeout=30).read()
    if not any(c.name == "prongsai_session" for c in jar):
        raise RuntimeError(f"login of {username} failed")
    return opener


def _client(base: str, pages: dict[str, tuple[str, str]], index: int, requests: int,
            start_at: float) -> dict[str, list[float]]:
    """One client process: log in, wait for the common start, request every page `requests` times in turn."""
    openers = {user: login(base, user) for user in {u for u, _ in pages.values()}}
    time.sleep(max(0.0, start_at - time.time()))
    timings: dict[str, list[float]] = {name: [] for name in pages}
    names = list(pages)
    for _ in range(requests):
        for name in names[index % 2:] + names[:index % 2]:
            user, path = pages[name]
            started = time.perf_counter()
            with openers[user].open(base + path.lstrip("/"), timeout=60) as response:
                response.read()
                ok = response.status == 200
            if ok:
                timings[name].append(time.perf_counter() - started)
    return timings


def run_clients(base: str, pages: dict[str, tuple[str, str]], clients: int, requests: int) -> dict[str, list[float]]:
    """`clients` separate processes (so the load generator's own interpreter lock does not queue requests)."""
    start_at = time.time() + 2 + clients * 0.2
    with ProcessPoolExecutor(max_workers=clients) as pool:
        futures = [pool.submit(_client, base, pages, i, requests, start_at) for i in range(clients)]
        results = [f.result() for f in futures]
    return {name: [t for r in results for t in r[name]] for name in pages}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provinces", type=int, default=10)
    parser.add_argument("--per-province", type=int, default=100)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=40, help="requests of each page per client")
    parser.add_argument("--threads", type=int, default=8, help="server threads")
    parser.add_argument("--keep", type=Path, help="reuse (or build and keep) the database in this folder")
    args = parser.parse_args()
    data_dir = args.keep or Path(tempfile.mkdtemp(prefix="prongsai-bench-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    ids_file = data_dir / "bench-ids.json"
    env = {**os.environ, "PRONGSAI_DATA_DIR": str(data_dir), "PRONGSAI_SECRET_KEY": "bench-only-secret-key-0123456789",
           "PRONGSAI_HTTPS": "0", "PRONGSAI_DEBUG": "0"}
    os.environ.update({k: env[k] for k in ("PRONGSAI_SECRET_KEY", "PRONGSAI_HTTPS", "PRONGSAI_DEBUG")})
    if ids_file.exists():
        national, agency = json.loads(ids_file.read_text())
    else:
        print(f"สร้างฐานข้อมูล {args.provinces * args.per_province} หน่วยงาน x 4 ปี ที่ {data_dir}", file=sys.stderr)
        started = time.perf_counter()
        national, agency = build_database(data_dir, args.provinces, args.per_province, (2565, 2566, 2567, 2568))
        ids_file.write_text(json.dumps([national, agency]))
        print(f"  สร้างเสร็จใน {time.perf_counter() - started:.0f} s", file=sys.stderr)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([str(Path(sys.executable).with_name("prongsai")), "serve", "--port", str(port),
                               "--threads", str(args.threads)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
    try:
        wait_until_up(base)
        pages = {"dashboard": ("bench_oversight", f"/dashboards/{national}/"),
                 "agency": ("bench_editor", f"/agencies/{agency}/")}
        run_clients(base, pages, 2, 3)  # warm-up
        started = time.perf_counter()
        timings = run_clients(base, pages, args.clients, args.requests)
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    result = {"clients": args.clients, "agencies": args.provinces * args.per_province, "years": 4,
              "server": f"waitress, {args.threads} threads", "wall_s": round(wall, 1)}
    for name, values in timings.items():
        result[name] = {"requests": len(values), "median_ms": round(statistics.median(values) * 1000, 1),
                        "p95_ms": round(percentile(values, 0.95) * 1000, 1)}
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
