"""Evidence files: none is left on disk when the upload's transaction fails at commit, the older Word and Excel
formats (.doc, .xls) are accepted by their OLE2 header, and the check reads no more than it needs."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from prongsai.web.plans import progress_services
from prongsai.web.plans.evidence_files import HEADER_BYTES, check_file
from prongsai.web.plans.models import Evidence, EvidenceRevision
from prongsai.web.plans.services import add_evidence, add_revision, add_step, create_plan, save_measure
from tests.support.plans_world import PDF
from tests.support.web_world import World

MISSING_USER = 987_654_321


def ole2(body: bytes = b"", version: int = 3) -> bytes:
    """The 512-byte header of an OLE2 compound file (as Word and Excel 97-2003 write it), then `body`."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[24:26] = (0x3E).to_bytes(2, "little")  # minor version
    header[26:28] = version.to_bytes(2, "little")
    header[28:30] = b"\xfe\xff"  # little-endian
    header[30:32] = (9 if version == 3 else 12).to_bytes(2, "little")  # sector size 512 or 4096
    header[32:34] = (6).to_bytes(2, "little")  # mini sector size 64
    header[44:48] = (1).to_bytes(4, "little")  # one FAT sector
    header[48:52] = (1).to_bytes(4, "little")  # first directory sector
    header[56:60] = (4096).to_bytes(4, "little")  # mini stream cutoff
    header[60:64] = b"\xfe\xff\xff\xff"  # no mini FAT
    header[68:72] = b"\xfe\xff\xff\xff"  # no DIFAT sectors
    header[76:80] = (0).to_bytes(4, "little")
    header[80:512] = b"\xff" * 432
    return bytes(header) + body


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def _measure(world: World) -> Any:
    plan = create_plan(actor=None, organisation=world.own, year=2567, mode="blank")
    measure = save_measure(actor=None, plan=plan, text="มาตรการที่มีหลักฐาน")
    add_step(actor=None, measure=measure, text="ประชุม")
    return measure


def _files(media: Path) -> list[Path]:
    return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []


def _fail_at_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the service's transaction fail when it commits, as a "database is locked" would: its audit step leaves a
    reference to a user who does not exist, which the database checks only at COMMIT (deferred foreign keys, on
    SQLite and PostgreSQL alike)."""
    original = progress_services.record_event

    def event_then_dangling_reference(actor: Any, action: str, obj: Any, *args: Any, **kwargs: Any) -> Any:
        result = original(actor, action, obj, *args, **kwargs)
        Evidence.objects.filter(pk=getattr(obj, "evidence_id", None) or obj.pk).update(created_by_id=MISSING_USER)
        return result

    monkeypatch.setattr(progress_services, "record_event", event_then_dangling_reference)


def test_an_upload_that_fails_at_commit_leaves_no_file_and_no_row(
    transactional_db: Any, world: World, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    measure = _measure(world)
    with monkeypatch.context() as patch:
        _fail_at_commit(patch)
        with pytest.raises(IntegrityError):
            add_evidence(
                actor=None, measure=measure, quarter=1, title="รายงาน", upload=SimpleUploadedFile("รายงาน.pdf", PDF)
            )
    assert not Evidence.objects.exists() and not EvidenceRevision.objects.exists()
    assert _files(media) == []
    # The same upload without the failure is stored; a revision that fails at commit leaves only the first file.
    evidence = add_evidence(
        actor=None, measure=measure, quarter=1, title="รายงาน", upload=SimpleUploadedFile("รายงาน.pdf", PDF)
    )
    first = evidence.revisions.get()
    assert _files(media) == [Path(first.file.path)]
    with monkeypatch.context() as patch:
        _fail_at_commit(patch)
        with pytest.raises(IntegrityError):
            add_revision(actor=None, evidence=evidence, upload=SimpleUploadedFile("รายงาน.pdf", PDF + b"% v2\n"))
    assert list(EvidenceRevision.objects.values_list("pk", flat=True)) == [first.pk]
    assert _files(media) == [Path(first.file.path)] and Path(first.file.path).read_bytes() == PDF


def test_an_upload_refused_inside_the_service_leaves_no_file(
    world: World, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    measure = _measure(world)

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise ValidationError("ทดสอบ")

    monkeypatch.setattr(progress_services, "record_event", refuse)  # fails after the file is written, before the commit
    with pytest.raises(ValidationError):
        add_evidence(actor=None, measure=measure, quarter=1, title="", upload=SimpleUploadedFile("ก.pdf", PDF))
    assert _files(media) == [] and not EvidenceRevision.objects.exists()


def test_doc_and_xls_are_accepted_by_their_ole2_header(world: World, media: Path) -> None:
    measure = _measure(world)
    client = Client()
    client.force_login(world.users["agency_editor"])

    def upload(name: str, body: bytes) -> Any:
        return client.post(
            reverse("evidence_new", args=[measure.pk, 1]),
            {"title": "", "file": SimpleUploadedFile(name, body), "url": "", "step": ""},
        )

    for name, body in (("บันทึกข้อความ.doc", ole2(b"\x00" * 1024)), ("งบประมาณ.XLS", ole2(b"\x00" * 4096, 4))):
        assert upload(name, body).status_code == 302, name
    assert sorted(EvidenceRevision.objects.values_list("content_type", flat=True)) == [
        "application/msword",
        "application/vnd.ms-excel",
    ]
    download = client.get(
        reverse("evidence_download", args=[EvidenceRevision.objects.get(content_type="application/msword").pk])
    )
    assert download["Content-Type"] == "application/msword" and b"".join(download.streaming_content)[:8] == ole2()[:8]
    # The extension must match the content both ways, and a broken header is not an OLE2 file.
    for name, body, kind in (
        ("รายงาน.doc", PDF, "DOC"),
        ("รายงาน.pdf", ole2(), "PDF"),
        ("ตาราง.xls", ole2()[:28] + b"\xff\xfe" + ole2()[30:], "XLS"),
        ("ตาราง.xls", b"\xd0\xcf\x11\xe0", "XLS"),
    ):
        refused = upload(name, body)
        assert refused.status_code == 400 and f"เนื้อหาของไฟล์ไม่ใช่ไฟล์ {kind}" in refused.content.decode(), name
    assert EvidenceRevision.objects.count() == 2 and len(_files(media)) == 2
    page = client.get(reverse("measure_progress", args=[measure.pk, 1])).content.decode()
    assert ".doc" in page and ".xls" in page  # the form says what is accepted


class CountingReader(io.BytesIO):
    """A file that counts the bytes read from it."""

    def __init__(self, body: bytes) -> None:
        super().__init__(body)
        self.read_bytes = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.read_bytes += len(chunk)
        return chunk


def test_the_check_reads_only_the_header_and_never_past_the_declared_size(settings: Any) -> None:
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    header_only = CountingReader(b"MZ" + b"\x00" * (512 * 1024))
    with pytest.raises(ValidationError):
        check_file(header_only, "โปรแกรม.pdf", 512 * 1024 + 2)
    assert header_only.read_bytes <= HEADER_BYTES
    # A stream longer than the size it declares: refused after reading at most one byte past the declared size.
    longer = CountingReader(PDF + b"0" * (4 * 1024 * 1024))
    with pytest.raises(ValidationError, match="ขนาดไฟล์ไม่ตรงกับเนื้อหา"):
        check_file(longer, "รายงาน.pdf", len(PDF))
    assert longer.read_bytes <= HEADER_BYTES + len(PDF) + 1
    exact = CountingReader(PDF)
    assert check_file(exact, "รายงาน.pdf", len(PDF)).size == len(PDF)
