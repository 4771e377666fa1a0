"""Pages of the OIT preparation board. Thin: selectors read through the reader's scope (a foreign agency or item
is a 404), services check permission and write; a refused write changes nothing."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ...ita.library import available_years
from ...ita.oit_board import (
    NEEDS_CORRECTION,
    STATUS_NAMES,
    BoardUnavailable,
    board_template_for_year,
    days_late,
    is_overdue,
    next_statuses,
)
from ..accounts.middleware import ScopedRequest
from ..core.concurrency import EditConflict, dumps, loads, version_of
from ..core.notfound import or_404
from ..organisations.models import Organisation
from ..organisations.selectors import breadcrumbs, visible_organisation, workgroups_of
from ..organisations.services import create_workgroups
from .forms import (
    KEEP_VALUE,
    AssignForm,
    CommentForm,
    CreateBoardForm,
    FilterForm,
    ItemForm,
    WebmasterForm,
    WorkgroupsForm,
    chosen_id,
)
from .models import ItemStatus, OitBoard, OitItem
from .permissions import may_review
from .selectors import (
    NONE,
    Filters,
    assignable_people,
    board_of,
    board_view,
    boards_of,
    item_history,
    item_shown,
    publish_groups,
    today,
    user_by_id,
    visible_item,
)
from .services import (
    KEEP,
    add_comment,
    assign_items,
    change_status,
    check_board_links,
    create_board,
    roll_over,
    roll_preview,
    save_item_page,
    set_webmaster,
)

CSS = "oitboard/board.css"


def _agency(request: ScopedRequest, org_id: int) -> Organisation:
    org = or_404(visible_organisation(request.scope, org_id))
    if not org.is_agency:
        raise Http404("ไม่พบหน่วยงาน")
    return org


def _board(request: ScopedRequest, org_id: int, year: int) -> tuple[Organisation, OitBoard]:
    org = _agency(request, org_id)
    board = board_of(request.scope, org, year)
    if board is None:
        raise Http404("ยังไม่มีกระดานของปีนี้")
    return org, board


def _editable_board(request: ScopedRequest, org_id: int, year: int) -> tuple[Organisation, OitBoard]:
    org, board = _board(request, org_id, year)
    if not request.scope.can_edit_work(org):
        raise PermissionDenied("บทบาทของท่านดูกระดานได้อย่างเดียว")
    return org, board


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def boards(request: ScopedRequest, org_id: int) -> HttpResponse:
    """The agency's boards by year, and a new board for a year (POST)."""
    scope = request.scope
    org = _agency(request, org_id)
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
                form.add_error("year", _errors(exc))
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
    org = _agency(request, org_id)
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
    org, found = _editable_board(request, org_id, year)
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
        form.add_error(None, _errors(exc))
        return _render_board(request, org, found, assign_form=form, status=400)
    messages.success(request, f"มอบหมายแล้ว {count} ข้อ")
    return redirect(reverse("oit_board", args=[org.pk, year]) + (f"?{request.GET.urlencode()}" if request.GET else ""))


@require_POST
def workgroups(request: ScopedRequest, org_id: int, year: int) -> HttpResponse:
    """Add work groups from the board (the agency administrator; an editor only while there are none)."""
    org, found = _editable_board(request, org_id, year)
    form = WorkgroupsForm(request.POST)
    if form.is_valid():
        try:
            made = create_workgroups(actor=request.user, agency=org, names=form.cleaned_data["names"])
        except ValidationError as exc:
            form.add_error("names", _errors(exc))
        else:
            messages.success(request, "เพิ่มกลุ่มงานแล้ว: " + ", ".join(g.name for g in made))
            return redirect("oit_board", org_id=org.pk, year=year)
    return _render_board(request, org, found, workgroups_form=form, status=400)


