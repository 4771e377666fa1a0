"""`prongsai serve` and `prongsai web ...`: run the web application and manage it from the command line."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Annotated

import typer

from .common import console

web_app = typer.Typer(help="จัดการระบบเว็บของโปร่งใส", no_args_is_help=True)


def _django(debug: bool = False) -> None:
    """Point Django at the project's settings (with a local secret key kept in the data folder) and start it."""
    from ..web.private import private_umask, write_private

    private_umask()  # the data folder, database, evidence files and key are created for this user only
    if debug:
        os.environ.setdefault("PRONGSAI_DEBUG", "1")
    data = Path(os.environ.get("PRONGSAI_DATA_DIR", Path.cwd() / "var")).resolve()
    data.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.environ["PRONGSAI_DATA_DIR"] = str(data)
    if not os.environ.get("PRONGSAI_SECRET_KEY"):
        key_file = data / "secret_key"
        if not key_file.exists():
            write_private(key_file, secrets.token_urlsafe(50))
        os.environ["PRONGSAI_SECRET_KEY"] = key_file.read_text(encoding="utf-8").strip()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.web.settings")
    import django

    django.setup()


# Threads per process when --threads is not given: gunicorn's sync workers (one request at a time each; the
# fastest set-up measured, docs/benchmarks.md), waitress's one process.
SERVE_THREADS = {"gunicorn": 1, "waitress": 8}


# Demo accounts share a password printed in the documentation: a server others can reach must not have them unless
# its operator says so (`make run` is a debug server on loopback).
DEMO_PASSWORD_REFUSED = (
    "ไม่เปิดระบบพร้อมข้อมูลสาธิต: บัญชีสาธิตทุกบัญชีใช้รหัสผ่านที่เผยแพร่ไว้ในเอกสารแล้ว"
    " ผู้ที่เข้าถึงระบบได้จึงเข้าสู่ระบบด้วยบัญชีเหล่านี้ได้ทันที"
    " ใช้ --debug เพื่อทดลองบนเครื่องของตนเอง หรือระบุ --allow-demo-password"
    " หากตั้งใจเปิดระบบสาธิตให้ผู้อื่นใช้โดยรู้ว่ารหัสผ่านนี้เป็นที่รู้กันทั่วไป"
)


def default_workers() -> int:
    """Worker processes of `prongsai serve`: one per core the process may use, plus one."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return cores + 1


def serve_command(
    host: Annotated[str, typer.Option(help="ที่อยู่ที่เปิดให้เชื่อมต่อ")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="พอร์ต")] = 8000,
    demo: Annotated[bool, typer.Option("--demo", help="เพิ่มข้อมูลสาธิตถ้าฐานข้อมูลยังว่าง")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="โหมดพัฒนา: แสดงรายละเอียดข้อผิดพลาด ใช้คุกกี้บน HTTP")] = False,
    workers: Annotated[int, typer.Option(help="จำนวนโพรเซสของเซิร์ฟเวอร์ (ค่าเริ่มต้น: จำนวนแกนประมวลผล + 1)")] = 0,
    threads: Annotated[int, typer.Option(help="จำนวนเธรดต่อโพรเซส (ค่าเริ่มต้น: gunicorn 1, waitress 8)")] = 0,
    server: Annotated[
        str, typer.Option(help="gunicorn (หลายโพรเซส) หรือ waitress (โพรเซสเดียว ใช้บน Windows ได้)")
    ] = "gunicorn",
    allow_demo_password: Annotated[
        bool, typer.Option("--allow-demo-password", help="ยอมให้เปิดระบบที่ไม่ใช่โหมดพัฒนาพร้อมบัญชีสาธิตซึ่งใช้รหัสผ่านที่เผยแพร่แล้ว")
    ] = False,
) -> None:
    """ปรับฐานข้อมูลให้เป็นรุ่นล่าสุด (เพิ่มข้อมูลสาธิตถ้าขอ) แล้วเปิดระบบเว็บ"""
    if server not in ("gunicorn", "waitress"):
        raise typer.BadParameter("ใช้ได้เฉพาะ gunicorn หรือ waitress", param_hint="--server")
    if demo and not debug and not allow_demo_password:
        console.print(DEMO_PASSWORD_REFUSED, highlight=False)
        raise typer.Exit(2)
    if server == "gunicorn" and os.name != "posix":
        server = "waitress"  # gunicorn runs on Unix only
    threads = threads or SERVE_THREADS[server]
    _django(debug)
    from django.core.management import call_command
    from django.db import connections

    from ..web.wsgi import application

    call_command("migrate", interactive=False, verbosity=0)
    if demo:
        call_command("load_demo", if_empty=True)
    url = f"http://{host}:{port}/"
    console.print(f"\nเปิดระบบเว็บแล้วที่ [bold]{url}[/bold]  (กด Ctrl+C เพื่อหยุด)", highlight=False)
    _print_demo_logins()
    connections.close_all()  # each worker process opens its own database connection
    if server == "waitress":
        from waitress import serve

        from ..web.wsgi import BODY_LIMIT

        serve(application, host=host, port=port, threads=threads, ident="prongsai", max_request_body_size=BODY_LIMIT)
    else:
        _gunicorn(application, host, port, workers or default_workers(), threads)


def _gunicorn(application: object, host: str, port: int, workers: int, threads: int) -> None:
    """Serve with gunicorn: `workers` processes forked from this one (which has loaded the application), each with
    `threads` threads: gunicorn's sync worker for one, its gthread worker (which keeps connections alive) for more."""
    from gunicorn.app.base import BaseApplication

    options = {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        "proc_name": "prongsai",
        "timeout": 120,  # a report download may take a while
        "loglevel": "warning",
        "errorlog": "-",
        "control_socket_disable": True,  # no management socket in the home folder
    }

    class Server(BaseApplication):  # gunicorn's documented way to run an application object
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> object:
            return application

    Server().run()


