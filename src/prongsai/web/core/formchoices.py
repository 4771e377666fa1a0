"""Choices and querysets set on a form's fields once the form knows its agency or year (typed, checked)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet


def set_choices(form: forms.BaseForm, name: str, choices: Iterable[tuple[Any, str]]) -> None:
    """Give the choice field `name` its choices (a programming error if the field takes none)."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name} is not a choice field")
    field.choices = list(choices)


def set_queryset(form: forms.BaseForm, name: str, queryset: QuerySet[Any]) -> None:
    """Give the model choice field `name` the rows it may choose from."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a model choice field")
    field.queryset = queryset