@require_POST
def webmaster(request: ScopedRequest, org_id: int, year: int) -> HttpResponse:
    org, found = _editable_board(request, org_id, year)
    form = WebmasterForm(request.POST, people=assignable_people(org))
    if not form.is_valid():
        messages.error(request, "เลือกผู้ดูแลเว็บไซต์จากรายชื่อผู้ใช้ของหน่วยงาน")
        return redirect("oit_board", org_id=org.pk, year=year)
    user = user_by_id(chosen_id(form.cleaned_data["webmaster"]))
    try:
        set_webmaster(actor=request.user, board=found, user=user)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
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
    org, found = _editable_board(request, org_id, year)
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
    org, found = _board(request, org_id, year)
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
    org, found = _board(request, org_id, year)
    editable = scope.can_edit_work(org)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied("บทบาทของท่านยกยอดกระดานไม่ได้")
        try:
            new, plan = roll_over(actor=request.user, board=found)
        except ValidationError as exc:
            messages.error(request, _errors(exc))
            return redirect("oit_roll", org_id=org.pk, year=year)
        messages.success(
            request,
            f"สร้างกระดานปี {new.year} จากปี {year} แล้ว: ยกมา {len(plan.carried)} ข้อ"
            + (f" ยกมาไม่ได้ {len(plan.dropped)} ข้อ (ดูรายการด้านล่าง)" if plan.dropped else ""),
        )
        return redirect("oit_board", org_id=org.pk, year=new.year)
    plan, reason = roll_preview(found)
    titles = dict(found.items.values_list("code", "title"))
    dropped = [(code, titles.get(code, ""), why) for code, why in plan.dropped.items()] if plan else []
    return render(
        request,
        "oitboard/roll.html",
        {
            "org": org,
            "board": found,
            "plan": plan,
            "reason": reason,
            "dropped": dropped,
            "titles": titles,
            "crumbs": breadcrumbs(scope, org),
            "css": CSS,
            "can_edit": editable,
            "moved": [(old, new) for old, new in (plan.carried.items() if plan else []) if old != new],
        },
    )


def _render_item(
    request: ScopedRequest,
    item: OitItem,
    form: ItemForm | None = None,
    comment_form: CommentForm | None = None,
    status: int = 200,
    version: int | None = None,
    seen: str = "",
    comment: str = "",
    error: str = "",
) -> HttpResponse:
    scope = request.scope
    org = item.board.organisation
    editable, reviewer = scope.can_edit_work(org), may_review(scope, org)
    groups, people = list(workgroups_of(org)), assignable_people(org)
    if form is None:
        form = ItemForm(
            initial={
                "workgroup": item.workgroup_id or "",
                "assignee": item.assignee_id or "",
                "due": item.due,
                "urls": "\n".join(link.url for link in item.links.order_by("position")),
            },
            groups=groups,
            people=people,
        )
    day = today()
    history = item_history(item)
    moves = next_statuses(item.status, may_edit=editable, may_review=reviewer)
    sent_back = [c for c in history if c.to_status == NEEDS_CORRECTION and c.text]
    return render(
        request,
        "oitboard/item.html",
        {
            "org": org,
            "item": item,
            "board": item.board,
            "crumbs": breadcrumbs(scope, org),
            "css": CSS,
            "links": list(item.links.order_by("position")),
            "history": history,
            "form": form,
            "comment_form": comment_form or CommentForm(),
            "can_edit": editable,
            "can_review": reviewer,
            "status_name": STATUS_NAMES[item.status],
            "moves": [(s, STATUS_NAMES[s]) for s in moves],
            "may_send_back": NEEDS_CORRECTION in moves,
            "last_review": sent_back[-1] if item.status == NEEDS_CORRECTION and sent_back else None,
            "overdue": is_overdue(item.status, item.due, day),
            "days_late": days_late(item.due, day),
            "version": item.version if version is None else version,
            "seen": seen or dumps(item_shown(item)),
            "comment": comment,
            "page_error": error,
        },
        status=status,
    )


def item(request: ScopedRequest, item_id: int) -> HttpResponse:
    """One item: its facts, assignment and links (editable by the board's editors), status moves and history.
    The page is one form: a status button, "บันทึก" and "บันทึกความเห็น" each save everything typed (assignment,
    links, comment) or nothing, with the typed values shown again and the reason said."""
    scope = request.scope
    found = or_404(visible_item(scope, item_id))
    if request.method != "POST":
        return _render_item(request, found)
    return _save_item_page(request, found)


