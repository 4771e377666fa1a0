"""The one edit-permission predicate, `Scope.can_edit_work`, read against every role and kind of organisation."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from prongsai.web.accounts.models import ADMIN, AGENCY_ADMIN, AGENCY_EDITOR, AGENCY_VIEWER, OVERSIGHT
from prongsai.web.accounts.selectors import EMPTY, Scope


def _org(pk: int, kind: str, path: str) -> SimpleNamespace:
    return SimpleNamespace(pk=pk, kind=kind, path=path)


AGENCY = _org(3, "agency", "1/2/3/")
OTHER_AGENCY = _org(4, "agency", "1/2/4/")
MINISTRY = _org(2, "ministry", "1/2/")
NATIONAL = _org(1, "national", "1/")
WORKGROUP = _org(5, "workgroup", "1/2/3/5/")


@pytest.mark.parametrize(
    ("scope", "org", "expected"),
    [
        (Scope(1, ADMIN, None, None), AGENCY, True),
        (Scope(1, ADMIN, None, None), MINISTRY, True),
        (Scope(1, ADMIN, None, None), NATIONAL, False),
        (Scope(1, ADMIN, None, None), WORKGROUP, False),
        (Scope(2, AGENCY_ADMIN, 3, "1/2/3/"), AGENCY, True),
        (Scope(2, AGENCY_EDITOR, 3, "1/2/3/"), AGENCY, True),
        (Scope(2, AGENCY_VIEWER, 3, "1/2/3/"), AGENCY, False),
        (Scope(2, AGENCY_EDITOR, 3, "1/2/3/"), OTHER_AGENCY, False),
        (Scope(2, AGENCY_EDITOR, 3, "1/2/3/"), WORKGROUP, False),
        (Scope(3, OVERSIGHT, 2, "1/2/"), MINISTRY, True),
        (Scope(3, OVERSIGHT, 2, "1/2/"), AGENCY, False),
        (Scope(3, OVERSIGHT, 1, "1/"), MINISTRY, False),
        (Scope(3, AGENCY_ADMIN, 2, "1/2/"), MINISTRY, False),
        (EMPTY, AGENCY, False),
    ],
)
def test_who_edits_the_work_of_an_organisation(scope: Scope, org: SimpleNamespace, expected: bool) -> None:
    assert scope.can_edit_work(org) is expected
