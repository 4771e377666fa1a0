"""Pages of an agency's OIT boards: the boards by year and a new one, one board with its filters, assignments,
work groups, website administrator, link checks, the publication list and the roll-over to the next year."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ...ita.library import available_years
from ...ita.oit_board import (
    STATUS_NAMES,
    BoardUnavailable,
    board_template_for_year,
)
from ..accounts.middleware import ScopedRequest
from ..core.notfound import agency_or_404
from ..organisations.models import Organisation
from ..organisations.selectors import breadcrumbs, workgroups_of
from ..organisations.services import create_workgroups
from .forms import (
    KEEP_VALUE,
    AssignForm,
    CreateBoardForm,
    FilterForm,
    WebmasterForm,
    WorkgroupsForm,
    chosen_id,
)
from .models import ItemStatus, OitBoard
from .permissions import may_review
from .selectors import (
    NONE,
    Filters,
    assignable_people,
    board_of,
    board_view,
    boards_of,
    publish_groups,
    today,
    user_by_id,
)
from .services import (
    KEEP,
    assign_items,
    check_board_links,
    create_board,
    roll_over,
    roll_preview,
    set_webmaster,
)
from .view_helpers import CSS, board_or_404, editable_board, error_text


def boards(request: ScopedRequest, org_id: int) -> HttpResponse:
    """The agency's boards by year, and a new board for a year (POST)."""
    scope = request.scope
    org = agency_or_404(request.scope, org_id)
    existing = boards_of(scope, org)
    editable = scope.can_edit_work(org)
    form = CreateBoardForm(request.POST or None, taken={b.year for b in existing})
    if request.method == "POST":
        if not editable:
            raise PermissionDenied("บทบาทของท่านสร้างกระดานไม่ได้")
        if form.is_valid():
            year = form.cleaned_data["year"]
            try:
                create_board(actor=request.user, organisation=org, year=year)
            except ValidationError as exc:
                form.add_error("year", error_text(exc))
            else:
                messages.success(request, f"สร้างกระดานเตรียมข้อมูล OIT ปี {year} แล้ว")
                return redirect("oit_board", org_id=org.pk, year=year)
    summaries = [(b, board_view(b)) for b in existing]
    return render(
        request,
        "oitboard/boards.html",
        {
            "org": org,
            "crumbs": breadcrumbs(scope, org),
            "summaries": summaries,
            "form": form,
            "can_edit": editable,
            "css": CSS,
        },
        status=400 if request.method == "POST" else 200,
    )


def _filters(form: FilterForm) -> Filters:
    if not form.is_valid():
        return Filters()
    data = form.cleaned_data
    return Filters(status=data["status"], group=data["group"], person=data["person"], overdue=data["overdue"])


def _assign_form(board: OitBoard, data: Any, groups: list[Organisation], people: list[Any]) -> AssignForm:
    items = list(board.items.values_list("pk", "code", "sub_indicator"))
    subs = sorted({s for _, _, s in items if s})
    return AssignForm(
        data, item_choices=[(pk, code) for pk, code, _ in items], sub_choices=subs, groups=groups, people=people
    )


def _render_board(
    request: ScopedRequest,
    org: Organisation,
    board: OitBoard,
    *,
    assign_form: AssignForm | None = None,
    workgroups_form: WorkgroupsForm | None = None,
    status: int = 200,
) -> HttpResponse:
    scope = request.scope
    groups, people = list(workgroups_of(org)), assignable_people(org)
    filter_form = FilterForm(request.GET or None, groups=groups, people=people)
    filters = _filters(filter_form)
    editable, reviewer = scope.can_edit_work(org), may_review(scope, org)
    view = board_view(board, filters)
    query = request.GET.urlencode()
    return render(
        request,
        "oitboard/board.html",
        {
            "org": org,
            "board": board,
            "view": view,
            "crumbs": breadcrumbs(scope, org),
            "css": CSS,
            "filter_form": filter_form,
            "filters": filters,
            "status_names": STATUS_NAMES,
            "query": query,
            "can_edit": editable,
            "can_review": reviewer,
            "groups": groups,
            "assign_form": assign_form or (_assign_form(board, None, groups, people) if editable else None),
            "workgroups_form": workgroups_form or WorkgroupsForm(),
            "may_add_groups": editable and (reviewer or not groups),
            "webmaster_form": WebmasterForm(initial={"webmaster": board.webmaster_id}, people=people),
            "status_counts": [(s, STATUS_NAMES[s], n) for s, n in view.counts.items()],
            "link_budget": settings.OIT_LINK_BUDGET,
            "roll_reason": _roll_reason(board) if editable else None,
        },
        status=status,
    )


