"""Writes for plans and progress, in one place for their callers: each checks the actor may edit the agency's plan,
writes all-or-nothing and records an audit event in the same transaction. `actor` None is the system (demo data).
The writes live in modules named after what they change; this module names them all."""

from __future__ import annotations

from .measure_services import (
    StepEdit,
    add_step,
    delete_measure,
    delete_step,
    move_measure,
    move_step,
    save_measure,
    save_step,
)
from .plan_services import carry_plan_to_framework, create_plan, import_plan_file, preview_plan_import, roll_over
from .progress_services import NewEvidence, QuarterSaved, add_evidence, add_revision, record_quarter, save_progress
from .service_helpers import BLANK, DRAFT

__all__ = [
    "BLANK",
    "DRAFT",
    "NewEvidence",
    "QuarterSaved",
    "StepEdit",
    "add_evidence",
    "add_revision",
    "add_step",
    "carry_plan_to_framework",
    "create_plan",
    "delete_measure",
    "delete_step",
    "import_plan_file",
    "move_measure",
    "move_step",
    "preview_plan_import",
    "record_quarter",
    "roll_over",
    "save_measure",
    "save_progress",
    "save_step",
]
