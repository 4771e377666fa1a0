"""`load_demo`: fill an empty database with the demo tree, results and users, and print the logins."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ...demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "เพิ่มข้อมูลสาธิต (หน่วยงานตัวอย่าง ผลคะแนน และผู้ใช้ทุกบทบาท) ในฐานข้อมูลว่าง"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--password", default=DEMO_PASSWORD)
        parser.add_argument("--if-empty", action="store_true", help="ข้ามไปเงียบ ๆ ถ้ามีข้อมูลอยู่แล้ว")

    def handle(self, *args: Any, **options: Any) -> None:
        from ....organisations.models import Organisation

        if Organisation.objects.exists():
            if options["if_empty"]:
                return
            raise CommandError("ฐานข้อมูลมีข้อมูลอยู่แล้ว จึงไม่เพิ่มข้อมูลสาธิต")
        users = load_demo(password=options["password"])
        self.stdout.write(f"เพิ่มข้อมูลสาธิตแล้ว: ผู้ใช้ {len(users)} บัญชี")
