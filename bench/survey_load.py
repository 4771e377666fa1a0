"""The public survey form under load: N respondents at once each open the form and send a complete IIT answer to a
real `prongsai serve` (gunicorn, as in production) on loopback. Records the 95th percentile and median latency of
the answer POST and of the form GET, the errors, and the responses lost (answers the server thanked for that are
not in the database). Only 127.0.0.1 is contacted; every request has a timeout and the run stops the server.

Run: `.venv/bin/python bench/survey_load.py [--respondents 200] [--spread 60] [--database-url postgresql://...]`;
figures go in docs/benchmarks.md; no test asserts them.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_latency import free_port, wait_until_up  # same directory: the bench scripts share helpers

YEAR = 2565


def prepare(env: dict[str, str]) -> tuple[str, int, list[str], list[str]]:
    """Migrate, create one agency and open an IIT round; returns its public id, pk, field labels and answers."""
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "prongsai.web.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from prongsai.web.organisations.services import create_organisation
    from prongsai.web.surveys.selectors import form_of
    from prongsai.web.surveys.services import open_round

    call_command("migrate", interactive=False, verbosity=0)
    national = create_organisation(actor=None, name="ระดับประเทศทดสอบความเร็ว", kind="national", parent=None)
    province = create_organisation(actor=None, name="จังหวัดทดสอบความเร็ว", kind="province", parent=national)
    agency = create_organisation(actor=None, name="หน่วยงานทดสอบแบบสำรวจ", kind="agency", parent=province)
    survey = open_round(actor=None, organisation=agency, year=YEAR, tool="IIT", target=200)
    fields = [f for q in form_of(survey) for f in q.fields]
    return survey.public_id, survey.pk, [f.label for f in fields], [f.answers[-1] for f in fields]


def respondent(
    url: str,
    labels: list[str],
    answers: list[str],
    start: threading.Event,
    out: list[dict[str, object]],
    delay: float = 0.0,
) -> None:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    record: dict[str, object] = {}
    start.wait()
    time.sleep(delay)  # respondents arrive spread over the window, as people open a link, not all in one instant
    try:
        began = time.perf_counter()
        page = opener.open(url, timeout=60).read().decode()
        record["get_s"] = time.perf_counter() - began
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **dict(zip(labels, answers, strict=True))})
        began = time.perf_counter()
        reply = opener.open(urllib.request.Request(url, data=data.encode(), headers={"Referer": url}), timeout=60)
        body = reply.read().decode()
        record["post_s"] = time.perf_counter() - began
        record["status"] = reply.status
        record["thanked"] = "survey-thanks" in body
    except urllib.error.HTTPError as exc:
        record["status"] = exc.code
        record["thanked"] = False
    except OSError as exc:
        record["status"] = f"error: {exc}"
        record["thanked"] = False
    out.append(record)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=200)
    parser.add_argument("--database-url", default="", help="PostgreSQL URL; default SQLite in a temporary folder")
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument(
        "--spread",
        type=float,
        default=0.0,
        help="seconds over which the respondents arrive (0: all in the same instant)",
    )
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="prongsai-survey-bench-"))
    env = {
        "PRONGSAI_DATA_DIR": str(data_dir),
        "PRONGSAI_SECRET_KEY": "bench-only-secret-key-0123456789",
        "PRONGSAI_HTTPS": "0",
        "PRONGSAI_DEBUG": "0",
    }
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    public_id, pk, labels, answers = prepare(env)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    command = [str(Path(sys.executable).with_name("prongsai")), "serve", "--port", str(port)]
    if args.workers:
        command += ["--workers", str(args.workers)]
    server = subprocess.Popen(command, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_up(base)
        url = f"{base}s/{public_id}/"
        urllib.request.urlopen(url, timeout=30).read()  # warm-up
        start = threading.Event()
        results: list[dict[str, object]] = []
        rng = random.Random(2569)
        threads = [
            threading.Thread(
                target=respondent, args=(url, labels, answers, start, results, rng.uniform(0, args.spread))
            )
            for _ in range(args.respondents)
        ]
        for thread in threads:
            thread.start()
        began = time.perf_counter()
        start.set()
        for thread in threads:
            thread.join(timeout=180)
        wall = time.perf_counter() - began
    finally:
        server.terminate()
        server.wait(timeout=60)
    from prongsai.web.surveys.models import SurveyResponse

    stored = SurveyResponse.objects.filter(round_id=pk).count()
    thanked = sum(1 for r in results if r.get("thanked"))
    posts = [float(r["post_s"]) for r in results if "post_s" in r]  # type: ignore[arg-type]
    gets = [float(r["get_s"]) for r in results if "get_s" in r]  # type: ignore[arg-type]
    statuses: dict[str, int] = {}
    for r in results:
        statuses[str(r["status"])] = statuses.get(str(r["status"]), 0) + 1
    print(
        json.dumps(
            {
                "respondents": args.respondents,
                "spread_s": args.spread,
                "database": "PostgreSQL" if args.database_url else "SQLite",
                "fields_per_answer": len(labels),
                "wall_s": round(wall, 2),
                "post_p50_ms": round(statistics.median(posts) * 1000) if posts else None,
                "post_p95_ms": round(percentile(posts, 0.95) * 1000) if posts else None,
                "get_p95_ms": round(percentile(gets, 0.95) * 1000) if gets else None,
                "statuses": statuses,
                "errors": args.respondents - thanked,
                "stored": stored,
                "lost": thanked - stored,
            },
            ensure_ascii=False,
            indent=1,
        )
    )
    if not args.database_url:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