def _roll_reason(board: OitBoard) -> str | None:
    """Why next year's board cannot be made from this one (no OIT list for that year yet, or it exists), so the
    board offers the roll-over only when it can work instead of leading to a page that says it cannot."""
    if OitBoard.objects.filter(organisation=board.organisation, year=board.year + 1).exists():
        return f"มีกระดานปี {board.year + 1} แล้ว"
    try:
        board_template_for_year(board.year + 1)
    except BoardUnavailable:
        return f"ยกยอดไปปี {board.year + 1} ไม่ได้ เพราะโปรแกรมยังไม่มีรายการข้อ OIT ของปี {board.year + 1}"
    return None


def board(request: ScopedRequest, org_id: int, year: int) -> HttpResponse:
    """The board of one year: counts, filters, rows by sub-indicator; a Thai notice when there is none."""
    scope = request.scope
    org = agency_or_404(request.scope, org_id)
    found = board_of(scope, org, year)
    if found is not None:
        return _render_board(request, org, found)
    try:
        template = board_template_for_year(year)
        reason = None
    except BoardUnavailable as exc:
        template, reason = None, exc.message
    return render(
        request,
        "oitboard/missing.html",
        {
            "org": org,
            "year": year,
            "reason": reason,
            "template": template,
            "crumbs": breadcrumbs(scope, org),
            "can_edit": scope.can_edit_work(org),
            "css": CSS,
            "years": available_years(),
        },
    )


@require_POST
def assign(request: ScopedRequest, org_id: int, year: int) -> HttpResponse:
    """Bulk assignment: the ticked items (and whole sub-indicators) get a work group, person or due date."""
    org, found = editable_board(request, org_id, year)
    groups, people = list(workgroups_of(org)), assignable_people(org)
    form = _assign_form(found, request.POST, groups, people)
    if not form.is_valid():
        return _render_board(request, org, found, assign_form=form, status=400)
    data = form.cleaned_data
    ids = set(data["items"]) | set(found.items.filter(sub_indicator__in=data["subs"]).values_list("pk", flat=True))
    workgroup: Any = KEEP
    if data["workgroup"] != KEEP_VALUE:
        workgroup = None if data["workgroup"] == NONE else Organisation.objects.get(pk=int(data["workgroup"]))
    assignee: Any = KEEP
    if data["assignee"] != KEEP_VALUE:
        assignee = None if data["assignee"] == NONE else user_by_id(chosen_id(data["assignee"]))
    due = data["due"] if data["due"] is not None else KEEP
    try:
        count = assign_items(
            actor=request.user, board=found, item_ids=sorted(ids), workgroup=workgroup, assignee=assignee, due=due
        )
    except ValidationError as exc:
        form.add_error(None, error_text(exc))
        return _render_board(request, org, found, assign_form=form, status=400)
    messages.success(request, f"มอบหมายแล้ว {count} ข้อ")
    return redirect(reverse("oit_board", args=[org.pk, year]) + (f"?{request.GET.urlencode()}" if request.GET else ""))


@require_POST
def workgroups(request: ScopedRequest, org_id: int, year: int) -> HttpResponse:
    """Add work groups from the board (the agency administrator; an editor only while there are none)."""
    org, found = editable_board(request, org_id, year)
    form = WorkgroupsForm(request.POST)
    if form.is_valid():
        try:
            made = create_workgroups(actor=request.user, agency=org, names=form.cleaned_data["names"])
        except ValidationError as exc:
            form.add_error("names", error_text(exc))
        else:
            messages.success(request, "เพิ่มกลุ่มงานแล้ว: " + ", ".join(g.name for g in made))
            return redirect("oit_board", org_id=org.pk, year=year)
    return _render_board(request, org, found, workgroups_form=form, status=400)


