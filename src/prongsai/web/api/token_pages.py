"""The web pages of API tokens: list, create (the token is shown once, on the page that answers the creation) and
revoke. Everyone manages their own tokens; a system administrator sees and revokes everyone's."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ..accounts.middleware import ScopedRequest
from ..core.notfound import or_404
from .models import DEFAULT_TOKEN_DAYS, TOKEN_DAYS_CHOICES
from .selectors import get_visible_token, visible_tokens
from .services import issue_token, revoke_token


class TokenForm(forms.Form):
    name = forms.CharField(label="ชื่อเรียก (เช่น ระบบรายงานของจังหวัด)", max_length=100, required=False)
    days = forms.TypedChoiceField(
        label="อายุของโทเคน", choices=TOKEN_DAYS_CHOICES, coerce=int, initial=DEFAULT_TOKEN_DAYS
    )


def tokens(request: ScopedRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_token = ""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                new_token = issue_token(
                    actor=request.user,
                    user=request.user,
                    days=form.cleaned_data["days"],
                    name=form.cleaned_data["name"],
                )
            except ValidationError as exc:
                form.add_error(None, " ".join(exc.messages))
                status = 400
            else:
                form = TokenForm()
        else:
            status = 400
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "tokens": visible_tokens(request.user),
            "new_token": new_token,
            "all_users": request.scope.is_admin,
        },
        status=status,
    )


@require_POST
def token_revoke(request: ScopedRequest, token_id: int) -> HttpResponse:
    token = or_404(get_visible_token(request.user, token_id), "ไม่พบโทเคน")
    revoke_token(actor=request.user, token=token)
    messages.success(request, f"เพิกถอนโทเคน {token.prefix}… แล้ว")
    return redirect("tokens")
