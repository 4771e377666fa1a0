"""What the web system writes is private to its user (database, WAL, evidence files and folders, the secret key),
and a server that is not in debug mode does not start with the published demo password unless told to."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.web.plans.services import add_evidence, add_step, create_plan, save_measure
from tests.support.plans_world import PDF
from tests.support.web_world import World


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="file modes: POSIX only")
def test_evidence_files_and_their_folders_are_for_the_owner_only(world: World, settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    old = os.umask(0o022)
    try:
        plan = create_plan(actor=None, organisation=world.own, year=2567, mode="blank")
        measure = save_measure(actor=None, plan=plan, text="มาตรการ")
        add_step(actor=None, measure=measure, text="ขั้นตอน")
        evidence = add_evidence(
            actor=None, measure=measure, quarter=1, title="", upload=SimpleUploadedFile("หลักฐาน.pdf", PDF)
        )
    finally:
        os.umask(old)
    stored = Path(evidence.revisions.get().file.path)
    assert _mode(stored) == 0o600
    folder = stored.parent
    while folder != tmp_path:
        assert _mode(folder) == 0o700, folder
        folder = folder.parent