def _print_demo_logins() -> None:
    from rich.table import Table

    from ..web.accounts.models import ROLE_NAMES, Membership
    from ..web.core.demo import DEMO_PASSWORD, DEMO_USERS

    present = {
        m.user.username: m
        for m in Membership.objects.select_related("user", "organisation").filter(
            user__username__in=[u.username for u in DEMO_USERS]
        )
    }
    if not present:
        return
    table = Table(title=f"บัญชีสาธิต (รหัสผ่านทุกบัญชี: {DEMO_PASSWORD})", title_justify="left")
    for header in ("ชื่อผู้ใช้", "บทบาท", "หน่วยงาน"):
        table.add_column(header)
    for user in DEMO_USERS:
        member = present.get(user.username)
        if member is not None:
            table.add_row(
                user.username, ROLE_NAMES[member.role], member.organisation.name if member.organisation else "ทั้งระบบ"
            )
    console.print(table)


@web_app.command("token")
def token_command(
    username: Annotated[str, typer.Argument(help="ชื่อผู้ใช้ที่จะออกโทเคนให้ (หรือที่จะแสดงรายการโทเคนด้วย --list)")] = "",
    days: Annotated[int, typer.Option(help="อายุของโทเคนเป็นวัน (1-365)")] = 90,
    name: Annotated[str, typer.Option(help="ชื่อเรียกของโทเคน")] = "",
    revoke: Annotated[str, typer.Option("--revoke", help="เพิกถอนโทเคน: ระบุโทเคนทั้งชุด หรือส่วนต้นที่แสดงในรายการ")] = "",
    list_: Annotated[bool, typer.Option("--list", help="แสดงรายการโทเคน (ของผู้ใช้ที่ระบุ หรือทั้งหมด)")] = False,
) -> None:
    """ออกโทเคน API ใหม่ให้ผู้ใช้และแสดงครั้งเดียว (ระบบเก็บไว้เพียงค่าแฮช) แสดงรายการ หรือเพิกถอนโทเคน"""
    _django()
    from ..web.api.services import find_tokens, issue_token, revoke_token, user_by_name

    if revoke:
        found = find_tokens(revoke)
        if len(found) != 1:
            console.print(
                "ไม่พบโทเคนนี้" if not found else f"มีโทเคน {len(found)} ชุดที่ขึ้นต้นเช่นนี้ กรุณาระบุโทเคนทั้งชุด", highlight=False
            )
            raise typer.Exit(2)
        token = revoke_token(actor=None, token=found[0])
        console.print(f"เพิกถอนโทเคน {token.prefix}… ของ {token.user.username} แล้ว", highlight=False)
        return
    if list_:
        _print_tokens(username)
        return
    if not username:
        console.print("กรุณาระบุชื่อผู้ใช้ที่จะออกโทเคนให้", highlight=False)
        raise typer.Exit(2)
    user = user_by_name(username)
    if user is None:
        console.print(f"ไม่พบผู้ใช้ '{username}'", highlight=False)
        raise typer.Exit(2)
    from django.core.exceptions import ValidationError

    try:
        print(issue_token(actor=None, user=user, days=days, name=name))
    except ValidationError as exc:
        console.print(" ".join(exc.messages), highlight=False)
        raise typer.Exit(2) from None


def _print_tokens(username: str) -> None:
    from django.utils import timezone
    from rich.table import Table

    from ..ita.thaidates import format_date
    from ..web.api.models import ApiToken

    tokens = ApiToken.objects.select_related("user").order_by("user__username", "-created_at")
    if username:
        tokens = tokens.filter(user__username=username)
    table = Table(title="โทเคน API", title_justify="left")
    for header in ("ผู้ใช้", "โทเคน", "ชื่อเรียก", "หมดอายุ", "สถานะ"):
        table.add_column(header)
    for token in tokens:
        expires = format_date(timezone.localtime(token.expires_at).date())
        table.add_row(token.user.username, f"{token.prefix}…", token.name, expires, token.status)
    console.print(table)


@web_app.command("manage", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def manage_command(ctx: typer.Context) -> None:
    """เรียกคำสั่งจัดการของ Django เช่น prongsai web manage createsuperuser"""
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["prongsai web manage", *ctx.args])
