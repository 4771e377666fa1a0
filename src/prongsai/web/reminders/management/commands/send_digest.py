"""`send_digest`: the daily e-mail of overdue and soon-due work, one per person; meant for cron (docs/web.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from .....ita.numbers import to_arabic_digits
from .....ita.thaidates import format_date, parse_date
from ...services import MAX_DAYS, DigestRun, send_digests


class Command(BaseCommand):
    help = "ส่งอีเมลสรุปงานที่เกินกำหนดหรือใกล้ครบกำหนดให้แต่ละคน วันละหนึ่งฉบับ"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--date", default="", help="วันที่ของสรุป เช่น 2026-11-21 หรือ 21/11/2569 (ค่าเริ่มต้น: วันนี้ตามเวลาประเทศไทย)"
        )
        parser.add_argument("--days", default="7", help=f"รวมงานที่ครบกำหนดภายในกี่วัน (0-{MAX_DAYS}, ค่าเริ่มต้น 7)")
        parser.add_argument("--dry-run", action="store_true", help="แสดงว่าจะส่งถึงใคร โดยไม่ส่งและไม่บันทึก")
        parser.add_argument("--force", action="store_true", help="ส่งซ้ำแม้วันนี้ส่งไปแล้ว")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["date"]:
            given = parse_date(options["date"])
            if given is None:
                raise CommandError(f"อ่านวันที่ “{options['date']}” ไม่ได้ ต้องเป็นวันที่ เช่น 2026-11-21 หรือ 21/11/2569")
            today = given
        days_text = str(options["days"]).strip()
        days_text = to_arabic_digits(days_text)
        if not days_text.isdigit() or not 0 <= int(days_text) <= MAX_DAYS:
            raise CommandError(f"--days ต้องเป็นจำนวนวันตั้งแต่ 0 ถึง {MAX_DAYS} (ได้รับ “{options['days']}”)")
        run = send_digests(today=today, days=int(days_text), dry_run=options["dry_run"], force=options["force"])
        self._report(run)
        if run.failed:
            raise CommandError(f"ส่งไม่สำเร็จ {len(run.failed)} ฉบับ (รายการข้างบน) จะส่งอีกครั้งเมื่อเรียกคำสั่งนี้ครั้งถัดไป")

    def _report(self, run: DigestRun) -> None:
        verb = "จะส่ง" if run.dry_run else "ส่งแล้ว"
        head = f"สรุปงานประจำวันที่ {format_date(run.today)} (งานที่ครบกำหนดภายใน {run.days} วัน)"
        self.stdout.write(head + (" — ทดลองเท่านั้น ไม่ได้ส่งอีเมล" if run.dry_run else ""))
        for s in run.sent:
            self.stdout.write(f"{verb}: {s.username} <{s.address}> เกินกำหนด {s.overdue} ใกล้ครบกำหนด {s.due_soon}")
        for name in run.no_address:
            self.stdout.write(f"ข้าม (ไม่มีอีเมล): {name}")
        for name in run.inactive:
            self.stdout.write(f"ข้าม (บัญชีปิดใช้งาน): {name}")
        for name in run.already_sent:
            self.stdout.write(f"ข้าม (ส่งของวันนี้ไปแล้ว ใช้ --force เพื่อส่งซ้ำ): {name}")
        for name, error in run.failed:
            self.stderr.write(f"ส่งไม่สำเร็จ: {name}: {error}")
        if run.hidden_items:
            self.stdout.write(f"ไม่รวม {run.hidden_items} รายการของหน่วยงานที่ผู้รับไม่มีสิทธิ์เห็นแล้ว")
        self.stdout.write(
            f"รวม{verb} {len(run.sent)} ฉบับ ข้าม {len(run.no_address) + len(run.inactive)} คน "
            f"ส่งไปแล้วก่อนหน้า {len(run.already_sent)} คน"
        )
