"""Screenshots of the demo OIT board for documentation and review (it was the opt-in `test_screenshots`, which
asserted nothing): the board, an item, the web-admin list, the boards list and the overdue filter at phone and
desktop widths, and the web-admin list as printed, saved as PNG files into a folder.

    .venv/bin/python tools/screenshots.py OUT_DIR                       # starts its own demo server, then stops it
    .venv/bin/python tools/screenshots.py OUT_DIR --url http://127.0.0.1:8000   # a running `prongsai serve --demo`

The browser is Debian's Chromium driven by Playwright, set up as in the browser tests (tests/support/browser.py).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.support.browser: one set of Chromium flags for the tests and this script

from tests.support.browser import DESKTOP, PHONE, launched, login, new_page  # noqa: E402

USER = "angthong_admin"  # the Ang Thong PAO administrator of the demo, whose 2566 board the demo fills
YEAR = 2566
ITEM = "O18"


def demo_password() -> str:
    """DEMO_PASSWORD of prongsai.web.core.demo, read from its source: importing it needs Django's settings."""
    spec = importlib.util.find_spec("prongsai.web.core.demo")
    assert spec is not None and spec.origin is not None
    for node in ast.parse(Path(spec.origin).read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "DEMO_PASSWORD" for t in node.targets):
            return str(ast.literal_eval(node.value))
    raise SystemExit("ไม่พบรหัสผ่านของข้อมูลสาธิตใน prongsai.web.core.demo")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(url: str, server: subprocess.Popen[bytes], seconds: float = 300) -> None:
    """Until the login page answers (migrations and the demo data come first), or the server has exited."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"เซิร์ฟเวอร์สาธิตหยุดทำงานก่อนพร้อมใช้งาน (รหัส {server.returncode})")
        with (
            contextlib.suppress(urllib.error.URLError, OSError),
            urllib.request.urlopen(f"{url}/accounts/login/", timeout=5) as answer,
        ):
            if answer.status == 200:
                return
        time.sleep(1)
    raise SystemExit(f"เซิร์ฟเวอร์สาธิตไม่ตอบภายใน {seconds:.0f} วินาที")


@contextlib.contextmanager
def demo_server() -> Iterator[str]:
    """`prongsai serve --demo --debug` on a free local port with a throwaway data folder, stopped at the end."""
    port = free_port()
    prongsai = Path(sys.executable).with_name("prongsai")
    with tempfile.TemporaryDirectory(prefix="prongsai-shots-") as data:
        env = {**os.environ, "PRONGSAI_DATA_DIR": data}
        command = [str(prongsai), "serve", "--demo", "--debug", "--server", "waitress", "--port", str(port)]
        with open(Path(data) / "server.log", "wb") as log:
            server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
            try:
                url = f"http://127.0.0.1:{port}"
                wait_until_up(url, server)
                yield url
            finally:
                server.terminate()
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()


def take(base: str, out: Path, user: str, password: str) -> list[Path]:
    """The same pages and widths as the former test; returns the files written."""
    written: list[Path] = []
    with launched() as browser:
        for width_name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
            page = new_page(browser, viewport)
            login(page, base, user, password)
            if "/accounts/login/" in page.url:
                raise SystemExit(f"เข้าสู่ระบบด้วยบัญชี {user} ไม่สำเร็จ: ตรวจสอบชื่อผู้ใช้และรหัสผ่านของข้อมูลสาธิต")
            agency = page.url.rstrip("/").rsplit("/", 1)[-1]  # the administrator lands on /agencies/<id>/
            board = f"/agencies/{agency}/oit/{YEAR}/"
            page.goto(base + board)
            item = page.get_attribute(f"[data-testid=row-{ITEM}] a", "href")
            if item is None:
                raise SystemExit(f"ไม่พบข้อ {ITEM} บนกระดาน OIT ปี {YEAR} ของหน่วยงาน {agency}")
            pages = {
                "board": board,
                "item": item,
                "publish": f"{board}publish/",
                "boards": f"/agencies/{agency}/oit/",
                "overdue": f"{board}?overdue=on",
            }
            for name, url in pages.items():
                page.goto(base + url)
                written.append(out / f"{name}-{width_name}.png")
                page.screenshot(path=str(written[-1]), full_page=True)
            page.emulate_media(media="print")
            page.goto(base + pages["publish"])
            written.append(out / f"publish-print-{width_name}.png")
            page.screenshot(path=str(written[-1]), full_page=True)
            page.context.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description="ภาพหน้าจอกระดาน OIT ของข้อมูลสาธิต (PNG)")
    parser.add_argument("out", type=Path, help="โฟลเดอร์ที่เก็บภาพ")
    parser.add_argument("--url", help="ที่อยู่ของระบบสาธิตที่เปิดอยู่แล้ว เช่น http://127.0.0.1:8000")
    parser.add_argument("--user", default=USER, help=f"บัญชีที่ใช้เข้าสู่ระบบ (ค่าเริ่มต้น {USER})")
    parser.add_argument("--password", default=None, help="รหัสผ่าน (ค่าเริ่มต้น รหัสผ่านของข้อมูลสาธิต)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        base = args.url.rstrip("/") if args.url else stack.enter_context(demo_server())
        written = take(base, args.out, args.user, args.password or demo_password())
    for path in written:
        print(path)


if __name__ == "__main__":
    main()
