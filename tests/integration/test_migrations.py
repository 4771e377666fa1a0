"""Every model change has its migration: a fresh database built by `migrate` matches the models exactly."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration() -> None:
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:  # --check exits 1 when a migration would be written
        pytest.fail(f"a model change has no migration (exit {exit_.code}):\n{out.getvalue()}")
    assert "No changes detected" in out.getvalue()
