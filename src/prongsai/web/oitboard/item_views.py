"""Pages of one OIT item: its details and evidence links, its status moves and its comments."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ...ita.oit_board import (
    NEEDS_CORRECTION,
    STATUS_NAMES,
    days_late,
    is_overdue,
    next_statuses,
)
from ..accounts.middleware import ScopedRequest
from ..core.concurrency import EditConflict, dumps, loads, version_of
from ..core.notfound import or_404
from ..organisations.models import Organisation
from ..organisations.selectors import breadcrumbs, workgroups_of
from .forms import (
    CommentForm,
    ItemForm,
    chosen_id,
)
from .models import OitItem
from .permissions import may_review
from .selectors import (
    assignable_people,
    item_history,
    item_shown,
    today,
    user_by_id,
    visible_item,
)
from .services import (
    add_comment,
    change_status,
    save_item_page,
)
from .view_helpers import CSS, error_text


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
            error = error_text(exc)
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
        messages.error(request, error_text(exc))
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
            form.add_error("text", error_text(exc))
        else:
            messages.success(request, "บันทึกความเห็นแล้ว")
            return redirect("oit_item", item_id=found.pk)
    return _render_item(request, found, comment_form=form, status=400)