def _save_item_page(request: ScopedRequest, found: OitItem) -> HttpResponse:
    scope = request.scope
    org = found.board.organisation
    editable = scope.can_edit_work(org)
    if not (editable or may_review(scope, org)):
        raise PermissionDenied("บทบาทของท่านดูข้อนี้ได้อย่างเดียว")
    target = request.POST.get("to", "")
    comment = request.POST.get("comment", "") or request.POST.get("text", "")
    version, seen = version_of(request.POST.get("version")), request.POST.get("seen", "")
    form = None
    edit = None
    if "urls" in request.POST:
        if not editable:
            raise PermissionDenied("บทบาทของท่านดูข้อนี้ได้อย่างเดียว")
        form = ItemForm(request.POST, groups=list(workgroups_of(org)), people=assignable_people(org))
        if form.is_valid():
            data = form.cleaned_data
            group_id = chosen_id(data["workgroup"])
            edit = {
                "workgroup": Organisation.objects.get(pk=group_id) if group_id else None,
                "assignee": user_by_id(chosen_id(data["assignee"])),
                "due": data["due"],
                "urls_text": data["urls"],
            }
    if request.POST.get("then") == "comment" and not comment.strip():
        error = "ต้องพิมพ์ความเห็นก่อนกดบันทึกความเห็น"
    elif form is not None and edit is None:
        error = "การมอบหมายหรือลิงก์หลักฐานยังไม่ถูกต้อง (ดูที่ช่องที่มีข้อความสีแดง)"
    else:
        error = ""
        try:
            saved = save_item_page(
                actor=request.user,
                item=found,
                edit=edit,
                target=target,
                comment=comment,
                version=version,
                seen=loads(seen),
            )
        except EditConflict as exc:
            error, version, seen = exc.messages[0], None, ""
            found.refresh_from_db()
        except ValidationError as exc:
            error = _errors(exc)
        else:
            done = []
            if saved.updated:
                done.append(f"บันทึกข้อ {found.code} แล้ว")
            if saved.status:
                done.append(f'ข้อ {found.code}: เปลี่ยนสถานะเป็น "{STATUS_NAMES[saved.status]}" แล้ว')
            if saved.commented:
                done.append("บันทึกความเห็นแล้ว")
            messages.success(request, " · ".join(done) or "ไม่มีสิ่งที่เปลี่ยนแปลง")
            return redirect("oit_item", item_id=found.pk)
    error = f"ยังไม่ได้บันทึกสิ่งใด: {error} สิ่งที่พิมพ์ไว้ยังอยู่ครบ"
    return _render_item(request, found, form=form, status=400, version=version, seen=seen, comment=comment, error=error)


@require_POST
def item_status(request: ScopedRequest, item_id: int) -> HttpResponse:
    """Move an item along the workflow (the item page's own form posts to the item; this stays for scripts)."""
    found = or_404(visible_item(request.scope, item_id))
    target = request.POST.get("to", "")
    try:
        change_status(
            actor=request.user,
            item=found,
            target=target,
            comment=request.POST.get("comment", ""),
            version=version_of(request.POST.get("version")),
            seen=loads(request.POST.get("seen", "")),
        )
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, f'ข้อ {found.code}: เปลี่ยนสถานะเป็น "{STATUS_NAMES[target]}" แล้ว')
    return redirect("oit_item", item_id=found.pk)


@require_POST
def item_comment(request: ScopedRequest, item_id: int) -> HttpResponse:
    found = or_404(visible_item(request.scope, item_id))
    org = found.board.organisation
    scope = request.scope
    if not (scope.can_edit_work(org) or may_review(scope, org)):
        raise PermissionDenied("บทบาทของท่านแสดงความเห็นไม่ได้")
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            add_comment(actor=request.user, item=found, text=form.cleaned_data["text"])
        except ValidationError as exc:
            form.add_error("text", _errors(exc))
        else:
            messages.success(request, "บันทึกความเห็นแล้ว")
            return redirect("oit_item", item_id=found.pk)
    return _render_item(request, found, comment_form=form, status=400)
