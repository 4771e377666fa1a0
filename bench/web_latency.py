"""Latency of the oversight dashboard and the agency page under concurrent clients, served by a real server.

Builds a database of 1,000 agencies (10 provinces of 100) x 4 fiscal years of generated question-level results
through the application's own services, starts `prongsai serve` (gunicorn, as in production; or waitress) on
loopback, logs in an oversight user at the national node and an agency editor, and loads both pages with 20
concurrent clients: by default two `wrk` processes (Debian's wrk, a C load generator with LuaJIT; `make bench-web`
installs it) running at the same time, 10 connections on each page, each request carrying the session cookie
(bench/wrk_page.lua); or, with `--client python`, 20 Python client processes requesting both pages in turn (the
first version of this benchmark). Prints the median and 95th percentile per page and how much CPU the load
generator, the server and anything else on the machine used during the run, since they share its cores. Only
127.0.0.1 is contacted; the run is bounded in time or requests and stops the server it started. Figures go in
docs/benchmarks.md; no test asserts them.

Run: `make bench-web` (or `.venv/bin/python bench/web_latency.py --keep DIR [--client wrk|python]
[--server gunicorn|waitress] [--workers N] [--threads N] [--clients 20] [--duration 30]`).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
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
            agency = create_organisation(
                actor=None, name=f"หน่วยงานทดสอบที่ {p + 1}-{a + 1}", kind="agency", parent=province
            )
            first_agency = first_agency or agency
            rng = random.Random(f"bench-{p}-{a}")
            quality = rng.uniform(78.0, 97.0)
            for offset, year in enumerate(years):
                rows = generated_rows(
                    framework_for(year), random.Random(f"bench-{p}-{a}-{year}"), quality + offset * 0.7
                )
                save_assessment(actor=None, organisation=agency, year=year, rows=rows, source="demo")
        print(f"  จังหวัด {p + 1}/{provinces} ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    create_member(
        actor=None,
        organisation=national,
        username="bench_oversight",
        password=PASSWORD,
        role="oversight",
        validate=False,
    )
    create_member(
        actor=None,
        organisation=first_agency,
        username="bench_editor",
        password=PASSWORD,
        role="agency_editor",
        validate=False,
    )
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
    return login_with_jar(base, username)[0]


def login_with_jar(base: str, username: str) -> tuple[urllib.request.OpenerDirector, http.cookiejar.CookieJar]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "accounts/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(base + "accounts/login/", data=data, headers={"Referer": base})
    opener.open(request, timeout=30).read()
    if not any(c.name == "prongsai_session" for c in jar):
        raise RuntimeError(f"login of {username} failed")
    return opener, jar


def _client(
    base: str, pages: dict[str, tuple[str, str]], index: int, requests: int, start_at: float
) -> dict[str, list[float]]:
    """One client process: log in, wait for the common start, request every page `requests` times in turn."""
    openers = {user: login(base, user) for user in {u for u, _ in pages.values()}}
    time.sleep(max(0.0, start_at - time.time()))
    timings: dict[str, list[float]] = {name: [] for name in pages}
    names = list(pages)
    for _ in range(requests):
        for name in names[index % 2 :] + names[: index % 2]:
            user, path = pages[name]
            started = time.perf_counter()
            with openers[user].open(base + path.lstrip("/"), timeout=60) as response:
                response.read()
                ok = response.status == 200
            if ok:
                timings[name].append(time.perf_counter() - started)
    return timings


def client_start(clients: int) -> float:
    """When `clients` Python client processes can all have started and logged in (time.time())."""
    return time.time() + 2 + clients * 0.2


def run_clients(
    base: str, pages: dict[str, tuple[str, str]], clients: int, requests: int, start_at: float | None = None
) -> dict[str, list[float]]:
    """`clients` separate processes (so the load generator's own interpreter lock does not queue requests), all
    starting their requests at `start_at`."""
    start_at = start_at or client_start(clients)
    with ProcessPoolExecutor(max_workers=clients) as pool:
        futures = [pool.submit(_client, base, pages, i, requests, start_at) for i in range(clients)]
        results = [f.result() for f in futures]
    return {name: [t for r in results for t in r[name]] for name in pages}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run_wrk(
    base: str, pages: dict[str, tuple[str, str]], cookies: dict[str, str], clients: int, duration: float
) -> dict[str, dict[str, float]]:
    """One wrk process per page, all started together, `clients` connections shared out among them."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is missing: `make bench-web` installs it (deb-packages-bench.txt); or --client python")
    script = Path(__file__).with_name("wrk_page.lua")
    share = [clients // len(pages) + (1 if i < clients % len(pages) else 0) for i in range(len(pages))]
    runs = {}
    for (name, (user, path)), connections in zip(pages.items(), share, strict=True):
        command = [
            wrk,
            "-t",
            "1",
            "-c",
            str(connections),
            "-d",
            f"{duration:g}s",
            "--timeout",
            "60s",
            "--latency",
            "-s",
            str(script),
            base + path.lstrip("/"),
            "--",
            cookies[user],
        ]
        runs[name] = (connections, subprocess.Popen(command, stdout=subprocess.PIPE, text=True))
    results = {}
    for name, (connections, process) in runs.items():
        output, _ = process.communicate(timeout=duration + 120)
        line = next((x for x in output.splitlines() if x.startswith("JSON ")), None)
        if process.returncode != 0 or line is None:
            raise RuntimeError(f"wrk failed on {name}:\n{output}")
        figures = json.loads(line[5:])
        results[name] = {
            "connections": connections,
            "requests": figures["requests"],
            "per_second": round(figures["requests"] / (figures["duration_us"] / 1e6), 1),
            "median_ms": round(figures["median_us"] / 1000, 1),
            "p95_ms": round(figures["p95_us"] / 1000, 1),
            "p99_ms": round(figures["p99_us"] / 1000, 1),
            "max_ms": round(figures["max_us"] / 1000, 1),
            "not_200": figures["not_200"],
            "socket_errors": figures["socket_errors"],
            "timeouts": figures["timeouts"],
        }
    return results


def python_figures(timings: dict[str, list[float]], wall: float) -> dict[str, dict[str, float]]:
    return {
        name: {
            "requests": len(values),
            "per_second": round(len(values) / wall, 1),
            "median_ms": round(statistics.median(values) * 1000, 1),
            "p95_ms": round(percentile(values, 0.95) * 1000, 1),
            "p99_ms": round(percentile(values, 0.99) * 1000, 1),
            "max_ms": round(max(values) * 1000, 1),
        }
        for name, values in timings.items()
    }


def tree_cpu_seconds(root: int) -> float:
    """User + system CPU of a process and all its descendants (Linux /proc; 0 elsewhere)."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    tree = {root}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grew = True
    return sum(times.get(pid, 0.0) for pid in tree)


def machine_busy_seconds() -> float:
    """CPU seconds all cores have spent busy since boot (Linux /proc/stat; 0 elsewhere)."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except OSError:
        return 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def wait_until_idle(seconds: float, busy_below: float = 0.15) -> float:
    """Wait up to `seconds` for the machine to be idle (fewer than `busy_below` cores busy over 3 s); returns the
    busy cores of the last look. On a shared machine other work steals CPU from the server and the clients."""
    deadline = time.time() + seconds
    while True:
        before = machine_busy_seconds()
        time.sleep(3)
        busy = (machine_busy_seconds() - before) / 3
        if busy < busy_below or time.time() >= deadline:
            return busy
        print(f"  เครื่องยังไม่ว่าง ({busy:.2f} แกน) รอ...", file=sys.stderr)


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provinces", type=int, default=10)
    parser.add_argument("--per-province", type=int, default=100)
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (connections) in all")
    parser.add_argument("--client", choices=("wrk", "python"), default="wrk", help="the load generator")
    parser.add_argument("--duration", type=float, default=30, help="seconds of load (wrk)")
    parser.add_argument("--requests", type=int, default=40, help="requests of each page per client (python)")
    parser.add_argument("--server", choices=("gunicorn", "waitress"), default="gunicorn")
    parser.add_argument("--workers", type=int, default=0, help="server processes (gunicorn; 0: serve's default)")
    parser.add_argument("--threads", type=int, default=0, help="threads per server process (0: serve's default)")
    parser.add_argument("--keep", type=Path, help="reuse (or build and keep) the database in this folder")
    parser.add_argument("--wait-idle", type=float, default=0, help="wait up to this many seconds for an idle machine")
    args = parser.parse_args()
    data_dir = args.keep or Path(tempfile.mkdtemp(prefix="prongsai-bench-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    ids_file = data_dir / "bench-ids.json"
    env = {
        **os.environ,
        "PRONGSAI_DATA_DIR": str(data_dir),
        "PRONGSAI_SECRET_KEY": "bench-only-secret-key-0123456789",
        "PRONGSAI_HTTPS": "0",
        "PRONGSAI_DEBUG": "0",
    }
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
    command = [str(Path(sys.executable).with_name("prongsai")), "serve", "--port", str(port), "--server", args.server]
    if args.workers:
        command += ["--workers", str(args.workers)]
    if args.threads:
        command += ["--threads", str(args.threads)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_up(base)
        pages = {
            "dashboard": ("bench_oversight", f"/dashboards/{national}/"),
            "agency": ("bench_editor", f"/agencies/{agency}/"),
        }
        run_clients(base, pages, 2, 3)  # warm-up
        cookies = {}  # wrk sends the session cookie of a login made here
        for user in {u for u, _ in pages.values()}:
            cookie = next(c for c in login_with_jar(base, user)[1] if c.name == "prongsai_session")
            cookies[user] = f"{cookie.name}={cookie.value}"
        if args.client == "wrk":
            run_wrk(base, pages, cookies, args.clients, 3)  # warm-up: every worker process fills its caches
        if args.wait_idle:
            wait_until_idle(args.wait_idle)

        def cpu() -> tuple[float, float, float]:
            return children_cpu_seconds(), tree_cpu_seconds(server.pid), machine_busy_seconds()

        if args.client == "wrk":
            cpu_before, started = cpu(), time.time()
            figures = run_wrk(base, pages, cookies, args.clients, args.duration)
        else:
            # Time, server and machine CPU from the common start, after the client processes started and logged in
            # (the logins hash passwords on the server); the clients' CPU includes their start and login.
            started = client_start(args.clients)
            marks: list[tuple[float, float, float]] = []
            timer = threading.Timer(started - time.time(), lambda: marks.append(cpu()))
            timer.start()
            client_before = children_cpu_seconds()
            timings = run_clients(base, pages, args.clients, args.requests, started)
            figures = python_figures(timings, time.time() - started)
            cpu_before = (client_before, *marks[0][1:])
        wall = time.time() - started
        cpu_after = cpu()
    finally:
        server.terminate()
        server.wait(timeout=60)
        if args.keep is None:
            shutil.rmtree(data_dir, ignore_errors=True)
    client_cpu, server_cpu, busy = (after - before for after, before in zip(cpu_after, cpu_before, strict=True))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if args.client == "wrk":
        client = f"wrk 4.1 (Debian), {len(pages)} processes at once, one per page, {args.clients} connections in all"
    else:
        client = f"{args.clients} Python processes (urllib), each requesting both pages in turn"
    from prongsai.cli.web import SERVE_THREADS, default_workers  # what `prongsai serve` chose when not told

    workers = (args.workers or default_workers()) if args.server == "gunicorn" else 1
    threads = args.threads or SERVE_THREADS[args.server]
    result = {
        "clients": args.clients,
        "client": client,
        "agencies": args.provinces * args.per_province,
        "years": 4,
        "server": f"{args.server}, {workers} process(es), {threads} thread(s) each",
        "wall_s": round(wall, 1),
        "cpu_cores_used": {
            "client": round(client_cpu / wall, 2),
            "server": round(server_cpu / wall, 2),
            "other": round(max(0.0, busy - client_cpu - server_cpu) / wall, 2),
            "of": cores,
        },
    }
    result.update(figures)
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
