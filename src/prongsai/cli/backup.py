"""`prongsai backup` and `prongsai restore`: the whole installation (database, evidence files), one checked archive."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import INPUT_ERROR_EXIT, console, errors
from .web import _django


def backup_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="ไฟล์สำรองที่จะสร้าง (.tar.gz ต้องยังไม่มีอยู่)")],
) -> None:
    """สำรองฐานข้อมูลและไฟล์หลักฐานทั้งหมดไว้ในไฟล์เดียว พร้อมบัญชีรายการ (จำนวนแถว ค่า SHA-256)"""
    _django()
    from ..web.core.backup import BackupError, create_backup

    try:
        manifest = create_backup(output)
    except BackupError as error:
        errors.print(str(error), highlight=False)
        raise typer.Exit(INPUT_ERROR_EXIT) from None
    rows = sum(manifest["tables"].values())
    files = len(manifest["files"]) - 1
    console.print(
        f"สำรองข้อมูลแล้วที่ {output}: {len(manifest['tables'])} ตาราง {rows:,} แถว ไฟล์หลักฐาน {files:,} ไฟล์", highlight=False
    )


def restore_command(
    archive: Annotated[Path, typer.Argument(help="ไฟล์สำรองที่สร้างด้วย prongsai backup")],
) -> None:
    """กู้คืนระบบจากไฟล์สำรองลงในระบบใหม่ที่ยังว่าง (ตรวจบัญชีรายการก่อน ไม่เขียนทับข้อมูลเดิม)"""
    _django()
    from django.core.management import call_command

    from ..web.core.backup import BackupError, restore_backup

    try:
        manifest = restore_backup(archive)
    except BackupError as error:
        errors.print(str(error), highlight=False)
        raise typer.Exit(INPUT_ERROR_EXIT) from None
    call_command("migrate", interactive=False, verbosity=0)  # an archive of an older version is brought up to date
    rows = sum(manifest["tables"].values())
    console.print(
        f"กู้คืนแล้วจากไฟล์สำรองเมื่อ {manifest.get('created', '')}: {len(manifest['tables'])} ตาราง"
        f" {rows:,} แถว ไฟล์หลักฐาน {len(manifest['files']) - 1:,} ไฟล์ ตรวจค่า SHA-256 ครบทุกไฟล์แล้ว",
        highlight=False,
    )
