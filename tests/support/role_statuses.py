"""The status each role of the test world gets from a page of its own agency, for the permission matrix's expected
tables (tests/support/plans_world.py, surveys_world.py): every role reads it, or only those who may write."""

from __future__ import annotations

READERS = {"admin": 200, "oversight": 200, "agency_admin": 200, "agency_editor": 200, "agency_viewer": 200}
EDITORS = {"admin": 200, "oversight": 403, "agency_admin": 200, "agency_editor": 200, "agency_viewer": 403}
