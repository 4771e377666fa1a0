"""The demo OIT board: อบจ.อ่างทอง 2566 with work groups, a website administrator, and items approved, submitted,
sent back and overdue, as `make run` shows it."""

from __future__ import annotations

from typing import Any

from prongsai.web.core.demo import ANGTHONG, load_demo
from prongsai.web.oitboard.models import OitBoard
from prongsai.web.oitboard.selectors import board_view, publish_groups


def test_demo_board(db: Any) -> None:
    load_demo(agencies=1)
    board = OitBoard.objects.get(organisation__name=ANGTHONG, year=2566)
    view = board_view(board)
    assert view.total == 43 and view.unassigned == 0
    assert view.counts["approved"] == 1 and view.counts["submitted"] == 1 and view.counts["needs_correction"] == 1
    assert view.overdue == 1
    overdue = [r.item.code for g in view.groups for r in g.rows if r.overdue]
    assert overdue == ["O5"]
    assert {r.item.workgroup.name for g in view.groups for r in g.rows} == {
        "สำนักปลัด",
        "กองคลัง",
        "กองยุทธศาสตร์และงบประมาณ",
    }
    assert board.webmaster is not None and board.webmaster.username == "angthong_viewer"
    assert [r.item.code for g in publish_groups(board) for r in g.rows] == ["O1", "O2"]
    assert board.items.get(code="O18").comments.filter(to_status="needs_correction").exclude(text="").exists()