@require_POST
def webmaster(request: ScopedRequest, org_id: int, year: int) -> HttpResponse:
    org, found = editable_board(request, org_id, year)
    form = WebmasterForm(request.POST, people=assignable_people(org))
    if not form.is_valid():
        messages.error(request, "เลือกผู้ดูแลเว็บไซต์จากรายชื่อผู้ใช้ของหน่วยงาน")
        return redirect("oit_board", org_id=org.pk, year=year)
    user = user_by_id(chosen_id(form.cleaned_data["webmaster"]))
    try:
        set_webmaster(actor=request.user, board=found, user=user)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            f"มอบหมายผู้ดูแลเว็บไซต์แล้ว: {user.get_full_name() or user.username}"
            if user
            else "ยกเลิกการมอบหมายผู้ดูแลเว็บไซต์แล้ว",
        )
    return redirect("oit_board", org_id=org.pk, year=year)


@require_POST
def check_links(request: ScopedRequest, org_id: int, year: int) -> HttpResponse:
    """Open every evidence link of the board now (bounded in time, a few at a time) and record what answered."""
    org, found = editable_board(request, org_id, year)
    summary = check_board_links(actor=request.user, board=found)
    if summary.checked == 0 and summary.late == 0:
        messages.error(request, "กระดานนี้ยังไม่มีลิงก์หลักฐานให้ตรวจ")
    else:
        text = f"ตรวจลิงก์แล้ว {summary.checked} ลิงก์: เปิดได้ {summary.ok} เปิดไม่ได้ {summary.broken}"
        if summary.late:
            text += f" และตรวจไม่ทันในเวลาที่กำหนดอีก {summary.late} ลิงก์ (กดตรวจอีกครั้งเพื่อตรวจลิงก์ที่เหลือก่อน)"
        (messages.warning if summary.broken or summary.late else messages.success)(request, text)
    return redirect("oit_board", org_id=org.pk, year=year)


def publish(request: ScopedRequest, org_id: int, year: int) -> HttpResponse:
    """The website administrator's list: approved and submitted items with their links, printable."""
    scope = request.scope
    org, found = board_or_404(request, org_id, year)
    groups = publish_groups(found)
    return render(
        request,
        "oitboard/publish.html",
        {
            "org": org,
            "board": found,
            "groups": groups,
            "crumbs": breadcrumbs(scope, org),
            "css": CSS,
            "approved": sum(r.item.status == ItemStatus.APPROVED for g in groups for r in g.rows),
            "submitted": sum(r.item.status == ItemStatus.SUBMITTED for g in groups for r in g.rows),
            "today": today(),
        },
    )


def roll(request: ScopedRequest, org_id: int, year: int) -> HttpResponse:
    """Next year's board from this one: a preview (GET), then the roll-over itself (POST)."""
    scope = request.scope
    org, found = board_or_404(request, org_id, year)
    editable = scope.can_edit_work(org)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied("บทบาทของท่านยกยอดกระดานไม่ได้")
        try:
            new, plan = roll_over(actor=request.user, board=found)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
            return redirect("oit_roll", org_id=org.pk, year=year)
        messages.success(
            request,
            f"สร้างกระดานปี {new.year} จากปี {year} แล้ว: ยกมา {len(plan.carried)} ข้อ"
            + (f" ยกมาไม่ได้ {len(plan.dropped)} ข้อ (ดูรายการด้านล่าง)" if plan.dropped else ""),
        )
        return redirect("oit_board", org_id=org.pk, year=new.year)
    preview, reason = roll_preview(found)
    titles = dict(found.items.values_list("code", "title"))
    dropped = [(code, titles.get(code, ""), why) for code, why in preview.dropped.items()] if preview else []
    return render(
        request,
        "oitboard/roll.html",
        {
            "org": org,
            "board": found,
            "plan": preview,
            "reason": reason,
            "dropped": dropped,
            "titles": titles,
            "crumbs": breadcrumbs(scope, org),
            "css": CSS,
            "can_edit": editable,
            "moved": [(old, new) for old, new in (preview.carried.items() if preview else []) if old != new],
        },
    )
